package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The smallest terminal every screen is designed for (DESIGN.md, STYLE.md).
const (
	MinWidth  = 60
	MinHeight = 16
)

// layout is where everything goes on a screen of one size: a header line
// (title or tabs), the body, the status (one line, or two for a message
// that needs them) and a help line.
type layout struct {
	width, height int
	tooSmall      bool
	bodyWidth     int
	bodyHeight    int
	statusLines   int
}

// maxStatusLines is the most lines the status takes from the body: a
// message longer than that is cut with …, and ? shows it whole.
const maxStatusLines = 2

// computeLayout is the one place that turns the terminal's size into
// rectangles; the status takes statusLines (1 or 2) from the body.
func computeLayout(width, height, statusLines int) layout {
	l := layout{width: width, height: height, statusLines: max(1, min(statusLines, maxStatusLines))}
	if width < MinWidth || height < MinHeight {
		l.tooSmall = true
		return l
	}
	l.bodyWidth = width
	l.bodyHeight = height - 2 - l.statusLines // header, status, help
	return l
}

// tooSmallView says so in words, centred, instead of a garbled screen.
func tooSmallView(width, height int, st *Styles) string {
	msg := fmt.Sprintf("Terminal too small: %d×%d.\nrotui needs at least %d×%d.\nEnlarge the window, or ctrl+c to quit.",
		width, height, MinWidth, MinHeight)
	if width <= 0 || height <= 0 {
		return ""
	}
	box := lipgloss.NewStyle().MaxWidth(width).Render(st.Warning.Render(msg))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}

// clipRect clips s to at most h lines of at most w cells and pads it to exactly h
// lines, so that a child that draws too much never pushes the status line off
// the screen.
func clipRect(s string, w, h int) string {
	if h <= 0 || w <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, ln := range lines {
		// A line of no more bytes than cells fits without measuring.
		if len(ln) > w && ansi.StringWidth(ln) > w {
			lines[i] = ansi.Truncate(ln, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// clipLine clips s to one line of w cells.
func clipLine(s string, w int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > w && ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "")
	}
	return s
}

// joinEnds puts left and right on one line of width w, right-aligned; when
// both do not fit, the right part is left out.
func joinEnds(left, right string, w int) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if rw == 0 || lw+1+rw > w {
		return clipLine(left, w) // half a badge or a key would read as garbage
	}
	return left + strings.Repeat(" ", max(1, w-lw-rw)) + right
}
