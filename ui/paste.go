package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/jwtview"
)

// maxPaste is the largest token rotui inspects (DESIGN.md: tokens 512 KiB).
const maxPaste = 512 << 10

// bigPaste is the size past which a paste is held aside rather than put in
// the text area, whose wrapping of every line on every key would crawl.
const bigPaste = 4 << 10

// pasteArea is the text area that p opens: paste any token and inspect it.
type pasteArea struct {
	ta     textarea.Model
	big    string // a paste too large for the text area, held as it came
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
	p.big, p.err = "", ""
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
	ts := textarea.DefaultStyles(st.IsDark)
	ts.Cursor.Blink = false
	p.ta.SetStyles(ts)
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
	if p.big != "" {
		// A held paste is inspected or dropped whole; backspace drops it.
		if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "backspace" || k.String() == "delete") {
			p.big, p.err = "", ""
		}
		return nil
	}
	var cmd tea.Cmd
	p.ta, cmd = p.ta.Update(msg)
	p.err = ""
	return cmd
}

// insert adds pasted text without what jwtview.Strip takes out of a form
// field; its line breaks are kept, and a tab becomes a space (both are white
// space that Token drops).
func (p *pasteArea) insert(s string) {
	lines := strings.Split(strings.ReplaceAll(s, "\t", " "), "\n")
	for i, l := range lines {
		lines[i] = jwtview.Strip(l)
	}
	s = strings.Join(lines, "\n")
	p.err = ""
	if p.big != "" || len(s)+len(p.ta.Value()) > bigPaste {
		p.big = p.ta.Value() + p.big + s
		p.ta.Reset()
		return
	}
	p.ta.InsertString(s)
}

// Token is what was pasted with white space and "Bearer " trimmed, or an
// explanation of why there is nothing to inspect.
func (p *pasteArea) Token() (string, error) {
	v := p.ta.Value()
	if p.big != "" {
		v = p.big
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

// View draws a title, the text area and a hint or the last complaint.
func (p *pasteArea) View() string {
	st := p.st
	title := st.Title.Render("Paste a token to inspect") + st.Muted.Render("  (no login needed)")
	n := utf8.RuneCountInString(p.ta.Value())
	if p.big != "" {
		n = utf8.RuneCountInString(p.big)
	}
	foot := st.Muted.Render(fmt.Sprintf("%d characters · enter or ctrl+s inspects · esc goes back", n))
	if p.err != "" {
		foot = st.Error.Render("✗ " + p.err)
	}
	body := p.ta.View()
	if p.redact && n > 0 {
		body = st.Muted.Render(fmt.Sprintf("%d characters pasted; presenter mode keeps them off the screen.", n))
	} else if p.big != "" {
		lines := []string{
			st.Accent.Render(fmt.Sprintf("%d KiB pasted, held whole (too long to edit here).", (len(p.big)+1023)>>10)),
			st.Muted.Render("enter inspects it · backspace drops it"),
			"",
		}
		// Its first lines, cut to the width, as a reminder of what it is.
		head := []rune(jwtview.Safe(strings.Join(strings.Fields(jwtview.Head(p.big, 3*p.width)), " ")))
		for len(head) > 0 && len(lines) < 6 {
			k := min(len(head), max(1, p.width))
			lines = append(lines, st.Muted.Render(string(head[:k])))
			head = head[k:]
		}
		body = clipRect(strings.Join(lines, "\n"), p.width, max(1, p.height-3))
	}
	return strings.Join([]string{clipLine(title, p.width), body, "", clipLine(foot, p.width)}, "\n")
}
