package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every key the root understands. The keys of DESIGN.md ("Keys")
// are a contract that tests rely on; more may be added, and all are shown by
// the full help.
type KeyMap struct {
	// Anywhere.
	Quit     key.Binding // ctrl+c: quit always
	Help     key.Binding // ? (when not typing) or f1: full help
	Demo     key.Binding // ctrl+d: the demo's users and what each shows (--demo only)
	Redact   key.Binding // ctrl+x: presenter mode on or off (tokens, emails and secrets masked)
	Back     key.Binding // esc: cancel a call in flight, close an overlay, go back
	Send     key.Binding // ctrl+s: send from any field of the form
	NextItem key.Binding // tab: next field or pane
	PrevItem key.Binding // shift+tab: previous field or pane

	// The form.
	Up       key.Binding // previous field
	Down     key.Binding // next field
	Enter    key.Binding // next field
	Reveal   key.Binding // ctrl+r: show or hide the password, bearer and client secret
	Choose   key.Binding // ←/→/space: change the flow or a toggle
	Paste    key.Binding // ctrl+p: paste a token to inspect, from the form
	Profiles key.Binding // ctrl+o: saved profiles: fill the form from one, or save it as one
	GoTo     key.Binding // ctrl+g, then a field's letter: jump to that field
	CodeForm key.Binding // ctrl+t: ask a passwordless connection to send its code (no text input takes ctrl+t)

	// The panes (when not typing).
	Pane      key.Binding // 1…9: jump to a pane
	Edit      key.Binding // e: back to the form, every field as it was
	Resend    key.Binding // r: send the form again
	Inspect   key.Binding // p: paste a token to inspect
	CopyToken key.Binding // c: copy the token on screen
	CopyJSON  key.Binding // y: copy the raw JSON
	QuitSoft  key.Binding // q: quit when not typing
	Realm     key.Binding // m: after a 404 from /oauth/ro, send the same login in the realm flow
	Report    key.Binding // w: write a shareable Markdown report of what is on screen to a file
	CopyRep   key.Binding // Y: copy that report's Markdown
	UserInfo  key.Binding // u: call /userinfo with the result's access token, from any of its panes
	Compare   key.Binding // d: compare this result's tokens with another result's (a picker asks which)
	Compared  key.Binding // 0: back to the comparison opened from this result

	// The calls of a legacy session after the login (the panes).
	MFACode  key.Binding // o: after a0.mfa_required, the cursor in the form's MFA code field
	SendCode key.Binding // s: ask a passwordless connection (sms, email) to send its code
	Refresh  key.Binding // f: use the refresh token on screen, the way its flow allows
	// F: as f, asking /delegation for scope passthrough (the first ID
	// token's claims kept); for /oauth/token the same as f.
	RefreshPass key.Binding
	Revoke      key.Binding // X: revoke the refresh token on screen, after a y
	TokenInfo   key.Binding // t: call /tokeninfo with the ID token on screen (its pane)
	Confirm     key.Binding // y: yes, while a question waits in the status line
	Decline     key.Binding // n or esc: no, while a question waits
	FilterKeep  key.Binding // enter: keep the filter being typed
	FilterClear key.Binding // esc: clear the filter being typed

	// The paste area.
	InspectPaste key.Binding // enter or ctrl+s: inspect what was pasted

	// The compare picker (d): ↑↓ choose, enter compares, esc closes.
	PickCompare key.Binding

	// The copy picker (c on a pane with several tokens); ↑↓ and enter too.
	PickAccess  key.Binding // a: copy the access token
	PickID      key.Binding // i: copy the ID token
	PickRefresh key.Binding // r: copy the refresh token
}

// DefaultKeyMap returns the keys of DESIGN.md.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:     key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?/f1", "help")),
		Demo:     key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "demo users")),
		Redact:   key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "presenter mode")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel/back")),
		Send:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "send")),
		NextItem: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
		PrevItem: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),

		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous field")),
		Down:     key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next field")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next field")),
		Reveal:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reveal secrets")),
		Choose:   key.NewBinding(key.WithKeys("left", "right", "space"), key.WithHelp("←→ space", "flow, toggle")),
		Paste:    key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "paste a token")),
		Profiles: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "profiles")),
		GoTo:     key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "go to field")),
		CodeForm: key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "send a code")),

		Pane:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1…9", "pane")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit form")),
		Resend:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "send again")),
		Inspect:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "paste a token")),
		CopyToken: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy token")),
		CopyJSON:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy raw JSON")),
		QuitSoft:  key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Realm:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "send as realm")),
		Report:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write report")),
		CopyRep:   key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy report")),
		UserInfo:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "call /userinfo")),
		Compare:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "compare")),
		Compared:  key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "comparison")),

		MFACode:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "MFA code")),
		SendCode:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "send a code")),
		Refresh:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "refresh")),
		RefreshPass: key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "passthrough")),
		Revoke:      key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "revoke")),
		TokenInfo:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tokeninfo")),
		Confirm:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		Decline:     key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
		FilterKeep:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep the filter")),
		FilterClear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear it")),

		InspectPaste: key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter/ctrl+s", "inspect")),

		PickCompare: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "compare with it")),

		PickAccess:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "copy the access token")),
		PickID:      key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "copy the ID token")),
		PickRefresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "copy the refresh token")),
	}
}

