package rotest

import (
	"net/http"
	"time"
)

// POST /delegation is how a login from /oauth/ro was refreshed: a refresh
// token from /oauth/ro (or a live ID token) is traded for a new ID token,
// {"token_type":"Bearer","expires_in":…,"id_token":…}. auth0.js v7's
// refreshToken, Lock and Auth0.Android's delegationWithRefreshToken sent
// only client_id, grant_type and the token, so api_type defaults to app
// (the same client), target to client_id and scope to openid; "passthrough"
// in scope keeps the claims of the original login.

// delegationFields are the string fields of POST /delegation.
var delegationFields = []string{"client_id", "grant_type", "refresh_token", "id_token", "api_type", "target", "scope", "device"}

// handleDelegation is POST /delegation.
func (t *Tenant) handleDelegation(w http.ResponseWriter, r *http.Request) {
	if t.legacyOff(w, "/delegation") {
		return
	}
	body, err := t.delegation(w, r)
	writeAnswer(w, body, err)
}

// delegation checks a /delegation call (body, client, grant, token kind,
// api_type, target, then the token itself) and mints the new ID token.
func (t *Tenant) delegation(w http.ResponseWriter, r *http.Request) ([]claim, error) {
	p, err := readFields(w, r, delegationFields)
	if err != nil {
		return nil, err
	}
	refresh, idToken := p.str("refresh_token"), p.str("id_token")
	legacyGrant := grantLegacyDelegationIDToken
	if refresh != "" {
		legacyGrant = grantLegacyDelegationRefresh
	}
	c, refused := legacyClient(p.str("client_id"), "/delegation", legacyGrant)
	if refused != nil {
		return nil, refused
	}
	target, err := delegationRequest(p, c)
	if err != nil {
		return nil, err
	}
	var u *user
	var original map[string]bool // the claims of the original login, for passthrough
	if refresh != "" {
		u, original, err = t.delegatedRefresh(refresh, c)
	} else {
		u, original, err = t.delegatedIDToken(r, idToken, c)
	}
	if err != nil {
		return nil, err
	}
	scope := scopes(p.str("scope"))
	var extra []claim
	if has(scope, "passthrough") {
		for _, a := range u.attributes(target.id) {
			if original[a.name] {
				extra = append(extra, a)
			}
		}
	} else {
		extra = u.legacyScopeClaims(scope, target.id)
	}
	return t.delegatedToken(r, u, target, extra)
}

// delegationRequest checks the fields that do not depend on the token:
// grant_type, that exactly one token came, api_type and target; it returns
// the client the new ID token is for.
func delegationRequest(p params, c *client) (*client, error) {
	refresh, idToken := p.str("refresh_token"), p.str("id_token")
	switch grantType := p.str("grant_type"); {
	case grantType == "":
		return nil, missing("grant_type")
	case grantType != grantJWTBearer:
		return nil, newErr(400, "invalid_request", "grant_type must be "+grantJWTBearer)
	case refresh == "" && idToken == "":
		return nil, newErr(400, "invalid_request", "missing refresh_token or id_token parameter")
	case refresh != "" && idToken != "":
		return nil, newErr(400, "invalid_request", "send refresh_token or id_token, not both")
	}
	// Add-ons (firebase, aws, salesforce…) each had their api_type; the
	// demo tenant has none enabled.
	if apiType := p.str("api_type"); apiType != "" && apiType != "app" {
		return nil, newErr(400, "invalid_request", "api_type "+cut(apiType, 40)+" is not enabled for this client: the demo tenant has no add-ons; use api_type app")
	}
	target := c
	if id := p.str("target"); id != "" {
		if target = clients[id]; target == nil || target.oidc {
			return nil, newErr(400, "invalid_request", "target must be a client ID of this tenant that may use /delegation (e.g. the client_id itself)")
		}
	}
	return target, nil
}

// delegatedRefresh finds the user of a refresh token from /oauth/ro issued
// to c. A token from /oauth/token, another client's, an unknown or a
// revoked one is refused.
func (t *Tenant) delegatedRefresh(token string, c *client) (*user, map[string]bool, error) {
	t.mu.Lock()
	rec, ok := t.refresh[token]
	t.mu.Unlock()
	switch {
	case !ok || rec.client != c.id:
		return nil, nil, newErr(http.StatusForbidden, "invalid_grant", "Unknown or invalid refresh token.")
	case !rec.legacy:
		return nil, nil, newErr(http.StatusForbidden, "invalid_grant", "This refresh token was issued by /oauth/token: only /oauth/token takes it (grant_type refresh_token). /delegation takes refresh tokens from /oauth/ro.")
	}
	original := map[string]bool{}
	for _, a := range rec.user.legacyScopeClaims(scopes(rec.scope), c.id) {
		original[a.name] = true
	}
	return rec.user, original, nil
}

// delegatedIDToken checks an ID token of this tenant issued to c, as
// /oauth/ro's jwt-bearer grant does.
func (t *Tenant) delegatedIDToken(r *http.Request, raw string, c *client) (*user, map[string]bool, error) {
	u, aud, err := t.verifyIDToken(r, raw)
	if err != nil {
		return nil, nil, newErr(400, "invalid_grant", err.Error())
	}
	if aud != c.id {
		return nil, nil, newErr(400, "invalid_grant", "the id_token was issued to another client")
	}
	return u, claimNamesOf(raw), nil
}

// delegatedToken mints the new ID token for target, signed as target's
// tokens are (RS256, or HS256 with its secret), and renders the answer.
func (t *Tenant) delegatedToken(r *http.Request, u *user, target *client, extra []claim) ([]claim, error) {
	now := t.now()
	claims := append([]claim{
		{"iss", t.issuer(r)},
		{"sub", u.id},
		{"aud", target.id},
		{"exp", now.Add(t.opts.TokenTTL).Unix()},
		{"iat", now.Unix()},
	}, extra...)
	var idToken string
	var err error
	if target.hs256 {
		idToken, err = signHS256(claims, target.secret)
	} else {
		idToken, err = t.keys.signRS256(claims)
	}
	if err != nil {
		return nil, err
	}
	return []claim{
		{"token_type", "Bearer"},
		{"expires_in", int64(t.opts.TokenTTL / time.Second)},
		{"id_token", idToken},
	}, nil
}
