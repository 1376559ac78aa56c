package rotest

import (
	"encoding/base32"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestROMFACodes walks the MFA rows of the issue over loopback: the code
// as a string or a JSON number, a wrong one, one sent for a user without
// MFA, and the user who has not enrolled yet.
func TestROMFACodes(t *testing.T) {
	s := start(t, Options{})
	wantAnswers(t, s.URL+"/oauth/ro", roFieldsFor, []callRow{
		{"the code as a string", map[string]any{"username": UserMFA, "mfa_code": MFACode}, 200, "", ""},
		{"the code as a JSON number", map[string]any{"username": UserMFA, "mfa_code": 123456}, 200, "", ""},
		{"no code", map[string]any{"username": UserMFA}, 401, "a0.mfa_required", "missing mfa_code parameter"},
		{"an empty code is no code", map[string]any{"username": UserMFA, "mfa_code": ""}, 401, "a0.mfa_required", "missing mfa_code parameter"},
		{"a wrong code", map[string]any{"username": UserMFA, "mfa_code": "654321"}, 401, "a0.mfa_invalid_code", "Wrong or expired code."},
		{"a wrong code as a number", map[string]any{"username": UserMFA, "mfa_code": 99999}, 401, "a0.mfa_invalid_code", "Wrong or expired code."},
		{"a wrong password with the right code", map[string]any{"username": UserMFA, "password": "x", "mfa_code": MFACode}, 401, "invalid_user_password", "Wrong email or password."},
		{"a code for a user without MFA", map[string]any{"mfa_code": MFACode}, 400, "invalid_request", "mfa_code not allowed"},
		{"a number for a user without MFA", map[string]any{"mfa_code": 123456}, 400, "invalid_request", "mfa_code not allowed"},
		{"a code for a passwordless user", map[string]any{"connection": ConnectionSMS, "username": PhoneAlice, "password": PasswordlessCode, "mfa_code": MFACode}, 400, "invalid_request", "mfa_code not allowed"},
		{"not enrolled", map[string]any{"username": UserEnroll}, 401, "a0.mfa_registration_required", "User is not enrolled with Google Authenticator"},
		{"enrolling with the demo code", map[string]any{"username": UserEnroll, "mfa_code": MFACode}, 200, "", ""},
		{"enrolling with a wrong code", map[string]any{"username": UserEnroll, "mfa_code": "000000"}, 401, "a0.mfa_invalid_code", "Wrong or expired code."},
	})
	t.Run("form-encoded", func(t *testing.T) {
		form := url.Values{}
		for k, v := range roFieldsFor(map[string]any{"username": UserMFA, "mfa_code": MFACode}) {
			form.Set(k, v.(string))
		}
		if a := call(t, nil, http.MethodPost, s.URL+"/oauth/ro", "application/x-www-form-urlencoded", form.Encode()); a.status != 200 {
			t.Errorf("form body with mfa_code: %d %s", a.status, a.raw)
		}
	})
}

// TestROMFAEnrolmentCarriesAScannableKey checks mfa_settings as an
// authenticator app would read it: the provider, a base32 key, and an
// otpauth://totp URI naming the issuer, the account and the same key; a
// code made from that key lets the user in.
func TestROMFAEnrolmentCarriesAScannableKey(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": UserEnroll}))
	settings, _ := a.json["mfa_settings"].(map[string]any)
	if settings == nil {
		t.Fatalf("no mfa_settings: %s", a.raw)
	}
	key, _ := settings["key"].(string)
	if settings["provider"] != "google-authenticator" || key != MFAEnrollKey {
		t.Errorf("provider %v key %v", settings["provider"], settings["key"])
	}
	if _, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(key); err != nil {
		t.Errorf("key %q is not base32: %v", key, err)
	}
	qr, _ := settings["qr"].(string)
	// Spaces as %20 (RFC 3986; some apps show a +), and the & sent as is.
	if strings.Contains(qr, "+") || !strings.Contains(a.raw, "&issuer=") {
		t.Errorf("qr %q in %s", qr, a.raw)
	}
	u, err := url.Parse(qr)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		t.Fatalf("qr %q is not an otpauth://totp URI (%v)", qr, err)
	}
	if label := strings.TrimPrefix(u.Path, "/"); label != MFAIssuer+":"+UserEnroll {
		t.Errorf("label %q, want issuer:account", label)
	}
	if q := u.Query(); q.Get("secret") != MFAEnrollKey || q.Get("issuer") != MFAIssuer {
		t.Errorf("query %v, want the key and the issuer", q)
	}

	secret, _ := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(MFAEnrollKey)
	code := totp(secret, clk.Now().Unix()/30)
	if a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": UserEnroll, "mfa_code": code})); a.status != 200 {
		t.Errorf("the authenticator's code %s: %d %s", code, a.status, a.raw)
	}
	// The fully enrolled MFA user takes only the demo code.
	if a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": UserMFA, "mfa_code": code})); a.status != 401 && code != MFACode {
		t.Errorf("the enrolment key's code for another user: %d %s", a.status, a.raw)
	}
}

