package rotest

import (
	"crypto/subtle"
	"net/http"
)

// handleRevoke is POST /oauth/revoke, the revocation_endpoint of the
// discovery document: it forgets a refresh token of the calling client.
// As Auth0 (and RFC 7009 §2.2) does, an unknown token is answered 200 too.
func (t *Tenant) handleRevoke(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(w, r)
	if err != nil {
		writeAPIError(w, bodyError(err))
		return
	}
	clientID, token := p.str("client_id"), p.str("token")
	switch {
	case clientID == "":
		writeAPIError(w, missingParam("client_id"))
		return
	case token == "":
		writeAPIError(w, missingParam("token"))
		return
	}
	c := clients[clientID]
	if c == nil {
		writeError(w, http.StatusUnauthorized, "invalid_client", "Unknown client.")
		return
	}
	if secret := p.str("client_secret"); secret != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(c.secret)) != 1 {
		writeError(w, http.StatusUnauthorized, "access_denied", "Unauthorized")
		return
	}
	t.mu.Lock()
	if rec, ok := t.refresh[token]; ok && rec.client == c.id {
		delete(t.refresh, token)
	}
	t.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}
