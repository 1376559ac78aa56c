package inspect

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// loginBoth logs req in through the ro flow, then (when SendRealmAfter says
// so) the same login through the realm flow as the TUI's m sends it, with
// audience for the realm call only (/oauth/ro takes none), and compares the
// two as a surface would.
func loginBoth(t *testing.T, req ro.Request, audience string) *MigrationComparison {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	client := ro.NewClient(ro.ClientOptions{})
	req.Flow = ro.FlowRO
	ex, err := client.Login(ctx, req)
	if ex == nil {
		t.Fatalf("the ro login was not sent: %v", err)
	}
	legacy := New(Input{Request: req, Exchange: ex})
	send, why := SendRealmAfter(ex, err)
	if !send {
		return CompareMigration(legacy, nil, errorString(why))
	}
	realmReq := req.AsRealm()
	realmReq.Audience = audience
	rex, rerr := client.Login(ctx, realmReq)
	var realm *Inspection
	if rex != nil {
		realm = New(Input{Request: realmReq, Exchange: rex})
	}
	return CompareMigration(legacy, realm, rerr)
}

type errorString string

func (e errorString) Error() string { return string(e) }

func demoRequest(srv *rotest.Server, scope, device string) ro.Request {
	return ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password, Scope: scope, Device: device}
}

// findingsText is every finding of a token comparison, one a line, with its level.
func findingsText(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Level.String() + " " + f.Name + ": " + f.Detail + "\n")
	}
	return b.String()
}

// The demo's alice through /oauth/ro and then /oauth/token: what a client
// must change, row by row and in the Summary's three lines.
func TestCompareMigrationOnTheDemoTenant(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	cases := []struct {
		name     string
		req      ro.Request
		audience string
		request  string            // rowsText of the request rows
		tokens   map[Role][]string // pieces of each token's findings
		summary  []string          // a piece of each Summary line
		other    []string          // pieces of the other findings
	}{
		{
			name:    "every token, no audience",
			req:     demoRequest(srv, "openid profile email offline_access", rotest.DemoDevice),
			request: "endpoint:changed client_id:same username:same password:same connection → realm:changed grant_type:changed scope:same device:removed",
			tokens: map[Role][]string{
				RoleID: {"warning id_token: 4 claims of the legacy profile are not in the realm ID token: user_id, clientID, identities, created_at",
					"ok iss: The same issuer (" + srv.URL + "/) in both.", "ok aud: aud is the same (rotui-demo)"},
				RoleAccess:  {"warning access_token: The realm access token is opaque too"},
				RoleRefresh: {"warning refresh_token: The ro refresh token works only at POST /delegation and does not carry over"},
			},
			summary: []string{"Call POST /oauth/token (grant password-realm, connection as realm), not /oauth/ro; drop device.",
				"ID token: 4 claims gone (user_id, clientID, …), read them from /userinfo; iss and aud stay.", "Refresh at /oauth/token (refresh_token grant): /oauth/ro refresh tokens do not carry over."},
			other: []string{"ok expires_in: expires_in is the same: 600 s."},
		},
		{
			name:     "an audience for the realm call: a JWT access token",
			req:      demoRequest(srv, "openid email", ""),
			audience: "https://api.example.com",
			request:  "endpoint:changed client_id:same username:same password:same connection → realm:changed grant_type:changed scope:same audience:added",
			tokens: map[Role][]string{
				RoleID:      {"ok id_token: Every claim of the ro ID token is in the realm one."},
				RoleAccess:  {"ok access_token: The access token becomes a JWT for https://api.example.com, " + srv.URL + "/userinfo (an audience was sent)"},
				RoleRefresh: {"info refresh_token: Neither login returned a refresh token"},
			},
			summary: []string{"Call POST /oauth/token (grant password-realm, connection as realm), not /oauth/ro.", "ID token: every claim kept; iss and aud stay.", "To refresh, ask offline_access (no device) and use the refresh_token grant at /oauth/token."},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := loginBoth(t, tc.req, tc.audience)
			if m.RealmErr != nil {
				t.Fatalf("the realm login failed: %v", m.RealmErr)
			}
			if got := rowsText(m.Request); got != tc.request {
				t.Errorf("request rows\n got %s\nwant %s", got, tc.request)
			}
			for _, r := range m.Request {
				if r.Name == "password" && (r.A.Text != ro.Mask || r.B.Text != ro.Mask) {
					t.Errorf("the password row shows %q and %q", r.A.Text, r.B.Text)
				}
			}
			for role, want := range tc.tokens {
				got := findingsText(m.Token(role).Findings)
				for _, w := range want {
					if !strings.Contains(got, w) {
						t.Errorf("%s findings lack %q:\n%s", role, w, got)
					}
				}
			}
			assertThreeShortLines(t, m.Summary)
			for i, w := range tc.summary {
				if !strings.Contains(m.Summary[i], w) {
					t.Errorf("summary line %d: %q lacks %q", i+1, m.Summary[i], w)
				}
			}
			other := findingsText(m.Findings)
			for _, w := range tc.other {
				if !strings.Contains(other, w) {
					t.Errorf("findings lack %q:\n%s", w, other)
				}
			}
			if strings.Contains(findingsText(m.Findings)+strings.Join(m.Summary, ""), rotest.Password) {
				t.Error("the password shows")
			}
		})
	}
}

