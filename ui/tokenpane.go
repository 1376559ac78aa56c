package ui

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// timeLayout is how every time claim reads: UTC, to the second.
const timeLayout = "2006-01-02 15:04:05 UTC"

// tokenPane shows one token: kind, countdown, signature and claim checks,
// header, and claims in the order they were sent, one line each with a
// cursor whose claim's note shows, and a filter.
type tokenPane struct {
	paneBase
	tok    *subjectToken
	why    []string // plain sentences: why this token looks the way it does
	redact bool     // presenter mode

	header []fieldBlock
	claims []fieldBlock
	list   claimList // the header's and the claims' cursor

	filter    textinput.Model
	filtering bool // the filter has the keys
	infoSeen  int  // the /tokeninfo answer the pane last scrolled to
	info      profile
}

// fieldBlock is one header parameter or claim, made safe and styled once.
type fieldBlock struct {
	name   string // safe, plain
	value  string // safe, plain, one line (masked in presenter mode)
	note   string // safe, plain
	isTime bool
	t      time.Time
	match  string // lower-case name and value, for the filter
}

func newTokenPane(r *Result, t *subjectToken, st *Styles) *tokenPane {
	redact := r.subject.Redact
	title := t.Role.String()
	if t.Role == inspect.RolePasted {
		title = pastedTitle(r.insp.PastedRole())
	}
	p := &tokenPane{paneBase: newPaneBase(title, r, st), tok: t, redact: redact}
	p.why = t.Why
	p.header = fieldBlocks(t.Decoded.Header, redact, r.echoes)
	p.claims = fieldBlocks(t.Decoded.Claims, redact, r.echoes)
	p.filter = textinput.New()
	p.filter.Prompt = "/"
	p.filter.Placeholder = "filter claims by name or value"
	p.filter.CharLimit = 200
	p.styleFilter()
	if u := r.tokeninfo; u != nil && !u.calling {
		p.infoSeen = u.seq // panes built again (presenter mode) stay where they open
	}
	return p
}

// fieldBlocks lays out header parameters or claims. A token is the data
// asked for and is never changed, but a claim that quotes a secret of the
// form (a rule copying the password into the ID token) is masked where it
// is shown, like any other echo; c still copies the token itself.
func fieldBlocks(fields []jwtview.Field, redact bool, echoes *ro.Echoes) []fieldBlock {
	out := make([]fieldBlock, len(fields))
	for i, f := range fields {
		v := f.Text
		if v == "" && len(f.Raw) > 0 {
			v = string(f.Raw)
		}
		v = echoes.Mask(v)
		if redact {
			if m, ok := redactValue(f.Name, strings.Trim(v, `"`)); ok {
				v = m
			}
		}
		b := fieldBlock{name: safe(f.Name), value: safe(cutBytes(v, 64<<10)), note: safe(f.Note), isTime: f.IsTime, t: f.Time}
		b.match = strings.ToLower(b.name + "\x00" + b.value)
		out[i] = b
	}
	return out
}

// cutBytes keeps at most n bytes of s (on a rune boundary): a 10 MB claim is
// not worth escaping whole for a pane that shows four lines of it.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

func (p *tokenPane) styleFilter() {
	p.filter.SetStyles(p.st.inputStyles())
}

// SetSize takes the new rectangle; the rows follow when drawn.
func (p *tokenPane) SetSize(width, height int) {
	p.paneBase.SetSize(width, height)
	p.filter.SetWidth(max(p.width-2, 1))
}

// SetStyles takes the styles of a new background.
func (p *tokenPane) SetStyles(st *Styles) {
	p.paneBase.SetStyles(st)
	p.styleFilter()
}

// Keys are scrolling, and with fields the cursor and the notes, and the
// claims' filter (when there are claims).
func (p *tokenPane) Keys() []key.Binding {
	if len(p.header)+len(p.claims) == 0 {
		return p.paneBase.Keys()
	}
	keys := []key.Binding{p.keys.Page}
	if len(p.claims) > 0 {
		keys = append(keys, p.keys.Filter)
	}
	return append(keys, p.keys.Cursor, p.notesKey())
}

