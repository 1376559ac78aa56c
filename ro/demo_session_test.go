package ro_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// The client side of a whole legacy session, against the demo tenant over
// loopback: MFA, passwordless codes, refresh, revoke and /tokeninfo.

func ctx10s(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// apiError is err as an *ro.APIError, or fails the test.
func apiError(t *testing.T, what string, err error) *ro.APIError {
	t.Helper()
	var ae *ro.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("%s: got %v, want an *ro.APIError", what, err)
	}
	return ae
}

// TestDemoMFA: the MFA user needs the code in the same /oauth/ro call; a
// wrong code, a code for a user without MFA and a user not enrolled yet
// each say what to do; the realm flow's MFA is the MFA API's.
func TestDemoMFA(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	mfa := alice(srv)
	mfa.Username = rotest.UserMFA

	ae := apiError(t, "no code", loginErr(t, mfa))
	if ae.Code != "a0.mfa_required" || !strings.Contains(ae.Hint, "Send again with the code") || !ae.SuggestMFACode {
		t.Errorf("no code: %s %q", ae.Code, ae.Hint)
	}
	mfa.MFACode = "000000"
	if ae := apiError(t, "wrong code", loginErr(t, mfa)); ae.Code != "a0.mfa_invalid_code" || !strings.Contains(ae.Hint, "fresh code") {
		t.Errorf("wrong code: %s %q", ae.Code, ae.Hint)
	}
	mfa.MFACode = rotest.MFACode
	if ex, err := login(t, mfa); err != nil || ex.Tokens.IDToken == "" {
		t.Fatalf("with the code: %v", err)
	} else if strings.Contains(string(ex.Request.Masked().Body), rotest.MFACode) || strings.Contains(ex.Request.Curl(false), rotest.MFACode) {
		t.Errorf("the code shows in the request: %s", ex.Request.Masked().Body)
	}

	noMFA := alice(srv)
	noMFA.MFACode = rotest.MFACode
	if ae := apiError(t, "code without MFA", loginErr(t, noMFA)); ae.Status != 400 || !strings.Contains(ae.Hint, "without one") || ae.Fix != ro.FieldMFACode || !ae.Clear {
		t.Errorf("a code for a user without MFA: %d %q (fix %q, clear %v)", ae.Status, ae.Hint, ae.Fix, ae.Clear)
	}

	enroll := alice(srv)
	enroll.Username = rotest.UserEnroll
	ae = apiError(t, "not enrolled", loginErr(t, enroll))
	s := ae.MFASettings
	if ae.Code != "a0.mfa_registration_required" || s == nil || s.Key != rotest.MFAEnrollKey || s.Provider == "" ||
		!strings.HasPrefix(s.URI, "otpauth://totp/") || !strings.Contains(s.URI, "secret="+rotest.MFAEnrollKey) {
		t.Fatalf("enrolment: %s %+v", ae.Code, s)
	}
	if !strings.Contains(ae.Hint, "authenticator app") {
		t.Errorf("the enrolment hint: %q", ae.Hint)
	}
	enroll.MFACode = rotest.MFACode
	if _, err := login(t, enroll); err != nil {
		t.Errorf("enrolled with the code: %v", err)
	}

	realm := alice(srv).AsRealm()
	realm.Username = rotest.UserMFA
	if ae := apiError(t, "realm", loginErr(t, realm)); ae.Code != "mfa_required" || ae.MFAToken == "" || !strings.Contains(ae.Hint, "MFA API") {
		t.Errorf("realm MFA: %s %q", ae.Code, ae.Hint)
	}
}

// loginErr is login's error alone.
func loginErr(t *testing.T, r ro.Request) error {
	t.Helper()
	_, err := login(t, r)
	return err
}

