package ro

import (
	"strings"
	"unicode"
)

// Validate checks a Request before it is sent. It returns nil, or a
// *ValidationError listing every problem found, each on the field to change.
func (r Request) Validate() error {
	_, err := r.validate(baseString)
	return err
}

// clientIDMissing is what an empty client ID is told, where no more
// particular sentence fits.
const clientIDMissing = "Enter the application's client ID (Auth0 dashboard: Applications, Settings)."

// checkTenant checks the two fields every call names, the domain and the
// client ID, adding what is wrong with each; base is the tenant's URL when
// the domain is usable. missing is what an empty client ID is told.
func checkTenant(add func(field, msg string), baseOf func(string, bool) (string, error), domain string, insecure bool, clientID, missing string) (base string) {
	if b, err := baseOf(domain, insecure); err != nil {
		add(FieldDomain, capitalise(err.Error()))
	} else {
		base = b
	}
	if strings.TrimSpace(clientID) == "" {
		add(FieldClientID, missing)
	} else if hasSpaceOrControl(clientID) {
		add(FieldClientID, "The client ID has a space or line break in it; paste it again without them.")
	}
	return base
}

// baseString is BaseURL as a string.
func baseString(domain string, insecure bool) (string, error) {
	u, err := BaseURL(domain, insecure)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// validate is Validate that also returns the base URL it checked (found
// with baseOf), so that sending does not parse the domain again.
func (r Request) validate(baseOf func(string, bool) (string, error)) (base string, err error) {
	var v ValidationError
	add := func(field, msg string) { v.Fields = append(v.Fields, FieldError{Field: field, Message: msg}) }

	flow, err := ParseFlow(string(r.Flow))
	if err != nil {
		add(FieldFlow, "pick one of the flows ro (/oauth/ro), realm (/oauth/token, password-realm) or password (OIDC discovery)")
		flow = FlowRO
	}
	base = checkTenant(add, baseOf, r.Domain, r.Insecure, r.ClientID, clientIDMissing)

	grant := r.checkFlowFields(add, flow)
	r.checkCredentials(add, flow, grant)
	if hasControl(r.Scope) {
		add(FieldScope, "The scope has a line break or control character in it; separate scopes with single spaces.")
	}
	if r.Bearer != "" && hasSpaceOrControl(bearerValue(r.Bearer)) {
		add(FieldBearer, "The bearer token has a space or line break in it; paste the token alone (a leading \"Bearer \" is fine).")
	}
	if len(v.Fields) == 0 {
		return base, nil
	}
	return "", &v
}

// checkFlowFields checks the fields that belong to one flow and not the
// others, adding what is wrong; it returns the grant the request uses.
func (r Request) checkFlowFields(add func(field, msg string), flow Flow) (grant string) {
	grant = GrantPassword
	switch flow {
	case FlowRO:
		if strings.TrimSpace(r.Connection) == "" {
			add(FieldConnection, "Enter the connection to log in with, e.g. Username-Password-Authentication; /oauth/ro needs one.")
		}
		switch r.GrantType {
		case "", GrantPassword:
		case GrantJWTBearer:
			grant = GrantJWTBearer
		default:
			add(FieldGrantType, "Use the grant type password (or "+GrantJWTBearer+" for delegation with an ID token); /oauth/ro knows no other.")
		}
		if r.Audience != "" {
			add(FieldAudience, "/oauth/ro does not take an audience; clear it, or pick the realm flow to ask for an API's access token.")
		}
	case FlowRealm, FlowPassword:
		if flow == FlowRealm && strings.TrimSpace(r.Connection) == "" {
			add(FieldConnection, "Enter the connection to log in with (sent as realm), e.g. Username-Password-Authentication.")
		}
		if r.GrantType != "" && r.GrantType != GrantPassword && r.GrantType != GrantPasswordRealm && r.GrantType != GrantPasswordlessOTP {
			add(FieldGrantType, "The "+string(flow)+" flow sets its own grant type; clear this field.")
		}
		if r.Device != "" {
			add(FieldDevice, "The "+string(flow)+" flow has no device; clear it (offline_access in the scope asks for a refresh token).")
		}
		if r.IDToken != "" {
			add(FieldIDToken, "The "+string(flow)+" flow does not send an ID token; clear it, or pick the ro flow for delegation.")
		}
		if r.MFACode != "" {
			add(FieldMFACode, "The "+string(flow)+" flow takes no MFA code: /oauth/token answers mfa_required with an mfa_token, to go on with Auth0's MFA API (/mfa/challenge, then the mfa-otp grant), which rotui does not implement. Clear it, or pick the ro flow, which sends the code as mfa_code.")
		}
	}
	if flow == FlowRO && r.MFACode != "" && hasSpaceOrControl(r.MFACode) {
		add(FieldMFACode, "The MFA code has a space or line break in it; type the digits alone.")
	}
	return grant
}

// checkCredentials checks who logs in: a user and password, a phone
// number or e-mail and its code (a passwordless connection), or an ID
// token and a device (delegation).
func (r Request) checkCredentials(add func(field, msg string), flow Flow, grant string) {
	pl, passwordless := Passwordless(r.Connection)
	passwordless = passwordless && flow != FlowPassword // the password flow sends no connection
	switch {
	case grant == GrantPassword && passwordless:
		if msg := pl.recipientProblem(r.Username); msg != "" {
			add(FieldUsername, msg)
		}
		if r.Password == "" {
			add(FieldPassword, "Enter the one-time code the tenant sent (ask the tenant to send one first); the "+pl.Name+" connection takes it as the password.")
		}
	case grant == GrantPassword:
		if r.Username == "" {
			add(FieldUsername, "Enter the user's username or email.")
		}
		if r.Password == "" {
			add(FieldPassword, "Enter the user's password; the password grant cannot work without one.")
		}
	default:
		if strings.TrimSpace(r.IDToken) == "" {
			add(FieldIDToken, "Paste the ID token to exchange; the jwt-bearer grant needs one.")
		}
		if strings.TrimSpace(r.Device) == "" {
			add(FieldDevice, "Enter a device name; /oauth/ro requires one with the jwt-bearer grant.")
		}
	}
}

// Error joins every field's message, each prefixed by its field's name.
func (e *ValidationError) Error() string {
	if e == nil || len(e.Fields) == 0 {
		return "the request is not valid"
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return strings.Join(parts, "; ")
}

// For returns the message for one field (several joined by a space), or "".
func (e *ValidationError) For(field string) string {
	if e == nil {
		return ""
	}
	var msgs []string
	for _, f := range e.Fields {
		if f.Field == field {
			msgs = append(msgs, f.Message)
		}
	}
	return strings.Join(msgs, " ")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	s = string(r)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

func hasSpaceOrControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return true
		}
	}
	return false
}
