package ro

import (
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"testing"
)

func TestBuildRO(t *testing.T) {
	r := validRO()
	r.Device, r.Bearer = "phone", "Bearer tok-123"
	s, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	if s.Method != "POST" || s.URL != "https://acme.us.auth0.com/oauth/ro" {
		t.Errorf("sent to %s %s", s.Method, s.URL)
	}
	if got := s.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q", got)
	}
	if got := s.Header.Get("Authorization"); got != "Bearer tok-123" {
		t.Errorf("Authorization %q (a pasted 'Bearer ' prefix must not double)", got)
	}
	want := `{"client_id":"abc","username":"alice@example.com","password":"wonderland","connection":"Username-Password-Authentication","grant_type":"password","scope":"openid","device":"phone"}`
	if string(s.Body) != want {
		t.Errorf("body\n got %s\nwant %s", s.Body, want)
	}
}

func TestBuildRealmAndPassword(t *testing.T) {
	r := validRO().AsRealm()
	r.Audience = "https://api.example"
	s, body := builtBody(t, r)
	if s.URL != "https://acme.us.auth0.com/oauth/token" || body["grant_type"] != GrantPasswordRealm ||
		body["realm"] != r.Connection || body["audience"] != r.Audience || body["scope"] != "openid" {
		t.Errorf("realm request: %s %s", s.URL, s.Body)
	}
	if _, has := body["connection"]; has {
		t.Error("the realm flow sends realm, not connection")
	}

	p := validRO().AsFlow(FlowPassword)
	p.Username = "a&b=c@example.com"
	s, err := p.Build()
	if err != nil {
		t.Fatal(err)
	}
	if s.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("password flow Content-Type %q", s.Header.Get("Content-Type"))
	}
	form, err := url.ParseQuery(string(s.Body))
	if err != nil {
		t.Fatal(err)
	}
	if form.Get("grant_type") != "password" || form.Get("username") != p.Username || form.Get("password") != "wonderland" || form.Has("connection") {
		t.Errorf("password form: %s", s.Body)
	}
}

func TestAsRealmCarriesFieldsOver(t *testing.T) {
	r := validRO()
	r.Device, r.Bearer, r.GrantType = "phone", "b", GrantPassword
	got := r.AsRealm()
	if got.Flow != FlowRealm || got.Device != "" || got.Username != r.Username || got.Password != r.Password ||
		got.Connection != r.Connection || got.ClientID != r.ClientID || got.Scope != r.Scope || got.Bearer != r.Bearer {
		t.Errorf("AsRealm() = %+v", got)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("AsRealm of a valid ro request is not valid: %v", err)
	}
	back := got.AsFlow(FlowRO)
	back.Audience = "x"
	if back.AsFlow(FlowRO).Audience != "" {
		t.Error("AsFlow(ro) must drop the audience")
	}
}

func TestMaskedHidesSecretsKeepsOrder(t *testing.T) {
	r := validRO()
	r.Password, r.Bearer = "s3cr3t-pass'word", "bearer-secret-xyz"
	for _, f := range []Flow{FlowRO, FlowRealm, FlowPassword} {
		rr := r.AsFlow(f)
		s, err := rr.Build()
		if err != nil {
			t.Fatal(err)
		}
		m := s.Masked()
		all := m.URL + string(m.Body) + strings.Join(m.Header.Values("Authorization"), "")
		for _, secret := range []string{"s3cr3t", "bearer-secret"} {
			if strings.Contains(all, secret) || strings.Contains(m.Curl(false), secret) {
				t.Errorf("%s: masked request shows %q: %s", f, secret, all)
			}
		}
		if !strings.Contains(string(m.Body), "alice@example.com") && !strings.Contains(string(m.Body), "alice%40example.com") {
			t.Errorf("%s: masking removed more than secrets: %s", f, m.Body)
		}
		if m.Header.Get("Authorization") != "Bearer "+Mask {
			t.Errorf("%s: Authorization shown as %q", f, m.Header.Get("Authorization"))
		}
		// The original is untouched.
		if !strings.Contains(string(s.Body), "s3cr3t") || s.Header.Get("Authorization") != "Bearer bearer-secret-xyz" {
			t.Errorf("%s: Masked changed the request it was called on", f)
		}
	}
	// Credentials a caller may add to a request by hand are masked too.
	hand := SentRequest{Method: "GET", URL: "https://x/userinfo", Header: http.Header{
		"Cookie": {"sid=ck-secret-1"}, "Proxy-Authorization": {"Basic px-secret-2"}, "Authorization": {"tok-secret-3"}}}
	if m := hand.Masked(); strings.Contains(fmt.Sprint(m.Header)+m.Curl(false), "secret") {
		t.Errorf("hand-made headers shown: %v", m.Header)
	}
	s, _ := r.Build()
	if got, want := string(s.Masked().Body), `{"client_id":"abc","username":"alice@example.com","password":"`+Mask+`","connection":"Username-Password-Authentication","grant_type":"password","scope":"openid"}`; got != want {
		t.Errorf("masked body\n got %s\nwant %s", got, want)
	}
	if got := (SentRequest{Header: map[string][]string{"Content-Type": {"application/json"}}, Body: []byte(`{"password":`)}).Masked(); strings.Contains(string(got.Body), "password\":") {
		t.Errorf("a body that cannot be parsed must be hidden, got %s", got.Body)
	}
}

