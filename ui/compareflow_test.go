package ui

// Whole-program flows (teatest) of the comparisons, against the demo
// tenant on loopback: d between two users' logins, and m from an ro login
// to the migration comparison.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// mfaCodeTransport adds the demo's MFA code to an /oauth/ro login of its
// MFA user, the demo's one other user who can log in: the form has no
// field for the code, and the flow below needs a second person.
type mfaCodeTransport struct{}

func (mfaCodeTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path != "/oauth/ro" || r.Body == nil {
		return http.DefaultTransport.RoundTrip(r)
	}
	b, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	var body map[string]any
	if json.Unmarshal(b, &body) == nil && body["username"] == rotest.UserMFA {
		body["mfa_code"] = rotest.MFACode
		b, _ = json.Marshal(body)
	}
	r = r.Clone(r.Context())
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
	return http.DefaultTransport.RoundTrip(r)
}

// Two users log in one after the other; d on the second, enter on the
// first: the Compare pane, tab 0, shows their e-mail addresses changed,
// side by side.
func TestFlowCompareTwoUsersLogins(t *testing.T) {
	srv := sharedDemo(t)
	client := ro.NewClient(ro.ClientOptions{HTTPClient: &http.Client{Transport: mfaCodeTransport{}}})
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL), Client: client}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("1 Summary", "200 OK")
	tt.key("e", "ctrl+g", "u", "ctrl+u")
	for _, r := range rotest.UserMFA {
		tt.key(string(r))
	}
	tt.key("ctrl+s")
	tt.waitFor("200 OK · ", "mfa@example.com")
	tt.key("d")
	tt.waitFor("Compare with which result?", "A  ", "mfa@example.com", "alice@example.com")
	tt.key("enter")
	s := tt.waitFor("0 Compare", "Compare A with B", "~ email")
	if !slicesAnyLine(s, []string{"~ email", rotest.UserMFA, rotest.UserAlice}) {
		t.Errorf("the e-mail row does not show both addresses side by side:\n%s", s)
	}
	if strings.Contains(s, rotest.Password) {
		t.Errorf("the password is on screen:\n%s", s)
	}
	tt.key("1")
	tt.waitFor("0 comparison")
	tt.key("0")
	tt.waitFor("Compare A with B")
}

// An ro login, then m: the same login goes through realm, and the Compare
// pane opens with the three lines of what a client must change.
func TestFlowMigrationComparisonAfterAnROLogin(t *testing.T) {
	srv := sharedDemo(t)
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL)}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("1 Summary", "200 OK")
	tt.key("m")
	s := tt.waitFor("0 Compare", "What a client must change",
		"1. Call POST /oauth/token (grant password-realm",
		"2. ID token: 4 claims gone",
		"3. Refresh at /oauth/token (refresh_token grant)",
		"~ connection → realm", "- device")
	if strings.Contains(s, rotest.Password) {
		t.Errorf("the password is on screen:\n%s", s)
	}
	tt.key("9")
	tt.waitFor("2 calls", "realm", "ro")
}
