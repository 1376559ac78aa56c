package rotest

import (
	"net/http"
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
