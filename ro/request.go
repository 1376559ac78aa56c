package ro

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
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
// the password-realm grant): the connection becomes the realm, and what that
// flow has no place for (device, id_token, a jwt-bearer grant type) is dropped.
// It is what a tenant with /oauth/ro turned off needs, and what a migration
// to the replacement endpoint looks like.
func (r Request) AsRealm() Request {
	r.Flow = FlowRealm
	r.GrantType = ""
	r.Device = ""
	r.IDToken = ""
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

// roBody is the JSON body of POST /oauth/ro, in the order of the endpoint's reference.
type roBody struct {
	ClientID   string `json:"client_id"`
	Username   string `json:"username,omitempty"`
	Password   string `json:"password,omitempty"`
	Connection string `json:"connection"`
	GrantType  string `json:"grant_type"`
	Scope      string `json:"scope,omitempty"`
	IDToken    string `json:"id_token,omitempty"`
	Device     string `json:"device,omitempty"`
}

// realmBody is the JSON body of the password-realm grant at /oauth/token.
type realmBody struct {
	GrantType string `json:"grant_type"`
	ClientID  string `json:"client_id"`
	Username  string `json:"username"`
	Password  string `json:"password"`
	Realm     string `json:"realm"`
	Audience  string `json:"audience,omitempty"`
	Scope     string `json:"scope,omitempty"`
}

// Build returns the request r would send, without sending it. It validates
// r first (a *ValidationError when it is not fit to send). The password
// flow's URL needs discovery, so Build reports {base}/oauth/token for it,
// which is where Auth0 (and most servers) put the token endpoint.
func (r Request) Build() (SentRequest, error) {
	if err := r.Validate(); err != nil {
		return SentRequest{}, err
	}
	base, _ := BaseURL(r.Domain, r.Insecure) // Validate checked it
	return r.build(base.String() + "/oauth/token")
}

// build renders r for the wire. tokenURL is where the password flow posts.
func (r Request) build(tokenURL string) (SentRequest, error) {
	base, err := BaseURL(r.Domain, r.Insecure)
	if err != nil {
		return SentRequest{}, err
	}
	s := SentRequest{Method: http.MethodPost, Header: http.Header{}}
	s.Header.Set("Accept", "application/json")
	s.Header.Set("User-Agent", userAgent)
	if b := bearerValue(r.Bearer); b != "" {
		s.Header.Set("Authorization", "Bearer "+b)
	}
	switch r.EffectiveFlow() {
	case FlowRealm:
		s.URL = base.String() + "/oauth/token"
		s.Header.Set("Content-Type", "application/json")
		s.Body, err = marshalBody(realmBody{
			GrantType: GrantPasswordRealm,
			ClientID:  r.ClientID,
			Username:  r.Username,
			Password:  r.Password,
			Realm:     r.Connection,
			Audience:  r.Audience,
			Scope:     r.Scope,
		})
	case FlowPassword:
		s.URL = tokenURL
		s.Header.Set("Content-Type", "application/x-www-form-urlencoded")
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
		s.URL = base.String() + "/oauth/ro"
		s.Header.Set("Content-Type", "application/json")
		s.Body, err = marshalBody(roBody{
			ClientID:   r.ClientID,
			Username:   r.Username,
			Password:   r.Password,
			Connection: r.Connection,
			GrantType:  r.EffectiveGrantType(),
			Scope:      r.Scope,
			IDToken:    r.IDToken,
			Device:     r.Device,
		})
	}
	return s, err
}

// bearerValue is the token of the bearer field, without a pasted "Bearer " prefix.
func bearerValue(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
		s = strings.TrimSpace(s[7:])
	}
	return s
}

func marshalBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

func addForm(b *strings.Builder, k, v string) {
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(url.QueryEscape(k))
	b.WriteByte('=')
	b.WriteString(url.QueryEscape(v))
}
