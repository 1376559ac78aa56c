package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/termsafe"
)

// d on a result asks which other result to compare it with: a small
// overlay like the copy picker, listing the session's other results that
// have a token (newest first, as the History does), each saying what it is.
// Choosing one opens the Compare pane as the result's tab 0.

// comparePicker is the overlay d opens.
type comparePicker struct {
	from    *entry   // the result d was pressed on: A
	choices []*entry // the others with a token, newest first
	left    int      // results with no token, not listed
	cursor  int
	offset  int
}

// compareCandidates are the results e may be compared with: every other
// result kept that has a token, newest first; left counts those with none.
func (m *Model) compareCandidates(e *entry) (out []*entry, left int) {
	for i := len(m.entries) - 1; i >= 0; i-- {
		c := m.entries[i]
		switch {
		case c == e:
		case len(c.result.insp.Tokens) == 0:
			left++
		default:
			out = append(out, c)
		}
	}
	return out, left
}

// canCompare reports whether d has something to compare the result on
// screen with (the footer lists d only then).
func (m *Model) canCompare() bool {
	if m.shown == nil || len(m.shown.result.insp.Tokens) == 0 {
		return false
	}
	for _, c := range m.entries {
		if c != m.shown && len(c.result.insp.Tokens) > 0 {
			return true
		}
	}
	return false
}

// comparisonAway reports whether the result on screen has a comparison
// that is not the active pane (the footer lists 0 only then).
func (m *Model) comparisonAway() bool {
	return m.shown != nil && m.shown.compare != nil && m.active < len(m.tabs) && m.tabs[m.active] != Pane(m.shown.compare)
}

// openComparePicker asks which result to compare the one on screen with,
// or says why there is none.
func (m *Model) openComparePicker() tea.Cmd {
	e := m.shown
	if len(e.result.insp.Tokens) == 0 {
		m.setStatus("This result has no token to compare: d compares the tokens of two results (a login's answer or a pasted token).", true)
		return nil
	}
	choices, left := m.compareCandidates(e)
	switch {
	case len(choices) == 0 && left == 0:
		m.setStatus("Nothing to compare with yet: send again (r, or e to change a field first) or paste a token (p), then d.", true)
		return nil
	case len(choices) == 0:
		m.setStatus("No other result has a token to compare with ("+itoa(left)+" came back without one): send again (r) or paste a token (p), then d.", true)
		return nil
	}
	m.comparing = &comparePicker{from: e, choices: choices, left: left}
	m.overlay = compareOverlay
	return nil
}

// comparePickKey moves the cursor (↑↓, pgup/pgdn, home/end), compares
// with the result under it (enter), or closes (esc, d, q); ctrl+x turns
// presenter mode on or off as anywhere.
func (m *Model) comparePickKey(msg tea.KeyPressMsg) tea.Cmd {
	k, pk := m.keys, m.comparing
	if c, ok := k.pickerScroll().Move(msg, pk.cursor, max(m.comparePickerRoom(), 1), len(pk.choices)); ok {
		pk.cursor = c
		return nil
	}
	switch {
	case key.Matches(msg, k.Redact):
		return m.redactUnderPicker(msg)
	case key.Matches(msg, k.Back, k.Compare, k.QuitSoft):
		m.closeComparePicker()
	case key.Matches(msg, k.PickCompare):
		a, b := pk.from, pk.choices[pk.cursor]
		m.closeComparePicker()
		m.openComparison(a, newComparePane(m.compareSide(a, "A"), m.compareSide(b, "B"), false, m.st, m.redact))
		this := "this result"
		if a.result.subject.Exchange == nil {
			this = "this " + pastedWhat(a.result.insp.PastedRole())
		}
		m.setStatus("Comparing "+this+" (A) with "+describeWhen(m.compareSide(b, "B").what)+" (B): 0 comes back here.", false)
	default:
		m.setStatus("↑↓ and enter compare with a result, esc closes.", true)
	}
	return nil
}

// pickerScroll are the keys that move a picker's cursor: the arrows and
// their vi twins, pgup/pgdn, home/end (not space: it reads as choosing).
func (k KeyMap) pickerScroll() ScrollKeys {
	s := DefaultScrollKeys()
	s.PageDown = key.NewBinding(key.WithKeys("pgdown", "ctrl+f"))
	return s
}

func (m *Model) closeComparePicker() {
	m.comparing = nil
	m.overlay = noOverlay
}

// compareSide is e as a side of a comparison, named name.
func (m *Model) compareSide(e *entry, name string) compareSide {
	s := compareSide{e: e, name: name}
	s.what, _ = m.history.rowOf(e.id)
	return s
}

// openComparison makes p the comparison of e (tab 0) and shows it.
func (m *Model) openComparison(e *entry, p *comparePane) {
	e.compare = p
	m.showEntry(e)
	m.toComparison()
}

