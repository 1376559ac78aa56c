package cli

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// mfaArgs are the demo's login of user, the password from the environment.
func mfaArgs(srv *rotest.Server, user string, more ...string) []string {
	return append([]string{"--domain", srv.URL, "--client-id", rotest.ClientID, "--connection", rotest.Connection, "--username", user}, more...)
}

// TestLoginMFACode: --mfa-code (or ROTUI_MFA_CODE; the flag wins, as
// --password-stdin wins over ROTUI_PASSWORD) goes out as mfa_code and gets
// the MFA user through; each refusal says what to do; the code never shows.
func TestLoginMFACode(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	const wrong = "000000"
	for _, c := range []struct {
		name    string
		user    string
		env     string // ROTUI_MFA_CODE
		args    []string
		code    int
		stderr  []string
		secrets []string // codes that must not show
	}{
		{"no code", rotest.UserMFA, "", nil, 1, []string{"a0.mfa_required", "try: the same command with --mfa-code CODE"}, nil},
		{"the flag", rotest.UserMFA, "", []string{"--mfa-code", rotest.MFACode}, 0, []string{"200 OK"}, []string{rotest.MFACode}},
		{"the environment", rotest.UserMFA, rotest.MFACode, nil, 0, []string{"200 OK"}, []string{rotest.MFACode}},
		{"the flag wins over the environment", rotest.UserMFA, wrong, []string{"--mfa-code", rotest.MFACode}, 0, []string{"200 OK"}, []string{rotest.MFACode, wrong}},
		{"a wrong flag is not saved by the environment", rotest.UserMFA, rotest.MFACode, []string{"--mfa-code", wrong}, 1,
			[]string{"a0.mfa_invalid_code", "fresh code", "try: the same command with --mfa-code CODE"}, []string{rotest.MFACode, wrong}},
		{"a code for a user without MFA", rotest.UserAlice, "", []string{"--mfa-code", rotest.MFACode}, 1, []string{"mfa_code not allowed", "try: the same command without --mfa-code"}, []string{rotest.MFACode}},
		{"the realm flow has no MFA code", rotest.UserMFA, "", []string{"--mfa-code", rotest.MFACode, "--flow", "realm"}, 2,
			[]string{"nothing was sent", "--mfa-code: The realm flow takes no MFA code"}, []string{rotest.MFACode}},
		{"a code with a space", rotest.UserMFA, "", []string{"--mfa-code", "123 456"}, 2, []string{"--mfa-code: The MFA code has a space"}, []string{"123 456"}},
		// ROTUI_MFA_CODE is for the ro flow: the others leave it out and say so,
		// and every message about the code names where it came from.
		{"the environment is left out of the realm flow", rotest.UserAlice, rotest.MFACode, []string{"--flow", "realm"}, 0,
			[]string{"ROTUI_MFA_CODE is not sent: the realm flow takes no MFA code", "200 OK"}, []string{rotest.MFACode}},
		{"the environment is left out of the password flow", rotest.UserAlice, rotest.MFACode, []string{"--flow", "password"}, 0,
			[]string{"ROTUI_MFA_CODE is not sent: the password flow takes no MFA code", "200 OK"}, []string{rotest.MFACode}},
		{"the environment's code for a user without MFA", rotest.UserAlice, rotest.MFACode, nil, 1,
			[]string{"mfa_code not allowed", "try: the same command with ROTUI_MFA_CODE unset (the MFA code sent came from it)"}, []string{rotest.MFACode}},
		{"a wrong code from the environment", rotest.UserMFA, wrong, nil, 1,
			[]string{"a0.mfa_invalid_code", "try: the same command with a fresh code in ROTUI_MFA_CODE (the MFA code sent came from it)"}, []string{wrong}},
		{"a code with a space from the environment", rotest.UserMFA, "123 456", nil, 2, []string{"ROTUI_MFA_CODE: The MFA code has a space"}, []string{"123 456"}},
	} {
		for _, mode := range []string{"text", "--json"} {
			t.Run(c.name+"/"+mode, func(t *testing.T) {
				env := map[string]string{"ROTUI_PASSWORD": rotest.Password, "ROTUI_MFA_CODE": c.env}
				args := mfaArgs(srv, c.user, c.args...)
				if mode == "--json" {
					args = append(args, "--json")
				}
				code, out, errs := loginRun(t, "", env, args...)
				if code != c.code {
					t.Fatalf("exit %d, want %d\n%s\n%s", code, c.code, errs, out)
				}
				if mode == "text" {
					for _, want := range c.stderr {
						if !strings.Contains(errs, want) {
							t.Errorf("stderr lacks %q:\n%s", want, errs)
						}
					}
				} else if body, _ := jqPath(t, out, ".request.body"); body != nil && strings.Contains(c.name, "left out") {
					if strings.Contains(body.(string), "mfa_code") {
						t.Errorf("the flow sent an MFA code: %v", body)
					}
				} else if body != nil && len(c.secrets) > 0 && !strings.Contains(body.(string), `"mfa_code":"`+ro.Mask+`"`) {
					t.Errorf("the request's body does not show the code masked: %v", body)
				}
				for _, s := range c.secrets {
					if strings.Contains(out+errs, s) {
						t.Errorf("the MFA code %s shows:\n%s\n%s", s, out, errs)
					}
				}
			})
		}
	}
}

