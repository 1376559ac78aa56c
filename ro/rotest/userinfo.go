package rotest

import (
	"errors"
	"net/http"

	"github.com/golang-jwt/jwt/v5"
)

// handleUserinfo is GET /userinfo: the whole profile of the access token's
// user, as the legacy endpoint gave it. A missing, unknown or expired token
// gets 401 with a plain-text body and WWW-Authenticate, as Auth0 answers.
func (t *Tenant) handleUserinfo(w http.ResponseWriter, r *http.Request) {
	tok, ok := bearer(r)
	if !ok {
		unauthorized(w, `Bearer realm="Users"`)
		return
	}
	rec, found, expired := t.lookupAccess(tok)
	switch {
	case !found:
		unauthorized(w, `Bearer realm="Users", error="invalid_token", error_description="Invalid token"`)
		return
	case expired:
		unauthorized(w, `Bearer realm="Users", error="invalid_token", error_description="The token has expired"`)
		return
	}
	writeJSON(w, http.StatusOK, append([]claim{{"sub", rec.user.id}}, rec.user.attributes(rec.client)...))
}

func unauthorized(w http.ResponseWriter, challenge string) {
	w.Header().Set("WWW-Authenticate", challenge)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	w.Write([]byte("Unauthorized"))
}

// handleTokeninfo is the legacy POST /tokeninfo: it checks an ID token's
// signature, issuer and expiry and returns the legacy profile.
func (t *Tenant) handleTokeninfo(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(w, r)
	if err != nil {
		writeAPIError(w, bodyError(err))
		return
	}
	idToken, ok := p.get("id_token")
	if !ok {
		writeError(w, 400, "invalid_request", "id_token parameter must be a string")
		return
	}
	if idToken == "" {
		writeAPIError(w, missing("id_token"))
		return
	}
	u, aud, err := t.verifyIDToken(r, idToken)
	if err != nil {
		writeError(w, http.StatusUnauthorized, "invalid_token", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, u.attributes(aud))
}

// verifyIDToken checks an ID token this tenant issued: RS256 under its key,
// or HS256 under the secret of the client named in aud; never alg none.
// It returns the user and the audience.
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
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, "", errors.New("jwt expired")
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return nil, "", errors.New("jwt issuer invalid")
	case err != nil:
		return nil, "", errors.New("invalid id_token")
	}
	var u *user
	for _, candidate := range users {
		if candidate.id == claims.Subject {
			u = candidate
		}
	}
	if u == nil || len(claims.Audience) != 1 {
		return nil, "", errors.New("invalid id_token")
	}
	return u, claims.Audience[0], nil
}
