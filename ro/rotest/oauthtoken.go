package rotest

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// tokenFields are the string fields of POST /oauth/token.
var tokenFields = []string{"grant_type", "client_id", "client_secret", "username", "password", "realm", "audience", "scope", "refresh_token"}

// handleToken is POST /oauth/token, what Auth0 replaced /oauth/ro with:
// the password-realm grant, the standard password grant (the default
// directory), and refresh_token.
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
	p, err := readParams(w, r)
	if err != nil {
		return nil, bodyError(err)
	}
	for _, f := range tokenFields {
		if _, ok := p.get(f); !ok {
			return nil, newErr(400, "invalid_request", f+" parameter must be a string")
		}
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
		realm := Connection // the password grant uses the default directory
		if grantType == grantPasswordRealm {
			realm = p.str("realm")
			if realm == "" {
				return nil, missingParam("realm")
			}
			if err := checkConnection(realm); err != nil {
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
		switch out {
		case loginLocked:
			return nil, tooManyAttempts()
		case loginWrong:
			return nil, newErr(http.StatusForbidden, "invalid_grant", "Wrong email or password.")
		case loginBlocked:
			return nil, newErr(http.StatusForbidden, "invalid_grant", "user is blocked")
		case loginMFA, loginMFAWrong:
			e := newErr(http.StatusForbidden, "mfa_required", "Multi-factor authentication required")
			e.extra = []claim{{"mfa_token", randomString(legacyRefreshLen)}}
			return nil, e
		}
		return t.issue(r, grant{user: u, client: c, scope: scopes(p.str("scope")), audience: p.str("audience"), gty: "password"})

	case grantRefreshToken:
		tok := p.str("refresh_token")
		if tok == "" {
			return nil, missingParam("refresh_token")
		}
		t.mu.Lock()
		rec, ok := t.refresh[tok]
		t.mu.Unlock()
		// Refresh tokens from /oauth/ro were never accepted here:
		// migrating off the legacy endpoint forced a new login.
		if !ok || rec.legacy || rec.client != c.id {
			return nil, newErr(http.StatusForbidden, "invalid_grant", "Unknown or invalid refresh token.")
		}
		return t.issue(r, grant{user: rec.user, client: c, scope: scopes(rec.scope), audience: rec.audience, gty: "refresh_token", noRefresh: true})
	}
	return nil, newErr(http.StatusNotImplemented, "unsupported_grant_type", "Unsupported grant type: "+cut(grantType, 100))
}

// cut shortens untrusted text echoed in an answer.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
