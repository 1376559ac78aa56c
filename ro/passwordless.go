package ro

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync"
)

// Passwordless logins over /oauth/ro: a connection named sms or email,
// the phone number or e-mail as username, and as password the one-time
// code the tenant sent when asked with POST /passwordless/start. Their
// replacement is /oauth/token's passwordless/otp grant (the realm flow).

// GrantPasswordlessOTP is /oauth/token's grant for a passwordless code:
// the realm flow sends it, with the code as otp, for a passwordless
// connection.
const GrantPasswordlessOTP = "http://auth0.com/oauth/grant-type/passwordless/otp"

// PasswordlessConnection is one of Auth0's passwordless connections: where
// it sends its one-time code, and how a login's username and password
// fields read for it (a form relabels them from this).
type PasswordlessConnection struct {
	Name            string // the connection's name, as sent: "sms" or "email"
	Recipient       string // the field of /passwordless/start naming where the code goes: "phone_number" or "email"
	UsernameLabel   string // what the username holds: "Phone number" or "E-mail"
	UsernameExample string // a well-formed username, for a placeholder
	PasswordLabel   string // what the password holds: "Code"
}

// passwordlessConnections are Auth0's passwordless connections, by the
// names Auth0 gives them (fixed, lower case).
var passwordlessConnections = []PasswordlessConnection{
	{Name: "sms", Recipient: "phone_number", UsernameLabel: "Phone number", UsernameExample: "+15555550100", PasswordLabel: "Code"},
	{Name: "email", Recipient: "email", UsernameLabel: "E-mail", UsernameExample: "alice@example.com", PasswordLabel: "Code"},
}

// Passwordless returns the passwordless connection named connection; ok is
// false for any other connection (a database, AD/LDAP, enterprise one).
// Connection names are case-sensitive, as Auth0's are.
func Passwordless(connection string) (p PasswordlessConnection, ok bool) {
	for _, c := range passwordlessConnections {
		if c.Name == connection {
			return c, true
		}
	}
	return PasswordlessConnection{}, false
}

// PasswordLabel is what r's password holds, for a prompt or a form's
// label: a passwordless connection's one-time code ("Code") in the flows
// that send a connection, else "Password".
func (r Request) PasswordLabel() string {
	// The password flow sends no connection, so it has no passwordless one.
	if pl, ok := Passwordless(r.Connection); ok && r.EffectiveFlow() != FlowPassword {
		return pl.PasswordLabel
	}
	return "Password"
}