// A tenant with /oauth/ro off (404) is exactly when the realm login is
// worth sending; a refused password is not (it would be tried twice); and a
// realm login that is refused is shown in the comparison, not lost.
func TestCompareMigrationWhenALoginFails(t *testing.T) {
	off := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	m := loginBoth(t, demoRequest(off, "openid", ""), "")
	if m.Realm == nil || m.RealmErr != nil || m.Token(RoleID).Comparison != nil {
		t.Fatalf("legacy off: realm %v, err %v", m.Realm, m.RealmErr)
	}
	if got := findingsText(m.Token(RoleID).Findings); !strings.Contains(got, "Only the realm login returned an ID token.") {
		t.Errorf("legacy off, ID token findings:\n%s", got)
	}
	// Real tenants answer a bare 404 with a text body: the line names the status.
	if !strings.Contains(m.Summary[1], "Nothing to compare: /oauth/ro returned no tokens (HTTP 404: the legacy endpoint is off).") {
		t.Errorf("legacy off, summary %q", m.Summary)
	}
	assertThreeShortLines(t, m.Summary)

	srv := rotest.StartForTest(t, rotest.Options{})
	wrong := demoRequest(srv, "openid", "")
	wrong.Password = "not-the-password"
	m = loginBoth(t, wrong, "")
	if m.Realm != nil || m.RealmErr == nil || !strings.Contains(m.RealmErr.Error(), "invalid_user_password") {
		t.Fatalf("wrong password: realm %v, err %v", m.Realm, m.RealmErr)
	}
	if got := findingsText(m.Findings); !strings.Contains(got, "failed realm: The realm login was not sent: /oauth/ro refused this login (invalid_user_password)") {
		t.Errorf("wrong password, findings:\n%s", got)
	}
	// Not sent: no request to compare, and the Summary says so and why.
	if m.Request != nil {
		t.Errorf("a request that did not go out reads %s", rowsText(m.Request))
	}
	if want := "The realm login was not sent, because /oauth/ro refused this login (invalid_user_password)."; m.Summary[1] != want {
		t.Errorf("wrong password, summary line 2 %q, want %q", m.Summary[1], want)
	}
	assertThreeShortLines(t, m.Summary)

	// /oauth/ro works; /oauth/token says no.
	tenant := rotest.NewHandler(rotest.Options{})
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"error":"unauthorized_client","error_description":"Grant type 'http://auth0.com/oauth/grant-type/password-realm' not allowed for the client."}`))
			return
		}
		tenant.ServeHTTP(w, r)
	}))
	defer refusing.Close()
	req := ro.Request{Domain: refusing.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password, Scope: "openid"}
	m = loginBoth(t, req, "")
	if m.RealmErr == nil || m.Realm == nil {
		t.Fatalf("realm refused: realm %v, err %v", m.Realm, m.RealmErr)
	}
	if got := findingsText(m.Findings); !strings.Contains(got, "failed realm: The realm login was refused: unauthorized_client; Grant type") {
		t.Errorf("realm refused, findings:\n%s", got)
	}
	if !strings.Contains(m.Summary[1], "First make the realm login work: it was refused (unauthorized_client).") {
		t.Errorf("realm refused, summary %q", m.Summary)
	}
	assertThreeShortLines(t, m.Summary)
	if got := rowsText(m.Request); !strings.HasPrefix(got, "endpoint:changed") || !strings.Contains(got, "connection → realm:changed") {
		t.Errorf("realm refused: the requests still compare, got %s", got)
	}
}

// What decides whether the realm login is sent after an ro call.
func TestSendRealmAfter(t *testing.T) {
	ok := &ro.Exchange{Tokens: &ro.TokenResponse{AccessToken: "x"}}
	for _, tc := range []struct {
		name string
		ex   *ro.Exchange
		err  error
		send bool
		why  string
	}{
		{"tokens", ok, nil, true, ""},
		{"legacy off", &ro.Exchange{Status: 404}, &ro.APIError{Status: 404, SuggestRealm: true}, true, ""},
		{"refused", &ro.Exchange{Status: 401}, &ro.APIError{Status: 401, Code: "invalid_user_password"}, false, "(invalid_user_password)"},
		{"a bare refusal", &ro.Exchange{Status: 403}, &ro.APIError{Status: 403}, false, "(HTTP 403)"},
		{"not sent", nil, &ro.ValidationError{}, false, "a field needs a change"},
		{"no answer", &ro.Exchange{}, &ro.NetworkError{Op: "connect"}, false, "got no answer"},
	} {
		send, why := SendRealmAfter(tc.ex, tc.err)
		if send != tc.send || !strings.Contains(why, tc.why) {
			t.Errorf("%s: %v %q", tc.name, send, why)
		}
	}
}

// assertThreeShortLines: the migration Summary says in three short lines
// what a client must change (the details are in the rows and findings).
func assertThreeShortLines(t *testing.T, summary []string) {
	t.Helper()
	if len(summary) != 3 {
		t.Fatalf("summary %q, want three lines", summary)
	}
	for i, l := range summary {
		if n := utf8.RuneCountInString(l); n > 100 {
			t.Errorf("summary line %d is %d characters, more than 100: %q", i+1, n, l)
		}
	}
}
