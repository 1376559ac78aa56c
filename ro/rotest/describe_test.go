package rotest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestDescribeNamesEveryDemoFactInNarrowLines: demo-server's printout
// (and the TUI's overlay, built from Entries) names every client,
// connection, user, password, code and secret, in lines of 80 columns.
func TestDescribeNamesEveryDemoFactInNarrowLines(t *testing.T) {
	var b strings.Builder
	Describe(&b)
	out := b.String()
	for _, want := range []string{
		ClientID, ClientIDHS256, ClientIDNoRO, ClientIDOIDC, HS256Secret,
		Connection, ConnectionSMS, ConnectionEmail, ConnectionDisabled,
		UserAlice, UserBlocked, UserMFA, UserEnroll, UserLeaked, UserVerify, UserRule, PhoneAlice,
		Password, MFACode, PasswordlessCode, RuleMessage, DemoDevice,
		"/delegation", "/tokeninfo", "/oauth/revoke",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Describe does not mention %q", want)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(line) > 80 {
			t.Errorf("line wider than 80 columns: %q", line)
		}
	}
}

// Every user in Entries logs in as its row says it does: the password
// or code listed is the one the tenant takes.
func TestEntriesUsersAreTheTenantsOwn(t *testing.T) {
	s := start(t, Options{})
	for _, e := range Entries() {
		if e.Kind != KindUser {
			continue
		}
		a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": e.Name, "password": e.Password, "connection": e.Connection}))
		if a.str("error") == "invalid_user_password" || a.status == 400 {
			t.Errorf("%s (%s) with %q: %d %s", e.Name, e.Connection, e.Password, a.status, a.raw)
		}
	}
}
