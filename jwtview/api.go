// Package jwtview turns any token string into something a person can read
// and trust: decode (JWS, JWE, opaque, malformed), explain (claims, times,
// expiry) and verify (signature, issuer, audience). Pure Go: no terminal,
// no bubbletea, no ro.
//
// The exported names in this file are the contract ui/ and main build on;
// the code is split by concern: decode.go and json.go (reading tokens),
// explain.go (a word on each name), times.go (expiry and durations),
// verify.go and keys.go (signatures, issuer, audience, key fetching) and
// safe.go (terminal-safe text).
package jwtview

import (
	"encoding/json"
	"net/http"
	"time"
)

// Kind is what a token string turned out to be.
type Kind int

// The kinds of token.
const (
	KindMalformed Kind = iota // not a token at all, or a JWT with a broken part
	KindJWS                   // a signed JWT (three parts)
	KindJWE                   // an encrypted JWT (five parts); only the header is readable
	KindOpaque                // a reference token: meaningful only to its issuer
)

// Field is one header parameter or claim, in the order it was sent.
type Field struct {
	Name   string
	Raw    json.RawMessage // exactly as sent
	Value  any             // decoded with json.Number for numbers
	Text   string          // one-line display form (not yet terminal-safe: pass through Safe)
	Note   string          // a word on what the name (and a known value) means; empty when unknown; fixed text, never from the token
	IsTime bool            // a time claim that could be read
	Time   time.Time       // UTC; valid when IsTime
}

// Problem is one part of a token that could not be decoded, and why.
type Problem struct {
	Part    string // "header", "payload", "signature", "token"
	Message string // e.g. "the payload is not valid base64url at character 37"
}

// Token is a decoded token. Decode never returns nil.
type Token struct {
	Raw        string // after Trim; cut to its first 64 characters and "…" when larger than MaxTokenSize
	Kind       Kind
	Header     []Field
	Claims     []Field
	HeaderJSON []byte // decoded header bytes (may be invalid JSON for a malformed token)
	ClaimsJSON []byte
	Problems   []Problem
	// Notes are remarks on how the token is written that do not stop it
	// being read (white space in its JSON); fixed text, never from the token.
	Notes []string

	Size      int      // length of Raw in bytes (of the input, when it was too large to keep)
	Parts     []string // the dot-separated parts as sent (nil for an opaque token)
	Signature []byte   // the decoded signature of a JWS

	life Lifetime // read once at decode
}

// ExpiryState is where a token stands at a given moment.
type ExpiryState int

// The expiry states.
const (
	NoExpiry    ExpiryState = iota // no exp claim
	NotYetValid                    // before nbf
	Valid                          // between nbf/iat and exp
	Expired                        // after exp
)

// Expiry is a token's standing at one moment; computing it is cheap.
type Expiry struct {
	State ExpiryState
	Left  time.Duration // until exp (Valid) or until nbf (NotYetValid); saturates at about 292 years
	Ago   time.Duration // since exp (Expired); saturates likewise
	// LeftSeconds and AgoSeconds are Left and Ago in whole seconds (rounded
	// down), exact however far away: a token may live for millennia.
	LeftSeconds, AgoSeconds int64
	Used                    float64 // fraction of the lifetime (iat/nbf to exp) gone, 0..1
	HasBounds               bool    // Used is meaningful (both a start and exp are known)
}

// Lifetime holds the time claims that decide expiry, read once at decode.
type Lifetime struct {
	IssuedAt  time.Time
	NotBefore time.Time
	ExpiresAt time.Time
}

// Outcome is the result of one check.
type Outcome int

// The outcomes.
const (
	NotChecked Outcome = iota
	Passed
	Failed
)

// Check is one verification step with its outcome and the reason.
type Check struct {
	Name    string // "signature", "issuer", "audience", "expiry", "not before"
	Outcome Outcome
	Reason  string // e.g. "verified with key abc123 from https://t/.well-known/jwks.json"
	// Unmade is true for a check that was asked for but could not be made
	// (an opaque token has no signature, a JWE no readable claims); its
	// Outcome is then Failed, never NotChecked, so that no one reads it as
	// a pass.
	Unmade bool
}

// Verification is every check made on one token.
type Verification struct {
	Checks []Check
	KeyID  string // the kid that verified the signature, if any

	// KeySource is the JWKS URL the keys came from ("" for a PEM key or secret).
	KeySource string
	// FetchError is set when keys could not be fetched (network, server,
	// or what it sent): the signature is then NotChecked. rotui decode exits 3.
	FetchError *FetchError
	// Requested names the checks VerifyOptions asked for: CheckSignature
	// (a key source), CheckIssuer, CheckAudience. Verdict counts their
	// failures, and Verify fails each one it could not make.
	Requested []string
}

// VerifyOptions say where keys come from and what to expect. At most one
// key source is used: Secret, then PEM, then JWKSURL, then Discover.
type VerifyOptions struct {
	JWKSURL      string // fetch keys from this JWKS
	Discover     bool   // find keys from the token's iss (OIDC discovery, then /.well-known/jwks.json)
	PEM          []byte // a PEM public key
	Secret       []byte // an HS* secret
	SecretBase64 bool   // Secret is base64(url)-encoded, as Auth0 clients before Dec 2016 had
	Issuer       string // expected iss; empty: not checked
	Audience     string // expected aud (string or list member); empty: not checked
	Now          time.Time
	HTTPClient   *http.Client // nil: a client with a timeout
	Keys         *KeyCache    // nil: no caching across calls
}
