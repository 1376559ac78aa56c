package ui

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
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

// pasteArea is the text area that p opens: paste any token and inspect it,
// with what to expect of it and the key to verify it with in the fields
// under it, as rotui decode takes them (--issuer, --audience, --jwks,
// --key, --secret-stdin). tab moves between the area and the fields.
type pasteArea struct {
	ta     textarea.Model
	held   string // a paste (or typing) past heldPaste, held as it came
	redact bool   // presenter mode: the text pasted is not shown
	err    string
	width  int
	height int
	st     *Styles

	fields []*pasteField // in pasteFieldRows' order
	focus  int           // 0: the text area; i+1: fields[i]
	seq    int           // which inspection a key file read belongs to

	// last is the token inspected last. Opening the area again shows it, so
	// that enter checks it again with what the fields now say; while kept
	// (untouched), a paste replaces it rather than adding to it.
	last string
	kept bool
}

// pasteField is one line under the paste area.
type pasteField struct {
	label, hint string
	secret      bool // masked as typed, never drawn
	in          textinput.Model
}

// The fields under the paste area, by their place in pasteArea.fields.
const (
	pasteIssuer = iota
	pasteAudience
	pasteJWKS
	pastePEM
	pasteSecret
)

// pasteFieldRows are the fields under the paste area: label, placeholder,
// the hint shown while the cursor is in it, and whether it is masked.
var pasteFieldRows = []struct {
	label, placeholder, hint string
	secret                   bool
}{
	pasteIssuer:   {"Issuer", "the iss to expect (optional)", "The iss the token must carry, e.g. https://acme.us.auth0.com/ (with its slash).", false},
	pasteAudience: {"Audience", "the aud to expect (optional)", "The aud the token must carry: the client ID for an ID token, the API for an access token.", false},
	pasteJWKS:     {"JWKS URL", "keys to verify with (optional)", "Verify with these keys, e.g. https://acme.us.auth0.com/.well-known/jwks.json. One key only: a JWKS URL, a PEM file or a secret.", false},
	pastePEM:      {"PEM file", "path to a public key (optional)", "Verify with the PEM public key in this file. One key only: a JWKS URL, a PEM file or a secret.", false},
	pasteSecret:   {"Secret", "HS256 client secret (optional)", "Typing here is hidden. Verify an HS* token with this client secret; " + inspect.SecretEncodingNote + ".", true},
}

// pasteLabelWidth is the width of the fields' labels.
const pasteLabelWidth = 10

func newPasteArea(st *Styles) *pasteArea {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.Placeholder = "Paste a token here: a JWT, a JWE, an opaque token, or \"Bearer …\". Or paste a login's curl command to fill the form with it."
	ta.CharLimit = maxPaste + 1 // one more, so that too long is said rather than cut silently
	ta.MaxHeight = 0
	p := &pasteArea{ta: ta, st: st}
	for _, r := range pasteFieldRows {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = r.placeholder
		in.CharLimit = 4096
		if r.secret {
			in.EchoMode = textinput.EchoPassword
			in.EchoCharacter = '•'
		}
		p.fields = append(p.fields, &pasteField{label: r.label, hint: r.hint, secret: r.secret, in: in})
	}
	p.SetStyles(st)
	return p
}

// open empties the area and gives it the keyboard. The fields keep what
// was typed in them: the next token is likely from the same tenant.
func (p *pasteArea) open() tea.Cmd {
	p.ta.Reset()
	p.held, p.err, p.kept = "", "", false
	if p.last != "" {
		p.insert(p.last)
		p.kept = true
	}
	p.seq++
	return p.focusOn(0)
}

// inspected remembers tok as the token inspected last.
func (p *pasteArea) inspected(tok string) { p.last = tok }

// close takes the keyboard away.
func (p *pasteArea) close() {
	p.ta.Blur()
	for _, f := range p.fields {
		f.in.Blur()
	}
	p.seq++ // a key file still being read is for nothing now
}

// focusOn gives the keyboard to the text area (0) or field i-1.
func (p *pasteArea) focusOn(i int) tea.Cmd {
	p.focus = i
	p.ta.Blur()
	for _, f := range p.fields {
		f.in.Blur()
	}
	if i == 0 {
		return p.ta.Focus()
	}
	return p.fields[i-1].in.Focus()
}

// next moves the keyboard to the next (or, back, the previous) of the text
// area and the fields, round.
func (p *pasteArea) next(back bool) tea.Cmd {
	n := len(p.fields) + 1
	if back {
		return p.focusOn((p.focus + n - 1) % n)
	}
	return p.focusOn((p.focus + 1) % n)
}

