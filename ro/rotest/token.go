package rotest

import (
	"crypto/rand"
	"net/http"
	"strings"
	"time"
)

const alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// Lengths of the opaque tokens, as seen from Auth0.
const (
	legacyAccessLen  = 16 // /oauth/ro access tokens
	legacyRefreshLen = 45 // /oauth/ro refresh tokens
	opaqueAccessLen  = 32 // /oauth/token without an audience
)

// randomString returns n random alphanumerics from crypto/rand.
func randomString(n int) string {
	out := make([]byte, 0, n)
	var buf [64]byte
	for len(out) < n {
		rand.Read(buf[:])
		for _, b := range buf {
			// 248 is the largest multiple of 62 under 256: rejecting the
			// rest keeps every character equally likely.
			if b < 248 && len(out) < n {
				out = append(out, alphanumerics[int(b)%len(alphanumerics)])
			}
		}
	}
	return string(out)
}

// grant is a successful login, before its tokens are minted.
type grant struct {
	user     *user
	client   *client
	scope    []string
	device   string
	audience string // /oauth/token only
	legacy   bool   // from /oauth/ro (or its delegation)
	gty      string // grant type recorded in JWT access tokens
	// noRefresh: a refresh_token grant does not mint another refresh token.
	noRefresh bool
}

// issue mints the tokens of a grant and renders the success body:
// /oauth/ro's legacy answer, or /oauth/token's.
func (t *Tenant) issue(r *http.Request, g grant) ([]claim, error) {
	now := t.now()
	ttl := t.opts.TokenTTL
	exp := now.Add(ttl)
	iss := t.issuer(r)

	var body []claim
	if has(g.scope, "openid") {
		claims := []claim{
			{"iss", iss},
			{"sub", g.user.id},
			{"aud", g.client.id},
			{"exp", exp.Unix()},
			{"iat", now.Unix()},
		}
		if g.legacy {
			claims = append(claims, g.user.legacyScopeClaims(g.scope, g.client.id)...)
		} else {
			claims = append(claims, g.user.oidcScopeClaims(g.scope)...)
		}
		var idToken string
		var err error
		if g.client.hs256 {
			idToken, err = signHS256(claims, g.client.secret)
		} else {
			idToken, err = t.keys.signRS256(claims)
		}
		if err != nil {
			return nil, err
		}
		body = append(body, claim{"id_token", idToken})
	}

	var access string
	switch {
	case g.legacy:
		access = randomString(legacyAccessLen)
	case g.audience != "":
		aud := any(g.audience)
		if has(g.scope, "openid") {
			// Auth0 adds its /userinfo API when openid is asked, so the
			// token is good for both.
			aud = []string{g.audience, t.base(r) + "/userinfo"}
		}
		jwtAccess, err := t.keys.signRS256([]claim{
			{"iss", iss},
			{"sub", g.user.id},
			{"aud", aud},
			{"iat", now.Unix()},
			{"exp", exp.Unix()},
			{"scope", strings.Join(g.scope, " ")},
			{"gty", g.gty},
			{"azp", g.client.id},
		})
		if err != nil {
			return nil, err
		}
		access = jwtAccess
	default:
		access = randomString(opaqueAccessLen)
	}
	body = append(body, claim{"access_token", access})

	var refresh string
	if has(g.scope, "offline_access") && !g.noRefresh && (g.device != "" || !g.legacy) {
		if g.legacy {
			refresh = randomString(legacyRefreshLen)
		} else {
			refresh = "v1." + randomString(legacyRefreshLen)
		}
		body = append(body, claim{"refresh_token", refresh})
	}

	if g.legacy {
		// token_type is lower-case in the legacy SDK fixtures.
		body = append(body, claim{"token_type", "bearer"}, claim{"expires_in", int64(ttl / time.Second)})
	} else {
		body = append(body,
			claim{"scope", strings.Join(g.scope, " ")},
			claim{"expires_in", int64(ttl / time.Second)},
			claim{"token_type", "Bearer"},
		)
	}

	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.access) >= t.pruneAt || len(t.refresh) >= maxTokens {
		t.pruneLocked(now)
	}
	t.access[access] = accessRecord{user: g.user, client: g.client.id, scope: strings.Join(g.scope, " "), expires: exp}
	if refresh != "" {
		t.refresh[refresh] = refreshRecord{user: g.user, client: g.client.id, scope: strings.Join(g.scope, " "), audience: g.audience, legacy: g.legacy}
	}
	return body, nil
}

// Bounds on the tokens remembered: enough for any demo, and a flood of
// logins cannot grow the tenant without end.
const (
	pruneFloor = 10000
	maxTokens  = 200000
)

// pruneLocked forgets expired access tokens, and arbitrary ones past
// maxTokens; the next pruning waits until the count has doubled, so its
// cost is spread over many logins. t.mu must be held.
func (t *Tenant) pruneLocked(now time.Time) {
	for k, rec := range t.access {
		if now.After(rec.expires) {
			delete(t.access, k)
		}
	}
	for k := range t.access {
		if len(t.access) < maxTokens/2 {
			break
		}
		delete(t.access, k)
	}
	for k := range t.refresh {
		if len(t.refresh) < maxTokens/2 {
			break
		}
		delete(t.refresh, k)
	}
	t.pruneAt = max(pruneFloor, 2*len(t.access))
}

// lookupAccess finds a live access token: ok is false for an unknown one,
// expired true for one past its exp.
func (t *Tenant) lookupAccess(token string) (rec accessRecord, ok, expired bool) {
	t.mu.Lock()
	rec, ok = t.access[token]
	t.mu.Unlock()
	if !ok {
		return rec, false, false
	}
	return rec, true, !t.now().Before(rec.expires)
}
