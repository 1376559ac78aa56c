package ro

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// BaseURL normalises a domain as typed into the tenant's base URL: scheme
// and host (with a port when one was given), no path, no trailing slash.
//
// It accepts a bare host ("acme.us.auth0.com", a custom domain), a URL with
// or without a trailing slash ("https://acme.us.auth0.com/"), and plain http
// to a loopback host ("http://127.0.0.1:8080", "http://localhost:3000",
// "http://[::1]:9000"). It refuses a path, a query, a fragment, user
// information, and plain http to any other host unless insecure is true.
// Errors are worded to sit beside the domain field of a form.
func BaseURL(domain string, insecure bool) (*url.URL, error) {
	d := strings.TrimSpace(domain)
	if d == "" {
		return nil, errors.New("enter the tenant's domain, e.g. acme.us.auth0.com")
	}
	for _, r := range d {
		if r < 0x20 || r == 0x7f || r == ' ' {
			return nil, errors.New("the domain has a space or control character in it; type the host name alone, e.g. acme.us.auth0.com")
		}
	}
	raw := d
	if !strings.Contains(d, "://") {
		raw = "https://" + d
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("the domain is not a host name or URL; type it as acme.us.auth0.com or https://acme.us.auth0.com/")
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "https" && scheme != "http" {
		return nil, fmt.Errorf("the domain starts with %q; use https:// (or http:// for a server on this machine)", u.Scheme+"://")
	}
	if u.User != nil {
		return nil, errors.New("the domain has a user name or password in it (user@host); remove it: credentials go in their own fields")
	}
	host := u.Hostname()
	if host == "" {
		return nil, errors.New("the domain has no host name; type it as acme.us.auth0.com")
	}
	if u.Path != "" && u.Path != "/" || u.RawPath != "" {
		return nil, fmt.Errorf("the domain has a path (%s); remove it: rotui adds /oauth/ro or /oauth/token itself", u.EscapedPath())
	}
	if u.RawQuery != "" || u.ForceQuery {
		return nil, errors.New("the domain has a query (?…); remove it and type only the host name")
	}
	if u.Fragment != "" || strings.Contains(d, "#") {
		return nil, errors.New("the domain has a fragment (#…); remove it and type only the host name")
	}
	if p := u.Port(); p != "" {
		if n, ok := atoiPort(p); !ok || n == 0 {
			return nil, fmt.Errorf("the port %q is not a number from 1 to 65535", p)
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return nil, errors.New("the domain ends with a colon but no port; add the port or remove the colon")
	}
	if scheme == "http" && !IsLoopback(host) && !insecure {
		return nil, fmt.Errorf("plain http to %s would send the password unencrypted; use https://, or turn on the insecure switch if you really mean it", host)
	}
	return &url.URL{Scheme: scheme, Host: strings.ToLower(u.Host)}, nil
}

// IsLoopback reports whether host (without a port) is this machine:
// "localhost", 127.0.0.0/8, or ::1 (DESIGN.md's list).
func IsLoopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	// Only "localhost" itself: Go does not pin names under .localhost to
	// loopback (they go to DNS like any name), so plain http to one could
	// carry the password off this machine.
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func atoiPort(s string) (int, bool) {
	if len(s) == 0 || len(s) > 5 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n <= 65535
}
