package jwtview

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Every way a token can end up not verified while a check was asked for is
// a failure of that check, and the verdict is never valid or unverified: a
// script's `decode --verify && trust` must not trust it.
func TestVerifyAskedForButNotMadeFails(t *testing.T) {
	k := getKeys(t)
	srv := newJWKSServer(t, map[string]any{"k1": &k.rsa.PublicKey})
	jwks := srv.URL + "/.well-known/jwks.json"
	// A JWT whose header JSON starts with a space: valid JSON that other
	// libraries accept, so it is a JWT, and this one fails every check.
	spaced := func() string {
		c := claimsAt()
		c["iss"], c["aud"], c["exp"] = srv.URL+"/", "another-client", testNow.Add(-time.Hour).Unix()
		signed := sign(t, "RS256", k.rsa, c, map[string]any{"kid": "k1"})
		payload := strings.Split(signed, ".")[1]
		return b64(` {"alg":"RS256","kid":"k1"}`) + "." + payload + "." + b64("junk signature")
	}()
	noIss := claimsAt()
	delete(noIss, "iss")
	tokens := map[string]string{
		"opaque, 40 letters":  strings.Repeat("abcdefghij", 4),
		"JWE":                 rfc7516A3,
		"malformed":           b64(`{"alg":"RS256"}`) + ".eyJzdWIiO+IxMjM0NTY3ODkwIn0.c2ln",
		"header with a space": spaced,
		"unknown alg":         unsigned(`{"alg":"XS256","kid":"k1"}`, `{"iss":"`+srv.URL+`/","aud":"x"}`),
		"no iss":              sign(t, "RS256", k.rsa, noIss, map[string]any{"kid": "k1"}),
	}
	options := map[string]VerifyOptions{
		"discover": {Discover: true},
		"jwks":     {JWKSURL: jwks},
		"pem":      {PEM: pemOf(t, &k.rsa.PublicKey)},
		"secret":   {Secret: k.hmac},
		"issuer":   {Issuer: "https://acme.us.auth0.com/"},
		"audience": {Audience: "rotui-demo"},
	}
	for tokName, tok := range tokens {
		for optName, o := range options {
			if tokName == "no iss" && optName != "discover" {
				continue // only discovery needs the iss; the other checks are made (TestVerifyClaims)
			}
			t.Run(tokName+"/"+optName, func(t *testing.T) {
				o.Now = testNow
				v := Verify(context.Background(), Decode(tok), o)
				if got := v.Verdict(); got == VerdictValid || got == VerdictUnverified {
					t.Errorf("verdict %s; checks %+v", got, v.Checks)
				}
				if v.OK() {
					t.Error("OK() is true")
				}
				if len(v.Requested) == 0 {
					t.Fatal("Requested is empty although a check was asked for")
				}
				for _, name := range v.Requested {
					c := v.Check(name)
					if c.Outcome != Failed || c.Reason == "" {
						t.Errorf("%s was asked for: %s (%q)", name, c.Outcome, c.Reason)
					}
				}
			})
		}
	}
}