// A JSON body is shown compact and in its order with every secret field's
// value masked, whatever its type; a body that is not exactly one JSON
// object is hidden whole, never shown as the part that could be read.
func TestMaskedJSONBody(t *testing.T) {
	const hidden = "[body hidden: it could not be read to mask its secrets]"
	for _, c := range []struct{ name, body, want string }{
		{"order kept", `{"b":1,"password":"p","a":"x"}`, `{"b":1,"password":"` + Mask + `","a":"x"}`},
		{"any value type", `{"client_secret":{"k":[1]},"otp":123456,"id_token":null,"mfa_code":["1"]}`,
			`{"client_secret":"` + Mask + `","otp":"` + Mask + `","id_token":"` + Mask + `","mfa_code":"` + Mask + `"}`},
		{"name in any case", `{"Refresh_Token":"r"}`, `{"Refresh_Token":"` + Mask + `"}`},
		{"escaped name", `{"pass\u0077ord":"p"}`, `{"password":"` + Mask + `"}`},
		{"duplicate names", `{"password":"a","password":"b"}`, `{"password":"` + Mask + `","password":"` + Mask + `"}`},
		{"white space dropped, numbers exact", "{ \"a\" : [ 1 , 2 ] ,\n\"n\":1e400, \"m\":12345678901234567890 }",
			`{"a":[1,2],"n":1e400,"m":12345678901234567890}`},
		{"empty object", `{}`, `{}`},
		{"not an object", `["password","p"]`, hidden},
		{"truncated", `{"password":`, hidden},
		{"two values", `{"a":1} {"password":"hunter2"}`, hidden},
		{"trailing data", `{"a":1}x`, hidden},
	} {
		s := SentRequest{Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(c.body)}
		if got := string(s.Masked().Body); got != c.want {
			t.Errorf("%s: masked %s\n got %s\nwant %s", c.name, c.body, got, c.want)
		}
	}
}

// TestCurlQuotesForTheShell runs the curl rendering's arguments through a
// real shell to prove that quotes, dollars and backticks arrive verbatim.
func TestCurlQuotesForTheShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	r := validRO()
	r.Username = `o'brien"$(touch /tmp/x)` + "`id`" + `\n@example.com`
	r.Password = "it's $HOME"
	s, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	cmd := strings.Replace(s.Curl(true), "curl ", "printf '%s\\n' ", 1)
	out, err := exec.Command(sh, "-c", cmd).Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, cmd)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	last := lines[len(lines)-1]
	if last != string(s.Body) {
		t.Errorf("the shell saw\n%s\nwant\n%s", last, s.Body)
	}
	if !strings.Contains(string(out), "https://acme.us.auth0.com/oauth/ro") {
		t.Errorf("no URL in %s", out)
	}
	masked := s.Curl(false)
	if strings.Contains(masked, "$HOME") || !strings.Contains(masked, Mask) {
		t.Errorf("Curl(false) shows the password: %s", masked)
	}
}
