package ro_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

func alice(srv *rotest.Server) ro.Request {
	return ro.Request{
		Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password, Scope: "openid",
	}
}

func login(t *testing.T, r ro.Request) (*ro.Exchange, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return ro.NewClient(ro.ClientOptions{}).Login(ctx, r)
}

func TestDemoSuccessEachFlow(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	for _, f := range []ro.Flow{ro.FlowRO, ro.FlowRealm, ro.FlowPassword} {
		r := alice(srv).AsFlow(f)
		ex, err := login(t, r)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if ex.Status != 200 || ex.Tokens.AccessToken == "" || ex.Tokens.IDToken == "" || !strings.EqualFold(ex.Tokens.TokenType, "bearer") {
			t.Errorf("%s: %d %+v", f, ex.Status, ex.Tokens)
		}
		if !ex.RateLimit.Present || ex.RateLimit.Reset.IsZero() || ex.ServerDate.IsZero() {
			t.Errorf("%s: rate limit %+v date %v", f, ex.RateLimit, ex.ServerDate)
		}
		if f == ro.FlowPassword && (ex.Discovery == nil || ex.Discovery.IssuerMismatch || ex.Discovery.Issuer != srv.URL+"/") {
			t.Errorf("password flow discovery: %+v", ex.Discovery)
		}
	}
	// A refresh token only with offline_access and a device, as on the legacy endpoint.
	r := alice(srv)
	r.Scope, r.Device = "openid offline_access", rotest.DemoDevice
	ex, err := login(t, r)
	if err != nil || ex.Tokens.RefreshToken == "" {
		t.Errorf("offline_access + device: %v %+v", err, ex)
	}
	// The access token is good for /userinfo.
	ui, err := ro.NewClient(ro.ClientOptions{}).UserInfo(context.Background(), srv.URL, false, ex.Tokens.AccessToken)
	if err != nil || !strings.Contains(string(ui.Body), rotest.UserAlice) {
		t.Errorf("userinfo: %v %s", err, ui.Body)
	}
	if _, err := ro.NewClient(ro.ClientOptions{}).UserInfo(context.Background(), srv.URL, false, "not-a-token"); !isAPI(err, 401) {
		t.Errorf("userinfo with a bad token: %v", err)
	}
}

func isAPI(err error, status int) bool {
	var ae *ro.APIError
	return errors.As(err, &ae) && ae.Status == status && ae.Hint != ""
}

// TestDemoErrorRows: every error row the demo tenant can produce, through
// the client over loopback, with the hint that row deserves.
func TestDemoErrorRows(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	cases := []struct {
		name   string
		change func(*ro.Request)
		status int
		code   string
		hint   string
	}{
		{"wrong password", func(r *ro.Request) { r.Password = "nope" }, 401, "invalid_user_password", "password is wrong"},
		{"unknown user", func(r *ro.Request) { r.Username = "nobody@example.com" }, 401, "invalid_user_password", "does not exist"},
		{"blocked", func(r *ro.Request) { r.Username = rotest.UserBlocked }, 401, "unauthorized", "blocked"},
		{"mfa", func(r *ro.Request) { r.Username = rotest.UserMFA }, 401, "a0.mfa_required", "multi-factor"},
		{"unknown client", func(r *ro.Request) { r.ClientID = "who" }, 403, "unauthorized_client", "No application"},
		{"client without the legacy grant", func(r *ro.Request) { r.ClientID = rotest.ClientIDNoRO }, 403, "unauthorized_client", "Legacy: RO"},
		{"unknown connection", func(r *ro.Request) { r.Connection = "nope" }, 400, "invalid_request", "case-sensitive"},
		{"realm: wrong password", func(r *ro.Request) { *r = r.AsRealm(); r.Password = "nope" }, 403, "invalid_grant", "password is wrong"},
		{"realm: blocked", func(r *ro.Request) { *r = r.AsRealm(); r.Username = rotest.UserBlocked }, 403, "invalid_grant", "blocked"},
		{"realm: mfa", func(r *ro.Request) { *r = r.AsRealm(); r.Username = rotest.UserMFA }, 403, "mfa_required", "mfa_token"},
		{"realm: unknown client", func(r *ro.Request) { *r = r.AsRealm(); r.ClientID = "who" }, 401, "invalid_client", "No application"},
	}
	for _, c := range cases {
		r := alice(srv)
		c.change(&r)
		ex, err := login(t, r)
		var ae *ro.APIError
		if !errors.As(err, &ae) {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if ae.Status != c.status || ae.Code != c.code || !strings.Contains(strings.ToLower(ae.Hint), strings.ToLower(c.hint)) {
			t.Errorf("%s: %d %s %q hint %q", c.name, ae.Status, ae.Code, ae.Description, ae.Hint)
		}
		if ex == nil || ex.Status != c.status || len(ex.Body) == 0 {
			t.Errorf("%s: the exchange lacks the answer", c.name)
		}
	}
}

func TestDemoBruteForceLock(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	r := alice(srv)
	r.Password = "wrong"
	for i := 0; i < rotest.MaxFailedLogins; i++ {
		if _, err := login(t, r); !isAPI(err, 401) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	_, err := login(t, alice(srv)) // even the right password, now
	var ae *ro.APIError
	if !errors.As(err, &ae) || ae.Status != 429 || ae.Code != "too_many_attempts" || !strings.Contains(ae.Hint, "locked") {
		t.Errorf("after %d failures: %v", rotest.MaxFailedLogins, err)
	}
}

func TestDemoLegacyOffBearerAndRateLimit(t *testing.T) {
	off := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	ex, err := login(t, alice(off))
	var ae *ro.APIError
	if !errors.As(err, &ae) || ae.Status != 404 || !ae.SuggestRealm || !strings.Contains(ae.Hint, "realm flow") {
		t.Fatalf("legacy off: %v", err)
	}
	// The hint's advice works: the same fields in the realm flow.
	if _, err := login(t, alice(off).AsRealm()); err != nil {
		t.Errorf("realm flow on a tenant with legacy off: %v", err)
	}

	bearer := rotest.StartForTest(t, rotest.Options{RequireBearer: true})
	if _, err := login(t, alice(bearer)); !errors.As(err, &ae) || ae.Status != 401 || !strings.Contains(ae.Hint, "as the bearer") || ae.Fix != ro.FieldBearer {
		t.Errorf("bearer required: %v", err)
	}
	r := alice(bearer)
	r.Bearer = "some-token"
	if _, err := login(t, r); err != nil {
		t.Errorf("with a bearer: %v", err)
	}

	limited := rotest.StartForTest(t, rotest.Options{RateLimit: 2})
	for i := 0; i < 2; i++ {
		if _, err := login(t, alice(limited)); err != nil {
			t.Fatalf("call %d under the limit: %v", i+1, err)
		}
	}
	ex, err = login(t, alice(limited))
	if !errors.As(err, &ae) || ae.Status != 429 || ae.RetryAt.IsZero() || !strings.Contains(ae.Hint, "rate limit") {
		t.Fatalf("over the limit: %v", err)
	}
	if !ex.RateLimit.Present || ex.RateLimit.Remaining != 0 || !ae.RetryAt.Equal(ex.RateLimit.Reset) {
		t.Errorf("rate limit %+v retry %v", ex.RateLimit, ae.RetryAt)
	}
}
