package inspect

import (
	"strings"
	"time"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// Role is which token of an answer a Token is.
type Role int

// The roles, in the order an answer's tokens are shown.
const (
	RoleAccess Role = iota
	RoleID
	RoleRefresh
	RolePasted // a token pasted in or given to `rotui decode`, not from an answer
)

// String is the role as a heading: "Access token", "ID token", …
func (r Role) String() string {
	switch r {
	case RoleAccess:
		return "Access token"
	case RoleID:
		return "ID token"
	case RoleRefresh:
		return "Refresh token"
	}
	return "Token"
}

// Unsigned reports whether d is a JWS whose header says alg none (in any
// letter case): a JWT anyone could have written, never verified.
func Unsigned(d *jwtview.Token) bool {
	return d != nil && d.Kind == jwtview.KindJWS && strings.EqualFold(d.Alg(), "none")
}

// KindText names d's kind for people, as every surface shows it: "signed
// JWT (JWS)", "encrypted JWT (JWE)", "opaque", "malformed", and for a JWS
// with alg none "unsigned JWT (alg none)", since nothing signed it.
func KindText(d *jwtview.Token) string {
	switch {
	case d == nil:
		return jwtview.KindMalformed.String()
	case Unsigned(d):
		return "unsigned JWT (alg none)"
	}
	return d.Kind.String()
}

// TokenSet holds the tokens of one answer, decoded once; a token that did not
// come back is nil.
type TokenSet struct {
	Access, ID, Refresh *jwtview.Token
}

// Token is one token of an inspection: decoded once, with its lifetime, the
// plan for verifying it, why it looks as it does, and (once made) its
// verification.
type Token struct {
	Role    Role
	Decoded *jwtview.Token
	// Lifetime is when it was issued and expires. For an opaque access token
	// (the legacy endpoint only gives those) it comes from the answer's
	// expires_in, counted from when the request went out, so the countdown
	// never outlives the token; LifeFromExpiresIn then says so.
	Lifetime          jwtview.Lifetime
	LifeFromExpiresIn bool
	Plan              Plan
	Why               []string
	// Verification is the result of Plan, nil until it is made (Apply).
	Verification *jwtview.Verification
}

// MaxExpiresIn bounds the expires_in a countdown is made from (ten years):
// past it the value is nonsense a server sent, and seconds would overflow a
// time.Duration long before int64 runs out.
const MaxExpiresIn = 10 * 365 * 24 * 3600

// expiresInLifetime is the access token's life as the answer's expires_in
// tells it, from when the request went out, when the answer said so.
func expiresInLifetime(ex *ro.Exchange, tr *ro.TokenResponse) (jwtview.Lifetime, bool) {
	if !tr.HasExpiresIn || tr.ExpiresIn <= 0 || tr.ExpiresIn > MaxExpiresIn || ex.Started.IsZero() {
		return jwtview.Lifetime{}, false
	}
	return jwtview.Lifetime{IssuedAt: ex.Started, ExpiresAt: ex.Started.Add(time.Duration(tr.ExpiresIn) * time.Second)}, true
}

// decodeTokens decodes the tokens of an answer (access, ID, refresh, in
// that order), or the pasted one (even empty: it decodes as malformed).
func decodeTokens(ex *ro.Exchange, pasted string) []*Token {
	var out []*Token
	add := func(role Role, raw string) *Token {
		if role != RolePasted && strings.TrimSpace(raw) == "" {
			return nil // not in the answer
		}
		t := jwtview.Decode(raw)
		tok := &Token{Role: role, Decoded: t, Lifetime: t.Lifetime()}
		out = append(out, tok)
		return tok
	}
	if ex == nil {
		add(RolePasted, pasted)
		return out
	}
	if tr := ex.Tokens; tr != nil {
		if a := add(RoleAccess, tr.AccessToken); a != nil && a.Lifetime.ExpiresAt.IsZero() {
			if life, ok := expiresInLifetime(ex, tr); ok {
				a.Lifetime, a.LifeFromExpiresIn = life, true
			}
		}
		add(RoleID, tr.IDToken)
		add(RoleRefresh, tr.RefreshToken)
	}
	return out
}

// IsJWS reports whether t is a signed JWT (the only kind with claims to check).
func (t *Token) IsJWS() bool { return t != nil && isJWT(t.Decoded) }

// PastedRole is the kind of token a pasted one reads as: an ID token when
// the claims that could be read (a malformed token's too) carry OIDC's
// claims about the login or the person (nonce, at_hash, auth_time, email,
// name, nickname), else an access token.
func (i *Inspection) PastedRole() Role {
	t := i.Token(RolePasted)
	if t == nil || t.Decoded == nil || len(t.Decoded.Claims) == 0 {
		return RoleAccess
	}
	for _, c := range []string{"nonce", "at_hash", "auth_time", "email", "name", "nickname"} {
		if _, ok := t.Decoded.Claim(c); ok {
			return RoleID
		}
	}
	return RoleAccess
}
