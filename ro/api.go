// Package ro is the HTTP side of rotui: the request of Auth0's Resource
// Owner endpoint (and its two successors), its validation, the client that
// sends it, and the typed errors that explain what came back. It knows
// nothing of terminals.
//
// The exported names of this file are the contract ui/ and main build on;
// the behaviour lives beside it (request.go, validate.go, client.go, …).
package ro

import (
	"net/http"
	"sync/atomic"
	"time"
)

// Flow names one of the three ways rotui can log a user in.
type Flow string

// The flows of DESIGN.md.
const (
	FlowRO       Flow = "ro"       // POST /oauth/ro, JSON
	FlowRealm    Flow = "realm"    // POST /oauth/token, password-realm grant
	FlowPassword Flow = "password" // POST {discovered token_endpoint}, form-encoded password grant
)

// Grant types that appear on the wire.
const (
	GrantPassword      = "password"
	GrantJWTBearer     = "urn:ietf:params:oauth:grant-type:jwt-bearer"
	GrantPasswordRealm = "http://auth0.com/oauth/grant-type/password-realm"
)

// Field names used in FieldError.Field, one per input of a Request.
const (
	FieldDomain     = "domain"
	FieldClientID   = "client_id"
	FieldConnection = "connection"
	FieldUsername   = "username"
	FieldPassword   = "password"
	FieldGrantType  = "grant_type"
	FieldScope      = "scope"
	FieldDevice     = "device"
	FieldIDToken    = "id_token"
	FieldBearer     = "bearer"
	FieldFlow       = "flow"
	FieldAudience   = "audience"
	FieldMFACode    = "mfa_code"
)

// Request is everything a person can fill in for one login call.
type Request struct {
	Domain     string // acme.us.auth0.com, https://acme.us.auth0.com/, http://127.0.0.1:PORT
	ClientID   string
	Connection string // sent as "realm" in the realm flow; unused in the password flow
	Username   string
	Password   string // secret: never logged, never shown unmasked
	GrantType  string // empty means "password"
	Scope      string
	Device     string
	IDToken    string // jwt-bearer delegation only
	Bearer     string // secret: sent as Authorization: Bearer …
	Audience   string // realm and password flows
	MFACode    string // secret: the one-time code of a user with MFA on, sent as mfa_code on /oauth/ro only
	Flow       Flow   // empty means FlowRO
	Insecure   bool   // allow plain http to a host that is not loopback
}

// FieldError is one problem with one field, worded to sit beside that field in a form.
type FieldError struct {
	Field   string // one of the Field* constants
	Message string // what is wrong and what to change
}

// ValidationError lists every problem found in a Request.
type ValidationError struct {
	Fields []FieldError
}

// SentRequest is an HTTP request exactly as it went out (or would go out).
// Header and Body hold secrets: render only Masked() unless the person asked.
type SentRequest struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// RateLimit is what the X-RateLimit-* headers said; Present is false when
// none was sent or none could be read. Show it with Shown and Summary,
// which say which headers could not be read.
type RateLimit struct {
	Present      bool
	Limit        int // valid when HasLimit
	Remaining    int // valid when HasRemaining
	HasLimit     bool
	HasRemaining bool
	Reset        time.Time // zero when not sent or unreadable
	// Unreadable are the headers sent that could not be read, with their
	// value as sent (the server's text, cut): `X-RateLimit-Limit "abc"`.
	Unreadable []string
}

// TokenResponse is a successful answer, read leniently.
type TokenResponse struct {
	AccessToken  string
	IDToken      string
	RefreshToken string
	TokenType    string // as sent; compare case-insensitively
	Scope        string // granted scope, when the server sent one
	ExpiresIn    int64  // seconds; valid only when HasExpiresIn
	HasExpiresIn bool
	// ExpiresInProblem says why an expires_in that was sent was not read:
	// out of range, or not a number of seconds. Empty when it was read, or
	// not sent (or null).
	ExpiresInProblem string
	// AccessTokenProblem, IDTokenProblem and RefreshTokenProblem say that
	// the token was sent but is no string ("refresh_token is a number, not
	// a string"), so that it is not taken for one that was not sent. Empty
	// when read, or not sent (or null).
	AccessTokenProblem, IDTokenProblem, RefreshTokenProblem string
}

