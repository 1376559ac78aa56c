package ro

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseResponse feeds any body and header values to the response
// readers: they must never panic, never keep more text than they promise,
// and a token response they accept must hold a token.
func FuzzParseResponse(f *testing.F) {
	seeds := []struct {
		status int
		body   string
		www    string
		reset  string
	}{
		{200, `{"access_token":"abc","token_type":"bearer","expires_in":86400}`, "", ""},
		{200, `{"access_token":"abc","expires_in":"3600"}`, "", ""},
		{200, `{"access_token":"abc","expires_in":3600.5,"token_type":"BEARER"}`, "", ""},
		{200, `{"id_token":"a.b.c","expires_in":null,"scope":["openid"]}`, "", ""},
		{200, `{"access_token":1234}`, "", ""},
		{200, `[]`, "", ""},
		{200, `{"access_token":"abc","expires_in":1e400}`, "", ""},
		{200, `{"access_token":"abc","expires_in":"-1"}`, "", ""},
		{200, "\xff\xfe{", "", ""},
		{401, `{"error":"invalid_user_password","error_description":"Wrong email or password."}`, "", ""},
		{429, `{"message":"Too many requests."}`, "", "1900000000"},
		{429, `{"error":"too_many_attempts"}`, "", "NaN"},
		{429, `{}`, "", "1e308"},
		{401, "Unauthorized", `Bearer realm="Users", error="invalid_token", error_description="The token has expired"`, ""},
		{401, "", `Bearer error="a\"b\\`, ""},
		{401, "", `Bearer xerror=1, error=`, ""},
		{502, "<!DOCTYPE html><html><body>Bad gateway</body></html>", "", ""},
		{404, "", "", ""},
		{302, "", "", ""},
		{400, `{"error":"invalid_request","error_description":"missing  parameter"}`, "", ""},
		{400, `{"error":{"nested":true},"error_description":7}`, "", ""},
		{401, `{"error":"a0.mfa_registration_required","mfa_settings":{"provider":"g","key":"K","qr":"otpauth://totp/a?secret=K"}}`, "", ""},
		{401, `{"error":"a0.mfa_registration_required","mfa_settings":{"qr":"otpauth://totp/\u202e?secret=K","uri":7}}`, "", ""},
		{200, `{"_id":"1","phone_number":"+15555550100","request_language":"en"}`, "", ""},
		{200, `{"_id":"1","email":"a@b.c","email_verified":"yes"}`, "", ""},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body), s.www, s.reset)
	}
	now := time.Unix(1800000000, 0)
	f.Fuzz(func(t *testing.T, status int, body []byte, www, reset string) {
		if tr, err := ParseTokenResponse(body); err == nil {
			if tr.AccessToken == "" && tr.IDToken == "" {
				t.Fatal("accepted a token response with no token")
			}
			if !tr.HasExpiresIn && tr.ExpiresIn != 0 {
				t.Fatal("ExpiresIn set without HasExpiresIn")
			}
		} else if strings.Contains(err.Error(), string(body)) && len(body) > 8 {
			t.Fatal("the parse error echoes the body")
		}
		h := http.Header{}
		h.Set("WWW-Authenticate", www)
		h.Set("X-RateLimit-Reset", reset)
		h.Set("Location", www)
		if sent, err := parseCodeSent(body); err == nil {
			for _, s := range []string{sent.ID, sent.Email, sent.PhoneNumber, sent.RequestLanguage} {
				if len(s) > maxText+len("… (cut)") {
					t.Fatalf("kept %d bytes of untrusted text", len(s))
				}
			}
		}
		for _, flow := range []Flow{FlowRO, FlowRealm, FlowPassword, flowUserInfo, flowDelegation, flowRefreshGrant, flowRevoke, flowTokenInfo, flowPasswordless} {
			e := parseAPIError(flow, status, h, body, now)
			if e.Hint == "" {
				t.Fatalf("no hint for %d %q", status, body)
			}
			texts := []string{e.Body, e.Code, e.Description, e.Location}
			if m := e.MFASettings; m != nil {
				texts = append(texts, m.Provider, m.Key, m.URI)
				if m.URI != "" && otpauthURI(m.URI) != m.URI {
					t.Fatalf("kept an otpauth URI that does not check: %q", m.URI)
				}
			}
			for _, s := range texts {
				if len(s) > maxText+len("… (cut)") {
					t.Fatalf("kept %d bytes of untrusted text", len(s))
				}
				if utf8.ValidString(string(body)) && utf8.ValidString(www) && !utf8.ValidString(s) {
					t.Fatal("cut a rune in half")
				}
			}
			_ = e.Error()
		}
		rl := parseRateLimit(h, now)
		if !rl.Reset.IsZero() && (rl.Reset.Year() < 1970 || rl.Reset.Year() > 5200) {
			t.Fatalf("reset time %v from %q", rl.Reset, reset)
		}
	})
}

// FuzzJSONString checks the hand-written body encoder against encoding/json
// (without HTML escaping) for any string, valid UTF-8 or not.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "alice@example.com", `a"b\c`, "line\nbreak\ttab\x00\x1f", "\u2028\u2029", "\xff\xfe", "é日本🙂", "<&>", "\x7f\u009b\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := string(appendJSONString(nil, s)); got != strings.TrimSuffix(want.String(), "\n") {
			t.Fatalf("appendJSONString(%q) = %s, encoding/json says %s", s, got, want.String())
		}
	})
}

