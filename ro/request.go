package ro

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// ParseFlow reads "ro", "realm" or "password" (empty means ro), in any case.
func ParseFlow(s string) (Flow, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "ro":
		return FlowRO, nil
	case "realm", "password-realm":
		return FlowRealm, nil
	case "password":
		return FlowPassword, nil
	}
	return "", fmt.Errorf("the flow %q is not one of ro, realm or password", s)
}

// String returns the flow's name as typed on the command line.
func (f Flow) String() string {
	if f == "" {
		return string(FlowRO)
	}
	return string(f)
}

// Endpoint describes where the flow posts, for people: "/oauth/ro",
// "/oauth/token", or "the token endpoint from OIDC discovery".
func (f Flow) Endpoint() string {
	switch f {
	case FlowRealm:
		return "/oauth/token"
	case FlowPassword:
		return "the token endpoint from OIDC discovery"
	}
	return "/oauth/ro"
}

// EffectiveFlow is r.Flow, with empty meaning FlowRO.
func (r Request) EffectiveFlow() Flow {
	if r.Flow == "" {
		return FlowRO
	}
	return r.Flow
}

// EffectiveGrantType is the grant_type that goes on the wire for r.
func (r Request) EffectiveGrantType() string {
	switch r.EffectiveFlow() {
	case FlowRealm:
		if _, ok := Passwordless(r.Connection); ok {
			return GrantPasswordlessOTP
		}
		return GrantPasswordRealm
	case FlowPassword:
		return GrantPassword
	}
	if r.GrantType == "" {
		return GrantPassword
	}
	return r.GrantType
}

// AsRealm returns the same login in the realm flow (POST /oauth/token with
// the password-realm grant, or for a passwordless connection the
// passwordless/otp grant with the code as otp): the connection becomes the
// realm, and what that
// flow has no place for (device, id_token, a jwt-bearer grant type, an MFA
// code: /oauth/token answers mfa_required with an mfa_token instead) is dropped.
// It is what a tenant with /oauth/ro turned off needs, and what a migration
// to the replacement endpoint looks like.
func (r Request) AsRealm() Request {
	r.Flow = FlowRealm
	r.GrantType = ""
	r.Device = ""
	r.IDToken = ""
	r.MFACode = ""
	return r
}

// AsFlow returns the same login in flow f, with the fields f has no place
// for dropped (see AsRealm); for FlowRO the audience is dropped.
func (r Request) AsFlow(f Flow) Request {
	switch f {
	case FlowRealm:
		return r.AsRealm()
	case FlowPassword:
		r = r.AsRealm()
		r.Flow = FlowPassword
		return r
	}
	r.Flow = FlowRO
	r.Audience = ""
	return r
}

// userAgent is sent with every request so a tenant's logs show who called.
const userAgent = "rotui (+https://github.com/rotui/rotui)"

// Header values shared by every request. Each slice is full (len == cap),
// so an Add on a request's header copies it rather than writing here.
var (
	acceptJSON     = []string{"application/json"}
	userAgentValue = []string{userAgent}
	contentJSON    = []string{"application/json"}
	contentForm    = []string{"application/x-www-form-urlencoded"}
)

// jsonField is one member of a JSON body; empty optional members are left out.
type jsonField struct {
	name, value string
	optional    bool
}

// jsonObject writes a flat JSON object of strings in the order given, so the
// body reads on screen in the order of the endpoint's reference. It is
// written by hand: encoding/json's reflection was most of the client's own
// cost in a loopback round trip.
func jsonObject(fields ...jsonField) []byte {
	n := 2
	for _, f := range fields {
		n += len(f.name) + len(f.value) + 6
	}
	b := make([]byte, 0, n+16)
	b = append(b, '{')
	first := true
	for _, f := range fields {
		if f.optional && f.value == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, f.name)
		b = append(b, ':')
		b = appendJSONString(b, f.value)
	}
	return append(b, '}')
}