// TestTOTPMatchesRFC6238 pins the TOTP to the RFC's SHA-1 test vectors
// (their 8 digits cut to the 6 authenticator apps show).
func TestTOTPMatchesRFC6238(t *testing.T) {
	secret := []byte("12345678901234567890")
	for _, tc := range []struct {
		unix int64
		want string
	}{
		{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"},
		{1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
	} {
		if got := totp(secret, tc.unix/30); got != tc.want {
			t.Errorf("T=%d: %s, want %s", tc.unix, got, tc.want)
		}
	}
	key := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(secret)
	now := time.Unix(1111111111, 0)
	for _, tc := range []struct {
		code string
		want bool
	}{
		{"050471", true}, {totp(secret, 1111111111/30-1), true}, {totp(secret, 1111111111/30+1), true},
		{totp(secret, 1111111111/30+2), false}, {"05047", false}, {"", false},
	} {
		if got := totpFits(key, tc.code, now); got != tc.want {
			t.Errorf("totpFits(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
}

// The realm flow's MFA stays the OIDC answer: 403 mfa_required with an
// mfa_token, for the enrolled and the unenrolled user alike.
func TestTokenMFAStaysMFARequired(t *testing.T) {
	s := start(t, Options{})
	for _, who := range []string{UserMFA, UserEnroll} {
		a := postJSON(t, s.URL+"/oauth/token", realmFields(map[string]any{"username": who}))
		wantError(t, a, 403, "mfa_required", "Multi-factor authentication required")
		if a.str("mfa_token") == "" {
			t.Errorf("%s: no mfa_token: %s", who, a.raw)
		}
	}
}

// Wrong MFA codes count towards the lock like wrong passwords (DESIGN:
// "any endpoint; a success resets the count"): the code is a credential.
func TestROWrongMFACodesCountTowardsTheLock(t *testing.T) {
	s := start(t, Options{})
	wrong := roFieldsFor(map[string]any{"username": UserMFA, "mfa_code": "000000"})
	for i := 0; i < MaxFailedLogins-1; i++ {
		wantError(t, postJSON(t, s.URL+"/oauth/ro", wrong), 401, "a0.mfa_invalid_code", "Wrong or expired code.")
	}
	// The right code resets the count.
	if a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": UserMFA, "mfa_code": MFACode})); a.status != 200 {
		t.Fatalf("the right code after 9 wrong ones: %d %s", a.status, a.raw)
	}
	for i := 0; i < MaxFailedLogins-1; i++ {
		postJSON(t, s.URL+"/oauth/ro", wrong)
	}
	// The tenth failure in a row is a wrong password: the lock follows.
	postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": UserMFA, "password": "x"}))
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": UserMFA, "mfa_code": MFACode}))
	if a.status != 429 || a.str("error") != "too_many_attempts" {
		t.Errorf("after 10 wrong codes and passwords in a row: %d %s, want 429", a.status, a.raw)
	}
}
