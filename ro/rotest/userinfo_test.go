package rotest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestUserinfoReturnsTheWholeProfile(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now, TokenTTL: time.Minute})
	// Scope openid alone: /userinfo still gives the whole legacy profile.
	login := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil))
	a := call(t, nil, http.MethodGet, s.URL+"/userinfo", "", "", "Authorization", "Bearer "+login.str("access_token"))
	if a.status != 200 {
		t.Fatalf("%d %s", a.status, a.raw)
	}
	for k, v := range map[string]any{
		"sub": users[UserAlice].id, "email": UserAlice, "email_verified": true, "name": "Alice Liddell",
		"nickname": "alice", "user_id": users[UserAlice].id, "clientID": ClientID, "updated_at": "2017-05-04T14:12:51.000Z",
	} {
		if a.json[k] != v {
			t.Errorf("%s = %v, want %v", k, a.json[k], v)
		}
	}
	if ids, _ := a.json["identities"].([]any); len(ids) != 1 {
		t.Errorf("identities %v", a.json["identities"])
	}

	clk.advance(time.Minute)
	a = call(t, nil, http.MethodGet, s.URL+"/userinfo", "", "", "Authorization", "Bearer "+login.str("access_token"))
	wantUnauthorized(t, a, `Bearer realm="Users", error="invalid_token", error_description="The token has expired"`)
}

func TestUserinfoRefusesMissingAndUnknownTokens(t *testing.T) {
	s := start(t, Options{})
	wantUnauthorized(t, call(t, nil, http.MethodGet, s.URL+"/userinfo", "", ""), `Bearer realm="Users"`)
	wantUnauthorized(t, call(t, nil, http.MethodGet, s.URL+"/userinfo", "", "", "Authorization", "Bearer abcdefghijklmnop"),
		`Bearer realm="Users", error="invalid_token", error_description="Invalid token"`)
}

func wantUnauthorized(t *testing.T, a answer, challenge string) {
	t.Helper()
	if a.status != 401 || a.raw != "Unauthorized" || a.header.Get("WWW-Authenticate") != challenge {
		t.Errorf("got %d %q WWW-Authenticate %q; want 401 \"Unauthorized\" with %q", a.status, a.raw, a.header.Get("WWW-Authenticate"), challenge)
	}
}

func jwtPayload(t *testing.T, raw string) string {
	t.Helper()
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWS: %q", raw)
	}
	return parts[1]
}