// notesKey is n, saying what it does now.
func (p *tokenPane) notesKey() key.Binding { return notesKey(p.keys.Notes, p.list.all) }

// Capturing is true while a filter is being typed.
func (p *tokenPane) Capturing() bool { return p.filtering }

// CopyToken gives the token as it came (never masked: copying is asked for).
func (p *tokenPane) CopyToken() (string, bool) { return p.tok.Decoded.Raw, p.tok.Decoded.Raw != "" }

// CopyJSON gives the decoded claims, indented; with a filter, only the
// claims it matches (so "/email" then y copies the e-mail claims). False
// when there are none.
func (p *tokenPane) CopyJSON() (string, bool) {
	if f := strings.ToLower(p.filter.Value()); f != "" {
		return p.copyMatching(f)
	}
	j := p.tok.Decoded.ClaimsJSON
	if !json.Valid(j) {
		return "", false
	}
	var b bytes.Buffer
	if json.Indent(&b, j, "", "  ") != nil {
		return "", false
	}
	return b.String(), true
}

// copyMatching renders the claims the filter matches as one JSON object,
// each value exactly as sent.
func (p *tokenPane) copyMatching(filter string) (string, bool) {
	claims := p.tok.Decoded.Claims
	var b bytes.Buffer
	b.WriteString("{")
	n := 0
	for i, c := range p.claims {
		if i >= len(claims) || !strings.Contains(c.match, filter) || !json.Valid(claims[i].Raw) {
			continue
		}
		if n > 0 {
			b.WriteString(",")
		}
		name, _ := json.Marshal(claims[i].Name)
		b.Write(name)
		b.WriteString(":")
		b.Write(claims[i].Raw)
		n++
	}
	b.WriteString("}")
	if n == 0 {
		return "", false
	}
	var out bytes.Buffer
	if json.Indent(&out, b.Bytes(), "", "  ") != nil {
		return "", false
	}
	return out.String(), true
}

// Update scrolls and filters. While the filter is being typed it has every
// key: esc clears and closes it, enter (or tab, ↑, ↓) keeps it and closes.
func (p *tokenPane) Update(msg tea.Msg) tea.Cmd {
	if p.filtering {
		return p.filterKey(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if p.stale() {
		p.layout() // the cursor moves over the rows as they will be drawn
	}
	switch {
	case key.Matches(k, p.keys.Filter):
		if len(p.claims) == 0 {
			return nil
		}
		p.filtering = true
		p.laid = -1
		return p.filter.Focus()
	case k.String() == "esc" && p.filter.Value() != "":
		p.filter.SetValue("")
		p.laid = -1
		return nil
	case key.Matches(k, p.keys.Notes) && len(p.header)+len(p.claims) > 0:
		p.list.toggleNotes()
		p.laid = -1
		return nil
	}
	p.list.move(k, p.keys.Scroll, &p.sc)
	return nil
}

// filterKey gives a key or a paste to the filter being typed.
func (p *tokenPane) filterKey(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			p.filtering = false
			p.filter.Blur()
			p.filter.SetValue("")
			p.laid = -1
			return nil
		case "enter", "tab", "down", "up":
			p.filtering = false
			p.filter.Blur()
			p.laid = -1
			return nil
		}
	}
	before := p.filter.Value()
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(msg)
	if p.filter.Value() != before {
		p.sc.offset = 0
		p.laid = -1
	}
	return cmd
}

// View draws the filter line (when one is in use) over the scrolled rows.
func (p *tokenPane) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	if p.stale() {
		p.layout()
	}
	body := p.sc.viewWith(p.st, p.list.below)
	if !p.showFilter() {
		return body
	}
	line := fit(p.filter.View(), p.width)
	if !p.filtering {
		line = fit(p.st.Muted.Render("/"+safe(p.filter.Value())+" · y copies these · / edits, then esc clears"), p.width)
	}
	if p.height == 1 {
		return line
	}
	return line + "\n" + body
}

