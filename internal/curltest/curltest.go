// Package curltest runs a curl command in a real shell for tests, to prove
// that what rotui shows as a command (on the curl pane, copied with the
// mouse over its lines) is the command it means. It imports nothing of
// rotui's, so ro's own tests can use it.
package curltest

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// CurlArgs runs cmd (a curl command, over lines as a mouse would copy it)
// in a real shell, with curl a function that prints its arguments, and
// returns them as the shell passed them.
func CurlArgs(t testing.TB, cmd string) []string {
	t.Helper()
	return curlArgsIn(t, "sh", cmd)
}

// BashCurlArgs is CurlArgs in bash, for commands that quote with $'…' (a
// browser's "Copy as cURL (bash)"), which sh need not read.
func BashCurlArgs(t testing.TB, cmd string) []string {
	t.Helper()
	return curlArgsIn(t, "bash", cmd)
}

func curlArgsIn(t testing.TB, shell, cmd string) []string {
	t.Helper()
	sh, err := exec.LookPath(shell)
	if err != nil {
		t.Skip("no " + shell)
	}
	script := `curl() { for a in "$@"; do printf '%s\0' "$a"; done; }` + "\n" + cmd
	out, err := exec.Command(sh, "-c", script).Output()
	if err != nil {
		t.Fatalf("the shell refused the command: %v\n%s", err, cmd)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

// SameCurlArgs says how got differs from want, arguments a shell passed to
// curl ("" when they agree); a --data-raw JSON body may differ only in the
// white space between its tokens.
func SameCurlArgs(got, want []string) string {
	if len(got) != len(want) {
		return "the shell passed " + strings.Join(got, " | ") + "\nwant " + strings.Join(want, " | ")
	}
	for i := range got {
		if got[i] == want[i] {
			continue
		}
		var g, w bytes.Buffer
		if i > 0 && got[i-1] == "--data-raw" && json.Compact(&g, []byte(got[i])) == nil && json.Compact(&w, []byte(want[i])) == nil && g.String() == w.String() {
			continue
		}
		return "argument " + want[max(i-1, 0)] + " is\n" + got[i] + "\nwant\n" + want[i]
	}
	return ""
}
