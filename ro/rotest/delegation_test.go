package rotest

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// legacyRefreshFor logs alice in over /oauth/ro with a refresh token.
func legacyRefreshFor(t *testing.T, s *Server, clientID, scope string) answer {
	t.Helper()
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"client_id": clientID, "scope": scope, "device": DemoDevice}))
	if a.status != 200 || a.str("refresh_token") == "" {
		t.Fatalf("login with offline_access: %d %s", a.status, a.raw)
	}
	return a
}

// delegationFor is a /delegation body, changed by overrides; an override
// of nil removes the field.
func delegationFor(overrides map[string]any) map[string]any {
	f := map[string]any{"client_id": ClientID, "grant_type": grantJWTBearer, "api_type": "app", "scope": "openid"}
	return withOverrides(f, overrides)
}

// TestDelegationRefreshesALegacyLogin is the session the issue follows: a
// refresh token from /oauth/ro is traded at /delegation for a new ID token
// of the same user, later than the first.
func TestDelegationRefreshesALegacyLogin(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	login := legacyRefreshFor(t, s, ClientID, "openid email offline_access")
	clk.advance(time.Minute)

	a := postJSON(t, s.URL+"/delegation", delegationFor(map[string]any{"refresh_token": login.str("refresh_token")}))
	if a.status != 200 || a.str("token_type") != "Bearer" || a.json["expires_in"] != DefaultTokenTTL.Seconds() || a.str("id_token") == "" {
		t.Fatalf("delegation: %d %s", a.status, a.raw)
	}
	for _, absent := range []string{"access_token", "refresh_token"} {
		if _, ok := a.json[absent]; ok {
			t.Errorf("/delegation answered %s: %s", absent, a.raw)
		}
	}
	old := verifyRS256(t, s, login.str("id_token"), ClientID, clk.Now)
	fresh := verifyRS256(t, s, a.str("id_token"), ClientID, clk.Now)
	if fresh["sub"] != old["sub"] || fresh["iat"] == old["iat"] || fresh["exp"] == old["exp"] {
		t.Errorf("new ID token %v, old %v: want the same sub, a new iat and exp", fresh, old)
	}
	// scope openid alone: no profile claims.
	if _, ok := fresh["email"]; ok {
		t.Errorf("scope openid gave email: %v", fresh)
	}

	// passthrough keeps the original login's claims.
	pass := postJSON(t, s.URL+"/delegation", delegationFor(map[string]any{"refresh_token": login.str("refresh_token"), "scope": "passthrough"}))
	if claims := verifyRS256(t, s, pass.str("id_token"), ClientID, clk.Now); claims["email"] != UserAlice || claims["email_verified"] != true {
		t.Errorf("passthrough: %d %v", pass.status, claims)
	}
	// A scope naming attributes gives those.
	named := postJSON(t, s.URL+"/delegation", delegationFor(map[string]any{"refresh_token": login.str("refresh_token"), "scope": "openid nickname"}))
	if claims := verifyRS256(t, s, named.str("id_token"), ClientID, clk.Now); claims["nickname"] != "alice" {
		t.Errorf("scope openid nickname: %d %v", named.status, claims)
	}

	// What Lock and Auth0.Android sent: client_id, grant_type, the token.
	bare := postJSON(t, s.URL+"/delegation", map[string]any{"client_id": ClientID, "grant_type": grantJWTBearer, "refresh_token": login.str("refresh_token")})
	if bare.status != 200 || bare.str("id_token") == "" {
		t.Errorf("without api_type, target and scope: %d %s", bare.status, bare.raw)
	}
}

// An ID token works too, and the HS256 client's new token is signed with
// its secret, as its logins are.
func TestDelegationWithAnIDTokenAndForTheHS256Client(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	login := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"scope": "openid profile"}))
	a := postJSON(t, s.URL+"/delegation", delegationFor(map[string]any{"id_token": login.str("id_token"), "scope": "passthrough"}))
	if a.status != 200 {
		t.Fatalf("delegation with an ID token: %d %s", a.status, a.raw)
	}
	if claims := verifyRS256(t, s, a.str("id_token"), ClientID, clk.Now); claims["name"] != "Alice Liddell" || claims["sub"] != users[UserAlice].id {
		t.Errorf("passthrough of an ID token: %v", claims)
	}

	hs := legacyRefreshFor(t, s, ClientIDHS256, "openid offline_access")
	b := postJSON(t, s.URL+"/delegation", delegationFor(map[string]any{"client_id": ClientIDHS256, "refresh_token": hs.str("refresh_token")}))
	tok, err := jwt.Parse(b.str("id_token"), func(*jwt.Token) (any, error) { return []byte(HS256Secret), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience(ClientIDHS256), jwt.WithTimeFunc(clk.Now))
	if b.status != 200 || err != nil || !tok.Valid {
		t.Errorf("HS256 client: %d %s (%v)", b.status, b.raw, err)
	}
}

