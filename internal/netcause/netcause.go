// Package netcause says in words why a network call failed: a host that
// DNS does not know, a refused or reset connection, a TLS certificate that
// does not check out. ro (the login's calls) and jwtview (fetching keys)
// both explain their failures with it; it imports nothing of rotui's.
package netcause

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"syscall"
)

// Error is a cause put in words; it keeps the original for errors.Is/As.
type Error struct {
	msg   string
	cause error
}

func (c *Error) Error() string { return c.msg }

// Unwrap returns the original cause.
func (c *Error) Unwrap() error { return c.cause }

// Explain returns err in words a person can act on, when it is one of the
// causes it knows; otherwise err itself.
func Explain(err error) error {
	if err == nil {
		return nil
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return &Error{"the connection was refused; check the domain and port, and that the server is running", err}
	case errors.Is(err, syscall.ECONNRESET):
		return &Error{"the connection was reset by the server or a proxy; try again", err}
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return &Error{"the network is unreachable from this machine (offline?)", err}
	case errors.As(err, &dnsErr):
		return &Error{fmt.Sprintf("the host %s could not be found (DNS); check the spelling of the domain, and that this machine is online", dnsErr.Name), err}
	case errors.As(err, &hostErr):
		return &Error{fmt.Sprintf("the TLS certificate is not for this host (%v); rotui never skips this check", hostErr), err}
	case errors.As(err, &unknownAuth), errors.As(err, &certErr):
		return &Error{fmt.Sprintf("the server's TLS certificate could not be verified (%v); rotui never skips this check", err), err}
	case errors.As(err, &recordErr):
		return &Error{"the server did not answer with TLS; if it speaks plain http on loopback, type the domain as http://host:port", err}
	}
	return err
}

// Unreachable reports whether err says the server could not be reached at
// all (unknown host, refused, no route, no answer in time), as when the
// machine is offline, rather than that it answered badly.
func Unreachable(err error) bool {
	var dnsErr *net.DNSError
	var netErr net.Error
	return errors.As(err, &dnsErr) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.EHOSTUNREACH) ||
		(errors.As(err, &netErr) && netErr.Timeout())
}
