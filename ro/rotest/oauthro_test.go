package rotest

import (
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var (
	legacyAccessRE  = regexp.MustCompile(`^[A-Za-z0-9]{16}$`)
	legacyRefreshRE = regexp.MustCompile(`^[A-Za-z0-9]{45}$`)
)

func TestROLoginSucceedsWithOpaqueAccessToken(t *testing.T) {
	s := start(t, Options{})
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil))
	if a.status != 200 {
		t.Fatalf("status %d: %s", a.status, a.raw)
	}
	if !legacyAccessRE.MatchString(a.str("access_token")) {
		t.Errorf("access_token %q is not 16 alphanumerics", a.str("access_token"))
	}
	if a.str("token_type") != "bearer" {
		t.Errorf("token_type %q, want bearer", a.str("token_type"))
	}
	if a.str("id_token") == "" {
		t.Errorf("no id_token for scope openid: %s", a.raw)
	}
	if _, ok := a.json["refresh_token"]; ok {
		t.Errorf("refresh_token without offline_access: %s", a.raw)
	}
	if got := a.json["expires_in"]; got != float64(DefaultTokenTTL.Seconds()) {
		t.Errorf("expires_in %v, want %v", got, DefaultTokenTTL.Seconds())
	}
	if got := a.header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q, want no-store on a token answer", got)
	}
}

func TestROAcceptsFormEncodedBodies(t *testing.T) {
	s := start(t, Options{})
	form := url.Values{}
	for k, v := range roFieldsFor(nil) {
		form.Set(k, v.(string))
	}
	a := call(t, nil, http.MethodPost, s.URL+"/oauth/ro", "application/x-www-form-urlencoded", form.Encode())
	if a.status != 200 || a.str("id_token") == "" {
		t.Fatalf("form login: %d %s", a.status, a.raw)
	}
	form.Set("password", "nope")
	a = call(t, nil, http.MethodPost, s.URL+"/oauth/ro", "application/x-www-form-urlencoded", form.Encode())
	wantError(t, a, 401, "invalid_user_password", "Wrong email or password.")
}

// TestROErrors walks the rows of reference/auth0-legacy-semantics.md that
// apply to the demo data.
func TestROErrors(t *testing.T) {
	s := start(t, Options{})
	grantNotAllowed := "Grant type 'http://auth0.com/oauth/legacy/grant-type/ro' not allowed for the client."
	wantAnswers(t, s.URL+"/oauth/ro", roFieldsFor, []callRow{
		{"missing client_id", map[string]any{"client_id": nil}, 400, "invalid_request", "missing client_id parameter"},
		{"missing username", map[string]any{"username": nil}, 400, "invalid_request", "missing username parameter"},
		{"missing password", map[string]any{"password": nil}, 400, "invalid_request", "missing password parameter"},
		{"empty password", map[string]any{"password": ""}, 400, "invalid_request", "missing password parameter"},
		{"missing connection", map[string]any{"connection": nil}, 400, "invalid_request", "missing connection parameter"},
		{"missing grant_type", map[string]any{"grant_type": nil}, 400, "invalid_request", "missing grant_type parameter"},
		{"scope not a string", map[string]any{"scope": []string{"openid"}}, 400, "invalid_request", "scope parameter must be a string"},
		{"scope a number", map[string]any{"scope": 42}, 400, "invalid_request", "scope parameter must be a string"},
		{"unknown connection", map[string]any{"connection": "nope"}, 400, "invalid_request", "the connection was not found"},
		{"social connection", map[string]any{"connection": "google-oauth2"}, 400, "invalid_request", "specified strategy does not support requested operation"},
		{"unknown client", map[string]any{"client_id": "who"}, 403, "unauthorized_client", "invalid client"},
		{"client without the legacy grant", map[string]any{"client_id": ClientIDNoRO}, 403, "unauthorized_client", grantNotAllowed},
		{"wrong password", map[string]any{"password": "looking-glass"}, 401, "invalid_user_password", "Wrong email or password."},
		{"unknown user", map[string]any{"username": "mad.march.hare@example.com"}, 401, "invalid_user_password", "Wrong email or password."},
		{"blocked user", map[string]any{"username": UserBlocked}, 401, "unauthorized", "user is blocked"},
		{"blocked user, wrong password", map[string]any{"username": UserBlocked, "password": "x"}, 401, "invalid_user_password", "Wrong email or password."},
		{"MFA user without a code", map[string]any{"username": UserMFA}, 401, "a0.mfa_required", "missing mfa_code parameter"},
		{"MFA user with a wrong code", map[string]any{"username": UserMFA, "mfa_code": "000000"}, 401, "a0.mfa_invalid_code", "Wrong or expired code."},
		{"leaked password", map[string]any{"username": UserLeaked}, 401, "password_leaked", "This login has been blocked because your password has been leaked in another website. We've sent you an email with instructions on how to unblock it."},
		{"leaked, wrong password", map[string]any{"username": UserLeaked, "password": "x"}, 401, "invalid_user_password", "Wrong email or password."},
		{"suspicious login", map[string]any{"username": UserVerify}, 401, "requires_verification", "Suspicious request requires verification"},
		{"a rule refuses", map[string]any{"username": UserRule}, 401, "unauthorized", "Access denied: outside office hours"},
		{"disabled connection", map[string]any{"connection": ConnectionDisabled}, 400, "invalid_request", "the connection was disabled"},
		{"OIDC conformant client", map[string]any{"client_id": ClientIDOIDC}, 400, "invalid_request", "OIDC conformant clients cannot use /oauth/ro"},
		{"OIDC conformant client, jwt-bearer", map[string]any{"client_id": ClientIDOIDC, "grant_type": grantJWTBearer, "id_token": "x.y.z", "device": DemoDevice}, 400, "invalid_request", "OIDC conformant clients cannot use /oauth/ro"},
		{"mfa_code of another type", map[string]any{"username": UserMFA, "mfa_code": true}, 400, "invalid_request", "mfa_code parameter must be a string or a number"},
		{"jwt-bearer without id_token", map[string]any{"grant_type": grantJWTBearer, "device": DemoDevice}, 400, "invalid_request", "missing id_token parameter"},
		{"jwt-bearer without device", map[string]any{"grant_type": grantJWTBearer, "id_token": "x.y.z"}, 400, "invalid_request", "missing device parameter"},
		{"jwt-bearer with a bad id_token", map[string]any{"grant_type": grantJWTBearer, "id_token": "x.y.z", "device": DemoDevice}, 400, "invalid_grant", "invalid id_token"},
		{"another grant type", map[string]any{"grant_type": "client_credentials"}, 400, "invalid_request", "grant_type must be password or " + grantJWTBearer},
	})
}

