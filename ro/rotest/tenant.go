package rotest

import (
	"bytes"
	"crypto/rsa"
	"io"
	"net/http"
	"sync"
	"time"
)

// Tenant is the demo tenant's state and routes; it is an http.Handler,
// safe for concurrent use.
type Tenant struct {
	opts    Options
	keys    *signingKeys
	mux     *http.ServeMux
	baseURL string // fixed by Start; empty: derived from each request

	logMu sync.Mutex // one line at a time on opts.Log

	mu       sync.Mutex
	failures map[string]int          // failed logins in a row, by lower-cased username (connection:username for passwordless)
	signups  map[string]*user        // passwordless users made at their first login, by id
	access   map[string]accessRecord // every access token issued, opaque or JWT
	refresh  map[string]refreshRecord
	pruneAt  int       // prune access tokens when there are this many
	window   time.Time // start of the current rate-limit minute
	count    int       // requests seen in that minute
}

// accessRecord is what an access token stands for, for /userinfo.
type accessRecord struct {
	user    *user
	client  string
	scope   string
	expires time.Time
}

// refreshRecord is what a refresh token stands for.
type refreshRecord struct {
	user     *user
	client   string
	scope    string
	audience string
	// legacy marks tokens from /oauth/ro: Auth0 never accepted them at
	// /oauth/token, migrating forced a new login; and /delegation takes
	// only those.
	legacy bool
}

// NewHandler returns the tenant's routes without listening, for
// httptest.NewServer or httptest.NewTLSServer. The issuer is derived from
// each request's Host (scheme https when the request came over TLS), with
// a trailing slash, as Auth0's is. It generates the tenant's RSA key.
func NewHandler(opts Options) *Tenant {
	t, err := New(opts)
	if err != nil {
		// Only a failing system random source gets here, and Go's
		// crypto/rand never returns an error on supported systems.
		panic("rotest: " + err.Error())
	}
	return t
}

// New is NewHandler that returns the key-generation error instead of
// panicking.
func New(opts Options) (*Tenant, error) {
	keys := opts.keys
	if keys == nil {
		var err error
		if keys, err = newSigningKeys(); err != nil {
			return nil, err
		}
	}
	return newTenant(opts, keys), nil
}

func newTenant(opts Options, keys *signingKeys) *Tenant {
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = DefaultTokenTTL
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	t := &Tenant{
		opts:     opts,
		keys:     keys,
		failures: map[string]int{},
		signups:  map[string]*user{},
		access:   map[string]accessRecord{},
		refresh:  map[string]refreshRecord{},
		pruneAt:  pruneFloor,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/ro", t.handleRO)
	mux.HandleFunc("POST /oauth/token", t.handleToken)
	mux.HandleFunc("GET /.well-known/openid-configuration", t.handleDiscovery)
	mux.HandleFunc("GET /.well-known/jwks.json", t.handleJWKS)
	mux.HandleFunc("GET /userinfo", t.handleUserinfo)
	mux.HandleFunc("POST /userinfo", t.handleUserinfo)
	mux.HandleFunc("POST /tokeninfo", t.handleTokeninfo)
	mux.HandleFunc("POST /oauth/revoke", t.handleRevoke)
	mux.HandleFunc("POST /passwordless/start", t.handlePasswordlessStart)
	mux.HandleFunc("POST /delegation", t.handleDelegation)
	mux.HandleFunc("/", t.handleNotFound)
	t.mux = mux
	return t
}

// PublicKey is the RSA key that verifies the tenant's RS256 tokens.
func (t *Tenant) PublicKey() *rsa.PublicKey { return &t.keys.rsa.PublicKey }

// KeyID is the `kid` of the tenant's RSA key, as in its JWKS.
func (t *Tenant) KeyID() string { return t.keys.kid }

// ServeHTTP serves every endpoint. Every answer carries the
// X-RateLimit-* headers; with Options.RateLimit set, calls past the limit
// in one minute get 429.
func (t *Tenant) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if t.opts.Latency > 0 {
		// Read the body before waiting: net/http notices a client that hung
		// up (and cancels r.Context) only once the body has been consumed.
		// A body over the cap is cut here and refused by the handler.
		body, _ := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
		r.Body = io.NopCloser(bytes.NewReader(body))
		timer := time.NewTimer(t.opts.Latency)
		select {
		case <-timer.C:
		case <-r.Context().Done():
			timer.Stop()
			return
		}
	}
	if !t.rateLimit(w) {
		return
	}
	t.mux.ServeHTTP(w, r)
}

func (t *Tenant) now() time.Time { return t.opts.Now() }

// issuer is the base URL with a trailing slash, as Auth0's is.
func (t *Tenant) issuer(r *http.Request) string { return t.base(r) + "/" }

// base is the URL the tenant is reached at, without a trailing slash.
func (t *Tenant) base(r *http.Request) string {
	if t.baseURL != "" {
		return t.baseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (t *Tenant) handleNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "not_found", "The demo tenant has no such endpoint.")
}
