package ro

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestMFACodeGoesOnlyToROAndIsMasked: the MFA code is sent as mfa_code on
// /oauth/ro, and wherever the request is shown (Masked, Curl, CurlLines)
// it is masked like the password; Curl(true) reveals it on purpose.
func TestMFACodeGoesOnlyToROAndIsMasked(t *testing.T) {
	const code = "482913"
	r := validRO()
	r.MFACode = code
	s, body := builtBody(t, r)
	if body["mfa_code"] != code {
		t.Fatalf("the code is not sent as mfa_code: %s", s.Body)
	}
	m := s.Masked()
	shown := map[string]string{
		"masked body": string(m.Body),
		"curl":        s.Curl(false),
		"curl lines":  strings.Join(s.CurlLines(false, 40), "\n"),
	}
	for name, text := range shown {
		if strings.Contains(text, code) || !strings.Contains(text, Mask) {
			t.Errorf("%s shows the MFA code: %s", name, text)
		}
	}
	if !strings.Contains(s.Curl(true), code) {
		t.Error("Curl(true) should reveal the MFA code when asked")
	}
	if got := strings.Join(s.Secrets(), " "); !strings.Contains(got, code) {
		t.Errorf("Secrets() = %q: an echo of the code would not be searched for", got)
	}
	// Moving the login to another flow drops the code: it has no place there.
	for _, f := range []Flow{FlowRealm, FlowPassword} {
		if got := r.AsFlow(f); got.MFACode != "" {
			t.Errorf("AsFlow(%s) keeps the MFA code", f)
		}
	}
}

// TestMFACodeIsRefusedWhereItHasNoPlace: the realm and password flows
// refuse an MFA code at validation, saying that those flows answer
// mfa_required with an mfa_token for the MFA API; a code with a space or
// line break is refused on /oauth/ro.
func TestMFACodeIsRefusedWhereItHasNoPlace(t *testing.T) {
	cases := []struct {
		name string
		flow Flow
		code string
		says []string
	}{
		{"realm", FlowRealm, "123456", []string{"mfa_token", "MFA API"}},
		{"password", FlowPassword, "123456", []string{"mfa_token", "MFA API"}},
		{"space inside", FlowRO, "123 456", []string{"space"}},
		{"line break", FlowRO, "123456\n", []string{"line break"}},
	}
	for _, c := range cases {
		r := validRO()
		r.Flow, r.MFACode = c.flow, c.code
		if c.flow == FlowPassword {
			r.Connection = ""
		}
		ve := wantFieldSays(t, c.name, r.Validate(), FieldMFACode, c.says...)
		if ve == nil {
			continue
		}
		if strings.Contains(ve.Error(), strings.TrimSpace(c.code)) {
			t.Errorf("%s: the error shows the code: %v", c.name, ve)
		}
	}
	r := validRO()
	r.MFACode = "99999"
	if err := r.Validate(); err != nil {
		t.Errorf("a five-digit code on /oauth/ro: %v", err)
	}
}

// TestMFASettingsAreRead: a0.mfa_registration_required's mfa_settings come
// out as provider, key and an otpauth:// URI; a URI that is not a usable
// otpauth:// one (another scheme, no secret, control or invisible
// characters) is left out, never handed to a QR code.
func TestMFASettingsAreRead(t *testing.T) {
	const good = "otpauth://totp/rotui%20demo:enroll@example.com?secret=JBSWY3DPEHPK3PXP&issuer=rotui%20demo"
	cases := []struct {
		name     string
		settings string // the mfa_settings member, raw JSON; "" for none
		want     *MFASettings
	}{
		{"qr", `{"provider":"google-authenticator","key":"JBSWY3DPEHPK3PXP","qr":"` + good + `"}`,
			&MFASettings{Provider: "google-authenticator", Key: "JBSWY3DPEHPK3PXP", URI: good}},
		{"uri member", `{"provider":"guardian","key":"K","uri":"` + good + `"}`, &MFASettings{Provider: "guardian", Key: "K", URI: good}},
		{"barcode_uri member", `{"barcode_uri":"` + good + `"}`, &MFASettings{URI: good}},
		{"qr as an image", `{"key":"K","qr":"data:image/png;base64,iVBORw0KGgo="}`, &MFASettings{Key: "K"}},
		{"another scheme", `{"key":"K","qr":"javascript:alert(1)"}`, &MFASettings{Key: "K"}},
		{"https", `{"key":"K","qr":"https://evil.example/?secret=K"}`, &MFASettings{Key: "K"}},
		{"no secret", `{"key":"K","qr":"otpauth://totp/x?issuer=y"}`, &MFASettings{Key: "K"}},
		{"not totp or hotp", `{"key":"K","qr":"otpauth://push/x?secret=K"}`, &MFASettings{Key: "K"}},
		{"escape sequence", `{"key":"K","qr":"otpauth://totp/\u001b[31mx?secret=K"}`, &MFASettings{Key: "K"}},
		{"bidi control", `{"key":"K","qr":"otpauth://totp/x\u202e?secret=K"}`, &MFASettings{Key: "K"}},
		{"not an object", `"otpauth://totp/x?secret=K"`, nil},
		{"empty object", `{}`, nil},
		{"absent", ``, nil},
	}
	for _, c := range cases {
		body := `{"error":"a0.mfa_registration_required","error_description":"User is not enrolled with Google Authenticator"`
		if c.settings != "" {
			body += `,"mfa_settings":` + c.settings
		}
		body += "}"
		e := parseAPIError(FlowRO, http.StatusUnauthorized, http.Header{}, []byte(body), time.Time{})
		switch {
		case c.want == nil && e.MFASettings != nil:
			t.Errorf("%s: got %+v, want none", c.name, *e.MFASettings)
		case c.want != nil && (e.MFASettings == nil || *e.MFASettings != *c.want):
			t.Errorf("%s: got %+v, want %+v", c.name, e.MFASettings, *c.want)
		}
	}
}