func (p *tokenPane) showFilter() bool { return p.filtering || p.filter.Value() != "" }

// layout fits every row to the width; it runs on size, style, filter and
// verification changes, never on a tick.
func (p *tokenPane) layout() {
	h := p.height
	if p.showFilter() {
		h--
	}
	h = p.list.begin(p.width, max(h, 0), len(p.header)+len(p.claims) > 0, p.st)
	p.sc.width, p.sc.height = p.width, max(h, 0)
	if p.width <= 0 {
		p.sc.setRows(nil)
		return
	}
	rows := tokenRows(p.r, p.tok, p.title, p.why, p.header, p.claims, strings.ToLower(p.filter.Value()), p.redact, p.width, p.st, &p.list)
	u := p.r.tokeninfo
	if u == nil || p.tok.Role != inspect.RoleID {
		p.sc.setRows(rows)
		p.list.finish(&p.sc)
		return
	}
	at := len(rows)
	fields := p.info.read(u.ex, u.err, p.redact, p.r.echoes)
	rows = append(rows, staticRows(tokeninfoLines(u, len(fields) > 0, p.redact, p.width, p.st, &p.list)...)...)
	if len(fields) > 0 {
		rows = p.list.fieldRows(rows, fields, "", maxNoteLines)
	}
	p.sc.setRows(rows)
	p.list.finish(&p.sc)
	if answered := u.ex != nil || u.err != nil; answered && !u.calling && u.seq != p.infoSeen {
		// A new answer: show it, since it is what the person asked for.
		p.infoSeen = u.seq
		p.sc.offset = at
		p.sc.clamp()
	}
}

// tokeninfoLines are the ID token's /tokeninfo call: how to make it, that
// it is under way, or its answer, drawn as /userinfo's is: with a profile
// (withProfile) its status and the heading its claims follow, else the
// refusal with its hint or the body (profile values hidden in presenter
// mode).
func tokeninfoLines(u *userinfoCall, withProfile, redact bool, width int, st *Styles, list *claimList) []string {
	lines := append([]string{""}, wrapIndent("", st.Title.Render("POST /tokeninfo")+st.Muted.Render(" with this ID token · t calls it"), 2, width)...)
	switch {
	case u.calling:
		return append(lines, st.Muted.Render("… calling "+safe(u.domain)+"/tokeninfo"))
	case u.ex == nil && u.err == nil:
		return append(lines, wrapIndent("", st.Muted.Render("The legacy endpoint checks the ID token and answers the user's profile as the tenant keeps it, global_client_id included."), 0, width)...)
	}
	if withProfile {
		return append(lines, userinfoLines(u.ex, nil, width, st, redact)[0], "", list.heading(st, "Profile", false, ""))
	}
	return append(lines, userinfoLines(u.ex, u.err, width, st, redact)...)
}

