package jwtview

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"
)

// Names of the checks, in the order Verify lists them.
const (
	CheckSignature = "signature"
	CheckIssuer    = "issuer"
	CheckAudience  = "audience"
	CheckExpiry    = "expiry"
	CheckNotBefore = "not before"
)

// supportedAlgs are the signature algorithms Verify accepts at all; "none"
// is never one of them.
var supportedAlgs = [...]string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
	"ES256", "ES384", "ES512", "EdDSA", "HS256", "HS384", "HS512"}

// String names the outcome: "passed", "failed", "not checked".
func (o Outcome) String() string {
	switch o {
	case Passed:
		return "passed"
	case Failed:
		return "failed"
	}
	return "not checked"
}

// MarshalText names the outcome for JSON: "passed", "failed", "not_checked".
func (o Outcome) MarshalText() ([]byte, error) {
	if o == NotChecked {
		return []byte("not_checked"), nil
	}
	return []byte(o.String()), nil
}

// OK is true when no check failed and the signature passed.
func (v Verification) OK() bool {
	return !v.Failed() && v.Check(CheckSignature).Outcome == Passed
}

// Failed is true when any check failed.
func (v Verification) Failed() bool {
	for _, c := range v.Checks {
		if c.Outcome == Failed {
			return true
		}
	}
	return false
}

// Check returns the check of that name (NotChecked with no reason when it
// is not in the list).
func (v Verification) Check(name string) Check {
	for _, c := range v.Checks {
		if c.Name == name {
			return c
		}
	}
	return Check{Name: name}
}

// Verify checks signature, issuer, audience, expiry and not-before, in that
// order, each with its outcome and reason. Keys come from one source (see
// VerifyOptions); with none, the signature is not checked. Verify never
// panics; when keys could not be fetched, FetchError says why (the
// signature check is then NotChecked, not Failed: the token may be fine).
//
// A check that o asks for (see Verification.Requested) and that cannot be
// made (an opaque token has no signature, a JWE no readable claims) is
// Failed and Unmade, never NotChecked: the answer to a question asked is
// never a silent pass. Keys that could not be fetched are the one
// exception, a fault reported in FetchError.
func Verify(ctx context.Context, t *Token, o VerifyOptions) Verification {
	v := verify(ctx, t, o)
	v.failUnmade()
	return v
}

// verify makes every check it can; Verify then fails the ones asked for
// and not made.
func verify(ctx context.Context, t *Token, o VerifyOptions) Verification {
	v := Verification{Requested: o.requested()}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	if t == nil {
		t = Decode("")
	}
	if t.Kind == KindJWS && len(t.Parts) != 3 {
		// A Token built by hand rather than by Decode.
		t = Decode(strings.Join(t.Parts, "."))
	}
	if t.Kind != KindJWS {
		why := unreadable[t.Kind]
		v.Checks = append(v.Checks, Check{Name: CheckSignature, Outcome: NotChecked, Reason: why.signature})
		// Issuer and audience are listed only when asked for, as failed:
		// there are no claims to compare.
		for _, name := range [...]string{CheckIssuer, CheckAudience} {
			if slices.Contains(v.Requested, name) {
				v.Checks = append(v.Checks, Check{Name: name, Outcome: NotChecked, Reason: why.claims})
			}
		}
		return v
	}
	cache := o.Keys
	if cache == nil {
		cache = NewKeyCache(o.HTTPClient)
	}

	issCheck := Check{Name: CheckIssuer}
	sig := verifySignature(ctx, t, o, cache, &v, &issCheck)
	v.Checks = append(v.Checks, sig)
	if issCheck.Outcome == NotChecked {
		issCheck = checkIssuer(t, o.Issuer)
	}
	v.Checks = append(v.Checks, issCheck, checkAudience(t, o.Audience))
	v.Checks = append(v.Checks, timeChecks(t, now)...)
	return v
}

