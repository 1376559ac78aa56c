package inspect

import (
	"context"
	"strings"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// Plan is how one token is verified: the options jwtview.Verify is called
// with (which keys, which issuer and audience), or why it is not verified at
// all. Keys (the JWKS cache) and the HTTP client are the caller's to add.
type Plan struct {
	// Verify is false when nothing is verified: the token is not a signed
	// JWT, or it is a refresh token (the server's own business).
	Verify  bool
	Options jwtview.VerifyOptions
	// NoKey says why the signature cannot be checked though the other checks
	// (issuer, audience, times) are made: an HS* token without the client
	// secret. Empty when a key is known. Each surface adds how to give the
	// secret there (a form field, --secret-stdin).
	NoKey string
}

// TenantBase is the tenant's base URL (scheme and host, no slash) the
// request went to, from the domain typed or else the URL sent; "" when
// neither says.
func TenantBase(req ro.Request, ex *ro.Exchange) string {
	if req.Domain != "" {
		if u, err := ro.BaseURL(req.Domain, req.Insecure); err == nil && u != nil {
			return strings.TrimSuffix(u.String(), "/")
		}
	}
	if ex != nil && ex.Request.URL != "" {
		rest := ex.Request.URL
		if i := strings.Index(rest, "://"); i >= 0 {
			if j := strings.IndexByte(rest[i+3:], '/'); j >= 0 {
				return rest[:i+3+j]
			}
			return rest
		}
	}
	return ""
}

// ExpectedIssuer is the iss a token of this tenant should carry: the one
// named (a custom domain), else the tenant's base URL with a trailing slash,
// as Auth0's issuers have; "" when nothing says.
func ExpectedIssuer(req ro.Request, ex *ro.Exchange, named string) string {
	if named != "" {
		return named
	}
	if b := TenantBase(req, ex); b != "" {
		return b + "/"
	}
	return ""
}

// isHS reports whether tok is signed with a shared secret.
func isHS(tok *jwtview.Token) bool { return strings.HasPrefix(strings.ToUpper(tok.Alg()), "HS") }

// noKeyHS is why an HS* signature is not checked without a secret.
func noKeyHS(tok *jwtview.Token, fromAnswer bool) string {
	alg := termsafe.Line(tok.Alg())
	if fromAnswer {
		return "signed with the client secret (" + alg + "), as legacy Auth0 clients sign ID tokens"
	}
	return "signed with a shared secret (" + alg + "), such as an Auth0 client's secret"
}

// SecretEncodingNote is what a person giving an Auth0 client secret needs
// to know: it is never sent, and older clients show it base64-encoded.
const SecretEncodingNote = "it is never sent; secrets of Auth0 clients made before December 2016 are base64-encoded"

// planFor decides how t is verified.
func planFor(in Input, t *Token) Plan {
	p := Plan{Options: jwtview.VerifyOptions{Now: in.Now, HTTPClient: in.HTTPClient}}
	if in.Exchange == nil {
		planPasted(in, t, &p)
		return p
	}
	if !t.IsJWS() || t.Role == RoleRefresh {
		return Plan{}
	}
	p.Verify = true
	o := &p.Options
	hs := isHS(t.Decoded)
	if hs {
		useClientSecret(in, t, &p)
	}
	switch t.Role {
	case RoleID:
		o.Audience = in.Request.ClientID
	case RoleAccess:
		o.Audience = in.Request.Audience
	}
	if in.Exchange.Flow == ro.FlowPassword {
		// The password flow talks to any OAuth server: its keys are where
		// its discovery document says, and its issuer is its own unless
		// the person named one.
		o.Issuer = in.ExpectedIssuer
		o.Discover = !hs
		return p
	}
	o.Issuer = ExpectedIssuer(in.Request, in.Exchange, in.ExpectedIssuer)
	if base := TenantBase(in.Request, in.Exchange); base != "" && !hs {
		o.JWKSURL = base + "/.well-known/jwks.json"
	} else if !hs {
		o.Discover = true
	}
	return p
}

// planPasted plans a pasted token: the keys and expectations the person
// gave, used as given, whatever the token's kind (a check asked of an opaque
// token is one that cannot be made, and jwtview says so as a failure);
// without any, a signed JWT gets its times checked and, with FindKeys, is
// verified with the client secret (HS*) or the keys its iss publishes.
func planPasted(in Input, t *Token, p *Plan) {
	o := &p.Options
	o.Issuer, o.Audience = in.ExpectedIssuer, in.ExpectedAudience
	if len(in.Secret) > 0 || len(in.PEM) > 0 || in.JWKSURL != "" || in.Discover {
		p.Verify = true
		o.Secret, o.SecretBase64 = in.Secret, in.SecretBase64
		o.PEM, o.JWKSURL, o.Discover = in.PEM, in.JWKSURL, in.Discover
		return
	}
	p.Verify = t.IsJWS() || o.Issuer != "" || o.Audience != ""
	if !t.IsJWS() {
		return
	}
	switch {
	case !in.FindKeys:
		// Decoded and its times checked, offline.
	case isHS(t.Decoded):
		useClientSecret(in, t, p)
	default:
		o.Discover = true
	}
}

// useClientSecret verifies an HS* token with the client secret, or says
// why its signature cannot be checked; issuer, audience and times still are.
func useClientSecret(in Input, t *Token, p *Plan) {
	if in.ClientSecret == "" {
		p.NoKey = noKeyHS(t.Decoded, in.Exchange != nil)
		return
	}
	p.Options.Secret, p.Options.SecretBase64 = []byte(in.ClientSecret), in.SecretBase64
}

// Verify carries out t's plan with keys cached in keys (nil: no cache) and
// returns the result; the caller bounds ctx and applies the result with
// Inspection.Apply. It is the only call of this package that may reach the
// network. A token with nothing to verify gets a zero Verification.
func (t *Token) Verify(ctx context.Context, keys *jwtview.KeyCache) jwtview.Verification {
	if !t.Plan.Verify {
		return jwtview.Verification{}
	}
	o := t.Plan.Options
	if o.Keys == nil {
		o.Keys = keys
	}
	return jwtview.Verify(ctx, t.Decoded, o)
}
