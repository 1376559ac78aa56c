package ui

// Routing of the panes' messages: a command of a pane (or of a whole set,
// such as its verification) comes back tagged with the set and the pane, so
// that it reaches them even when another result is on screen by then.

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
)

// wrapPaneCmd tags the message of a pane command with the set (and pane)
// it belongs to, so that it reaches those panes even when others are on
// screen by the time it arrives.
func wrapPaneCmd(entryID, pane int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return paneCmdMsg{entry: entryID, pane: pane, msg: cmd()} }
}

// teaPkg is bubbletea's import path: its own messages (batches, sequences,
// the clipboard, quit) must go back to it, not to a pane.
var teaPkg = reflect.TypeOf(tea.QuitMsg{}).PkgPath()

func isTeaMsg(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t != nil && t.PkgPath() == teaPkg
}

// routePaneMsg delivers a tagged message to its pane or set.
func (m *Model) routePaneMsg(pm paneCmdMsg) tea.Cmd {
	switch inner := pm.msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		cmds := make([]tea.Cmd, 0, len(inner))
		for _, c := range inner {
			cmds = append(cmds, wrapPaneCmd(pm.entry, pm.pane, c))
		}
		return tea.Batch(cmds...)
	}
	if isTeaMsg(pm.msg) {
		msg := pm.msg
		return func() tea.Msg { return msg }
	}
	e := m.entry(pm.entry)
	if e == nil {
		return nil
	}
	if pm.pane >= 0 && pm.pane < len(e.panes) {
		return wrapPaneCmd(e.id, pm.pane, e.panes[pm.pane].Update(pm.msg))
	}
	cmds := make([]tea.Cmd, 0, len(e.panes))
	for i, p := range e.panes {
		cmds = append(cmds, wrapPaneCmd(e.id, i, p.Update(pm.msg)))
	}
	return tea.Batch(cmds...)
}

// routeOther handles a message no case claimed: a PaneMsg that escaped its
// tag (from a tea.Sequence) goes to the panes on screen, anything else (a
// cursor's) to the form or paste area that is open.
func (m *Model) routeOther(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(PaneMsg); ok {
		if m.shown == nil {
			return nil
		}
		return wrapPaneCmd(m.shown.id, -1, Deliver(m.shown.panes, msg))
	}
	switch m.screen {
	case formScreen:
		return m.updateForm(msg)
	case pasteScreen:
		return m.paste.Update(msg)
	}
	return nil
}
