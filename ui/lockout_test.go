package ui

import (
	"net/http/httptest"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// TestWrongPasswordsWarnBeforeTheLock sends wrong passwords to the demo
// tenant from the form: from the 7th in a row for one user the Summary
// says how many are left before Auth0's lock, and what undoes it; a login
// in between starts the count again, another user or tenant has its own.
func TestWrongPasswordsWarnBeforeTheLock(t *testing.T) {
	type step struct {
		user, password string
		demo           bool // the tenant is the session's demo tenant
		redact         bool
		want, not      string
	}
	wrong := func(user string, want string) step { return step{user: user, password: "nope", demo: true, want: want} }
	const (
		none  = ""
		warn3 = "3 more wrong passwords lock alice@example.com until the demo restarts."
		warn2 = "2 more wrong passwords lock alice@example.com until the demo restarts."
		warn1 = "1 more wrong password locks alice@example.com until the demo restarts."
		real3 = "3 more wrong passwords lock mfa@example.com until an administrator unblocks it or the user follows Auth0's e-mail."
	)
	cases := []struct {
		name  string
		steps []step
	}{
		{"six are quiet, the 7th to 9th count down", []step{
			wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none),
			wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none),
			wrong(rotest.UserAlice, warn3), wrong("ALICE@example.com", "2 more wrong passwords lock ALICE@example.com"), wrong(rotest.UserAlice, warn1),
			wrong(rotest.UserAlice, "alice@example.com is locked until the demo restarts"),
			{user: rotest.UserAlice, password: rotest.Password, demo: true, want: "alice@example.com is locked until the demo restarts"},
		}},
		{"a login starts the count again", []step{
			wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none),
			wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none),
			{user: rotest.UserAlice, password: rotest.Password, demo: true, not: "more wrong password"},
			{user: rotest.UserAlice, password: "nope", demo: true, not: "more wrong password"},
		}},
		{"each user counts alone", []step{
			wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none),
			wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none),
			{user: rotest.UserMFA, password: "nope", demo: true, not: "more wrong password"},
			wrong(rotest.UserAlice, warn3),
		}},
		{"a tenant that is not the demo", []step{
			{user: rotest.UserMFA, password: "nope"}, {user: rotest.UserMFA, password: "nope"}, {user: rotest.UserMFA, password: "nope"},
			{user: rotest.UserMFA, password: "nope"}, {user: rotest.UserMFA, password: "nope"}, {user: rotest.UserMFA, password: "nope"},
			{user: rotest.UserMFA, password: "nope", want: real3},
		}},
		{"presenter mode names nobody", []step{
			wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none),
			wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none), wrong(rotest.UserAlice, none),
			{user: rotest.UserAlice, password: "nope", demo: true, redact: true, want: "3 more wrong passwords lock ••••• until the demo restarts.", not: "alice"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(rotest.NewHandler(rotest.Options{}))
			defer srv.Close()
			var demo, notDemo *Model
			newModel := func(d *Demo) *Model {
				m := New(Options{Prefill: ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
					Scope: "openid", Device: rotest.DemoDevice}, Demo: d})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
				return m
			}
			demo, notDemo = newModel(&Demo{URL: srv.URL}), newModel(nil)
			for i, s := range c.steps {
				m := notDemo
				if s.demo {
					m = demo
				}
				if s.redact && !m.redact {
					m.setRedact(true)
				}
				m.form.SetValue(ro.FieldUsername, s.user)
				m.form.SetValue(ro.FieldPassword, s.password)
				sendAndWait(t, m)
				m.switchPane(0)
				got := strings.Join(strings.Fields(ansiStrip(m.tabs[0].View())), " ")
				if s.want != "" && !strings.Contains(got, s.want) {
					t.Errorf("step %d (%s): the Summary does not say %q:\n%s", i+1, s.user, s.want, got)
				}
				if s.want == "" && s.not == "" && strings.Contains(got, "wrong password") && strings.Contains(got, "more wrong") {
					t.Errorf("step %d (%s): a warning too early:\n%s", i+1, s.user, got)
				}
				if s.not != "" && strings.Contains(got, s.not) {
					t.Errorf("step %d (%s): the Summary says %q:\n%s", i+1, s.user, s.not, got)
				}
			}
		})
	}
}
