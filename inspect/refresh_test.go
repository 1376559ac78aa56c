package inspect

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/internal/fixture"
	"github.com/rotui/rotui/ro"
)

// delegationExchange is /delegation's answer to a refresh token from
// /oauth/ro: an ID token, its token_type and expires_in, no access token.
func delegationExchange() (ro.Refresh, *ro.Exchange) {
	r := ro.Refresh{Domain: "acme.us.auth0.com", ClientID: "rotui-demo", RefreshToken: "Hn3qLw8Zr5Tb2Xc9Vm4Kp7Jd6Fg1Sa0Qe8Wy3Uo5Ri2Pl", Scope: "openid offline_access"}
	route := ro.FlowRO.RefreshRoute()
	ex := &ro.Exchange{
		Flow: ro.FlowRO, RefreshRoute: &route, Status: 200,
		Request:    ro.SentRequest{Method: "POST", URL: fixture.Tenant + "/delegation", Header: http.Header{}},
		Started:    fixture.Now.Add(-2 * time.Second),
		Latency:    90 * time.Millisecond,
		ServerDate: fixture.Now.Add(-2 * time.Second),
		Tokens:     &ro.TokenResponse{IDToken: fixture.IDToken(), TokenType: "Bearer", ExpiresIn: 600, HasExpiresIn: true},
	}
	return r, ex
}

// TestInspectionOfARefresh: a refresh's answer is inspected like a login's
// (its ID token checked against the client and the tenant), without what
// only a login has: no migration preview, no warning that offline_access
// brought no refresh token (a refresh keeps the one it used), and
// expires_in compared with the ID token, the only token /delegation gives.
func TestInspectionOfARefresh(t *testing.T) {
	r, ex := delegationExchange()
	i := New(Input{Request: r.AsRequest(), Exchange: ex, Now: fixture.Now})
	if i.Migration != nil {
		t.Errorf("a refresh got a migration preview: %+v", i.Migration)
	}
	if i.Token(RoleID) == nil {
		t.Fatal("the new ID token is not inspected")
	}
	found := map[string]Finding{}
	for _, f := range i.Findings {
		found[f.Name] = f
	}
	if f, ok := found["refresh_token"]; ok {
		t.Errorf("a refresh is warned for bringing no refresh token: %+v", f)
	}
	if f := found["expires_in"]; f.Level != LevelOK || !strings.Contains(f.Detail, "ID token") || strings.Contains(f.Detail, "access token") {
		t.Errorf("expires_in of /delegation's answer: %+v", f)
	}
	if f := found["audience"]; f.Level != LevelOK {
		t.Errorf("the new ID token's audience: %+v", f)
	}

	// The same answer as a login's keeps the login's checks.
	ex.RefreshRoute = nil
	if i := New(Input{Request: r.AsRequest(), Exchange: ex, Now: fixture.Now}); i.Migration == nil {
		t.Error("a login lost its migration preview")
	}
}

// TestScopeOfARefreshThatAskedNone: a refresh that asks no scope keeps the
// first login's grant, so the scope granted is not "beyond what was
// asked"; nor is a login's default when it asked none. A scope asked is
// still compared.
func TestScopeOfARefreshThatAskedNone(t *testing.T) {
	realm := ro.FlowRealm.RefreshRoute()
	for _, c := range []struct {
		name    string
		req     ro.Request
		route   *ro.RefreshRoute
		granted string
		level   Level
		want    string
		names   string // the scopes the finding names
	}{
		{"a realm refresh, no scope asked", ro.Refresh{From: ro.FlowRealm}.AsRequest(), &realm, "openid offline_access", LevelOK, "the refresh asked no scope, so the first login's grant is kept", "openid offline_access"},
		{"a realm login, no scope asked", ro.Request{Flow: ro.FlowRealm}, nil, "openid", LevelOK, "no scope was asked", "openid"},
		{"a realm refresh asking less", ro.Refresh{From: ro.FlowRealm, Scope: "openid"}.AsRequest(), &realm, "openid offline_access", LevelInfo, "granted beyond what was asked", "offline_access"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ex := &ro.Exchange{Flow: c.req.Flow, RefreshRoute: c.route, Status: 200,
				Tokens: &ro.TokenResponse{AccessToken: "opaque-access-token-0123456789", TokenType: "Bearer", Scope: c.granted}}
			var got []Finding
			for _, f := range ConsistencyChecks(c.req, ex, TokenSet{}, "", fixture.Now) {
				if f.Name == "scope" {
					got = append(got, f)
				}
			}
			if len(got) != 1 || got[0].Level != c.level || !strings.Contains(got[0].Detail, c.want) || !strings.Contains(got[0].Detail, c.names) {
				t.Errorf("scope findings %+v, want one %s saying %q and naming %q", got, c.level, c.want, c.names)
			}
		})
	}
}

// TestDelegationRefreshSaysWhyTheClaimsAreGone: /delegation asked scope
// openid (its default) gives an ID token with the basic claims only, and
// the inspection says so and what keeps the first token's claims; asked
// passthrough, or through /oauth/token, it says nothing of the kind.
func TestDelegationRefreshSaysWhyTheClaimsAreGone(t *testing.T) {
	for _, c := range []struct {
		name  string
		scope string
		from  ro.Flow
		want  bool
	}{
		{"the default scope", "", ro.FlowRO, true},
		{"openid asked", "openid", ro.FlowRO, true},
		{"passthrough", "openid passthrough", ro.FlowRO, false},
		{"profile claims named", "openid email", ro.FlowRO, false},
		{"a realm refresh", "", ro.FlowRealm, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, ex := delegationExchange()
			r.Scope, r.From = c.scope, c.from
			route := c.from.RefreshRoute()
			ex.Flow, ex.RefreshRoute = c.from, &route
			i := New(Input{Request: r.AsRequest(), Exchange: ex, Now: fixture.Now})
			var said *Finding
			for k, f := range i.Findings {
				if f.Name == "claims" {
					said = &i.Findings[k]
				}
			}
			switch {
			case c.want && said == nil:
				t.Fatalf("no finding says why the profile claims are gone: %+v", i.Findings)
			case !c.want && said != nil:
				t.Fatalf("a finding where the claims are kept: %+v", *said)
			case c.want:
				for _, w := range []string{"openid", "basic claims", "passthrough", "first"} {
					if !strings.Contains(said.Detail, w) {
						t.Errorf("the finding does not say %q: %s", w, said.Detail)
					}
				}
				if strings.Contains(said.Detail, "--") {
					t.Errorf("the finding names a flag, which the TUI has not: %s", said.Detail)
				}
			}
		})
	}
}