func TestROUnreadableBodyIsInvalidRequest(t *testing.T) {
	s := start(t, Options{})
	a := call(t, nil, http.MethodPost, s.URL+"/oauth/ro", "application/json", `{"client_id": `)
	if a.status != 400 || a.str("error") != "invalid_request" {
		t.Errorf("broken JSON: %d %s", a.status, a.raw)
	}
	a = call(t, nil, http.MethodPost, s.URL+"/oauth/ro", "application/json", `{"password":"`+strings.Repeat("a", maxRequestBody)+`"}`)
	if a.status != http.StatusRequestEntityTooLarge || a.str("error") != "invalid_request" {
		t.Errorf("huge body: %d %.200s", a.status, a.raw)
	}
}

func TestROMFACodeLetsTheMFAUserIn(t *testing.T) {
	s := start(t, Options{})
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": UserMFA, "mfa_code": MFACode}))
	if a.status != 200 || a.str("access_token") == "" {
		t.Fatalf("MFA user with the code: %d %s", a.status, a.raw)
	}
}

func TestROIDTokenClaimsFollowTheScope(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now, TokenTTL: 90 * time.Second})
	base := []string{"iss", "sub", "aud", "exp", "iat"}
	for _, tc := range []struct {
		scope string
		want  []string
	}{
		{"openid", base},
		{"openid email", append(base, "email", "email_verified")},
		{"openid nickname", append(base, "nickname")},
		{"openid profile", append(base, "name", "nickname", "picture", "email", "email_verified", "given_name", "family_name", "user_id", "clientID", "identities", "updated_at", "created_at")},
	} {
		t.Run(tc.scope, func(t *testing.T) {
			a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"scope": tc.scope}))
			if a.status != 200 {
				t.Fatalf("%d %s", a.status, a.raw)
			}
			idToken := a.str("id_token")
			if got := claimNames(t, idToken); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("claims %v, want %v", got, tc.want)
			}
			claims := verifyRS256(t, s, idToken, ClientID, clk.Now)
			if claims["iss"] != s.URL+"/" || !strings.HasSuffix(s.Issuer, "/") {
				t.Errorf("iss %v, want %s/", claims["iss"], s.URL)
			}
			if claims["sub"] != "auth0|5f7c8ec7c33c6c004bbafe82" {
				t.Errorf("sub %v", claims["sub"])
			}
			exp, _ := claims.GetExpirationTime()
			iat, _ := claims.GetIssuedAt()
			if life := exp.Sub(iat.Time); life != 90*time.Second {
				t.Errorf("exp - iat = %s, want the token TTL 90s", life)
			}
			if a.json["expires_in"] != float64(90) {
				t.Errorf("expires_in %v, want 90", a.json["expires_in"])
			}
		})
	}
	t.Run("no scope", func(t *testing.T) {
		a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"scope": nil}))
		if a.status != 200 || a.str("access_token") == "" {
			t.Fatalf("%d %s", a.status, a.raw)
		}
		if _, ok := a.json["id_token"]; ok {
			t.Errorf("id_token without openid: %s", a.raw)
		}
	})
	t.Run("expired after the TTL", func(t *testing.T) {
		a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil))
		clk.advance(91 * time.Second)
		_, err := jwt.Parse(a.str("id_token"), jwksKeyfunc(t, s), jwt.WithTimeFunc(clk.Now))
		if err == nil {
			t.Errorf("ID token still valid after its TTL")
		}
	})
}

