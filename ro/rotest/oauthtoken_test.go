package rotest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// realmFields is a valid password-realm body for alice, changed by
// overrides; an override of nil removes the field.
func realmFields(overrides map[string]any) map[string]any {
	f := map[string]any{
		"grant_type": grantPasswordRealm,
		"client_id":  ClientID,
		"username":   UserAlice,
		"password":   Password,
		"realm":      Connection,
		"scope":      "openid",
	}
	return withOverrides(f, overrides)
}

func TestTokenPasswordRealmAndPasswordGrants(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	for _, tc := range []struct {
		name string
		body map[string]any
		form bool
	}{
		{"password-realm, JSON", realmFields(map[string]any{"scope": "openid profile email"}), false},
		{"password (default directory), form", map[string]any{"grant_type": "password", "client_id": ClientID, "username": UserAlice, "password": Password, "scope": "openid profile email"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a answer
			if tc.form {
				form := url.Values{}
				for k, v := range tc.body {
					form.Set(k, v.(string))
				}
				a = call(t, nil, http.MethodPost, s.URL+"/oauth/token", "application/x-www-form-urlencoded", form.Encode())
			} else {
				a = postJSON(t, s.URL+"/oauth/token", tc.body)
			}
			if a.status != 200 {
				t.Fatalf("%d %s", a.status, a.raw)
			}
			if a.str("token_type") != "Bearer" || a.json["expires_in"] != DefaultTokenTTL.Seconds() || a.str("scope") != "openid profile email" {
				t.Errorf("answer %s", a.raw)
			}
			if got := a.str("access_token"); len(got) != opaqueAccessLen || strings.Contains(got, ".") {
				t.Errorf("access_token %q: want opaque without an audience", got)
			}
			claims := verifyRS256(t, s, a.str("id_token"), ClientID, clk.Now)
			for _, c := range []string{"name", "nickname", "picture", "updated_at", "email", "email_verified"} {
				if _, ok := claims[c]; !ok {
					t.Errorf("ID token lacks %s for scope openid profile email: %v", c, claims)
				}
			}
			if _, ok := a.json["refresh_token"]; ok {
				t.Errorf("refresh_token without offline_access")
			}
		})
	}
}

func TestTokenGivesAJWTAccessTokenForAnAudience(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	a := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"audience": "https://api.example.com/", "scope": "openid read:notes"}))
	if a.status != 200 {
		t.Fatalf("%d %s", a.status, a.raw)
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(a.str("access_token"), claims, jwksKeyfunc(t, s),
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(s.Issuer),
		jwt.WithAudience("https://api.example.com/"), jwt.WithTimeFunc(clk.Now))
	if err != nil {
		t.Fatalf("JWT access token: %v", err)
	}
	if claims["azp"] != ClientID || claims["scope"] != "openid read:notes" || claims["gty"] != "password" {
		t.Errorf("claims %v", claims)
	}
	aud, _ := claims.GetAudience()
	if len(aud) != 2 || aud[1] != s.URL+"/userinfo" {
		t.Errorf("aud %v: want the API and /userinfo with openid", aud)
	}
	// The JWT access token is good for /userinfo too.
	if u := call(t, nil, http.MethodGet, s.URL+"/userinfo", "", "", "Authorization", "Bearer "+a.str("access_token")); u.status != 200 {
		t.Errorf("/userinfo with the JWT access token: %d %s", u.status, u.raw)
	}
}

func TestTokenErrors(t *testing.T) {
	s := start(t, Options{})
	wantAnswers(t, s.URL+"/oauth/token", realmFields, []callRow{
		{"wrong password", map[string]any{"password": "x"}, 403, "invalid_grant", "Wrong email or password."},
		{"unknown user", map[string]any{"username": "dodo@example.com"}, 403, "invalid_grant", "Wrong email or password."},
		{"blocked user", map[string]any{"username": UserBlocked}, 403, "invalid_grant", "user is blocked"},
		{"MFA user", map[string]any{"username": UserMFA}, 403, "mfa_required", "Multi-factor authentication required"},
		{"MFA user not enrolled", map[string]any{"username": UserEnroll}, 403, "mfa_required", "Multi-factor authentication required"},
		{"leaked password", map[string]any{"username": UserLeaked}, 403, "password_leaked", "This login has been blocked because your password has been leaked in another website. We've sent you an email with instructions on how to unblock it."},
		{"suspicious login", map[string]any{"username": UserVerify}, 403, "requires_verification", "Suspicious request requires verification"},
		{"a rule refuses", map[string]any{"username": UserRule}, 403, "access_denied", RuleMessage},
		{"disabled connection", map[string]any{"realm": ConnectionDisabled}, 400, "invalid_request", "the connection was disabled"},
		{"a passwordless realm with a password", map[string]any{"realm": ConnectionSMS}, 400, "invalid_request", "specified strategy does not support requested operation"},
		{"missing grant_type", map[string]any{"grant_type": nil}, 400, "invalid_request", "Missing required parameter: grant_type"},
		{"missing client_id", map[string]any{"client_id": nil}, 400, "invalid_request", "Missing required parameter: client_id"},
		{"missing username", map[string]any{"username": nil}, 400, "invalid_request", "Missing required parameter: username"},
		{"missing password", map[string]any{"password": nil}, 400, "invalid_request", "Missing required parameter: password"},
		{"missing realm", map[string]any{"realm": nil}, 400, "invalid_request", "Missing required parameter: realm"},
		{"unknown realm", map[string]any{"realm": "corp-ad"}, 400, "invalid_request", "the connection was not found"},
		{"unknown client", map[string]any{"client_id": "who"}, 401, "invalid_client", "Unknown client."},
		{"wrong client secret", map[string]any{"client_id": ClientIDHS256, "client_secret": "guess"}, 401, "access_denied", "Unauthorized"},
		{"unsupported grant", map[string]any{"grant_type": "client_credentials"}, 501, "unsupported_grant_type", "Unsupported grant type: client_credentials"},
		{"scope not a string", map[string]any{"scope": true}, 400, "invalid_request", "scope parameter must be a string"},
	})
	t.Run("mfa_token", func(t *testing.T) {
		a := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"username": UserMFA}))
		if a.str("mfa_token") == "" {
			t.Errorf("mfa_required without mfa_token: %s", a.raw)
		}
	})
	t.Run("clients without the legacy endpoints may use the realm grant", func(t *testing.T) {
		for _, id := range []string{ClientIDNoRO, ClientIDOIDC} {
			if a := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"client_id": id})); a.status != 200 {
				t.Errorf("%s: %d %s", id, a.status, a.raw)
			}
		}
	})
	t.Run("the right client secret", func(t *testing.T) {
		a := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"client_id": ClientIDHS256, "client_secret": HS256Secret}))
		if a.status != 200 {
			t.Errorf("%d %s", a.status, a.raw)
		}
	})
}

