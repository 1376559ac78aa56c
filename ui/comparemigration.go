package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
)

// m on an ro login that got its tokens: the same login sent through the
// realm flow (ro.Request.AsRealm, what m sends after a 404), then the two
// compared as inspect's migration comparison, in a Compare pane of the ro
// login (its tab 0, and the realm login's too). Whether the realm login is
// worth sending is inspect's rule (SendRealmAfter): not after a refused
// password, which it would try once more towards the lock.

// compareRealm sends the ro login on screen again through the realm flow,
// to compare the two when the answer comes, or says why it does not.
func (m *Model) compareRealm() tea.Cmd {
	s := m.shown.result.subject
	switch {
	case s.Exchange == nil:
		m.setStatus("m sends an ro login again through the realm flow and compares the two: a pasted token has no login to send (d compares it with another result).", true)
		return nil
	case flowOf(s.Request) != ro.FlowRO:
		m.setStatus("m sends an ro login again through realm and compares the two; this one went through "+string(flowOf(s.Request))+".", true)
		return nil
	case m.callInFlight():
		return nil
	}
	if send, why := inspect.SendRealmAfter(s.Exchange, s.Exchange.Err); !send {
		m.setStatus(sentence(why), true)
		return nil
	}
	req := s.Request.AsRealm()
	if err := req.Validate(); err != nil {
		m.setStatus("The realm login cannot be sent: "+strings.TrimSuffix(err.Error(), ".")+".", true)
		return nil
	}
	return m.startCall(req, m.shown.id)
}

// compareRealmAnswer opens the migration comparison of the ro login id
// against the realm login whose answer just came (the newest result), on
// the ro login's panes: its Compare pane becomes the active one.
func (m *Model) compareRealmAnswer(id int) {
	legacy := m.entry(id)
	if legacy == nil || len(m.entries) == 0 {
		m.setStatus("The ro login to compare with is no longer kept: the realm login's panes are in the History.", true)
		return
	}
	realm := m.entries[len(m.entries)-1]
	p := newComparePane(m.compareSide(legacy, inspect.SideRO), m.compareSide(realm, inspect.SideRealm), true, m.st, m.redact)
	realm.compare = p
	m.openComparison(legacy, p)
	what := realm.result.subject.Exchange
	if status, failed := exchangeStatus(what); failed {
		m.setStatus("The realm login answered "+status+": Compare (0) says what that means; its own panes are in History (9).", true)
	} else {
		m.setStatus("Sent through realm: "+status+". Compare (0) shows what migrating changes; its own panes are in History (9).", false)
	}
}

// sentence is a clause made a sentence: a capital first, a full stop last.
func sentence(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}