// unreadable says, for each kind of token that is not a JWS, why nothing
// in it can be checked: of the signature, and of the claims.
var unreadable = map[Kind]struct{ signature, claims string }{
	KindOpaque: {
		"an opaque token has no signature to check; only its issuer can say whether it is valid (for Auth0, call /userinfo with it)",
		"an opaque token has no claims to compare; only its issuer knows whom it is from and for",
	},
	KindJWE: {
		"an encrypted JWT (JWE) has no signature rotui can check; only its recipient can open it, with its private key",
		"the claims of an encrypted JWT (JWE) cannot be read without the recipient's private key",
	},
	KindMalformed: {
		"the token could not be decoded, so it has no signature to check",
		"the token could not be decoded, so it has no claims to compare",
	},
}

// requested names the checks o asks for: the signature when a key source
// is given, the issuer and audience when one is expected.
func (o VerifyOptions) requested() []string {
	var names []string
	if o.Secret != nil || o.PEM != nil || o.JWKSURL != "" || o.Discover {
		names = append(names, CheckSignature)
	}
	if o.Issuer != "" {
		names = append(names, CheckIssuer)
	}
	if o.Audience != "" {
		names = append(names, CheckAudience)
	}
	return names
}

// failUnmade turns each requested check that was not made into a failed
// one that says so. The signature is left unchecked when the keys could
// not be fetched: that is a fault (FetchError), and the token may be fine.
func (v *Verification) failUnmade() {
	for _, name := range v.Requested {
		i := slices.IndexFunc(v.Checks, func(c Check) bool { return c.Name == name })
		if i < 0 {
			v.Checks = append(v.Checks, Check{Name: name, Reason: "rotui did not get to it"})
			i = len(v.Checks) - 1
		}
		c := &v.Checks[i]
		if c.Outcome != NotChecked || (name == CheckSignature && v.FetchError != nil) {
			continue
		}
		c.Outcome, c.Unmade = Failed, true
		c.Reason = "asked for, but could not be made: " + c.Reason
	}
}

// verifySignature finds the key and checks the signature. Discovery may
// also decide the issuer check (a document naming another issuer).
func verifySignature(ctx context.Context, t *Token, o VerifyOptions, cache *KeyCache, v *Verification, issCheck *Check) Check {
	c := Check{Name: CheckSignature}
	alg := t.Alg()
	switch {
	case alg == "":
		c.Outcome, c.Reason = Failed, "the header names no alg"
		return c
	case strings.EqualFold(alg, "none"):
		c.Outcome, c.Reason = Failed, "alg is none: the token is unsigned, and rotui never accepts an unsigned token"
		return c
	case !slices.Contains(supportedAlgs[:], alg):
		c.Outcome, c.Unmade = Failed, true
		c.Reason = fmt.Sprintf("alg %s is not one rotui verifies (%s)", clip(alg, 40), strings.Join(supportedAlgs[:], ", "))
		return c
	}
	if why := critProblem(t); why != "" {
		c.Outcome, c.Reason = Failed, why
		return c
	}
	if len(t.Signature) == 0 {
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the signature is empty although alg is %s (was the token cut at the last dot?)", alg)
		return c
	}
	signed := t.Parts[0] + "." + t.Parts[1]

	switch {
	case o.Secret != nil:
		secret, label := o.Secret, "the client secret"
		if o.SecretBase64 {
			var err error
			if secret, err = DecodeSecret(o.Secret); err != nil {
				c.Outcome, c.Reason = Failed, err.Error()
				return c
			}
			label = "the client secret (base64-decoded)"
		}
		if len(secret) == 0 {
			// Anyone can sign with an empty key.
			c.Outcome, c.Reason = Failed, "the secret is empty; give the client secret"
			return c
		}
		return verifyWith(c, alg, signed, t.Signature, secret, label)
	case o.PEM != nil:
		key, err := ParsePublicKeyPEM(o.PEM)
		if err != nil {
			c.Outcome, c.Reason = Failed, "the PEM key cannot be used: "+err.Error()
			return c
		}
		kind, _ := keyAlgs(key)
		return verifyWith(c, alg, signed, t.Signature, key, "the given "+kind)
	case o.JWKSURL != "":
		return verifyJWKS(ctx, c, t, alg, signed, cache, o.JWKSURL, v)
	case o.Discover:
		iss := t.ClaimString("iss")
		if iss == "" {
			// Verification was asked for and cannot be done because of what
			// the token says: a failed check, never a quiet "not checked"
			// (a script's `decode --verify && trust` would pass it).
			c.Outcome, c.Unmade = Failed, true
			c.Reason = "the token has no iss claim (as a string) to find its keys from; give --jwks, --key or a secret"
			return c
		}
		jwksURI, docIssuer, err := cache.discover(ctx, iss)
		if err != nil {
			var fe *FetchError
			if errors.As(err, &fe) {
				v.FetchError = fe
			}
			c.Reason = "keys not found: " + err.Error()
			return c
		}
		if docIssuer != "" && docIssuer != iss {
			// DESIGN: a discovery document naming another issuer is a
			// failed check, not hidden.
			*issCheck = Check{Name: CheckIssuer, Outcome: Failed, Reason: fmt.Sprintf(
				"the OpenID configuration of %s names another issuer, %s", iss, docIssuer)}
		}
		c = verifyJWKS(ctx, c, t, alg, signed, cache, jwksURI, v)
		if c.Outcome == Passed && o.Issuer == "" {
			c.Reason += "; the keys were found from the token's own iss, which proves who issued it, not that you trust them (give the expected issuer)"
		}
		return c
	}
	c.Reason = "no key given (--verify, --jwks, --key or --secret-stdin)"
	return c
}

