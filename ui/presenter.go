package ui

// Presenter mode (--redact, and ctrl+x to switch it at any moment): for a
// demo on a shared screen, tokens, e-mail addresses and secrets stay masked
// everywhere rotui draws them: the panes (rebuilt with Subject.Redact), the
// form's username, the history's user column. What is copied still follows
// what the person asks for (c, y, Y copy the real values): the clipboard is
// not on the shared screen.

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
)

// Presenter reports whether presenter mode is on.
func (m *Model) Presenter() bool { return m.redact }

// setPresenter turns presenter mode on or off and redraws what is on screen
// in it at once: the form and, rebuilt, the panes shown. Other results are
// rebuilt when they are shown again (refreshRedact). The returned command
// verifies the rebuilt tokens again (their keys are cached).
func (m *Model) setPresenter(on bool) tea.Cmd {
	m.redact = on
	m.form.setPresenter(on)
	var cmd tea.Cmd
	if m.shown != nil {
		cmd = m.refreshRedact(m.shown)
	}
	if on {
		m.setStatus("Presenter mode: tokens, e-mails and secrets masked on screen; copying still gives what you ask for. ctrl+x ends it.", false)
	} else {
		m.setStatus("Presenter mode off: values shown again (the password stays masked: ctrl+r).", false)
	}
	return cmd
}

// refreshRedact rebuilds e's panes when they were built in the other mode,
// keeping the pane on screen. A /userinfo answer already shown is not kept:
// u calls it again.
func (m *Model) refreshRedact(e *entry) tea.Cmd {
	if e == nil || e.subject.Redact == m.redact {
		return nil
	}
	e.subject.Redact = m.redact
	panes, cmd := m.build(e.subject, m.st)
	e.panes, e.styled = panes, m.st
	if m.shown == e {
		active := m.active
		m.tabs = append(append(make([]Pane, 0, len(panes)+1), panes...), m.history)
		m.active = max(0, min(active, len(m.tabs)-1))
		m.sizeTabs()
		for _, p := range m.tabs {
			p.Tick(m.now)
		}
	}
	return wrapPaneCmd(e.id, -1, cmd)
}

// setPresenter masks the username (an e-mail address, usually) as the
// secrets are, and masks the secrets again if they were revealed.
func (f *Form) setPresenter(on bool) {
	if on && f.reveal {
		f.ToggleReveal()
	}
	if fld := f.field(ro.FieldUsername); fld != nil {
		if on {
			fld.input.EchoMode = textinput.EchoPassword
			fld.input.EchoCharacter = '•'
		} else {
			fld.input.EchoMode = textinput.EchoNormal
		}
	}
}
