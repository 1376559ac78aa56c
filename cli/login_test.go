package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"

	"github.com/rotui/rotui/internal/echotest"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// loginRun runs `rotui login args…` with stdin and environment, and returns
// the exit status, stdout and stderr.
func loginRun(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	return cmdRun(t, stdin, env, append([]string{"login"}, args...)...)
}

func demoArgs(srv *rotest.Server, more ...string) []string {
	return append([]string{"--domain", srv.URL, "--client-id", rotest.ClientID, "--connection", rotest.Connection,
		"--username", rotest.UserAlice}, more...)
}

func TestLoginHumanSuccess(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	code, out, errs := loginRun(t, rotest.Password+"\n", nil, demoArgs(srv, "--password-stdin", "--scope", "openid profile")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "POST "+srv.URL+"/oauth/ro") || !strings.Contains(errs, "200 OK in ") || !strings.Contains(errs, "(flow ro)") {
		t.Errorf("stderr lacks the call and status:\n%s", errs)
	}
	if !strings.Contains(out, "access_token") || !strings.Contains(out, "id_token") || !strings.Contains(out, "expires in 10m") {
		t.Errorf("stdout lacks the tokens and their expiry:\n%s", out)
	}
	if strings.Contains(out, "refresh_token") {
		t.Errorf("no refresh token without offline_access and a device:\n%s", out)
	}
}

func TestLoginExitCodes(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	off := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	fault := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
		fmt.Fprint(w, "<html><body>bad gateway</body></html>")
	}))
	defer fault.Close()
	env := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	wrong := map[string]string{"ROTUI_PASSWORD": "not-the-password"}
	cases := []struct {
		name   string
		env    map[string]string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		{"success from env", env, "", demoArgs(srv), 0, "200 OK"},
		{"realm flow", env, "", demoArgs(srv, "--flow", "realm"), 0, srv.URL + "/oauth/token"},
		{"password flow", env, "", []string{"--domain", srv.URL, "--client-id", rotest.ClientID, "--username", rotest.UserAlice, "--flow", "password"}, 0, "token endpoint from"},
		{"password flow with a connection", env, "", demoArgs(srv, "--flow", "password"), 0, "warning: --connection is not sent in the password flow"},
		{"wrong password", wrong, "", demoArgs(srv), 1, "invalid_user_password"},
		// A password that is an everyday word must not mask rotui's own hint
		// ("The username or password is ********" points right at it).
		{"the password 'wrong'", map[string]string{"ROTUI_PASSWORD": "wrong"}, "", demoArgs(srv), 1, "hint: The username or password is wrong."},
		{"blocked", env, "", []string{"--domain", srv.URL, "--client-id", rotest.ClientID, "--connection", rotest.Connection, "--username", rotest.UserBlocked}, 1, "hint: An administrator has blocked"},
		{"client without the grant", env, "", []string{"--domain", srv.URL, "--client-id", rotest.ClientIDNoRO, "--connection", rotest.Connection, "--username", rotest.UserAlice}, 1, "Legacy: RO"},
		{"legacy off", env, "", demoArgs(off), 1, "--flow realm"},
		{"5xx", env, "", demoArgs(&rotest.Server{URL: fault.URL}), 3, "proxy"},
		{"refused", env, "", demoArgs(&rotest.Server{URL: "http://127.0.0.1:1"}), 3, "refused"},
		{"no password", nil, "", demoArgs(srv), 2, "--password-stdin: No password was given: pipe it to --password-stdin (one line) or set ROTUI_PASSWORD."},
		{"empty stdin", nil, "", demoArgs(srv, "--password-stdin"), 2, "stdin was empty"},
		{"missing client", env, "", []string{"--domain", srv.URL, "--connection", "c", "--username", "u"}, 2, "--client-id"},
		{"plain http elsewhere", env, "", demoArgs(&rotest.Server{URL: "http://auth.example.com"}), 2, "unencrypted"},
		{"a --password flag", nil, "", demoArgs(srv, "--password", "hunter2hunter2"), 2, "there is no --password flag"},
		{"bad flow", env, "", demoArgs(srv, "--flow", "implicit"), 2, "not one of ro, realm or password"},
		{"stray argument", env, "", demoArgs(srv, "extra"), 2, "unexpected argument"},
		{"bad timeout", env, "", demoArgs(srv, "--timeout", "soon"), 2, "--timeout could not be read"},
		{"a value on --password-stdin", nil, "", demoArgs(srv, "--password-stdin=hunter2hunter2"), 2, "--password-stdin could not be read"},
		{"a value on --json", nil, "", demoArgs(srv, "--json=hunter2hunter2"), 2, "--json could not be read"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := loginRun(t, c.stdin, c.env, c.args...)
			if code != c.code || !strings.Contains(errs, c.stderr) {
				t.Errorf("exit %d (want %d), stderr should say %q:\n%s\nstdout:\n%s", code, c.code, c.stderr, errs, out)
			}
			if strings.Contains(errs+out, "hunter2hunter2") {
				t.Error("a password given as a flag was echoed")
			}
		})
	}
}