// e164 is a phone number as Auth0's sms connection takes it: a +, the
// country code, the number, digits only, 15 at most (ITU-T E.164).
var e164 = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`) })

// recipientProblem says what is wrong with the username or recipient v of
// the passwordless connection p, worded for the username field; "" when
// nothing is.
func (p PasswordlessConnection) recipientProblem(v string) string {
	if p.Recipient == "phone_number" {
		if !e164().MatchString(v) {
			return "The sms connection sends its code to a phone number: type it in E.164 form, a + and the country code, then digits only (e.g. " + p.UsernameExample + ")."
		}
		return ""
	}
	if !looksLikeEmail(v) {
		return "The email connection sends its code to an e-mail address: type the whole address (e.g. " + p.UsernameExample + ")."
	}
	return ""
}

// looksLikeEmail is a loose check that catches a phone number or a bare
// name typed where an address belongs; the tenant judges the rest.
func looksLikeEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && !strings.Contains(domain, "@") && !hasSpaceOrControl(s) &&
		strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// CodeRequest asks a tenant to send a one-time code (POST
// /passwordless/start, send "code") to a phone number or an e-mail
// address, for a passwordless login afterwards.
type CodeRequest struct {
	Domain     string // as for Request
	ClientID   string
	Connection string // "sms" or "email" (see Passwordless)
	Recipient  string // the phone number (E.164) for sms, the e-mail address for email
	Insecure   bool   // allow plain http to a host that is not loopback
}

// CodeSent is what /passwordless/start answered, in the shapes Auth0 sent:
// {_id, email, email_verified} for email, {_id, phone_number,
// request_language} for sms. Every field is the server's text.
type CodeSent struct {
	ID              string // _id: the passwordless user
	Email           string
	EmailVerified   *bool // nil when the answer did not say
	PhoneNumber     string
	RequestLanguage string // the Accept-Language the code's message was written for
}

// Validate checks a CodeRequest before it is sent: a *ValidationError
// (fields: domain, client_id, connection, username for the recipient), or nil.
func (r CodeRequest) Validate() error {
	_, _, err := r.validate()
	return err
}

func (r CodeRequest) validate() (base string, p PasswordlessConnection, err error) {
	var v ValidationError
	add := func(field, msg string) { v.Fields = append(v.Fields, FieldError{Field: field, Message: msg}) }
	base = checkTenant(add, baseString, r.Domain, r.Insecure, r.ClientID, clientIDMissing)
	p, ok := Passwordless(r.Connection)
	if !ok {
		add(FieldConnection, "A code is sent by a passwordless connection: enter sms or email (a text message or an e-mail).")
	} else if msg := p.recipientProblem(r.Recipient); msg != "" {
		add(FieldUsername, msg)
	}
	if len(v.Fields) > 0 {
		return "", p, &v
	}
	return base, p, nil
}

// SendCode asks the tenant to send a one-time code: POST
// {domain}/passwordless/start {client_id, connection, phone_number | email,
// send: "code"}. err is a *ValidationError (nothing was sent, ex is nil),
// or the same as ex.Err. On success ex.CodeSent holds the answer; the code
// itself goes to the phone or mailbox, never in the answer.
func (c *Client) SendCode(ctx context.Context, r CodeRequest) (*Exchange, error) {
	base, p, err := r.validate()
	if err != nil {
		return nil, err
	}
	call, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	s := jsonPost(base+"/passwordless/start",
		jsonField{"client_id", r.ClientID, false},
		jsonField{"connection", p.Name, false},
		jsonField{p.Recipient, r.Recipient, false},
		jsonField{"send", "code", false},
	)
	ex := c.send(ctx, call, "", s)
	if ex.refuseUnlessOK(flowPasswordless); ex.Err == nil {
		sent, perr := parseCodeSent(ex.Body)
		if perr != nil {
			ex.Err = &NetworkError{Op: "parse answer", URL: s.URL, Err: perr}
		} else {
			ex.CodeSent = sent
		}
	}
	return ex, ex.Err
}

// flowPasswordless marks /passwordless/start's answers for the hints.
const flowPasswordless Flow = "passwordless"

// parseCodeSent reads /passwordless/start's answer; an empty body is a
// code sent with nothing said, a body that is not a JSON object an error.
func parseCodeSent(body []byte) (*CodeSent, error) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return &CodeSent{}, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, errors.New("the body is not a JSON object: " + jsonProblem(err))
	} else if m == nil {
		return nil, errors.New("the body is JSON null where an object was expected")
	}
	s := &CodeSent{
		ID:              cut(jsonString(m["_id"])),
		Email:           cut(jsonString(m["email"])),
		PhoneNumber:     cut(jsonString(m["phone_number"])),
		RequestLanguage: cut(jsonString(m["request_language"])),
	}
	var verified bool
	if json.Unmarshal(m["email_verified"], &verified) == nil && m["email_verified"] != nil {
		s.EmailVerified = &verified
	}
	return s, nil
}

// jsonPost is a POST of a JSON body to url, with rotui's usual headers.
func jsonPost(url string, fields ...jsonField) SentRequest {
	s := SentRequest{Method: http.MethodPost, URL: url, Header: make(http.Header, 3), Body: jsonObject(fields...)}
	s.Header["Accept"] = acceptJSON
	s.Header["User-Agent"] = userAgentValue
	s.Header["Content-Type"] = contentJSON
	return s
}
