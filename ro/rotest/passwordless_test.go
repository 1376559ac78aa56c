package rotest

import (
	"strings"
	"testing"

	"github.com/rotui/rotui/internal/syncbuf"
)

// logBuffer is an Options.Log a test reads while the tenant writes.
type logBuffer = syncbuf.Buffer

// startFields is a /passwordless/start body, changed by overrides; an
// override of nil removes the field.
func startFields(overrides map[string]any) map[string]any {
	f := map[string]any{"client_id": ClientID, "connection": ConnectionSMS, "phone_number": PhoneAlice, "send": "code"}
	return withOverrides(f, overrides)
}

// TestPasswordlessStartAnswersAndPrintsTheCode checks the answers' shapes
// (auth0-java's and Auth0.NET's models) and that each send is printed on
// the log, code included, and nothing else is.
func TestPasswordlessStartAnswersAndPrintsTheCode(t *testing.T) {
	var log logBuffer
	s := start(t, Options{Log: &log})

	sms := postJSON(t, s.URL+"/passwordless/start", startFields(nil), "Accept-Language", "en-GB,en;q=0.8")
	if sms.status != 200 || sms.str("phone_number") != PhoneAlice || len(sms.str("_id")) != 24 || sms.str("request_language") != "en-GB" {
		t.Errorf("sms start: %d %s", sms.status, sms.raw)
	}
	email := postJSON(t, s.URL+"/passwordless/start", startFields(map[string]any{"connection": ConnectionEmail, "phone_number": nil, "email": UserAlice,
		"authParams": map[string]any{"scope": "openid"}}))
	if email.status != 200 || email.str("email") != UserAlice || len(email.str("_id")) != 24 || email.json["email_verified"] != false {
		t.Errorf("email start: %d %s", email.status, email.raw)
	}
	link := postJSON(t, s.URL+"/passwordless/start", startFields(map[string]any{"connection": ConnectionEmail, "phone_number": nil, "email": "new@example.com", "send": "link"}))
	if link.status != 200 {
		t.Errorf("email link: %d %s", link.status, link.raw)
	}

	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("log has %d lines, want one per send:\n%s", len(lines), log.String())
	}
	for i, want := range []string{"by SMS to " + PhoneAlice + ": the code " + PasswordlessCode, "by e-mail to " + UserAlice + ": the code " + PasswordlessCode, "by e-mail to new@example.com: a sign-in link"} {
		if !strings.Contains(lines[i], want) || !strings.Contains(lines[i], "client "+ClientID) {
			t.Errorf("log line %d %q, want %q and the client", i+1, lines[i], want)
		}
	}
	if strings.Contains(log.String(), Password) {
		t.Errorf("the log holds a password: %s", log.String())
	}
}

func TestPasswordlessStartErrors(t *testing.T) {
	var log logBuffer
	s := start(t, Options{Log: &log})
	for _, tc := range []struct {
		name      string
		overrides map[string]any
		code      string
		desc      string
	}{
		{"missing client_id", map[string]any{"client_id": nil}, "bad.client_id", "Missing required property: client_id"},
		{"unknown client", map[string]any{"client_id": "who"}, "bad.client_id", "Unknown client: who"},
		{"a database connection", map[string]any{"connection": Connection}, "bad.connection", "Connection must be sms or email; the demo has no other passwordless connection."},
		{"no connection", map[string]any{"connection": nil}, "bad.connection", "Connection must be sms or email; the demo has no other passwordless connection."},
		{"no phone number", map[string]any{"phone_number": nil}, "bad.phone_number", "phone_number must be in E.164 format, such as " + PhoneAlice},
		{"a local phone number", map[string]any{"phone_number": "555-0100"}, "bad.phone_number", "phone_number must be in E.164 format, such as " + PhoneAlice},
		{"an escape in the phone number", map[string]any{"phone_number": "+1555\x1b[2J0100"}, "bad.phone_number", "phone_number must be in E.164 format, such as " + PhoneAlice},
		{"no e-mail", map[string]any{"connection": ConnectionEmail}, "bad.email", "email must be an e-mail address, such as " + UserAlice},
		{"a broken e-mail", map[string]any{"connection": ConnectionEmail, "email": "alice@"}, "bad.email", "email must be an e-mail address, such as " + UserAlice},
		{"a bidi control in the e-mail", map[string]any{"connection": ConnectionEmail, "email": "al\u202eice@example.com"}, "bad.email", "email must be an e-mail address, such as " + UserAlice},
		{"another send", map[string]any{"send": "pigeon"}, "bad.send", `send must be "code" or "link"`},
		{"authParams not an object", map[string]any{"authParams": "scope=openid"}, "bad.authParams", "authParams must be an object"},
		{"phone_number not a string", map[string]any{"phone_number": 15555550100}, "bad.request", "phone_number must be a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, postJSON(t, s.URL+"/passwordless/start", startFields(tc.overrides)), 400, tc.code, tc.desc)
		})
	}
	if got := log.String(); got != "" {
		t.Errorf("refused starts were logged as sent:\n%s", got)
	}
}

