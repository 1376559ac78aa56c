package ui

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// luminance is WCAG 2's relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Every hint and placeholder reaches 4.5:1 (WCAG AA) against the
// backgrounds terminals use, dark and light: the footer's keys, their
// words and separators, the muted text, and the fields' placeholders.
func TestHintsAndPlaceholdersAreReadable(t *testing.T) {
	backgrounds := map[bool][]string{
		true:  {"#000000", "#1E1E1E", "#282828"},
		false: {"#FFFFFF", "#F5F5F5", "#EEEEEE"},
	}
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark)
		hs := st.helpStyles()
		in := st.inputStyles()
		ar := st.areaStyles()
		styles := map[string]lipgloss.Style{
			"muted": st.Muted, "help key": hs.ShortKey, "help words": hs.ShortDesc, "help separator": hs.ShortSeparator,
			"full help key": hs.FullKey, "full help words": hs.FullDesc,
			"field placeholder": in.Focused.Placeholder, "blurred field placeholder": in.Blurred.Placeholder,
			"paste placeholder": ar.Focused.Placeholder,
		}
		for name, s := range styles {
			fg := s.GetForeground()
			if _, none := fg.(lipgloss.NoColor); none || fg == nil {
				t.Errorf("dark %v: %s has no colour of its own", dark, name)
				continue
			}
			for _, bg := range backgrounds[dark] {
				if r := contrast(fg, lipgloss.Color(bg)); r < 4.5 {
					t.Errorf("dark %v: %s is %.2f:1 on %s, under 4.5:1", dark, name, r, bg)
				}
			}
		}
	}
}
