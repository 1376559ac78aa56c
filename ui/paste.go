package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/termsafe"
)

// maxPaste is the largest token rotui inspects (DESIGN.md: tokens 512 KiB).
const maxPaste = 512 << 10

// heldPaste is the size past which text is held aside rather than kept in
// the text area: a token is longer, and the text area wraps every line of
// its value on every key and every frame (about 2 ms for a whole token).
// Held text is drawn by its last lines in view only, takes typed text at
// its end and backspace from its end, and ctrl+u empties it.
const heldPaste = 256

// pasteArea is the text area that p opens: paste any token and inspect it.
type pasteArea struct {
	ta     textarea.Model
	held   string // a paste (or typing) past heldPaste, held as it came
	redact bool   // presenter mode: the text pasted is not shown
	err    string
	width  int
	height int
	st     *Styles
}

func newPasteArea(st *Styles) *pasteArea {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.Placeholder = "Paste a token here: a JWT, a JWE, an opaque token, or \"Bearer …\"."
	ta.CharLimit = maxPaste + 1 // one more, so that too long is said rather than cut silently
	ta.MaxHeight = 0
	p := &pasteArea{ta: ta, st: st}
	p.SetStyles(st)
	return p
}

// open empties the area and gives it the keyboard.
func (p *pasteArea) open() tea.Cmd {
	p.ta.Reset()
	p.held, p.err = "", ""
	return p.ta.Focus()
}

// close takes the keyboard away.
func (p *pasteArea) close() { p.ta.Blur() }

// SetSize gives the area its rectangle: a title line, the text, a hint.
func (p *pasteArea) SetSize(width, height int) {
	p.width, p.height = width, height
	p.ta.SetWidth(max(10, width))
	p.ta.SetHeight(max(1, height-3))
}

// SetStyles follows the background.
func (p *pasteArea) SetStyles(st *Styles) {
	p.st = st
	p.ta.SetStyles(st.areaStyles())
}

// Update takes keys and pastes. A paste is cleaned of control, bidirectional
// and invisible characters first (a token never holds one), so nothing
// pasted can drive the terminal or make the text area read otherwise than
// what it holds.
func (p *pasteArea) Update(msg tea.Msg) tea.Cmd {
	if pm, ok := msg.(tea.PasteMsg); ok {
		p.insert(pm.Content)
		return nil
	}
	if p.held != "" {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			p.heldKey(k)
		}
		return nil
	}
	var cmd tea.Cmd
	p.ta, cmd = p.ta.Update(msg)
	p.err = ""
	if len(p.ta.Value()) > heldPaste {
		p.held = p.ta.Value()
		p.ta.Reset()
	}
	return cmd
}

// heldKey edits held text at its end: typing adds, backspace takes the last
// character off, ctrl+u empties it.
func (p *pasteArea) heldKey(k tea.KeyPressMsg) {
	switch k.String() {
	case "backspace":
		_, n := utf8.DecodeLastRuneInString(p.held)
		p.held = p.held[:len(p.held)-n]
	case "ctrl+u":
		p.held = ""
	default:
		if k.Text != "" {
			p.insert(k.Text)
		}
		return
	}
	p.err = ""
	if p.held != "" && len(p.held) <= heldPaste {
		// Short again: back into the text area, where it can be edited anywhere.
		p.ta.SetValue(p.held)
		p.held = ""
	}
}

// insert adds pasted text without what termsafe.Strip takes out of a form
// field; its line breaks are kept, and a tab becomes a space (both are white
// space that Token drops).
func (p *pasteArea) insert(s string) {
	lines := strings.Split(strings.ReplaceAll(s, "\t", " "), "\n")
	for i, l := range lines {
		lines[i] = termsafe.Strip(l)
	}
	s = strings.Join(lines, "\n")
	p.err = ""
	if p.held != "" || len(s)+len(p.ta.Value()) > heldPaste {
		p.held = p.ta.Value() + p.held + s
		p.ta.Reset()
		return
	}
	p.ta.InsertString(s)
}

// Token is what was pasted with white space and "Bearer " trimmed, or an
// explanation of why there is nothing to inspect.
func (p *pasteArea) Token() (string, error) {
	v := p.ta.Value()
	if p.held != "" {
		v = p.held
	}
	if len(v) > maxPaste {
		return "", fmt.Errorf("that is %d KiB: rotui inspects tokens of up to %d KiB", len(v)>>10, maxPaste>>10)
	}
	// A token never holds white space: a paste wrapped over lines is joined.
	t := jwtview.Trim(strings.Join(strings.Fields(v), " "))
	if strings.HasPrefix(t, "Bearer ") || strings.HasPrefix(t, "bearer ") {
		t = strings.TrimSpace(t[len("Bearer "):])
	}
	t = strings.Join(strings.Fields(t), "")
	if t == "" {
		return "", fmt.Errorf("nothing to inspect yet: paste a token first")
	}
	return t, nil
}

// View draws a title, the text area (or the last lines of held text that
// fit) and a hint or the last complaint.
func (p *pasteArea) View() string {
	st := p.st
	title := st.Title.Render("Paste a token to inspect") + st.Muted.Render("  (no login needed)")
	n := utf8.RuneCountInString(p.ta.Value())
	if p.held != "" {
		n = utf8.RuneCountInString(p.held)
	}
	hint := " · enter or ctrl+s inspects · esc goes back"
	if p.held != "" {
		hint = " · enter inspects · ctrl+u clears · esc goes back"
	}
	foot := st.Muted.Render(fmt.Sprintf("%d characters", n) + hint)
	if p.err != "" {
		foot = st.Error.Render("✗ " + p.err)
	}
	rows := max(1, p.height-3)
	var body string
	switch {
	case p.redact && n > 0:
		body = st.Muted.Render(fmt.Sprintf("%d characters pasted; presenter mode keeps them off the screen.", n))
	case p.held != "":
		body = strings.Join(heldLines(p.held, max(1, p.width), rows), "\n")
	default:
		body = p.ta.View()
	}
	return strings.Join([]string{clipLine(title, p.width), body, "", clipLine(foot, p.width)}, "\n")
}

// heldLines are the last rows lines of text broken every width cells, each
// made terminal-safe on its own (a joiner kept between two emoji must not
// end a line alone), with a cursor block after the last character. Only the
// end of the text is looked at, so a 512 KiB paste draws as fast as a token.
func heldLines(text string, width, rows int) []string {
	// Each cell shows at most one byte of ASCII: take a little more than
	// fits, on a rune boundary.
	tail := text[max(0, len(text)-width*rows*2):]
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	lines := hardwrap(strings.Join(strings.Fields(tail), " ")+"█", width)
	if len(lines) > rows {
		lines = lines[len(lines)-rows:]
	}
	for i, l := range lines {
		lines[i] = fit(termsafe.Line(l), width)
	}
	return lines
}
