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