func TestLoginHelpAndInsecureWarning(t *testing.T) {
	code, out, _ := loginRun(t, "", nil, "--help")
	if code != 0 || !strings.Contains(out, "--password-stdin") || !strings.Contains(out, "ROTUI_PASSWORD") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	// --insecure lets plain http through to a host that is not loopback, and says so.
	// (The host does not resolve here; the warning comes before the call fails.)
	code, _, errs := loginRun(t, "", map[string]string{"ROTUI_PASSWORD": "pw"}, "--domain", "http://auth.invalid", "--client-id", "c",
		"--connection", "c", "--username", "u", "--insecure", "--timeout", "2s")
	if code != 3 || !strings.Contains(errs, "warning: --insecure is on") || !strings.Contains(errs, "unencrypted") {
		t.Errorf("--insecure: exit %d\n%s", code, errs)
	}
}

func TestLoginJSON(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	code, out, _ := loginRun(t, "", map[string]string{"ROTUI_PASSWORD": rotest.Password}, demoArgs(srv, "--json", "--scope", "openid offline_access", "--device", rotest.DemoDevice)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"ok", "flow", "request", "status", "latency_ms", "headers", "rate_limit", "tokens"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no %q in %s", k, out)
		}
	}
	toks := got["tokens"].(map[string]any)
	if toks["access_token"] == "" || toks["id_token"] == nil || toks["refresh_token"] == nil {
		t.Errorf("tokens: %v", toks)
	}
	req := got["request"].(map[string]any)
	if !strings.Contains(req["body"].(string), `"password":"`+ro.Mask+`"`) {
		t.Errorf("request body not masked: %v", req["body"])
	}

	// Errors are one object too, with the hint and the retry time.
	code, out, _ = loginRun(t, "", map[string]string{"ROTUI_PASSWORD": "bad"}, demoArgs(srv, "--json")...)
	var e struct {
		OK    bool `json:"ok"`
		Error struct {
			Kind, Code, Hint string
			Status           int
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil || code != 1 || e.OK || e.Error.Kind != "api" || e.Error.Code != "invalid_user_password" || e.Error.Hint == "" {
		t.Errorf("exit %d %v: %s", code, err, out)
	}
	code, out, _ = loginRun(t, "", nil, "--json", "--domain", "x.example/path")
	if err := json.Unmarshal([]byte(out), &e); err != nil || code != 2 || e.Error.Kind != "validation" {
		t.Errorf("validation: exit %d %v: %s", code, err, out)
	}
}

// TestLoginJSONEscapesTerminalControls: a hostile server's ESC, CSI and bidi
// override must reach stdout escaped in --json, and escaped in text mode.
func TestLoginJSONEscapesTerminalControls(t *testing.T) {
	evil := "\x1b]52;c;AAAA\x07 \u009b31m \u202eevil\x7f"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(401)
		b, _ := json.Marshal(map[string]string{"error": "unauthorized", "error_description": evil})
		_, _ = w.Write(b)
	}))
	defer srv.Close()
	env := map[string]string{"ROTUI_PASSWORD": "pw"}
	args := []string{"--domain", srv.URL, "--client-id", "c", "--connection", "c", "--username", "u"}
	for _, mode := range [][]string{{"--json"}, nil} {
		code, out, errs := loginRun(t, "", env, append(args, mode...)...)
		if code != 1 {
			t.Errorf("%v: exit %d", mode, code)
		}
		for _, bad := range []string{"\x1b", "\u009b", "\u202e", "\x07", "\x7f"} {
			if strings.Contains(out+errs, bad) {
				t.Errorf("%v: a raw %q reached the terminal:\n%q", mode, bad, out+errs)
			}
		}
		if mode != nil {
			if !strings.Contains(out, `\u001b`) || !strings.Contains(out, `\u009b`) || !strings.Contains(out, `\u202e`) {
				t.Errorf("--json should keep the characters as escapes: %s", out)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Errorf("escaped output is not JSON: %v", err)
			} else if v["error"].(map[string]any)["description"] != evil {
				t.Errorf("escaping changed the meaning: %q", v["error"].(map[string]any)["description"])
			}
		}
	}
}

