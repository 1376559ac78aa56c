package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro/rotest"
)

// TestDemoLockIsSaidAlike: the Summary's warning, the demo overlay, the
// demo tenant's printout and the manual all say how long the demo's
// brute-force lock lasts in the same words.
func TestDemoLockIsSaidAlike(t *testing.T) {
	const words = "locked until the demo restarts"
	var describe strings.Builder
	rotest.Describe(&describe)
	_, demo := demoOptions("http://127.0.0.1:1")
	var overlay strings.Builder
	for _, e := range demo.Entries {
		overlay.WriteString(e.Shows + "\n")
	}
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(b)), " ")
	}
	for _, c := range []struct{ where, text string }{
		{"the Summary's warning", inspect.LockoutWarning(inspect.LockoutAfter, rotest.UserAlice, true)},
		{"the demo overlay", overlay.String()},
		{"rotui demo-server", describe.String()},
		{"docs/demo-tenant.md", read("../docs/demo-tenant.md")},
		{"docs/tui.md", read("../docs/tui.md")},
		{"README.md", read("../README.md")},
	} {
		if !strings.Contains(c.text, words) {
			t.Errorf("%s does not say %q:\n%s", c.where, words, c.text)
		}
	}
}