// ShortHelp is the status line's help on the result panes.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Pane, k.Edit, k.Resend, k.CopyToken, k.Inspect, k.Help, k.QuitSoft}
}

// confirmHelp is the help while a question waits in the status line.
type confirmHelp struct{ k KeyMap }

// ShortHelp lists the answers.
func (h confirmHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.Confirm, h.k.Decline, h.k.Quit}
}

// FullHelp lists the answers.
func (h confirmHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// filterHelp is the help while a pane's filter has the keys: every other
// key types into it, so the panes' keys would only mislead.
type filterHelp struct{ k KeyMap }

// ShortHelp lists how to leave the filter.
func (h filterHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.FilterKeep, h.k.FilterClear, h.k.Quit}
}

// FullHelp lists how to leave the filter.
func (h filterHelp) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// FullHelp is the ? overlay's help on the result panes: the root's keys,
// by column (the active pane adds its own, see resultHelp).
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Pane, pairHelp(k.NextItem, k.PrevItem, "next/previous"), k.UserInfo, k.TokenInfo, pairHelp(k.Refresh, k.Revoke, "refresh/revoke"), k.RefreshPass},
		{pairHelp(k.Edit, k.Resend, "edit/resend"), k.Realm, k.Compare, k.MFACode, k.SendCode, k.Inspect, k.Profiles, k.Back},
		// ? itself is left out: the overlay is open, and its title and the
		// footer say how to close it.
		{k.CopyToken, k.CopyJSON, k.Report, k.CopyRep, k.Redact, pairHelp(k.QuitSoft, k.Quit, "quit")},
	}
}

// zeroToNine is the pane key as it reads where the result has a
// comparison: its tab 0 before the nine.
func (k KeyMap) zeroToNine() key.Binding {
	return key.NewBinding(key.WithKeys(append([]string{"0"}, k.Pane.Keys()...)...), key.WithHelp("0…9", k.Pane.Help().Desc))
}

// pairHelp is two keys on one line of the ? overlay, so that every key of
// the panes still fits 60×16 (the keys still match on their own).
func pairHelp(a, b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(a.Help().Key+"/"+b.Help().Key, desc))
}

// PaneKeys are the keys the result panes handle themselves. Each pane lists
// those it has (Pane.Keys), so the footer and the ? overlay show a key only
// where it acts.
type PaneKeys struct {
	Scroll     ScrollKeys
	Filter     key.Binding // /: filter the claims (token panes)
	Cursor     key.Binding // ↑/↓: the claim whose note shows (token panes, /userinfo)
	Page       key.Binding // pgup/pgdn, home/end: scroll where ↑/↓ move a cursor
	Notes      key.Binding // n: every claim's note, or only the cursor's
	RevealCurl key.Binding // R: show the curl command's secrets on purpose (curl)
	Reopen     key.Binding // enter: show a past call's panes again (History)
	Unfold     key.Binding // n: the rows that are the same, one by one (Compare)
	Pair       key.Binding // ←/→: the next or previous pair of tokens compared (Compare)
}

// DefaultPaneKeys returns the panes' own keys.
func DefaultPaneKeys() PaneKeys {
	return PaneKeys{
		Scroll:     DefaultScrollKeys(),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter claims")),
		Cursor:     key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "choose a claim")),
		Page:       key.NewBinding(key.WithKeys("pgup", "pgdown", "home", "end"), key.WithHelp("pgup pgdn home end", "scroll")),
		Notes:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "every note")),
		RevealCurl: key.NewBinding(key.WithKeys("R", "ctrl+r"), key.WithHelp("R", "curl secrets")),
		Reopen:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "reopen a call")),
		Unfold:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "same rows")),
		Pair:       key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "token pair")),
	}
}

// ScrollKeys move a pane's window, or the History's cursor.
type ScrollKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// DefaultScrollKeys returns the arrows, pgup/pgdn, home/end and their vi
// and less twins.
func DefaultScrollKeys() ScrollKeys {
	return ScrollKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k")),
		Down:     key.NewBinding(key.WithKeys("down", "j")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space")),
		Top:      key.NewBinding(key.WithKeys("home", "g")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G")),
	}
}

// Help is the one line the help gives scrolling.
func (k ScrollKeys) Help() key.Binding {
	return key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑↓ pgup pgdn", "scroll"))
}

// Move is where msg takes a position among n rows shown page at a time:
// pos moved and clamped to 0…n-1; ok is false for a key that does not move.
func (k ScrollKeys) Move(msg tea.KeyPressMsg, pos, page, n int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		pos--
	case key.Matches(msg, k.Down):
		pos++
	case key.Matches(msg, k.PageUp):
		pos -= max(page, 1)
	case key.Matches(msg, k.PageDown):
		pos += max(page, 1)
	case key.Matches(msg, k.Top):
		pos = 0
	case key.Matches(msg, k.Bottom):
		pos = n
	default:
		return pos, false
	}
	return max(0, min(pos, n-1)), true
}

