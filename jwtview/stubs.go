package jwtview

// STUBS: the jwtview helper replaces these with real implementations (and deletes this file).

import (
	"context"
	"net/http"
	"time"
)

// Decode reads any token string; it never fails and never panics.
func Decode(s string) *Token { return &Token{} }

// Trim removes surrounding white space and a leading "Bearer ".
func Trim(s string) string { return s }

// HeaderField returns a header parameter by name.
func (t *Token) HeaderField(name string) (Field, bool) { return Field{}, false }

// Claim returns a claim by name.
func (t *Token) Claim(name string) (Field, bool) { return Field{}, false }

// Alg is the header's alg, or "".
func (t *Token) Alg() string { return "" }

// Kid is the header's kid, or "".
func (t *Token) Kid() string { return "" }

// Lifetime returns the token's time bounds (read once at decode).
func (t *Token) Lifetime() Lifetime { return Lifetime{} }

// At computes the expiry standing at now.
func (l Lifetime) At(now time.Time) Expiry { return Expiry{} }

// String reads as "expires in 9m59s", "expired 12s ago", "not valid for another 3m", "no expiry".
func (e Expiry) String() string { return "" }

// Relative renders t against now: "in 3m12s" or "3m12s ago".
func Relative(t, now time.Time) string { return "" }

// ExplainClaim gives a word on a claim name ("" when unknown).
func ExplainClaim(name string) string { return "" }

// ExplainHeader gives a word on a header parameter name.
func ExplainHeader(name string) string { return "" }

// String names the kind: "signed JWT (JWS)", "encrypted JWT (JWE)", "opaque", "malformed".
func (k Kind) String() string { return "" }

// String names the outcome: "passed", "failed", "not checked".
func (o Outcome) String() string { return "" }

// NewKeyCache returns an empty cache that fetches with hc (nil: default with timeout).
func NewKeyCache(hc *http.Client) *KeyCache { return &KeyCache{} }

// Verify checks signature, issuer, audience, expiry and not-before. It never panics.
func Verify(ctx context.Context, t *Token, o VerifyOptions) Verification { return Verification{} }

// OK is true when no check failed and the signature passed.
func (v Verification) OK() bool { return false }

// Failed is true when any check failed.
func (v Verification) Failed() bool { return false }

// Safe makes untrusted text safe for a terminal: C0/C1 controls, ESC, BEL, DEL
// and bidirectional overrides become visible escapes; nothing is executed.
func Safe(s string) string { return s }