// verifyWith checks the signature with one key, after checking that the
// key's type allows the token's alg.
func verifyWith(c Check, alg, signed string, sig []byte, key any, label string) Check {
	kind, algs := keyAlgs(key)
	if !slices.Contains(algs, alg) {
		c.Outcome = Failed
		if len(algs) == 0 {
			c.Reason = fmt.Sprintf("%s is a %s, which rotui cannot verify with", label, kind)
		} else {
			c.Reason = fmt.Sprintf("the token says alg %s but %s is an %s, which verifies only %s; a token never chooses its key type",
				alg, label, kind, strings.Join(algs, ", "))
		}
		return c
	}
	if err := jwt.GetSigningMethod(alg).Verify(signed, sig, key); err != nil {
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the %s signature does not match %s: the token was changed, or signed with another key", alg, label)
		return c
	}
	c.Outcome, c.Reason = Passed, fmt.Sprintf("%s signature verified with %s", alg, label)
	return c
}

// verifyJWKS checks the signature against the key of the token's kid in a
// JWKS (keyfunc refetches the set once for an unknown kid); a token without
// a kid is tried against every key of the set.
func verifyJWKS(ctx context.Context, c Check, t *Token, alg, signed string, cache *KeyCache, u string, v *Verification) Check {
	if strings.HasPrefix(alg, "HS") {
		// No JWKS publishes a shared secret; fetching would prove nothing.
		c.Outcome, c.Reason = Failed, fmt.Sprintf("an %s token is signed with a shared secret, which no JWKS publishes: verify it with the client secret", alg)
		return c
	}
	kf, err := cache.jwks(ctx, u)
	if err != nil {
		var fe *FetchError
		if errors.As(err, &fe) {
			v.FetchError = fe
		}
		c.Reason = "keys not fetched: " + err.Error()
		return c
	}
	v.KeySource = u
	store := kf.Storage()
	kid := t.Kid()
	if kid == "" {
		keys, err := store.KeyReadAll(ctx)
		if err != nil || len(keys) == 0 {
			c.Outcome, c.Reason = Failed, fmt.Sprintf("the token names no kid and the JWKS at %s has no key rotui can use", u)
			return c
		}
		var refused []string
		for _, jwk := range keys {
			if why := jwkRefusal(jwk.Marshal(), alg); why != "" {
				refused = append(refused, why)
				continue
			}
			if try := verifyWith(c, alg, signed, t.Signature, publicOf(jwk.Key()), "a key of "+u); try.Outcome == Passed {
				try.Reason = fmt.Sprintf("%s signature verified with a key (no kid in the token) from %s", alg, u)
				return try
			}
		}
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the token names no kid and no key of the JWKS at %s verifies its %s signature", u, alg)
		if len(refused) > 0 {
			c.Reason += " (" + strings.Join(refused[:min(len(refused), 3)], "; ") + ")"
		}
		return c
	}
	// The storage fetches the set again, once, for a kid it does not know.
	jwk, err := store.KeyRead(ctx, kid)
	switch {
	case errors.Is(err, jwkset.ErrKeyNotFound):
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the JWKS at %s has no key with kid %s, even fetched again: the token is from another tenant, or its key was retired", u, kid)
		return c
	case err != nil && strings.Contains(err.Error(), "rate limiter"):
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the JWKS at %s has no key with kid %s (it was fetched again less than %s ago)", u, kid, RefetchInterval)
		return c
	case err != nil:
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the key with kid %s of %s cannot be read: %v", kid, u, err)
		return c
	}
	if why := jwkRefusal(jwk.Marshal(), alg); why != "" {
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the JWKS at %s says %s: a token never widens what a key is for", u, why)
		return c
	}
	c = verifyWith(c, alg, signed, t.Signature, publicOf(jwk.Key()), fmt.Sprintf("key %s from %s", kid, u))
	if c.Outcome == Passed {
		v.KeyID = kid
	}
	return c
}

