package ro

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// discover fetches {base}/.well-known/openid-configuration for the password
// flow. It returns what it found, or an Exchange describing the failed
// discovery call (its Err set) when no usable token endpoint came back.
func (c *Client) discover(parent, call context.Context, r Request, baseURL string) (*Discovery, *Exchange) {
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
	if ex.Status < 200 || ex.Status >= 300 {
		ex.Err = parseAPIError(flowDiscovery, ex.Status, ex.Header, ex.Body, ex.Started.Add(ex.Latency))
		return d, ex
	}
	var doc struct {
		Issuer        json.RawMessage `json:"issuer"`
		TokenEndpoint json.RawMessage `json:"token_endpoint"`
	}
	if err := json.Unmarshal(ex.Body, &doc); err != nil {
		ex.Err = &NetworkError{Op: "discover", URL: s.URL, Err: fmt.Errorf("the discovery document is not JSON (%s)", jsonProblem(err))}
		return d, ex
	}
	d.Issuer = cut(jsonString(doc.Issuer))
	d.TokenEndpoint = cut(jsonString(doc.TokenEndpoint))
	d.IssuerMismatch = !sameIssuer(d.Issuer, base)
	if err := checkTokenEndpoint(d.TokenEndpoint, base, r.Insecure); err != nil {
		ex.Err = &NetworkError{Op: "discover", URL: s.URL, Err: err}
		return d, ex
	}
	return d, nil
}

// sameIssuer is true when iss names base (Auth0 adds a trailing slash).
func sameIssuer(iss string, base *url.URL) bool {
	return strings.TrimSuffix(iss, "/") == base.String()
}

// checkTokenEndpoint refuses a discovered token endpoint that would carry
// the password somewhere the person did not type: another host, or plain
// http where the domain's rules do not allow it.
func checkTokenEndpoint(te string, base *url.URL, insecure bool) error {
	if te == "" {
		return fmt.Errorf("the discovery document names no token_endpoint")
	}
	u, err := url.Parse(te)
	if err != nil || u.Host == "" || u.User != nil {
		return fmt.Errorf("the discovery document's token_endpoint %q is not a usable URL", te)
	}
	if !strings.EqualFold(u.Host, base.Host) || !strings.EqualFold(u.Scheme, base.Scheme) {
		return fmt.Errorf("the discovery document names a token endpoint on another origin (%s://%s); rotui sends the password only to the domain you typed, so use that host as the domain if you trust it", u.Scheme, u.Host)
	}
	return nil
}
