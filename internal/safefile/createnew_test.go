package safefile

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A name rotui chose (the TUI's report name, predictable to the second) is
// only ever made new: a name taken by anything (a file, a link, a link to
// nothing) gets -2, -3, …, and what was there is left alone.
func TestCreateNewTakesTheNextFreeName(t *testing.T) {
	name := "rotui-report-20261125-173000.md"
	stem := strings.TrimSuffix(name, ".md")
	links := runtime.GOOS != "windows" // symbolic links need privileges there
	for _, c := range []struct {
		what  string
		plant map[string]string // name → "file", "link" (to the victim's file) or "dangling"
		want  string            // the name the report lands in
	}{
		{"a free name", nil, name},
		{"a file", map[string]string{name: "file"}, stem + "-2.md"},
		{"a link", map[string]string{name: "link"}, stem + "-2.md"},
		{"a link to nothing", map[string]string{name: "dangling"}, stem + "-2.md"},
		{"a file and a link", map[string]string{name: "file", stem + "-2.md": "link"}, stem + "-3.md"},
	} {
		t.Run(c.what, func(t *testing.T) {
			dir, private := t.TempDir(), t.TempDir()
			victim := filepath.Join(private, "victim.txt")
			must(t, os.WriteFile(victim, []byte("mine"), 0o600))
			for n, kind := range c.plant {
				switch kind {
				case "file":
					must(t, os.WriteFile(filepath.Join(dir, n), []byte("an earlier report"), 0o600))
				case "link":
					if !links {
						t.Skip("no symbolic links")
					}
					must(t, os.Symlink(victim, filepath.Join(dir, n)))
				case "dangling":
					if !links {
						t.Skip("no symbolic links")
					}
					must(t, os.Symlink(filepath.Join(private, "new"), filepath.Join(dir, n)))
				}
			}
			got, err := CreateNew(filepath.Join(dir, name), []byte("# rotui report\n"), 0o600)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(dir, c.want); got != want {
				t.Errorf("written to %s, want %s", got, want)
			}
			if li, err := os.Lstat(got); err != nil || !li.Mode().IsRegular() || li.Mode().Perm() != 0o600 {
				t.Errorf("%s is not a new 0600 file: %v %v", got, li, err)
			}
			if b, _ := os.ReadFile(got); !strings.HasPrefix(string(b), "# rotui report") {
				t.Errorf("the file holds %q", b)
			}
			if b, _ := os.ReadFile(victim); string(b) != "mine" {
				t.Errorf("the link's target was written: %q", b)
			}
			if _, err := os.Lstat(filepath.Join(private, "new")); err == nil {
				t.Error("a file was made where a dangling link pointed")
			}
			for n, kind := range c.plant {
				li, err := os.Lstat(filepath.Join(dir, n))
				if err != nil || (kind == "file") != li.Mode().IsRegular() {
					t.Errorf("the %s at %s was replaced", kind, n)
				}
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(c.plant)+1 {
				t.Errorf("the folder holds %d entries, want %d (a temporary file left?)", len(entries), len(c.plant)+1)
			}
		})
	}
}

// Every name taken: CreateNew gives up with an error that says what to do,
// rather than loop or replace one.
func TestCreateNewWhenEveryNameIsTaken(t *testing.T) {
	dir := t.TempDir()
	name := "rotui-report-20261125-173000.md"
	stem := strings.TrimSuffix(name, ".md")
	must(t, os.WriteFile(filepath.Join(dir, name), nil, 0o600))
	for i := 2; i <= MaxNewNames; i++ {
		must(t, os.WriteFile(filepath.Join(dir, stem+"-"+strconv.Itoa(i)+".md"), nil, 0o600))
	}
	_, err := CreateNew(filepath.Join(dir, name), []byte("x"), 0o600)
	if err == nil || !strings.Contains(err.Error(), "taken") || !strings.Contains(err.Error(), dir) {
		t.Errorf("want an error saying the names in %s are taken, got %v", dir, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// withTimeout runs write, failing the test rather than hanging when it
// blocks (opening a named pipe waits for a writer).
func withTimeout(t *testing.T, write func() (string, error)) (string, error) {
	t.Helper()
	type result struct {
		path string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		p, err := write()
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		return r.path, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("writing the report hangs")
		return "", nil
	}
}
