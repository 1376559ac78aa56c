package inspect

import (
	"encoding/base64"
	"testing"
	"time"
)

// A pasted token is named by the claims that could be read, a malformed
// one's too: an ID token whose signature part was cut in the copy is still
// an ID token, not an "access token".
func TestPastedRoleReadsAMalformedTokensClaims(t *testing.T) {
	b := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	head, idClaims, apiClaims := b(`{"alg":"RS256"}`), b(`{"sub":"a","email":"a@example.com"}`), b(`{"sub":"a","scope":"read"}`)
	for _, c := range []struct {
		name, token string
		want        Role
	}{
		{"an ID token", head + "." + idClaims + "." + b("sig"), RoleID},
		{"an ID token, its signature cut", head + "." + idClaims + ".!!", RoleID},
		{"an access token, its signature cut", head + "." + apiClaims + ".!!", RoleAccess},
		{"an opaque token", "Zx8kQ2vLm4Np7RtA", RoleAccess},
	} {
		i := New(Input{Pasted: c.token, Now: time.Now()})
		if got := i.PastedRole(); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
