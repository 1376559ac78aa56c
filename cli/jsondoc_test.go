package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// jsonContract is docs/json.md read as a contract: for each part of it
// (the token object, decode, login, the error object) the documented jq
// paths and their types, and which of them an output was seen to hold.
type jsonContract struct {
	rows map[string]map[string]string // part → path → type
	seen map[string]bool              // "part path"
	bad  []string                     // fields seen but not documented
}

// The parts of docs/json.md, by heading, and the types that stand for one.
var (
	jsonDocParts = map[string]string{
		"## The token object":                     "token",
		"## `rotui decode --json`":                "decode",
		"## `rotui diff --json`":                  "diff",
		"## The comparison object":                "comparison",
		"## The row object":                       "row",
		"## `rotui login --compare-realm --json`": "comparerealm",
		"## `rotui login --json`":                 "login",
		"## `rotui refresh --json`":               "refresh",
		"## `rotui revoke --json`":                "revoke",
		"## `rotui code --json`":                  "code",
		"## The error object":                     "error",
	}
	jsonDocRefs = map[string]string{
		"token object": "token", "error object": "error", "row object": "row",
		"comparison object": "comparison", "comparison object or null": "comparison",
		"login object": "login", "login object or null": "login",
	}
)

func readJSONContract(t *testing.T) *jsonContract {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "docs", "json.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := &jsonContract{rows: map[string]map[string]string{}, seen: map[string]bool{}}
	part := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			part = jsonDocParts[line]
			continue
		}
		if part == "" || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		path := strings.Trim(strings.TrimSpace(cells[1]), "`")
		if c.rows[part] == nil {
			c.rows[part] = map[string]string{}
		}
		c.rows[part][path] = strings.TrimSpace(cells[2])
	}
	for _, p := range jsonDocParts {
		if len(c.rows[p]) == 0 {
			t.Fatalf("docs/json.md: no table for %q", p)
		}
	}
	return c
}

// lookup finds path in part, or in the part its root stands for (decode's
// top level is a token object).
func (c *jsonContract) lookup(part, prefix, path string) (string, string, bool) {
	if typ, ok := c.rows[part][path]; ok {
		return part, typ, true
	}
	if ref, ok := jsonDocRefs[c.rows[part]["."]]; ok && prefix == "" {
		if typ, ok := c.rows[ref][path]; ok {
			return ref, typ, true
		}
	}
	return "", "", false
}

// walk records every member of the object v at prefix in part.
func (c *jsonContract) walk(where, part, prefix string, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	for k, val := range m {
		path := prefix + "." + k
		p, typ, ok := c.lookup(part, prefix, path)
		if !ok {
			c.bad = append(c.bad, fmt.Sprintf("%s: %s %s", where, part, path))
			continue
		}
		c.seen[p+" "+path] = true
		if _, free := c.rows[p][path+".*"]; free {
			// Members a token or a server chose: not rotui's to name
			// (an object, or a list of them such as Auth0's identities).
			switch o := val.(type) {
			case map[string]any:
				c.seen[p+" "+path+".*"] = c.seen[p+" "+path+".*"] || len(o) > 0
			case []any:
				for _, el := range o {
					if m, ok := el.(map[string]any); ok && len(m) > 0 {
						c.seen[p+" "+path+".*"] = true
					}
				}
			}
			continue
		}
		if ref, ok := jsonDocRefs[typ]; ok {
			c.walk(where, ref, "", val)
			continue
		}
		switch x := val.(type) {
		case map[string]any:
			c.walk(where, p, path, x)
		case []any:
			if ref, ok := jsonDocRefs[c.rows[p][path+"[]"]]; ok {
				// Each element is an object documented once (a row).
				c.seen[p+" "+path+"[]"] = true
				for _, el := range x {
					c.walk(where, ref, "", el)
				}
				continue
			}
			for _, el := range x {
				c.walk(where, p, path+"[]", el)
			}
		}
	}
}

func (c *jsonContract) add(t *testing.T, where, part, out string) {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(out))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%s: not one JSON object: %v\n%s", where, err, out)
	}
	if d.More() {
		t.Errorf("%s: more than one JSON value on stdout", where)
	}
	c.walk(where, part, "", v)
}

