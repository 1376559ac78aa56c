//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// What Replace (--report FILE) does with whatever is already at FILE: a
// regular file the person named is replaced (as curl -o does); a symbolic
// link, a folder, a named pipe is refused, and whatever it points at is
// left as it was.
func TestReplaceNeverWritesThroughALink(t *testing.T) {
	const victimText = "the victim's own file\n"
	for _, c := range []struct {
		name    string
		plant   func(t *testing.T, path, victim string) // what is at path before the write
		wantErr string                                  // "" when the write must succeed
	}{
		{"nothing", func(*testing.T, string, string) {}, ""},
		{"a regular file", func(t *testing.T, path, _ string) { must(t, os.WriteFile(path, []byte("old"), 0o644)) }, ""},
		{"a link to a file", func(t *testing.T, path, victim string) { must(t, os.Symlink(victim, path)) }, "symbolic link"},
		{"a link to nothing yet", func(t *testing.T, path, victim string) {
			must(t, os.Symlink(filepath.Join(filepath.Dir(victim), "not-yet"), path))
		}, "symbolic link"},
		{"a link to a folder", func(t *testing.T, path, victim string) { must(t, os.Symlink(filepath.Dir(victim), path)) }, "symbolic link"},
		{"a folder", func(t *testing.T, path, _ string) { must(t, os.Mkdir(path, 0o700)) }, "is a folder"},
		{"a named pipe", func(t *testing.T, path, _ string) { must(t, unix.Mkfifo(path, 0o600)) }, "not a regular file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			shared, private := t.TempDir(), t.TempDir()
			victim := filepath.Join(private, "victim.txt")
			must(t, os.WriteFile(victim, []byte(victimText), 0o600))
			path := filepath.Join(shared, "report.md")
			c.plant(t, path, victim)
			before, _ := os.Lstat(path)

			got, err := withTimeout(t, func() (string, error) { return Replace(path, []byte("# rotui report\n"), 0o600) })
			if b, _ := os.ReadFile(victim); string(b) != victimText {
				t.Errorf("the victim's file was changed to %q", b)
			}
			if _, err := os.Stat(filepath.Join(private, "not-yet")); err == nil {
				t.Error("a file was made where a dangling link pointed")
			}
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), path) {
					t.Fatalf("want an error naming %s and saying %q, got %v", path, c.wantErr, err)
				}
				after, _ := os.Lstat(path)
				if before == nil || after == nil || !os.SameFile(before, after) || before.Mode() != after.Mode() {
					t.Error("what was at the path was replaced")
				}
				if entries, _ := os.ReadDir(shared); len(entries) != 1 {
					t.Errorf("the folder holds %d entries, want the one planted", len(entries))
				}
				return
			}
			if err != nil || got != path {
				t.Fatalf("Replace = %q, %v; want %q", got, err, path)
			}
			li, _ := os.Lstat(path)
			if !li.Mode().IsRegular() || li.Mode().Perm() != 0o600 {
				t.Errorf("the report is %v, want a regular file with mode 0600", li.Mode())
			}
			if b, _ := os.ReadFile(path); string(b) != "# rotui report\n" {
				t.Errorf("the report holds %q", b)
			}
		})
	}
}
