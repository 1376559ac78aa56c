package config

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A profiles file is never written through a symbolic link: a link planted
// where rotui saves (a --config file in a shared folder) would make it
// overwrite whatever the link points at. The save is refused, the link and
// its target stay as they were, and Load says why saving will fail.
func TestSaveNeverWritesThroughALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	const victimTOML = "[build]\njobs = 4\n" // someone else's TOML file, which parses
	for _, c := range []struct {
		name   string
		target func(private string) string // where the link points
	}{
		{"a link to another program's TOML file", func(p string) string { return filepath.Join(p, "cargo.toml") }},
		{"a link to an empty file", func(p string) string { return filepath.Join(p, "empty") }},
		{"a link to nothing yet", func(p string) string { return filepath.Join(p, "not-yet.toml") }},
		{"a link to a link", func(p string) string { return filepath.Join(p, "hop") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			shared, private := t.TempDir(), t.TempDir()
			mustWrite(t, filepath.Join(private, "cargo.toml"), victimTOML)
			mustWrite(t, filepath.Join(private, "empty"), "")
			if err := os.Symlink(filepath.Join(private, "cargo.toml"), filepath.Join(private, "hop")); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(shared, "config.toml")
			if err := os.Symlink(c.target(private), path); err != nil {
				t.Fatal(err)
			}

			if f, err := Load(path); err != nil || !hasWarning(f, "symbolic link") {
				t.Errorf("Load should read through the link and warn that saving will not: %v %v", err, warningsOf(f))
			}
			for what, save := range map[string]func() error{
				"SaveProfile": func() error { return SaveProfile(path, acme) },
				"Save":        func() error { f, _ := Load(path); mustPut(t, f, acme); return Save(path, f) },
			} {
				err := save()
				if err == nil || !strings.Contains(err.Error(), "symbolic link") || !strings.Contains(err.Error(), path) {
					t.Errorf("%s through a link: want a refusal naming %s, got %v", what, path, err)
				}
			}
			if b, _ := os.ReadFile(filepath.Join(private, "cargo.toml")); string(b) != victimTOML {
				t.Errorf("the link's target was overwritten:\n%s", b)
			}
			if b, _ := os.ReadFile(filepath.Join(private, "empty")); len(b) != 0 {
				t.Errorf("the empty file was written:\n%s", b)
			}
			if _, err := os.Lstat(filepath.Join(private, "not-yet.toml")); err == nil {
				t.Error("a file was made where the link pointed")
			}
			if li, err := os.Lstat(path); err != nil || li.Mode()&fs.ModeSymlink == 0 {
				t.Error("the link itself was replaced")
			}
		})
	}
}

// A folder on the way may be a link (macOS's /tmp is one): only the file's
// own name must not be.
func TestSaveThroughALinkedFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	base := t.TempDir()
	real := filepath.Join(base, "dotfiles", "rotui")
	if err := os.MkdirAll(real, 0o700); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(base, "rotui")
	if err := os.Symlink(real, linked); err != nil {
		t.Fatal(err)
	}
	if err := SaveProfile(filepath.Join(linked, "config.toml"), acme); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(real, "config.toml")); !strings.Contains(string(b), "acme-dev") {
		t.Errorf("the profile is not in the linked folder:\n%s", b)
	}
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func warningsOf(f *File) []Warning {
	if f == nil {
		return nil
	}
	return f.Warnings()
}

// hasWarning is true when one of f's warnings says what.
func hasWarning(f *File, what string) bool {
	for _, w := range warningsOf(f) {
		if strings.Contains(w.Message, what) {
			return true
		}
	}
	return false
}
