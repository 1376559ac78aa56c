package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// cmdRun runs `rotui args…` with stdin and environment, and returns the
// exit status, stdout and stderr.
func cmdRun(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	s := streams{In: strings.NewReader(stdin), Out: &out, Err: &errb, Getenv: func(k string) string { return env[k] }}
	code := run(args, s)
	return code, out.String(), errb.String()
}

// checkRun fails t unless a run of rotui (its exit status code, stdout
// and stderr) exited wantCode, said each of stderr on stderr and each of
// stdout on stdout, and showed none of secrets on either.
func checkRun(t *testing.T, code int, out, errs string, wantCode int, stderr, stdout []string, secrets ...string) {
	t.Helper()
	if code != wantCode {
		t.Fatalf("exit %d, want %d\nstderr:\n%s\nstdout:\n%s", code, wantCode, errs, out)
	}
	for _, want := range stderr {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	for _, want := range stdout {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(out+errs, s) {
			t.Errorf("a secret that was sent shows:\n%s\n%s", out, errs)
		}
	}
}

// runCase is one run of rotui in a table: what it is given (stdin, the
// environment, the arguments) and what it must exit with and say.
type runCase struct {
	name   string
	stdin  string
	env    map[string]string
	args   []string
	code   int
	stderr []string
	stdout []string
}

// run runs c as a subtest, checked by checkRun: none of secrets may show.
func (c runCase) run(t *testing.T, secrets ...string) {
	t.Run(c.name, func(t *testing.T) {
		code, out, errs := cmdRun(t, c.stdin, c.env, c.args...)
		checkRun(t, code, out, errs, c.code, c.stderr, c.stdout, secrets...)
	})
}

// demoLogin logs alice in to the demo through flow with offline_access
// and a device, and returns the answer's tokens (a refresh token among them).
func demoLogin(t *testing.T, srv *rotest.Server, flow ro.Flow, scope string) *ro.TokenResponse {
	t.Helper()
	r := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection, Username: rotest.UserAlice,
		Password: rotest.Password, Scope: scope, Device: rotest.DemoDevice}
	r = r.AsFlow(flow)
	if flow == ro.FlowPassword {
		r.Connection = ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ex, err := ro.NewClient(ro.ClientOptions{}).Login(ctx, r)
	if err != nil || ex.Tokens.RefreshToken == "" {
		t.Fatalf("%s login for a refresh token: %v", flow, err)
	}
	return ex.Tokens
}

// refreshArgs are `rotui refresh` against srv, for the demo client.
func refreshArgs(srv *rotest.Server, more ...string) []string {
	return append([]string{"refresh", "--domain", srv.URL, "--client-id", rotest.ClientID}, more...)
}

// TestRefreshAgainstTheDemo: `rotui refresh` against the demo tenant over
// loopback, each flow's refresh token at its endpoint (saying which and
// why), refused at the other's, revoked or unknown; and each exit status.
func TestRefreshAgainstTheDemo(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	off := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	fault := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html>bad gateway</html>")
	}))
	defer fault.Close()
	const scope = "openid email offline_access"
	fromRO, fromRealm, fromPassword := demoLogin(t, srv, ro.FlowRO, scope), demoLogin(t, srv, ro.FlowRealm, scope), demoLogin(t, srv, ro.FlowPassword, scope)
	revoked := demoLogin(t, srv, ro.FlowRO, scope).RefreshToken
	if _, err := ro.NewClient(ro.ClientOptions{}).Revoke(context.Background(), ro.Refresh{Domain: srv.URL, ClientID: rotest.ClientID, RefreshToken: revoked}); err != nil {
		t.Fatal(err)
	}
	stdin := func(tok string) string { return tok + "\n" }
	env := func(tok string) map[string]string { return map[string]string{"ROTUI_REFRESH_TOKEN": tok} }
	for _, c := range []runCase{
		{"from /oauth/ro, at /delegation", stdin(fromRO.RefreshToken), nil, refreshArgs(srv, "--refresh-token-stdin"), 0,
			[]string{"refresh through /delegation: The refresh token came from /oauth/ro", "POST " + srv.URL + "/delegation", "200 OK", "checks:"},
			[]string{"id_token", "expires in 10m", "token_type"}},
		{"from the environment", "", env(fromRO.RefreshToken), refreshArgs(srv), 0, []string{"200 OK"}, []string{"id_token"}},
		{"--refresh-token-stdin wins over the environment", stdin(fromRO.RefreshToken), env("not-the-token-at-all"), refreshArgs(srv, "--refresh-token-stdin"), 0, []string{"200 OK"}, nil},
		{"from the realm flow, at /oauth/token", "", env(fromRealm.RefreshToken), refreshArgs(srv, "--flow", "realm"), 0,
			[]string{"refresh through /oauth/token", "POST " + srv.URL + "/oauth/token", "(flow realm)"}, []string{"access_token", "id_token"}},
		{"from the password flow, at the discovered endpoint", "", env(fromPassword.RefreshToken), refreshArgs(srv, "--flow", "password"), 0,
			[]string{"refresh through the token endpoint from OIDC discovery", "token endpoint from"}, []string{"access_token"}},
		{"passthrough keeps the first login's claims", "", env(fromRO.RefreshToken), refreshArgs(srv, "--scope", "openid passthrough", "--json"), 0, nil, []string{`"email": "alice@example.com"`}},
		{"a target client", "", env(fromRO.RefreshToken), refreshArgs(srv, "--target", rotest.ClientIDHS256, "--json"), 0, nil, []string{`"aud": "` + rotest.ClientIDHS256 + `"`, `"alg": "HS256"`}},
		{"an ro refresh token at /oauth/token", "", env(fromRO.RefreshToken), refreshArgs(srv, "--flow", "realm"), 1, []string{"invalid_grant", "try: the same command with --flow ro"}, nil},
		{"a realm refresh token at /delegation", "", env(fromRealm.RefreshToken), refreshArgs(srv), 1, []string{"invalid_grant", "try: the same command with --flow realm"}, nil},
		{"a revoked refresh token", "", env(revoked), refreshArgs(srv), 1, []string{"403", "revoked"}, nil},
		{"an api_type the demo has no add-on for", "", env(fromRO.RefreshToken), refreshArgs(srv, "--api-type", "aws"), 1, []string{"api_type aws is not enabled"}, nil},
		{"legacy off", "", env(fromRO.RefreshToken), refreshArgs(off), 1, []string{"404", "hint: This tenant has no /delegation"}, nil},
		{"no refresh token", "", nil, refreshArgs(srv), 2,
			[]string{"rotui refresh: nothing was sent:", "--refresh-token-stdin: No refresh token was given: pipe it to --refresh-token-stdin (one line) or set ROTUI_REFRESH_TOKEN."}, nil},
		{"empty stdin", "", nil, refreshArgs(srv, "--refresh-token-stdin"), 2, []string{"--refresh-token-stdin: stdin was empty"}, nil},
		{"a --target for the realm flow", "", env(fromRealm.RefreshToken), refreshArgs(srv, "--flow", "realm", "--target", "x"), 2, []string{"--target: Only /delegation"}, nil},
		{"a bad flow", "", env(fromRO.RefreshToken), refreshArgs(srv, "--flow", "implicit"), 2, []string{"--flow: the flow \"implicit\" is not one of ro, realm or password"}, nil},
		{"a bad timeout", "", env(fromRO.RefreshToken), refreshArgs(srv, "--timeout", "0s"), 2, []string{"--timeout must be more than zero"}, nil},
		{"no client", "", env(fromRO.RefreshToken), []string{"refresh", "--domain", srv.URL}, 2, []string{"--client-id: Enter the client ID"}, nil},
		{"a --refresh-token flag", "", nil, refreshArgs(srv, "--refresh-token", fromRO.RefreshToken), 2, []string{"there is no --refresh-token flag", "--refresh-token-stdin or set ROTUI_REFRESH_TOKEN"}, nil},
		{"the token as an argument", "", nil, refreshArgs(srv, "--refresh-token-stdin", fromRO.RefreshToken), 2, []string{"unexpected argument"}, nil},
		{"a server fault", "", env(fromRO.RefreshToken), refreshArgs(&rotest.Server{URL: fault.URL}), 3, []string{"502"}, nil},
		{"no server", "", env(fromRO.RefreshToken), refreshArgs(&rotest.Server{URL: "http://127.0.0.1:1"}), 3, []string{"refused"}, nil},
	} {
		c.run(t, fromRO.RefreshToken, fromRealm.RefreshToken, fromPassword.RefreshToken, revoked)
	}
}

