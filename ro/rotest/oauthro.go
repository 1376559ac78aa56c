package rotest

import (
	"errors"
	"net/http"
	"strings"
)

// Grant types the tenant knows.
const (
	grantPassword      = "password"
	grantJWTBearer     = "urn:ietf:params:oauth:grant-type:jwt-bearer"
	grantPasswordRealm = "http://auth0.com/oauth/grant-type/password-realm"
	grantRefreshToken  = "refresh_token"
	grantLegacyRO      = "http://auth0.com/oauth/legacy/grant-type/ro"
)

// roFields are the string fields of POST /oauth/ro.
var roFields = []string{"client_id", "username", "password", "connection", "grant_type", "scope", "device", "id_token", "mfa_code"}

// handleRO is POST /oauth/ro, the legacy Resource Owner endpoint.
func (t *Tenant) handleRO(w http.ResponseWriter, r *http.Request) {
	body, err := t.resourceOwner(w, r)
	writeAnswer(w, body, err)
}

// endpointDisabled is the 404 of a tenant without the legacy endpoint.
// Auth0's body here is unverified (its general error list has
// endpoint_disabled; a bare 404 is possible too); the demo sends this.
func endpointDisabled() *apiError {
	return newErr(http.StatusNotFound, "endpoint_disabled",
		"The legacy /oauth/ro endpoint is disabled for this tenant; use /oauth/token with the password-realm grant.")
}

// resourceOwner checks a /oauth/ro call in a fixed order (body, client,
// connection, grant, credentials: Auth0's own order is not documented)
// and returns the success body or an *apiError.
func (t *Tenant) resourceOwner(w http.ResponseWriter, r *http.Request) ([]claim, error) {
	if t.opts.LegacyOff {
		return nil, endpointDisabled()
	}
	if t.opts.RequireBearer {
		if _, ok := bearer(r); !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="Auth0", error="invalid_request", error_description="An Authorization: Bearer header is required"`)
			return nil, newErr(http.StatusUnauthorized, "unauthorized", "missing Authorization: Bearer header; this tenant requires one on /oauth/ro")
		}
	}
	p, err := readParams(w, r)
	if err != nil {
		return nil, bodyError(err)
	}
	for _, f := range roFields {
		if _, ok := p.get(f); !ok {
			return nil, newErr(400, "invalid_request", f+" parameter must be a string")
		}
	}

	clientID := p.str("client_id")
	if clientID == "" {
		return nil, missing("client_id")
	}
	c := clients[clientID]
	if c == nil {
		return nil, newErr(http.StatusForbidden, "unauthorized_client", "invalid client")
	}
	if !c.legacy {
		return nil, newErr(http.StatusForbidden, "unauthorized_client",
			"Grant type '"+grantLegacyRO+"' not allowed for the client.")
	}
	connection := p.str("connection")
	if connection == "" {
		return nil, missing("connection")
	}
	if err := checkConnection(connection); err != nil {
		return nil, err
	}

	grantType := p.str("grant_type")
	scope := scopes(p.str("scope"))
	device := p.str("device")
	switch grantType {
	case grantPassword:
	case grantJWTBearer:
		return t.delegation(r, p, c, scope)
	case "":
		return nil, missing("grant_type")
	default:
		return nil, newErr(400, "invalid_request", "grant_type must be password or "+grantJWTBearer)
	}

	username, password := p.str("username"), p.str("password")
	if username == "" {
		return nil, missing("username")
	}
	if password == "" {
		return nil, missing("password")
	}
	u, out := t.authenticate(username, password, p.str("mfa_code"))
	switch out {
	case loginLocked:
		return nil, tooManyAttempts()
	case loginWrong:
		return nil, newErr(http.StatusUnauthorized, "invalid_user_password", "Wrong email or password.")
	case loginBlocked:
		return nil, newErr(http.StatusUnauthorized, "unauthorized", "user is blocked")
	case loginMFA:
		return nil, newErr(http.StatusUnauthorized, "a0.mfa_required", "missing mfa_code parameter")
	case loginMFAWrong:
		return nil, newErr(http.StatusUnauthorized, "a0.mfa_invalid_code", "Wrong or expired code.")
	}
	return t.issue(r, grant{user: u, client: c, scope: scope, device: device, legacy: true})
}

// delegation is /oauth/ro's jwt-bearer grant (the Touch ID flow): an ID
// token of this tenant, for this client, is traded for fresh tokens.
func (t *Tenant) delegation(r *http.Request, p params, c *client, scope []string) ([]claim, error) {
	idToken := p.str("id_token")
	if idToken == "" {
		return nil, missing("id_token")
	}
	device := p.str("device")
	if device == "" {
		return nil, missing("device")
	}
	u, aud, err := t.verifyIDToken(r, idToken)
	if err != nil {
		return nil, newErr(400, "invalid_grant", err.Error())
	}
	if aud != c.id {
		return nil, newErr(400, "invalid_grant", "the id_token was issued to another client")
	}
	return t.issue(r, grant{user: u, client: c, scope: scope, device: device, legacy: true})
}

// checkConnection answers for connections the demo does not have.
func checkConnection(name string) *apiError {
	if name == Connection {
		return nil
	}
	if socialConnections[strings.ToLower(name)] {
		return newErr(400, "invalid_request", "specified strategy does not support requested operation")
	}
	return newErr(400, "invalid_request", "the connection was not found")
}

// missing is /oauth/ro's answer for a missing field.
func missing(field string) *apiError {
	return newErr(400, "invalid_request", "missing "+field+" parameter")
}

// bodyError answers a body that could not be read.
func bodyError(err error) *apiError {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return newErr(http.StatusRequestEntityTooLarge, "invalid_request", "the request body is too large")
	}
	return newErr(400, "invalid_request", errBody.Error())
}

// bearer reads Authorization: Bearer <token>; ok is false without one.
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, tok, found := strings.Cut(strings.TrimSpace(h), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}
