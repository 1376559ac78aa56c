package ro

import (
	"context"
	"net/http"
	"strings"
)

// Using a refresh token, and revoking one. Which endpoint takes a refresh
// token depends on the flow that issued it (reference/auth0-legacy-semantics.md,
// "Neighbours"): one from /oauth/ro works only at the legacy POST
// /delegation, one from /oauth/token only with /oauth/token's
// refresh_token grant; Auth0 refuses each at the other.

// GrantRefreshToken is the refresh_token grant of a token endpoint (RFC 6749 §6).
const GrantRefreshToken = "refresh_token"

// Field names of a Refresh in FieldError.Field, beside the Request's
// (FieldDomain, FieldClientID, FieldFlow, FieldScope).
const (
	FieldRefreshToken = "refresh_token"
	FieldTarget       = "target"
	FieldAPIType      = "api_type"
)

// Refresh is a refresh token and what is needed to use it (Client.Refresh)
// or to revoke it (Client.Revoke).
type Refresh struct {
	Domain       string // as for Request
	ClientID     string // the application the refresh token was issued to
	RefreshToken string // secret: a credential, masked wherever the request is shown
	From         Flow   // the flow whose answer carried the refresh token; empty means FlowRO
	// Scope is what to ask for. /delegation: empty means "openid";
	// "passthrough" keeps the claims of the first ID token. /oauth/token:
	// empty keeps the scope first granted.
	Scope    string
	Target   string // /delegation only: the client ID the new ID token is for; empty: the same client
	APIType  string // /delegation only: empty means "app" (an ID token for an application, not an add-on)
	Insecure bool   // allow plain http to a host that is not loopback
}

// RefreshRoute is where a refresh token goes, and why.
type RefreshRoute struct {
	From     Flow   // the flow that issued the refresh token
	Endpoint string // "/delegation", "/oauth/token", or "the token endpoint from OIDC discovery"
	Grant    string // the grant_type sent: GrantJWTBearer or GrantRefreshToken
	Why      string // why that endpoint, a sentence for people (the TUI and `rotui refresh` print it)
}

// refreshRoutes are the routes by the flow that issued the refresh token.
var refreshRoutes = map[Flow]RefreshRoute{
	FlowRO: {FlowRO, "/delegation", GrantJWTBearer,
		"The refresh token came from /oauth/ro, so it goes to the legacy POST /delegation (jwt-bearer grant, api_type app): /oauth/token does not accept refresh tokens from /oauth/ro. /delegation answers a new ID token, without an access token."},
	FlowRealm: {FlowRealm, "/oauth/token", GrantRefreshToken,
		"The refresh token came from /oauth/token (the realm flow), so it goes back there with the refresh_token grant: /delegation does not accept refresh tokens from /oauth/token."},
	FlowPassword: {FlowPassword, FlowPassword.Endpoint(), GrantRefreshToken,
		"The refresh token came from the password flow's token endpoint, so it goes back there (found by OIDC discovery) with the refresh_token grant, as OAuth 2 has it (RFC 6749 §6)."},
}

// RefreshRoute returns where a refresh token issued by flow f is used, and
// why. An unknown flow is taken as FlowRO, as everywhere.
func (f Flow) RefreshRoute() RefreshRoute {
	if r, ok := refreshRoutes[f]; ok {
		return r
	}
	return refreshRoutes[FlowRO]
}

// RefreshWith returns the refresh of refreshToken, which a login of r
// brought: the same tenant and client, the route of r's flow, the scope
// left to the endpoint's default. It carries no secret of r's.
func (r Request) RefreshWith(refreshToken string) Refresh {
	return Refresh{Domain: r.Domain, ClientID: r.ClientID, RefreshToken: strings.TrimSpace(refreshToken), From: r.EffectiveFlow(), Insecure: r.Insecure}
}

// delegationScope is the scope /delegation is asked for when none is given.
const delegationScope = "openid"

// passthroughScope asks /delegation to keep the first ID token's claims
// (openid kept, so that an ID token still comes back).
const passthroughScope = "openid passthrough"

// WithPassthrough is r asking /delegation for scope passthrough, so that
// the new ID token keeps the first one's claims; ok is false when r's flow
// refreshes elsewhere (the refresh_token grant has no passthrough), and r
// is then returned as it was.
func (r Refresh) WithPassthrough() (Refresh, bool) {
	from, err := ParseFlow(string(r.From))
	if err != nil || from.RefreshRoute().Grant != GrantJWTBearer {
		return r, false
	}
	r.Scope = passthroughScope
	return r, true
}

