// Package rotest is rotui's demo tenant: a real HTTP server that speaks
// Auth0's legacy Resource Owner protocol and its neighbours, for --demo,
// `rotui demo-server`, and the tests of every other package.
//
// CONTRACT STUB: the exported names below are what main, ui and tests build on.
package rotest

import (
	"io"
	"net/http"
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
	Now           func() time.Time // nil: time.Now
	Latency       time.Duration    // artificial delay per answer (to show spinners); 0 none
}

// Server is a running demo tenant.
type Server struct {
	URL string // base URL, e.g. http://127.0.0.1:41234 (issuer is URL + "/")
}

// Start listens on addr ("" or "127.0.0.1:0" for a random loopback port) and serves.
func Start(addr string, opts Options) (*Server, error) { return &Server{}, nil }

// Handler returns the tenant's routes without listening (for httptest.NewServer);
// base is the URL it will be reached at, used for the issuer.
func NewHandler(opts Options) *Tenant { return &Tenant{} }

// Tenant is the demo tenant's state and routes; it is an http.Handler.
type Tenant struct{}

// ServeHTTP serves every endpoint.
func (t *Tenant) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Close stops the server, waiting for calls in flight.
func (s *Server) Close() error { return nil }

// Describe writes the demo clients, users, passwords and secret, for humans.
func Describe(w io.Writer) {}
