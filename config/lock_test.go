package config

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// saverEnv makes the test binary a saver process (see TestMain):
// "PATH|ID|COUNT" saves COUNT profiles named pID-0 … into PATH.
const saverEnv = "ROTUI_CONFIG_TEST_SAVER"

func TestMain(m *testing.M) {
	if spec := os.Getenv(saverEnv); spec != "" {
		os.Exit(saveMany(spec))
	}
	os.Exit(m.Run())
}

// saveMany is a saver process's work: one SaveProfile after another, as a
// person saving from several rotui windows at once would.
func saveMany(spec string) int {
	parts := strings.Split(spec, "|")
	if len(parts) != 3 {
		fmt.Fprintf(os.Stderr, "%s=%q: want PATH|ID|COUNT\n", saverEnv, spec)
		return 2
	}
	id, _ := strconv.Atoi(parts[1])
	n, _ := strconv.Atoi(parts[2])
	// What is tested is that no save is lost, not how long one waits: savers
	// in a tight loop on a loaded machine can wait longer than a person's
	// save ever would (TestASaveGivesUpOnALockHeldTooLong tests the limit).
	lockWait = 2 * time.Minute
	failed := 0
	for j := range n {
		p := Profile{Name: fmt.Sprintf("p%d-%d", id, j), Domain: fmt.Sprintf("tenant-%d.eu.auth0.com", id), ClientID: "client"}
		if err := SaveProfile(parts[0], p); err != nil {
			fmt.Fprintf(os.Stderr, "save %s: %v\n", p.Name, err)
			failed++
		}
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// Several rotui processes saving profiles into one file at once: every
// save lands. Without a lock around read-check-write, a save that found the
// file changed under it was refused, and its profile lost.
func TestConcurrentSavesFromManyProcessesLoseNothing(t *testing.T) {
	path := tempConfig(t)
	const procs, saves = 5, 30
	type child struct {
		cmd    *exec.Cmd
		stderr bytes.Buffer
	}
	children := make([]*child, procs)
	for i := range children {
		c := &child{cmd: exec.Command(os.Args[0], "-test.run=^$")}
		c.cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%d|%d", saverEnv, path, i, saves))
		c.cmd.Stderr = &c.stderr
		if err := c.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		children[i] = c
	}
	for i, c := range children {
		if err := c.cmd.Wait(); err != nil {
			t.Errorf("saver %d: %v\n%s", i, err, firstLines(c.stderr.String(), 3))
		}
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	lost := 0
	for i := range procs {
		for j := range saves {
			if _, ok := f.Profile(fmt.Sprintf("p%d-%d", i, j)); !ok {
				lost++
			}
		}
	}
	if lost > 0 || f.Len() != procs*saves {
		t.Errorf("%d of %d saves lost (the file holds %d profiles)", lost, procs*saves, f.Len())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if e.Name() != "config.toml" && e.Name() != "config.toml.lock" {
			t.Errorf("left beside the file: %s", e.Name())
		}
	}
}

// A lock held too long (another rotui stuck mid-save) makes a save give up
// with a sentence saying so, rather than wait forever; nothing is written.
func TestASaveGivesUpOnALockHeldTooLong(t *testing.T) {
	path := tempConfig(t)
	if err := SaveProfile(path, acme); err != nil {
		t.Fatal(err)
	}
	before := mustRead(t, path)
	unlock, err := lock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	old := lockWait
	lockWait = 300 * time.Millisecond
	defer func() { lockWait = old }()
	err = SaveProfile(path, Profile{Name: "other", Domain: "other.auth0.com"})
	if err == nil || !strings.Contains(err.Error(), "another rotui") || !strings.Contains(err.Error(), path+".lock") {
		t.Errorf("want an error naming the lock file, got %v", err)
	}
	if !bytes.Equal(mustRead(t, path), before) {
		t.Error("the file was written without the lock")
	}
	// Nothing to change needs no lock: using the profile that is already the
	// last one still works.
	if err := Remember(path, acme.Name); err != nil {
		t.Errorf("Remember with nothing to change: %v", err)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}