// TestSecretsNeverShow: the password and the bearer appear in no output of
// login (text and --json, success and every kind of failure), nor in the
// masked request, the curl rendering or any error text, even when a server
// echoes them back.
func TestSecretsNeverShow(t *testing.T) {
	const password, bearer = "Pw-7h3-Zz-secret", "Br-9q1-Yy-secret"
	demo := rotest.StartForTest(t, rotest.Options{RequireBearer: true})
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(400)
		fmt.Fprintf(w, `{"error":"invalid_request","error_description":"you sent %s with %s"}`,
			strings.ReplaceAll(string(body), `"`, `'`), r.Header.Get("Authorization"))
	}))
	defer echo.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(500)
		_, _ = w.Write(body)
	}))
	defer plain.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
	}))
	defer slow.Close()

	env := map[string]string{"ROTUI_BEARER": bearer}
	base := func(domain string) []string {
		return []string{"--domain", domain, "--client-id", rotest.ClientID, "--connection", rotest.Connection, "--username", rotest.UserAlice, "--password-stdin"}
	}
	var runs [][]string
	for _, domain := range []string{demo.URL, echo.URL, plain.URL, slow.URL, "http://127.0.0.1:1"} {
		for _, flow := range []string{"ro", "realm", "password"} {
			for _, mode := range []string{"", "--json"} {
				args := append(base(domain), "--flow", flow, "--timeout", "300ms")
				if mode != "" {
					args = append(args, mode)
				}
				runs = append(runs, args)
			}
		}
	}
	runs = append(runs, append(base(demo.URL), "--client-id", ""), append(base(demo.URL), "--bearer", bearer, "--json"))
	// --compare-realm sends the secrets twice, and shows both requests.
	for _, domain := range []string{demo.URL, echo.URL, plain.URL, slow.URL, "http://127.0.0.1:1"} {
		runs = append(runs, append(base(domain), "--compare-realm", "--timeout", "300ms"), append(base(domain), "--compare-realm", "--json", "--timeout", "300ms"))
	}
	for _, args := range runs {
		_, out, errs := loginRun(t, password+"\n", env, args...)
		for _, secret := range []string{password, bearer} {
			if leaks := echotest.Leaks(out+errs, secret); leaks != nil {
				t.Errorf("login %v shows a secret as %v:\n%s\n%s", args, leaks, out, errs)
			}
		}
	}
	echoedSecretsNeverShow(t)
	// The library's own renderings, for each flow.
	r := ro.Request{Domain: demo.URL, ClientID: rotest.ClientID, Connection: rotest.Connection, Username: rotest.UserAlice, Password: password, Bearer: bearer}
	for _, f := range []ro.Flow{ro.FlowRO, ro.FlowRealm, ro.FlowPassword} {
		rr := r.AsFlow(f)
		if f == ro.FlowPassword {
			rr.Connection = ""
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		ex, err := ro.NewClient(ro.ClientOptions{}).Login(ctx, rr)
		cancel()
		if ex == nil {
			t.Fatalf("%s: %v", f, err)
		}
		m := ex.Request.Masked()
		text := m.URL + string(m.Body) + fmt.Sprint(m.Header) + ex.Request.Curl(false)
		if err != nil {
			text += err.Error()
		}
		for _, secret := range []string{password, bearer} {
			if strings.Contains(text, secret) {
				t.Errorf("%s: a secret shows: %s", f, text)
			}
		}
		if !strings.Contains(ex.Request.Curl(true), password) && f != ro.FlowPassword {
			t.Errorf("%s: Curl(true) should reveal the password when asked", f)
		}
	}
}

