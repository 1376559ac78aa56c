package ui

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/jwtview"
)

// hardToCut are strings whose characters take more than one byte, or more
// than one rune: cut by bytes or by runes, each loses half of one.
var hardToCut = map[string]string{
	"three-byte runes":   strings.Repeat("€", 1201),
	"four-byte runes":    strings.Repeat("🔑", 1201),
	"combining accents":  "x" + strings.Repeat("e\u0301", 1200),
	"flags":              "x" + strings.Repeat("🇫🇷", 1200),
	"emoji sequences":    "x" + strings.Repeat("👨\u200d👩\u200d👧", 400),
	"CJK (wide)":         strings.Repeat("東京", 600),
	"a long ASCII token": strings.Repeat("eyJhbGciOi", 121),
}

// wholeStart reports whether short, without a trailing ellipsis and what
// follows it, is a start of s that ends between two characters.
func wholeStart(s, short string) bool {
	if i := strings.Index(short, "…"); i >= 0 {
		short = short[:i]
	}
	return strings.HasPrefix(s, short) && jwtview.Head(s, utf8.RuneCountInString(short)) == short
}

// Every helper that shortens text for the screen cuts between characters.
func TestShorteningNeverSplitsACharacter(t *testing.T) {
	helpers := map[string]func(string) string{
		"cut":         func(s string) string { return cut(s, 15) },
		"clipText":    func(s string) string { return clipText(s, 15) },
		"cutRunes":    func(s string) string { return cutRunes(s, 15) },
		"opaqueValue": func(s string) string { return opaqueValue(s, false) },
	}
	for hname, h := range helpers {
		for name, s := range hardToCut {
			got := h(s)
			if !utf8.ValidString(got) || !wholeStart(s, got) {
				t.Errorf("%s of %s: %q does not end between two characters", hname, name, jwtview.Head(got, 40))
			}
		}
	}
}

// A token's length is said in characters, as a person counts them, on the
// Summary and the token's own pane.
func TestTokenLengthsAreInCharacters(t *testing.T) {
	tok := strings.Repeat("€", 40)
	panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), 100, 30)
	if v := ptFlat(panes[0].View()); !strings.Contains(v, "Pasted token · malformed · 40 characters") {
		t.Errorf("the Summary does not give 40 characters:\n%s", v)
	}
	if v := ptFlat(ptPane(t, panes, "Token").View()); !strings.Contains(v, "malformed · 40 characters") {
		t.Errorf("the token's pane does not give 40 characters:\n%s", v)
	}
	// Too large to decode, only its start is kept: its size is in bytes.
	huge := strings.Repeat("€", jwtview.MaxTokenSize/3+1)
	panes = ptBuild(t, Subject{Pasted: huge}, ptPlain(), 100, 30)
	if v := ptFlat(panes[0].View()); !strings.Contains(v, "malformed · "+itoa(len(huge))+" bytes") {
		t.Errorf("the Summary does not give the huge token's size:\n%s", v)
	}
	long := strings.Repeat("€", 1500)
	if v := opaqueValue(long, false); !strings.Contains(v, "(1500 characters; c copies it)") {
		t.Errorf("a cut opaque token says %q", v[len(v)-60:])
	}
}

// The paste area counts characters, and its reminder of a paste held whole
// shows whole characters, not \xf0 where one was cut.
func TestPasteAreaShowsWholeCharacters(t *testing.T) {
	m := New(Options{Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 61, Height: 24})
	m.setStyles(ptPlain())
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: "e" + strings.Repeat("€", 3000)})
	v := view(m)
	if strings.Contains(v, `\x`) || !utf8.ValidString(v) {
		t.Errorf("the reminder of the paste splits a character:\n%s", v)
	}
	if !strings.Contains(v, "3001 characters") {
		t.Errorf("the paste area does not count 3001 characters:\n%s", v)
	}
}
