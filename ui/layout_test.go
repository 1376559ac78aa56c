package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
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
