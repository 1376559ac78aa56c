package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
)

// The status line: a message too long for one line wraps to two, taken
// from the body, and one too long for two is cut with … and shown whole by
// ?; no word is ever cut without ….

// statusRowsOn are the status's lines on screen: those between the body
// and the help line, found by where the message starts.
func statusRowsOn(t *testing.T, m *Model, h int) []string {
	t.Helper()
	lines := strings.Split(ansiStrip(view(m)), "\n")
	if len(lines) != h {
		t.Fatalf("the screen has %d lines, want %d:\n%s", len(lines), h, strings.Join(lines, "\n"))
	}
	first := strings.Fields(m.status)[0]
	for i := len(lines) - 2; i >= 1; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), first) && (i == len(lines)-2 || i == len(lines)-3) {
			return lines[i : len(lines)-1]
		}
	}
	t.Fatalf("the status %q is not right above the help line:\n%s", m.status, strings.Join(lines, "\n"))
	return nil
}

func TestTheStatusLineWrapsAndNeverCutsAWordWithoutAnEllipsis(t *testing.T) {
	login := func(ex *ro.Exchange) func(*Model) {
		return func(m *Model) {
			press(m, "ctrl+s")
			req, _ := ptExchange()
			m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
		}
	}
	_, ok := ptExchange()
	mfa := &ro.Exchange{Flow: ro.FlowRO, Status: 401, Started: fixedNow,
		Err: &ro.APIError{Status: 401, Code: "a0.mfa_required", SuggestMFACode: true}}
	pasted := func(m *Model) { m.inspectPasted(ptIDToken(), nil) }
	cases := []struct {
		name  string
		setup func(*Model)
		keys  []string
	}{
		{"d with nothing to compare", login(ok), []string{"d"}},
		{"0 with no comparison", login(ok), []string{"0"}},
		{"o after a 200", login(ok), []string{"o"}},
		{"o after a0.mfa_required", login(mfa), []string{"o"}},
		{"f on a pasted token", pasted, []string{"f"}},
		{"m on a pasted token", pasted, []string{"m"}},
		{"a refresh's answer", func(m *Model) {
			press(m, "ctrl+s")
			req, _ := ptExchange()
			m.Update(loginDoneMsg{id: m.call.id, req: req, ex: &ro.Exchange{Flow: ro.FlowRO, Status: 200, Started: fixedNow,
				Body: []byte(`{"access_token":"x"}`), Tokens: &ro.TokenResponse{AccessToken: "x", RefreshToken: "rt-0123456789"}}})
			press(m, "f")
			prep := preparer{id: m.entrySeq + 1, subject: Subject{Request: ro.Request{Flow: ro.FlowRO}, RefreshOf: m.shown.id}, build: m.build, styles: m.st,
				width: m.lay.bodyWidth, height: m.lay.bodyHeight, now: m.nowFn}
			m.entrySeq++
			ex := &ro.Exchange{Flow: ro.FlowRO, Status: 200, Started: fixedNow, Latency: 2 * time.Millisecond,
				Body: []byte(`{"id_token":"x"}`), RefreshRoute: ptRoute()}
			m.Update(refreshDoneMsg{id: m.call.id, of: m.shown.id, refresh: ro.Refresh{From: ro.FlowRO}, ex: ex, prepared: prep.prepare(ex)})
		}, nil},
		{"a server's long refusal", login(ok), nil},
	}
	for _, size := range []struct{ w, h int }{{60, 16}, {120, 36}} {
		for _, c := range cases {
			m, _ := newTestModel(t, demoPrefill())
			m.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
			c.setup(m)
			press(m, c.keys...)
			if c.name == "a server's long refusal" {
				m.setStatus("Not refreshed: 403 invalid_grant (Unknown or invalid refresh token.): "+strings.Repeat("the refresh token was revoked, or it came from another client or tenant; ", 4), true)
				m.Update(tickMsg{id: -1}) // any message: the layout follows
			}
			if m.status == "" {
				t.Fatalf("%s: no status", c.name)
			}
			rows := statusRowsOn(t, m, size.h)
			got := ptFlat(strings.Join(rows, " "))
			want := ptFlat(m.status)
			switch {
			case got == want:
			case strings.HasSuffix(got, "…") && strings.HasPrefix(want, strings.TrimSuffix(got, "…")):
				press(m, "?")
				if v := ptFlat(ansiStrip(view(m))); !strings.Contains(v, want) {
					t.Errorf("%dx%d %s: the status is cut and ? does not show it whole:\n%s", size.w, size.h, c.name, ansiStrip(view(m)))
				}
			default:
				t.Errorf("%dx%d %s: the status reads %q, not %q whole or cut with …", size.w, size.h, c.name, got, want)
			}
			if len(rows) > 2 {
				t.Errorf("%dx%d %s: the status takes %d lines", size.w, size.h, c.name, len(rows))
			}
		}
	}
}

