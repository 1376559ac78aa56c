package ui

import (
	"io"
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
)

// tooManyRevokes answers /oauth/revoke with Auth0's 429 and passes every
// other call to the demo.
type tooManyRevokes struct{}

func (tooManyRevokes) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path != "/oauth/revoke" {
		return http.DefaultTransport.RoundTrip(r)
	}
	body := `{"error":"too_many_requests","error_description":"Global limit has been reached"}`
	return &http.Response{StatusCode: 429, Status: "429 Too Many Requests", Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
}

// X, y: how the revoke went stays in the Summary of the login whose
// refresh token it was (when, the endpoint, the status; the hint on a
// refusal, what a 200 does not tell on success), the status line is one
// short line that points there; and f with a token rotui revoked says
// rotui revoked it, and when, not the generic "it was revoked, or…".
func TestARevokeStaysInTheSummaryOfItsLogin(t *testing.T) {
	srv := sharedDemo(t)
	cases := []struct {
		name      string
		transport http.RoundTripper
		summary   []string
		status    string
	}{
		{"revoked", http.DefaultTransport, []string{"Refresh token revoked (X)", "POST " + srv.URL + "/oauth/revoke", "200 OK", "RFC 7009"}, "#1's refresh token revoked (200)"},
		{"refused", tooManyRevokes{}, []string{"Refresh token not revoked (X)", "POST " + srv.URL + "/oauth/revoke", "429 Too Many Requests", "too_many_requests (Global limit has been reached)"}, "Not revoked (#"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			client := ro.NewClient(ro.ClientOptions{HTTPClient: &http.Client{Transport: c.transport}})
			m := New(Options{Prefill: demoRequest(srv.URL), Client: client})
			m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
			sendAndWait(t, m)
			login := m.shown.id
			press(m, "X")
			awaitMsg[revokeDoneMsg](t, m, press(m, "y"))
			lines := strings.Split(ansiStrip(view(m)), "\n")
			status := strings.TrimSpace(lines[len(lines)-2])
			if !strings.HasPrefix(status, c.status) || !strings.HasSuffix(status, "see #"+itoa(login)+"'s Summary.") {
				t.Errorf("the status line does not point at the Summary, whole: %q", status)
			}
			press(m, "1")
			sum := ptFlat(ansiStrip(ptFullView(m.tabs[m.active], 16)))
			for _, want := range c.summary {
				if !strings.Contains(sum, ptFlat(want)) {
					t.Errorf("the login's Summary lacks %q:\n%s", want, sum)
				}
			}
			awaitMsg[refreshDoneMsg](t, m, press(m, "f"))
			at := m.entry(login).result.revoked.at.Format("15:04:05")
			said := "rotui revoked this refresh token at " + at + " (#" + itoa(login) + ")"
			sum = ptFlat(ansiStrip(ptFullView(m.tabs[0], 16)))
			if got := strings.Contains(sum, said); got != (c.name == "revoked") {
				t.Errorf("f after the revoke: the Summary says %q: %v\n%s", said, got, sum)
			}
			if c.name == "revoked" && strings.Contains(sum, "or it came from") {
				t.Errorf("f after rotui revoked the token still gives the generic hint:\n%s", sum)
			}
			lines = strings.Split(ansiStrip(view(m)), "\n")
			status = strings.Join(strings.Fields(strings.Join(lines[len(lines)-3:len(lines)-1], " ")), " ")
			if got := strings.Contains(status, said+"."); got != (c.name == "revoked") {
				t.Errorf("f after the revoke at 60 columns: the status line says %q whole: %v\n%s", said, got, status)
			}
			// X again: a revoked token is not offered for revoking, as if it still worked.
			if c.name == "revoked" {
				press(m, "1", "X")
				if m.confirm != nil || !strings.Contains(m.status, "was revoked at "+at) {
					t.Errorf("X on a revoked token asks again or does not say so: %q", m.status)
				}
			}
		})
	}
}

// f on a refresh (#2, itself a refresh of the login #1) uses #1's refresh
// token: the new result names both, #1 first ("↻ a refresh of #1 (from
// #2)"), History marks it "↻ of #1", and its Summary says which ID token
// it was compared with: #2's, the one on screen at f.
func TestARefreshOfARefreshNamesWhoseTokenItUsed(t *testing.T) {
	srv := sharedDemo(t)
	m := New(Options{Prefill: demoRequest(srv.URL)})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	sendAndWait(t, m)
	login := m.shown.id
	awaitMsg[refreshDoneMsg](t, m, press(m, "f"))
	first := m.shown.id
	awaitMsg[refreshDoneMsg](t, m, press(m, "f"))
	of := "#" + itoa(login) + " (from #" + itoa(first) + ")"
	lines := strings.Split(ansiStrip(view(m)), "\n")
	if status := lines[len(lines)-2]; !strings.Contains(status, "a refresh of "+of) {
		t.Errorf("the status line does not name whose refresh token was used: %q", status)
	}
	sum := ptFlat(ansiStrip(ptFullView(m.tabs[0], 36)))
	for _, want := range []string{"↻ a refresh of " + of, "Compared with the ID token of #" + itoa(first) + ", on screen at f (the refresh token is #" + itoa(login) + "'s)"} {
		if !strings.Contains(sum, want) {
			t.Errorf("the Summary lacks %q:\n%s", want, sum)
		}
	}
	if r, _ := m.history.rowOf(m.shown.id); r.refreshOf != login {
		t.Errorf("History marks the refresh ↻ of #%d; want #%d", r.refreshOf, login)
	}
}
