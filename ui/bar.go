package ui

import (
	"math"
	"strings"
	"time"

	"github.com/rotui/rotui/jwtview"
)

// Lifetime bars: how much of a token's life (iat or nbf to exp) is gone.
// The filled part turns from green to amber in the last quarter and red once
// the token has expired, so the state reads at a glance even without words.

const (
	barFull  = "█"
	barEmpty = "░"
	// barMax keeps bars from stretching across a wide terminal.
	barMax = 30
)

// lifetimeBar draws e as a bar of exactly width cells, or "" when the token's
// lifetime has no known start or end.
func lifetimeBar(e jwtview.Expiry, width int, st *Styles) string {
	if !e.HasBounds || width <= 0 {
		return ""
	}
	used := e.Used
	if e.State == jwtview.Expired || used > 1 {
		used = 1
	}
	if used < 0 || math.IsNaN(used) {
		used = 0
	}
	filled := int(math.Round(used * float64(width)))
	fill := st.Success
	switch {
	case e.State == jwtview.Expired:
		fill = st.Error
	case e.State == jwtview.NotYetValid:
		fill, filled = st.Warning, 0
	case used >= 0.75:
		fill = st.Warning
	}
	var b strings.Builder
	if filled > 0 {
		b.WriteString(fill.Render(strings.Repeat(barFull, filled)))
	}
	if filled < width {
		b.WriteString(st.BarEmpty.Render(strings.Repeat(barEmpty, width-filled)))
	}
	return b.String()
}

// countdown is the live line of a token: "expires in 9m59s ████░░░░ 38%",
// fitted to width. It is cheap: Lifetime.At is arithmetic on cached times.
func countdown(life jwtview.Lifetime, now time.Time, width int, st *Styles) string {
	e := life.At(now)
	text := e.String()
	if text == "" {
		text = "no expiry"
	}
	style := st.Success
	switch e.State {
	case jwtview.Expired:
		style = st.Error
	case jwtview.NotYetValid:
		style = st.Warning
	case jwtview.NoExpiry:
		style = st.Muted
	default:
		if e.HasBounds && e.Used >= 0.75 {
			style = st.Warning
		}
	}
	out := style.Render(text)
	if e.HasBounds {
		pct := " " + itoa(int(math.Round(math.Min(math.Max(e.Used, 0), 1)*100))) + "% used"
		room := width - len([]rune(text)) - 1 - len(pct)
		if bw := min(room, barMax); bw >= 5 {
			out += " " + lifetimeBar(e, bw, st) + st.Muted.Render(pct)
		}
	}
	return fit(out, width)
}