// ptRoute is where a refresh token from /oauth/ro goes, as ro says.
func ptRoute() *ro.RefreshRoute {
	r := ro.FlowRO.RefreshRoute()
	return &r
}

// With no message, the status line of a result says what it is: status,
// latency, flow and user, as its History row does, with no dangling ·;
// a refresh's user is the login's, whether shown on arrival or again
// from History.
func TestTheResultsStatusLineNamesItsUserAsHistoryDoes(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, ex: &ro.Exchange{Flow: ro.FlowRO, Status: 200, Started: fixedNow, Latency: time.Millisecond,
		Body: []byte(`{"access_token":"x"}`), Tokens: &ro.TokenResponse{AccessToken: "x", RefreshToken: "rt-0123456789"}}})
	login := m.shown.id
	press(m, "f")
	prep := preparer{id: m.entrySeq + 1, subject: Subject{Request: ro.Request{Flow: ro.FlowRO}, RefreshOf: login}, build: m.build, styles: m.st,
		width: m.lay.bodyWidth, height: m.lay.bodyHeight, now: m.nowFn}
	m.entrySeq++
	ex := &ro.Exchange{Flow: ro.FlowRO, Status: 200, Started: fixedNow, Latency: time.Millisecond, Body: []byte(`{"id_token":"x"}`), RefreshRoute: ptRoute()}
	m.Update(refreshDoneMsg{id: m.call.id, of: login, refresh: ro.Refresh{From: ro.FlowRO}, ex: ex, prepared: prep.prepare(ex)})
	refresh := m.shown.id

	statusLine := func(what string) string {
		m.clearStatus()
		lines := strings.Split(ansiStrip(view(m)), "\n")
		s := strings.TrimSpace(lines[len(lines)-2])
		if strings.HasSuffix(s, "·") || strings.Contains(s, "· ·") {
			t.Errorf("%s: the status line has a dangling ·: %q", what, s)
		}
		return s
	}
	if s := statusLine("the refresh"); !strings.Contains(s, "alice@example.com") || !strings.Contains(s, "↻ of #"+itoa(login)) {
		t.Errorf("the refresh's status line does not name its user and login: %q", s)
	}
	if row, _ := m.history.rowOf(refresh); row.user != "alice@example.com" {
		t.Fatalf("History's row of the refresh names %q", row.user)
	}
	m.Update(historyChooseMsg{id: login})
	m.Update(historyChooseMsg{id: refresh})
	if s := statusLine("the refresh from History"); !strings.Contains(s, "alice@example.com") {
		t.Errorf("the refresh shown again from History does not name its user: %q", s)
	}
	m.Update(historyChooseMsg{id: login})
	if s := statusLine("the login"); !strings.Contains(s, "200 OK · 1ms · ro · alice@example.com") {
		t.Errorf("the login's status line reads %q", s)
	}
}