// TestPasswordlessLoginOverRO logs in with the code as the password, over
// sms and email: the ID token carries the phone number or the e-mail as
// the scope asks; a wrong code or a malformed address is the
// connection's wrong-code answer.
func TestPasswordlessLoginOverRO(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	login := func(overrides map[string]any) answer {
		return postJSON(t, s.URL+"/oauth/ro", roFieldsFor(overrides))
	}
	for _, tc := range []struct {
		name      string
		overrides map[string]any
		want      map[string]any // claims the ID token must carry
		absent    []string       // claims it must not
	}{
		{"sms, openid", map[string]any{"connection": ConnectionSMS, "username": PhoneAlice, "password": PasswordlessCode},
			nil, []string{"phone_number", "email", "name"}},
		{"sms, phone_number", map[string]any{"connection": ConnectionSMS, "username": PhoneAlice, "password": PasswordlessCode, "scope": "openid phone_number"},
			map[string]any{"phone_number": PhoneAlice, "phone_number_verified": true}, []string{"email", "name"}},
		{"sms, profile", map[string]any{"connection": ConnectionSMS, "username": PhoneAlice, "password": PasswordlessCode, "scope": "openid profile"},
			map[string]any{"phone_number": PhoneAlice, "phone_number_verified": true, "name": "Alice Liddell"}, []string{"email"}},
		{"email, email", map[string]any{"connection": ConnectionEmail, "username": UserAlice, "password": PasswordlessCode, "scope": "openid email"},
			map[string]any{"email": UserAlice, "email_verified": true}, []string{"phone_number", "name"}},
		{"email, any letter case", map[string]any{"connection": ConnectionEmail, "username": "Alice@Example.COM", "password": PasswordlessCode, "scope": "openid profile"},
			map[string]any{"email": UserAlice, "name": "Alice Liddell"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := login(tc.overrides)
			if a.status != 200 || a.str("id_token") == "" || !legacyAccessRE.MatchString(a.str("access_token")) {
				t.Fatalf("%d %s", a.status, a.raw)
			}
			claims := verifyRS256(t, s, a.str("id_token"), ClientID, clk.Now)
			conn := tc.overrides["connection"].(string)
			if sub, _ := claims["sub"].(string); !strings.HasPrefix(sub, conn+"|") {
				t.Errorf("sub %q, want a %s identity", sub, conn)
			}
			for k, v := range tc.want {
				if claims[k] != v {
					t.Errorf("%s = %v, want %v", k, claims[k], v)
				}
			}
			for _, k := range tc.absent {
				if _, ok := claims[k]; ok {
					t.Errorf("%s present for scope %v", k, tc.overrides["scope"])
				}
			}
		})
	}

	for _, tc := range []struct {
		name      string
		overrides map[string]any
		desc      string
	}{
		{"sms, a wrong code", map[string]any{"connection": ConnectionSMS, "username": PhoneAlice, "password": "000000"}, "Wrong phone number or verification code."},
		{"sms, the database password", map[string]any{"connection": ConnectionSMS, "username": PhoneAlice}, "Wrong phone number or verification code."},
		{"sms, not a phone number", map[string]any{"connection": ConnectionSMS, "username": UserAlice, "password": PasswordlessCode}, "Wrong phone number or verification code."},
		{"email, a wrong code", map[string]any{"connection": ConnectionEmail, "username": UserAlice, "password": "000000"}, "Wrong email or verification code."},
		{"email, not an e-mail", map[string]any{"connection": ConnectionEmail, "username": PhoneAlice, "password": PasswordlessCode}, "Wrong email or verification code."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, login(tc.overrides), 401, "invalid_user_password", tc.desc)
		})
	}
}

// TestPasswordlessSignsUpAnUnknownNumber follows Auth0: /passwordless/start
// answers any well-formed number, and the first login with the code makes
// the user, whose sub carries the _id the start answered; /userinfo and
// /tokeninfo know it afterwards.
func TestPasswordlessSignsUpAnUnknownNumber(t *testing.T) {
	s := start(t, Options{})
	const phone = "+442079460000"
	st := postJSON(t, s.URL+"/passwordless/start", startFields(map[string]any{"phone_number": phone}))
	if st.status != 200 {
		t.Fatalf("start: %d %s", st.status, st.raw)
	}
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"connection": ConnectionSMS, "username": phone, "password": PasswordlessCode, "scope": "openid profile"}))
	if a.status != 200 {
		t.Fatalf("first login of a new number: %d %s", a.status, a.raw)
	}
	claims := verifyRS256(t, s, a.str("id_token"), ClientID, newClock().Now)
	if claims["sub"] != "sms|"+st.str("_id") || claims["phone_number"] != phone || claims["name"] != phone {
		t.Errorf("claims %v, want sub sms|%s and the number", claims, st.str("_id"))
	}
	info := postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": a.str("id_token")})
	if info.status != 200 || info.str("phone_number") != phone || info.str("user_id") != "sms|"+st.str("_id") {
		t.Errorf("tokeninfo of the new user: %d %s", info.status, info.raw)
	}
	ui := call(t, nil, "GET", s.URL+"/userinfo", "", "", "Authorization", "Bearer "+a.str("access_token"))
	if ui.status != 200 || ui.str("phone_number") != phone {
		t.Errorf("userinfo of the new user: %d %s", ui.status, ui.raw)
	}
}