// delegationAPIType is the api_type for a new ID token for an application.
const delegationAPIType = "app"

// AsRequest returns the login a refresh's answer is checked against
// (inspect.Input.Request): the domain, the flow, the scope asked, and the
// client the new ID token is for, which is the target when one was named.
// It carries no secret.
func (r Refresh) AsRequest() Request {
	from, _ := ParseFlow(string(r.From))
	q := Request{Domain: r.Domain, ClientID: r.ClientID, Scope: r.Scope, Flow: from, Insecure: r.Insecure}
	if from == FlowRO {
		if strings.TrimSpace(r.Target) != "" {
			q.ClientID = r.Target
		}
		if strings.TrimSpace(q.Scope) == "" {
			q.Scope = delegationScope
		}
	}
	return q
}

// Validate checks a Refresh before it is used: a *ValidationError naming
// each field to change, or nil.
func (r Refresh) Validate() error {
	_, _, err := r.validate(true)
	return err
}

// validate is Validate; forRefresh says the scope, target and api_type are
// sent (revoking sends none of them).
func (r Refresh) validate(forRefresh bool) (base string, from Flow, err error) {
	var v ValidationError
	add := func(field, msg string) { v.Fields = append(v.Fields, FieldError{Field: field, Message: msg}) }
	from, ferr := ParseFlow(string(r.From))
	if ferr != nil {
		add(FieldFlow, "pick the flow that issued the refresh token: ro (/oauth/ro), realm (/oauth/token) or password (OIDC discovery)")
		from = FlowRO
	}
	base = checkTenant(add, baseString, r.Domain, r.Insecure, r.ClientID, "Enter the client ID of the application the refresh token was issued to.")
	switch tok := strings.TrimSpace(r.RefreshToken); {
	case tok == "":
		add(FieldRefreshToken, "Paste the refresh token to use: a login with offline_access in the scope gives one (on /oauth/ro, only with a device too).")
	case hasSpaceOrControl(tok):
		add(FieldRefreshToken, "The refresh token has a space or line break in it; paste the token alone.")
	}
	if forRefresh {
		for _, f := range []struct{ field, value string }{{FieldTarget, r.Target}, {FieldAPIType, r.APIType}} {
			switch {
			case f.value == "":
			case from != FlowRO:
				add(f.field, "Only /delegation (a refresh token from the ro flow) takes a "+f.field+"; the "+string(from)+" flow's refresh_token grant has none, so clear it.")
			case hasSpaceOrControl(f.value):
				add(f.field, "The "+f.field+" has a space or line break in it; type it alone.")
			}
		}
		if hasControl(r.Scope) {
			add(FieldScope, "The scope has a line break or control character in it; separate scopes with single spaces.")
		}
	}
	if len(v.Fields) > 0 {
		return "", from, &v
	}
	return base, from, nil
}

// Refresh uses a refresh token the way the flow that issued it allows
// (Flow.RefreshRoute): POST /delegation for one from /oauth/ro, the
// refresh_token grant of /oauth/token for the realm flow, of the token
// endpoint found by OIDC discovery for the password flow. The answer is
// read into ex.Tokens like a login's (from /delegation: an ID token, its
// token_type and expires_in), ex.Flow is the flow that issued the token,
// and ex.RefreshRoute says where it went and why. err is a
// *ValidationError (nothing was sent, ex is nil), or the same as ex.Err.
func (c *Client) Refresh(ctx context.Context, r Refresh) (*Exchange, error) {
	base, from, err := r.validate(true)
	if err != nil {
		return nil, err
	}
	call, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	route := from.RefreshRoute()
	tok := strings.TrimSpace(r.RefreshToken)
	var s SentRequest
	var disc *Discovery
	hints := flowRefreshGrant
	switch from {
	case FlowRO:
		hints = flowDelegation
		scope, apiType := r.Scope, r.APIType
		if strings.TrimSpace(scope) == "" {
			scope = delegationScope
		}
		if apiType == "" {
			apiType = delegationAPIType
		}
		s = jsonPost(base+"/delegation",
			jsonField{"client_id", r.ClientID, false},
			jsonField{"grant_type", GrantJWTBearer, false},
			jsonField{"refresh_token", tok, false},
			jsonField{"api_type", apiType, false},
			jsonField{"target", r.Target, true},
			jsonField{"scope", scope, false},
		)
	case FlowRealm:
		s = jsonPost(base+"/oauth/token",
			jsonField{"grant_type", GrantRefreshToken, false},
			jsonField{"client_id", r.ClientID, false},
			jsonField{"refresh_token", tok, false},
			jsonField{"scope", r.Scope, true},
		)
	case FlowPassword:
		var dx *Exchange
		disc, dx = c.discover(ctx, call, Request{Insecure: r.Insecure}, base, refreshEndpoint)
		if dx != nil {
			dx.RefreshRoute = &route
			return dx, dx.Err
		}
		s = formPost(disc.TokenEndpoint, "grant_type", GrantRefreshToken, "client_id", r.ClientID, "refresh_token", tok, "scope", r.Scope)
	}
	ex := c.send(ctx, call, from, s)
	ex.Discovery, ex.RefreshRoute = disc, &route
	c.readTokens(ex, hints)
	ex.MaskEchoes(NewEchoes(s.Secrets()...))
	return ex, ex.Err
}

