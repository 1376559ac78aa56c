package inspect

import (
	"strings"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// The "why it looks as it does" sentences. They explain the legacy
// endpoint's habits (DESIGN.md, "What a response shows").
const (
	whyOpaqueAccessRO      = "Opaque, as the legacy /oauth/ro endpoint always issues: a reference only Auth0 can read, good only for calling /userinfo. To call your own API, use the realm flow with an audience."
	whyOpaqueAccessNoAud   = "Opaque because no audience was named: Auth0 then issues a token good only for /userinfo. Name your API in the audience field to get a JWT for it."
	whyOpaqueAccessWithAud = "Opaque although an audience was named: the API may be set to issue opaque tokens, or the server is not Auth0."
	whyRefresh             = "A refresh token is a reference the server keeps: nothing inside to read. It gets new tokens without the password, so keep it secret."
	whyRefreshFromRO       = " One from /oauth/ro works only with the legacy /delegation endpoint, not /oauth/token: migrating means logging in again."
	whyOpaque              = "Opaque: a reference only its issuer can read, so there is nothing to decode. Its issuer can say what it is for (an Auth0 one: /userinfo)."
	whyJWE                 = "Encrypted (JWE): the header can be read; the claims need the recipient's private key."
)

// WhyMalformed explains a malformed token; renderers show its parts with it.
const WhyMalformed = "Not a well-formed token: every part that could be decoded is shown, with what failed."

// why explains the token t of an inspection of in, then adds jwtview's
// notes on how the token is written (white space in its JSON, say).
func why(in Input, flow ro.Flow, t *Token) []string {
	return append(whyKind(in, flow, t), t.Decoded.Notes...)
}

// whyKind explains what kind of token t is, where that needs saying.
func whyKind(in Input, flow ro.Flow, t *Token) []string {
	tok := t.Decoded
	switch {
	case tok.Kind == jwtview.KindOpaque && t.Role == RoleAccess:
		switch {
		case flow == ro.FlowRO:
			return []string{whyOpaqueAccessRO}
		case strings.TrimSpace(in.Request.Audience) == "":
			return []string{whyOpaqueAccessNoAud}
		}
		return []string{whyOpaqueAccessWithAud}
	case tok.Kind == jwtview.KindOpaque && t.Role == RoleRefresh:
		if flow == ro.FlowRO {
			return []string{whyRefresh + whyRefreshFromRO}
		}
		return []string{whyRefresh}
	case tok.Kind == jwtview.KindOpaque:
		return []string{whyOpaque}
	case tok.Kind == jwtview.KindJWE:
		return []string{whyJWE}
	case tok.Kind == jwtview.KindMalformed:
		return []string{WhyMalformed}
	}
	return nil
}
