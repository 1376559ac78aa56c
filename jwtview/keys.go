package jwtview

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"golang.org/x/time/rate"

	"github.com/rotui/rotui/internal/netcause"
)

// Limits on fetching keys. A JWKS or discovery document is a few KB; the
// cap keeps a hostile or broken server from filling memory.
const (
	FetchTimeout = 10 * time.Second
	MaxKeyBody   = 1 << 20
	// RefetchInterval is how often an unknown kid may make rotui fetch a
	// JWKS again: once right away (keys rotate), then at most once per
	// interval, so a stream of tokens with made-up kids cannot hammer the
	// server.
	RefetchInterval = time.Minute
)

// FetchError is a key source that could not be read: the network, the
// server, or what it sent. rotui decode exits 3 on it.
type FetchError struct {
	URL string
	Err error
}

// Error says which key source failed and why, in words: a machine that is
// offline reads "could not reach …", not a resolver's address and port.
func (e *FetchError) Error() string {
	if netcause.Unreachable(e.Err) {
		return fmt.Sprintf("could not reach %s (offline?) to fetch the keys: %v", e.URL, netcause.Explain(e.Err))
	}
	return fmt.Sprintf("could not fetch keys from %s: %v", e.URL, netcause.Explain(e.Err))
}

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *FetchError) Unwrap() error { return e.Err }

// KeyCache keeps fetched JWKS (and OIDC discovery answers) by URL so that
// repeated verification does not refetch; an unknown kid refetches its JWKS
// once, then at most once per RefetchInterval. It is safe for concurrent
// use. NewKeyCache makes one; the zero value works too, with the default
// client.
type KeyCache struct {
	hc *http.Client

	mu   sync.Mutex
	sets map[string]*keySet
	disc map[string]*discovery
}

type keySet struct {
	mu sync.Mutex
	kf keyfunc.Keyfunc // nil until fetched
}

type discovery struct {
	mu      sync.Mutex
	done    bool
	jwksURI string
	issuer  string // what the document says; "" when there was no document
}

// NewKeyCache returns an empty cache that fetches with hc (nil: a client
// with FetchTimeout). Whatever the client, rotui adds its own rules: https
// only (plain http to loopback allowed, for the demo tenant and tests), no
// redirect to anything else, at most MaxKeyBody bytes per answer.
func NewKeyCache(hc *http.Client) *KeyCache {
	c := &http.Client{Timeout: FetchTimeout}
	if hc != nil {
		cp := *hc
		c = &cp
		if c.Timeout == 0 {
			c.Timeout = FetchTimeout
		}
	}
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = capTransport{base}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		return CheckKeyURL(req.URL.String())
	}
	return &KeyCache{hc: c, sets: map[string]*keySet{}, disc: map[string]*discovery{}}
}

// init makes a zero KeyCache usable; c.mu is held.
func (c *KeyCache) init() {
	if c.sets == nil {
		fresh := NewKeyCache(nil)
		c.sets, c.disc = fresh.sets, fresh.disc
		if c.hc == nil {
			c.hc = fresh.hc
		}
	}
}

// capTransport cuts every answer at MaxKeyBody with an error.
type capTransport struct{ base http.RoundTripper }

// RoundTrip sends the request and caps the answer's body.
func (t capTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &capReader{rc: resp.Body, left: MaxKeyBody}
	return resp, nil
}

type capReader struct {
	rc   io.ReadCloser
	left int64
}

// Read reads until the cap, then fails with a sentence.
func (r *capReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, fmt.Errorf("the answer is larger than %s; that is no JWKS", byteSize(MaxKeyBody))
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	n, err := r.rc.Read(p)
	r.left -= int64(n)
	return n, err
}

// Close closes the body.
func (r *capReader) Close() error { return r.rc.Close() }

// CheckKeyURL says whether keys may be fetched from u: https, or http to a
// loopback host (localhost, 127.0.0.0/8, ::1).
func CheckKeyURL(u string) error {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return fmt.Errorf("%q is not a URL keys can be fetched from", u)
	}
	switch p.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(p.Hostname()) {
			return nil
		}
		return fmt.Errorf("keys are fetched over https only (plain http only to loopback), and %s is http", u)
	}
	return fmt.Errorf("keys are fetched over https only, and %q is not", u)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// jwks returns the keyfunc for a JWKS URL, fetching it the first time. A
// failed fetch is not cached: the next call tries again.
func (c *KeyCache) jwks(ctx context.Context, u string) (keyfunc.Keyfunc, error) {
	if err := CheckKeyURL(u); err != nil {
		return nil, &FetchError{URL: u, Err: err}
	}
	c.mu.Lock()
	c.init()
	ks := c.sets[u]
	if ks == nil {
		ks = &keySet{}
		c.sets[u] = ks
	}
	c.mu.Unlock()

	ks.mu.Lock()
	defer ks.mu.Unlock()
	if ks.kf != nil {
		return ks.kf, nil
	}
	store, err := jwkset.NewStorageFromHTTP(u, jwkset.HTTPClientStorageOptions{
		Client:      c.hc,
		Ctx:         ctx,
		HTTPTimeout: FetchTimeout,
	})
	if err != nil {
		return nil, &FetchError{URL: u, Err: plainFetchError(err)}
	}
	client, err := jwkset.NewHTTPClient(jwkset.HTTPClientOptions{
		HTTPURLs:          map[string]jwkset.Storage{u: store},
		RefreshUnknownKID: rate.NewLimiter(rate.Every(RefetchInterval), 1),
		// Never wait for the limiter: a kid still unknown is a failed check now.
		RateLimitWaitMax: 50 * time.Millisecond,
	})
	if err != nil {
		return nil, &FetchError{URL: u, Err: err}
	}
	kf, err := keyfunc.New(keyfunc.Options{Storage: client, Ctx: context.Background()})
	if err != nil {
		return nil, &FetchError{URL: u, Err: err}
	}
	ks.kf = kf
	return kf, nil
}

