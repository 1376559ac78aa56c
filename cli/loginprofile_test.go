package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

func TestLoginApplyProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rotui", "config.toml")
	p := config.FromRequest("acme", ro.Request{Domain: "acme.us.auth0.com", ClientID: "abc", Connection: "db",
		Username: "alice@example.com", Scope: "openid email", Flow: ro.FlowRealm, Audience: "https://api"}, "https://login.acme.com/")
	if err := config.SaveProfile(path, p); err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("login", pflag.ContinueOnError)
	var r ro.Request
	flow := "ro"
	fs.StringVar(&r.Domain, "domain", "", "")
	fs.StringVar(&r.Username, "username", "", "")
	fs.StringVar(&r.Scope, "scope", "openid", "")
	fs.StringVar(&flow, "flow", "ro", "")
	var x loginExtras
	x.bind(fs)
	if err := fs.Parse([]string{"--profile", "acme", "--config", path, "--username", "bob@example.com"}); err != nil {
		t.Fatal(err)
	}
	iss, _, err := x.applyProfile(fs.Changed, &r, &flow)
	if err != nil {
		t.Fatal(err)
	}
	if r.Domain != "acme.us.auth0.com" || r.Username != "bob@example.com" || r.Scope != "openid email" || flow != "realm" || iss != "https://login.acme.com/" {
		t.Errorf("got %+v flow %q issuer %q", r, flow, iss)
	}

	x.Profile = "prod"
	if _, _, err := x.applyProfile(fs.Changed, &r, &flow); err == nil || !strings.Contains(err.Error(), `"acme"`) || !strings.Contains(err.Error(), path) {
		t.Errorf("an unknown profile: %v", err)
	}
}

func TestLoginAfterUserInfoAndReport(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	client := ro.NewClient(ro.ClientOptions{})
	req := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection, Username: rotest.UserAlice,
		Password: rotest.Password, Scope: "openid profile email", Flow: ro.FlowRO}
	ex, err := client.Login(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.md")
	x := loginExtras{UserInfo: true, Report: path}
	a := x.after(context.Background(), client, req, inspect.New(inspect.Input{Request: req, Exchange: ex}), ex, err)
	if a.UserInfoErr != nil || a.UserInfo == nil || a.UserInfo.Status != 200 || a.ReportErr != nil {
		t.Fatalf("userinfo %v, report %v", a.UserInfoErr, a.ReportErr)
	}
	var out, errb bytes.Buffer
	printAfterHuman(streams{Out: &out, Err: &errb}, a, x, newRedactor(req))
	if !strings.Contains(out.String(), "profile\n") || !strings.Contains(out.String(), "email") || !strings.Contains(out.String(), rotest.UserAlice) {
		t.Errorf("the profile is not printed:\n%s", out.String())
	}
	if !strings.Contains(errb.String(), "GET "+srv.URL+"/userinfo  200 OK") || !strings.Contains(errb.String(), "report written to "+path) {
		t.Errorf("stderr:\n%s", errb.String())
	}
	md, _ := os.ReadFile(path)
	for _, s := range []string{rotest.Password, ex.Tokens.AccessToken, ex.Tokens.IDToken, strings.Split(ex.Tokens.IDToken, ".")[2]} {
		if strings.Contains(string(md), s) {
			t.Errorf("the report holds %q", s)
		}
	}
	for _, s := range []string{"/userinfo", "| signature | passed", "RS256"} {
		if !strings.Contains(string(md), s) {
			t.Errorf("the report lacks %q:\n%s", s, md)
		}
	}
	j := userInfoJSON(a, x, newRedactor(req))
	b, _ := json.Marshal(j)
	var back struct {
		Status  int            `json:"status"`
		Profile map[string]any `json:"profile"`
	}
	if json.Unmarshal(b, &back) != nil || back.Status != 200 || back.Profile["email"] != rotest.UserAlice {
		t.Errorf("JSON: %s", b)
	}
	if afterExitCode(0, a, x) != 0 {
		t.Error("a good /userinfo changed the exit status")
	}
}

func TestLoginAfterUserInfoRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="acme", error="invalid_token", error_description="The access token expired"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	client := ro.NewClient(ro.ClientOptions{})
	req := ro.Request{Domain: srv.URL, Password: "hunter2-password"}
	ex := &ro.Exchange{Tokens: &ro.TokenResponse{AccessToken: "opaque-access-token-1234"}}
	x := loginExtras{UserInfo: true}
	a := x.after(context.Background(), client, req, inspect.New(inspect.Input{Request: req, Exchange: ex}), ex, nil)
	if a.UserInfoErr == nil || afterExitCode(0, a, x) != exitRefused {
		t.Fatalf("a refused /userinfo: %v, exit %d", a.UserInfoErr, afterExitCode(0, a, x))
	}
	var out, errb bytes.Buffer
	printAfterHuman(streams{Out: &out, Err: &errb}, a, x, newRedactor(req))
	for _, s := range []string{"401 Unauthorized", "userinfo error: invalid_token: The access token expired", "www-authenticate: Bearer", "hint: "} {
		if !strings.Contains(errb.String(), s) {
			t.Errorf("stderr lacks %q:\n%s", s, errb.String())
		}
	}
	if out.Len() != 0 || strings.Contains(errb.String(), "opaque-access-token-1234") {
		t.Errorf("stdout %q; stderr %q", out.String(), errb.String())
	}

	// A failed login: no call, no change to its exit status; no report without an exchange.
	x = loginExtras{UserInfo: true, Report: filepath.Join(t.TempDir(), "r.md")}
	a = x.after(context.Background(), client, req, nil, nil, &ro.ValidationError{})
	if a.UserInfo != nil || a.UserInfoErr == nil || a.ReportErr == nil || afterExitCode(exitUsage, a, x) != exitUsage {
		t.Errorf("after a failed login: %+v", a)
	}
}

