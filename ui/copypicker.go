package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// copyChoice is one token a pane offers to copy, under its name and key.
type copyChoice struct {
	name  string      // "access token", "ID token", "refresh token"
	value string      // the token
	key   key.Binding // its key in the picker, from the root's KeyMap
}

// TokenChooser panes show several tokens (a login's Summary and Raw): c on
// them asks which to copy instead of guessing.
type TokenChooser interface{ CopyChoices() []copyChoice }

// exchangeChoices are the tokens a login's answer carries, in the order
// the panes show them (the root gives each its key).
func exchangeChoices(ex *ro.Exchange) []copyChoice {
	if ex == nil || ex.Tokens == nil {
		return nil
	}
	var out []copyChoice
	for _, c := range []copyChoice{
		{name: "access token", value: ex.Tokens.AccessToken},
		{name: "ID token", value: ex.Tokens.IDToken},
		{name: "refresh token", value: ex.Tokens.RefreshToken},
	} {
		if c.value != "" {
			out = append(out, c)
		}
	}
	return out
}

// copyPicker is the small overlay c opens on a pane with several tokens:
// a key each (shown), ↑↓ and enter, esc closes.
type copyPicker struct {
	from    Pane // the pane c was pressed on
	choices []copyChoice
	cursor  int
}

// openCopyPicker asks which of the pane's tokens to copy, when it has more
// than one; with one it copies that one. False when the pane offers none
// this way (c then copies as the pane says).
func (m *Model) openCopyPicker(p Pane) (tea.Cmd, bool) {
	c, ok := p.(TokenChooser)
	if !ok {
		return nil, false
	}
	switch choices := c.CopyChoices(); len(choices) {
	case 0:
		return nil, false
	case 1:
		return m.copyChoice(p, choices[0]), true
	default:
		keys := map[string]key.Binding{"access token": m.keys.PickAccess, "ID token": m.keys.PickID, "refresh token": m.keys.PickRefresh}
		for i := range choices {
			choices[i].key = keys[choices[i].name]
		}
		m.picker = &copyPicker{from: p, choices: choices}
		m.overlay = copyOverlay
		return nil, true
	}
}

// pickerKey copies the token under the cursor (enter) or whose key was
// pressed, moves the cursor (↑↓), or closes the picker (esc, c, q);
// ctrl+x turns presenter mode on or off as anywhere.
func (m *Model) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	k, pk := m.keys, m.picker
	n := len(pk.choices)
	switch {
	case key.Matches(msg, k.Redact):
		return m.redactUnderPicker(msg)
	case key.Matches(msg, k.Back, k.CopyToken, k.QuitSoft):
		m.closePicker()
	case key.Matches(msg, k.Up):
		pk.cursor = (pk.cursor + n - 1) % n
	case key.Matches(msg, k.Down, k.NextItem):
		pk.cursor = (pk.cursor + 1) % n
	case key.Matches(msg, k.Enter):
		m.closePicker()
		return m.copyChoice(pk.from, pk.choices[pk.cursor])
	default:
		for _, c := range pk.choices {
			if key.Matches(msg, c.key) {
				m.closePicker()
				return m.copyChoice(pk.from, c)
			}
		}
		m.setStatus("Press "+pickerKeys(pk.choices)+" to copy a token, or esc to close.", true)
	}
	return nil
}

// redactUnderPicker turns presenter mode on or off (ctrl+x) as it does
// anywhere: presenter mode is one key away even in a picker, which stays
// open, drawn again masked (without the tokens' first characters) or not.
func (m *Model) redactUnderPicker(msg tea.KeyPressMsg) tea.Cmd {
	open := m.overlay
	m.overlay = noOverlay
	cmd := m.handleKey(msg)
	m.overlay = open
	return cmd
}

func (m *Model) closePicker() {
	m.picker = nil
	m.overlay = noOverlay
}

// copyChoice puts one token of pane p on the clipboard (OSC 52) and says
// which; the status goes when the person leaves the pane.
func (m *Model) copyChoice(p Pane, c copyChoice) tea.Cmd {
	m.setStatus(fmt.Sprintf("Copied the %s from the %s pane (%d characters; OSC 52).", c.name, termsafe.Line(p.Title()), chars(c.value)), false)
	m.copiedOn = p
	return tea.SetClipboard(c.value)
}

// pickerKeys lists the picker's keys for a hint: "a, i or r".
func pickerKeys(cs []copyChoice) string {
	var ks []string
	for _, c := range cs {
		ks = append(ks, c.key.Help().Key)
	}
	if len(ks) < 2 {
		return strings.Join(ks, "")
	}
	return strings.Join(ks[:len(ks)-1], ", ") + " or " + ks[len(ks)-1]
}

// pickerPreview is how much of a token the picker shows, to tell tokens
// apart; none in presenter mode.
const pickerPreview = 16

// pickerView draws the picker as a small box in the middle of the body: a
// row a token with its key, name and length, and (but in presenter mode)
// the token's first characters.
func (m *Model) pickerView(w, h int) string {
	st, pk := m.st, m.picker
	nameW := 0
	for _, c := range pk.choices {
		nameW = max(nameW, len(c.name))
	}
	lines := []string{st.Title.Render("Copy which token?")}
	for i, c := range pk.choices {
		row := fmt.Sprintf("%s  %-*s  %5d chars", c.key.Help().Key, nameW, c.name, chars(c.value))
		if !m.redact {
			row += "  " + safe(clipText(c.value, pickerPreview))
		}
		if i == pk.cursor {
			row = st.Accent.Bold(true).Render("▸ " + row)
		} else {
			row = "  " + row
		}
		lines = append(lines, row)
	}
	hint := "its key, or ↑↓ and enter, copies · esc closes"
	if m.redact {
		hint += " · presenter mode: no token shown"
	}
	lines = append(lines, st.Muted.Render(hint))
	return pickerBox(st, lines, max(w-4, 1), w, h)
}

// pickerBox draws a picker's lines, each clipped to inner columns, in a
// rounded box in the middle of the w×h body.
func pickerBox(st *Styles, lines []string, inner, w, h int) string {
	for i, l := range lines {
		lines[i] = clipLine(l, inner)
	}
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(st.Accent.GetForeground()).Padding(0, 1).
		Render(strings.Join(lines, "\n"))
	return clipRect(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box), w, h)
}