// TestDelegationErrors: what /delegation refuses, and how.
func TestDelegationErrors(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	legacy := legacyRefreshFor(t, s, ClientID, "openid offline_access").str("refresh_token")
	oidc := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"scope": "openid offline_access"}))
	fromToken := oidc.str("refresh_token")
	hsLogin := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"client_id": ClientIDHS256}))
	oidcClient := "OIDC conformant clients cannot use /delegation"
	wantAnswers(t, s.URL+"/delegation", delegationFor, []callRow{
		{"missing client_id", map[string]any{"client_id": nil, "refresh_token": legacy}, 400, "invalid_request", "missing client_id parameter"},
		{"unknown client", map[string]any{"client_id": "who", "refresh_token": legacy}, 403, "unauthorized_client", "invalid client"},
		{"OIDC conformant client", map[string]any{"client_id": ClientIDOIDC, "refresh_token": legacy}, 400, "invalid_request", oidcClient},
		{"client without the legacy grant", map[string]any{"client_id": ClientIDNoRO, "refresh_token": legacy}, 403, "unauthorized_client", "Grant type 'http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token' not allowed for the client."},
		{"missing grant_type", map[string]any{"grant_type": nil, "refresh_token": legacy}, 400, "invalid_request", "missing grant_type parameter"},
		{"another grant_type", map[string]any{"grant_type": "refresh_token", "refresh_token": legacy}, 400, "invalid_request", "grant_type must be " + grantJWTBearer},
		{"no token", nil, 400, "invalid_request", "missing refresh_token or id_token parameter"},
		{"both tokens", map[string]any{"refresh_token": legacy, "id_token": hsLogin.str("id_token")}, 400, "invalid_request", "send refresh_token or id_token, not both"},
		{"an add-on api_type", map[string]any{"refresh_token": legacy, "api_type": "firebase"}, 400, "invalid_request", "api_type firebase is not enabled for this client: the demo tenant has no add-ons; use api_type app"},
		{"an unknown target", map[string]any{"refresh_token": legacy, "target": "who"}, 400, "invalid_request", "target must be a client ID of this tenant that may use /delegation (e.g. the client_id itself)"},
		{"refresh token not a string", map[string]any{"refresh_token": 42}, 400, "invalid_request", "refresh_token parameter must be a string"},
		{"a refresh token from /oauth/token", map[string]any{"refresh_token": fromToken}, 403, "invalid_grant", "This refresh token was issued by /oauth/token: only /oauth/token takes it (grant_type refresh_token). /delegation takes refresh tokens from /oauth/ro."},
		{"a made-up refresh token", map[string]any{"refresh_token": "made-up"}, 403, "invalid_grant", "Unknown or invalid refresh token."},
		{"another client's refresh token", map[string]any{"client_id": ClientIDHS256, "refresh_token": legacy}, 403, "invalid_grant", "Unknown or invalid refresh token."},
		{"another client's ID token", map[string]any{"id_token": hsLogin.str("id_token")}, 400, "invalid_grant", "the id_token was issued to another client"},
		{"a broken ID token", map[string]any{"id_token": "x.y.z"}, 400, "invalid_grant", "invalid id_token"},
	})
	clk.advance(DefaultTokenTTL + time.Second)
	wantError(t, postJSON(t, s.URL+"/delegation", delegationFor(map[string]any{"client_id": ClientIDHS256, "id_token": hsLogin.str("id_token")})), 400, "invalid_grant", "jwt expired")
	// A refresh token does not expire with the tokens.
	if a := postJSON(t, s.URL+"/delegation", delegationFor(map[string]any{"refresh_token": legacy})); a.status != 200 {
		t.Errorf("a refresh token after the ID token expired: %d %s", a.status, a.raw)
	}
}

// TestRevokeEndsBothRefreshes: after /oauth/revoke, /delegation refuses a
// revoked /oauth/ro token, and /oauth/token its own; unknown tokens are
// answered 200 too.
func TestRevokeEndsBothRefreshes(t *testing.T) {
	s := start(t, Options{})
	legacy := legacyRefreshFor(t, s, ClientID, "openid offline_access").str("refresh_token")
	modern := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"scope": "openid offline_access"})).str("refresh_token")
	delegate := delegationFor(map[string]any{"refresh_token": legacy})
	refresh := map[string]any{"grant_type": "refresh_token", "client_id": ClientID, "refresh_token": modern}
	if a := postJSON(t, s.URL+"/delegation", delegate); a.status != 200 {
		t.Fatalf("before revoking: %d %s", a.status, a.raw)
	}
	for _, tok := range []string{legacy, modern, "never-issued"} {
		if a := postJSON(t, s.URL+"/oauth/revoke", map[string]any{"client_id": ClientID, "token": tok}); a.status != 200 {
			t.Errorf("revoke %q: %d %s", tok, a.status, a.raw)
		}
	}
	wantError(t, postJSON(t, s.URL+"/delegation", delegate), 403, "invalid_grant", "Unknown or invalid refresh token.")
	wantError(t, postJSON(t, s.URL+"/oauth/token", refresh), 403, "invalid_grant", "Unknown or invalid refresh token.")
}