// readTokens reads the answer of a call that gives tokens: a token
// response on success, else an *APIError with the hints of flow.
func (c *Client) readTokens(ex *Exchange, flow Flow) {
	ex.refuseUnlessOK(flow)
	if ex.Err != nil {
		return
	}
	toks, err := ParseTokenResponse(ex.Body)
	if err != nil {
		ex.Err = &NetworkError{Op: "parse", URL: ex.Request.URL, Err: err}
		return
	}
	ex.Tokens = toks
}

// Revoke revokes a refresh token: POST {domain}/oauth/revoke {client_id,
// token}, which Auth0 answers 200 (also for a token it does not know);
// for the password flow, the revocation_endpoint that OIDC discovery
// finds, form-encoded with token_type_hint (RFC 7009). Only Domain,
// ClientID, RefreshToken, From and Insecure of r are used. err is a
// *ValidationError (nothing was sent, ex is nil), or the same as ex.Err.
func (c *Client) Revoke(ctx context.Context, r Refresh) (*Exchange, error) {
	base, from, err := r.validate(false)
	if err != nil {
		return nil, err
	}
	call, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	tok := strings.TrimSpace(r.RefreshToken)
	s := jsonPost(base+"/oauth/revoke",
		jsonField{"client_id", r.ClientID, false},
		jsonField{"token", tok, false},
	)
	var disc *Discovery
	if from == FlowPassword {
		var dx *Exchange
		disc, dx = c.discover(ctx, call, Request{Insecure: r.Insecure}, base, revocationEndpoint)
		if dx != nil {
			return dx, dx.Err
		}
		s = formPost(disc.RevocationEndpoint, "token", tok, "token_type_hint", "refresh_token", "client_id", r.ClientID)
	}
	ex := c.send(ctx, call, "", s)
	ex.Discovery = disc
	ex.refuseUnlessOK(flowRevoke)
	ex.MaskEchoes(NewEchoes(s.Secrets()...))
	return ex, ex.Err
}

// RevokedMeans says, for people, what a revocation's 200 tells: Auth0
// answers 200 for a refresh token it does not know too, as RFC 7009 §2.2
// has it, so that an attacker cannot probe for live tokens.
const RevokedMeans = "The tenant answers 200 for a refresh token it does not know too (RFC 7009 §2.2), so this does not tell whether the token was live, already revoked or never issued: only that the tenant will not take it now."

// Flows that mark answers for the hints; none is ever on an Exchange.
const (
	flowDelegation   Flow = "delegation"    // POST /delegation
	flowRefreshGrant Flow = "refresh_token" // a token endpoint's refresh_token grant
	flowRevoke       Flow = "revoke"        // POST /oauth/revoke
)

// formPost is a form-encoded POST of the name, value pairs in order (an
// empty value left out), with rotui's usual headers.
func formPost(url string, pairs ...string) SentRequest {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			addForm(&b, pairs[i], pairs[i+1])
		}
	}
	s := SentRequest{Method: http.MethodPost, URL: url, Header: make(http.Header, 3), Body: []byte(b.String())}
	s.Header["Accept"] = acceptJSON
	s.Header["User-Agent"] = userAgentValue
	s.Header["Content-Type"] = contentForm
	return s
}
