package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// What Load warns about, file by file: loose modes, a folder others can
// write, keys that look like secrets, a link. Each warning reads as one
// sentence naming the file (Text), as a FileError does.
func TestWarnings(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes and links")
	}
	const profile = "[profiles.acme]\ndomain = \"acme.us.auth0.com\"\n"
	for _, c := range []struct {
		name     string
		text     string
		fileMode os.FileMode
		dirMode  os.FileMode
		want     []string // in the warnings, in this order; none when empty
	}{
		{"a private file", profile, 0o600, 0o700, nil},
		{"a world-readable file", profile, 0o644, 0o700, []string{"can be read by other users (mode 0644)"}},
		{"a folder others can write", profile, 0o600, 0o777, []string{"can be written by other users (mode 0777)"}},
		{"a folder its group can write", profile, 0o600, 0o770, []string{"can be written by other users (mode 0770)"}},
		{"a folder others can only enter", profile, 0o600, 0o755, nil},
		{"a key that looks like a secret", profile + "client_secret = \"s3cr3t-in-the-file\"\n", 0o600, 0o700,
			[]string{", line 3: the key \"profiles.acme.client_secret\" looks like a secret"}},
		{"all at once", profile + "password = \"s3cr3t-in-the-file\"\n", 0o666, 0o777,
			[]string{"can be read and changed by other users (mode 0666)", "can be written by other users (mode 0777)", "looks like a secret"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "profiles")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "config.toml")
			mustWrite(t, path, c.text)
			if err := os.Chmod(path, c.fileMode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, c.dirMode); err != nil {
				t.Fatal(err)
			}
			f, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			ws := f.Warnings()
			if len(ws) != len(c.want) {
				t.Fatalf("warnings %v, want %d", ws, len(c.want))
			}
			for i, want := range c.want {
				text := ws[i].Text(path)
				if !strings.Contains(text, want) || !strings.HasPrefix(text, "config file "+path) {
					t.Errorf("warning %d is %q, want it to name the file and say %q", i, text, want)
				}
				if strings.Contains(text, "s3cr3t-in-the-file") {
					t.Errorf("a warning quotes the secret: %q", text)
				}
			}
		})
	}
}

// rotui's own config folder is made private when it saves; a folder named
// with --config is someone's project or home, so it is only warned about.
func TestSaveMakesRotuisOwnFolderPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	own, err := DefaultPath()
	if err != nil {
		t.Skip(err)
	}
	other := filepath.Join(t.TempDir(), "project", "config.toml")
	for _, path := range []string{own, other} {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		f, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if path == own && !hasWarning(f, "rotui makes it 0700 when it saves") ||
			path == other && !hasWarning(f, "chmod 700") {
			t.Errorf("%s: the folder warning does not say what will be done: %v", path, f.Warnings())
		}
		if err := SaveProfile(path, acme); err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]os.FileMode{own: 0o700, other: 0o777} {
		info, err := os.Stat(filepath.Dir(path))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("after saving, %s has mode %04o, want %04o", filepath.Dir(path), got, want)
		}
	}
}
