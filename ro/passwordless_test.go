package ro

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// TestPasswordlessConnections: sms and email are passwordless (Auth0's
// names, case-sensitive), with the recipient field and the labels the
// login form reads them with; any other connection is not.
func TestPasswordlessConnections(t *testing.T) {
	cases := []struct {
		connection, recipient, username string
		ok                              bool
	}{
		{"sms", "phone_number", "Phone number", true},
		{"email", "email", "E-mail", true},
		{"Username-Password-Authentication", "", "", false},
		{"SMS", "", "", false},
		{"", "", "", false},
	}
	for _, c := range cases {
		p, ok := Passwordless(c.connection)
		if ok != c.ok || p.Recipient != c.recipient || p.UsernameLabel != c.username {
			t.Errorf("Passwordless(%q) = %+v, %v", c.connection, p, ok)
		}
		if ok && (p.PasswordLabel != "Code" || p.Name != c.connection || p.UsernameExample == "") {
			t.Errorf("Passwordless(%q) = %+v: want the password read as the code, and an example", c.connection, p)
		}
	}
}

// TestSendCodeSendsToTheConnectionsRecipient: POST /passwordless/start
// with the recipient in the field the connection calls for, send "code",
// and the answer's two shapes read.
func TestSendCodeSendsToTheConnectionsRecipient(t *testing.T) {
	var got map[string]string
	var path string
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		path = r.Method + " " + r.URL.Path
		got = map[string]string{}
		_ = json.NewDecoder(r.Body).Decode(&got)
		w.Header().Set("Content-Type", "application/json")
		if got["connection"] == "sms" {
			_, _ = w.Write([]byte(`{"_id":"5b7a6c0e","phone_number":"+15555550100","request_language":"en-US,en;q=0.9"}`))
			return
		}
		_, _ = w.Write([]byte(`{"_id":"5b7a6c0f","email":"alice@example.com","email_verified":false}`))
	})
	c := NewClient(ClientOptions{})

	ex, err := c.SendCode(context.Background(), CodeRequest{Domain: srv.URL, ClientID: "abc", Connection: "sms", Recipient: "+15555550100"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"client_id": "abc", "connection": "sms", "phone_number": "+15555550100", "send": "code"}
	if path != "POST /passwordless/start" || !sameMap(got, want) {
		t.Errorf("sent %s %v, want %v", path, got, want)
	}
	if s := ex.CodeSent; s == nil || s.ID != "5b7a6c0e" || s.PhoneNumber != "+15555550100" || s.RequestLanguage != "en-US,en;q=0.9" || s.EmailVerified != nil {
		t.Errorf("sms answer read as %+v", s)
	}

	ex, err = c.SendCode(context.Background(), CodeRequest{Domain: srv.URL, ClientID: "abc", Connection: "email", Recipient: "alice@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]string{"client_id": "abc", "connection": "email", "email": "alice@example.com", "send": "code"}
	if !sameMap(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
	if s := ex.CodeSent; s == nil || s.Email != "alice@example.com" || s.EmailVerified == nil || *s.EmailVerified {
		t.Errorf("email answer read as %+v", s)
	}
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestSendCodeValidatesBeforeSending: the recipient must be what the
// connection sends to (a phone number in E.164 for sms, an e-mail address
// for email), the connection a passwordless one; nothing is sent otherwise.
func TestSendCodeValidatesBeforeSending(t *testing.T) {
	var calls atomic.Int32
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	cases := []struct {
		name                  string
		connection, recipient string
		field, says           string
	}{
		{"local phone number", "sms", "555-0100", FieldUsername, "E.164"},
		{"spaces in the number", "sms", "+1 555 555 0100", FieldUsername, "E.164"},
		{"an e-mail to sms", "sms", "alice@example.com", FieldUsername, "phone number"},
		{"no recipient", "sms", "", FieldUsername, "phone number"},
		{"not an e-mail", "email", "alice", FieldUsername, "e-mail"},
		{"a phone to email", "email", "+15555550100", FieldUsername, "e-mail"},
		{"a database connection", "Username-Password-Authentication", "alice@example.com", FieldConnection, "sms or email"},
		{"no connection", "", "alice@example.com", FieldConnection, "sms or email"},
	}
	for _, c := range cases {
		_, err := NewClient(ClientOptions{}).SendCode(context.Background(), CodeRequest{Domain: srv.URL, ClientID: "abc", Connection: c.connection, Recipient: c.recipient})
		wantFieldSays(t, c.name, err, c.field, c.says)
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

// TestSendCodeRefusalsHaveHints: /passwordless/start's own error codes
// each get a hint that says what to change.
func TestSendCodeRefusalsHaveHints(t *testing.T) {
	cases := []struct {
		status int
		body   string
		hint   string
	}{
		{400, `{"error":"bad.phone_number","error_description":"The phone number is invalid"}`, "E.164"},
		{400, `{"error":"bad.email","error_description":"The email is invalid"}`, "e-mail address"},
		{400, `{"error":"bad.connection","error_description":"Connection does not exist"}`, "sms or email"},
		{400, `{"error":"sms_provider_error","error_description":"Unable to create record: The 'To' number is not a valid phone number. (Code: 21211)"}`, "SMS provider"},
		{403, `{"error":"unauthorized_client","error_description":"Grant type 'http://auth0.com/oauth/grant-type/passwordless/otp' not allowed for the client."}`, "Passwordless OTP"},
		{400, `{"error":"bad.authParams","error_description":"authParams must be an object"}`, "refused to send a code"},
	}
	for _, c := range cases {
		srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(c.status)
			_, _ = w.Write([]byte(c.body))
		})
		_, err := NewClient(ClientOptions{}).SendCode(context.Background(), CodeRequest{Domain: srv.URL, ClientID: "abc", Connection: "sms", Recipient: "+15555550100"})
		var ae *APIError
		if !errors.As(err, &ae) || !strings.Contains(ae.Hint, c.hint) {
			t.Errorf("%s: got %v, hint %q, want it to say %q", c.body, err, hintOf(ae), c.hint)
		}
	}
}

func hintOf(ae *APIError) string {
	if ae == nil {
		return ""
	}
	return ae.Hint
}

// TestPasswordlessLoginFields: a login on sms or email takes the phone
// number or e-mail as username and the code as password, and says so when
// either is missing or malformed.
func TestPasswordlessLoginFields(t *testing.T) {
	cases := []struct {
		name                       string
		flow                       Flow
		connection, username, code string
		field, says                string
	}{
		{"sms, not E.164", FlowRO, "sms", "alice", "424242", FieldUsername, "E.164"},
		{"sms, no code", FlowRO, "sms", "+15555550100", "", FieldPassword, "one-time code"},
		{"email, not an e-mail", FlowRO, "email", "+15555550100", "424242", FieldUsername, "e-mail"},
		{"realm sms, not E.164", FlowRealm, "sms", "5550100", "424242", FieldUsername, "E.164"},
	}
	for _, c := range cases {
		r := Request{Domain: "acme.us.auth0.com", ClientID: "abc", Connection: c.connection, Username: c.username, Password: c.code, Scope: "openid", Flow: c.flow}
		wantFieldSays(t, c.name, r.Validate(), c.field, c.says)
	}
	for _, r := range []Request{
		{Domain: "acme.us.auth0.com", ClientID: "abc", Connection: "sms", Username: "+15555550100", Password: "424242"},
		{Domain: "acme.us.auth0.com", ClientID: "abc", Connection: "email", Username: "alice@example.com", Password: "424242", Flow: FlowRealm},
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
}

// TestPasswordlessAsRealmIsTheOTPGrant: a passwordless login moved to the
// realm flow becomes /oauth/token's passwordless/otp grant, the code sent
// as otp (masked like the password) and the connection as realm.
func TestPasswordlessAsRealmIsTheOTPGrant(t *testing.T) {
	const code = "424242"
	ro := Request{Domain: "acme.us.auth0.com", ClientID: "abc", Connection: "sms", Username: "+15555550100", Password: code, Scope: "openid"}
	r := ro.AsRealm()
	if r.EffectiveGrantType() != GrantPasswordlessOTP {
		t.Errorf("EffectiveGrantType() = %q", r.EffectiveGrantType())
	}
	s, body := builtBody(t, r)
	want := map[string]string{"grant_type": GrantPasswordlessOTP, "client_id": "abc", "username": "+15555550100", "otp": code, "realm": "sms", "scope": "openid"}
	if !strings.HasSuffix(s.URL, "/oauth/token") || !sameMap(body, want) {
		t.Errorf("sent %s %s, want %v", s.URL, s.Body, want)
	}
	if m := s.Masked(); strings.Contains(string(m.Body), code) || strings.Contains(s.Curl(false), code) {
		t.Errorf("the code shows in the request: %s", m.Body)
	}
	// The ro flow sends the code as the password, as Auth0's legacy passwordless did.
	s, _ = ro.Build()
	if !strings.Contains(string(s.Body), `"password":"`+code+`"`) {
		t.Errorf("the ro flow does not send the code as the password: %s", s.Body)
	}
}