// TestJSONFieldsAreDocumented: docs/json.md is the contract of --json.
// Each command's output, built from many inputs, holds every field the
// document names (somewhere among those inputs) and none it does not.
func TestJSONFieldsAreDocumented(t *testing.T) {
	c := readJSONContract(t)
	for _, cmd := range []struct {
		label, section string // the command as a failure names it; its section of docs/json.md
		outputs        func(*testing.T) map[string]string
	}{
		{"decode", "decode", decodeJSONOutputs},
		{"login", "login", loginJSONOutputs},
		{"diff", "diff", diffJSONOutputs},
		{"refresh", "refresh", refreshJSONOutputs},
		{"revoke", "revoke", revokeJSONOutputs},
		{"code", "code", codeJSONOutputs},
		{"login --compare-realm", "comparerealm", compareRealmJSONOutputs},
	} {
		for name, out := range cmd.outputs(t) {
			c.add(t, cmd.label+" "+name, cmd.section, out)
		}
	}
	sort.Strings(c.bad)
	for _, b := range c.bad {
		t.Errorf("undocumented field in docs/json.md: %s", b)
	}
	for part, rows := range c.rows {
		for path, typ := range rows {
			if path == "." || typ == "" {
				continue
			}
			if !c.seen[part+" "+path] {
				t.Errorf("docs/json.md documents %s %s, but no output holds it", part, path)
			}
		}
	}
}

// decodeJSONOutputs is `rotui decode --json` of every kind of token and
// verification outcome.
func decodeJSONOutputs(t *testing.T) map[string]string {
	t.Helper()
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	tenant := rotest.StartForTest(t, rotest.Options{Now: func() time.Time { return decodeNow }})
	_, login, _ := loginRun(t, "", map[string]string{"ROTUI_PASSWORD": rotest.Password}, demoArgs(tenant, "--json", "--scope", "openid email")...)
	idToken, _ := jqPath(t, login, ".tokens.id_token")
	rs256, _ := idToken.(string)
	if rs256 == "" {
		t.Fatalf("the demo tenant gave no ID token:\n%s", login)
	}
	expired := decodeHS256(`{"alg":"HS256"}`, `{"exp":`+decodeItoa(decodeNow.Add(-time.Minute).Unix())+`}`, decodeTestSecret)
	future := decodeHS256(`{"alg":"HS256"}`, `{"iat":`+decodeItoa(decodeNow.Unix())+`,"nbf":`+decodeItoa(decodeNow.Add(time.Minute).Unix())+`}`, decodeTestSecret)
	runs := map[string][]string{
		"verified by secret":   {"--secret-stdin", "--audience", "rotui-demo-hs256", auth0IDToken()},
		"verified by --verify": {"--verify", rs256},
		"keys unreachable":     {"--jwks", deadURL + "/jwks.json", rs256},
		"JWE":                  {decodeB64(`{"alg":"RSA-OAEP","enc":"A256GCM"}`) + ".a2V5.aXY.Y2lwaGVy.dGFn"},
		"opaque with --verify": {"--verify", "kZfGcD8lS0Z6hN0g"},
		"malformed":            {decodeB64(`{"alg":"RS256"}`) + ".eyJzdWIiO+IxMjM0NTY3ODkwIn0.c2ln"},
		"spaced JSON":          {decodeHS256(`{ "alg": "HS256" }`, `{"sub":"a"}`, decodeTestSecret)},
		"expired":              {expired},
		"not yet valid":        {future},
	}
	out := map[string]string{}
	for name, args := range runs {
		stdin := ""
		if args[0] == "--secret-stdin" {
			stdin = decodeTestSecret + "\n"
		}
		r := runDecodeArgs(t, stdin, false, nil, nil, append([]string{"--json"}, args...)...)
		out[name] = r.out
	}
	return out
}

