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
	Who      string // a user's email or a client ID
	Password string // empty for a client (listed under Clients)
	Shows    string // what logging in with it shows
}

// helpView is the ? overlay: every key of the screen on show, flowed into
// as many columns as the width allows (bubbles/help drops what does not fit).
func (m *Model) helpView(w, h int) string {
	st := m.st
	hm := m.help
	hm.ShowAll = true
	hm.SetWidth(w)
	var all []key.Binding
	keyW, descW := 0, 0
	for _, col := range m.helpKeys().FullHelp() {
		for _, b := range col {
			all = append(all, b)
			keyW = max(keyW, lipgloss.Width(b.Help().Key))
			descW = max(descW, lipgloss.Width(b.Help().Desc))
		}
	}
	// A column is as wide as its widest key and description, plus the
	// bubble's separator of four spaces.
	cols := max(1, min(len(all), (w+4)/(keyW+1+descW+4)))
	per := (len(all) + cols - 1) / cols
	var groups [][]key.Binding
	for i := 0; i < len(all); i += per {
		groups = append(groups, all[i:min(len(all), i+per)])
	}
	title := st.Title.Render("Keys") + st.Muted.Render("  (esc or ? closes)")
	body := hm.FullHelpView(groups)
	extra := st.Muted.Render("The mouse is not captured: select text with it.\nCopying uses OSC 52, so it works over SSH.")
	out := strings.Join([]string{title, "", body, "", extra}, "\n")
	if strings.Count(out, "\n")+1 > h {
		out = strings.Join([]string{title, body, extra}, "\n") // no room for air
	}
	return clipRect(out, w, h)
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
	switch m.screen {
	case formScreen:
		return formHelp{k: m.keys, demo: m.demo != nil}
	case pasteScreen:
		return pasteHelp{k: m.keys}
	}
	h := resultHelp{k: m.keys, demo: m.demo != nil, compare: m.canCompare(), compared: m.comparisonAway()}
	if m.active >= 0 && m.active < len(m.tabs) {
		h.pane = m.tabs[m.active].Keys()
		_, h.noCopy = m.tabs[m.active].(*comparePane)
	}
	return h
}