// TestDemoPasswordless: a code is "sent" to alice's phone or mailbox,
// and logs her in over /oauth/ro (the code as password) and over the
// passwordless/otp grant (the same login as realm); a wrong code says to
// ask for a new one.
func TestDemoPasswordless(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	c := ro.NewClient(ro.ClientOptions{})
	cases := []struct{ connection, recipient, claim string }{
		{rotest.ConnectionSMS, rotest.PhoneAlice, "phone_number"},
		{rotest.ConnectionEmail, rotest.UserAlice, "email"},
	}
	for _, tc := range cases {
		ex, err := c.SendCode(ctx10s(t), ro.CodeRequest{Domain: srv.URL, ClientID: rotest.ClientID, Connection: tc.connection, Recipient: tc.recipient})
		if err != nil {
			t.Fatalf("%s: send: %v", tc.connection, err)
		}
		if s := ex.CodeSent; s == nil || s.ID == "" || (s.PhoneNumber != tc.recipient && s.Email != tc.recipient) {
			t.Errorf("%s: the answer read as %+v from %s", tc.connection, s, ex.Body)
		}
		r := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: tc.connection, Username: tc.recipient,
			Password: rotest.PasswordlessCode, Scope: "openid " + map[string]string{"phone_number": "phone", "email": "email"}[tc.claim]}
		for _, q := range []ro.Request{r, r.AsRealm()} {
			ex, err := login(t, q)
			if err != nil {
				t.Fatalf("%s %s: %v", tc.connection, q.EffectiveFlow(), err)
			}
			if v, ok := jwtview.Decode(ex.Tokens.IDToken).Claim(tc.claim); !ok || v.Value != tc.recipient {
				t.Errorf("%s %s: the ID token's %s is %v", tc.connection, q.EffectiveFlow(), tc.claim, v)
			}
		}
		r.Password = "000000"
		if ae := apiError(t, "wrong code", loginErr(t, r)); ae.Status != 401 || !strings.Contains(ae.Hint, "new code") {
			t.Errorf("%s: wrong code: %d %q", tc.connection, ae.Status, ae.Hint)
		}
	}
}

// TestDemoRefreshRevokeAndTokenInfo: a refresh token from /oauth/ro is
// used at /delegation, one from /oauth/token with its refresh_token grant,
// each refused at the other's endpoint with a hint naming the right one;
// a revoked token is refused by both; /tokeninfo answers the legacy
// profile of the ID token.
func TestDemoRefreshRevokeAndTokenInfo(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	c := ro.NewClient(ro.ClientOptions{})
	first := alice(srv)
	first.Scope, first.Device = "openid email offline_access", rotest.DemoDevice
	tokens := map[ro.Flow]*ro.TokenResponse{}
	for _, f := range []ro.Flow{ro.FlowRO, ro.FlowRealm} {
		ex, err := login(t, first.AsFlow(f))
		if err != nil || ex.Tokens.RefreshToken == "" {
			t.Fatalf("%s login: %v", f, err)
		}
		tokens[f] = ex.Tokens
	}
	for _, f := range []ro.Flow{ro.FlowRO, ro.FlowRealm} {
		r := ro.Refresh{Domain: srv.URL, ClientID: rotest.ClientID, RefreshToken: tokens[f].RefreshToken, From: f}
		ex, err := c.Refresh(ctx10s(t), r)
		if err != nil {
			t.Fatalf("%s refresh: %v", f, err)
		}
		old, now := jwtview.Decode(tokens[f].IDToken), jwtview.Decode(ex.Tokens.IDToken)
		if ex.RefreshRoute == nil || ex.RefreshRoute.Endpoint != f.RefreshRoute().Endpoint || !strings.HasSuffix(ex.Request.URL, f.RefreshRoute().Endpoint) {
			t.Errorf("%s refresh went to %s (%+v)", f, ex.Request.URL, ex.RefreshRoute)
		}
		if sub, _ := now.Claim("sub"); sub.Value != mustClaim(t, old, "sub") {
			t.Errorf("%s refresh: a new ID token for another user: %v", f, sub.Value)
		}
		if strings.Contains(ex.Request.Curl(false), r.RefreshToken) {
			t.Errorf("%s refresh: the refresh token shows in the curl", f)
		}
		// The other flow's endpoint refuses it, and the hint names the right one.
		other := r
		other.From = map[ro.Flow]ro.Flow{ro.FlowRO: ro.FlowRealm, ro.FlowRealm: ro.FlowRO}[f]
		_, err = c.Refresh(ctx10s(t), other)
		if ae := apiError(t, "wrong flow", err); ae.Status != 403 || ae.TryFlow != f {
			t.Errorf("a %s refresh token at %s: %d %q, try %q", f, other.From.RefreshRoute().Endpoint, ae.Status, ae.Hint, ae.TryFlow)
		}
	}

	info, err := c.TokenInfo(ctx10s(t), srv.URL, false, tokens[ro.FlowRO].IDToken)
	if err != nil || !strings.Contains(string(info.Body), `"global_client_id":"`+rotest.GlobalClientID+`"`) {
		t.Errorf("tokeninfo: %v %s", err, info.Body)
	}

	for _, f := range []ro.Flow{ro.FlowRO, ro.FlowRealm} {
		r := ro.Refresh{Domain: srv.URL, ClientID: rotest.ClientID, RefreshToken: tokens[f].RefreshToken, From: f}
		if ex, err := c.Revoke(ctx10s(t), r); err != nil || ex.Status != 200 {
			t.Fatalf("%s revoke: %v", f, err)
		}
		if _, err := c.Refresh(ctx10s(t), r); apiError(t, "revoked", err).Status != 403 {
			t.Errorf("%s: a revoked refresh token: %v", f, err)
		}
	}
}