// SetSize gives the area its rectangle: a title line, the text, a blank
// line, the fields, a hint of up to two lines.
func (p *pasteArea) SetSize(width, height int) {
	p.width, p.height = width, height
	p.ta.SetWidth(max(10, width))
	p.ta.SetHeight(p.areaRows())
	for _, f := range p.fields {
		f.in.SetWidth(max(1, width-pasteLabelWidth-3))
	}
}

// areaRows is how many rows the text area has.
func (p *pasteArea) areaRows() int { return max(1, p.height-4-len(p.fields)) }

// SetStyles follows the background.
func (p *pasteArea) SetStyles(st *Styles) {
	p.st = st
	p.ta.SetStyles(st.areaStyles())
	for _, f := range p.fields {
		f.in.SetStyles(st.inputStyles())
	}
}

// value is what field i holds, trimmed.
func (p *pasteArea) value(i int) string { return strings.TrimSpace(p.fields[i].in.Value()) }

// expect is what the fields say to expect of the pasted token and to
// verify it with, but for the PEM key, which the root reads from its file
// in a command; or why they cannot be used as they are.
func (p *pasteArea) expect() (pasteExpect, error) {
	e := pasteExpect{issuer: p.value(pasteIssuer), audience: p.value(pasteAudience),
		jwks: p.value(pasteJWKS), pemPath: p.value(pastePEM), secret: p.value(pasteSecret)}
	keys := 0
	for _, v := range []string{e.jwks, e.pemPath, e.secret} {
		if v != "" {
			keys++
		}
	}
	if keys > 1 {
		return e, fmt.Errorf("give one key to verify with: a JWKS URL, a PEM file or a secret, not %d", keys)
	}
	if e.jwks != "" {
		if err := jwtview.CheckKeyURL(e.jwks); err != nil {
			return e, fmt.Errorf("JWKS URL: %v", err)
		}
	}
	return e, nil
}

// pasteExpect is what the fields under the paste area hold.
type pasteExpect struct {
	issuer, audience, jwks, pemPath, secret string
}

// maxPEM is the largest key file read: a PEM key is a few KB, a larger
// file is the wrong file.
const maxPEM = 1 << 20

// readPEMCmd reads and parses the public key in the file at path, off the
// update path; its pemReadMsg comes back to the root with the token.
func readPEMCmd(seq int, tok, path string) tea.Cmd {
	return func() tea.Msg {
		msg := pemReadMsg{seq: seq, token: tok}
		b, err := readPEMFile(path)
		if err == nil {
			_, err = jwtview.ParsePublicKeyPEM(b)
		}
		if err != nil {
			msg.err = fmt.Errorf("PEM file %s: %v", path, err)
			return msg
		}
		msg.pem = b
		return msg
	}
}

func readPEMFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPEM+1))
	if err == nil && len(b) > maxPEM {
		err = fmt.Errorf("larger than %d KiB; that is no PEM key", maxPEM>>10)
	}
	return b, err
}

// Update takes keys and pastes. A paste is cleaned of control, bidirectional
// and invisible characters first (a token never holds one), so nothing
// pasted can drive the terminal or make the text area read otherwise than
// what it holds.
func (p *pasteArea) Update(msg tea.Msg) tea.Cmd {
	if p.focus > 0 {
		return p.updateField(p.fields[p.focus-1], msg)
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		// A paste replaces a token already inspected, a curl command (kept
		// off the screen, so it could not be seen to grow) and text that
		// was refused; it adds to text being typed.
		if p.kept || p.Curl() || p.err != "" {
			p.forget()
		}
		p.insert(msg.Content)
		return nil
	case tea.PasteStartMsg, tea.PasteEndMsg:
		return nil // a terminal's brackets around a paste: no keystroke
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+u" && p.Curl() {
			p.forget() // a command off the screen is cleared whole
			return nil
		}
	}
	p.kept = false
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