// TestLoginMFAEnrolment: a user who must enrol gets the provider, the key
// and the otpauth:// URI, in text and under error.mfa_settings in --json,
// with what a hostile server put in them made safe for the terminal.
func TestLoginMFAEnrolment(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	env := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	code, out, errs := loginRun(t, "", env, mfaArgs(srv, rotest.UserEnroll)...)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{"a0.mfa_registration_required", "enrol: provider google-authenticator", "enrol: key " + rotest.MFAEnrollKey,
		"enrol: uri otpauth://totp/", "secret=" + rotest.MFAEnrollKey, "try: the same command with --mfa-code CODE"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	_, out, _ = loginRun(t, "", env, mfaArgs(srv, rotest.UserEnroll, "--json")...)
	for path, want := range map[string]string{
		".error.mfa_settings.provider": "google-authenticator",
		".error.mfa_settings.key":      rotest.MFAEnrollKey,
		".error.suggest_mfa_code":      "true",
	} {
		if v, ok := jqPath(t, out, path); !ok || fmt.Sprint(v) != want {
			t.Errorf("%s = %v, want %s\n%s", path, v, want, out)
		}
	}
	if v, _ := jqPath(t, out, ".error.mfa_settings.uri"); !strings.HasPrefix(fmt.Sprint(v), "otpauth://totp/") {
		t.Errorf(".error.mfa_settings.uri = %v", v)
	}
	// Once enrolled, the code gets the user through.
	if code, _, errs := loginRun(t, "", env, mfaArgs(srv, rotest.UserEnroll, "--mfa-code", rotest.MFACode)...); code != 0 {
		t.Errorf("enrolled, with the code: exit %d\n%s", code, errs)
	}

	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"a0.mfa_registration_required","error_description":"enrol","mfa_settings":{"provider":"g\u001b[31mA\u202e","key":"K\u001b]52;c;aGk=\u0007EY","qr":"otpauth://totp/x?secret=AB\u001b[2J"}}`)
	}))
	defer hostile.Close()
	for _, mode := range []string{"text", "--json"} {
		args := []string{"--domain", hostile.URL, "--client-id", "c", "--connection", "db", "--username", "u"}
		if mode == "--json" {
			args = append(args, "--json")
		}
		_, out, errs := loginRun(t, "", env, args...)
		for _, raw := range []string{"\x1b", "\u202e", "\a"} {
			if strings.Contains(out+errs, raw) {
				t.Errorf("%s: %q reached the terminal:\n%q\n%q", mode, raw, out, errs)
			}
		}
		if !strings.Contains(out+errs, "provider") || strings.Contains(out+errs, "otpauth://totp/x") {
			t.Errorf("%s: the provider should show, and a URI with a control character should not:\n%s\n%s", mode, out, errs)
		}
	}
}

// TestLoginMFACodeFromCurl: a curl command's mfa_code fills --mfa-code;
// the flag and ROTUI_MFA_CODE win over it, and none of them shows.
func TestLoginMFACodeFromCurl(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	withCode := writeTemp(t, demoCurl(t, srv, func(r *ro.Request) { r.Username, r.MFACode = rotest.UserMFA, rotest.MFACode }))
	wrongCode := writeTemp(t, demoCurl(t, srv, func(r *ro.Request) { r.Username, r.MFACode = rotest.UserMFA, "000000" }))
	for _, c := range []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stderr string
	}{
		{"the command's code", nil, []string{"--from-curl", withCode}, 0, "filled domain, client_id, connection, username, password, scope, flow, mfa_code"},
		{"the flag wins", nil, []string{"--from-curl", wrongCode, "--mfa-code", rotest.MFACode}, 0, "given, so not taken from the command: --mfa-code"},
		{"ROTUI_MFA_CODE wins", map[string]string{"ROTUI_MFA_CODE": rotest.MFACode}, []string{"--from-curl", wrongCode}, 0, "given, so not taken from the command: ROTUI_MFA_CODE"},
		{"a wrong code in the command", nil, []string{"--from-curl", wrongCode}, 1, "a0.mfa_invalid_code"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := loginRun(t, "", c.env, c.args...)
			if code != c.code || !strings.Contains(errs, c.stderr) {
				t.Errorf("exit %d (want %d), stderr should say %q:\n%s", code, c.code, c.stderr, errs)
			}
			if strings.Contains(out+errs, rotest.MFACode) || strings.Contains(out+errs, "000000") {
				t.Errorf("an MFA code shows:\n%s\n%s", out, errs)
			}
		})
	}
}

// TestRefusalsSayWhatToTypeHere: ro's hint says what to do on any surface;
// the command line adds its own "try:" with the flag that does it, and
// words nothing for a screen it does not have (a form's field, a QR code).
func TestRefusalsSayWhatToTypeHere(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	bearer := rotest.StartForTest(t, rotest.Options{RequireBearer: true})
	env := map[string]string{"ROTUI_PASSWORD": rotest.Password}
	for _, c := range []struct {
		name string
		args []string
		try  string
	}{
		{"MFA not enrolled", mfaArgs(srv, rotest.UserEnroll), "try: the same command with --mfa-code CODE"},
		{"MFA on", mfaArgs(srv, rotest.UserMFA), "try: the same command with --mfa-code CODE"},
		{"a code for a user without MFA", mfaArgs(srv, rotest.UserAlice, "--mfa-code", rotest.MFACode), "try: the same command without --mfa-code"},
		{"a bearer wanted", mfaArgs(bearer, rotest.UserAlice), "try: the same command with --bearer TOKEN"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, errs := loginRun(t, "", env, c.args...)
			if !strings.Contains(errs, c.try) {
				t.Errorf("stderr lacks %q:\n%s", c.try, errs)
			}
			for _, screen := range []string{"QR code", " field", "--mfa-code)", "--bearer)"} {
				if hint := lineWith(errs, "hint: "); strings.Contains(hint, screen) {
					t.Errorf("the hint speaks of %q:\n%s", screen, hint)
				}
			}
		})
	}
}

// lineWith is the first line of s that starts with prefix, or "".
func lineWith(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// TestSecretPromptsSayWhatTheyRead: at a terminal, --password-stdin prompts
// for what the connection takes as the password: a passwordless one's code
// ("Code:"), as the form labels it, else the password.
func TestSecretPromptsSayWhatTheyRead(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	for _, c := range []struct {
		name, connection, flow, prompt string
	}{
		{"a database connection", rotest.Connection, "ro", "Password: "},
		{"sms", "sms", "ro", "Code: "},
		{"email, realm flow", "email", "realm", "Code: "},
		{"the password flow sends no connection", "sms", "password", "Password: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			ptmx, tty, err := pty.Open()
			if err != nil {
				t.Skipf("no pseudo-terminal: %v", err)
			}
			defer ptmx.Close()
			defer tty.Close()
			go io.Copy(io.Discard, ptmx)
			if _, err := ptmx.Write([]byte("424242\n")); err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			s := streams{In: tty, Out: &out, Err: &errb, Getenv: func(string) string { return "" }}
			run([]string{"login", "--domain", srv.URL, "--client-id", rotest.ClientID, "--connection", c.connection,
				"--username", "+15555550100", "--flow", c.flow, "--password-stdin"}, s)
			if !strings.HasPrefix(errb.String(), c.prompt) {
				t.Errorf("the prompt is not %q:\n%s", c.prompt, errb.String())
			}
		})
	}
}
