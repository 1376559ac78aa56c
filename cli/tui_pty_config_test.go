package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The real binary with a corrupt config in its default place: the form
// opens empty, the status line names the file and the line, and the file
// is left as it was; the picker says the same.
func TestTUIACorruptConfigIsNamedOnScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildRotui(t)
	broken := "last = \"acme\"\ndomain = = 1\n"
	home, path := configInHome(t, broken, 0o600)
	s := startInPTY(t, 160, 30, bin, []string{"TERM=xterm-256color", "XDG_CONFIG_HOME=" + home, "HOME=" + home})
	s.waitFor("Resource Owner login", "Profiles not loaded", "config.toml, line 2")
	s.send("\x0f") // ctrl+o: the picker
	s.waitFor("Profiles not read", "line 2", "left as it is")
	s.send("\x1b")
	s.waitFor("Resource Owner login", "Domain")
	s.send("\x03") // ctrl+c
	if code := s.exit(); code != 0 {
		t.Errorf("exit status %d", code)
	}
	if b, _ := os.ReadFile(path); string(b) != broken {
		t.Errorf("the corrupt config was changed:\n%s", b)
	}
}

// rotui --demo --redact: the form and the panes keep the user masked until
// ctrl+x ends presenter mode.
func TestTUIPresenterMode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildRotui(t)
	home := t.TempDir()
	s := startInPTY(t, 100, 30, bin, []string{"TERM=xterm-256color", "XDG_CONFIG_HOME=" + home, "HOME=" + home}, "--demo", "--redact")
	scr := s.waitFor("Resource Owner login", "presenter", "rotui-demo")
	if strings.Contains(scr, "alice@example.com") {
		t.Errorf("--redact shows the user on the form:\n%s", scr)
	}
	s.send("\x13") // ctrl+s
	s.waitFor("1 Summary", "200")
	s.send("9")
	scr = s.waitFor("9 History", "200 OK")
	if strings.Contains(scr, "alice@example.com") {
		t.Errorf("--redact shows the user in the history:\n%s", scr)
	}
	s.send("\x18") // ctrl+x: presenter mode asks once
	s.waitFor("ctrl+x again")
	s.send("\x18") // and goes
	s.waitFor("9 History", "alice@example.com")
	s.send("q")
	if code := s.exit(); code != 0 {
		t.Errorf("exit status %d", code)
	}
}

// The real binary with a world-readable config holding a secret-looking
// key: the status line says so when rotui opens, before which profile was
// opened, and the secret never reaches the screen.
func TestTUIConfigWarningsAreOnScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildRotui(t)
	home, _ := configInHome(t, "last = \"acme\"\n[profiles.acme]\ndomain = \"acme.us.auth0.com\"\npassword = \"s3cr3t-in-the-file\"\n", 0o644)
	s := startInPTY(t, 240, 30, bin, []string{"TERM=xterm-256color", "XDG_CONFIG_HOME=" + home, "HOME=" + home})
	s.waitFor("Resource Owner login", "2 config warnings (ctrl+o lists them)", "can be read by other users (mode 0644)", "Opened with profile acme")
	s.send("\x03") // ctrl+c
	if code := s.exit(); code != 0 {
		t.Errorf("exit status %d", code)
	}
	if strings.Contains(s.screen(), "s3cr3t-in-the-file") {
		t.Error("the secret in the file reached the screen")
	}
}

// configInHome makes a home folder whose rotui config file holds text with
// mode (chmod'ed, whatever the umask), and returns the folder and the file.
func configInHome(t *testing.T, text string, mode os.FileMode) (home, path string) {
	t.Helper()
	home = t.TempDir()
	path = filepath.Join(home, "rotui", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return home, path
}