// echoedSecretsNeverShow is the part of TestSecretsNeverShow where servers
// quote every secret they were sent in every form of echotest.Forms (a
// proxy's page with a redirect, a JSON error, a successful answer with the
// echo in its scope, another member and headers, one split across two),
// for each kind of secret a person types (a password, a one-time code, an
// ID token for delegation, an MFA code, a bearer beside each), on each surface: stderr
// and stdout in text, --json, and the --report file.
func echoedSecretsNeverShow(t *testing.T) {
	const password, code, bearer, mfaCode = `S3cr&t<Pw>é+1"x`, "482913", "Br-9q1-Yy/secret.token_v2", "739105"
	idToken := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxMjMifQ.c2lnbmF0dXJlLWJ5dGVz"
	servers := map[string]*httptest.Server{}
	for _, kind := range []string{"page", "json", "ok"} {
		srv := httptest.NewServer(formsEchoServer(kind))
		defer srv.Close()
		servers[kind] = srv
	}
	kinds := []struct {
		name, stdin string
		secrets     []string
		args        []string
		flows       []string
	}{
		{"password", password + "\n", []string{password, bearer}, []string{"--username", "u", "--connection", "db", "--password-stdin"}, []string{"ro", "realm", "password"}},
		{"one-time code", code + "\n", []string{code, bearer}, []string{"--username", "+15555550100", "--connection", "sms", "--password-stdin"}, []string{"ro", "realm"}},
		{"ID token", "", []string{idToken, bearer}, []string{"--connection", "db", "--device", "d", "--id-token", idToken}, []string{"ro"}},
		{"MFA code", password + "\n", []string{password, mfaCode, bearer}, []string{"--username", "u", "--connection", "db", "--password-stdin", "--mfa-code", mfaCode}, []string{"ro"}},
	}
	dir := t.TempDir()
	n := 0
	for name, srv := range servers {
		for _, k := range kinds {
			for _, flow := range k.flows {
				modes := []string{"text", "--json", "--report"}
				if flow == "ro" {
					modes = append(modes, "--compare-realm", "--compare-realm --json")
				}
				for _, mode := range modes {
					args := append([]string{"--domain", srv.URL, "--client-id", "c", "--flow", flow, "--scope", "openid"}, k.args...)
					if flow == "password" {
						args = slices.DeleteFunc(slices.Clone(args), func(a string) bool { return a == "db" || a == "--connection" })
					}
					report := ""
					switch mode {
					case "--json":
						args = append(args, "--json")
					case "--compare-realm", "--compare-realm --json":
						args = append(args, strings.Fields(mode)...)
					case "--report":
						n++
						report = filepath.Join(dir, fmt.Sprintf("report-%d.md", n))
						args = append(args, "--report", report)
					}
					_, out, errs := loginRun(t, k.stdin, map[string]string{"ROTUI_BEARER": bearer}, args...)
					shown := out + errs
					if report != "" {
						b, err := os.ReadFile(report)
						if err != nil {
							t.Fatalf("%s/%s/%s: no report: %v\n%s", name, k.name, flow, err, errs)
						}
						shown = string(b)
					}
					for _, secret := range k.secrets {
						if leaks := echotest.Leaks(shown, secret); leaks != nil {
							t.Errorf("%s server, %s, flow %s, %s: shows %v:\n%s", name, k.name, flow, mode, leaks, shown)
						}
					}
					// --compare-realm's text shows no answer's members (where
					// these servers echo), only the comparison: nothing to mask.
					if mode != "--compare-realm" && !strings.Contains(shown, ro.Mask) && !strings.Contains(shown, "[removed]") {
						t.Errorf("%s server, %s, flow %s, %s: nothing masked:\n%s", name, k.name, flow, mode, shown)
					}
				}
			}
		}
	}
}

