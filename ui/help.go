package ui

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/rotui/rotui/termsafe"
)

// Demo describes the demo tenant for its overlay: who can log in and what
// each shows. Passwords appear in this overlay only, never on the panes.
type Demo struct {
	URL     string     // the tenant's base URL
	Entries []DemoLine // users and clients, in the order shown
	Secret  string     // the HS256 client's secret, to try the client-secret field
}

// DemoLine is one row of the demo overlay.
type DemoLine struct {
	Who      string // a user's email (or phone number) or a client ID
	Password string // empty for a client (listed under Clients)
	Shows    string // what logging in with it shows
	// Connection is the user's connection, which choosing the row puts in
	// the form (sms for a phone number); empty leaves the form's. A row
	// with a connection and no password is the connection itself (listed
	// under Connections).
	Connection string
}

// isConnection reports whether the row is a connection rather than a user
// or a client.
func (e DemoLine) isConnection() bool { return e.Password == "" && e.Connection != "" }

// helpView is the ? overlay: every key of the screen on show, flowed into
// as many columns as the width allows (bubbles/help drops what does not fit).
func (m *Model) helpView(w, h int) string {
	if m.statusCut() {
		// The status line had no room for the whole message: it comes
		// first here, and the keys have the lines left.
		msg := wrapText("Last message: "+m.status, w, h-4, m.st.Accent)
		if h > 8 {
			return clipRect(strings.Join(msg, "\n")+"\n"+m.keysView(w, h-len(msg)), w, h)
		}
	}
	return m.keysView(w, h)
}

// keysView is every key of the screen on show in a rectangle of w×h.
func (m *Model) keysView(w, h int) string {
	st := m.st
	hm := m.help
	hm.ShowAll = true
	hm.SetWidth(w)
	var all []key.Binding
	for _, col := range m.helpKeys().FullHelp() {
		all = append(all, col...)
	}
	groups := helpColumns(all, w, h-1) // a line goes to the title
	title := st.Title.Render("Keys") + st.Muted.Render("  (esc or ? closes)")
	extra := st.Muted.Render("The mouse is not captured: select text with it.\nCopying uses OSC 52, so it works over SSH.")
	if len(groups[0]) > h-1 {
		// Every key matters more than the title (the header says help,
		// the footer how to leave): at 60×16 the keys of the token panes
		// take every line.
		return clipRect(strings.Join([]string{hm.FullHelpView(helpColumns(all, w, h)), extra}, "\n"), w, h)
	}
	body := hm.FullHelpView(groups)
	out := strings.Join([]string{title, "", body, "", extra}, "\n")
	if strings.Count(out, "\n")+1 > h {
		out = strings.Join([]string{title, body, extra}, "\n") // no room for air
	}
	return clipRect(out, w, h)
}

// helpColumns flows the keys into the fewest columns of at most rows keys
// that fit width, each as wide as its own widest key and description plus
// the bubble's separator of four spaces (one long key, such as the token
// panes' "pgup pgdn home end", widens only its column); when no number of
// columns is short enough, as many as fit.
func helpColumns(all []key.Binding, width, rows int) [][]key.Binding {
	chunk := func(per int) [][]key.Binding {
		var groups [][]key.Binding
		for i := 0; i < len(all); i += per {
			groups = append(groups, all[i:min(len(all), i+per)])
		}
		return groups
	}
	wide := func(groups [][]key.Binding) int {
		n := 4 * (len(groups) - 1)
		for _, g := range groups {
			keyW, descW := 0, 0
			for _, b := range g {
				keyW = max(keyW, lipgloss.Width(b.Help().Key))
				descW = max(descW, lipgloss.Width(b.Help().Desc))
			}
			n += keyW + 1 + descW
		}
		return n
	}
	best := chunk(max(1, len(all)))
	for cols := 1; cols <= len(all); cols++ {
		groups := chunk((len(all) + cols - 1) / cols)
		if wide(groups) > width {
			break
		}
		best = groups
		if len(groups[0]) <= rows {
			break
		}
	}
	return best
}