// jwkRefusal says why a JWK may not verify a token signed with alg, or ""
// when it may. A JWK narrows what its key is for with use, key_ops and alg
// (RFC 7517 §4.2-4.4); each is optional, and each, when present, is kept
// to, whether or not the token names the key's kid.
func jwkRefusal(m jwkset.JWKMarshal, alg string) string {
	name := "a key without kid"
	if m.KID != "" {
		name = "key " + clip(m.KID, 64)
	}
	switch {
	case m.USE != "" && m.USE != jwkset.UseSig:
		return fmt.Sprintf("%s is for %q, not for signatures (use, RFC 7517 §4.2)", name, clip(string(m.USE), 16))
	case len(m.KEYOPS) > 0 && !slices.Contains(m.KEYOPS, jwkset.KeyOpsVerify):
		ops := make([]string, 0, len(m.KEYOPS))
		for _, op := range m.KEYOPS {
			ops = append(ops, clip(string(op), 16))
		}
		return fmt.Sprintf("%s may only %s, not verify (key_ops, RFC 7517 §4.3)", name, strings.Join(ops[:min(len(ops), 4)], ", "))
	case m.ALG != "" && string(m.ALG) != alg:
		return fmt.Sprintf("%s is for alg %s only, and the token says %s (alg, RFC 7517 §4.4)", name, clip(string(m.ALG), 16), alg)
	}
	return ""
}

// publicOf returns the public half of a key a JWKS should not have
// published private (one with "d"), and any other key as it is.
func publicOf(key any) any {
	if pk, ok := key.(interface{ Public() crypto.PublicKey }); ok {
		return pk.Public()
	}
	return key
}

