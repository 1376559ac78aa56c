package ro

// STUBS: the ro helper replaces these with real implementations (and deletes this file).

import (
	"context"
	"net/url"
)

// ParseFlow reads "ro", "realm" or "password" (empty means ro).
func ParseFlow(s string) (Flow, error) { return FlowRO, nil }

// BaseURL normalises a domain as typed into the tenant's base URL (scheme and host, no path).
func BaseURL(domain string, insecure bool) (*url.URL, error) { return nil, nil }

// Validate checks a Request before it is sent; nil or a *ValidationError.
func (r Request) Validate() error { return nil }

// Error joins every field's message.
func (e *ValidationError) Error() string { return "" }

// For returns the message for one field, or "".
func (e *ValidationError) For(field string) string { return "" }

// Masked returns a copy with password, bearer, client_secret (and any other secret) masked.
func (s SentRequest) Masked() SentRequest { return s }

// Curl renders the request as a curl command; secrets masked unless reveal.
func (s SentRequest) Curl(reveal bool) string { return "" }

// Error reads as a sentence: status, code, description.
func (e *APIError) Error() string { return "" }

// ServerFault is true for 5xx answers (exit status 3, not 1).
func (e *APIError) ServerFault() bool { return false }

// Error says what failed and what to check.
func (e *NetworkError) Error() string { return "" }

// Unwrap returns the cause.
func (e *NetworkError) Unwrap() error { return e.Err }

// NewClient returns a Client.
func NewClient(opts ClientOptions) *Client { return &Client{opts: opts} }

// Build returns the request a Request would send, without sending it
// (the password flow's URL needs discovery, so Build may report a placeholder
// token endpoint for it: {base}/oauth/token).
func (r Request) Build() (SentRequest, error) { return SentRequest{}, nil }

// Login validates r, sends it, and reads the answer. err is a *ValidationError
// (nothing was sent, ex is nil), or the same error as ex.Err.
func (c *Client) Login(ctx context.Context, r Request) (ex *Exchange, err error) {
	return nil, nil
}

// UserInfo calls GET {domain}/userinfo with the access token.
// On success ex.Body holds the profile JSON.
func (c *Client) UserInfo(ctx context.Context, domain string, insecure bool, accessToken string) (*Exchange, error) {
	return nil, nil
}
