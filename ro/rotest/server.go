package rotest

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

// Server is a running demo tenant.
type Server struct {
	URL    string  // base URL, e.g. http://127.0.0.1:41234 (issuer is URL + "/")
	Issuer string  // URL + "/", as Auth0's issuers end
	Tenant *Tenant // the tenant it serves

	srv     *http.Server
	done    chan error
	conns   connTracker
	cert    *x509.Certificate // with Options.TLS
	certPEM []byte
}

// Start listens on addr ("" or "127.0.0.1:0" for a random loopback port)
// and serves the tenant until Close.
func Start(addr string, opts Options) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	t, err := New(opts)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("the demo tenant cannot listen on %s: %w", addr, err)
	}
	s := &Server{
		Tenant: t,
		done:   make(chan error, 1),
		srv: &http.Server{
			Handler:           t,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			IdleTimeout:       2 * time.Minute,
			// A client that does not trust a TLS demo's certificate is
			// its own business, not a server error worth a log line.
			ErrorLog: log.New(dropTLSHandshakeErrors{os.Stderr}, "rotest: ", 0),
		},
	}
	s.srv.ConnState = s.conns.track
	scheme := "http"
	if opts.TLS {
		cert, err := s.makeTLS()
		if err != nil {
			ln.Close()
			return nil, err
		}
		s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, s.srv.TLSConfig)
		scheme = "https"
	}
	s.URL = scheme + "://" + hostPort(ln.Addr())
	s.Issuer = s.URL + "/"
	t.baseURL = s.URL
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return s, nil
}

// hostPort renders a listener's address for a URL; an unspecified address
// (0.0.0.0, ::) becomes 127.0.0.1, which reaches it from this machine.
func hostPort(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	ip := tcp.IP
	if ip == nil || ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return net.JoinHostPort(ip.String(), fmt.Sprint(tcp.Port))
}

// Close stops the server, waiting up to five seconds for calls in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.Shutdown(ctx)
}

// Shutdown stops accepting calls and waits for those in flight until ctx
// ends, then closes what is left.
func (s *Server) Shutdown(ctx context.Context) error {
	stopped := make(chan error, 1)
	go func() { stopped <- s.srv.Shutdown(ctx) }()
	// http.Server.Shutdown leaves a connection that never sent a request
	// alone for 5 s (a client's transport often dials one more than it
	// uses); the demo closes those after a moment instead.
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var err error
wait:
	for {
		select {
		case err = <-stopped:
			break wait
		case <-tick.C:
			s.conns.closeUnused(250 * time.Millisecond)
		}
	}
	if err != nil {
		s.srv.Close()
	}
	if serveErr := <-s.done; serveErr != nil && err == nil {
		err = serveErr
	}
	s.done <- nil // a second Close returns at once
	return err
}

// connTracker knows the connections that have not sent a request yet,
// and how many are serving one.
type connTracker struct {
	mu     sync.Mutex
	unused map[net.Conn]time.Time // since when
	active map[net.Conn]bool
}

func (c *connTracker) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.unused == nil {
		c.unused = map[net.Conn]time.Time{}
		c.active = map[net.Conn]bool{}
	}
	if state == http.StateNew {
		c.unused[conn] = time.Now()
	} else {
		delete(c.unused, conn)
	}
	if state == http.StateActive {
		c.active[conn] = true
	} else {
		delete(c.active, conn)
	}
}

// serving is how many connections are serving a call.
func (c *connTracker) serving() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.active)
}

// closeUnused closes connections that have sent nothing for longer than d.
func (c *connTracker) closeUnused(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for conn, since := range c.unused {
		if time.Since(since) > d {
			conn.Close()
			delete(c.unused, conn)
		}
	}
}

// dropTLSHandshakeErrors passes log lines on, except TLS handshake errors.
type dropTLSHandshakeErrors struct{ w io.Writer }

func (d dropTLSHandshakeErrors) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("TLS handshake error")) {
		return len(p), nil
	}
	return d.w.Write(p)
}

// makeTLS makes a self-signed certificate for 127.0.0.1, ::1 and
// localhost, usable as its own trust anchor (NODE_EXTRA_CA_CERTS, or
// Server.Client).
func (s *Server) makeTLS() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: "rotui demo tenant"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("making the demo tenant's TLS certificate: %w", err)
	}
	s.cert, err = x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, err
	}
	s.certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: s.cert}, nil
}

// CertPEM is the self-signed TLS certificate in PEM, for clients to
// trust (e.g. NODE_EXTRA_CA_CERTS); nil unless started with Options.TLS.
func (s *Server) CertPEM() []byte { return s.certPEM }

// Client returns an HTTP client that trusts the server's certificate (with
// Options.TLS) and has a timeout; for tests.
func (s *Server) Client() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if s.cert != nil {
		pool := x509.NewCertPool()
		pool.AddCert(s.cert)
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}
