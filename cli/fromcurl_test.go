package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// demoCurl is the curl command of a demo login as rotui's curl pane shows
// it revealed (password included), with edit applied to the request first.
func demoCurl(t *testing.T, srv *rotest.Server, edit func(*ro.Request)) string {
	t.Helper()
	r := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password, Scope: "openid profile"}
	if edit != nil {
		edit(&r)
	}
	sent, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	return sent.Curl(true)
}

func writeTemp(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "login.sh")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoginFromCurl: --from-curl fills the login from a command (a file, or
// stdin for -), flags and their environment variables win over its values,
// and bad input exits 2 naming what could not be used. The command's
// password is used for the call and never printed.
func TestLoginFromCurl(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	alice := demoCurl(t, srv, nil)
	aliceFile := writeTemp(t, alice)
	blockedFile := writeTemp(t, demoCurl(t, srv, func(r *ro.Request) { r.Username = rotest.UserBlocked }))
	wrongFile := writeTemp(t, demoCurl(t, srv, func(r *ro.Request) { r.Password = "not-the-password" }))
	realmFile := writeTemp(t, demoCurl(t, srv, func(r *ro.Request) { r.Flow = ro.FlowRealm }))
	masked, _ := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password}.Build()
	maskedFile := writeTemp(t, masked.Curl(false))
	reference, err := os.ReadFile("../ro/testdata/curl/auth0-reference.txt")
	if err != nil {
		t.Fatal(err)
	}
	envPW := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	for _, c := range []struct {
		name   string
		stdin  string
		env    map[string]string
		args   []string
		code   int
		stderr []string
	}{
		{"a file", "", nil, []string{"--from-curl", aliceFile}, 0,
			[]string{"--from-curl: filled domain, client_id, connection, username, password, scope, flow", "ignored header Accept", "200 OK", "(flow ro)"}},
		{"stdin", alice, nil, []string{"--from-curl", "-", "--json"}, 0, []string{"filled domain"}},
		{"the command's scope, not the flag's default", "", nil, []string{"--from-curl", aliceFile, "--json"}, 0, nil},
		{"the command's flow", "", nil, []string{"--from-curl", realmFile}, 0, []string{"/oauth/token", "(flow realm)"}},
		{"a flag wins over the command", "", nil, []string{"--from-curl", blockedFile, "--username", rotest.UserAlice}, 0,
			[]string{"given, so not taken from the command: --username", "200 OK"}},
		{"--flow wins over the command", "", nil, []string{"--from-curl", aliceFile, "--flow", "realm"}, 0, []string{"(flow realm)"}},
		{"the command's username is used", "", nil, []string{"--from-curl", blockedFile}, 1, []string{"blocked"}},
		{"ROTUI_PASSWORD wins over the command's password", "", envPW, []string{"--from-curl", wrongFile}, 0,
			[]string{"given, so not taken from the command: --password-stdin", "200 OK"}},
		{"--password-stdin wins over the command's password", rotest.Password + "\n", nil, []string{"--from-curl", wrongFile, "--password-stdin"}, 0, []string{"200 OK"}},
		{"a masked password is a placeholder to give", "", nil, []string{"--from-curl", maskedFile}, 2,
			[]string{"placeholders, not values, in the command: password (--password-stdin)", "nothing was sent", "No password was given"}},
		{"a masked password, given", "", envPW, []string{"--from-curl", maskedFile}, 0, []string{"200 OK"}},
		{"Auth0's reference page", string(reference), nil, []string{"--from-curl", "-"}, 2,
			[]string{"placeholders, not values, in the command: domain (--domain), client_id (--client-id)", "nothing was sent"}},
		{"one reader of stdin", alice, nil, []string{"--from-curl", "-", "--password-stdin"}, 2, []string{"would both read stdin"}},
		{"one reader of stdin, for the ID token too", alice, nil, []string{"--from-curl", "-", "--id-token-stdin"}, 2, []string{"would both read stdin"}},
		{"not a curl command", "eyJhbGciOiJub25lIn0.e30.", nil, []string{"--from-curl", "-"}, 2, []string{"--from-curl: this is not a curl command"}},
		{"another endpoint", strings.Replace(alice, "/oauth/ro", "/delegation", 1), nil, []string{"--from-curl", "-"}, 2, []string{"--from-curl: the command calls /delegation"}},
		{"an unclosed quote", strings.TrimSuffix(alice, "'"), nil, []string{"--from-curl", "-"}, 2, []string{"is never closed"}},
		{"empty stdin", "", nil, []string{"--from-curl", "-"}, 2, []string{"stdin is empty"}},
		{"no such file", "", nil, []string{"--from-curl", filepath.Join(t.TempDir(), "none")}, 2, []string{"--from-curl: the file could not be read"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := loginRun(t, c.stdin, c.env, c.args...)
			checkRun(t, code, out, errs, c.code, c.stderr, nil, rotest.Password, "not-the-password")
			if strings.Contains(c.name, "scope") && !strings.Contains(out, `"nickname"`) {
				t.Errorf("the scope openid profile was not sent (no nickname claim):\n%s", out)
			}
		})
	}
}