// formsEchoServer quotes back the credentials of each request (password,
// id_token, mfa_code, refresh_token, the token revoked, otp, client_secret,
// the bearer) in every form of echotest.Forms: as a proxy's 302
// page ("page"), a JSON error ("json"), or a successful answer with tokens
// ("ok"), and in headers: a base64 one, and one split across two.
func formsEchoServer(kind string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			fmt.Fprintf(w, `{"issuer":"http://%s/","token_endpoint":"http://%s/oauth/token","revocation_endpoint":"http://%s/oauth/revoke"}`, r.Host, r.Host, r.Host)
			return
		}
		body, _ := io.ReadAll(r.Body)
		fields := echotest.Fields(body)
		var echoes []string
		for _, secret := range []string{fields["password"], fields["id_token"], fields["mfa_code"], fields["refresh_token"], fields["token"],
			fields["otp"], fields["client_secret"], strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")} {
			if secret == "" {
				continue
			}
			for _, f := range echotest.Forms(secret) {
				echoes = append(echoes, f.Text)
			}
			a, b := echotest.Halves(secret)
			w.Header().Add("X-Echo-A", a)
			w.Header().Add("X-Echo-B", b)
			w.Header().Add("X-Echo-Base64", base64.StdEncoding.EncodeToString([]byte("u:"+secret)))
		}
		all := strings.Join(echoes, " | ")
		quoted, _ := json.Marshal(all)
		switch kind {
		case "page":
			w.Header().Set("Location", "https://elsewhere.example/?e="+url.QueryEscape(all))
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusFound)
			fmt.Fprintf(w, "<html><pre>\n%s\n</pre></html>", strings.Join(echoes, "\n"))
		case "json":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"error":"invalid_grant","error_description":%s}`, quoted)
		default:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"access_token":"opaque-0123456789abcdefghij","token_type":"Bearer","expires_in":600,"scope":%s,"debug":%s}`, quoted, quoted)
		}
	})
}

// TestPasswordFromATerminalIsNotEchoed: --password-stdin at a terminal
// prompts on stderr and turns echo off, so the password is not on screen.
func TestPasswordFromATerminalIsNotEchoed(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	r := typeSecretAtATerminal(t, "Password: ", rotest.Password, append([]string{"login"}, demoArgs(srv, "--password-stdin")...)...)
	if r.code != 0 || !strings.Contains(r.out, "access_token") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.out, r.errs)
	}
	if strings.Contains(r.shown, rotest.Password) {
		t.Errorf("the password was echoed on the terminal: %q", r.shown)
	}
}

// terminalRun is what a command did when a secret was typed at its prompt.
type terminalRun struct {
	code      int
	out, errs string
	shown     string // what the terminal showed
}

