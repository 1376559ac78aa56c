package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// The import graph of DESIGN.md's layout: rules below the renderers, and
// the libraries free of the terminal. A package that gains a forbidden
// import fails here, naming it.
func TestImportsRunOneWay(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const mod = "github.com/rotui/rotui/"
	forbidden := map[string][]string{
		"ro":      {mod + "ui", mod + "jwtview", mod + "inspect", mod + "report", mod + "config", "charm.land/bubbletea/v2", "charm.land/lipgloss/v2"},
		"jwtview": {mod + "ui", mod + "ro", mod + "inspect", mod + "report", mod + "config", "charm.land/bubbletea/v2", "charm.land/lipgloss/v2"},
		"inspect": {mod + "ui", mod + "report", mod + "config", mod + "cli", "charm.land/bubbletea/v2", "charm.land/lipgloss/v2", "charm.land/bubbles/v2"},
		"report":  {mod + "ui", mod + "cli", "charm.land/bubbletea/v2", "charm.land/lipgloss/v2"},
		"config":  {mod + "ui", mod + "cli", "charm.land/bubbletea/v2", "charm.land/lipgloss/v2"},
		"ui":      {mod + "cli"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", mod+pkg, err)
		}
		deps := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			deps[d] = true
		}
		for _, b := range bad {
			if deps[b] {
				t.Errorf("%s imports %s (directly or not): DESIGN.md's layout forbids it", pkg, b)
			}
		}
	}
	// The leaves below everything: they import nothing of rotui's.
	for _, leaf := range []string{"internal/jsonwalk", "termsafe", "internal/safefile", "internal/netcause", "internal/curltest", "internal/syncbuf"} {
		out, err := exec.Command("go", "list", "-deps", mod+leaf).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", mod+leaf, err)
		}
		for _, d := range strings.Fields(string(out)) {
			if strings.HasPrefix(d, mod) && d != mod+leaf {
				t.Errorf("%s imports %s (directly or not): it must import nothing of rotui's", leaf, d)
			}
		}
	}
}
