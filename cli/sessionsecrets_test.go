package cli

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rotui/rotui/internal/echotest"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// TestSessionSecretsNeverShow is TestSecretsNeverShow for the commands of
// a session after the login: the refresh token that refresh and revoke
// send appears in no output of theirs (text and --json, success and every
// failure), even when a server quotes it back in every form of
// echotest.Forms; and a whole session against the demo (a code sent, the
// login with it, an MFA login, a refresh, a revoke) shows none of the
// password, the passwordless code, the MFA code or the refresh token sent;
// nor does login a client secret found in a pasted curl command.
func TestSessionSecretsNeverShow(t *testing.T) {
	const refreshToken = `v1.Mr8-Zq/rt+T0k3n_x&<é>"`
	servers := map[string]*httptest.Server{}
	for _, kind := range []string{"page", "json", "ok"} {
		srv := httptest.NewServer(formsEchoServer(kind))
		defer srv.Close()
		servers[kind] = srv
	}
	for name, srv := range servers {
		for _, c := range []struct {
			cmd   string
			flows []string
		}{
			{"refresh", []string{"ro", "realm", "password"}},
			{"revoke", []string{"ro", "password"}},
		} {
			for _, flow := range c.flows {
				for _, mode := range []string{"text", "--json"} {
					for _, from := range []string{"stdin", "env"} {
						args := []string{c.cmd, "--domain", srv.URL, "--client-id", "c", "--flow", flow}
						stdin, env := "", map[string]string{"ROTUI_REFRESH_TOKEN": refreshToken}
						if from == "stdin" {
							stdin, env = refreshToken+"\n", nil
							args = append(args, "--refresh-token-stdin")
						}
						if mode == "--json" {
							args = append(args, "--json")
						}
						_, out, errs := cmdRun(t, stdin, env, args...)
						where := fmt.Sprintf("%s server, %s --flow %s, %s, from %s", name, c.cmd, flow, mode, from)
						if leaks := echotest.Leaks(out+errs, refreshToken); leaks != nil {
							t.Errorf("%s: shows the refresh token as %v:\n%s\n%s", where, leaks, out, errs)
						}
						// revoke's text shows nothing of a 200's body: nothing to mask there.
						if !(c.cmd == "revoke" && mode == "text" && name == "ok") && !strings.Contains(out+errs, ro.Mask) {
							t.Errorf("%s: nothing masked:\n%s\n%s", where, out, errs)
						}
					}
				}
			}
		}
	}

	// A whole session against the demo, in text and in --json.
	srv := rotest.StartForTest(t, rotest.Options{})
	for _, mode := range []string{"text", "--json"} {
		json := func(args ...string) []string {
			if mode == "--json" {
				args = append(args, "--json")
			}
			return args
		}
		var shown strings.Builder
		step := func(want int, stdin string, env map[string]string, args ...string) string {
			t.Helper()
			code, out, errs := cmdRun(t, stdin, env, args...)
			if code != want {
				t.Fatalf("%s: rotui %v: exit %d, want %d\n%s", mode, args, code, want, errs)
			}
			shown.WriteString(out + errs)
			return out
		}
		step(0, "", nil, json(codeArgs(srv, rotest.ConnectionSMS, rotest.PhoneAlice)...)...)
		step(0, rotest.PasswordlessCode+"\n", nil, json("login", "--domain", srv.URL, "--client-id", rotest.ClientID,
			"--connection", rotest.ConnectionSMS, "--username", rotest.PhoneAlice, "--password-stdin")...)
		step(1, rotest.Password+"\n", nil, json(append([]string{"login"}, mfaArgs(srv, rotest.UserMFA, "--password-stdin", "--mfa-code", "987654")...)...)...)
		step(0, rotest.Password+"\n", map[string]string{"ROTUI_MFA_CODE": rotest.MFACode}, json(append([]string{"login"}, mfaArgs(srv, rotest.UserMFA, "--password-stdin")...)...)...)
		rt := demoLogin(t, srv, ro.FlowRO, "openid offline_access").RefreshToken
		step(0, rt+"\n", nil, json(refreshArgs(srv, "--refresh-token-stdin")...)...)
		step(0, "", map[string]string{"ROTUI_REFRESH_TOKEN": rt}, json(revokeArgs(srv)...)...)
		step(1, rt+"\n", nil, json(refreshArgs(srv, "--refresh-token-stdin")...)...)
		for _, secret := range []string{rotest.Password, rotest.PasswordlessCode, rotest.MFACode, "987654", rt} {
			if strings.Contains(shown.String(), secret) {
				t.Errorf("%s: the session shows %q:\n%s", mode, secret, shown.String())
			}
		}
	}

	// A client secret in a pasted curl command is ignored, and never said.
	const clientSecret = "cs-Qw7-Er9-Ty3-Ui5"
	cmd := strings.Replace(demoCurl(t, srv, nil), `"client_id":`, `"client_secret":"`+clientSecret+`","client_id":`, 1)
	for _, mode := range []string{"text", "--json"} {
		args := []string{"--from-curl", writeTemp(t, cmd)}
		if mode == "--json" {
			args = append(args, "--json")
		}
		code, out, errs := loginRun(t, "", nil, args...)
		if code != 0 || !strings.Contains(errs, "ignored body field client_secret") {
			t.Errorf("%s: exit %d, the client secret not said to be ignored:\n%s", mode, code, errs)
		}
		if leaks := echotest.Leaks(out+errs, clientSecret); leaks != nil {
			t.Errorf("%s: shows the client secret as %v", mode, leaks)
		}
	}
}