// toComparison makes the comparison of the result on screen the active
// pane (0), or says how to make one.
func (m *Model) toComparison() {
	if m.shown == nil || m.shown.compare == nil {
		m.setStatus("No comparison yet: d compares this result with another; m compares an ro login with the same through realm.", true)
		return
	}
	for i, p := range m.tabs {
		if p == Pane(m.shown.compare) {
			m.switchPane(i)
		}
	}
}

// rowOf is the History's row of the result id.
func (h *History) rowOf(id int) (historyRow, bool) {
	for _, r := range h.rows {
		if r.id == id {
			return r, true
		}
	}
	return historyRow{}, false
}

// describeEntry says what a result is, as the picker and the Compare pane
// name it: its time, flow, user (masked in presenter mode), client and
// status; a pasted token by its kind ("pasted ID token").
func describeEntry(r historyRow, e *entry, redact bool) string {
	return describeEntryIn(r, e, redact, 1<<20)
}

// describeEntryIn is describeEntry in at most w cells: where it does not
// fit, the client goes first, then the user is cut with …, so that the
// status stays whole; what is still too long is cut with … at its end.
func describeEntryIn(r historyRow, e *entry, redact bool, w int) string {
	// Every result has its number, as in History: in presenter mode, where
	// the users are masked, two logins of one minute differ by it alone.
	head := []string{r.at.Format("15:04:05")}
	if r.id != 0 {
		head = []string{"#" + itoa(r.id), r.at.Format("15:04:05")}
	}
	switch {
	case e != nil && e.result.subject.Exchange == nil:
		head = append(head, pastedWhat(e.result.insp.PastedRole()))
	case r.refreshOf != 0:
		head = append(head, "↻ of #"+itoa(r.refreshOf)) // as History names it: a refresh is no ro login
	default:
		head = append(head, termsafe.Line(r.flow))
	}
	who := termsafe.Line(r.user)
	if redact {
		who = maskWho(r.user)
	}
	client, status := termsafe.Line(r.client), termsafe.Line(r.status)
	join := func(who, client string) string {
		parts := head
		for _, s := range []string{who, client, status} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, " · ")
	}
	line := join(who, client)
	if cells(line) > w {
		line = join(who, "")
	}
	if over := cells(line) - w; over > 0 && who != "" {
		line = join(clipText(who, max(chars(who)-over, 2)), "")
	}
	return fit(line, w)
}

// describeWhen names a result in a sentence: "the ro call of 12:01:03",
// "the token pasted at 12:03:44", "#4, the refresh of #3 at 12:04:10".
func describeWhen(r historyRow) string {
	if r.flow == "paste" {
		return "the token pasted at " + r.at.Format("15:04:05")
	}
	if r.refreshOf != 0 {
		return "#" + itoa(r.id) + ", the refresh of #" + itoa(r.refreshOf) + " at " + r.at.Format("15:04:05")
	}
	return "the " + termsafe.Line(r.flow) + " call of " + r.at.Format("15:04:05")
}

// pastedWhat names a pasted token by the kind it reads as.
func pastedWhat(role inspect.Role) string {
	if role == inspect.RoleID {
		return "pasted ID token"
	}
	return "pasted " + strings.ToLower(role.String())
}

// comparePickerRoom is how many results the picker lists at once.
func (m *Model) comparePickerRoom() int {
	return m.lay.bodyHeight - 2 - 4 // the border; the title, A, a gap, the hint
}

// comparePickerView draws the picker as a box in the middle of the body:
// the result on screen (A), then the others, the one under the cursor
// marked, and the keys.
func (m *Model) comparePickerView(w, h int) string {
	st, pk := m.st, m.comparing
	inner := max(min(w-4, 100), 1)
	room := max(m.comparePickerRoom(), 1)
	if pk.cursor < pk.offset {
		pk.offset = pk.cursor
	}
	if pk.cursor >= pk.offset+room {
		pk.offset = pk.cursor - room + 1
	}
	a, _ := m.history.rowOf(pk.from.id)
	lines := []string{
		st.Title.Render("Compare with which result?"),
		st.Label.Render("A") + "  " + st.Muted.Render(describeEntryIn(a, pk.from, m.redact, inner-3)),
		"",
	}
	for i := pk.offset; i < len(pk.choices) && i < pk.offset+room; i++ {
		c := pk.choices[i]
		r, _ := m.history.rowOf(c.id)
		line := describeEntryIn(r, c, m.redact, inner-2)
		if i == pk.cursor {
			lines = append(lines, st.Accent.Bold(true).Render("▸ "+line))
		} else {
			lines = append(lines, "  "+line)
		}
	}
	hint := "↑↓ choose · enter compares (B) · esc closes"
	if n := len(pk.choices); n > room {
		hint = itoa(pk.cursor+1) + " of " + itoa(n) + " · " + hint
	}
	if pk.left > 0 {
		hint += " · " + itoa(pk.left) + " without a token not listed"
	}
	lines = append(lines, st.Muted.Render(hint))
	return pickerBox(st, lines, inner, w, h)
}
