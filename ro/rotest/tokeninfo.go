package rotest

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// handleTokeninfo is the legacy POST /tokeninfo: it checks an ID token's
// signature, issuer and expiry and returns the legacy profile of its user,
// with the tenant's global_client_id. A body without a JWT is 400; a JWT
// that does not check out is 401 invalid_token with the reason; a token
// of an "OIDC Conformant" client is refused, as that setting takes
// /tokeninfo away.
func (t *Tenant) handleTokeninfo(w http.ResponseWriter, r *http.Request) {
	body, err := t.tokeninfo(w, r)
	writeAnswer(w, body, err)
}

func (t *Tenant) tokeninfo(w http.ResponseWriter, r *http.Request) ([]claim, error) {
	p, err := readParams(w, r)
	if err != nil {
		return nil, bodyError(err)
	}
	idToken, ok := p.get("id_token")
	switch {
	case !ok:
		return nil, newErr(400, "invalid_request", "id_token parameter must be a string")
	case idToken == "":
		return nil, missing("id_token")
	}
	u, aud, err := t.verifyIDToken(r, idToken)
	switch {
	case errors.Is(err, errNotAJWT):
		return nil, newErr(400, "invalid_request", "the id_token is not a JWT (three base64url parts separated by dots)")
	case err != nil:
		return nil, newErr(http.StatusUnauthorized, "invalid_token", err.Error())
	}
	if c := clients[aud]; c != nil && c.oidc {
		return nil, oidcConformant("/tokeninfo")
	}
	return append(u.attributes(aud), claim{"global_client_id", GlobalClientID}), nil
}

// errNotAJWT is an ID token that is not even shaped as a JWT.
var errNotAJWT = errors.New("invalid id_token")

// verifyIDToken checks an ID token this tenant issued: RS256 under its key,
// or HS256 under the secret of the client named in aud; never alg none.
// It returns the user and the audience. An error's text is the reason,
// as a sentence for the caller.
func (t *Tenant) verifyIDToken(r *http.Request, raw string) (*user, string, error) {
	var claims jwt.RegisteredClaims
	_, err := jwt.ParseWithClaims(raw, &claims, func(tok *jwt.Token) (any, error) {
		switch tok.Method.Alg() {
		case "RS256":
			return &t.keys.rsa.PublicKey, nil
		case "HS256":
			aud, _ := tok.Claims.GetAudience()
			if len(aud) == 1 {
				if c := clients[aud[0]]; c != nil && c.hs256 {
					return []byte(c.secret), nil
				}
			}
			return nil, errors.New("no HS256 client matches the token's audience")
		}
		return nil, errors.New("unexpected algorithm")
	},
		jwt.WithValidMethods([]string{"RS256", "HS256"}),
		jwt.WithIssuer(t.issuer(r)),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(t.now),
	)
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		return nil, "", errNotAJWT
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, "", errors.New("jwt expired")
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return nil, "", errors.New("jwt issuer invalid")
	case err != nil:
		return nil, "", errors.New("invalid id_token")
	}
	u := t.userBySub(claims.Subject)
	if u == nil || len(claims.Audience) != 1 {
		return nil, "", errors.New("invalid id_token")
	}
	return u, claims.Audience[0], nil
}

// claimNamesOf lists the claims of a JWT that has been verified already;
// nil when its payload cannot be read.
func claimNamesOf(raw string) map[string]bool {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return nil
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil
	}
	var members map[string]json.RawMessage
	if json.Unmarshal(payload, &members) != nil {
		return nil
	}
	names := make(map[string]bool, len(members))
	for k := range members {
		names[k] = true
	}
	return names
}
