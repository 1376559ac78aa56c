package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rotui/rotui/internal/curltest"
	"github.com/rotui/rotui/ro"
)

// copiedCommand is what a mouse copy of a pane's command gives: the lines
// shown from the one starting "curl --" to the end of the command, without
// styling, joined with newlines.
func copiedCommand(view string) string {
	var cmd []string
	for _, l := range strings.Split(ansiStrip(view), "\n") {
		l = strings.TrimRight(l, " ")
		if strings.HasPrefix(l, "curl --") || len(cmd) > 0 {
			if l == "" {
				break
			}
			cmd = append(cmd, l)
		}
	}
	return strings.Join(cmd, "\n")
}

// assertSameCommand fails unless a shell gives curl the same arguments for
// the copied lines as for want, a JSON body differing only in whitespace.
func assertSameCommand(t *testing.T, copied, want string) {
	t.Helper()
	if d := curltest.SameCurlArgs(curltest.CurlArgs(t, copied), curltest.CurlArgs(t, want)); d != "" {
		t.Fatalf("a shell runs another command than y copies: %s\ncopied:\n%s", d, copied)
	}
}

// TestCurlPaneCopiesAsTheCommand copies the curl pane (and the → realm
// pane's curl) as a mouse would, at each width, dark and light, and has a
// shell run it: curl gets the arguments of the command y copies, and no
// line is wider than the pane.
func TestCurlPaneCopiesAsTheCommand(t *testing.T) {
	for _, width := range []int{120, 100, 80, 60} {
		for _, dark := range []bool{true, false} {
			req, ex := ptExchange()
			panes := ptBuild(t, Subject{Exchange: ex, Request: req, Migration: true}, NewStyles(dark), width, 200)
			for _, title := range []string{"curl", "→ realm"} {
				p := ptPane(t, panes, title)
				v := p.View()
				for _, l := range strings.Split(v, "\n") {
					if w := cells(l); w > width {
						t.Errorf("%s at %d: a line is %d cells wide: %q", title, width, w, ansiStrip(l))
					}
				}
				want, _ := p.(Copier).CopyJSON()
				copied := copiedCommand(v)
				assertSameCommand(t, copied, want)
				if strings.Contains(copied, "wonderland") {
					t.Errorf("%s at %d shows the password:\n%s", title, width, copied)
				}
			}
		}
	}
}

// TestCurlPaneCutsWhatCannotBreak: a value wider than the pane (a revealed
// token) is cut with …, not wrapped inside its argument, the pane says y
// copies the whole command, and y does.
func TestCurlPaneCutsWhatCannotBreak(t *testing.T) {
	token := "eyJ" + strings.Repeat("a", 200) + ".eyJ" + strings.Repeat("b", 100) + ".sig"
	req, ex := ptExchange()
	ex.Request = ro.SentRequest{Method: "POST", URL: ptTenant + "/delegation",
		Header: http.Header{"Content-Type": {"application/json"}},
		Body:   []byte(`{"client_id":"rotui-demo","id_token":"` + token + `","scope":"openid"}`)}
	p := ptPane(t, ptBuild(t, Subject{Exchange: ex, Request: req}, NewStyles(true), 60, 200), "curl")
	p.Update(ptKey("R"))
	v := ansiStrip(p.View())
	if !strings.Contains(v, "…") || !strings.Contains(ptFlat(v), "y copies the whole command") {
		t.Errorf("a cut line should end in … and the pane say y copies the whole command:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if cells(l) > 60 {
			t.Errorf("a line is wider than the pane: %q", l)
		}
		if strings.HasPrefix(strings.TrimSpace(l), strings.Repeat("a", 20)) {
			t.Errorf("the token is wrapped inside its argument: %q", l)
		}
	}
	if cmd, _ := p.(Copier).CopyJSON(); !strings.Contains(cmd, token) {
		t.Errorf("y copies %q: want the whole token", cmd)
	}
}
