package jwtview

// STUBS: verification lands next (verify.go, keys.go); these keep the build whole.

import (
	"context"
	"net/http"
)

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