// plainFetchError turns jwkset's wrapped errors into the part a person can
// act on.
func plainFetchError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("no answer within %s", FetchTimeout)
		}
		return ue.Err
	}
	if errors.Is(err, jwkset.ErrInvalidHTTPStatusCode) {
		return fmt.Errorf("the server answered with an error status (%v)", errors.Unwrap(err))
	}
	return err
}

// discover finds the JWKS of an issuer: the jwks_uri of its OpenID
// configuration, or {iss}/.well-known/jwks.json when there is none (Auth0
// serves both). It also returns the issuer the document names ("" without
// a document).
func (c *KeyCache) discover(ctx context.Context, iss string) (jwksURI, docIssuer string, err error) {
	if iss == "" {
		return "", "", errors.New("the token has no iss claim to find its keys from; give --jwks, --key or a secret")
	}
	base := strings.TrimRight(iss, "/")
	if err := CheckKeyURL(base + "/"); err != nil {
		return "", "", &FetchError{URL: iss, Err: err}
	}
	c.mu.Lock()
	c.init()
	d := c.disc[iss]
	if d == nil {
		d = &discovery{}
		c.disc[iss] = d
	}
	c.mu.Unlock()

	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return d.jwksURI, d.issuer, nil
	}
	cfgURL := base + "/.well-known/openid-configuration"
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	status, err := c.getJSON(ctx, cfgURL, &doc)
	switch {
	case err == nil && doc.JWKSURI != "":
		if err := CheckKeyURL(doc.JWKSURI); err != nil {
			return "", "", &FetchError{URL: cfgURL, Err: fmt.Errorf("its jwks_uri cannot be used: %w", err)}
		}
		d.jwksURI, d.issuer = doc.JWKSURI, doc.Issuer
	case err == nil || status != 0:
		// No document, or one without jwks_uri: Auth0 also serves the
		// keys at the well-known path.
		d.jwksURI, d.issuer = base+"/.well-known/jwks.json", doc.Issuer
	default:
		return "", "", &FetchError{URL: cfgURL, Err: err}
	}
	d.done = true
	return d.jwksURI, d.issuer, nil
}

func (c *KeyCache) getJSON(ctx context.Context, u string, v any) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, plainFetchError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, fmt.Errorf("the server answered %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return resp.StatusCode, fmt.Errorf("the answer is not JSON: %w", err)
	}
	return resp.StatusCode, nil
}

// ParsePublicKeyPEM reads a PEM public key: "PUBLIC KEY" (PKIX: RSA, EC or
// Ed25519), "RSA PUBLIC KEY" (PKCS #1) or a "CERTIFICATE" (its key).
func ParsePublicKeyPEM(data []byte) (any, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("no PEM block found: the key file should start with -----BEGIN PUBLIC KEY-----")
	}
	switch block.Type {
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the PUBLIC KEY block cannot be read: %w", err)
		}
		return k, nil
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the RSA PUBLIC KEY block cannot be read: %w", err)
		}
		return k, nil
	case "CERTIFICATE":
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the CERTIFICATE block cannot be read: %w", err)
		}
		return cert.PublicKey, nil
	}
	if strings.Contains(block.Type, "PRIVATE") {
		return nil, fmt.Errorf("the PEM block is a %s; give the public key instead (openssl pkey -pubout), a private key has no place here", block.Type)
	}
	return nil, fmt.Errorf("the PEM block is a %s, not a public key or certificate", block.Type)
}

// DecodeSecret reads an HS secret sent base64-encoded, as Auth0 showed the
// secrets of clients made before December 2016: standard or URL alphabet,
// padded or not.
func DecodeSecret(s []byte) ([]byte, error) {
	t := strings.TrimRight(strings.TrimSpace(string(s)), "=")
	for _, enc := range []*base64.Encoding{base64.RawURLEncoding, base64.RawStdEncoding} {
		if b, err := enc.DecodeString(t); err == nil {
			return b, nil
		}
	}
	return nil, errors.New("the secret is not valid base64; turn the base64 option off if the secret is used as typed")
}

// keyAlgs lists the algorithms a key can verify: the key decides, never
// the token (an HS256 token is never checked against an RSA key's bytes).
func keyAlgs(key any) (kind string, algs []string) {
	switch k := key.(type) {
	case []byte:
		return "HMAC secret", []string{"HS256", "HS384", "HS512"}
	case *rsa.PublicKey:
		return "RSA public key", []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return "EC P-256 public key", []string{"ES256"}
		case elliptic.P384():
			return "EC P-384 public key", []string{"ES384"}
		case elliptic.P521():
			return "EC P-521 public key", []string{"ES512"}
		}
		return "EC public key on an unsupported curve", nil
	case ed25519.PublicKey:
		return "Ed25519 public key", []string{"EdDSA"}
	}
	return fmt.Sprintf("key of type %T", key), nil
}
