package rotest

import (
	"testing"
)

// TestTokeninfo: the legacy profile, global_client_id included, for an
// ID token whose signature, issuer and expiry check out (RS256 or the
// HS256 client's, from /oauth/ro or /oauth/token); 400 for what is not a
// JWT, 401 with the reason for one that fails, and a refusal for an OIDC
// conformant client's token.
func TestTokeninfo(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	for _, client := range []string{ClientID, ClientIDHS256} {
		login := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"client_id": client}))
		a := postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": login.str("id_token")})
		if a.status != 200 || a.str("email") != UserAlice || a.str("clientID") != client || a.str("global_client_id") != GlobalClientID {
			t.Errorf("%s: %d %s", client, a.status, a.raw)
		}
	}
	realm := postJSON(t, s.URL+"/oauth/token", realmFields(nil))
	if a := postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": realm.str("id_token")}); a.status != 200 || a.str("user_id") != users[UserAlice].id {
		t.Errorf("an ID token from /oauth/token: %d %s", a.status, a.raw)
	}
	oidc := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"client_id": ClientIDOIDC}))
	wantError(t, postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": oidc.str("id_token")}), 400, "invalid_request", "OIDC conformant clients cannot use /tokeninfo")
	for _, notJWT := range []string{"x.y.z", "opaque-access-token", "a.b"} {
		wantError(t, postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": notJWT}), 400, "invalid_request", "the id_token is not a JWT (three base64url parts separated by dots)")
	}
	wantError(t, postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": 7}), 400, "invalid_request", "id_token parameter must be a string")
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
