package rotest

import (
	"errors"
	"io"
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
	// The legacy grants a client needs for /delegation (Auth0's
	// "Legacy: Delegation Token" grant types).
	grantLegacyDelegationRefresh = "http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token"
	grantLegacyDelegationIDToken = "http://auth0.com/oauth/legacy/grant-type/delegation/id_token"
)

// roFields are the string fields of POST /oauth/ro; mfa_code may be a
// number too (see params.code).
var roFields = []string{"client_id", "username", "password", "connection", "grant_type", "scope", "device", "id_token"}

// handleRO is POST /oauth/ro, the legacy Resource Owner endpoint.
func (t *Tenant) handleRO(w http.ResponseWriter, r *http.Request) {
	if t.legacyOff(w, "/oauth/ro") {
		return
	}
	body, err := t.resourceOwner(w, r)
	writeAnswer(w, body, err)
}

// legacyOff answers a legacy endpoint (/oauth/ro, /delegation) on a tenant
// with legacy grants off, and says so; false when they are on. Real
// tenants answered a bare 404 with the text body "Not Found"
// (node-auth0#283, #367, auth0-python#251); Options.LegacyOffJSON sends
// the endpoint_disabled body of Auth0's general error list instead.
func (t *Tenant) legacyOff(w http.ResponseWriter, endpoint string) bool {
	switch {
	case !t.opts.LegacyOff:
		return false
	case t.opts.LegacyOffJSON:
		writeAPIError(w, endpointDisabled(endpoint))
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "Not Found")
	}
	return true
}

// endpointDisabled is the JSON 404 of a tenant without the legacy
// endpoints (Options.LegacyOffJSON), with the way forward for each.
func endpointDisabled(endpoint string) *apiError {
	instead := "use /oauth/token with the password-realm grant."
	if endpoint == "/delegation" {
		instead = "use /oauth/token with the refresh_token grant (a refresh token from /oauth/ro does not work there: log in again)."
	}
	return newErr(http.StatusNotFound, "endpoint_disabled",
		"The legacy "+endpoint+" endpoint is disabled for this tenant; "+instead)
}

// legacyClient finds the client of a call to a legacy endpoint, or says
// why it may not use it: unknown, "OIDC Conformant" (which takes the
// legacy endpoints away), or without the legacy grant named.
func legacyClient(clientID, endpoint, legacyGrant string) (*client, *apiError) {
	if clientID == "" {
		return nil, missing("client_id")
	}
	c := clients[clientID]
	switch {
	case c == nil:
		return nil, newErr(http.StatusForbidden, "unauthorized_client", "invalid client")
	case c.oidc:
		return nil, oidcConformant(endpoint)
	case !c.legacy:
		return nil, newErr(http.StatusForbidden, "unauthorized_client",
			"Grant type '"+legacyGrant+"' not allowed for the client.")
	}
	return c, nil
}

// oidcConformant is the refusal of a legacy endpoint to a client with
// "OIDC Conformant" on (status unverified: Auth0 documents only the words).
func oidcConformant(endpoint string) *apiError {
	return newErr(http.StatusBadRequest, "invalid_request", "OIDC conformant clients cannot use "+endpoint)
}

// resourceOwner checks a /oauth/ro call in a fixed order (body, client,
// connection, grant, credentials: Auth0's own order is not documented)
// and returns the success body or an *apiError.
func (t *Tenant) resourceOwner(w http.ResponseWriter, r *http.Request) ([]claim, error) {
	if t.opts.RequireBearer {
		if _, ok := bearer(r); !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="Auth0", error="invalid_request", error_description="An Authorization: Bearer header is required"`)
			return nil, newErr(http.StatusUnauthorized, "unauthorized", "missing Authorization: Bearer header; this tenant requires one on /oauth/ro")
		}
	}
	p, err := readFields(w, r, roFields)
	if err != nil {
		return nil, err
	}
	mfaCode, ok := p.code("mfa_code")
	if !ok {
		return nil, newErr(400, "invalid_request", "mfa_code parameter must be a string or a number")
	}
	c, refused := legacyClient(p.str("client_id"), "/oauth/ro", grantLegacyRO)
	if refused != nil {
		return nil, refused
	}
	connection := p.str("connection")
	if connection == "" {
		return nil, missing("connection")
	}
	if err := checkConnection(connection, true); err != nil {
		return nil, err
	}

	scope := scopes(p.str("scope"))
	switch p.str("grant_type") {
	case grantPassword:
	case grantJWTBearer:
		return t.idTokenGrant(r, p, c, scope)
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
	var u *user
	var out outcome
	if isPasswordless(connection) {
		u, out = t.authenticateCode(connection, username, password, mfaCode)
	} else {
		u, out = t.authenticate(username, password, mfaCode)
	}
	if out != loginOK {
		return nil, roRefusal(out, u, connection)
	}
	return t.issue(r, grant{user: u, client: c, scope: scope, device: p.str("device"), legacy: true})
}

// roRefusal is /oauth/ro's error answer to an outcome.
func roRefusal(out outcome, u *user, connection string) *apiError {
	if out == loginCodeWrong {
		// By analogy with passwords: Auth0's status here is not documented.
		return newErr(http.StatusUnauthorized, "invalid_user_password", wrongCode[connection])
	}
	r := roRefusals[out]
	e := newErr(r.status, r.code, r.description)
	if out == loginMFAEnroll {
		e.extra = []claim{mfaSettings(u)}
	}
	return e
}

// idTokenGrant is /oauth/ro's jwt-bearer grant (the Touch ID flow): an ID
// token of this tenant, for this client, is traded for fresh tokens.
func (t *Tenant) idTokenGrant(r *http.Request, p params, c *client, scope []string) ([]claim, error) {
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

// isPasswordless is true for the passwordless connections.
func isPasswordless(connection string) bool {
	return connection == ConnectionSMS || connection == ConnectionEmail
}

// checkConnection answers for connections that cannot take the login:
// one switched off, a social one, one the demo does not have, and (when
// passwordlessOK is false, for /oauth/token's password grants) a
// passwordless one.
func checkConnection(name string, passwordlessOK bool) *apiError {
	switch {
	case name == Connection, passwordlessOK && isPasswordless(name):
		return nil
	case name == ConnectionDisabled:
		return newErr(400, "invalid_request", "the connection was disabled")
	case isPasswordless(name), socialConnections[strings.ToLower(name)]:
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
