package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/rotui/rotui/internal/safefile"
	"github.com/rotui/rotui/ro/rotest"
)

// demoServerOptions are the flags of `rotui demo-server`.
type demoServerOptions struct {
	Addr    string
	CertOut string // with TLS: where the self-signed certificate (PEM) is written
	Tenant  rotest.Options
	Grace   time.Duration // how long calls in flight may finish on stop; 0: 5s
}

func (o demoServerOptions) grace() time.Duration {
	if o.Grace <= 0 {
		return 5 * time.Second
	}
	return o.Grace
}

// demoServerMain runs the tenant until SIGINT or SIGTERM.
func demoServerMain(ctx context.Context, opts demoServerOptions, s streams) int {
	ctx, stop := interruptible(ctx, syscall.SIGTERM)
	defer stop()
	// `rotui demo-server | head -1` closes stdout after the URL: the
	// server must keep serving, not die of SIGPIPE on the next line.
	signal.Ignore(syscall.SIGPIPE)
	return demoServerRun(ctx, opts, s)
}

// problem is what is wrong with the flags, as a sentence, or "".
func (o demoServerOptions) problem() string {
	switch {
	case o.Tenant.TokenTTL <= 0:
		return "--token-ttl must be a positive duration, such as 10m or 90s."
	case o.Tenant.RateLimit < 0:
		return "--rate-limit must be 0 (no limit) or a positive number of calls a minute."
	case o.Tenant.Latency < 0 || o.Tenant.Latency > time.Minute:
		return "--latency must be between 0 and 1m."
	}
	if _, _, err := net.SplitHostPort(o.Addr); err != nil {
		return fmt.Sprintf("--addr %q is not host:port; use e.g. 127.0.0.1:8080, or 127.0.0.1:0 for a free port.", o.Addr)
	}
	return ""
}

// demoServerRun starts the tenant, prints its base URL as the first line
// of s.Out, then the demo data, and serves until ctx ends. What the tenant
// "sends" (passwordless codes) goes to s.Err, with the rest of the talk.
func demoServerRun(ctx context.Context, opts demoServerOptions, s streams) int {
	// The tenant writes from its own goroutines: one lock for every writer
	// of s.Err keeps lines whole.
	s.Err = &lockedWriter{w: s.Err}
	opts.Tenant.Log = s.Err
	srv, err := rotest.Start(opts.Addr, opts.Tenant)
	if err != nil {
		fmt.Fprintf(s.Err, "rotui demo-server: %v\n", err)
		return exitFault
	}
	if opts.CertOut != "" {
		// Public data, but the file is written where asked: never through a
		// link planted there, as a report is not.
		if _, err := safefile.Replace(opts.CertOut, srv.CertPEM(), 0o644); err != nil {
			srv.Close()
			fmt.Fprintf(s.Err, "rotui demo-server: cannot write the certificate: %v\n", err)
			return exitFault
		}
	}
	// Scripts read the first line: it is the URL and nothing else.
	fmt.Fprintln(s.Out, srv.URL)
	fmt.Fprintln(s.Out)
	rotest.Describe(s.Out)
	fmt.Fprintln(s.Out)
	fmt.Fprintf(s.Out, "Issuer %s · JWKS %s/.well-known/jwks.json · tokens live %s\n", srv.Issuer, srv.URL, opts.Tenant.TokenTTL)
	for _, note := range demoServerNotes(opts) {
		fmt.Fprintln(s.Out, note)
	}
	if host, _, _ := net.SplitHostPort(opts.Addr); !isLoopbackHost(host) {
		fmt.Fprintf(s.Err, "rotui demo-server: warning: listening on %s, not only on loopback; the demo passwords are public, so anyone who can reach it can log in.\n", opts.Addr)
	}
	fmt.Fprintln(s.Err, "rotui demo-server: running; press Ctrl+C to stop.")

	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), opts.grace())
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			fmt.Fprintf(s.Err, "rotui demo-server: stopped; calls still in flight after %s were cut.\n", opts.grace())
			return exitOK
		}
		fmt.Fprintf(s.Err, "rotui demo-server: stopping: %v\n", err)
		return exitFault
	}
	fmt.Fprintln(s.Err, "rotui demo-server: stopped.")
	return exitOK
}

// demoServerNotes says which non-default behaviours are on.
func demoServerNotes(opts demoServerOptions) []string {
	var notes []string
	switch {
	case opts.Tenant.LegacyOff && opts.Tenant.LegacyOffJSON:
		notes = append(notes, "Legacy off: /oauth/ro and /delegation answer 404 endpoint_disabled (JSON); use /oauth/token.")
	case opts.Tenant.LegacyOff:
		notes = append(notes, "Legacy off: /oauth/ro and /delegation answer a bare 404 Not Found, as real tenants did; use /oauth/token.")
	}
	if opts.Tenant.RequireBearer {
		notes = append(notes, "Bearer required: /oauth/ro answers 401 without an Authorization: Bearer header (any value passes).")
	}
	if opts.Tenant.RateLimit > 0 {
		notes = append(notes, fmt.Sprintf("Rate limit: %d calls a minute, then 429 too_many_requests.", opts.Tenant.RateLimit))
	}
	if opts.Tenant.Latency > 0 {
		notes = append(notes, fmt.Sprintf("Latency: every answer is delayed by %s.", opts.Tenant.Latency))
	}
	if opts.CertOut != "" {
		notes = append(notes, fmt.Sprintf("TLS: self-signed certificate written to %s (e.g. NODE_EXTRA_CA_CERTS=%s, curl --cacert %s).", opts.CertOut, opts.CertOut, opts.CertOut))
	}
	return notes
}

// isLoopbackHost is true for localhost and loopback addresses.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// lockedWriter serialises writes from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// legacyOffFlag is --legacy-off[=text|json]: bare, or "text", the bare 404
// "Not Found" real tenants answered; "json", an endpoint_disabled body.
// It was a boolean flag once, so true and false still read as before.
type legacyOffFlag struct{ o *rotest.Options }

// legacyOffModes are the values --legacy-off takes: is the legacy
// endpoint off, and is its 404 JSON.
var legacyOffModes = map[string]struct{ off, json bool }{
	"text": {true, false}, "true": {true, false}, "404": {true, false},
	"json":  {true, true},
	"false": {false, false}, "off": {false, false},
}

func (f legacyOffFlag) String() string {
	switch {
	case f.o == nil || !f.o.LegacyOff:
		return ""
	case f.o.LegacyOffJSON:
		return "json"
	}
	return "text"
}

func (f legacyOffFlag) Set(v string) error {
	m, ok := legacyOffModes[v]
	if !ok {
		return fmt.Errorf("--legacy-off takes text (a bare 404, the default) or json")
	}
	f.o.LegacyOff, f.o.LegacyOffJSON = m.off, m.json
	return nil
}

func (f legacyOffFlag) Type() string { return "text|json" }
