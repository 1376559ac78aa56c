package rotest

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// tokenFields are the string fields of POST /oauth/token.
var tokenFields = []string{"grant_type", "client_id", "client_secret", "username", "password", "realm", "audience", "scope", "refresh_token", "otp"}

// handleToken is POST /oauth/token, what Auth0 replaced /oauth/ro with:
// the password-realm grant, the standard password grant (the default
// directory), refresh_token and passwordless/otp.
func (t *Tenant) handleToken(w http.ResponseWriter, r *http.Request) {
	body, err := t.token(w, r)
	writeAnswer(w, body, err)
}

// missingParam is /oauth/token's answer for a missing field.
func missingParam(field string) *apiError {
	return newErr(400, "invalid_request", "Missing required parameter: "+field)
}

// token checks a /oauth/token call and returns the success body or an
// *apiError.
func (t *Tenant) token(w http.ResponseWriter, r *http.Request) ([]claim, error) {
	p, err := readFields(w, r, tokenFields)
	if err != nil {
		return nil, err
	}
	grantType := p.str("grant_type")
	if grantType == "" {
		return nil, missingParam("grant_type")
	}
	clientID := p.str("client_id")
	if clientID == "" {
		return nil, missingParam("client_id")
	}
	c := clients[clientID]
	if c == nil {
		return nil, newErr(http.StatusUnauthorized, "invalid_client", "Unknown client.")
	}
	// A wrong secret is refused. A missing one is accepted even for the
	// HS256 client (Auth0 would want it from a confidential client):
	// rotui's request has no secret field, and the demo client must work
	// in every flow.
	if secret := p.str("client_secret"); secret != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(c.secret)) != 1 {
		return nil, newErr(http.StatusUnauthorized, "access_denied", "Unauthorized")
	}

	switch grantType {
	case grantPasswordRealm, grantPassword:
		return t.passwordGrant(r, p, c, grantType)
	case grantRefreshToken:
		return t.refreshGrant(r, p, c)
	case grantPasswordlessOTP:
		return t.otpGrant(r, p, c)
	}
	return nil, newErr(http.StatusNotImplemented, "unsupported_grant_type", "Unsupported grant type: "+cut(grantType, 100))
}

// passwordGrant is the password-realm grant, or the standard password
// grant, which uses the default directory.
func (t *Tenant) passwordGrant(r *http.Request, p params, c *client, grantType string) ([]claim, error) {
	realm := Connection
	if grantType == grantPasswordRealm {
		realm = p.str("realm")
		if realm == "" {
			return nil, missingParam("realm")
		}
		if err := checkConnection(realm, false); err != nil {
			return nil, err
		}
	}
	username, password := p.str("username"), p.str("password")
	if username == "" {
		return nil, missingParam("username")
	}
	if password == "" {
		return nil, missingParam("password")
	}
	u, out := t.authenticate(username, password, "")
	if out != loginOK {
		return nil, tokenRefusal(out, realm)
	}
	return t.issue(r, grant{user: u, client: c, scope: scopes(p.str("scope")), audience: p.str("audience"), gty: "password"})
}

// otpGrant is the passwordless/otp grant, the OIDC replacement of a
// passwordless /oauth/ro login: realm sms or email, username the phone
// number or e-mail, otp the code.
func (t *Tenant) otpGrant(r *http.Request, p params, c *client) ([]claim, error) {
	realm, username, otp := p.str("realm"), p.str("username"), p.str("otp")
	switch {
	case realm == "":
		return nil, missingParam("realm")
	case !isPasswordless(realm):
		return nil, newErr(400, "invalid_request", "realm must be "+ConnectionSMS+" or "+ConnectionEmail+" for the passwordless/otp grant")
	case username == "":
		return nil, missingParam("username")
	case otp == "":
		return nil, missingParam("otp")
	}
	u, out := t.authenticateCode(realm, username, otp, "")
	if out != loginOK {
		return nil, tokenRefusal(out, realm)
	}
	return t.issue(r, grant{user: u, client: c, scope: scopes(p.str("scope")), audience: p.str("audience"), gty: "passwordless"})
}

// refreshGrant is the refresh_token grant. Refresh tokens from /oauth/ro
// were never accepted here: they work only at /delegation, and migrating
// off the legacy endpoint forced a new login.
func (t *Tenant) refreshGrant(r *http.Request, p params, c *client) ([]claim, error) {
	tok := p.str("refresh_token")
	if tok == "" {
		return nil, missingParam("refresh_token")
	}
	t.mu.Lock()
	rec, ok := t.refresh[tok]
	t.mu.Unlock()
	switch {
	case !ok || rec.client != c.id:
		return nil, newErr(http.StatusForbidden, "invalid_grant", "Unknown or invalid refresh token.")
	case rec.legacy:
		return nil, newErr(http.StatusForbidden, "invalid_grant", "This refresh token was issued by /oauth/ro: only the legacy /delegation endpoint takes it. /oauth/token takes refresh tokens from /oauth/token; migrating means logging in again.")
	}
	return t.issue(r, grant{user: rec.user, client: c, scope: scopes(rec.scope), audience: rec.audience, gty: "refresh_token", noRefresh: true})
}

// tokenRefusal is /oauth/token's error answer to an outcome.
func tokenRefusal(out outcome, realm string) *apiError {
	switch out {
	case loginCodeWrong:
		return newErr(http.StatusForbidden, "invalid_grant", wrongCode[realm])
	case loginMFA, loginMFAEnroll, loginMFAWrong:
		e := newErr(http.StatusForbidden, "mfa_required", "Multi-factor authentication required")
		e.extra = []claim{{"mfa_token", randomString(legacyRefreshLen)}}
		return e
	}
	r := tokenRefusals[out]
	return newErr(r.status, r.code, r.description)
}

// cut shortens untrusted text echoed in an answer.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