// TestRefreshJSON: --json is a login's object (the same shapes: the new
// tokens decoded, the checks, the request with the refresh token masked)
// with where the token went and why; the new ID token is the same user's.
func TestRefreshJSON(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	first := demoLogin(t, srv, ro.FlowRO, "openid email offline_access")
	code, out, errs := cmdRun(t, "", map[string]string{"ROTUI_REFRESH_TOKEN": first.RefreshToken}, refreshArgs(srv, "--json")...)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
	}
	firstLogin := decodeJSONOf(t, first.IDToken)
	for path, want := range map[string]any{
		".ok":                                  true,
		".flow":                                "ro",
		".endpoint":                            "/delegation",
		".why":                                 ro.FlowRO.RefreshRoute().Why,
		".status":                              "200",
		".tokens.decoded.id_token.payload.sub": firstLogin["sub"],
		".tokens.decoded.id_token.payload.aud": rotest.ClientID,
		".tokens.token_type":                   "Bearer",
	} {
		if v, ok := jqPath(t, out, path); !ok || fmt.Sprint(v) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", path, v, want)
		}
	}
	body, _ := jqPath(t, out, ".request.body")
	if !strings.Contains(fmt.Sprint(body), `"refresh_token":"`+ro.Mask+`"`) || !strings.Contains(fmt.Sprint(body), `"api_type":"app"`) {
		t.Errorf("the request's body: %v", body)
	}
	if checks, _ := jqPath(t, out, ".checks"); len(fmt.Sprint(checks)) < 10 {
		t.Errorf("no consistency checks: %v", checks)
	}
	if strings.Contains(out, first.RefreshToken) {
		t.Error("the refresh token sent shows in --json")
	}
	// Nothing sent: still one object, with the route it would take.
	code, out, _ = cmdRun(t, "", nil, refreshArgs(srv, "--json", "--flow", "realm")...)
	if v, _ := jqPath(t, out, ".endpoint"); code != 2 || v != "/oauth/token" {
		t.Errorf("nothing sent: exit %d, endpoint %v\n%s", code, v, out)
	}
}