func TestROHS256ClientSignsWithTheClientSecret(t *testing.T) {
	s := start(t, Options{})
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"client_id": ClientIDHS256, "scope": "openid email"}))
	if a.status != 200 {
		t.Fatalf("%d %s", a.status, a.raw)
	}
	raw := a.str("id_token")
	header, _ := jwt.NewParser().DecodeSegment(strings.Split(raw, ".")[0])
	if string(header) != `{"typ":"JWT","alg":"HS256"}` {
		t.Errorf("header %s, want the legacy {\"typ\":\"JWT\",\"alg\":\"HS256\"}", header)
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return []byte(HS256Secret), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(s.Issuer), jwt.WithAudience(ClientIDHS256))
	if err != nil {
		t.Fatalf("HS256 ID token does not verify with the printed secret: %v", err)
	}
	if claims["email"] != UserAlice {
		t.Errorf("email %v", claims["email"])
	}
	if _, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return []byte("another secret"), nil }, jwt.WithValidMethods([]string{"HS256"})); err == nil {
		t.Errorf("HS256 token verified with the wrong secret")
	}
}

func TestRORefreshTokenOnlyWithOfflineAccessAndDevice(t *testing.T) {
	s := start(t, Options{})
	for _, tc := range []struct {
		scope, device string
		want          bool
	}{
		{"openid offline_access", DemoDevice, true},
		{"offline_access", DemoDevice, true},
		{"openid offline_access", "", false},
		{"openid", DemoDevice, false},
	} {
		over := map[string]any{"scope": tc.scope}
		if tc.device != "" {
			over["device"] = tc.device
		}
		a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(over))
		got, present := a.json["refresh_token"].(string)
		if present != tc.want {
			t.Errorf("scope %q device %q: refresh_token present %v, want %v (%s)", tc.scope, tc.device, present, tc.want, a.raw)
		}
		if present && !legacyRefreshRE.MatchString(got) {
			t.Errorf("refresh_token %q is not 45 alphanumerics", got)
		}
	}
}

func TestROBruteForceLocksAfterTenFailures(t *testing.T) {
	// DESIGN.md and the semantics file say 10 in a row, as Auth0's
	// brute-force protection: the figure is pinned here, not just reused.
	if MaxFailedLogins != 10 {
		t.Fatalf("MaxFailedLogins is %d; Auth0 (and the README) lock after 10", MaxFailedLogins)
	}
	s := start(t, Options{})
	wrong := roFieldsFor(map[string]any{"password": "queen-of-hearts"})
	for i := 1; i <= MaxFailedLogins; i++ {
		a := postJSON(t, s.URL+"/oauth/ro", wrong)
		wantError(t, a, 401, "invalid_user_password", "Wrong email or password.")
	}
	locked := "Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it."
	// Even the right password is refused now, on both endpoints.
	wantError(t, postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil)), 429, "too_many_attempts", locked)
	wantError(t, postJSON(t, s.URL+"/oauth/token", realmFields(nil)), 429, "too_many_attempts", locked)
	// The user name is not case-sensitive, so the lock is not either.
	wantError(t, postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": "Alice@Example.com"})), 429, "too_many_attempts", locked)
	// Other users are not locked.
	if a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": UserMFA, "mfa_code": MFACode})); a.status != 200 {
		t.Errorf("another user: %d %s", a.status, a.raw)
	}
}

func TestROBruteForceCountsAcrossEndpointsAndResetsOnSuccess(t *testing.T) {
	s := start(t, Options{})
	for i := 0; i < MaxFailedLogins-1; i++ {
		wantError(t, postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"password": "x"})), 401, "invalid_user_password", "Wrong email or password.")
	}
	if a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil)); a.status != 200 {
		t.Fatalf("the 10th attempt with the right password: %d %s", a.status, a.raw)
	}
	// The count started again: nine more failures, split over both
	// endpoints, still leave the account open.
	for i := 0; i < MaxFailedLogins-1; i++ {
		url, body := s.URL+"/oauth/ro", roFieldsFor(map[string]any{"password": "x"})
		if i%2 == 1 {
			url, body = s.URL+"/oauth/token", realmFields(map[string]any{"password": "x"})
		}
		if a := postJSON(t, url, body); a.status == 429 {
			t.Fatalf("locked after %d failures since a success", i+1)
		}
	}
	// The tenth failure in a row (on /oauth/token) locks /oauth/ro.
	wantError(t, postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"password": "x"})), 403, "invalid_grant", "Wrong email or password.")
	if a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil)); a.status != 429 {
		t.Errorf("after 10 failures in a row across endpoints: %d %s, want 429", a.status, a.raw)
	}
}

