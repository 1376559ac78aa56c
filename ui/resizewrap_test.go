package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A JSON body wrapped at 60 columns goes on under itself, deeper than the
// line it continues, on the Summary and on Raw: back at column 0 or 2 the
// end of the enrolment's otpauth:// URI read as a line of its own.
func TestAWrappedBodyLineKeepsItsIndentation(t *testing.T) {
	s := enrolSubject(t, sharedDemo(t).URL)
	for _, title := range []string{"Summary", "Raw"} {
		panes := ptBuild(t, s, ptPlain(), 60, 16)
		v := ansi.Strip(ptFullView(ptPane(t, panes, title), 16))
		lines := strings.Split(v, "\n")
		at := -1
		for i, l := range lines {
			if strings.Contains(l, `"qr":`) {
				at = i
			}
		}
		if at < 0 || at+1 >= len(lines) {
			t.Fatalf("%s: no otpauth URI in the body:\n%s", title, v)
		}
		key := len(lines[at]) - len(strings.TrimLeft(lines[at], " "))
		next := lines[at+1]
		if lead := len(next) - len(strings.TrimLeft(next, " ")); lead <= key {
			t.Errorf("%s: the line after %q starts at column %d, not deeper than its key (%d):\n%s", title, lines[at], lead, key, v)
		}
	}
}

// Resized from 60×16 (scrolled down the enrolment's Summary) to 120×36,
// the pane keeps the row that was on top in view, and starts at the top of
// the QR code rather than halfway down it, where that keeps it in view;
// by index, the window showed other rows, and half a code.
func TestResizeKeepsTheTopRowInView(t *testing.T) {
	srv := sharedDemo(t)
	req := demoRequest(srv.URL)
	m := New(Options{Prefill: req})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	m.form.FillUser("", "enroll@example.com", req.Password)
	sendAndWait(t, m)
	press(m, "1", "pgdown", "pgdown")
	top := strings.TrimSpace(strings.Split(ansi.Strip(view(m)), "\n")[1])
	if len(top) < 20 {
		t.Fatalf("the top row at 60×16 is %q", top)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	v := ansi.Strip(view(m))
	if !strings.Contains(ptFlat(v), ptFlat(top)) {
		t.Errorf("after the resize the row that was on top (%q) is not in view:\n%s", top, v)
	}
	if n := strings.Count(v, "█▀▀▀▀▀█"); n < 3 {
		t.Errorf("after the resize the QR code is cut (%d finder patterns' tops):\n%s", n, v)
	}
}
