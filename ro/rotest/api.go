// Package rotest is rotui's demo tenant: a real HTTP server that speaks
// Auth0's legacy Resource Owner protocol and its neighbours, for --demo,
// `rotui demo-server`, and the tests of every other package.
//
// The tenant answers POST /oauth/ro (passwords, MFA codes, passwordless
// codes), POST /oauth/token (password-realm, password, refresh_token,
// passwordless/otp), POST /passwordless/start, the legacy POST /delegation
// and POST /tokeninfo, POST /oauth/revoke, the OIDC discovery document, the
// JWKS and /userinfo, with the status codes and bodies of
// reference/auth0-legacy-semantics.md. Use Start for a loopback server
// (Options.TLS for https, which real SDKs insist on), or NewHandler with
// net/http/httptest.
package rotest

import (
	"io"
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

// More of the demo's clients, users, connections and codes (DESIGN.md,
// "The demo tenant"), for the client side and the TUI to use by name.
const (
	// ClientIDOIDC is a client with "OIDC Conformant" on: /oauth/ro,
	// /delegation and /tokeninfo refuse it, /oauth/token serves it.
	ClientIDOIDC = "rotui-oidc"

	// UserEnroll must use MFA but has not enrolled: /oauth/ro answers
	// a0.mfa_registration_required with the enrolment key and URI.
	UserEnroll = "enroll@example.com"
	// UserLeaked's password was found in a breach: 401 password_leaked.
	UserLeaked = "leaked@example.com"
	// UserVerify gets 401 requires_verification (a suspicious login).
	UserVerify = "verify@example.com"
	// UserRule is refused by a rule: 401 unauthorized with RuleMessage.
	UserRule = "rule@example.com"
	// RuleMessage is the message of the rule that refuses UserRule.
	RuleMessage = "Access denied: outside office hours"

	// MFACode is the one-time code the MFA users (UserMFA, and UserEnroll
	// on its first login) accept as mfa_code.
	MFACode = "123456"
	// MFAEnrollKey is UserEnroll's TOTP secret (base32), as
	// a0.mfa_registration_required hands it out; an authenticator app fed
	// with it makes codes the demo accepts too.
	MFAEnrollKey = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"
	// MFAIssuer names the demo tenant in the otpauth:// enrolment URI.
	MFAIssuer = "rotui demo"

	// ConnectionSMS and ConnectionEmail are the passwordless connections:
	// username the phone number or e-mail, password the one-time code.
	ConnectionSMS   = "sms"
	ConnectionEmail = "email"
	// ConnectionDisabled exists but is off for every client: 400
	// invalid_request "the connection was disabled".
	ConnectionDisabled = "Disabled-DB"
	// PhoneAlice is alice's phone number on the sms connection.
	PhoneAlice = "+15555550100"
	// PasswordlessCode is the one-time code every passwordless "send"
	// uses; the tenant prints each send on Options.Log.
	PasswordlessCode = "424242"

	// GlobalClientID is the tenant's global client, which /tokeninfo's
	// legacy profile names as global_client_id.
	GlobalClientID = "Gl0b4LcL13nT1dR0tu1D3m0T3n4nT000"
)

// Options change how the tenant behaves; the zero value is the normal demo.
type Options struct {
	TokenTTL      time.Duration    // 0: DefaultTokenTTL
	LegacyOff     bool             // /oauth/ro and /delegation answer a bare 404 "Not Found", as on a tenant made after June 2017
	LegacyOffJSON bool             // with LegacyOff: the 404 carries a JSON endpoint_disabled body instead
	RequireBearer bool             // /oauth/ro wants Authorization: Bearer …
	RateLimit     int              // requests per minute enforced with 429; 0: headers only
	Now           func() time.Time // nil: time.Now; token times, expiry checks and rate-limit windows follow it
	Latency       time.Duration    // artificial delay per answer (to show spinners); 0 none

	// Log receives what the tenant "sends": one line per passwordless code
	// or link, as a real tenant would text or mail it. nil discards them,
	// the right default when the tenant runs inside the TUI, where a line
	// written to the terminal would tear its screen.
	Log io.Writer

	// TLS makes Start serve https with a self-signed certificate for
	// 127.0.0.1, ::1 and localhost (see Server.Client and Server.CertPEM).
	// Real SDKs, such as node-auth0 v2, only speak https to a tenant.
	TLS bool

	// keys, when set, replaces the key generated at start: this package's
	// tests share one, since RSA key generation dominates their run time.
	keys *signingKeys
}
