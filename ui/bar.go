package ui

import (
	"math"
	"strings"
	"sync"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/rotui/rotui/jwtview"
)

// paint is a style reduced to the escape codes around a one-line string, for
// what is drawn on every tick: lipgloss's Render does far more work than a
// countdown needs.
type paint struct{ pre, post string }

func newPaint(s lipgloss.Style) paint {
	r := s.Render("M")
	i := strings.Index(r, "M")
	if i < 0 {
		return paint{}
	}
	return paint{pre: r[:i], post: r[i+1:]}
}

func (p paint) on(s string) string {
	if p.pre == "" && p.post == "" {
		return s
	}
	return p.pre + s + p.post
}

// livePaints are the paints of the live rows, made once per Styles.
type livePaints struct {
	ok, warn, bad, muted, empty, label paint
	cursor                             paint // the claim under a list's cursor
	key, str, num, lit                 paint // JSON
}

var paintCache sync.Map // *Styles → *livePaints

func paintsOf(st *Styles) *livePaints {
	if lp, ok := paintCache.Load(st); ok {
		return lp.(*livePaints)
	}
	lp := &livePaints{ok: newPaint(st.Success), warn: newPaint(st.Warning), bad: newPaint(st.Error),
		muted: newPaint(st.Muted), empty: newPaint(st.BarEmpty), label: newPaint(st.Label), cursor: newPaint(st.Cursor),
		key: newPaint(st.JSONKey), str: newPaint(st.JSONString), num: newPaint(st.JSONNumber), lit: newPaint(st.JSONLiteral)}
	paintCache.Store(st, lp)
	return lp
}

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
	lp := paintsOf(st)
	fill := lp.ok
	switch {
	case e.State == jwtview.Expired:
		fill = lp.bad
	case e.State == jwtview.NotYetValid:
		fill, filled = lp.warn, 0
	case used >= 0.75:
		fill = lp.warn
	}
	var b strings.Builder
	if filled > 0 {
		b.WriteString(fill.on(strings.Repeat(barFull, filled)))
	}
	if filled < width {
		b.WriteString(lp.empty.on(strings.Repeat(barEmpty, width-filled)))
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
	lp := paintsOf(st)
	style := lp.ok
	switch e.State {
	case jwtview.Expired:
		style = lp.bad
	case jwtview.NotYetValid:
		style = lp.warn
	case jwtview.NoExpiry:
		style = lp.muted
	default:
		if e.HasBounds && e.Used >= 0.75 {
			style = lp.warn
		}
	}
	out := style.on(text)
	if e.HasBounds {
		pct := " " + itoa(int(math.Round(math.Min(math.Max(e.Used, 0), 1)*100))) + "% used"
		room := width - len([]rune(text)) - 1 - len(pct)
		if bw := min(room, barMax); bw >= 5 {
			out += " " + lifetimeBar(e, bw, st) + lp.muted.on(pct)
		}
	}
	return fit(out, width)
}