// updateField gives a key or a paste to a field: the text is kept free of
// what termsafe.Strip takes out, so that no value can drive the terminal.
func (p *pasteArea) updateField(f *pasteField, msg tea.Msg) tea.Cmd {
	if pm, ok := msg.(tea.PasteMsg); ok {
		f.in.SetValue(f.in.Value() + termsafe.Strip(strings.TrimSpace(pm.Content)))
		f.in.CursorEnd()
		p.err = ""
		return nil
	}
	var cmd tea.Cmd
	before := f.in.Value()
	f.in, cmd = f.in.Update(msg)
	if v := f.in.Value(); v != before {
		// A secret is never drawn: it is kept exactly as typed, as the form keeps it.
		if clean := termsafe.Strip(v); clean != v && !f.secret {
			f.in.SetValue(clean)
		}
		p.err = ""
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
	// A terminal sends a pasted line break as a carriage return, and a
	// Windows file has CRLF: both are line breaks, or a curl command's
	// continuations would run into one line.
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
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

// Text is what the area holds, as pasted and typed.
func (p *pasteArea) Text() string {
	if p.held != "" {
		return p.held
	}
	return p.ta.Value()
}

// Curl reports whether the area holds a curl command (ro.LooksLikeCurl)
// rather than a token: enter fills the form with it instead of inspecting.
func (p *pasteArea) Curl() bool { return ro.LooksLikeCurl(p.Text()) }

// forget empties the area: a curl command may hold a password, which stays
// in the form's masked field only.
func (p *pasteArea) forget() {
	p.ta.Reset()
	p.held, p.err, p.kept = "", "", false
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
	if !jwtview.SeveralTokens(t) { // several stay apart, for Decode to say so
		t = strings.Join(strings.Fields(t), "")
	}
	if t == "" {
		return "", fmt.Errorf("nothing to inspect yet: paste a token first")
	}
	return t, nil
}

// View draws a title, the text area (or the last lines of held text that
// fit) and a hint or the last complaint.
func (p *pasteArea) View() string {
	st := p.st
	title := st.Title.Render("Paste a token to inspect") + st.Muted.Render("  (no login needed) · or a curl command, to fill the form")
	n := utf8.RuneCountInString(p.ta.Value())
	if p.held != "" {
		n = utf8.RuneCountInString(p.held)
	}
	hint := " · enter or ctrl+s inspects · tab: what to expect, keys · esc goes back"
	if p.held != "" {
		hint = " · enter inspects · ctrl+u clears · tab: what to expect, keys · esc goes back"
	}
	if p.kept {
		hint = " · the last token: enter checks it again with the fields below, a paste replaces it" + hint[strings.Index(hint, " · tab"):]
	}
	foot := wrapText(fmt.Sprintf("%d characters", n)+hint, p.width, 2, st.Muted)
	if p.focus > 0 {
		foot = wrapText(p.fields[p.focus-1].hint, p.width, 2, st.Muted)
	}
	if p.err != "" {
		foot = wrapText("✗ "+p.err, p.width, 2, st.Error)
	}
	rows := p.areaRows()
	var body string
	switch {
	case p.Curl():
		// Its password and bearer would show in clear: it is drawn by its size only.
		lines := "1 line"
		if k := strings.Count(p.Text(), "\n") + 1; k > 1 {
			lines = fmt.Sprintf("%d lines", k)
		}
		body = st.Muted.Render(fmt.Sprintf("A curl command, %d characters on %s, kept off the screen (it may hold a password): enter fills the form with it.", n, lines))
		if p.err == "" && p.focus == 0 {
			foot = wrapText("enter or ctrl+s fills the form · esc goes back", p.width, 2, st.Muted)
		}
	case p.redact && n > 0:
		body = st.Muted.Render(fmt.Sprintf("%d characters pasted; presenter mode keeps them off the screen.", n))
	case p.held != "":
		body = strings.Join(heldLines(p.held, max(1, p.width), rows, p.focus == 0), "\n")
	default:
		body = p.ta.View()
	}
	lines := []string{clipLine(title, p.width), body, ""}
	for i, f := range p.fields {
		marker, label := "  ", st.Muted.Render(fmt.Sprintf("%-*s", pasteLabelWidth, f.label))
		if p.focus == i+1 {
			marker, label = st.Accent.Render("▸ "), st.Label.Render(fmt.Sprintf("%-*s", pasteLabelWidth, f.label))
		}
		value := f.in.View()
		if f.secret && p.redact && f.in.Value() != "" {
			value = presenterMask // a shared screen shows not even the secret's length
		}
		lines = append(lines, clipLine(marker+label+" "+value, p.width))
	}
	return strings.Join(append(lines, foot...), "\n")
}

// heldLines are the last rows lines of text broken every width cells, each
// made terminal-safe on its own (a joiner kept between two emoji must not
// end a line alone), with a cursor block after the last character when the
// text has the keyboard. Only the
// end of the text is looked at, so a 512 KiB paste draws as fast as a token.
func heldLines(text string, width, rows int, cursor bool) []string {
	// Each cell shows at most one byte of ASCII: take a little more than
	// fits, on a rune boundary.
	tail := text[max(0, len(text)-width*rows*2):]
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	end := ""
	if cursor {
		end = "█"
	}
	lines := hardwrap(strings.Join(strings.Fields(tail), " ")+end, width)
	if len(lines) > rows {
		lines = lines[len(lines)-rows:]
	}
	for i, l := range lines {
		lines[i] = fit(termsafe.Line(l), width)
	}
	return lines
}