// tokenRows lays out a token's rows at width.
func tokenRows(r *Result, t *subjectToken, title string, why []string, header, claims []fieldBlock, filter string, redact bool, width int, st *Styles, list *claimList) []row {
	tok := t.Decoded
	var rows []row
	add := func(lines ...string) { rows = append(rows, staticRows(lines...)...) }

	head := title + " · " + tok.Kind.String()
	if alg := tok.Alg(); alg != "" && tok.Kind != jwtview.KindOpaque {
		head += " · " + safe(alg)
	}
	head += " · " + t.length
	add(wrapIndent("", st.Title.Render(head), 2, width)...)

	if tok.Kind == jwtview.KindJWS || t.LifeFromExpiresIn {
		life := t.Lifetime
		rows = append(rows, row{live: func(now time.Time, w int) string { return countdown(life, now, w, st) }})
	}
	if t.LifeFromExpiresIn {
		secs := itoa(int(t.Lifetime.ExpiresAt.Sub(t.Lifetime.IssuedAt) / time.Second))
		add(wrapIndent("", st.Muted.Render("Expires at "+t.Lifetime.ExpiresAt.UTC().Format(timeLayout)+": the token itself does not say, the answer's expires_in ("+secs+" s) does, counted from when the request went out."), 0, width)...)
	}
	if tok.Kind == jwtview.KindOpaque && tok.Raw != "" {
		add(wrapIndent(st.Label.Render("Value")+"  ", st.Muted.Render(opaqueValue(tok.Raw, redact)), 7, width)...)
	}
	rows = append(rows, verificationLines(r, t, width, st)...)
	rows = append(rows, problemRows(tok, width, st)...)
	if redact {
		add(wrapIndent("", st.Muted.Render(redactedNote), 0, width)...)
	}
	for _, w := range why {
		add(wrapIndent("", st.Muted.Render(w), 0, width)...)
	}

	if len(header) > 0 {
		add("", list.heading(st, "Header", true, ""))
		rows = list.fieldRows(rows, header, "", 1)
	}
	if len(claims) > 0 || tok.Kind == jwtview.KindJWS {
		n := 0
		if filter == "" {
			n = len(claims)
		} else {
			for _, c := range claims {
				if strings.Contains(c.match, filter) {
					n++
				}
			}
		}
		label := "Claims (" + itoa(len(claims)) + ")"
		if filter != "" {
			label = "Claims (" + itoa(n) + " of " + itoa(len(claims)) + " match)"
		}
		add("", list.heading(st, label, len(header) == 0, " · / filters"))
		rows = list.fieldRows(rows, claims, filter, maxNoteLines)
	}
	if tok.Kind == jwtview.KindJWE {
		add("")
		add(wrapIndent("", st.Muted.Render("The claims are encrypted: only the recipient's private key can read them."), 0, width)...)
	}
	// A malformed token is shown as it came too: where it was cut, or the
	// character a problem names, is seen there.
	if !redact && (tok.Kind == jwtview.KindJWS || tok.Kind == jwtview.KindJWE || tok.Kind == jwtview.KindMalformed) {
		add("", st.Heading.Render("Encoded")+st.Muted.Render(" · c copies it"))
		add(encodedLines(tok.Raw, width, st)...)
	}
	return rows
}

// maxEncodedLines is how much of the encoded token the pane shows.
const maxEncodedLines = 12

// encodedLines show the token as sent, each dot-separated part in its own
// colour (header, payload, signature), cut after maxEncodedLines.
func encodedLines(raw string, width int, st *Styles) []string {
	lp := paintsOf(st)
	colours := []paint{lp.key, lp.str, lp.num, lp.lit, lp.label}
	text := cutRunes(raw, maxEncodedLines*width)
	var b strings.Builder
	for i, part := range strings.Split(text, ".") {
		if i > 0 {
			b.WriteString(".")
		}
		b.WriteString(colours[min(i, len(colours)-1)].on(safe(part)))
	}
	lines := hardwrap(b.String(), width)
	if len(text) < len(raw) {
		lines = append(lines, lp.muted.on(fit("… "+itoa(chars(raw))+" characters in all", width)))
	}
	return lines
}

// opaqueValue is the token itself (cut when huge), or a mask in presenter mode.
func opaqueValue(raw string, redact bool) string {
	if redact {
		return maskToken(raw)
	}
	if c := cutRunes(raw, 1000); len(c) < len(raw) {
		return safe(c) + "… (" + itoa(chars(raw)) + " characters; c copies it)"
	}
	return safe(raw)
}

// malformedWhySummary stands for inspect.WhyMalformed on the Summary,
// which has not the parts below it: the token's pane has.
const malformedWhySummary = "Not a well-formed token: its pane shows every part that could be decoded, with what failed."

// redactedNote marks a pane built in presenter mode.
const redactedNote = "Presenter mode: values that identify a person or grant access are hidden."

