package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rotui/rotui/ro/rotest"
)

// codeArgs are `rotui code` against srv, for the demo client.
func codeArgs(srv *rotest.Server, connection, to string, more ...string) []string {
	return append([]string{"code", "--domain", srv.URL, "--client-id", rotest.ClientID, "--connection", connection, "--username", to}, more...)
}

// nextLine is the command `rotui code` says to type next, from its stderr.
func nextLine(t *testing.T, errs string) string {
	t.Helper()
	_, after, ok := strings.Cut(errs, "next: ")
	if !ok {
		t.Fatalf("no next: line in\n%s", errs)
	}
	lines := strings.Split(after, "\n")
	if len(lines) < 2 {
		t.Fatalf("no command after next:\n%s", errs)
	}
	return strings.TrimSpace(lines[1])
}

// TestCodeAgainstTheDemo: `rotui code` has the demo "send" a code by sms
// and by e-mail, says where it went and the login to type it into; that
// very line logs in with the code; and each exit status.
func TestCodeAgainstTheDemo(t *testing.T) {
	var sent syncBuffer
	srv := rotest.StartForTest(t, rotest.Options{Log: &sent})
	fault := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer fault.Close()
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr []string
		stdout []string
	}{
		{"by sms", codeArgs(srv, rotest.ConnectionSMS, rotest.PhoneAlice), 0,
			[]string{"POST " + srv.URL + "/passwordless/start", "200 OK", "next: type the code"},
			[]string{"sent: a one-time code to the phone number " + rotest.PhoneAlice, "phone_number"}},
		{"by e-mail", codeArgs(srv, rotest.ConnectionEmail, rotest.UserAlice), 0, []string{"next: "},
			[]string{"sent: a one-time code to the e-mail " + rotest.UserAlice, "email_verified"}},
		{"an unknown client", []string{"code", "--domain", srv.URL, "--client-id", "nobody", "--connection", "sms", "--username", rotest.PhoneAlice}, 1,
			[]string{"bad.client_id", "hint:"}, nil},
		{"not a passwordless connection", codeArgs(srv, rotest.Connection, rotest.UserAlice), 2,
			[]string{"rotui code: nothing was sent:", "--connection: A code is sent by a passwordless connection"}, nil},
		{"not a phone number", codeArgs(srv, rotest.ConnectionSMS, "alice"), 2, []string{"--username: The sms connection sends its code to a phone number"}, nil},
		{"no domain", []string{"code", "--client-id", rotest.ClientID, "--connection", "sms", "--username", rotest.PhoneAlice}, 2, []string{"--domain:"}, nil},
		{"a stray argument", codeArgs(srv, rotest.ConnectionSMS, rotest.PhoneAlice, "424242"), 2, []string{"unexpected argument"}, nil},
		{"a bad timeout", codeArgs(srv, rotest.ConnectionSMS, rotest.PhoneAlice, "--timeout", "-1s"), 2, []string{"--timeout must be more than zero"}, nil},
		{"a server fault", codeArgs(&rotest.Server{URL: fault.URL}, rotest.ConnectionSMS, rotest.PhoneAlice), 3, []string{"500"}, nil},
		{"no server", codeArgs(&rotest.Server{URL: "http://127.0.0.1:1"}, rotest.ConnectionSMS, rotest.PhoneAlice), 3, []string{"refused"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := cmdRun(t, "", nil, c.args...)
			checkRun(t, code, out, errs, c.code, c.stderr, c.stdout)
			if c.code != 0 && strings.Contains(errs, "next:") {
				t.Errorf("a login to type a code into, with no code sent:\n%s", errs)
			}
		})
	}
	if !strings.Contains(sent.String(), rotest.PhoneAlice) || !strings.Contains(sent.String(), rotest.PasswordlessCode) {
		t.Errorf("the demo did not send the code: %q", sent.String())
	}

	// The line it says to type logs in, the code typed as the password.
	for _, c := range []struct{ connection, to string }{{rotest.ConnectionSMS, rotest.PhoneAlice}, {rotest.ConnectionEmail, rotest.UserAlice}} {
		_, _, errs := cmdRun(t, "", nil, codeArgs(srv, c.connection, c.to)...)
		want := fmt.Sprintf("rotui login --domain %s --client-id %s --connection %s --username %s --password-stdin", srv.URL, rotest.ClientID, c.connection, c.to)
		line := nextLine(t, errs)
		if line != want {
			t.Errorf("next: %q, want %q", line, want)
		}
		args := strings.Fields(line)[1:]
		if code, out, errs := cmdRun(t, rotest.PasswordlessCode+"\n", nil, args...); code != 0 || !strings.Contains(out, "id_token") {
			t.Errorf("%s: the login said next: exit %d\n%s", line, code, errs)
		}
	}
}

// TestCodeSaysWhatAServerSentSafely: what /passwordless/start answered is
// shown made safe for the terminal, and the login to type next is quoted
// for the shell.
func TestCodeSaysWhatAServerSentSafely(t *testing.T) {
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"_id":"id\u001b]52;c;aGk=\u0007","email":"o'brien@example.com\u202e","email_verified":true}`)
	}))
	defer hostile.Close()
	const to = "o'brien@example.com"
	for _, mode := range []string{"text", "--json"} {
		args := []string{"code", "--domain", hostile.URL, "--client-id", "c id", "--connection", "email", "--username", to}
		if mode == "--json" {
			args = append(args, "--json")
		}
		code, out, errs := cmdRun(t, "", nil, args...)
		if code != 2 || !strings.Contains(errs+out, "client") {
			t.Errorf("%s: a client ID with a space: exit %d\n%s%s", mode, code, errs, out)
		}
		args[4] = "c"
		code, out, errs = cmdRun(t, "", nil, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", mode, code, errs)
		}
		for _, raw := range []string{"\x1b", "\a", "\u202e"} {
			if strings.Contains(out+errs, raw) {
				t.Errorf("%s: %q reached the terminal:\n%q\n%q", mode, raw, out, errs)
			}
		}
		next := `rotui login --domain ` + hostile.URL + ` --client-id c --connection email --username 'o'\''brien@example.com' --password-stdin`
		if mode == "text" && nextLine(t, errs) != next {
			t.Errorf("next: %q, want %q", nextLine(t, errs), next)
		}
		if mode == "--json" {
			for path, want := range map[string]string{".ok": "true", ".next": next, ".sent.to": to, ".sent.connection": "email", ".sent.email_verified": "true"} {
				if v, ok := jqPath(t, out, path); !ok || fmt.Sprint(v) != want {
					t.Errorf("%s = %v, want %s", path, v, want)
				}
			}
		}
	}
}
