package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rotui/rotui/ro/rotest"
)

// --report FILE on login and decode: a regular file the person named is
// replaced, as curl -o does; a symbolic link there (one planted in a shared
// folder) is refused with exit 2, and the file it points at is untouched.
func TestReportFlagNeverWritesThroughALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	srv := rotest.StartForTest(t, rotest.Options{})
	env := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	commands := []struct {
		name string
		run  func(report string) (code int, stderr string)
	}{
		{"login", func(report string) (int, string) {
			code, _, errs := loginRun(t, "", env, demoArgs(srv, "--report", report)...)
			return code, errs
		}},
		{"decode", func(report string) (int, string) {
			r := runDecodeArgs(t, "", false, nil, nil, "--report", report, auth0IDToken())
			return r.code, r.err
		}},
	}
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			shared, private := t.TempDir(), t.TempDir()
			victim := filepath.Join(private, "notes.txt")
			if err := os.WriteFile(victim, []byte("mine"), 0o600); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(shared, "report.md")
			if err := os.Symlink(victim, link); err != nil {
				t.Fatal(err)
			}
			code, errs := c.run(link)
			if code != 2 || !strings.Contains(errs, "--report") || !strings.Contains(errs, "symbolic link") || !strings.Contains(errs, link) {
				t.Errorf("a link as --report: exit %d (want 2), stderr:\n%s", code, errs)
			}
			if b, _ := os.ReadFile(victim); string(b) != "mine" {
				t.Errorf("the report was written through the link: %q", b)
			}
			if li, err := os.Lstat(link); err != nil || li.Mode()&os.ModeSymlink == 0 {
				t.Error("the link was replaced")
			}

			// A regular file the person named is replaced.
			own := filepath.Join(private, "report.md")
			if err := os.WriteFile(own, []byte("last week's report"), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, errs := c.run(own); code > 1 || !strings.Contains(errs, "report written to "+own) {
				t.Errorf("a regular file as --report: exit %d, stderr:\n%s", code, errs)
			}
			if b, _ := os.ReadFile(own); !strings.HasPrefix(string(b), "# rotui report") {
				t.Errorf("the named file was not replaced: %q", b)
			}
		})
	}
}