// TestMFALoginOverLoopback: the code goes out on the wire as mfa_code, and
// an enrolment answer's settings reach the APIError through the Client.
func TestMFALoginOverLoopback(t *testing.T) {
	const code = "123456"
	var got map[string]any
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(&got)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":"a0.mfa_registration_required","error_description":"User is not enrolled with Google Authenticator","mfa_settings":{"provider":"google-authenticator","key":"JBSWY3DPEHPK3PXP","qr":"otpauth://totp/demo?secret=JBSWY3DPEHPK3PXP"}}`))
	})
	r := reqFor(srv)
	r.MFACode = code
	_, err := NewClient(ClientOptions{}).Login(context.Background(), r)
	var ae *APIError
	if !errors.As(err, &ae) || ae.MFASettings == nil || ae.MFASettings.URI != "otpauth://totp/demo?secret=JBSWY3DPEHPK3PXP" {
		t.Fatalf("want the enrolment settings, got %v %+v", err, ae)
	}
	if got["mfa_code"] != code {
		t.Errorf("the server got %v", got)
	}
	if !strings.Contains(ae.Hint, "authenticator app") {
		t.Errorf("the hint does not say how to enrol: %q", ae.Hint)
	}
}

// TestAnswersSayWhatToSendAgain: the answers that want an MFA code, or a
// new passwordless code, say so on the APIError, so a form offers the way
// on without deciding it; no other answer does.
func TestAnswersSayWhatToSendAgain(t *testing.T) {
	cases := []struct {
		flow            Flow
		status          int
		body            string
		mfaCode, newOTP bool
	}{
		{FlowRO, 401, `{"error":"a0.mfa_required","error_description":"missing mfa_code parameter"}`, true, false},
		{FlowRO, 401, `{"error":"a0.mfa_invalid_code","error_description":"Wrong or expired code."}`, true, false},
		{FlowRO, 401, `{"error":"a0.mfa_registration_required","error_description":"User is not enrolled with Google Authenticator"}`, true, false},
		{FlowRO, 401, `{"error":"invalid_user_password","error_description":"Wrong phone number or verification code."}`, false, true},
		{FlowRealm, 403, `{"error":"invalid_grant","error_description":"Wrong email or verification code."}`, false, true},
		{FlowRO, 401, `{"error":"invalid_user_password","error_description":"Wrong email or password."}`, false, false},
		{FlowRealm, 403, `{"error":"mfa_required","error_description":"Multi-factor authentication required","mfa_token":"x"}`, false, false},
		{FlowRO, 400, `{"error":"invalid_request","error_description":"mfa_code not allowed"}`, false, false},
	}
	for _, c := range cases {
		e := parseAPIError(c.flow, c.status, http.Header{}, []byte(c.body), time.Time{})
		if e.SuggestMFACode != c.mfaCode || e.SuggestNewCode != c.newOTP {
			t.Errorf("%s %s: SuggestMFACode %v, SuggestNewCode %v", c.flow, c.body, e.SuggestMFACode, e.SuggestNewCode)
		}
	}
}

// TestRequestSecrets: every credential a person can put in a Request, so
// a surface masks them all from one list (the MFA code too).
func TestRequestSecrets(t *testing.T) {
	r := validRO()
	r.Password, r.Bearer, r.IDToken, r.MFACode = "Pw-1", "Bearer Br-1", "It-1", "482913"
	got := strings.Join(r.Secrets(), " ")
	for _, want := range []string{"Pw-1", "Br-1", "It-1", "482913"} {
		if !strings.Contains(got, want) {
			t.Errorf("Secrets() = %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "Bearer") || strings.Contains(got, r.Username) {
		t.Errorf("Secrets() = %q holds what is no secret", got)
	}
}
