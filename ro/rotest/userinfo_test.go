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

func TestTokeninfo(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	for _, client := range []string{ClientID, ClientIDHS256} {
		login := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"client_id": client}))
		a := postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": login.str("id_token")})
		if a.status != 200 || a.str("email") != UserAlice || a.str("clientID") != client {
			t.Errorf("%s: %d %s", client, a.status, a.raw)
		}
	}
	login := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil))
	tampered := login.str("id_token")[:len(login.str("id_token"))-4] + "AAAA"
	wantError(t, postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": tampered}), 401, "invalid_token", "invalid id_token")
	wantError(t, postJSON(t, s.URL+"/tokeninfo", map[string]any{}), 400, "invalid_request", "missing id_token parameter")
	// alg none is never accepted.
	none := "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + jwtPayload(t, login.str("id_token")) + "."
	wantError(t, postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": none}), 401, "invalid_token", "invalid id_token")
	clk.advance(DefaultTokenTTL)
	wantError(t, postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": login.str("id_token")}), 401, "invalid_token", "jwt expired")
}

func jwtPayload(t *testing.T, raw string) string {
	t.Helper()
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWS: %q", raw)
	}
	return parts[1]
}