// typeSecretAtATerminal runs rotui args with a pseudo-terminal as stdin,
// waits for prompt on stderr (so echo is off before typing), types secret
// and returns what the command did and what the terminal showed.
func typeSecretAtATerminal(t *testing.T, prompt, secret string, args ...string) terminalRun {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	var out bytes.Buffer
	var errb syncBuffer
	done := make(chan int)
	go func() {
		s := streams{In: tty, Out: &out, Err: &errb, Getenv: func(string) string { return "" }}
		done <- run(args, s)
	}()
	echoed := make(chan string)
	go func() {
		b, _ := io.ReadAll(ptmx) // what the terminal would show; ends when the pty closes
		echoed <- string(b)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(errb.String(), prompt) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := ptmx.Write([]byte(secret + "\n")); err != nil {
		t.Fatal(err)
	}
	var r terminalRun
	select {
	case r.code = <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("rotui %s did not finish", args[0])
	}
	tty.Close()
	ptmx.Close()
	r.shown, r.out, r.errs = <-echoed, out.String(), errb.String()
	return r
}

// TestRunLoginDirectly drives runLogin with its own client and clock: the
// expiry is counted from the answer, and a server clock 5 minutes ahead is
// warned about, since every countdown depends on it.
func TestRunLoginDirectly(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", now.Add(5*time.Minute).Format(http.TimeFormat))
		fmt.Fprint(w, `{"access_token":"opaque-0123456789abcdefghij","token_type":"Bearer","expires_in":"600","scope":"openid"}`)
	}))
	defer srv.Close()
	clock := func() time.Time { return now }
	client := ro.NewClient(ro.ClientOptions{Now: clock})
	o := loginOptions{Now: clock, Request: ro.Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: "pw", Scope: "openid"}}
	var out, errb bytes.Buffer
	code := runLogin(context.Background(), o, streams{Out: &out, Err: &errb}, client)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "access_token   opaque-012…efghij (27 chars)  expires in 10m0s (12:10:00 UTC)") {
		t.Errorf("stdout:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "scope          openid") || !strings.Contains(out.String(), "token_type     Bearer") {
		t.Errorf("stdout lacks token_type or scope:\n%s", out.String())
	}
	if !strings.Contains(errb.String(), "checks: 2 warnings") || !strings.Contains(errb.String(), "! clock         the server's clock is 5m0s ahead of this machine's") {
		t.Errorf("no clock warning among the checks:\n%s", errb.String())
	}

	o.JSON = true
	out.Reset()
	if code := runLogin(context.Background(), o, streams{Out: &out, Err: &errb}, client); code != 0 {
		t.Fatalf("--json exit %d", code)
	}
	var got struct {
		Tokens struct {
			ExpiresIn int64  `json:"expires_in"`
			ExpiresAt string `json:"expires_at"`
		} `json:"tokens"`
		Checks []struct{ Name, Result, Detail string } `json:"checks"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Tokens.ExpiresIn != 600 || got.Tokens.ExpiresAt != "2026-11-25T12:10:00Z" {
		t.Errorf("--json: %+v\n%s", got, out.String())
	}
	clockWarned := false
	for _, c := range got.Checks {
		clockWarned = clockWarned || c.Name == "clock" && c.Result == "warning" && strings.Contains(c.Detail, "5m0s ahead")
	}
	if !clockWarned {
		t.Errorf("--json checks lack the clock warning: %+v", got.Checks)
	}
}

// TestIDTokenIsACredential: the ID token of a delegation is masked wherever
// the request is shown (--json request.body and request.curl, the report),
// and it can come from --id-token-stdin or ROTUI_ID_TOKEN instead of a
// flag value that ps and the shell history keep; two sources at once, or
// two flags reading stdin, are refused (exit 2).
func TestIDTokenIsACredential(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	code, out, errs := loginRun(t, rotest.Password+"\n", nil, demoArgs(srv, "--password-stdin", "--json")...)
	var first struct {
		Tokens struct {
			IDToken string `json:"id_token"`
		} `json:"tokens"`
	}
	if err := json.Unmarshal([]byte(out), &first); code != 0 || err != nil || first.Tokens.IDToken == "" {
		t.Fatalf("no ID token to delegate with: exit %d %v\n%s%s", code, err, out, errs)
	}
	idToken := first.Tokens.IDToken
	delegate := []string{"--domain", srv.URL, "--client-id", rotest.ClientID, "--connection", rotest.Connection, "--device", rotest.DemoDevice}
	report := filepath.Join(t.TempDir(), "delegation.md")
	for _, c := range []struct {
		name  string
		stdin string
		env   map[string]string
		args  []string
	}{
		{"--id-token", "", nil, append(slices.Clone(delegate), "--id-token", idToken, "--json", "--report", report)},
		{"--id-token-stdin", idToken + "\n", nil, append(slices.Clone(delegate), "--id-token-stdin", "--json")},
		{"ROTUI_ID_TOKEN", "", map[string]string{"ROTUI_ID_TOKEN": idToken}, append(slices.Clone(delegate), "--json")},
		{"text", "", map[string]string{"ROTUI_ID_TOKEN": idToken}, slices.Clone(delegate)},
	} {
		code, out, errs := loginRun(t, c.stdin, c.env, c.args...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s%s", c.name, code, out, errs)
			continue
		}
		// The answer's new ID token may be the very same string (same
		// claims in the same second): that one is data, shown on purpose.
		shown := out + errs
		if strings.Contains(out, `"tokens"`) {
			var v map[string]any
			_ = json.Unmarshal([]byte(out), &v)
			delete(v, "tokens")
			b, _ := json.Marshal(v)
			shown = string(b) + errs
		}
		if strings.Contains(shown, idToken) || strings.Contains(shown, jwtSignature(idToken)) {
			t.Errorf("%s: the ID token sent shows:\n%s", c.name, shown)
		}
		if strings.Contains(out, `"request"`) {
			var got struct {
				Request struct{ Body, Curl string } `json:"request"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil || !strings.Contains(got.Request.Body, `"id_token":"`+ro.Mask+`"`) || !strings.Contains(got.Request.Curl, `"id_token":"`+ro.Mask+`"`) {
				t.Errorf("%s: request.body and request.curl should carry the ID token masked: %v\n%s", c.name, err, out)
			}
		}
	}
	if b, err := os.ReadFile(report); err != nil || strings.Contains(string(b), idToken) || strings.Contains(string(b), jwtSignature(idToken)) {
		t.Errorf("the report shows the ID token sent (or is missing: %v)", err)
	}

	for _, c := range []struct {
		name, stdin, want string
		args              []string
	}{
		{"two readers of stdin", "x\n", "--password-stdin and --id-token-stdin both read stdin", append(slices.Clone(delegate), "--password-stdin", "--id-token-stdin")},
		{"flag and stdin", idToken + "\n", "give the ID token once", append(slices.Clone(delegate), "--id-token", idToken, "--id-token-stdin")},
		{"empty stdin", "", "--id-token-stdin: stdin was empty", append(slices.Clone(delegate), "--id-token-stdin")},
	} {
		code, out, errs := loginRun(t, c.stdin, nil, c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) || strings.Contains(out+errs, idToken) {
			t.Errorf("%s: exit %d (want 2), stderr should say %q and never the token:\n%s%s", c.name, code, c.want, out, errs)
		}
	}
}