// TestTokenPasswordlessOTPGrant is the OIDC replacement: /oauth/token with
// grant_type passwordless/otp, otp, realm and username.
func TestTokenPasswordlessOTPGrant(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	otp := func(overrides map[string]any) map[string]any {
		f := map[string]any{"grant_type": grantPasswordlessOTP, "client_id": ClientID, "realm": ConnectionSMS, "username": PhoneAlice, "otp": PasswordlessCode, "scope": "openid phone"}
		return withOverrides(f, overrides)
	}
	a := postJSON(t, s.URL+"/oauth/token", otp(nil))
	if a.status != 200 || a.str("token_type") != "Bearer" {
		t.Fatalf("otp grant: %d %s", a.status, a.raw)
	}
	if claims := verifyRS256(t, s, a.str("id_token"), ClientID, clk.Now); claims["phone_number"] != PhoneAlice || claims["phone_number_verified"] != true {
		t.Errorf("claims %v", claims)
	}
	// The OIDC conformant client may use it: it is not a legacy grant.
	if a := postJSON(t, s.URL+"/oauth/token", otp(map[string]any{"client_id": ClientIDOIDC, "realm": ConnectionEmail, "username": UserAlice, "scope": "openid email"})); a.status != 200 {
		t.Errorf("rotui-oidc by e-mail: %d %s", a.status, a.raw)
	}
	wantAnswers(t, s.URL+"/oauth/token", otp, []callRow{
		{"a wrong code", map[string]any{"otp": "1"}, 403, "invalid_grant", "Wrong phone number or verification code."},
		{"a wrong e-mail code", map[string]any{"realm": ConnectionEmail, "username": UserAlice, "otp": "1"}, 403, "invalid_grant", "Wrong email or verification code."},
		{"missing otp", map[string]any{"otp": nil}, 400, "invalid_request", "Missing required parameter: otp"},
		{"missing realm", map[string]any{"realm": nil}, 400, "invalid_request", "Missing required parameter: realm"},
		{"missing username", map[string]any{"username": nil}, 400, "invalid_request", "Missing required parameter: username"},
		{"a database realm", map[string]any{"realm": Connection}, 400, "invalid_request", "realm must be sms or email for the passwordless/otp grant"},
		{"otp not a string", map[string]any{"otp": 424242}, 400, "invalid_request", "otp parameter must be a string"},
	})
}

// Wrong codes count towards the lock on both endpoints, per connection
// and number; the right code resets the count; the database user of the
// same person is not locked by them.
func TestPasswordlessWrongCodesLock(t *testing.T) {
	s := start(t, Options{})
	wrongRO := roFieldsFor(map[string]any{"connection": ConnectionSMS, "username": PhoneAlice, "password": "000000"})
	wrongOTP := map[string]any{"grant_type": grantPasswordlessOTP, "client_id": ClientID, "realm": ConnectionSMS, "username": PhoneAlice, "otp": "000000"}
	right := roFieldsFor(map[string]any{"connection": ConnectionSMS, "username": PhoneAlice, "password": PasswordlessCode})
	for i := 0; i < MaxFailedLogins-1; i++ {
		postJSON(t, s.URL+"/oauth/ro", wrongRO)
	}
	if a := postJSON(t, s.URL+"/oauth/ro", right); a.status != 200 {
		t.Fatalf("the right code after 9 wrong ones: %d %s", a.status, a.raw)
	}
	for i := 0; i < MaxFailedLogins; i++ {
		if i%2 == 0 {
			postJSON(t, s.URL+"/oauth/ro", wrongRO)
		} else {
			postJSON(t, s.URL+"/oauth/token", wrongOTP)
		}
	}
	if a := postJSON(t, s.URL+"/oauth/ro", right); a.status != 429 || a.str("error") != "too_many_attempts" {
		t.Errorf("after 10 wrong codes in a row: %d %s, want 429", a.status, a.raw)
	}
	if a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil)); a.status != 200 {
		t.Errorf("alice's password login, locked by her phone's codes: %d %s", a.status, a.raw)
	}
}