// loginJSONOutputs is `rotui login --json` of a login with every token, a
// refused one, one that could not be made, --userinfo and --report.
func loginJSONOutputs(t *testing.T) map[string]string {
	t.Helper()
	tenant := rotest.StartForTest(t, rotest.Options{})
	limited := rotest.StartForTest(t, rotest.Options{RateLimit: 1})
	legacyOff := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	pw := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	out := map[string]string{}
	run := func(name string, env map[string]string, args ...string) {
		_, o, _ := loginRun(t, "", env, args...)
		out[name] = o
	}
	report := filepath.Join(t.TempDir(), "report.md")
	run("every token, --userinfo, --report", pw, demoArgs(tenant, "--json", "--scope", "openid email offline_access",
		"--device", rotest.DemoDevice, "--userinfo", "--report", report)...)
	run("password flow", pw, demoArgs(tenant, "--json", "--flow", "password")...)
	run("refused", map[string]string{"ROTUI_PASSWORD": "wrong"}, demoArgs(tenant, "--json")...)
	run("rate limited 1", pw, demoArgs(limited, "--json")...)
	run("rate limited 2", pw, demoArgs(limited, "--json")...)
	run("legacy off", pw, demoArgs(legacyOff, "--json")...)
	run("validation", nil, "--json", "--domain", "x.example/path")
	run("MFA code wanted", pw, mfaArgs(tenant, rotest.UserMFA, "--json")...)
	run("MFA enrolment", pw, mfaArgs(tenant, rotest.UserEnroll, "--json")...)
	run("a wrong passwordless code", map[string]string{"ROTUI_PASSWORD": "000000"}, "--json", "--domain", tenant.URL, "--client-id", rotest.ClientID,
		"--connection", rotest.ConnectionSMS, "--username", rotest.PhoneAlice)

	// Answers no demo tenant gives: a scope and /userinfo refused with a
	// page, a redirect, an HTML error, a body too large, a slow answer.
	serve := func(h http.HandlerFunc) string {
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return srv.URL
	}
	args := func(url string, more ...string) []string {
		return append([]string{"--json", "--domain", url, "--client-id", "c", "--connection", "db", "--username", "u"}, more...)
	}
	refusing := serve(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/userinfo" {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, "<html>no</html>")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"opaque-0123456789abcdefghij","token_type":"Bearer","expires_in":600,"scope":"openid"}`)
	})
	run("userinfo refused", pw, args(refusing, "--userinfo")...)
	redirect := serve(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://elsewhere.example/login", http.StatusFound)
	})
	run("redirect", pw, args(redirect)...)
	html := serve(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html>bad gateway</html>")
	})
	run("html error", pw, args(html)...)
	large := serve(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(bytes.Repeat([]byte(" "), ro.MaxBody+1))
	})
	run("too large", pw, args(large)...)
	unreadableRateLimit := serve(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "abc")
		w.Header().Set("X-RateLimit-Remaining", "-5")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"opaque-0123456789abcdefghij","token_type":"Bearer"}`)
	})
	run("unreadable rate limit", pw, args(unreadableRateLimit)...)
	slow := serve(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	run("timeout", pw, args(slow, "--timeout", "50ms")...)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	run("refused connection", pw, args(closed.URL)...)

	// Ctrl+C during the call.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b, e bytes.Buffer
	o := loginOptions{JSON: true, Request: ro.Request{Domain: slow, ClientID: "c", Connection: "db", Username: "u", Password: "pw"}}
	runLogin(ctx, o, streams{Out: &b, Err: &e}, ro.NewClient(ro.ClientOptions{}))
	out["canceled"] = b.String()
	return out
}

// diffJSONOutputs is `rotui diff --json` of tokens of every kind, read from
// every source.
func diffJSONOutputs(t *testing.T) map[string]string {
	t.Helper()
	a, b := diffPair()
	dir := t.TempDir()
	fa, fb := filepath.Join(dir, "a.jwt"), filepath.Join(dir, "b.jwt")
	_ = os.WriteFile(fa, []byte(a), 0o600)
	_ = os.WriteFile(fb, []byte(b), 0o600)
	out := map[string]string{}
	for name, run := range map[string]struct {
		stdin string
		args  []string
	}{
		"two files":          {"", []string{fa, fb}},
		"stdin and argument": {a, []string{"-", b}},
		"opaque":             {"", []string{a, "Zx8kQ2vLm4Np7RtA"}},
		"malformed both":     {"", []string{"not a token", "eyJhbGciOiJIUzI1NiJ9"}},
	} {
		r := runDiffArgs(t, run.stdin, append([]string{"--json"}, run.args...)...)
		out[name] = r.out
	}
	return out
}

// compareRealmJSONOutputs is `rotui login --compare-realm --json` of two
// logins that both worked, one whose ro login was refused (no realm login),
// one on a tenant with /oauth/ro off, and one where nothing was sent.
func compareRealmJSONOutputs(t *testing.T) map[string]string {
	t.Helper()
	demo := rotest.StartForTest(t, rotest.Options{})
	off := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	pw := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	out := map[string]string{}
	run := func(name string, env map[string]string, args ...string) {
		_, o, _ := loginRun(t, "", env, append(args, "--compare-realm", "--json")...)
		out[name] = o
	}
	run("both", pw, demoArgs(demo, "--scope", "openid profile email offline_access", "--device", rotest.DemoDevice)...)
	run("refused", map[string]string{"ROTUI_PASSWORD": "wrong"}, demoArgs(demo)...)
	run("legacy off", pw, demoArgs(off)...)
	run("nothing sent", pw, demoArgs(demo, "--client-id", "")...)
	return out
}

// refreshJSONOutputs is `rotui refresh --json` of each flow's refresh
// token at its endpoint, one refused, and one never sent.
func refreshJSONOutputs(t *testing.T) map[string]string {
	t.Helper()
	demo := rotest.StartForTest(t, rotest.Options{})
	out := map[string]string{}
	for _, f := range []ro.Flow{ro.FlowRO, ro.FlowRealm, ro.FlowPassword} {
		tok := demoLogin(t, demo, f, "openid email offline_access").RefreshToken
		_, o, _ := cmdRun(t, "", map[string]string{"ROTUI_REFRESH_TOKEN": tok}, refreshArgs(demo, "--json", "--flow", f.String())...)
		out[f.String()] = o
	}
	_, out["refused"], _ = cmdRun(t, "", map[string]string{"ROTUI_REFRESH_TOKEN": "not-a-refresh-token"}, refreshArgs(demo, "--json")...)
	_, out["nothing sent"], _ = cmdRun(t, "", nil, refreshArgs(demo, "--json")...)
	return out
}

// revokeJSONOutputs is `rotui revoke --json` of a refresh token of each
// flow, one refused, and one never sent.
func revokeJSONOutputs(t *testing.T) map[string]string {
	t.Helper()
	demo := rotest.StartForTest(t, rotest.Options{})
	out := map[string]string{}
	for _, f := range []ro.Flow{ro.FlowRO, ro.FlowPassword} {
		tok := demoLogin(t, demo, f, "openid offline_access").RefreshToken
		_, out[f.String()], _ = cmdRun(t, "", map[string]string{"ROTUI_REFRESH_TOKEN": tok}, revokeArgs(demo, "--json", "--flow", f.String())...)
	}
	_, out["refused"], _ = cmdRun(t, "", map[string]string{"ROTUI_REFRESH_TOKEN": "x-refresh-token"}, "revoke", "--json", "--domain", demo.URL, "--client-id", "nobody")
	_, out["nothing sent"], _ = cmdRun(t, "", nil, revokeArgs(demo, "--json")...)
	return out
}

// codeJSONOutputs is `rotui code --json` by sms and e-mail, from a tenant
// that says everything it may, refused, and never sent.
func codeJSONOutputs(t *testing.T) map[string]string {
	t.Helper()
	demo := rotest.StartForTest(t, rotest.Options{})
	full := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"_id":"5f0c","phone_number":"+15555550100","request_language":"en-US,en;q=0.9"}`)
	}))
	t.Cleanup(full.Close)
	out := map[string]string{}
	_, out["sms"], _ = cmdRun(t, "", nil, codeArgs(demo, rotest.ConnectionSMS, rotest.PhoneAlice, "--json")...)
	_, out["email"], _ = cmdRun(t, "", nil, codeArgs(demo, rotest.ConnectionEmail, rotest.UserAlice, "--json")...)
	_, out["request_language"], _ = cmdRun(t, "", nil, codeArgs(&rotest.Server{URL: full.URL}, rotest.ConnectionSMS, rotest.PhoneAlice, "--json")...)
	_, out["refused"], _ = cmdRun(t, "", nil, "code", "--json", "--domain", demo.URL, "--client-id", "nobody", "--connection", "sms", "--username", rotest.PhoneAlice)
	_, out["nothing sent"], _ = cmdRun(t, "", nil, codeArgs(demo, "db", rotest.UserAlice, "--json")...)
	return out
}
