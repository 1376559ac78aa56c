package inspect

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// Consistency checks between a request, the answer and its tokens (DESIGN.md,
// "What a response shows"). They are pure functions, cheap, and need no network;
// the signature is jwtview.Verify's business, not theirs.

// expiresInSlack absorbs the seconds between the server stamping iat and
// computing expires_in.
const expiresInSlack = 5 * time.Second

// ConsistencyChecks compares the answer with the request and its tokens:
// expires_in against exp − iat, the scope granted against the scope asked,
// aud and azp against the client, iss against the tenant (or expectedIssuer,
// for a custom domain), token_type, and the server's Date against this
// machine's clock. now stands for "when the answer arrived" when the exchange
// does not say.
func ConsistencyChecks(req ro.Request, ex *ro.Exchange, d TokenSet, expectedIssuer string, now time.Time) []Finding {
	if ex == nil || ex.Status == 0 {
		return nil // no answer (refused, cancelled, timed out): nothing to compare
	}
	var out []Finding
	if tr := ex.Tokens; tr != nil {
		out = append(out, checkTokenTypes(tr)...)
		out = append(out, checkExpiresIn(tr, d)...)
		out = append(out, checkScope(req, tr, d, ex.RefreshRoute != nil)...)
		out = append(out, checkAudience(req, d)...)
		out = append(out, checkIssuer(req, ex, d, expectedIssuer)...)
		out = append(out, checkTokenType(tr))
	}
	out = append(out, checkDiscovery(ex)...)
	out = append(out, checkClock(ex, now))
	out = append(out, checkIssuedAt(ex, d, now)...)
	return out
}

// checkTokenTypes fails a token the answer sent as another JSON type than
// a string: it came back, unusable, and saying it did not would send the
// person after a scope or a device (checkScope then says nothing of it).
func checkTokenTypes(tr *ro.TokenResponse) []Finding {
	var out []Finding
	for _, m := range []struct{ name, problem string }{
		{"access_token", tr.AccessTokenProblem}, {"id_token", tr.IDTokenProblem}, {"refresh_token", tr.RefreshTokenProblem},
	} {
		if m.problem != "" {
			out = append(out, Finding{m.name, LevelBad, m.problem + ": the server sent one that rotui cannot use (a token is a JSON string)"})
		}
	}
	return out
}

// checkDiscovery reports the password flow's discovery step: a document
// whose issuer is not the domain asked is a failed check, not hidden
// (DESIGN.md), since Auth0's issuer is the tenant's base URL with a slash.
func checkDiscovery(ex *ro.Exchange) []Finding {
	d := ex.Discovery
	if d == nil || d.Status < 200 || d.Status >= 300 {
		return nil // no document: the error above says why
	}
	const name = "discovery"
	switch {
	case d.Issuer == "":
		return []Finding{{name, LevelWarn, fmt.Sprintf("the discovery document at %s names no issuer", d.URL)}}
	case d.IssuerMismatch:
		return []Finding{{name, LevelBad, fmt.Sprintf("the discovery document at %s names the issuer %q, not the domain asked: this server is not the tenant typed, or answers for another", d.URL, d.Issuer)}}
	}
	return []Finding{{name, LevelOK, fmt.Sprintf("the discovery document names the domain as issuer, %q, and its token endpoint %s was used", d.Issuer, d.TokenEndpoint)}}
}

// checkIssuedAt warns about a token issued in the future by this machine's
// clock: a sign that the clock is behind even when no Date header says so.
func checkIssuedAt(ex *ro.Exchange, d TokenSet, now time.Time) []Finding {
	arrived := arrival(ex, now)
	var out []Finding
	for _, t := range d.signed() {
		iat := t.tok.Lifetime().IssuedAt
		if ahead := iat.Sub(arrived); !iat.IsZero() && ahead > MaxClockSkew {
			out = append(out, Finding{"iat", LevelWarn, fmt.Sprintf("the %s was issued %s after it arrived, by this machine's clock: the clock is behind, or the server's is ahead", t.name, ahead.Round(time.Second))})
		}
	}
	return out
}

// namedToken is a token of an answer with its name for a sentence.
type namedToken struct {
	name string
	tok  *jwtview.Token
}

// signed are the ID and access tokens that are signed JWTs, in that order:
// the tokens whose claims can be checked.
func (d TokenSet) signed() []namedToken {
	var out []namedToken
	for _, t := range []namedToken{{"ID token", d.ID}, {"access token", d.Access}} {
		if isJWT(t.tok) {
			out = append(out, t)
		}
	}
	return out
}