// Exchange is one call: what went out, what came back, how long it took.
// It is returned for every call that reached the network, failed or not.
type Exchange struct {
	Flow          Flow
	Request       SentRequest // as sent, secrets included; show Request.Masked()
	Started       time.Time
	Latency       time.Duration
	Status        int // 0 when no answer came
	Header        http.Header
	Body          []byte // at most MaxBody bytes
	BodyTruncated bool
	ServerDate    time.Time // the Date header; zero when absent or unreadable
	RateLimit     RateLimit
	Tokens        *TokenResponse // on success
	Err           error          // *APIError or *NetworkError on failure
	// Discovery is the OIDC discovery step of the password flow (nil for the
	// other flows): where it looked, what it found, and whether the issuer
	// matched the domain asked.
	Discovery *Discovery
	// RefreshRoute is where a refresh went and why (Client.Refresh); nil
	// for every other call.
	RefreshRoute *RefreshRoute
	// CodeSent is what POST /passwordless/start answered when it sent a
	// code (Client.SendCode); nil for every other call.
	CodeSent *CodeSent
}

// Discovery is what OIDC discovery found for the password flow.
type Discovery struct {
	URL           string        // the discovery document's URL
	Status        int           // its HTTP status
	Latency       time.Duration // its round trip
	Issuer        string        // the document's issuer, as sent (untrusted text)
	TokenEndpoint string        // the document's token_endpoint, as sent
	// RevocationEndpoint is the document's revocation_endpoint, as sent
	// ("" when it names none): where Client.Revoke goes for the password flow.
	RevocationEndpoint string
	// IssuerMismatch is true when Issuer is not the URL asked (Auth0's issuer is
	// the base URL with a trailing slash); a failed check, shown, not hidden.
	IssuerMismatch bool
	Body           []byte // the document, at most MaxBody bytes
}

// APIError is an answer from the server that said no.
type APIError struct {
	Status      int
	Code        string    // Auth0's "error", e.g. invalid_user_password; empty for a bare status
	Description string    // Auth0's "error_description" (or "message")
	Hint        string    // plain language: what usually causes this and what to change
	Body        string    // the body as text (cut) when it was not JSON
	RetryAt     time.Time // when a 429 says it may be retried (from X-RateLimit-Reset); zero if unknown
	// SuggestRealm is true when the realm flow is the way on from an ro-flow
	// answer: a 404 (the tenant has the legacy endpoint off),
	// unauthorized_client for the grant type (the application does not allow
	// the legacy grant), or an OIDC conformant application.
	SuggestRealm bool
	// SuggestMFACode is true when the answer wants the user's MFA code in
	// the same /oauth/ro call (a0.mfa_required, a0.mfa_invalid_code, and
	// a0.mfa_registration_required once enrolled): enter it and send again.
	SuggestMFACode bool
	// SuggestNewCode is true when a passwordless one-time code was wrong or
	// expired: ask the tenant for a new one (Client.SendCode) and send again.
	SuggestNewCode bool
	// TryFlow is the flow to send the same call through instead, when the
	// answer points there: realm where SuggestRealm is, and for a refresh
	// token refused as one from the other kind of login, the flow that
	// issues those; "" when none.
	TryFlow Flow
	// Fix is the field of the request (a Field* name) the hint asks to
	// give a value, or with Clear to send without; "" when it names none.
	// The hint never names a flag or a form field: each surface words Fix
	// as its own (`rotui login` a flag, the TUI its field).
	Fix      string
	Clear    bool
	Location string // a 3xx answer's Location header (the redirect is never followed)
	MFAToken string // /oauth/token's mfa_required answer carries one to continue with the MFA API
	// MFASettings is what a0.mfa_registration_required carries to enrol
	// the user's authenticator; nil when the answer had none.
	MFASettings *MFASettings

	flow Flow // what the hint is written for
}

// NetworkError is a call that got no usable answer: refused, timed out,
// cancelled, cut mid-body, too large, or unreadable.
type NetworkError struct {
	Op       string // "connect", "read body", "discover", …
	URL      string
	Err      error
	Timeout  bool
	Canceled bool
	TooLarge bool          // the body passed MaxBody; reading stopped there
	After    time.Duration // for a Timeout: the time allowed
}

// MaxBody is the largest response body read (1 MiB).
const MaxBody = 1 << 20

// ClientOptions configure a Client; the zero value is usable.
type ClientOptions struct {
	HTTPClient *http.Client     // nil: a client with sane transport settings
	Timeout    time.Duration    // per call; 0 means 30s
	Now        func() time.Time // nil: time.Now
}

// Client sends Requests. It is safe for concurrent use.
type Client struct {
	opts ClientOptions
	hc   *http.Client // never follows redirects

	lastBase *atomic.Pointer[baseEntry] // the last domain's base URL
}