// With legacy grants off, /oauth/ro and /delegation answer what real
// tenants did: a bare 404 "Not Found" in plain text; LegacyOffJSON keeps
// the endpoint_disabled body.
func TestROLegacyOffAnswers404(t *testing.T) {
	delegation := map[string]any{"client_id": ClientID, "grant_type": grantJWTBearer, "refresh_token": "x"}
	for _, tc := range []struct {
		name     string
		opts     Options
		wantJSON bool
	}{
		{"bare", Options{LegacyOff: true}, false},
		{"json", Options{LegacyOff: true, LegacyOffJSON: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, tc.opts)
			for path, body := range map[string]map[string]any{"/oauth/ro": roFieldsFor(nil), "/delegation": delegation} {
				a := postJSON(t, s.URL+path, body)
				switch {
				case tc.wantJSON && (a.status != 404 || a.str("error") != "endpoint_disabled" || !strings.Contains(a.str("error_description"), path)):
					t.Errorf("%s: %d %s, want 404 endpoint_disabled naming the endpoint", path, a.status, a.raw)
				case !tc.wantJSON && (a.status != 404 || a.raw != "Not Found" || !strings.HasPrefix(a.header.Get("Content-Type"), "text/plain")):
					t.Errorf("%s: %d %q (%s), want a bare 404 text/plain Not Found", path, a.status, a.raw, a.header.Get("Content-Type"))
				}
			}
			// The migration path still works, and so do the neighbours.
			if a := postJSON(t, s.URL+"/oauth/token", realmFields(nil)); a.status != 200 {
				t.Errorf("/oauth/token with legacy off: %d %s", a.status, a.raw)
			}
			if a := postJSON(t, s.URL+"/passwordless/start", map[string]any{"client_id": ClientID, "connection": ConnectionSMS, "phone_number": PhoneAlice, "send": "code"}); a.status != 200 {
				t.Errorf("/passwordless/start with legacy off: %d %s", a.status, a.raw)
			}
		})
	}
}

func TestRORequireBearer(t *testing.T) {
	s := start(t, Options{RequireBearer: true})
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil))
	if a.status != 401 || a.str("error") != "unauthorized" || !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("no bearer: %d %s %v, want 401 unauthorized with WWW-Authenticate", a.status, a.raw, a.header)
	}
	a = postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil), "Authorization", "Basic dXNlcjpwYXNz")
	if a.status != 401 {
		t.Errorf("Basic instead of Bearer: %d, want 401", a.status)
	}
	a = postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil), "Authorization", "Bearer some-management-token")
	if a.status != 200 {
		t.Errorf("with a bearer: %d %s", a.status, a.raw)
	}
}

func TestRODelegationTradesAnIDTokenForNewTokens(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	first := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil))
	next := postJSON(t, s.URL+"/oauth/ro", map[string]any{
		"client_id": ClientID, "connection": Connection, "grant_type": grantJWTBearer,
		"id_token": first.str("id_token"), "device": DemoDevice, "scope": "openid offline_access",
	})
	if next.status != 200 || next.str("id_token") == "" || next.str("refresh_token") == "" {
		t.Fatalf("delegation: %d %s", next.status, next.raw)
	}
	claims := verifyRS256(t, s, next.str("id_token"), ClientID, clk.Now)
	if claims["sub"] != users[UserAlice].id {
		t.Errorf("sub %v", claims["sub"])
	}
	// The HS256 client's token is not good for rotui-demo.
	hs := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"client_id": ClientIDHS256}))
	wantError(t, postJSON(t, s.URL+"/oauth/ro", map[string]any{
		"client_id": ClientID, "connection": Connection, "grant_type": grantJWTBearer,
		"id_token": hs.str("id_token"), "device": DemoDevice,
	}), 400, "invalid_grant", "the id_token was issued to another client")
	clk.advance(DefaultTokenTTL + time.Second)
	wantError(t, postJSON(t, s.URL+"/oauth/ro", map[string]any{
		"client_id": ClientID, "connection": Connection, "grant_type": grantJWTBearer,
		"id_token": first.str("id_token"), "device": DemoDevice,
	}), 400, "invalid_grant", "jwt expired")
}