// verificationLines are the signature, issuer, audience and time checks, or
// why they are not made.
// problemRows say which part of a malformed token failed and why, one per
// part, in the column of the verification checks so that the reasons line up.
func problemRows(tok *jwtview.Token, width int, st *Styles) []row {
	const col = 14 // as verificationLines
	var out []row
	for _, p := range tok.Problems {
		first := st.Error.Render("✗ "+padRight(safe(p.Part), col-3)) + " "
		out = append(out, staticRows(wrapIndent(first, safe(p.Message), col, width)...)...)
	}
	return out
}

func verificationLines(r *Result, t *subjectToken, width int, st *Styles) []row {
	if t.Decoded.Kind != jwtview.KindJWS {
		return nil
	}
	const col = 14 // mark, space, name, space
	var out []row
	line := func(mark, name, text string) {
		first := mark + " " + st.Label.Render(padRight(name, col-3)) + " "
		out = append(out, staticRows(wrapIndent(first, text, col, width)...)...)
	}
	switch {
	case t.Verification != nil:
		for _, c := range t.Verification.Checks {
			if c.Name == "expiry" && !t.Lifetime.ExpiresAt.IsZero() {
				// Verify's reason was true when it ran; this one stays true.
				life := t.Lifetime
				out = append(out, row{live: func(now time.Time, w int) string {
					e := life.At(now)
					lp := paintsOf(st)
					mark := lp.ok.on("✓")
					if e.State == jwtview.Expired {
						mark = lp.bad.on("✗")
					}
					return mark + " " + lp.label.on(padRight("expiry", col-3)) + " " + e.String() + " (" + life.ExpiresAt.UTC().Format(timeLayout) + ")"
				}})
				continue
			}
			if c.Name == "not before" && !t.Lifetime.NotBefore.IsZero() {
				nbf := t.Lifetime.NotBefore
				out = append(out, row{live: func(now time.Time, w int) string {
					lp := paintsOf(st)
					mark, text := lp.ok.on("✓"), "valid since "+nbf.UTC().Format(timeLayout)+" ("+jwtview.Relative(nbf, now)+")"
					if now.Before(nbf) {
						mark, text = lp.bad.on("✗"), "not valid until "+nbf.UTC().Format(timeLayout)+" ("+jwtview.Relative(nbf, now)+")"
					}
					return mark + " " + lp.label.on(padRight("not before", col-3)) + " " + text
				}})
				continue
			}
			reason := safe(c.Reason)
			if c.Name == "signature" && c.Outcome == jwtview.NotChecked && t.noKey() != "" {
				reason = "not checked: " + t.noKey()
			}
			line(outcomeMark(c.Outcome, st), safe(c.Name), reason)
		}
		if len(t.Verification.Checks) == 0 {
			line(st.Muted.Render("–"), "signature", "not checked")
		}
	case r.Verifying(t.Role):
		line(st.Muted.Render("…"), "signature", st.Muted.Render("checking with the tenant's keys"))
	case t.noKey() != "":
		line(st.Muted.Render("–"), "signature", st.Muted.Render("not checked: "+t.noKey()))
	default:
		line(st.Muted.Render("–"), "signature", st.Muted.Render("not checked"))
	}
	return out
}

func outcomeMark(o jwtview.Outcome, st *Styles) string {
	switch o {
	case jwtview.Passed:
		return st.Success.Render("✓")
	case jwtview.Failed:
		return st.Error.Render("✗")
	}
	return st.Muted.Render("–")
}

// padRight fits s to exactly n cells: cut with … when longer (a wide
// character that does not fit whole leaves a space in its place, so that a
// column after it stays straight), padded with spaces when shorter.
func padRight(s string, n int) string {
	w := cells(s)
	if w > n {
		s = fit(s, n)
		w = cells(s)
	}
	return s + strings.Repeat(" ", max(n-w, 0))
}

// ellipsize ends a line with "…", within width cells.
func ellipsize(s string, width int) string {
	if ansi.StringWidth(s) < width {
		return s + "…"
	}
	return ansi.Truncate(s, max(width-1, 0), "") + "…"
}

// cutRunes keeps at most n runes of s, cut between characters.
func cutRunes(s string, n int) string { return jwtview.Head(s, n) }