// jwtSignature is the last part of a JWT.
func jwtSignature(tok string) string { return tok[strings.LastIndexByte(tok, '.')+1:] }

// TestLoginShortensTokensWholeCharacters: a token is shortened between the
// characters a person sees, never inside one, and its length is counted in
// characters, whatever alphabet a server used.
func TestLoginShortensTokensWholeCharacters(t *testing.T) {
	cases := []struct{ name, token, want string }{
		{"ascii", "opaque-0123456789abcdefghij", "opaque-012…efghij (27 chars)"},
		{"short enough to show whole", "€€€€€€€€€€€€", "€€€€€€€€€€€€"},
		{"three-byte characters", strings.Repeat("€", 40), strings.Repeat("€", 10) + "…" + strings.Repeat("€", 6) + " (40 chars)"},
		{"four-byte characters", strings.Repeat("🔑", 30), strings.Repeat("🔑", 10) + "…" + strings.Repeat("🔑", 6) + " (30 chars)"},
		{"accents that combine", "x" + strings.Repeat("e\u0301", 20), "x" + strings.Repeat("e\u0301", 4) + "…" + strings.Repeat("e\u0301", 3) + " (41 chars)"},
		{"flags", "x" + strings.Repeat("🇫🇷", 20), "x" + strings.Repeat("🇫🇷", 4) + "…" + strings.Repeat("🇫🇷", 3) + " (41 chars)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := json.Marshal(map[string]any{"access_token": c.token, "token_type": "Bearer", "expires_in": 600})
				_, _ = w.Write(b)
			}))
			defer srv.Close()
			o := loginOptions{Request: ro.Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: "pw", Scope: "openid"}}
			var out, errb bytes.Buffer
			if code := runLogin(context.Background(), o, streams{Out: &out, Err: &errb}, ro.NewClient(ro.ClientOptions{})); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !utf8.ValidString(out.String()) || strings.Contains(out.String(), `\x`) {
				t.Errorf("a character was split: %q", out.String())
			}
			if !strings.Contains(out.String(), "access_token   "+c.want+"  expires in") {
				t.Errorf("stdout %q does not show the token as %q", out.String(), c.want)
			}
		})
	}
}

