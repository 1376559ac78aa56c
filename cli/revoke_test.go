package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// revokeArgs are `rotui revoke` against srv, for the demo client.
func revokeArgs(srv *rotest.Server, more ...string) []string {
	return append([]string{"revoke", "--domain", srv.URL, "--client-id", rotest.ClientID}, more...)
}

// TestRevokeAgainstTheDemo: `rotui revoke` against the demo tenant over
// loopback says the token was revoked, and that a 200 does not tell
// whether the tenant knew it; a revoked token no longer refreshes; and
// each exit status.
func TestRevokeAgainstTheDemo(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	fault := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer fault.Close()
	const scope = "openid offline_access"
	fromRO, fromRealm, fromPassword := demoLogin(t, srv, ro.FlowRO, scope), demoLogin(t, srv, ro.FlowRealm, scope), demoLogin(t, srv, ro.FlowPassword, scope)
	env := func(tok string) map[string]string { return map[string]string{"ROTUI_REFRESH_TOKEN": tok} }
	for _, c := range []runCase{
		{"from /oauth/ro, from stdin", fromRO.RefreshToken + "\n", nil, revokeArgs(srv, "--refresh-token-stdin"), 0,
			[]string{"POST " + srv.URL + "/oauth/revoke", "200 OK", "note: " + ro.RevokedMeans}, []string{"revoked"}},
		{"from the realm flow, from the environment", "", env(fromRealm.RefreshToken), revokeArgs(srv, "--flow", "realm"), 0, []string{"200 OK"}, []string{"revoked"}},
		{"from the password flow, at the discovered endpoint", "", env(fromPassword.RefreshToken), revokeArgs(srv, "--flow", "password"), 0,
			[]string{"revocation endpoint from", "200 OK"}, []string{"revoked"}},
		{"a token the tenant does not know is answered 200 too", "", env("never-issued-by-this-tenant"), revokeArgs(srv), 0, []string{"does not know"}, []string{"revoked"}},
		{"an unknown client", "", env(fromRO.RefreshToken), []string{"revoke", "--domain", srv.URL, "--client-id", "nobody"}, 1, []string{"invalid_client"}, nil},
		{"no refresh token", "", nil, revokeArgs(srv), 2, []string{"rotui revoke: nothing was sent:", "--refresh-token-stdin: No refresh token was given"}, nil},
		{"empty stdin", "", nil, revokeArgs(srv, "--refresh-token-stdin"), 2, []string{"stdin was empty"}, nil},
		{"a --refresh-token flag", "", nil, revokeArgs(srv, "--refresh-token", fromRO.RefreshToken), 2, []string{"there is no --refresh-token flag"}, nil},
		{"the token as an argument", "", nil, revokeArgs(srv, fromRO.RefreshToken), 2, []string{"unexpected argument"}, nil},
		{"a server fault", "", env(fromRO.RefreshToken), revokeArgs(&rotest.Server{URL: fault.URL}), 3, []string{"503"}, nil},
		{"no server", "", env(fromRO.RefreshToken), revokeArgs(&rotest.Server{URL: "http://127.0.0.1:1"}), 3, []string{"refused"}, nil},
	} {
		c.run(t, fromRO.RefreshToken, fromRealm.RefreshToken, fromPassword.RefreshToken)
	}
	// Revoked, the tokens refresh no more, at either endpoint.
	for flow, tok := range map[string]string{"ro": fromRO.RefreshToken, "realm": fromRealm.RefreshToken} {
		if code, _, errs := cmdRun(t, "", env(tok), refreshArgs(srv, "--flow", flow)...); code != 1 || !strings.Contains(errs, "invalid_grant") {
			t.Errorf("refresh after revoke, %s: exit %d\n%s", flow, code, errs)
		}
	}
}

// TestRevokeJSON: one object, ok and the note on success, the request with
// the token masked, an error object when refused.
func TestRevokeJSON(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	tok := demoLogin(t, srv, ro.FlowRO, "openid offline_access").RefreshToken
	code, out, errs := cmdRun(t, "", map[string]string{"ROTUI_REFRESH_TOKEN": tok}, revokeArgs(srv, "--json")...)
	if code != 0 || errs != "" || strings.Contains(out, tok) {
		t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
	}
	for path, want := range map[string]string{".ok": "true", ".status": "200", ".note": ro.RevokedMeans, ".request.url": srv.URL + "/oauth/revoke"} {
		if v, ok := jqPath(t, out, path); !ok || fmt.Sprint(v) != want {
			t.Errorf("%s = %v, want %s", path, v, want)
		}
	}
	if body, _ := jqPath(t, out, ".request.body"); !strings.Contains(fmt.Sprint(body), `"token":"`+ro.Mask+`"`) {
		t.Errorf("the request's body: %v", body)
	}
	code, out, _ = cmdRun(t, "", map[string]string{"ROTUI_REFRESH_TOKEN": tok}, "revoke", "--json", "--domain", srv.URL, "--client-id", "nobody")
	if v, _ := jqPath(t, out, ".error.code"); code != 1 || v != "invalid_client" {
		t.Errorf("refused: exit %d, error.code %v\n%s", code, v, out)
	}
	if v, ok := jqPath(t, out, ".ok"); !ok || v != false {
		t.Errorf("refused: ok %v", v)
	}
}