// referenceParse is ParseTokenResponse as first written, on encoding/json:
// the hand-written scanner must agree with it on every input.
func referenceParse(body []byte) (*TokenResponse, bool) {
	var raw struct {
		AccessToken  refToken   `json:"access_token"`
		IDToken      refToken   `json:"id_token"`
		RefreshToken refToken   `json:"refresh_token"`
		TokenType    refString  `json:"token_type"`
		Scope        refString  `json:"scope"`
		ExpiresIn    refSeconds `json:"expires_in"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, false
	}
	t := &TokenResponse{
		AccessToken: raw.AccessToken.s, IDToken: raw.IDToken.s, RefreshToken: raw.RefreshToken.s,
		AccessTokenProblem: raw.AccessToken.problem("access_token"), IDTokenProblem: raw.IDToken.problem("id_token"), RefreshTokenProblem: raw.RefreshToken.problem("refresh_token"),
		TokenType: string(raw.TokenType), Scope: string(raw.Scope), ExpiresIn: raw.ExpiresIn.n, HasExpiresIn: raw.ExpiresIn.ok,
		ExpiresInProblem: raw.ExpiresIn.problem,
	}
	if t.AccessToken == "" && t.IDToken == "" {
		return nil, false
	}
	return t, true
}

type refString string

// refToken is a token member: its string, or the JSON type it was instead.
type refToken struct{ s, kind string }

func (v *refToken) UnmarshalJSON(b []byte) error {
	var x any
	_ = json.Unmarshal(b, &x)
	v.s, v.kind = jsonString(b), ""
	switch x.(type) {
	case float64:
		v.kind = "a number"
	case bool:
		v.kind = "a bool"
	case map[string]any:
		v.kind = "an object"
	case []any:
		v.kind = "an array"
	}
	return nil
}

func (v refToken) problem(member string) string {
	if v.kind == "" {
		return ""
	}
	return member + " is " + v.kind + ", not a string"
}

func (s *refString) UnmarshalJSON(b []byte) error { *s = refString(jsonString(b)); return nil }

type refSeconds struct {
	n       int64
	ok      bool
	problem string
}

func (v *refSeconds) UnmarshalJSON(b []byte) error {
	v.n, v.ok, v.problem = jsonSeconds(b)
	return nil
}

func FuzzParseTokenResponseAgrees(f *testing.F) {
	for _, s := range []string{
		`{"access_token":"abc","token_type":"bearer","expires_in":86400}`,
		`{"access_token":"abc","expires_in":"3600","scope":"openid profile"}`,
		`{"ACCESS_TOKEN":"abc","Expires_In":1.5e3}`,
		`{"id_token":"a.b.c","access_token":null,"x":{"y":[1,"}",{"z":"]"}]},"refresh_token":"r"}`,
		`{"access_token":"a\"b\\c\u00e9","access_token":7}`,
		`{"access_token":"x","expires_in":"3600","expires_in":{}}`,
		` { "access_token" : "x" , "token_type" : "Bearer" } `,
		`[{"access_token":"x"}]`, `null`, `"x"`, `{}`, `{"access_token":"\ud800"}`, "{\"access_token\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := ParseTokenResponse(body)
		want, ok := referenceParse(body)
		if (err == nil) != ok {
			t.Fatalf("%q: scanner err %v, encoding/json ok %v", body, err, ok)
		}
		if ok && *got != *want {
			t.Fatalf("%q:\n got %+v\nwant %+v", body, *got, *want)
		}
	})
}

// FuzzMasked: for any field values, the masked request keeps every field
// but the password, which reads as Mask, and the bearer never shows.
func FuzzMasked(f *testing.F) {
	f.Add("alice@example.com", "wonderland", "openid", "tok", uint8(0))
	f.Add(`o'brien"\`, "pa&ss=word%20+", "openid profile", "Bearer x", uint8(1))
	f.Add("\u202e\x00", "\xff\xfe", "", "", uint8(2))
	f.Fuzz(func(t *testing.T, user, pw, scope, bearer string, flow uint8) {
		r := Request{Domain: "acme.example", ClientID: "c", Connection: "db", Username: user, Password: pw, Scope: scope, Bearer: bearer}
		r = r.AsFlow([]Flow{FlowRO, FlowRealm, FlowPassword}[int(flow)%3])
		if r.Validate() != nil {
			return
		}
		s, err := r.Build()
		if err != nil {
			t.Fatal(err)
		}
		m := s.Masked()
		var fields map[string]string
		if r.Flow == FlowPassword {
			q, err := url.ParseQuery(string(m.Body))
			if err != nil {
				t.Fatalf("masked form does not parse: %v: %s", err, m.Body)
			}
			fields = map[string]string{}
			for k := range q {
				fields[k] = q.Get(k)
			}
		} else if err := json.Unmarshal(m.Body, &fields); err != nil {
			t.Fatalf("masked JSON does not parse: %v: %s", err, m.Body)
		}
		if fields["password"] != Mask {
			t.Fatalf("password shows as %q", fields["password"])
		}
		if utf8.ValidString(user) && fields["username"] != user {
			t.Fatalf("username changed: %q -> %q", user, fields["username"])
		}
		if a := m.Header.Get("Authorization"); a != "" && a != "Bearer "+Mask {
			t.Fatalf("Authorization shows as %q", a)
		}
		if len(pw) >= 8 && !strings.Contains(s.URL+user+scope+"c db acme.example", pw) && strings.Contains(s.Curl(false), pw) {
			t.Fatalf("Curl(false) shows the password")
		}
	})
}