// decodeJSONOf is the payload of tok as `rotui decode --json` reads it.
func decodeJSONOf(t *testing.T, tok string) map[string]any {
	t.Helper()
	_, out, _ := cmdRun(t, "", nil, "decode", "--json", tok)
	v, _ := jqPath(t, out, ".payload")
	m, _ := v.(map[string]any)
	return m
}

// TestRefreshTokenFromATerminalIsNotEchoed: --refresh-token-stdin at a
// terminal prompts on stderr and turns echo off, for refresh and revoke,
// so the refresh token is not on screen.
func TestRefreshTokenFromATerminalIsNotEchoed(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	for _, c := range []struct {
		cmd  []string
		says string // on stdout
	}{
		{refreshArgs(srv, "--refresh-token-stdin"), "id_token"},
		{revokeArgs(srv, "--refresh-token-stdin"), "revoked"},
	} {
		tok := demoLogin(t, srv, ro.FlowRO, "openid offline_access").RefreshToken
		r := typeSecretAtATerminal(t, "Refresh token: ", tok, c.cmd...)
		if r.code != 0 || !strings.Contains(r.out, c.says) {
			t.Errorf("rotui %s: exit %d\n%s\n%s", c.cmd[0], r.code, r.out, r.errs)
		}
		if strings.Contains(r.shown, tok) || strings.Contains(r.out+r.errs, tok) {
			t.Errorf("rotui %s: the refresh token was echoed: %q", c.cmd[0], r.shown)
		}
	}
}

// TestJSONValidationErrorIsOneMessage: --json's .error.message says what
// each field's message says, worded for the command line (a flag to give),
// not a form's advice ("Paste the refresh token", "Enter the password").
func TestJSONValidationErrorIsOneMessage(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	for _, c := range []struct {
		name  string
		stdin string
		args  []string
		flag  string
	}{
		{"a blank refresh token line", "\n", refreshArgs(srv, "--refresh-token-stdin", "--json"), "--refresh-token-stdin"},
		{"no refresh token at all", "", refreshArgs(srv, "--json"), "--refresh-token-stdin"},
		{"no password", "", []string{"login", "--domain", srv.URL, "--client-id", rotest.ClientID, "--connection", rotest.Connection, "--username", rotest.UserAlice, "--json"}, "--password-stdin"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, _ := cmdRun(t, c.stdin, nil, c.args...)
			if code != exitUsage {
				t.Fatalf("exit %d\n%s", code, out)
			}
			msg, _ := jqPath(t, out, ".error.message")
			fields, _ := jqPath(t, out, ".error.fields")
			list, _ := fields.([]any)
			if len(list) == 0 {
				t.Fatalf("no .error.fields:\n%s", out)
			}
			m, f := fmt.Sprint(msg), fmt.Sprint(list[0].(map[string]any)["message"])
			if !strings.Contains(m, f) || !strings.Contains(m, c.flag) {
				t.Errorf(".error.message %q does not say what .error.fields[0].message says, %q", m, f)
			}
			for _, form := range []string{"Paste", "Enter"} {
				if strings.Contains(m, form) {
					t.Errorf(".error.message %q gives a form's advice (%q)", m, form)
				}
			}
		})
	}
}
