package ui

import (
	"fmt"
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
	// the form (sms for a phone number); empty leaves the form's.
	Connection string
}

// helpView is the ? overlay: every key of the screen on show, flowed into
// as many columns as the width allows (bubbles/help drops what does not fit).
func (m *Model) helpView(w, h int) string {
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

// demoView is the demo tenant's users and clients.
func (m *Model) demoView(w, h int) string {
	st := m.st
	d := m.demo
	if d == nil {
		return clipRect(st.Muted.Render("Not in demo mode: start rotui with --demo for the demo tenant."), w, h)
	}
	lines := []string{
		st.Title.Render("Demo tenant") + st.Muted.Render("  "+termsafe.Line(d.URL)+"  (esc closes)"),
	}
	whoW := 0
	for _, e := range d.Entries {
		whoW = max(whoW, lipgloss.Width(e.Who))
	}
	whoW = min(whoW, 20)
	section := ""
	for i, e := range d.Entries {
		pw := e.Password
		if m.redact && pw != "" {
			pw = presenterMask // a shared screen shows no password, not even here
		}
		head := fmt.Sprintf("%-*s %s", whoW+2, "Users", "password")
		if pw == "" {
			head = "Clients (client ID field)"
		}
		if head != section {
			lines = append(lines, st.Muted.Render(head))
			section = head
		}
		row := fmt.Sprintf("  %-*s %-11s ", whoW, clipText(e.Who, whoW), pw)
		if i == m.demoCursor {
			row = st.Accent.Bold(true).Render("▸" + row[1:])
		}
		lines = append(lines, row+st.Muted.Render(e.Shows))
	}
	switch {
	case d.Secret != "" && m.redact:
		lines = append(lines, "HS256 secret "+st.Accent.Render(presenterMask))
	case d.Secret != "":
		lines = append(lines, "HS256 secret "+st.Accent.Render(d.Secret))
	}
	if m.redact {
		lines = append(lines, st.Muted.Render("↑↓ choose · enter fills the form. Presenter mode: passwords and the secret are hidden here too."))
	} else {
		lines = append(lines, st.Muted.Render("↑↓ choose · enter fills the form · ctrl+s then sends. Passwords show only here."))
	}
	for i, ln := range lines {
		lines[i] = clipLine(ln, w)
	}
	return clipRect(strings.Join(lines, "\n"), w, h)
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
	h := resultHelp{k: m.keys, demo: m.demo != nil, acts: m.actingKeys(), compare: m.canCompare(), compared: m.comparisonAway()}
	if m.active >= 0 && m.active < len(m.tabs) {
		h.pane = m.tabs[m.active].Keys()
		_, h.noCopy = m.tabs[m.active].(*comparePane)
	}
	return h
}
