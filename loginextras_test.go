package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/config"
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
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
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
	iss, err := x.applyProfile(fs, &r, &flow)
	if err != nil {
		t.Fatal(err)
	}
	if r.Domain != "acme.us.auth0.com" || r.Username != "bob@example.com" || r.Scope != "openid email" || flow != "realm" || iss != "https://login.acme.com/" {
		t.Errorf("got %+v flow %q issuer %q", r, flow, iss)
	}

	x.Profile = "prod"
	if _, err := x.applyProfile(fs, &r, &flow); err == nil || !strings.Contains(err.Error(), `"acme"`) || !strings.Contains(err.Error(), path) {
		t.Errorf("an unknown profile: %v", err)
	}
}

func TestLoginAfterUserInfoAndReport(t *testing.T) {
	srv := demoTenant(t, rotest.Options{})
	client := ro.NewClient(ro.ClientOptions{})
	req := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection, Username: rotest.UserAlice,
		Password: rotest.Password, Scope: "openid profile email", Flow: ro.FlowRO}
	ex, err := client.Login(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.md")
	x := loginExtras{UserInfo: true, Report: path}
	a := x.after(context.Background(), client, req, "", ex, err, time.Now())
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
	a := x.after(context.Background(), client, req, "", ex, nil, time.Now())
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
	a = x.after(context.Background(), client, req, "", nil, &ro.ValidationError{}, time.Now())
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
