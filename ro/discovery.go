package ro

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// discoveredEndpoint is the endpoint a call needs from the discovery
// document, and the credential it will carry there.
type discoveredEndpoint struct {
	member, what, credential string
	of                       func(*Discovery) string
}

// The endpoints of the password flow's calls.
var (
	loginEndpoint      = discoveredEndpoint{"token_endpoint", "token endpoint", "the password", func(d *Discovery) string { return d.TokenEndpoint }}
	refreshEndpoint    = discoveredEndpoint{"token_endpoint", "token endpoint", "the refresh token", func(d *Discovery) string { return d.TokenEndpoint }}
	revocationEndpoint = discoveredEndpoint{"revocation_endpoint", "revocation endpoint", "the refresh token", func(d *Discovery) string { return d.RevocationEndpoint }}
)

// discover fetches {base}/.well-known/openid-configuration for the password
// flow. It returns what it found, or an Exchange describing the failed
// discovery call (its Err set) when no usable endpoint of need came back.
func (c *Client) discover(parent, call context.Context, r Request, baseURL string, need discoveredEndpoint) (*Discovery, *Exchange) {
	base, _ := url.Parse(baseURL) // BaseURL's own output
	s := SentRequest{Method: http.MethodGet, URL: baseURL + "/.well-known/openid-configuration", Header: http.Header{}}
	s.Header.Set("Accept", "application/json")
	s.Header.Set("User-Agent", userAgent)
	ex := c.send(parent, call, FlowPassword, s)
	d := &Discovery{URL: s.URL, Status: ex.Status, Latency: ex.Latency, Body: ex.Body}
	ex.Discovery = d
	if ex.Err != nil {
		if ne, ok := ex.Err.(*NetworkError); ok {
			ne.Op = "discover"
		}
		return d, ex
	}
	if ex.refuseUnlessOK(flowDiscovery); ex.Err != nil {
		return d, ex
	}
	var doc struct {
		Issuer             json.RawMessage `json:"issuer"`
		TokenEndpoint      json.RawMessage `json:"token_endpoint"`
		RevocationEndpoint json.RawMessage `json:"revocation_endpoint"`
	}
	if err := json.Unmarshal(ex.Body, &doc); err != nil {
		ex.Err = &NetworkError{Op: "discover", URL: s.URL, Err: fmt.Errorf("the discovery document is not JSON (%s)", jsonProblem(err))}
		return d, ex
	}
	d.Issuer = cut(jsonString(doc.Issuer))
	d.TokenEndpoint = cut(jsonString(doc.TokenEndpoint))
	d.RevocationEndpoint = cut(jsonString(doc.RevocationEndpoint))
	d.IssuerMismatch = !sameIssuer(d.Issuer, base)
	if err := checkEndpoint(need, need.of(d), base); err != nil {
		ex.Err = &NetworkError{Op: "discover", URL: s.URL, Err: err}
		return d, ex
	}
	return d, nil
}

// sameIssuer is true when iss names base (Auth0 adds a trailing slash).
func sameIssuer(iss string, base *url.URL) bool {
	return strings.TrimSuffix(iss, "/") == base.String()
}

// checkEndpoint refuses a discovered endpoint that would carry the
// credential somewhere the person did not type: another host, or plain
// http where the domain's rules do not allow it.
func checkEndpoint(need discoveredEndpoint, te string, base *url.URL) error {
	if te == "" {
		return fmt.Errorf("the discovery document names no %s", need.member)
	}
	u, err := url.Parse(te)
	if err != nil || u.Host == "" || u.User != nil {
		return fmt.Errorf("the discovery document's %s %q is not a usable URL", need.member, te)
	}
	if !strings.EqualFold(u.Host, base.Host) || !strings.EqualFold(u.Scheme, base.Scheme) {
		return fmt.Errorf("the discovery document names a %s on another origin (%s://%s); rotui sends %s only to the domain you typed, so use that host as the domain if you trust it", need.what, u.Scheme, u.Host, need.credential)
	}
	return nil
}