func mustClaim(t *testing.T, tok *jwtview.Token, name string) any {
	t.Helper()
	c, ok := tok.Claim(name)
	if !ok {
		t.Fatalf("no %s claim", name)
	}
	return c.Value
}

// TestDemoSessionErrorRows: the answers real tenants gave, through the
// client, each with the hint that says what to do.
func TestDemoSessionErrorRows(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	cases := []struct {
		name   string
		change func(*ro.Request)
		status int
		code   string
		hint   string
		realm  bool
	}{
		{"leaked", func(r *ro.Request) { r.Username = rotest.UserLeaked }, 401, "password_leaked", "breached password", false},
		{"suspicious", func(r *ro.Request) { r.Username = rotest.UserVerify }, 401, "requires_verification", "suspicious", false},
		{"a rule", func(r *ro.Request) { r.Username = rotest.UserRule }, 401, "unauthorized", "the rule's own message", false},
		{"disabled connection", func(r *ro.Request) { r.Connection = rotest.ConnectionDisabled }, 400, "invalid_request", "turned off for this application", false},
		{"OIDC conformant", func(r *ro.Request) { r.ClientID = rotest.ClientIDOIDC }, 400, "invalid_request", "OIDC Conformant", true},
	}
	for _, c := range cases {
		r := alice(srv)
		c.change(&r)
		ae := apiError(t, c.name, loginErr(t, r))
		if ae.Status != c.status || ae.Code != c.code || !strings.Contains(ae.Hint, c.hint) || ae.SuggestRealm != c.realm {
			t.Errorf("%s: %d %s %q hint %q realm %v", c.name, ae.Status, ae.Code, ae.Description, ae.Hint, ae.SuggestRealm)
		}
	}
	if ae := apiError(t, "rule", loginErr(t, func() ro.Request { r := alice(srv); r.Username = rotest.UserRule; return r }())); ae.Description != rotest.RuleMessage {
		t.Errorf("the rule's message: %q", ae.Description)
	}
	// The OIDC conformant client loses /delegation too, and /oauth/token serves it.
	r := alice(srv).AsRealm()
	r.ClientID, r.Scope = rotest.ClientIDOIDC, "openid offline_access"
	if _, err := login(t, r); err != nil {
		t.Errorf("the OIDC conformant client at /oauth/token: %v", err)
	}
	_, err := ro.NewClient(ro.ClientOptions{}).Refresh(ctx10s(t), ro.Refresh{Domain: srv.URL, ClientID: rotest.ClientIDOIDC, RefreshToken: "anything-at-all"})
	if ae := apiError(t, "OIDC /delegation", err); !strings.Contains(ae.Hint, "OIDC Conformant") {
		t.Errorf("the OIDC conformant client at /delegation: %d %q", ae.Status, ae.Hint)
	}

	// Legacy off: a bare text/plain 404 on /oauth/ro and /delegation, each explained.
	off := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	ex, err := login(t, alice(off))
	if ae := apiError(t, "legacy off", err); ae.Status != 404 || ae.Code != "" || !strings.Contains(ae.Hint, "turned off") || !strings.HasPrefix(ex.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("legacy off: %d %q %q", ae.Status, ae.Body, ae.Hint)
	}
	_, err = ro.NewClient(ro.ClientOptions{}).Refresh(ctx10s(t), ro.Refresh{Domain: off.URL, ClientID: rotest.ClientID, RefreshToken: "anything-at-all"})
	if ae := apiError(t, "legacy off /delegation", err); ae.Status != 404 || !strings.Contains(ae.Hint, "legacy grants are off") {
		t.Errorf("legacy off, /delegation: %d %q", ae.Status, ae.Hint)
	}
}
