package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// presenterModel shows ptExchange's real panes on the ID token's tab.
func presenterModel(t *testing.T, o Options) *Model {
	t.Helper()
	o.Prefill = demoPrefill()
	o.Now = func() time.Time { return ptNow }
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	req, ex := ptExchange()
	m.addEntry(Subject{Exchange: ex, Request: req, Now: ptNow, Redact: m.redact}, historyRow{at: ptNow, flow: "ro", user: req.Username, status: "200 OK"})
	for i, p := range m.tabs {
		if p.Title() == "ID token" {
			m.active = i
		}
	}
	return m
}

// With the real panes: ctrl+x masks what is on screen at once, on the same
// tab, and c still copies the token itself.
func TestPresenterKeyMasksTheRealPanesInPlace(t *testing.T) {
	m := presenterModel(t, Options{})
	if v := view(m); !strings.Contains(v, "alice@example.com") {
		t.Fatalf("the ID token pane does not show the e-mail to begin with:\n%s", v)
	}
	m.Update(ctrl('x'))
	v := ansiStrip(view(m))
	if m.tabs[m.active].Title() != "ID token" {
		t.Errorf("switching presenter mode left the pane: on %q", m.tabs[m.active].Title())
	}
	for _, s := range []string{"alice@example.com", "Zx8kQ2vLm4Np7RtA", ptIDToken()[:40]} {
		if strings.Contains(v, s) {
			t.Errorf("presenter mode shows %q:\n%s", s, v)
		}
	}
	if !strings.Contains(v, "Presenter mode") || !strings.Contains(v, "presenter") {
		t.Errorf("nothing says presenter mode is on:\n%s", v)
	}
	if tok, _ := m.tabs[m.active].(Copier).CopyToken(); tok != ptIDToken() {
		t.Error("presenter mode changed what c copies")
	}
	m.Update(ctrl('x'))
	if v := view(m); !strings.Contains(v, "alice@example.com") {
		t.Errorf("the pane does not show the e-mail again:\n%s", v)
	}
}
