package ro

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func validRO() Request {
	return Request{
		Domain: "acme.us.auth0.com", ClientID: "abc", Connection: "Username-Password-Authentication",
		Username: "alice@example.com", Password: "wonderland", Scope: "openid",
	}
}

// builtBody is r built, and its JSON body read as string members.
func builtBody(t *testing.T, r Request) (SentRequest, map[string]string) {
	t.Helper()
	s, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]string
	if err := json.Unmarshal(s.Body, &body); err != nil {
		t.Fatalf("the body is not a JSON object of strings: %s (%v)", s.Body, err)
	}
	return s, body
}

// wantFieldSays checks that err is a *ValidationError whose message for
// field says each of says, and returns it (nil, the failure reported, when
// err is not one); name is the case, for the failure's message.
func wantFieldSays(t *testing.T, name string, err error, field string, says ...string) *ValidationError {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("%s: got %v, want a *ValidationError", name, err)
		return nil
	}
	msg := ve.For(field)
	for _, w := range says {
		if !strings.Contains(msg, w) {
			t.Errorf("%s: For(%s) = %q, want it to say %q", name, field, msg, w)
		}
	}
	return ve
}

func TestValidateAcceptsEachFlow(t *testing.T) {
	for _, r := range []Request{
		validRO(),
		validRO().AsRealm(),
		func() Request { r := validRO().AsFlow(FlowPassword); r.Connection = ""; return r }(),
		func() Request {
			r := validRO()
			r.GrantType, r.Username, r.Password, r.IDToken, r.Device = GrantJWTBearer, "", "", "eyJ.x.y", "phone"
			return r
		}(),
		func() Request { r := validRO(); r.Domain = "http://127.0.0.1:4000"; return r }(),
		func() Request { r := validRO(); r.Domain = "http://acme.example"; r.Insecure = true; return r }(),
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
}

func TestValidateNamesTheField(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Request)
		field  string
		says   string
	}{
		{"no client", func(r *Request) { r.ClientID = "" }, FieldClientID, "client ID"},
		{"client with space", func(r *Request) { r.ClientID = "a b" }, FieldClientID, "space"},
		{"no domain", func(r *Request) { r.Domain = "" }, FieldDomain, "domain"},
		{"domain with path", func(r *Request) { r.Domain = "https://acme.us.auth0.com/oauth/ro" }, FieldDomain, "path"},
		{"domain with query", func(r *Request) { r.Domain = "https://acme.us.auth0.com?a=b" }, FieldDomain, "query"},
		{"plain http", func(r *Request) { r.Domain = "http://acme.us.auth0.com" }, FieldDomain, "insecure"},
		{"no password", func(r *Request) { r.Password = "" }, FieldPassword, "password"},
		{"no username", func(r *Request) { r.Username = "" }, FieldUsername, "username"},
		{"ro without connection", func(r *Request) { r.Connection = "" }, FieldConnection, "connection"},
		{"realm without connection", func(r *Request) { r.Flow = FlowRealm; r.Connection = "" }, FieldConnection, "realm"},
		{"bad flow", func(r *Request) { r.Flow = "implicit" }, FieldFlow, "ro"},
		{"bad grant", func(r *Request) { r.GrantType = "client_credentials" }, FieldGrantType, "password"},
		{"jwt-bearer without id_token", func(r *Request) { r.GrantType = GrantJWTBearer; r.Device = "d" }, FieldIDToken, "ID token"},
		{"jwt-bearer without device", func(r *Request) { r.GrantType = GrantJWTBearer; r.IDToken = "x" }, FieldDevice, "device"},
		{"audience on ro", func(r *Request) { r.Audience = "https://api" }, FieldAudience, "realm"},
		{"device on realm", func(r *Request) { r.Flow = FlowRealm; r.Device = "d" }, FieldDevice, "clear"},
		{"bearer with newline", func(r *Request) { r.Bearer = "abc\ndef" }, FieldBearer, "line break"},
		{"scope with newline", func(r *Request) { r.Scope = "openid\nprofile" }, FieldScope, "space"},
	}
	for _, c := range cases {
		r := validRO()
		c.change(&r)
		err := r.Validate()
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: got %v, want a *ValidationError", c.name, err)
			continue
		}
		msg := ve.For(c.field)
		if msg == "" || !strings.Contains(strings.ToLower(msg), strings.ToLower(c.says)) {
			t.Errorf("%s: For(%s) = %q, want it to mention %q (all: %v)", c.name, c.field, msg, c.says, err)
		}
		if r.Password != "" && strings.Contains(err.Error(), r.Password) {
			t.Errorf("%s: the error text holds the password", c.name)
		}
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	err := Request{Flow: FlowRO}.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v", err)
	}
	for _, f := range []string{FieldDomain, FieldClientID, FieldConnection, FieldUsername, FieldPassword} {
		if ve.For(f) == "" {
			t.Errorf("no message for %s in %v", f, err)
		}
	}
	// The password flow does not need a connection.
	err = Request{Flow: FlowPassword, Domain: "a.example", ClientID: "c", Username: "u", Password: "p"}.Validate()
	if err != nil {
		t.Errorf("password flow without connection: %v", err)
	}
}

func TestParseFlow(t *testing.T) {
	for in, want := range map[string]Flow{"": FlowRO, "ro": FlowRO, "REALM": FlowRealm, "password": FlowPassword} {
		if got, err := ParseFlow(in); err != nil || got != want {
			t.Errorf("ParseFlow(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseFlow("implicit"); err == nil || !strings.Contains(err.Error(), "ro, realm or password") {
		t.Errorf("ParseFlow(implicit) = %v", err)
	}
}
