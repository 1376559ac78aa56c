package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rotui/rotui/ro/rotest"
)

// realmAnswering is the demo tenant, except that /oauth/token answers with
// answer: a refusal, a fault, or a dropped connection.
func realmAnswering(t *testing.T, answer func(w http.ResponseWriter)) *httptest.Server {
	t.Helper()
	tenant := rotest.NewHandler(rotest.Options{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			answer(w)
			return
		}
		tenant.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func demoURLArgs(url string, more ...string) []string {
	return append([]string{"--domain", url, "--client-id", rotest.ClientID, "--connection", rotest.Connection,
		"--username", rotest.UserAlice}, more...)
}

// `rotui login --compare-realm`: its exit status is the ro answer's; a
// realm refusal is shown in the comparison, a realm fault is 3; options
// that cannot go with it are bad usage.
func TestLoginCompareRealm(t *testing.T) {
	demo := rotest.StartForTest(t, rotest.Options{})
	off := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	refused := realmAnswering(t, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error":"unauthorized_client","error_description":"Grant type 'http://auth0.com/oauth/grant-type/password-realm' not allowed for the client."}`))
	})
	faulty := realmAnswering(t, func(w http.ResponseWriter) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html>bad gateway</html>"))
	})
	dropped := realmAnswering(t, func(w http.ResponseWriter) {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
		}
	})
	pw := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		out  []string // pieces of stdout
		err  []string // pieces of stderr
		// notOut and notErr are pieces that must not be there.
		notOut, notErr []string
	}{
		{
			name: "both logins", env: pw, code: exitOK,
			args: demoArgs(demo, "--compare-realm", "--scope", "openid profile email offline_access", "--device", rotest.DemoDevice),
			out: []string{
				"What moving from /oauth/ro to the realm flow changes, for alice@example.com\n\nSummary\n  1. Call POST /oauth/token (grant password-realm",
				"  2. ID token: 4 claims gone (user_id, clientID, …), read them from /userinfo",
				"  3. Refresh at /oauth/token (refresh_token grant)",
				"  ~ connection → realm", "  - device", "  = same: client_id, username, password, scope",
				"ID token\n  ! 4 claims of the legacy profile are not in the realm ID token", "  - identities",
				"Refresh token\n  ! The ro refresh token works only at POST /delegation",
			},
			err: []string{"(flow ro)", "(flow realm)", "checks: all consistent"},
		},
		{
			name: "an audience goes to the realm call only", env: pw, code: exitOK,
			args: demoArgs(demo, "--compare-realm", "--audience", "https://api.example.com"),
			out:  []string{"  + audience            https://api.example.com  (sent to the realm call only", "The access token becomes a JWT for https://api.example.com"},
		},
		{
			name: "/oauth/ro off: the ro answer's 404 decides", env: pw, code: exitRefused,
			args: demoArgs(off, "--compare-realm"),
			out:  []string{"ID token\n  i Only the realm login returned an ID token."},
			err:  []string{"404 Not Found", "(flow realm)", "200 OK"},
			// It has just sent the login through realm: it does not say to try it.
			notErr: []string{"try: the same command with --flow realm"},
		},
		{
			name: "a wrong password is not tried twice", env: map[string]string{"ROTUI_PASSWORD": "wrong"}, code: exitRefused,
			args: demoArgs(demo, "--compare-realm"),
			out: []string{"  2. The realm login was not sent, because /oauth/ro refused this login (invalid_user_password).",
				"✗ The realm login was not sent: /oauth/ro refused this login (invalid_user_password)"},
			// Nothing went out through realm: no request to compare.
			notOut: []string{"\nRequest\n", "endpoint"},
		},
		{
			name: "realm refused: shown, not a fault", env: pw, code: exitOK,
			args: demoURLArgs(refused.URL, "--compare-realm"),
			out:  []string{"  2. First make the realm login work: it was refused (unauthorized_client).", "✗ The realm login was refused: unauthorized_client"},
			err:  []string{"403 Forbidden"},
		},
		{name: "realm 5xx is a fault", env: pw, code: exitFault, args: demoURLArgs(faulty.URL, "--compare-realm"), out: []string{"✗ The realm login was refused"}},
		{name: "realm connection dropped is a fault", env: pw, code: exitFault, args: demoURLArgs(dropped.URL, "--compare-realm"), out: []string{"✗ The realm login failed"}},
		{name: "not with --flow realm", env: pw, code: exitUsage, args: demoArgs(demo, "--compare-realm", "--flow", "realm"), err: []string{"use it with --flow ro"}},
		{name: "not with --userinfo", env: pw, code: exitUsage, args: demoArgs(demo, "--compare-realm", "--userinfo"), err: []string{"goes without --userinfo and --report"}},
		{name: "nothing sent", env: pw, code: exitUsage, args: demoArgs(demo, "--compare-realm", "--client-id", ""), err: []string{"nothing was sent"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := loginRun(t, "", tc.env, tc.args...)
			checkRun(t, code, out, errs, tc.code, tc.err, tc.out)
			for _, w := range tc.notOut {
				if strings.Contains(out, w) {
					t.Errorf("stdout has %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notErr {
				if strings.Contains(errs, w) {
					t.Errorf("stderr has %q:\n%s", w, errs)
				}
			}
			// --json: one object, the same status.
			jcode, jout, _ := loginRun(t, "", tc.env, append(tc.args, "--json")...)
			if jcode != tc.code {
				t.Errorf("--json: exit %d, want %d", jcode, tc.code)
			}
			if tc.code != exitUsage || strings.Contains(strings.Join(tc.err, ""), "nothing was sent") {
				var v map[string]any
				if err := json.Unmarshal([]byte(jout), &v); err != nil {
					t.Errorf("--json: not one object: %v\n%s", err, jout)
				}
			}
		})
	}
}

// --json holds both exchanges as `login --json` shows one, and the
// comparison.
func TestLoginCompareRealmJSON(t *testing.T) {
	demo := rotest.StartForTest(t, rotest.Options{})
	code, out, errs := loginRun(t, "", map[string]string{"ROTUI_PASSWORD": rotest.Password},
		demoArgs(demo, "--compare-realm", "--json", "--scope", "openid email")...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	var got struct {
		RO    struct{ Flow, Status any }
		Realm struct {
			Flow    string
			Request struct{ Body string }
			Tokens  struct {
				Decoded struct {
					IDToken struct{ Payload map[string]any } `json:"id_token"`
				}
			}
		}
		Comparison struct {
			Summary   []string
			RealmSent bool `json:"realm_sent"`
			Request   []struct{ Name, Change string }
			Tokens    []struct {
				Token      string
				Comparison *struct{ Same []struct{ Name string } }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.RO.Flow != "ro" || got.Realm.Flow != "realm" || !got.Comparison.RealmSent || len(got.Comparison.Summary) != 3 {
		t.Errorf("ro %v, realm %q, sent %v, summary %q", got.RO.Flow, got.Realm.Flow, got.Comparison.RealmSent, got.Comparison.Summary)
	}
	if got.Realm.Tokens.Decoded.IDToken.Payload["email"] != rotest.UserAlice || !strings.Contains(got.Realm.Request.Body, `"password":"********"`) {
		t.Errorf("the realm exchange as login --json shows it: %+v", got.Realm)
	}
	if len(got.Comparison.Tokens) != 3 || got.Comparison.Tokens[0].Token != "id_token" || got.Comparison.Tokens[0].Comparison == nil {
		t.Errorf("tokens: %+v", got.Comparison.Tokens)
	}
}
