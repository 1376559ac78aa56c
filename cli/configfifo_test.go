//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A named pipe given as --config: login used to wait on it forever (opening
// a pipe to read waits for a writer). It exits 2 at once, naming the file.
func TestLoginWithANamedPipeAsConfigDoesNotHang(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := unix.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	type result struct {
		code      int
		out, errs string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errs := loginRun(t, "", map[string]string{"ROTUI_PASSWORD": "pw"}, "--config", path, "--profile", "p")
		done <- result{code, out, errs}
	}()
	select {
	case r := <-done:
		if r.code != 2 || r.out != "" || !strings.Contains(r.errs, path) || !strings.Contains(r.errs, "not a regular file") {
			t.Errorf("exit %d (want 2), stdout %q, stderr:\n%s", r.code, r.out, r.errs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("rotui login --config FIFO waits forever")
	}
}