func TestWriteProfileIsTerminalSafe(t *testing.T) {
	var out bytes.Buffer
	writeProfile(&out, []byte(`{"name":"x\u001b[2Jy","evil\u202e":"\u009b31m","n":3,"list":["a"]}`), newRedactor(ro.Request{}))
	for _, bad := range []string{"\x1b", "\u202e", "\u009b"} {
		if strings.Contains(out.String(), bad) {
			t.Errorf("%q reached the terminal: %q", bad, out.String())
		}
	}
	if !strings.Contains(out.String(), `["a"]`) || !strings.Contains(out.String(), "  n ") {
		t.Errorf("members missing: %q", out.String())
	}
	out.Reset()
	writeProfile(&out, []byte("<html>\x1b</html>"), newRedactor(ro.Request{}))
	if strings.Contains(out.String(), "\x1b") || !strings.Contains(out.String(), "<html>") {
		t.Errorf("text body: %q", out.String())
	}
}

// The /userinfo profile is printed one member a line in the order sent,
// strings unquoted; an answer that is not exactly one JSON object is printed
// as the text it is, never as the part of it that could be read.
func TestWriteProfileMembers(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"order, duplicates, raw values", `{"sub":"auth0|1","n":1e400,"sub":"x\"y","list":[1, 2],"o":{}}`,
			"profile\n  sub   auth0|1\n  n     1e400\n  sub   x\"y\n  list  [1, 2]\n  o     {}\n"},
		{"empty object", `{}`, "profile\n"},
		{"an array", `["a"]`, `profile        ["a"]` + "\n"},
		{"two objects", `{"sub":"a"} {"sub":"b"}`, `profile        {"sub":"a"} {"sub":"b"}` + "\n"},
		{"trailing data", `{"sub":"a"}x`, `profile        {"sub":"a"}x` + "\n"},
	} {
		var out bytes.Buffer
		writeProfile(&out, []byte(c.body), newRedactor(ro.Request{}))
		if out.String() != c.want {
			t.Errorf("%s: %s printed\n%q\nwant\n%q", c.name, c.body, out.String(), c.want)
		}
	}
}