func TestTokenRefreshGrant(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	login := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"scope": "openid offline_access"}))
	rt := login.str("refresh_token")
	if login.status != 200 || !strings.HasPrefix(rt, "v1.") {
		t.Fatalf("login with offline_access: %d %s", login.status, login.raw)
	}
	clk.advance(time.Minute)
	a := postJSON(t, s.URL+"/oauth/token", map[string]any{"grant_type": "refresh_token", "client_id": ClientID, "refresh_token": rt})
	if a.status != 200 || a.str("access_token") == "" || a.str("access_token") == login.str("access_token") {
		t.Fatalf("refresh: %d %s", a.status, a.raw)
	}
	if _, ok := a.json["refresh_token"]; ok {
		t.Errorf("a refresh grant minted another refresh token: %s", a.raw)
	}
	claims := verifyRS256(t, s, a.str("id_token"), ClientID, clk.Now)
	if iat, _ := claims.GetIssuedAt(); !iat.Time.Equal(clk.Now().Truncate(time.Second)) {
		t.Errorf("refreshed ID token iat %v, want now %v", iat, clk.Now())
	}

	invalid := "Unknown or invalid refresh token."
	// Another client cannot use it.
	wantError(t, postJSON(t, s.URL+"/oauth/token", map[string]any{"grant_type": "refresh_token", "client_id": ClientIDNoRO, "refresh_token": rt}), 403, "invalid_grant", invalid)
	wantError(t, postJSON(t, s.URL+"/oauth/token", map[string]any{"grant_type": "refresh_token", "client_id": ClientID, "refresh_token": "v1.made-up"}), 403, "invalid_grant", invalid)
	wantError(t, postJSON(t, s.URL+"/oauth/token", map[string]any{"grant_type": "refresh_token", "client_id": ClientID}), 400, "invalid_request", "Missing required parameter: refresh_token")

	// Refresh tokens from /oauth/ro were never accepted here; the answer
	// says where they work.
	legacy := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"scope": "openid offline_access", "device": DemoDevice}))
	if legacy.str("refresh_token") == "" {
		t.Fatalf("no legacy refresh token: %s", legacy.raw)
	}
	wantError(t, postJSON(t, s.URL+"/oauth/token", map[string]any{"grant_type": "refresh_token", "client_id": ClientID, "refresh_token": legacy.str("refresh_token")}), 403, "invalid_grant",
		"This refresh token was issued by /oauth/ro: only the legacy /delegation endpoint takes it. /oauth/token takes refresh tokens from /oauth/token; migrating means logging in again.")
}

func TestRevokeForgetsARefreshToken(t *testing.T) {
	s := start(t, Options{})
	login := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"scope": "openid offline_access"}))
	rt := login.str("refresh_token")
	// Another client cannot revoke it (and is not told whether it exists).
	if a := postJSON(t, s.URL+"/oauth/revoke", map[string]any{"client_id": ClientIDNoRO, "token": rt}); a.status != 200 {
		t.Errorf("revoke by another client: %d %s", a.status, a.raw)
	}
	refresh := map[string]any{"grant_type": "refresh_token", "client_id": ClientID, "refresh_token": rt}
	if a := postJSON(t, s.URL+"/oauth/token", refresh); a.status != 200 {
		t.Fatalf("refresh before revoking: %d %s", a.status, a.raw)
	}
	if a := postJSON(t, s.URL+"/oauth/revoke", map[string]any{"client_id": ClientID, "token": rt}); a.status != 200 || a.raw != "" {
		t.Errorf("revoke: %d %q, want 200 and no body", a.status, a.raw)
	}
	wantError(t, postJSON(t, s.URL+"/oauth/token", refresh), 403, "invalid_grant", "Unknown or invalid refresh token.")
	wantError(t, postJSON(t, s.URL+"/oauth/revoke", map[string]any{"client_id": ClientID}), 400, "invalid_request", "Missing required parameter: token")
	wantError(t, postJSON(t, s.URL+"/oauth/revoke", map[string]any{"client_id": "who", "token": rt}), 401, "invalid_client", "Unknown client.")
}
