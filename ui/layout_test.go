package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func lipglossWidthOf(s string) int { return lipgloss.Width(s) }

func TestClipRectNeverOverflows(t *testing.T) {
	in := strings.Repeat("wide line ", 20) + "\n\x1b[1mbold\x1b[0m\n3\n4\n5"
	out := clipRect(in, 20, 3)
	lines := strings.Split(out, "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, ln := range lines {
		if lipgloss.Width(ln) > 20 {
			t.Errorf("line wider than 20: %q", ln)
		}
	}
	if got := strings.Split(clipRect("a", 5, 4), "\n"); len(got) != 4 {
		t.Errorf("short content not padded to the height: %q", got)
	}
}

func TestJoinEndsLeavesOutTheRightWhenBothDoNotFit(t *testing.T) {
	if got := joinEnds("left", "right", 20); lipgloss.Width(got) != 20 || !strings.HasSuffix(got, "right") {
		t.Errorf("%q", got)
	}
	if got := joinEnds("a long left part", "and the right", 20); got != "a long left part" {
		t.Errorf("%q", got)
	}
}

// At 80 columns, the most common terminal, nine tabs do not fit whole, but
// each still says what it is by a short label that does not change as you
// move, at its fixed number.
func TestTabsSayWhatTheyAreAtEightyColumns(t *testing.T) {
	b := &fakeBuilder{}
	m := New(Options{Prefill: demoPrefill(), Build: func(r *Result, st *Styles) []Pane {
		ps := b.build(r, st)
		for _, title := range []string{"Access token", "Refresh token", "/userinfo", "→ realm", "curl"} {
			ps = append(ps, &fakePane{title: title})
		}
		return ps
	}})
	for _, w := range []int{80, 70} {
		m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		if len(b.sets) == 0 {
			press(m, "ctrl+s")
			answer(t, m)
		}
		header := strings.Split(ansiStrip(view(m)), "\n")[0]
		if ansi.StringWidth(header) > w {
			t.Errorf("at %d columns the tabs are %d wide: %q", w, ansi.StringWidth(header), header)
		}
		for _, want := range []string{"1 Sum", "2 Acc", "3 ID", "4 Ref", "5 Raw", "6 curl", "7 info", "8 realm", "9 Hist"} {
			if !strings.Contains(header, want) {
				t.Errorf("at %d columns the tabs lack %q: %q", w, want, header)
			}
		}
	}
}

// While a call is in flight, the spinner and "Sending" are one space apart
// (the spinner's frames end in a space of their own).
func TestSendingLineHasOneSpaceAfterTheSpinner(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	for _, l := range strings.Split(ansiStrip(view(m)), "\n") {
		if i := strings.Index(l, "Sending ro"); i >= 0 {
			if strings.HasSuffix(l[:i], "  ") || !strings.HasSuffix(l[:i], " ") {
				t.Errorf("the spinner is not one space before Sending: %q", l)
			}
			return
		}
	}
	t.Errorf("no Sending line:\n%s", view(m))
}