// critProblem says why the header's crit (RFC 7515 §4.1.11) or b64 (RFC
// 7797) makes rotui refuse the token, or "" when neither is there. crit
// names extensions the recipient must understand or reject the token;
// rotui implements none, b64 included, so it refuses every crit rather
// than check a signature whose meaning it does not know.
func critProblem(t *Token) string {
	if f, ok := t.HeaderField("b64"); ok && f.Value != true {
		return fmt.Sprintf("the header sets b64 to %s: an unencoded payload (RFC 7797), which rotui does not implement, so it cannot check the signature as the signer meant it", clip(f.Text, 40))
	}
	f, ok := t.HeaderField("crit")
	if !ok {
		return ""
	}
	list, _ := f.Value.([]any)
	names := make([]string, 0, len(list))
	for _, e := range list {
		name, ok := e.(string)
		if !ok {
			names = nil
			break
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return fmt.Sprintf("the header's crit is %s, not a list of header names: RFC 7515 §4.1.11 makes the token invalid", clip(f.Text, 40))
	}
	return fmt.Sprintf("the header's crit names %s, which a recipient must understand or refuse (RFC 7515 §4.1.11); rotui implements no such extension, so it refuses the token",
		clip(strings.Join(names, ", "), 200))
}

// clip cuts untrusted text that goes into a reason to about n bytes, at a
// rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func checkIssuer(t *Token, want string) Check {
	c := Check{Name: CheckIssuer}
	iss, ok := t.Claim("iss")
	got, isString := iss.Value.(string)
	switch {
	case want == "":
		c.Reason = "no issuer expected"
	case !ok:
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the token has no iss claim; %s was expected", want)
	case !isString:
		c.Outcome, c.Reason = Failed, "iss is not a string"
	case got == want:
		c.Outcome, c.Reason = Passed, fmt.Sprintf("iss is %s, as expected", got)
	case strings.TrimRight(got, "/") == strings.TrimRight(want, "/"):
		c.Outcome, c.Reason = Failed, fmt.Sprintf("iss is %s but %s was expected: they differ only by the trailing slash, which counts (Auth0's issuer ends with /)", got, want)
	default:
		c.Outcome, c.Reason = Failed, fmt.Sprintf("iss is %s but %s was expected", got, want)
	}
	return c
}

func checkAudience(t *Token, want string) Check {
	c := Check{Name: CheckAudience}
	aud := t.Audience()
	switch {
	case want == "":
		c.Reason = "no audience expected"
	case aud == nil:
		c.Outcome, c.Reason = Failed, fmt.Sprintf("the token has no aud claim; %s was expected", want)
	case slices.Contains(aud, want):
		c.Outcome, c.Reason = Passed, fmt.Sprintf("aud includes %s", want)
	default:
		c.Outcome, c.Reason = Failed, fmt.Sprintf("aud is %s, not %s: the token was issued for another client or API", strings.Join(aud, ", "), want)
	}
	return c
}

// timeChecks checks exp and nbf at now. They say the same as Lifetime.At,
// with the times spelled out.
func timeChecks(t *Token, now time.Time) []Check {
	l := t.Lifetime()
	exp := Check{Name: CheckExpiry}
	if f, ok := t.Claim("exp"); !ok {
		exp.Reason = "the token has no exp claim: it never expires"
	} else if !f.IsTime {
		exp.Outcome, exp.Reason = Failed, "exp is not a time"
	} else if now.Before(l.ExpiresAt) {
		exp.Outcome, exp.Reason = Passed, fmt.Sprintf("expires %s (%s)", Relative(l.ExpiresAt, now), l.ExpiresAt.Format(time.RFC3339))
	} else {
		exp.Outcome, exp.Reason = Failed, fmt.Sprintf("expired %s (%s)", Relative(l.ExpiresAt, now), l.ExpiresAt.Format(time.RFC3339))
	}
	if !l.IssuedAt.IsZero() && l.IssuedAt.Sub(now) >= time.Second {
		// Not a failure (RFC 7519 sets no rule for iat), but every countdown
		// depends on the clock, so say it.
		exp.Reason += fmt.Sprintf("; iat is %s in the future: this machine's clock may be behind the issuer's", FormatDuration(ceilSecond(l.IssuedAt.Sub(now))))
	}
	nbf := Check{Name: CheckNotBefore}
	if f, ok := t.Claim("nbf"); !ok {
		nbf.Reason = "the token has no nbf claim"
	} else if !f.IsTime {
		nbf.Outcome, nbf.Reason = Failed, "nbf is not a time"
	} else if now.Before(l.NotBefore) {
		nbf.Outcome, nbf.Reason = Failed, fmt.Sprintf("not valid until %s (%s); if that seems wrong, check this machine's clock", l.NotBefore.Format(time.RFC3339), Relative(l.NotBefore, now))
	} else {
		nbf.Outcome, nbf.Reason = Passed, fmt.Sprintf("valid since %s", l.NotBefore.Format(time.RFC3339))
	}
	return []Check{exp, nbf}
}
