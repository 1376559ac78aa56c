//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A named pipe where the profiles file (or its lock) should be: opening it
// to read waits for a writer that never comes, so Load hung forever. It is
// refused at once with an error that names it, and left as it is.
func TestANamedPipeIsRefusedNotWaitedOn(t *testing.T) {
	for _, c := range []struct {
		name string
		fifo func(path string) string // which name becomes the pipe
		call func(path string) error
		want string
	}{
		{"Load", func(p string) string { return p }, func(p string) error { _, err := Load(p); return err }, "not a regular file"},
		{"SaveProfile", func(p string) string { return p }, func(p string) error { return SaveProfile(p, acme) }, "not a regular file"},
		{"SaveProfile beside a pipe as its lock", func(p string) string { return p + ".lock" },
			func(p string) error { return SaveProfile(p, acme) }, "lock"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			pipe := c.fifo(path)
			if err := unix.Mkfifo(pipe, 0o600); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- c.call(path) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("%s waits forever on a named pipe", c.name)
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), pipe) {
				t.Errorf("want an error naming %s and saying %q, got %v", pipe, c.want, err)
			}
			if li, err := os.Lstat(pipe); err != nil || li.Mode()&os.ModeNamedPipe == 0 {
				t.Error("the named pipe was replaced")
			}
		})
	}
}
