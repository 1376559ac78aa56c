package ro

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultTimeout is the time a call may take when ClientOptions.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// NewClient returns a Client. Whatever opts.HTTPClient says, the Client never
// follows a redirect (a 3xx comes back as an *APIError with its Location), so
// credentials never travel to a host they were not typed for. Without
// opts.HTTPClient, TLS 1.2 or later with verified certificates is used; a
// given HTTPClient's transport decides what it trusts (tests hand in
// httptest's, which trusts its own certificate).
func NewClient(opts ClientOptions) *Client {
	var hc http.Client
	if opts.HTTPClient != nil {
		hc = *opts.HTTPClient
	} else {
		hc.Transport = newTransport()
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Client{opts: opts, hc: &hc, lastBase: new(atomic.Pointer[baseEntry])}
}

// httpClient is the Client's own, or for a zero Client one shared default.
func (c *Client) httpClient() *http.Client {
	if c.hc != nil {
		return c.hc
	}
	return zeroClient()
}

var zeroClient = sync.OnceValue(func() *http.Client { return NewClient(ClientOptions{}).hc })

// newTransport is http.DefaultTransport's settings with TLS 1.2 at least
// and certificates always verified.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.ResponseHeaderTimeout = 0 // the call's context carries the deadline
	return t
}

// baseURL is baseString, remembering the last domain: a person sends the
// same tenant again and again, and parsing it was a visible share of the
// client's own cost per call.
func (c *Client) baseURL(domain string, insecure bool) (string, error) {
	if c.lastBase == nil { // a zero Client
		return baseString(domain, insecure)
	}
	if e := c.lastBase.Load(); e != nil && e.domain == domain && e.insecure == insecure {
		return e.base, nil
	}
	b, err := baseString(domain, insecure)
	if err == nil {
		c.lastBase.Store(&baseEntry{domain, insecure, b})
	}
	return b, err
}

// baseEntry is one remembered domain and its base URL.
type baseEntry struct {
	domain   string
	insecure bool
	base     string
}

func (c *Client) timeout() time.Duration {
	if c.opts.Timeout > 0 {
		return c.opts.Timeout
	}
	return DefaultTimeout
}

func (c *Client) now() time.Time {
	if c.opts.Now != nil {
		return c.opts.Now()
	}
	return time.Now()
}

// Login validates r, sends it, and reads the answer. err is a *ValidationError
// (nothing was sent, ex is nil), or the same error as ex.Err.
func (c *Client) Login(ctx context.Context, r Request) (ex *Exchange, err error) {
	base, err := r.validate(c.baseURL)
	if err != nil {
		return nil, err
	}
	call, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()

	flow := r.EffectiveFlow()
	tokenURL := ""
	var disc *Discovery
	if flow == FlowPassword {
		var dx *Exchange
		disc, dx = c.discover(ctx, call, r, base, loginEndpoint)
		if dx != nil {
			return dx, dx.Err
		}
		tokenURL = disc.TokenEndpoint
	}
	sent := r.build(base, tokenURL)
	echoes := NewEchoes(sent.Secrets()...)
	ex = c.send(ctx, call, flow, sent)
	ex.Discovery = disc
	c.readTokens(ex, flow)
	// Every answer, with tokens or without: a proxy's page quoting the
	// request, a redirect carrying the password in its query, a scope
	// echoing it. Every renderer of the exchange (login, --json, the TUI's
	// panes, the report) then shows it masked.
	ex.MaskEchoes(echoes)
	return ex, ex.Err
}

// send makes one HTTP call and reads its answer (capped at MaxBody). It
// fills ex.Err only for transport failures; the caller reads the status.
func (c *Client) send(parent, call context.Context, flow Flow, s SentRequest) *Exchange {
	ex := &Exchange{Flow: flow, Request: s, Started: c.now()}
	var body io.Reader
	if s.Body != nil {
		body = bytes.NewReader(s.Body)
	}
	req, err := http.NewRequestWithContext(call, s.Method, s.URL, body)
	if err != nil {
		ex.Err = &NetworkError{Op: "connect", URL: s.URL, Err: err}
		return ex
	}
	req.Header = s.Header
	start := time.Now() // monotonic, whatever c.now says
	resp, err := c.httpClient().Do(req)
	if err != nil {
		ex.Latency = time.Since(start)
		ex.Err = networkError("connect", s.URL, err, parent, call, c.timeout())
		return ex
	}
	defer resp.Body.Close()
	ex.Status = resp.StatusCode
	ex.Header = resp.Header
	ex.Body, ex.BodyTruncated, err = readCapped(resp.Body, resp.ContentLength)
	ex.Latency = time.Since(start)
	ex.RateLimit = parseRateLimit(resp.Header, ex.Started.Add(ex.Latency))
	if d := headerValue(resp.Header, "Date"); d != "" {
		if t, perr := http.ParseTime(d); perr == nil {
			ex.ServerDate = t.UTC()
		}
	}
	switch {
	case ex.BodyTruncated:
		ex.Err = &NetworkError{Op: "read body", URL: s.URL, TooLarge: true, Err: errBodyTooLarge}
	case err != nil:
		ex.Err = networkError("read body", s.URL, err, parent, call, c.timeout())
	}
	return ex
}

var errBodyTooLarge = errors.New("the body is larger than 1 MiB")

// readCapped reads at most MaxBody bytes of r; truncated is true when more came.
func readCapped(r io.Reader, length int64) (body []byte, truncated bool, err error) {
	size := int64(512)
	if length >= 0 && length <= MaxBody {
		size = length + 1 // +1 so a correct length needs no second allocation to see EOF
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, rerr := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > MaxBody {
			return buf[:MaxBody], true, nil
		}
		if rerr == io.EOF {
			return buf, false, nil
		}
		if rerr != nil {
			return buf, false, rerr
		}
	}
}

// UserInfo calls GET {domain}/userinfo with the access token.
// On success ex.Body holds the profile JSON; a refusal is an *APIError
// (Auth0 answers 401 with a WWW-Authenticate header for an expired token).
func (c *Client) UserInfo(ctx context.Context, domain string, insecure bool, accessToken string) (*Exchange, error) {
	base, err := BaseURL(domain, insecure)
	if err != nil {
		return nil, &ValidationError{Fields: []FieldError{{Field: FieldDomain, Message: capitalise(err.Error())}}}
	}
	tok := bearerValue(accessToken)
	if tok == "" || hasSpaceOrControl(tok) {
		return nil, &ValidationError{Fields: []FieldError{{Field: FieldAccessToken, Message: "An access token (from a login) is needed to call /userinfo."}}}
	}
	call, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	s := SentRequest{Method: http.MethodGet, URL: base.String() + "/userinfo", Header: http.Header{}}
	s.Header.Set("Accept", "application/json")
	s.Header.Set("User-Agent", userAgent)
	s.Header.Set("Authorization", "Bearer "+tok)
	ex := c.send(ctx, call, "", s)
	ex.refuseUnlessOK(flowUserInfo)
	ex.MaskEchoes(NewEchoes(tok))
	return ex, ex.Err
}

// flowUserInfo marks /userinfo answers for the hints; it is never on an Exchange.
const flowUserInfo Flow = "userinfo"

// flowDiscovery marks the password flow's discovery answers for the hints.
const flowDiscovery Flow = "discovery"

// FieldAccessToken names the access token given to UserInfo in a FieldError.
const FieldAccessToken = "access_token"