func TestLoginWithAProfile(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home) // the default config path, never the real home
	path, err := config.DefaultPath()
	if err != nil || !strings.HasPrefix(path, home) {
		t.Fatalf("config path %q (%v)", path, err)
	}
	p := config.FromRequest("demo", ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Scope: "openid profile email"}, "")
	if err := config.SaveProfile(path, p); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	env := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	code, out, errs := loginRun(t, "", env, "--profile", "demo", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Request struct {
			URL  string `json:"url"`
			Body string `json:"body"`
		} `json:"request"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Request.URL != srv.URL+"/oauth/ro" ||
		!strings.Contains(res.Request.Body, `"scope":"openid profile email"`) {
		t.Errorf("the profile did not fill the request: %v %+v", err, res)
	}
	// A flag given wins over the profile.
	code, _, errs = loginRun(t, "", env, "--profile", "demo", "--config", path, "--username", rotest.UserBlocked)
	if code != 1 || !strings.Contains(errs, "blocked") {
		t.Errorf("--username did not win over the profile: exit %d\n%s", code, errs)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("rotui login changed the config file")
	}
	// An unknown profile names the ones there are.
	code, _, errs = loginRun(t, "", env, "--profile", "prod")
	if code != 2 || !strings.Contains(errs, `"demo"`) || !strings.Contains(errs, path) {
		t.Errorf("unknown profile: exit %d, %s", code, errs)
	}
}

func TestLoginWithACorruptConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	broken := "last = \"demo\"\ndomain = = \"x\"\n"
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := loginRun(t, "", map[string]string{"ROTUI_PASSWORD": rotest.Password}, "--profile", "demo", "--config", path)
	if code != 2 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errs, path) || !strings.Contains(errs, "line 2") {
		t.Errorf("the error does not name the file and line:\n%s", errs)
	}
	if b, _ := os.ReadFile(path); string(b) != broken {
		t.Error("the corrupt file was changed")
	}
}

func TestLoginUserinfoAndReport(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	dir := t.TempDir()
	env := map[string]string{"ROTUI_PASSWORD": rotest.Password, "ROTUI_BEARER": "bearer-value-4d5e6f"}
	report := filepath.Join(dir, "human.md")
	code, out, errs := loginRun(t, "", env, demoArgs(srv, "--scope", "openid profile email", "--userinfo", "--report", report)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "profile\n") || !strings.Contains(out, "email_verified") || !strings.Contains(errs, "/userinfo  200 OK") {
		t.Errorf("no /userinfo profile:\n%s\n%s", out, errs)
	}
	if !strings.Contains(errs, "report written to "+report) {
		t.Errorf("the report's path is not said:\n%s", errs)
	}
	checkLoginReport(t, report, "bearer-value-4d5e6f")

	report = filepath.Join(dir, "json.md")
	code, out, errs = loginRun(t, "", env, demoArgs(srv, "--scope", "openid email", "--userinfo", "--report", report, "--json")...)
	var res struct {
		Tokens struct {
			AccessToken string `json:"access_token"`
		} `json:"tokens"`
		UserInfo struct {
			Status  int            `json:"status"`
			Profile map[string]any `json:"profile"`
		} `json:"userinfo"`
		Report string `json:"report"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("exit %d, stdout not JSON: %s %s", code, out, errs)
	}
	if res.UserInfo.Status != 200 || res.UserInfo.Profile["email"] != rotest.UserAlice || res.Report != report {
		t.Errorf("JSON: %+v", res)
	}
	md := checkLoginReport(t, report, "bearer-value-4d5e6f")
	if strings.Contains(md, res.Tokens.AccessToken) {
		t.Error("the report holds the access token")
	}

	// A refused login: no /userinfo call, a report of the refusal, exit 1.
	report = filepath.Join(dir, "refused.md")
	code, _, errs = loginRun(t, "", map[string]string{"ROTUI_PASSWORD": "wrong-password-xyz"}, demoArgs(srv, "--userinfo", "--report", report)...)
	if code != 1 || !strings.Contains(errs, "/userinfo was not called") {
		t.Errorf("exit %d:\n%s", code, errs)
	}
	if md := checkLoginReport(t, report, "wrong-password-xyz"); !strings.Contains(md, "invalid_user_password") {
		t.Errorf("the report lacks the refusal:\n%s", md)
	}

	// A report that cannot be written: exit 2, said on stderr.
	code, _, errs = loginRun(t, "", env, demoArgs(srv, "--report", filepath.Join(dir, "missing", "r.md"))...)
	if code != 2 || !strings.Contains(errs, "--report") || !strings.Contains(errs, "missing") {
		t.Errorf("unwritable report: exit %d:\n%s", code, errs)
	}
	if _, help, _ := loginRun(t, "", nil, "--help"); !strings.Contains(help, "--report") || !strings.Contains(help, "--userinfo") || !strings.Contains(help, "--profile") {
		t.Error("the help lacks the new flags")
	}
}

// checkLoginReport fails when the report at path holds the password, a
// secret or a whole token; it returns the report.
func checkLoginReport(t *testing.T, path string, secrets ...string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no report: %v", err)
	}
	md := string(b)
	for _, s := range append(secrets, rotest.Password) {
		if strings.Contains(md, s) {
			t.Errorf("the report holds %q", s)
		}
	}
	if m := regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8,}`).FindString(md); m != "" {
		t.Errorf("the report holds a whole token: %s", m)
	}
	return md
}

// What is odd about the profiles file is said on stderr when login reads it
// (--json or not): a file others can read, a folder others can write, a key
// that looks like a secret; the login itself goes ahead.
func TestLoginWithAProfileWarnsAboutItsFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	srv := rotest.StartForTest(t, rotest.Options{})
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.toml")
	text := "[profiles.demo]\ndomain = \"" + srv.URL + "\"\nclient_id = \"" + rotest.ClientID + "\"\nconnection = \"" + rotest.Connection +
		"\"\nusername = \"" + rotest.UserAlice + "\"\npassword = \"hunter2-kept-in-the-file\"\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	for _, json := range []bool{false, true} {
		args := []string{"--profile", "demo", "--config", path}
		if json {
			args = append(args, "--json")
		}
		code, out, errs := loginRun(t, "", env, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{
			"warning: config file " + path + ": it can be read by other users (mode 0644)",
			"warning: config file " + path + ": its folder " + dir + " can be written by other users (mode 0777)",
			"warning: config file " + path + ", line 6: the key \"profiles.demo.password\" looks like a secret",
		} {
			if !strings.Contains(errs, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errs)
			}
		}
		if strings.Contains(errs+out, "hunter2-kept-in-the-file") {
			t.Error("the secret in the file was printed")
		}
		if json && (!strings.HasPrefix(out, "{") || strings.Contains(out, "warning: config")) {
			t.Errorf("with --json, stdout must stay one JSON object:\n%s", out)
		}
	}
}
