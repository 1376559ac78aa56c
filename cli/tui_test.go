package cli

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/rotui/rotui/config"
)

// ptyScreen runs a command in a pseudo-terminal and reads its screen
// through a terminal emulator, which also answers the program's queries.
type ptyScreen struct {
	t    *testing.T
	ptmx *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	emu  *vt.Emulator
	raw  strings.Builder
	done chan error
}

func startInPTY(t *testing.T, cols, rows int, bin string, env []string, args ...string) *ptyScreen {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	s := &ptyScreen{t: t, ptmx: ptmx, cmd: cmd, emu: vt.NewEmulator(cols, rows), done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.raw.Write(buf[:n])
				_, _ = s.emu.Write(buf[:n])
				s.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { _, _ = io.Copy(ptmx, s.emu) }() // the terminal's answers
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		ptmx.Close()
		if c, ok := s.emu.InputPipe().(io.Closer); ok {
			c.Close()
		}
	})
	return s
}

func (s *ptyScreen) screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

func (s *ptyScreen) waitFor(want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		scr = s.screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(scr, w)
		}
		if ok {
			return scr
		}
		time.Sleep(25 * time.Millisecond)
	}
	s.t.Fatalf("waited for %q; the screen shows:\n%s", want, scr)
	return ""
}

func (s *ptyScreen) send(keys string) {
	if _, err := s.ptmx.Write([]byte(keys)); err != nil {
		s.t.Fatal(err)
	}
}

// exit waits for the program to end and returns its status.
func (s *ptyScreen) exit() int {
	s.t.Helper()
	select {
	case err := <-s.done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			s.t.Fatal(err)
		}
		return 0
	case <-time.After(10 * time.Second):
		s.t.Fatalf("the program did not quit; the screen shows:\n%s", s.screen())
	}
	return -1
}

// buildRotui builds the real binary once for the tests of this package.
var buildOnce struct {
	sync.Once
	bin string
	err error
	out []byte
}

func buildRotui(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no pseudo-terminals on Windows")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rotui-pty")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.bin = filepath.Join(dir, "rotui")
		buildOnce.out, buildOnce.err = exec.Command(goBin, "build", "-o", buildOnce.bin, "github.com/rotui/rotui").CombinedOutput()
	})
	if buildOnce.err != nil {
		t.Fatalf("go build: %v\n%s", buildOnce.err, buildOnce.out)
	}
	return buildOnce.bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildOnce.bin != "" {
		os.RemoveAll(filepath.Dir(buildOnce.bin))
	}
	os.Exit(code)
}

func TestTUIDemoInAPseudoTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildRotui(t)
	s := startInPTY(t, 100, 30, bin, []string{"TERM=xterm-256color"}, "--demo")

	scr := s.waitFor("Resource Owner login", "http://127.0.0.1:", "rotui-demo", "alice@example.com", "offline_access", "demo")
	if strings.Contains(scr, "wonderland") {
		t.Errorf("the demo password is on screen unmasked:\n%s", scr)
	}
	s.send("\x04") // ctrl+d: the demo's users, with their passwords
	s.waitFor("blocked@example.com", "mfa@example.com", "wonderland")
	s.send("\x1b") // esc closes it
	s.waitFor("Domain")

	s.send("\x13") // ctrl+s
	scr = s.waitFor("1 Summary", "2 Access", "200")
	if strings.Contains(scr, "wonderland") {
		t.Errorf("the password is on the panes:\n%s", scr)
	}
	s.send("9")
	s.waitFor("9 History", "alice@example.com", "200 OK")
	s.send("3")
	s.waitFor("Claims", "RS256")
	s.send("?")
	s.waitFor("Keys", "copy raw JSON")
	s.send("?")
	s.waitFor("Claims")
	s.send("q")
	if code := s.exit(); code != 0 {
		t.Errorf("exit status %d after q", code)
	}
	// The last bytes may still be on their way from the pty when the
	// process has ended: give the reader a moment.
	alt := true
	for deadline := time.Now().Add(3 * time.Second); alt && time.Now().Before(deadline); {
		s.mu.Lock()
		alt = s.emu.IsAltScreen()
		s.mu.Unlock()
		if alt {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if alt {
		t.Error("the terminal was left in the alternate screen")
	}
}

// sgrColour matches a select-graphic-rendition sequence that sets a colour.
var sgrColour = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m`)

func TestTUIHonoursNoColor(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildRotui(t)
	s := startInPTY(t, 80, 24, bin, []string{"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=1"}, "--demo")
	s.waitFor("Resource Owner login", "alice@example.com")
	s.send("\x13")
	// Without colour the active tab is marked in brackets.
	s.waitFor("[1 Sum]", "200")
	s.send("\x03") // ctrl+c
	if code := s.exit(); code != 0 {
		t.Errorf("exit status %d after ctrl+c", code)
	}
	s.mu.Lock()
	raw := s.raw.String()
	s.mu.Unlock()
	if m := sgrColour.FindString(raw); m != "" {
		t.Errorf("NO_COLOR=1, yet the output sets a colour: %q", m)
	}
	// It asked the terminal for its background, to pick light or dark styles.
	if !strings.Contains(raw, "\x1b]11;?") {
		t.Error("the program never asked for the background colour")
	}
	// Full screen, and the mouse left to the terminal so text can be selected.
	if !strings.Contains(raw, "\x1b[?1049h") {
		t.Error("the alternate screen was not used")
	}
	for _, mode := range []string{"\x1b[?1000h", "\x1b[?1002h", "\x1b[?1003h", "\x1b[?1006h"} {
		if strings.Contains(raw, mode) {
			t.Errorf("the mouse is captured (%q), so text cannot be selected", mode)
		}
	}
}

func TestTUIFlagsAndNoTerminal(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
		say  string
	}{
		{[]string{"--bogus"}, 2, "unknown flag --bogus"},
		{[]string{"--demo", "extra"}, 2, `unknown command "extra"`},
		{[]string{"--demo"}, 2, "needs a terminal"},
	} {
		var out, errb strings.Builder
		s := streams{In: strings.NewReader(""), Out: &out, Err: &errb, OutTTY: false, Getenv: func(string) string { return "" }}
		if got := run(tc.args, s); got != tc.want {
			t.Errorf("rotui %v: exit %d, want %d (stderr %q)", tc.args, got, tc.want, errb.String())
		}
		if !strings.Contains(errb.String(), tc.say) {
			t.Errorf("rotui %v: stderr %q lacks %q", tc.args, errb.String(), tc.say)
		}
		if out.Len() != 0 {
			t.Errorf("rotui %v wrote to stdout: %q", tc.args, out.String())
		}
	}
}

func TestTUIOpensWithTheNamedOrLastProfile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	acme := config.Profile{Name: "acme", Domain: "acme.us.auth0.com", ClientID: "abc", Connection: "db",
		Username: "u@example.com", Scope: "openid", Issuer: "https://login.acme.com/"}
	other := config.Profile{Name: "other", Domain: "other.eu.auth0.com", ClientID: "xyz", Connection: "db"}
	for _, p := range []config.Profile{acme, other} {
		if err := config.SaveProfile(path, p); err != nil {
			t.Fatal(err)
		}
	}
	p, notice, _, err := startProfile(path, "acme")
	if err != nil || p.Domain != "acme.us.auth0.com" || p.Issuer != acme.Issuer || !strings.Contains(notice, "acme") {
		t.Fatalf("--profile acme: %+v %q %v", p, notice, err)
	}
	if f, _ := config.Load(path); f.LastName() != "acme" {
		t.Errorf("acme was not remembered as the last used")
	}
	p, notice, _, err = startProfile(path, "")
	if err != nil || p.Name != "acme" || !strings.Contains(notice, "used last") {
		t.Errorf("no --profile: %+v %q %v", p, notice, err)
	}
	_, _, _, err = startProfile(path, "nope")
	if err == nil || !strings.Contains(err.Error(), "nope") || !strings.Contains(err.Error(), path) {
		t.Errorf("--profile nope: %v", err)
	}
	var errb strings.Builder
	s := streams{In: strings.NewReader(""), Out: io.Discard, Err: &errb, Getenv: func(string) string { return "" }}
	if code := run([]string{"--config", path, "--profile", "nope"}, s); code != 2 || !strings.Contains(errb.String(), "acme") {
		t.Errorf("rotui --profile nope: exit %d, %q", code, errb.String())
	}
}

func TestTUIOpensEmptyBesideABrokenConfig(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	def, err := config.DefaultPath()
	if err != nil {
		t.Skip(err)
	}
	if err := os.MkdirAll(filepath.Dir(def), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(def, []byte("[profiles.acme]\ndomain = \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, notice, _, err := startProfile("", "")
	if err != nil || p.Domain != "" || !strings.Contains(notice, "Profiles not loaded") {
		t.Errorf("broken default config: %+v %q %v", p, notice, err)
	}
	if _, _, _, err := startProfile("", "acme"); err == nil || !strings.Contains(err.Error(), def) {
		t.Errorf("--profile with a broken config should name the file: %v", err)
	}
	if got, _ := os.ReadFile(def); string(got) != "[profiles.acme]\ndomain = \n" {
		t.Error("the broken config file was changed")
	}
}