// formHelp is the help shown while the form has the keyboard.
type formHelp struct {
	k    KeyMap
	demo bool
	code bool // the connection is passwordless: ctrl+t asks it for a code
}

// ShortHelp lists the form's most useful keys.
func (h formHelp) ShortHelp() []key.Binding {
	b := []key.Binding{h.k.Send, h.k.NextItem, h.k.GoTo, h.k.Reveal, h.k.Profiles, h.k.Paste}
	if h.code {
		b = append([]key.Binding{h.k.Send, h.k.CodeForm}, b[1:]...)
	}
	if h.demo {
		b = append(b, h.k.Demo)
	}
	return append(b, h.k.fkeyHelp(), h.k.Quit)
}

// FullHelp lists every key of the form.
func (h formHelp) FullHelp() [][]key.Binding {
	cols := [][]key.Binding{
		{h.k.Send, h.k.NextItem, h.k.PrevItem, h.k.Up, h.k.Down, h.k.Enter, h.k.GoTo},
		{h.k.Reveal, h.k.Choose, h.k.CodeForm, h.k.Paste, h.k.Profiles, h.k.Back},
		{h.k.Redact, h.k.fkeyHelp(), h.k.Quit},
	}
	if h.demo {
		cols[2] = append(cols[2], h.k.Demo)
	}
	return cols
}

// fkeyHelp is the help binding as seen while typing, where ? is a character.
func (k KeyMap) fkeyHelp() key.Binding {
	return key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help"))
}

// pasteHelp is the help shown while the paste area is open.
type pasteHelp struct{ k KeyMap }

// ShortHelp lists the paste area's keys.
func (h pasteHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.InspectPaste, h.k.NextItem, h.k.Back, h.k.fkeyHelp(), h.k.Quit}
}

// FullHelp lists the paste area's keys.
func (h pasteHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{h.k.InspectPaste, h.k.NextItem, h.k.PrevItem, h.k.Back, h.k.fkeyHelp(), h.k.Quit}}
}

// resultHelp is the help on the panes: the root's keys and the active
// pane's own; in the demo it also lists the demo key.
type resultHelp struct {
	k        KeyMap
	pane     []key.Binding // the active pane's keys
	acts     []key.Binding // the session's keys that act on the result on screen (o, s, f, X, t)
	demo     bool
	compare  bool // d has another result to compare this one with
	compared bool // this result has a comparison, and it is not on screen: 0 goes to it
	zero     bool // this result has a comparison: the panes are 0…9
	noCopy   bool // the active pane has no token for c (the Compare pane)
}

// ShortHelp lists the panes' most useful keys: the session's keys that act
// on this result first, where they are the last to give way, then the
// active pane's own but scrolling (which every pane has) before help and quit.
func (h resultHelp) ShortHelp() []key.Binding {
	short := h.k.ShortHelp()
	if h.zero {
		short[0] = h.k.zeroToNine()
	}
	var own []key.Binding
	for _, b := range h.pane {
		if b.Help().Desc != "scroll" {
			own = append(own, b)
		}
	}
	// The keys of this result come first after the pane numbers and e (the
	// session's that act on it, then d and 0), then the pane's own: the
	// general ones after them give way first when the footer is narrow; c
	// goes where there is no token to copy.
	n := len(short) - 2 // help and quit stay last
	out := append([]key.Binding{short[0], short[1]}, h.acts...)
	if h.compare {
		out = append(out, h.k.Compare)
	}
	if h.compared {
		out = append(out, h.k.Compared)
	}
	out = append(out, own...)
	for _, b := range short[2:n] {
		if !h.noCopy || b.Help().Key != h.k.CopyToken.Help().Key {
			out = append(out, b)
		}
	}
	return append(out, short[n:]...)
}

// FullHelp lists every key of the panes, the active pane's in a column of
// their own.
func (h resultHelp) FullHelp() [][]key.Binding {
	cols := h.k.FullHelp()
	if h.demo {
		cols[2] = append(cols[2], h.k.Demo)
	}
	if h.zero {
		cols[0][0] = h.k.zeroToNine()
		cols[0] = append(cols[0], h.k.Compared)
	}
	if len(h.pane) > 0 {
		cols = append([][]key.Binding{h.pane}, cols...)
	}
	return cols
}
