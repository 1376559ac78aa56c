package ui

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// TestMain turns off the fuzzer's minimization in this package unless
// -fuzzminimizetime is given. An input here runs the program (the model,
// its panes, their views: milliseconds), and Go minimizes every input that
// finds new coverage, for up to 60 s, trying quadratically many cuts of it.
// Early in a run nearly every input finds some, so both workers spent the
// run minimizing: ten inputs in 15 s, under a hundred a second with 3 s. Off,
// they fuzz (hundreds a second); a crasher is written as found, and
// -fuzzminimizetime 60s minimizes it when wanted.
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		if err := flag.Set("test.fuzzminimizetime", "0"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

// The smallest screen rotui is made for (STYLE.md): where a line too long
// or a pane too tall shows first.
const fuzzWidth, fuzzHeight = 60, 16

// fuzzClient is never used to send: the fuzz target runs no command.
var fuzzClient = ro.NewClient(ro.ClientOptions{})

// FuzzPastedToken drives the paste path as a person would, through the
// root model's Update and View (no program, no terminal, hundreds of inputs
// a second): p, the text pasted (a tea.PasteMsg, as a terminal delivers
// it), enter to inspect it, then every pane it gets, at its top, with its
// cursor moved and every note (n), at its end, and presenter mode.
// Whatever was pasted: nothing panics, nothing is drawn past the edge of
// the screen, and no escape sequence, control or invisible character from
// it reaches the screen.
//
// With asClaims, the text is the claims JSON of a JWT, encoded here as a
// server would, so that the fuzzer shapes the JSON rather than base64.
// The seed corpus of hostile inputs is testdata/fuzz/FuzzPastedToken.
func FuzzPastedToken(f *testing.F) {
	f.Add(ptIDToken(), false)
	f.Add(ptIDClaims(), true)
	f.Fuzz(func(t *testing.T, text string, asClaims bool) {
		if asClaims {
			text = ptJWT(`{"alg":"RS256","typ":"JWT","kid":"demo-key-1"}`, text)
		}
		m := fuzzModel()
		look := func(what string) {
			t.Helper()
			fuzzLook(t, what, view(m))
		}
		press(m, "ctrl+p")
		m.Update(tea.PasteMsg{Content: text})
		look("the paste area")
		press(m, "enter")
		look("the screen after enter")
		if m.screen != resultScreen {
			return // nothing to inspect, or too large: the paste area says why
		}
		for i := range min(len(m.tabs), 9) {
			press(m, string(rune('1'+i)))
			title := m.tabs[m.active].Title()
			look("the " + title + " pane")
			press(m, "down", "down", "down", "down")
			look("the " + title + " pane with its cursor moved (a claim's note under it)")
			press(m, "n")
			look("the " + title + " pane with every note")
			m.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
			look("the end of the " + title + " pane")
		}
		press(m, "1")
		m.Update(tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl})
		look("the Summary in presenter mode")
	})
}

// fuzzModel is a fresh program at the smallest size, with what the paste
// path draws (the paste area, the panes, the history, the help line) in
// plain styles: then any escape sequence on screen came from the input.
// (Not setStyles: restyling the form and the profile list it never shows
// would cost each input more than all the rest.)
func fuzzModel() *Model {
	m := New(Options{Client: fuzzClient, Now: func() time.Time { return ptNow }})
	m.Update(tea.WindowSizeMsg{Width: fuzzWidth, Height: fuzzHeight})
	plain := ptPlain()
	m.st = plain
	m.history.SetStyles(plain)
	m.help.Styles = help.Styles{}
	m.paste.SetStyles(plain)
	m.paste.ta.SetStyles(textarea.Styles{})
	m.paste.ta.SetVirtualCursor(false)
	for _, f := range m.paste.fields {
		f.in.SetStyles(textinput.Styles{})
		f.in.SetVirtualCursor(false)
	}
	return m
}

// fuzzLook fails when a screen is taller or wider than the terminal, or
// holds a byte that is not UTF-8, an escape sequence, or anything else
// termsafe.Line would escape: C0 and C1 controls, DEL, bidirectional
// controls, invisible characters. The styles are plain, so the only
// sequences rotui draws itself set attributes (bold for the history's
// cursor, reverse, underline: SGR parameters under 30, never a colour);
// those are taken out first, and any other sequence came from the input.
func fuzzLook(t *testing.T, what, screen string) {
	t.Helper()
	if !utf8.ValidString(screen) {
		t.Fatalf("%s holds bytes that are not UTF-8:\n%q", what, screen)
	}
	screen = rotuiAttributes.ReplaceAllString(screen, "")
	lines := strings.Split(screen, "\n")
	if len(lines) > fuzzHeight {
		t.Fatalf("%s is %d lines on a %d-line screen:\n%s", what, len(lines), fuzzHeight, screen)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > fuzzWidth {
			t.Fatalf("%s: line %d is %d cells on a %d-cell screen: %q", what, i+1, w, fuzzWidth, l)
		}
		if safe := termsafe.Line(l); safe != l {
			for _, r := range l {
				if s := string(r); termsafe.Line(s) != s {
					t.Fatalf("%s: line %d draws %U raw: %q", what, i+1, r, l)
				}
			}
			t.Fatalf("%s: line %d is not terminal-safe: %q", what, i+1, l)
		}
	}
}

// rotuiAttributes matches the SGR sequences plain styles still draw:
// attributes only (bold, faint, italic, underline, reverse, their resets).
var rotuiAttributes = regexp.MustCompile(`\x1b\[(?:(?:[0-9]|2[0-9])(?:;(?:[0-9]|2[0-9]))*)?m`)
