// Package rotest is rotui's demo tenant: a real HTTP server that speaks
// Auth0's legacy Resource Owner protocol and its neighbours, for --demo,
// `rotui demo-server`, and the tests of every other package.
//
// The tenant answers POST /oauth/ro, POST /oauth/token (password-realm,
// password, refresh_token), the OIDC discovery document, the JWKS,
// /userinfo, /tokeninfo and /oauth/revoke, with the status codes and
// bodies of reference/auth0-legacy-semantics.md. Use Start for a loopback
// server (Options.TLS for https, which real SDKs insist on), or NewHandler
// with net/http/httptest.
package rotest

import (
	"time"
)

// Fixed demo data (DESIGN.md, "The demo tenant").
const (
	ClientID        = "rotui-demo"
	ClientIDHS256   = "rotui-demo-hs256"
	ClientIDNoRO    = "rotui-no-ro"
	Connection      = "Username-Password-Authentication"
	UserAlice       = "alice@example.com"
	UserBlocked     = "blocked@example.com"
	UserMFA         = "mfa@example.com"
	Password        = "wonderland"
	HS256Secret     = "rotui-demo-hs256-client-secret-0123456789" // printed by demo-server
	DefaultTokenTTL = 10 * time.Minute
	MaxFailedLogins = 10
	DemoDevice      = "rotui-demo-device"
)

// Options change how the tenant behaves; the zero value is the normal demo.
type Options struct {
	TokenTTL      time.Duration    // 0: DefaultTokenTTL
	LegacyOff     bool             // /oauth/ro answers 404, as on a tenant made after June 2017
	RequireBearer bool             // /oauth/ro wants Authorization: Bearer …
	RateLimit     int              // requests per minute enforced with 429; 0: headers only
	Now           func() time.Time // nil: time.Now; token times, expiry checks and rate-limit windows follow it
	Latency       time.Duration    // artificial delay per answer (to show spinners); 0 none

	// TLS makes Start serve https with a self-signed certificate for
	// 127.0.0.1, ::1 and localhost (see Server.Client and Server.CertPEM).
	// Real SDKs, such as node-auth0 v2, only speak https to a tenant.
	TLS bool

	// keys, when set, replaces the key generated at start: this package's
	// tests share one, since RSA key generation dominates their run time.
	keys *signingKeys
}