// demoView is the demo tenant's users and clients, one row each under
// their section's heading. Where every note fits wrapped under its own
// column, it is; where not (60×16), each row is cut with … and the note of
// the row under the cursor is written whole under the list. The list
// scrolls so that the cursor's row is always in view.
func (m *Model) demoView(w, h int) string {
	st := m.st
	d := m.demo
	if d == nil {
		return clipRect(st.Muted.Render("Not in demo mode: start rotui with --demo for the demo tenant."), w, h)
	}
	title := fit(st.Title.Render("Demo tenant")+st.Muted.Render("  "+termsafe.Line(d.URL)+"  (esc closes)"), w)
	var tail []string
	switch {
	case d.Secret != "" && m.redact:
		tail = append(tail, fit("HS256 secret "+st.Accent.Render(presenterMask), w))
	case d.Secret != "":
		tail = append(tail, fit("HS256 secret "+st.Accent.Render(termsafe.Line(d.Secret)), w))
	}
	hint := "↑↓ choose · enter fills the form · ctrl+s then sends. Passwords show only here."
	if m.redact {
		hint = "↑↓ choose · enter fills the form. Presenter mode: passwords and the secret are hidden here too."
	}
	tail = append(tail, wrapText(hint, w, 2, st.Muted)...)

	rows, cursorAt := m.demoRows(w, true)
	if 1+len(rows)+len(tail) <= h {
		return clipRect(strings.Join(append(append([]string{title}, rows...), tail...), "\n"), w, h)
	}
	// Too many lines: a row each, and the cursor's note whole under them.
	rows, cursorAt = m.demoRows(w, false)
	e := d.Entries[m.demoCursor]
	note := wrapText(termsafe.Line(e.Who)+": "+m.demoShows(e), w, 3, st.Accent)
	room := max(1, h-1-len(tail)-len(note))
	offset := max(0, min(cursorAt-room+1, len(rows)-room))
	if cursorAt > 0 && offset == cursorAt {
		offset-- // the heading of the cursor's section too, when it is just above
	}
	shown := rows[offset:min(len(rows), offset+room)]
	if len(rows) > room {
		tail[len(tail)-1] = joinEnds(tail[len(tail)-1], st.Muted.Render(itoa(m.demoCursor+1)+" of "+itoa(len(d.Entries))), w)
	}
	lines := append([]string{title}, shown...)
	for len(lines) < 1+room {
		lines = append(lines, "")
	}
	return clipRect(strings.Join(append(append(lines, note...), tail...), "\n"), w, h)
}

// demoRows are the demo list's lines, section headings included, and the
// index of the cursor's row among them: each note wrapped under its own
// column (wrapNotes), or cut with … to one line.
func (m *Model) demoRows(w int, wrapNotes bool) (rows []string, cursorAt int) {
	st := m.st
	whoW := 0
	for _, e := range m.demo.Entries {
		whoW = max(whoW, lipgloss.Width(termsafe.Line(e.Who)))
	}
	whoW = min(whoW, 20)
	const pwW = 11
	indent := 2 + whoW + 1 + pwW + 1
	section := ""
	for i, e := range m.demo.Entries {
		pw := termsafe.Line(e.Password)
		if m.redact && pw != "" {
			pw = presenterMask // a shared screen shows no password, not even here
		}
		head := fmt.Sprintf("%-*s %s", whoW+2, "Users", "password")
		switch {
		case e.isConnection():
			head = "Connections (connection field)"
		case pw == "":
			head = "Clients (client ID field)"
		}
		if head != section {
			rows = append(rows, fit(st.Muted.Render(head), w))
			section = head
		}
		row := fmt.Sprintf("  %-*s %-*s ", whoW, clipText(termsafe.Line(e.Who), whoW), pwW, pw)
		if i == m.demoCursor {
			row = st.Accent.Bold(true).Render("▸" + row[1:])
			cursorAt = len(rows)
		}
		shows := m.demoShows(e)
		if !wrapNotes || w-indent < 16 {
			rows = append(rows, fit(row+st.Muted.Render(clipText(shows, max(1, w-indent))), w))
			continue
		}
		for j, l := range wrapText(shows, w-indent, 1<<10, st.Muted) {
			if j == 0 {
				rows = append(rows, row+l)
			} else {
				rows = append(rows, strings.Repeat(" ", indent)+l)
			}
		}
	}
	return rows, cursorAt
}

// oneTimeCode is a code in a demo note ("mfa_code 123456 passes"): four
// digits or more standing alone (a status, 401, has three).
var oneTimeCode = regexp.MustCompile(`\b[0-9]{4,}\b`)

// demoShows is what row e's login shows, made safe; in presenter mode
// every code and secret in it is masked as its password is: any
// password or secret of the list the note repeats, and every one-time
// code, so that a shared screen gives none away.
func (m *Model) demoShows(e DemoLine) string {
	s := termsafe.Line(e.Shows)
	if !m.redact {
		return s
	}
	for _, secret := range append([]string{m.demo.Secret}, demoPasswords(m.demo)...) {
		if secret = termsafe.Line(secret); len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, presenterMask)
		}
	}
	return oneTimeCode.ReplaceAllString(s, presenterMask)
}

// demoPasswords are the passwords and codes the demo list holds.
func demoPasswords(d *Demo) []string {
	var out []string
	for _, e := range d.Entries {
		if e.Password != "" {
			out = append(out, e.Password)
		}
	}
	return out
}

// helpKeys is the key map of the screen on show.
func (m *Model) helpKeys() help.KeyMap {
	if m.confirm != nil {
		return confirmHelp{k: m.keys}
	}
	switch m.screen {
	case formScreen:
		_, code := m.form.Passwordless()
		return formHelp{k: m.keys, demo: m.demo != nil, code: code}
	case pasteScreen:
		return pasteHelp{k: m.keys}
	}
	if m.active >= 0 && m.active < len(m.tabs) {
		if c, ok := m.tabs[m.active].(Capturer); ok && c.Capturing() {
			return filterHelp{k: m.keys}
		}
	}
	h := resultHelp{k: m.keys, demo: m.demo != nil, acts: m.actingKeys(), compare: m.canCompare(), compared: m.comparisonAway(),
		zero: m.shown != nil && m.shown.compare != nil}
	if m.active >= 0 && m.active < len(m.tabs) {
		h.pane = m.tabs[m.active].Keys()
		_, h.noCopy = m.tabs[m.active].(*comparePane)
	}
	return h
}
