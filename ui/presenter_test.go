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

func TestPresenterModeMasksWhatIsOnScreenAtOnce(t *testing.T) {
	m := presenterModel(t, Options{})
	if v := view(m); !strings.Contains(v, "alice@example.com") {
		t.Fatalf("the ID token pane does not show the e-mail to begin with:\n%s", v)
	}
	m.setPresenter(true)
	v := ansiStrip(view(m))
	if m.tabs[m.active].Title() != "ID token" {
		t.Errorf("switching presenter mode left the pane: on %q", m.tabs[m.active].Title())
	}
	for _, s := range []string{"alice@example.com", "Zx8kQ2vLm4Np7RtA", ptIDToken()[:40]} {
		if strings.Contains(v, s) {
			t.Errorf("presenter mode shows %q:\n%s", s, v)
		}
	}
	if !strings.Contains(v, "Presenter mode") {
		t.Errorf("nothing says presenter mode is on:\n%s", v)
	}
	if tok, _ := m.tabs[m.active].(Copier).CopyToken(); tok != ptIDToken() {
		t.Error("presenter mode changed what c copies")
	}
	m.setScreen(formScreen)
	if v := ansiStrip(view(m)); strings.Contains(v, "alice@example.com") || strings.Contains(v, "wonderland") {
		t.Errorf("the form shows the username or password in presenter mode:\n%s", v)
	}
	if got := m.form.Request(); got.Username != "alice@example.com" {
		t.Errorf("masking changed the username sent: %q", got.Username)
	}

	m.setPresenter(false)
	if v := view(m); !strings.Contains(v, "alice@example.com") {
		t.Errorf("the form does not show the username again:\n%s", v)
	}
	m.setScreen(resultScreen)
	if v := view(m); !strings.Contains(v, "alice@example.com") {
		t.Errorf("the pane does not show the e-mail again:\n%s", v)
	}
}