// TestLoginSaysExpiresInIsOutOfRange: an expires_in that no lifetime can be
// is said to be out of range (text and --json), not taken for one that was
// never sent, nor turned into an expiry in the past by an overflow.
func TestLoginSaysExpiresInIsOutOfRange(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := []struct{ value, text string }{
		{"1e308", "expires_in 1e308 is out of range"},
		{"1e12", "expires_in 1e12 is out of range"},
		{`"99999999999999"`, "expires_in 99999999999999 is out of range"},
		{`"soon"`, "expires_in is not a number of seconds"},
	}
	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, `{"access_token":"opaque-0123456789abcdefghij","token_type":"Bearer","expires_in":`+c.value+`}`)
			}))
			defer srv.Close()
			clock := func() time.Time { return now }
			o := loginOptions{Now: clock, Request: ro.Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: "pw", Scope: "openid"}}
			client := ro.NewClient(ro.ClientOptions{Now: clock})
			var out, errb bytes.Buffer
			if code := runLogin(context.Background(), o, streams{Out: &out, Err: &errb}, client); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !strings.Contains(out.String(), "access_token   opaque-012…efghij (27 chars)  "+c.text) || strings.Contains(out.String(), "no expires_in sent") || strings.Contains(out.String(), "expires ") {
				t.Errorf("stdout does not say %q:\n%s", c.text, out.String())
			}
			o.JSON = true
			out.Reset()
			if code := runLogin(context.Background(), o, streams{Out: &out, Err: &errb}, client); code != 0 {
				t.Fatalf("--json exit %d", code)
			}
			var got struct {
				Tokens   map[string]any `json:"tokens"`
				Warnings []string       `json:"warnings"`
			}
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if _, ok := got.Tokens["expires_at"]; ok || !strings.Contains(strings.Join(got.Warnings, "\n"), c.text) {
				t.Errorf("--json does not warn %q: %s", c.text, out.String())
			}
		})
	}
}

// A refused login's checks say they covered the clock alone: "checks: all
// consistent" under an error read as if the answer had passed.
func TestLoginRefusalChecksSayWhatWasChecked(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	for _, c := range []struct{ name, user, password string }{
		{"a wrong password", rotest.UserAlice, "not-the-password-xyz"},
		{"MFA required", rotest.UserMFA, rotest.Password},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := loginRun(t, "", map[string]string{"ROTUI_PASSWORD": c.password},
				"--domain", srv.URL, "--client-id", rotest.ClientID, "--connection", rotest.Connection, "--username", c.user)
			if code != 1 || !strings.Contains(errs, "checks: only the clock, since no tokens came back") || strings.Contains(errs, "all consistent") {
				t.Errorf("exit %d; the checks should say only the clock was checked:\n%s", code, errs)
			}
		})
	}
}

// X-RateLimit-* headers that cannot be read are said to be unreadable, in
// text and in --json: "rate limit -5 of 0 left" showed a count the server
// never sent, and a reset past any date was dropped without a word.
func TestLoginRateLimitSaysWhatCannotBeRead(t *testing.T) {
	for _, c := range []struct {
		limit, remaining, reset string
		text                    string
	}{
		{"abc", "-5", "", `rate limit unreadable: X-RateLimit-Limit "abc", X-RateLimit-Remaining "-5"`},
		{"100", "99", "99999999999999999999", `rate limit 99 of 100 left; unreadable: X-RateLimit-Reset "99999999999999999999"`},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-RateLimit-Limit", c.limit)
			w.Header().Set("X-RateLimit-Remaining", c.remaining)
			if c.reset != "" {
				w.Header().Set("X-RateLimit-Reset", c.reset)
			}
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"access_token":"opaque-token-123","token_type":"Bearer"}`)
		}))
		args := []string{"--domain", srv.URL, "--client-id", "c", "--connection", "db", "--username", "u"}
		env := map[string]string{"ROTUI_PASSWORD": "pw-123456"}
		_, _, errs := loginRun(t, "", env, args...)
		if !strings.Contains(errs, c.text) || strings.Contains(errs, "of 0 left") {
			t.Errorf("stderr should say %q:\n%s", c.text, errs)
		}
		_, out, _ := loginRun(t, "", env, append(args, "--json")...)
		if v, ok := jqPath(t, out, ".rate_limit.unreadable"); !ok || !strings.Contains(fmt.Sprint(v), "X-RateLimit-") {
			t.Errorf(".rate_limit.unreadable = %v\n%s", v, out)
		}
		srv.Close()
	}
}