func isJWT(t *jwtview.Token) bool { return t != nil && t.Kind == jwtview.KindJWS }

// lifetimeOf is exp − iat in seconds, when both are known: a Duration
// stops at about 292 years, and a token may claim to live longer.
func lifetimeOf(t *jwtview.Token) (int64, bool) {
	if !isJWT(t) {
		return 0, false
	}
	l := t.Lifetime()
	if l.ExpiresAt.IsZero() || l.IssuedAt.IsZero() {
		return 0, false
	}
	return jwtview.SecondsBetween(l.IssuedAt, l.ExpiresAt), true
}

func secs(n int64) string { return fmt.Sprintf("%d s", n) }

func checkExpiresIn(tr *ro.TokenResponse, d TokenSet) []Finding {
	const name = "expires_in"
	if tr.ExpiresInProblem != "" {
		return []Finding{{name, LevelWarn, tr.ExpiresInProblem + "; the tokens' own exp is what counts"}}
	}
	if !tr.HasExpiresIn {
		return []Finding{{name, LevelInfo, "the answer has no expires_in (the legacy endpoint may leave it out); the tokens' own exp is what counts"}}
	}
	said := min(tr.ExpiresIn, 1e15) // beyond any exp − iat, and no overflow when subtracted
	if tr.ExpiresIn <= 0 {
		return []Finding{{name, LevelWarn, fmt.Sprintf("expires_in is %d: the access token is already expired or the server sent a bad value", tr.ExpiresIn)}}
	}
	if life, ok := lifetimeOf(d.Access); ok {
		if absSecs(life-said) <= int64(expiresInSlack/time.Second) {
			return []Finding{{name, LevelOK, fmt.Sprintf("%s matches the access token's exp − iat", secs(said))}}
		}
		return []Finding{{name, LevelWarn, fmt.Sprintf("expires_in says %s but the access token lives %s (exp − iat): trust exp", secs(said), secs(life))}}
	}
	if life, ok := lifetimeOf(d.ID); ok && tr.AccessToken == "" {
		// /delegation's answer: an ID token alone, expires_in its lifetime.
		if absSecs(life-said) <= int64(expiresInSlack/time.Second) {
			return []Finding{{name, LevelOK, fmt.Sprintf("%s matches the ID token's exp − iat (the answer's only token)", secs(said))}}
		}
		return []Finding{{name, LevelWarn, fmt.Sprintf("expires_in says %s but the ID token, the answer's only token, lives %s (exp − iat): trust exp", secs(said), secs(life))}}
	}
	if life, ok := lifetimeOf(d.ID); ok {
		if absSecs(life-said) <= int64(expiresInSlack/time.Second) {
			return []Finding{{name, LevelOK, fmt.Sprintf("%s; the access token is opaque, and the ID token lives as long (exp − iat)", secs(said))}}
		}
		return []Finding{{name, LevelInfo, fmt.Sprintf("%s for the opaque access token; the ID token lives %s (exp − iat), a separate setting", secs(said), secs(life))}}
	}
	return []Finding{{name, LevelInfo, fmt.Sprintf("%s; no token carries exp and iat to compare with", secs(said))}}
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func absSecs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// checkScope compares the scope granted with the scope asked; refresh says
// the answer is a refresh's, which keeps the refresh token it used.
func checkScope(req ro.Request, tr *ro.TokenResponse, d TokenSet, refresh bool) []Finding {
	asked := strings.Fields(req.Scope)
	var out []Finding
	granted, source := tr.Scope, "the answer's scope"
	if granted == "" && isJWT(d.Access) {
		if f, ok := d.Access.Claim("scope"); ok {
			if s, ok := f.Value.(string); ok {
				granted, source = s, "the access token's scope claim"
			}
		}
	}
	switch {
	case granted == "":
		out = append(out, Finding{"scope", LevelOK, "no scope in the answer: granted as asked (RFC 6749 §5.1)"})
	case len(asked) == 0 && refresh:
		// RFC 6749 §6: a refresh that asks no scope gets the scope first
		// granted, which is no more than the login asked.
		out = append(out, Finding{"scope", LevelOK, fmt.Sprintf("granted %s (per %s): the refresh asked no scope, so the first login's grant is kept", granted, source)})
	case len(asked) == 0:
		out = append(out, Finding{"scope", LevelOK, fmt.Sprintf("granted %s (per %s): no scope was asked, so the server gave its default", granted, source)})
	default:
		g := strings.Fields(granted)
		var missing, extra []string
		for _, a := range asked {
			if !slices.Contains(g, a) {
				missing = append(missing, a)
			}
		}
		for _, x := range g {
			if !slices.Contains(asked, x) {
				extra = append(extra, x)
			}
		}
		switch {
		case len(missing) > 0:
			out = append(out, Finding{"scope", LevelWarn, fmt.Sprintf("not granted (per %s): %s", source, strings.Join(missing, " "))})
		case len(extra) > 0:
			out = append(out, Finding{"scope", LevelInfo, fmt.Sprintf("granted beyond what was asked (per %s): %s", source, strings.Join(extra, " "))})
		default:
			out = append(out, Finding{"scope", LevelOK, "granted as asked"})
		}
	}
	if f, ok := delegationClaims(asked, refresh, req); ok {
		out = append(out, f)
	}
	if slices.Contains(asked, "openid") && d.ID == nil && tr.IDTokenProblem == "" {
		out = append(out, Finding{"id_token", LevelWarn, "scope has openid but no ID token came back"})
	}
	if slices.Contains(asked, "offline_access") && d.Refresh == nil && !refresh && tr.RefreshTokenProblem == "" {
		why := "scope has offline_access but no refresh token came back"
		if (req.Flow == "" || req.Flow == ro.FlowRO) && strings.TrimSpace(req.Device) == "" {
			why += ": the legacy endpoint gives one only when a device is named"
		} else {
			why += ": the client or the API may not allow offline access"
		}
		out = append(out, Finding{"refresh_token", LevelWarn, why})
	}
	return out
}

// delegationClaims says, for a /delegation refresh asked scope openid
// alone (its default), why the new ID token lacks the first one's profile:
// Auth0 puts in it only the claims the scope names, and openid names the
// basic ones; passthrough keeps the first token's.
func delegationClaims(asked []string, refresh bool, req ro.Request) (Finding, bool) {
	if !refresh || req.EffectiveFlow() != ro.FlowRO || len(asked) != 1 || asked[0] != "openid" {
		return Finding{}, false
	}
	return Finding{FindingClaims, LevelInfo, "/delegation was asked scope openid (the default), which gives only the basic claims (iss, sub, aud, exp, iat), not the first ID token's profile; ask scope passthrough (with openid) to keep the first token's claims"}, true
}

// audiences reads aud, a string or a list of strings.
func audiences(t *jwtview.Token) ([]string, bool) {
	f, ok := t.Claim("aud")
	if !ok {
		return nil, false
	}
	switch v := f.Value.(type) {
	case string:
		return []string{v}, true
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out, true
	}
	return nil, true
}

func stringClaim(t *jwtview.Token, name string) (string, bool) {
	f, ok := t.Claim(name)
	if !ok {
		return "", false
	}
	s, ok := f.Value.(string)
	return s, ok
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func checkAudience(req ro.Request, d TokenSet) []Finding {
	var out []Finding
	if isJWT(d.ID) {
		aud, ok := audiences(d.ID)
		switch {
		case !ok:
			out = append(out, Finding{"audience", LevelBad, "the ID token has no aud: it does not say which client it is for"})
		case slices.Contains(aud, req.ClientID):
			out = append(out, Finding{"audience", LevelOK, fmt.Sprintf("the ID token's aud is the client %q", req.ClientID)})
		default:
			out = append(out, Finding{"audience", LevelBad, fmt.Sprintf("the ID token's aud is %s, not the client %q: it was issued for another client", quoteList(aud), req.ClientID)})
		}
		azp, hasAzp := stringClaim(d.ID, "azp")
		switch {
		case hasAzp && azp != req.ClientID:
			out = append(out, Finding{"azp", LevelBad, fmt.Sprintf("the ID token's azp is %q, not the client %q", azp, req.ClientID)})
		case !hasAzp && len(aud) > 1:
			out = append(out, Finding{"azp", LevelWarn, "the ID token names several audiences but no azp (OIDC Core §2 wants one)"})
		case hasAzp:
			out = append(out, Finding{"azp", LevelOK, "the ID token's azp is the client"})
		}
	}
	if isJWT(d.Access) {
		aud, ok := audiences(d.Access)
		switch {
		case req.Audience == "":
			if ok {
				out = append(out, Finding{"audience", LevelInfo, fmt.Sprintf("the access token is for %s", quoteList(aud))})
			}
		case !ok:
			out = append(out, Finding{"audience", LevelBad, fmt.Sprintf("the access token has no aud, though %q was asked for", req.Audience)})
		case slices.Contains(aud, req.Audience):
			out = append(out, Finding{"audience", LevelOK, fmt.Sprintf("the access token's aud includes the API %q asked for", req.Audience)})
		default:
			out = append(out, Finding{"audience", LevelBad, fmt.Sprintf("the access token's aud is %s, not the API %q asked for", quoteList(aud), req.Audience)})
		}
		if azp, ok := stringClaim(d.Access, "azp"); ok && azp != req.ClientID {
			out = append(out, Finding{"azp", LevelBad, fmt.Sprintf("the access token's azp is %q, not the client %q", azp, req.ClientID)})
		}
	}
	return out
}

func checkIssuer(req ro.Request, ex *ro.Exchange, d TokenSet, expected string) []Finding {
	custom := expected != ""
	if !custom {
		if b := TenantBase(req, ex); b != "" {
			expected = b + "/"
		}
	}
	var out []Finding
	for _, t := range d.signed() {
		iss, ok := stringClaim(t.tok, "iss")
		switch {
		case !ok:
			out = append(out, Finding{"issuer", LevelBad, fmt.Sprintf("the %s has no iss: nothing says who issued it", t.name)})
		case expected == "":
			out = append(out, Finding{"issuer", LevelInfo, fmt.Sprintf("the %s was issued by %q", t.name, iss)})
		case iss == expected:
			out = append(out, Finding{"issuer", LevelOK, fmt.Sprintf("the %s's iss is the tenant, %q", t.name, iss)})
		case iss+"/" == expected:
			out = append(out, Finding{"issuer", LevelWarn, fmt.Sprintf("the %s's iss %q lacks the trailing slash Auth0 issuers have; libraries compare it exactly", t.name, iss)})
		case custom:
			out = append(out, Finding{"issuer", LevelBad, fmt.Sprintf("the %s's iss is %q, not the expected issuer %q", t.name, iss, expected)})
		case ex.Flow == ro.FlowPassword:
			// Any OAuth server may answer the password flow, and name itself.
			out = append(out, Finding{"issuer", LevelWarn, fmt.Sprintf("the %s's iss is %q, not %q as an Auth0 tenant's would be; if this server names itself so, give it as the expected issuer", t.name, iss, expected)})
		default:
			out = append(out, Finding{"issuer", LevelBad, fmt.Sprintf("the %s's iss is %q, not the tenant %q; if the tenant answers on a custom domain, name it as the expected issuer", t.name, iss, expected)})
		}
	}
	return out
}

func checkTokenType(tr *ro.TokenResponse) Finding {
	switch {
	case tr.TokenType == "":
		return Finding{"token_type", LevelWarn, "the answer has no token_type (RFC 6749 §5.1 requires one)"}
	case tr.TokenType == "Bearer":
		return Finding{"token_type", LevelOK, "Bearer"}
	case strings.EqualFold(tr.TokenType, "bearer"):
		return Finding{"token_type", LevelOK, fmt.Sprintf("%q is Bearer: the type is compared case-insensitively (RFC 6749 §5.1)", tr.TokenType)}
	}
	return Finding{"token_type", LevelWarn, fmt.Sprintf("token_type %q: rotui knows only Bearer, so calls with this token may need something else", tr.TokenType)}
}

func checkClock(ex *ro.Exchange, now time.Time) Finding {
	skew, ok := ClockSkew(ex, now)
	if !ok {
		return Finding{"clock", LevelInfo, "the answer has no Date header, so this machine's clock could not be compared with the server's"}
	}
	ahead := "ahead of"
	if skew < 0 {
		ahead = "behind"
	}
	a := absDur(skew)
	switch {
	case SkewTooLarge(skew):
		return Finding{"clock", LevelWarn, fmt.Sprintf("the server's clock is %s %s this machine's: every countdown here is off by as much", a.Round(time.Second), ahead)}
	case a <= time.Second:
		return Finding{"clock", LevelOK, "the server's Date agrees with this machine's clock"}
	}
	return Finding{"clock", LevelOK, fmt.Sprintf("the server's clock is %s %s this machine's (under %s)", a.Round(time.Second), ahead, MaxClockSkew)}
}
