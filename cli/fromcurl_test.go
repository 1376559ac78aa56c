package cli

import (
	"os"
	"path/filepath"
	"slices"
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
			[]string{"given, so not taken from the command: ROTUI_PASSWORD", "200 OK"}},
		{"--password-stdin wins over the command's password", rotest.Password + "\n", nil, []string{"--from-curl", wrongFile, "--password-stdin"}, 0,
			[]string{"given, so not taken from the command: --password-stdin", "200 OK"}},
		{"--password-stdin wins over ROTUI_PASSWORD, and is named", rotest.Password + "\n", map[string]string{"ROTUI_PASSWORD": "not-the-password"},
			[]string{"--from-curl", wrongFile, "--password-stdin"}, 0, []string{"given, so not taken from the command: --password-stdin", "200 OK"}},
		{"a masked password in a command on stdin: ROTUI_PASSWORD, which stdin cannot be", masked.Curl(false), nil, []string{"--from-curl", "-"}, 2,
			[]string{"--password-stdin cannot give the password: set ROTUI_PASSWORD"}},
		{"a masked password in a command on stdin, given in ROTUI_PASSWORD", masked.Curl(false), envPW, []string{"--from-curl", "-"}, 0, []string{"200 OK"}},
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
			if strings.Contains(errs, "pipe it to --password-stdin") && slices.Contains(c.args, "-") {
				t.Errorf("with the command on stdin, the advice pipes the password there too:\n%s", errs)
			}
			if strings.Contains(c.name, "scope") && !strings.Contains(out, `"nickname"`) {
				t.Errorf("the scope openid profile was not sent (no nickname claim):\n%s", out)
			}
		})
	}
}

// TestLoginFromCurlSaysItsOwnWords: what --from-curl says fits the
// command line: plain http to another machine asks for --insecure (the
// flag, not the TUI's switch), which lets the command through; each
// ignored curl option says its own reason.
func TestLoginFromCurlSaysItsOwnWords(t *testing.T) {
	const cmd = "curl http://acme.example.com/oauth/ro --http1.1 --retry 3 -d client_id=abc -d connection=db -d username=alice -d password=********"
	code, out, errs := loginRun(t, cmd, nil, "--from-curl", "-")
	checkRun(t, code, out, errs, 2, []string{"plain http to acme.example.com", "add --insecure"}, nil)
	if strings.Contains(errs, "switch") {
		t.Errorf("the command line names the TUI's switch:\n%s", errs)
	}
	// With --insecure the command is read (and the masked password is then
	// the problem: nothing is sent anywhere).
	code, out, errs = loginRun(t, cmd, map[string]string{"ROTUI_PASSWORD": "x"}, "--from-curl", "-", "--insecure", "--username", "")
	if strings.Contains(errs, "plain http to acme.example.com, which") || !strings.Contains(errs, "ignored --http1.1: rotui speaks the HTTP version") ||
		!strings.Contains(errs, "ignored --retry: rotui sends a login once") || strings.Contains(errs, "--timeout") {
		t.Errorf("exit %d\n%s%s", code, errs, out)
	}
}

// TestLoginFromCurlNeverSaysPartOfASecret: a form body whose secret holds
// an & written as it is (the rest of it reads as a field of its own) is
// never said back in part, on stderr or with --json, for every secret
// field and shape of the cut; the advice says to write the & as %26.
func TestLoginFromCurlNeverSaysPartOfASecret(t *testing.T) {
	const rest = "tP4ss"
	for _, secret := range []string{"password", "client_secret", "mfa_code", "otp", "id_token", "refresh_token", "token"} {
		for _, shape := range []string{
			" -d '" + secret + "=S3cr&" + rest + "'",
			" -d '" + secret + "=S3cr&" + rest + "=x'",
			" -d " + secret + "=S3cr -d " + rest,
			" --data-urlencode '=" + rest + "'",
			" -d '=" + rest + "'",
		} {
			// No username: nothing is sent, whatever the command holds.
			cmd := "curl https://acme.us.auth0.com/oauth/ro -d client_id=abc -d connection=db" + shape
			for _, json := range []bool{false, true} {
				args := []string{"--from-curl", "-"}
				if json {
					args = append(args, "--json")
				}
				code, out, errs := loginRun(t, cmd, map[string]string{"ROTUI_PASSWORD": "x"}, args...)
				if strings.Contains(strings.ToLower(out+errs), strings.ToLower(rest)) || code != 2 {
					t.Errorf("%s (json %v): exit %d, part of the secret said:\n%s%s", cmd, json, code, errs, out)
				}
				if strings.Contains(shape, secret) && !strings.Contains(errs, "%26") {
					t.Errorf("%s: nothing says to write the & as %%26:\n%s", cmd, errs)
				}
			}
		}
	}
}