// appendJSONString quotes s as encoding/json does (without HTML escaping):
// quotes, backslashes and control characters escaped, U+2028 and U+2029
// escaped, bytes that are not UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Build returns the request r would send, without sending it. It validates
// r first (a *ValidationError when it is not fit to send). The password
// flow's URL needs discovery, so Build reports {base}/oauth/token for it,
// which is where Auth0 (and most servers) put the token endpoint.
func (r Request) Build() (SentRequest, error) {
	base, err := r.validate(baseString)
	if err != nil {
		return SentRequest{}, err
	}
	return r.build(base, base+"/oauth/token"), nil
}

// build renders a valid r for the wire. base is BaseURL's answer as a
// string; tokenURL is where the password flow posts.
func (r Request) build(base, tokenURL string) SentRequest {
	// Keys in canonical form, so net/http takes them as they are.
	s := SentRequest{Method: http.MethodPost, Header: make(http.Header, 4)}
	s.Header["Accept"] = acceptJSON
	s.Header["User-Agent"] = userAgentValue
	if b := bearerValue(r.Bearer); b != "" {
		s.Header["Authorization"] = []string{"Bearer " + b}
	}
	switch r.EffectiveFlow() {
	case FlowRealm:
		s.URL = base + "/oauth/token"
		s.Header["Content-Type"] = contentJSON
		grant, secret := GrantPasswordRealm, "password"
		if _, ok := Passwordless(r.Connection); ok {
			// The passwordless/otp grant: the code is the otp, the
			// connection the realm (Auth0's replacement of a passwordless
			// /oauth/ro login).
			grant, secret = GrantPasswordlessOTP, "otp"
		}
		s.Body = jsonObject(
			jsonField{"grant_type", grant, false},
			jsonField{"client_id", r.ClientID, false},
			jsonField{"username", r.Username, false},
			jsonField{secret, r.Password, false},
			jsonField{"realm", r.Connection, false},
			jsonField{"audience", r.Audience, true},
			jsonField{"scope", r.Scope, true},
		)
	case FlowPassword:
		s.URL = tokenURL
		s.Header["Content-Type"] = contentForm
		// Written by hand so the fields keep a readable order on screen.
		var b strings.Builder
		addForm(&b, "grant_type", GrantPassword)
		addForm(&b, "client_id", r.ClientID)
		addForm(&b, "username", r.Username)
		addForm(&b, "password", r.Password)
		if r.Audience != "" {
			addForm(&b, "audience", r.Audience)
		}
		if r.Scope != "" {
			addForm(&b, "scope", r.Scope)
		}
		s.Body = []byte(b.String())
	default:
		s.URL = base + "/oauth/ro"
		s.Header["Content-Type"] = contentJSON
		s.Body = jsonObject(
			jsonField{"client_id", r.ClientID, false},
			jsonField{"username", r.Username, true},
			jsonField{"password", r.Password, true},
			jsonField{"connection", r.Connection, false},
			jsonField{"grant_type", r.EffectiveGrantType(), false},
			jsonField{"scope", r.Scope, true},
			jsonField{"id_token", r.IDToken, true},
			jsonField{"device", r.Device, true},
			jsonField{"mfa_code", r.MFACode, true},
		)
	}
	return s
}

// Secrets lists the credentials a person put in r: the password (or
// one-time code), the bearer token (without "Bearer "), the ID token sent
// for delegation and the MFA code; empty ones left out. A surface masks
// each wherever it shows text a server sent (NewEchoes(r.Secrets()...)).
func (r Request) Secrets() []string {
	var out []string
	for _, s := range []string{r.Password, bearerValue(r.Bearer), r.IDToken, r.MFACode} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// bearerValue is the token of the bearer field, without a pasted "Bearer " prefix.
func bearerValue(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
		s = strings.TrimSpace(s[7:])
	}
	return s
}

func addForm(b *strings.Builder, k, v string) {
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(url.QueryEscape(k))
	b.WriteByte('=')
	b.WriteString(url.QueryEscape(v))
}