// What cannot be made says so, in words a person can act on, and names the
// check; nothing asked of an opaque token or a JWE leaves it unverified
// without failure, as before.
func TestVerifyUnmadeChecksSayWhy(t *testing.T) {
	cases := []struct {
		tok      string
		o        VerifyOptions
		check    string
		reasonIn []string
	}{
		{"kZfGcD8lS0Z6hN0gQ1w2", VerifyOptions{Discover: true}, CheckSignature, []string{"could not be made", "an opaque token has no signature"}},
		{"kZfGcD8lS0Z6hN0gQ1w2", VerifyOptions{Issuer: "https://acme/"}, CheckIssuer, []string{"could not be made", "no claims"}},
		{"kZfGcD8lS0Z6hN0gQ1w2", VerifyOptions{Audience: "api"}, CheckAudience, []string{"could not be made", "no claims"}},
		{rfc7516A3, VerifyOptions{PEM: []byte("x")}, CheckSignature, []string{"could not be made", "encrypted"}},
		{rfc7516A3, VerifyOptions{Issuer: "https://acme/"}, CheckIssuer, []string{"could not be made", "private key"}},
		{"a.b.c.d", VerifyOptions{Audience: "api"}, CheckAudience, []string{"could not be made", "could not be decoded"}},
	}
	for _, tc := range cases {
		v := Verify(context.Background(), Decode(tc.tok), tc.o)
		c := v.Check(tc.check)
		for _, want := range tc.reasonIn {
			if c.Outcome != Failed || !c.Unmade || !strings.Contains(c.Reason, want) {
				t.Errorf("%.20s %s: %s unmade=%v %q lacks %q", tc.tok, tc.check, c.Outcome, c.Unmade, c.Reason, want)
			}
		}
		if v.Verdict() != VerdictUnverifiable {
			t.Errorf("%.20s: verdict %s, want unverifiable", tc.tok, v.Verdict())
		}
	}
	for _, tok := range []string{"kZfGcD8lS0Z6hN0gQ1w2", rfc7516A3} {
		v := Verify(context.Background(), Decode(tok), VerifyOptions{})
		if v.Failed() || v.Verdict() != VerdictUnverified || len(v.Requested) != 0 {
			t.Errorf("nothing asked of %.20s: %+v, verdict %s", tok, v.Checks, v.Verdict())
		}
	}
}

// The verdict is the one rule every surface follows: expiry and not-before
// always count; signature, issuer and audience failures count when any
// check was asked for; a check asked for and not made fails; keys that
// could not be fetched are a fault, not a pass.
func TestVerificationVerdict(t *testing.T) {
	k := getKeys(t)
	good := sign(t, "RS256", k.rsa, claimsAt(), map[string]any{"kid": "k1"})
	expired := claimsAt()
	expired["exp"] = testNow.Add(-time.Minute).Unix()
	none := sign(t, "none", jwt.UnsafeAllowNoneSignatureType, claimsAt(), nil)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	pem := pemOf(t, &k.rsa.PublicKey)
	cases := []struct {
		name string
		tok  string
		o    VerifyOptions
		want Verdict
	}{
		{"verified", good, VerifyOptions{PEM: pem}, VerdictValid},
		{"decoded only", good, VerifyOptions{}, VerdictUnverified},
		{"expired, decoded only", sign(t, "RS256", k.rsa, expired, nil), VerifyOptions{}, VerdictInvalid},
		{"alg none, decoded only", none, VerifyOptions{}, VerdictUnverified},
		{"alg none, verified", none, VerifyOptions{PEM: pem}, VerdictInvalid},
		{"wrong audience, no key", good, VerifyOptions{Audience: "other"}, VerdictInvalid},
		{"right audience, no key", good, VerifyOptions{Audience: "rotui-demo"}, VerdictUnverified},
		{"keys not fetched", good, VerifyOptions{JWKSURL: deadURL + "/jwks.json"}, VerdictKeysUnavailable},
		{"keys not fetched, expired", sign(t, "RS256", k.rsa, expired, map[string]any{"kid": "k1"}), VerifyOptions{JWKSURL: deadURL + "/jwks.json"}, VerdictInvalid},
		{"opaque, verified", "kZfGcD8lS0Z6hN0gQ1w2", VerifyOptions{PEM: pem}, VerdictUnverifiable},
	}
	for _, tc := range cases {
		tc.o.Now = testNow
		v := Verify(context.Background(), Decode(tc.tok), tc.o)
		if got := v.Verdict(); got != tc.want {
			t.Errorf("%s: verdict %s, want %s (%+v)", tc.name, got, tc.want, v.Checks)
		}
	}
	for verdict, word := range map[Verdict]string{VerdictValid: "valid", VerdictInvalid: "invalid", VerdictUnverified: "unverified",
		VerdictUnverifiable: "unverifiable", VerdictKeysUnavailable: "keys_unavailable"} {
		if b, _ := verdict.MarshalText(); string(b) != word {
			t.Errorf("%d marshals as %s, want %s", verdict, b, word)
		}
	}
}
