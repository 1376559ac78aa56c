package jwtview

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"
)

func hmacSHA256(msg string, key []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

func verifyOpts(pub any) VerifyOptions {
	o := VerifyOptions{Now: testNow}
	if b, ok := pub.([]byte); ok {
		o.Secret = b
	}
	return o
}

func TestVerifyEveryAlgorithm(t *testing.T) {
	k := getKeys(t)
	algs := []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
		"ES256", "ES384", "ES512", "EdDSA", "HS256", "HS384", "HS512"}
	for _, alg := range algs {
		t.Run(alg, func(t *testing.T) {
			priv, pub := k.signerFor(alg)
			tok := sign(t, alg, priv, claimsAt(), nil)
			o := verifyOpts(pub)
			if o.Secret == nil {
				o.PEM = pemOf(t, pub)
			}
			o.Issuer, o.Audience = "https://acme.us.auth0.com/", "rotui-demo"
			v := Verify(context.Background(), Decode(tok), o)
			if !v.OK() {
				t.Fatalf("a good %s token did not verify: %+v", alg, v.Checks)
			}
			for _, c := range v.Checks {
				if c.Outcome != Passed && c.Name != CheckNotBefore {
					t.Errorf("check %s: %s (%s)", c.Name, c.Outcome, c.Reason)
				}
			}

			// Tampered claims: the payload of another token, same signature.
			other := sign(t, alg, priv, jwt.MapClaims{"sub": "auth0|mallory", "exp": testNow.Add(time.Hour).Unix()}, nil)
			parts := strings.Split(tok, ".")
			forged := parts[0] + "." + strings.Split(other, ".")[1] + "." + parts[2]
			if v := Verify(context.Background(), Decode(forged), o); v.Check(CheckSignature).Outcome != Failed {
				t.Errorf("a token with swapped claims verified: %+v", v.Check(CheckSignature))
			}
			// Tampered signature: one bit of its first byte.
			sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
			sig[0] ^= 1
			flipped := parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig)
			if v := Verify(context.Background(), Decode(flipped), o); v.Check(CheckSignature).Outcome != Failed {
				t.Errorf("a token with a changed signature verified: %+v", v.Check(CheckSignature))
			}
		})
	}
}

func TestVerifyNeverAcceptsAlgNone(t *testing.T) {
	k := getKeys(t)
	tok := sign(t, "none", jwt.UnsafeAllowNoneSignatureType, claimsAt(), nil)
	for name, o := range map[string]VerifyOptions{
		"secret": {Secret: k.hmac},
		"pem":    {PEM: pemOf(t, &k.rsa.PublicKey)},
		"no key": {},
	} {
		v := Verify(context.Background(), Decode(tok), o)
		sig := v.Check(CheckSignature)
		if sig.Outcome != Failed || !strings.Contains(sig.Reason, "none") || v.OK() {
			t.Errorf("%s: alg none gave %s (%s)", name, sig.Outcome, sig.Reason)
		}
	}
	// "None" and "NONE" are the same trick.
	for _, alg := range []string{"None", "NONE", "nOnE"} {
		hdr := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"` + alg + `"}`))
		tok := hdr + "." + strings.Split(tok, ".")[1] + "."
		if v := Verify(context.Background(), Decode(tok), VerifyOptions{Secret: k.hmac}); v.Check(CheckSignature).Outcome != Failed {
			t.Errorf("alg %s was not refused: %+v", alg, v.Checks)
		}
	}
}

func TestVerifyKeyTypeDecidesAlgorithm(t *testing.T) {
	k := getKeys(t)
	pubPEM := pemOf(t, &k.rsa.PublicKey)

	// The classic confusion: HS256 "signed" with the RSA public key's PEM
	// bytes; a verifier that lets the token choose would accept it.
	forged := sign(t, "HS256", pubPEM, claimsAt(), nil)
	v := Verify(context.Background(), Decode(forged), VerifyOptions{PEM: pubPEM, Now: testNow})
	sig := v.Check(CheckSignature)
	// Refused for the key's type, before any maths (golang-jwt would also
	// refuse an RSA key for HMAC, but rotui must not lean on that).
	if sig.Outcome != Failed || !strings.Contains(sig.Reason, "RSA public key") || !strings.Contains(sig.Reason, "never chooses its key type") {
		t.Fatalf("HS256 token against an RSA key: %s (%s)", sig.Outcome, sig.Reason)
	}

	// And the other way: an RS256 token against an HMAC secret.
	rs := sign(t, "RS256", k.rsa, claimsAt(), nil)
	v = Verify(context.Background(), Decode(rs), VerifyOptions{Secret: pubPEM, Now: testNow})
	if sig := v.Check(CheckSignature); sig.Outcome != Failed || !strings.Contains(sig.Reason, "HMAC secret") {
		t.Fatalf("RS256 token against a secret: %s (%s)", sig.Outcome, sig.Reason)
	}

	// An empty secret verifies nothing, not even a token signed with one.
	empty := b64(`{"alg":"HS256"}`) + "." + b64(`{"sub":"x"}`)
	v = Verify(context.Background(), Decode(empty+"."+b64(string(hmacSHA256(empty, nil)))), VerifyOptions{Secret: []byte{}, Now: testNow})
	if sig := v.Check(CheckSignature); sig.Outcome != Failed || !strings.Contains(sig.Reason, "empty") {
		t.Fatalf("empty secret: %+v", sig)
	}

	// An ES256 token against a P-384 key is refused before any maths.
	es := sign(t, "ES256", k.p256, claimsAt(), nil)
	v = Verify(context.Background(), Decode(es), VerifyOptions{PEM: pemOf(t, &k.p384.PublicKey), Now: testNow})
	if sig := v.Check(CheckSignature); sig.Outcome != Failed || !strings.Contains(sig.Reason, "P-384") {
		t.Fatalf("ES256 token against a P-384 key: %s (%s)", sig.Outcome, sig.Reason)
	}

	// Signed with another RSA key.
	other := sign(t, "RS256", k.rsa2, claimsAt(), nil)
	v = Verify(context.Background(), Decode(other), VerifyOptions{PEM: pubPEM, Now: testNow})
	if v.Check(CheckSignature).Outcome != Failed {
		t.Fatalf("a token of another key verified")
	}
}

func TestVerifyClaims(t *testing.T) {
	k := getKeys(t)
	mk := func(edit func(jwt.MapClaims)) string {
		c := claimsAt()
		edit(c)
		return sign(t, "HS256", k.hmac, c, nil)
	}
	cases := []struct {
		name       string
		token      string
		iss, aud   string
		failed     string // the check that must fail, "" for none
		reasonHas  string
		passedTime bool
	}{
		{name: "all good", token: mk(func(jwt.MapClaims) {}), iss: "https://acme.us.auth0.com/", aud: "rotui-demo"},
		{name: "expired", token: mk(func(c jwt.MapClaims) { c["exp"] = testNow.Add(-3 * time.Minute).Unix() }),
			failed: CheckExpiry, reasonHas: "3m0s ago"},
		{name: "expires exactly now", token: mk(func(c jwt.MapClaims) { c["exp"] = testNow.Unix() }), failed: CheckExpiry},
		{name: "not yet valid", token: mk(func(c jwt.MapClaims) { c["nbf"] = testNow.Add(5 * time.Minute).Unix() }),
			failed: CheckNotBefore, reasonHas: "in 5m0s"},
		{name: "issued in the future", token: mk(func(c jwt.MapClaims) { c["iat"] = testNow.Add(2 * time.Minute).Unix() }),
			failed: "", reasonHas: ""},
		{name: "wrong issuer", token: mk(func(jwt.MapClaims) {}), iss: "https://evil.example/", failed: CheckIssuer,
			reasonHas: "https://evil.example/ was expected"},
		{name: "issuer without the slash", token: mk(func(jwt.MapClaims) {}), iss: "https://acme.us.auth0.com",
			failed: CheckIssuer, reasonHas: "trailing slash"},
		{name: "no iss", token: mk(func(c jwt.MapClaims) { delete(c, "iss") }), iss: "https://acme.us.auth0.com/", failed: CheckIssuer},
		{name: "wrong audience", token: mk(func(jwt.MapClaims) {}), aud: "another-client", failed: CheckAudience,
			reasonHas: "another-client"},
		{name: "audience in a list", token: mk(func(c jwt.MapClaims) { c["aud"] = []string{"https://api", "rotui-demo"} }), aud: "rotui-demo"},
		{name: "audience not in a list", token: mk(func(c jwt.MapClaims) { c["aud"] = []string{"https://api", "x"} }), aud: "rotui-demo",
			failed: CheckAudience},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := Verify(context.Background(), Decode(tc.token), VerifyOptions{Secret: k.hmac, Issuer: tc.iss, Audience: tc.aud, Now: testNow})
			if v.Check(CheckSignature).Outcome != Passed {
				t.Fatalf("signature: %+v", v.Check(CheckSignature))
			}
			for _, c := range v.Checks {
				if c.Name == tc.failed {
					if c.Outcome != Failed || !strings.Contains(c.Reason, tc.reasonHas) {
						t.Errorf("%s: got %s (%s), want failed mentioning %q", c.Name, c.Outcome, c.Reason, tc.reasonHas)
					}
				} else if c.Outcome == Failed {
					t.Errorf("%s failed unexpectedly: %s", c.Name, c.Reason)
				}
			}
			if tc.name == "issued in the future" && !strings.Contains(v.Check(CheckExpiry).Reason, "iat is 2m0s in the future") {
				t.Errorf("a clock behind the issuer's: %s", v.Check(CheckExpiry).Reason)
			}
			if v.OK() != (tc.failed == "") {
				t.Errorf("OK() = %v", v.OK())
			}
			if (tc.iss == "") != (v.Check(CheckIssuer).Outcome == NotChecked) {
				t.Errorf("issuer check: %+v", v.Check(CheckIssuer))
			}
		})
	}
}

// The examples of RFC 7515 appendix A.1 (HS256, the same token as RFC 7519
// section 3.1) and A.2 (RS256), with their keys.
const (
	rfc7515A1 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." +
		"eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ." +
		"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	rfc7515A1Key = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
	rfc7515A2    = "eyJhbGciOiJSUzI1NiJ9." +
		"eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ." +
		"cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw"
	rfc7515A2N = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"
)

func TestVerifyRFC7515Examples(t *testing.T) {
	// A.1: HS256 with the JWK's k, given base64url-encoded as an old Auth0
	// client secret would be.
	v := Verify(context.Background(), Decode(rfc7515A1), VerifyOptions{Secret: []byte(rfc7515A1Key), SecretBase64: true, Now: testNow})
	if sig := v.Check(CheckSignature); sig.Outcome != Passed {
		t.Fatalf("RFC 7515 A.1: %+v", sig)
	}
	if exp := v.Check(CheckExpiry); exp.Outcome != Failed || !strings.Contains(exp.Reason, "2011-03-22T18:43:00Z") {
		t.Errorf("RFC 7515 A.1 expiry: %+v", exp)
	}
	// The same secret used as typed is another key.
	v = Verify(context.Background(), Decode(rfc7515A1), VerifyOptions{Secret: []byte(rfc7515A1Key), Now: testNow})
	if v.Check(CheckSignature).Outcome != Failed {
		t.Fatal("the base64 text of the key verified as a raw secret")
	}

	// A.2: RS256; its JWK has no kid, and neither has the token, so every
	// key of the JWKS is tried.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"keys":[{"kty":"RSA","n":%q,"e":"AQAB"}]}`, rfc7515A2N)
	}))
	defer srv.Close()
	v = Verify(context.Background(), Decode(rfc7515A2), VerifyOptions{JWKSURL: srv.URL, Now: testNow})
	if sig := v.Check(CheckSignature); sig.Outcome != Passed {
		t.Fatalf("RFC 7515 A.2: %+v %v", sig, v.FetchError)
	}
}

// jwksServer serves a JWKS that a test can rotate, and counts fetches.
type jwksServer struct {
	*httptest.Server
	mu      sync.Mutex
	keys    map[string]any // kid -> public key
	fetches atomic.Int32
}

func newJWKSServer(t testing.TB, keys map[string]any) *jwksServer {
	s := &jwksServer{keys: keys}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		s.fetches.Add(1)
		s.mu.Lock()
		defer s.mu.Unlock()
		var set jwkset.JWKSMarshal
		for kid, key := range s.keys {
			jwk, err := jwkset.NewJWKFromKey(key, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{KID: kid}})
			if err != nil {
				t.Errorf("JWK of %s: %v", kid, err)
				return
			}
			set.Keys = append(set.Keys, jwk.Marshal())
		}
		_ = json.NewEncoder(w).Encode(set)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// newJWKSServerB serves keys for a benchmark and returns the JWKS URL.
func newJWKSServerB(b *testing.B, keys map[string]any) string {
	return newJWKSServer(b, keys).URL + "/.well-known/jwks.json"
}

func (s *jwksServer) rotate(keys map[string]any) {
	s.mu.Lock()
	s.keys = keys
	s.mu.Unlock()
}

func TestVerifyJWKSKeyRotation(t *testing.T) {
	k := getKeys(t)
	srv := newJWKSServer(t, map[string]any{"key-1": &k.rsa.PublicKey})
	cache := NewKeyCache(nil)
	url := srv.URL + "/.well-known/jwks.json"
	check := func(priv any, kid string) Check {
		t.Helper()
		tok := sign(t, "RS256", priv, claimsAt(), map[string]any{"kid": kid})
		v := Verify(context.Background(), Decode(tok), VerifyOptions{JWKSURL: url, Keys: cache, Now: testNow})
		if v.FetchError != nil {
			t.Fatalf("fetch: %v", v.FetchError)
		}
		if c := v.Check(CheckSignature); c.Outcome == Passed && v.KeyID != kid {
			t.Errorf("KeyID = %q, want %q", v.KeyID, kid)
		}
		return v.Check(CheckSignature)
	}

	if c := check(k.rsa, "key-1"); c.Outcome != Passed || !strings.Contains(c.Reason, "key-1") {
		t.Fatalf("key-1: %+v", c)
	}
	check(k.rsa, "key-1")
	if n := srv.fetches.Load(); n != 1 {
		t.Fatalf("the cache fetched the JWKS %d times for two tokens", n)
	}

	// The tenant rotates its key: the unknown kid makes rotui fetch once more.
	srv.rotate(map[string]any{"key-2": &k.rsa2.PublicKey})
	if c := check(k.rsa2, "key-2"); c.Outcome != Passed {
		t.Fatalf("key-2 after rotation: %+v", c)
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Fatalf("rotation: %d fetches, want 2", n)
	}

	// A kid nobody has: no further fetch within RefetchInterval, a failed check.
	if c := check(k.rsa2, "made-up"); c.Outcome != Failed || !strings.Contains(c.Reason, "made-up") {
		t.Fatalf("unknown kid: %+v", c)
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Fatalf("an unknown kid made %d fetches, want still 2 (rate-limited)", n)
	}
	// The retired key-1 no longer verifies.
	if c := check(k.rsa, "key-1"); c.Outcome != Failed {
		t.Fatalf("retired key-1: %+v", c)
	}
}

// Discovery asked for on a token with no iss fails the signature check: it
// must not read as "not checked" (exit 0 from decode --verify).
func TestVerifyDiscoveryWithoutIssFails(t *testing.T) {
	k := getKeys(t)
	c := claimsAt()
	delete(c, "iss")
	v := Verify(context.Background(), Decode(sign(t, "RS256", k.rsa, c, map[string]any{"kid": "k1"})), VerifyOptions{Discover: true, Now: testNow})
	if sig := v.Check(CheckSignature); sig.Outcome != Failed || !strings.Contains(sig.Reason, "no iss") || v.FetchError != nil || v.OK() {
		t.Fatalf("%+v, fetch error %v", sig, v.FetchError)
	}
}

func TestVerifyDiscovery(t *testing.T) {
	k := getKeys(t)
	var docIssuer string // "" serves no discovery document
	var jwksFetches atomic.Int32
	mux := http.NewServeMux()
	var base string
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		if docIssuer == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `{"issuer":%q,"jwks_uri":%q}`, docIssuer, base+"/keys")
	})
	serveKeys := func(w http.ResponseWriter, r *http.Request) {
		jwksFetches.Add(1)
		jwk, _ := jwkset.NewJWKFromKey(&k.rsa.PublicKey, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{KID: "k1"}})
		_ = json.NewEncoder(w).Encode(jwkset.JWKSMarshal{Keys: []jwkset.JWKMarshal{jwk.Marshal()}})
	}
	mux.HandleFunc("/keys", serveKeys)
	mux.HandleFunc("/.well-known/jwks.json", serveKeys)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL
	iss := srv.URL + "/"
	claims := claimsAt()
	claims["iss"] = iss
	tok := Decode(sign(t, "RS256", k.rsa, claims, map[string]any{"kid": "k1"}))

	docIssuer = iss
	v := Verify(context.Background(), tok, VerifyOptions{Discover: true, Issuer: iss, Now: testNow})
	if !v.OK() || v.KeySource != base+"/keys" {
		t.Fatalf("discovery: %+v source %q err %v", v.Checks, v.KeySource, v.FetchError)
	}

	// A document naming another issuer is a failed issuer check, even
	// though the signature verifies with its keys.
	docIssuer = "https://someone-else.example/"
	v = Verify(context.Background(), tok, VerifyOptions{Discover: true, Now: testNow})
	if c := v.Check(CheckIssuer); c.Outcome != Failed || !strings.Contains(c.Reason, "someone-else") {
		t.Fatalf("mismatched discovery issuer: %+v", c)
	}

	// No document: the well-known JWKS path.
	docIssuer = ""
	v = Verify(context.Background(), tok, VerifyOptions{Discover: true, Now: testNow})
	if c := v.Check(CheckSignature); c.Outcome != Passed || v.KeySource != base+"/.well-known/jwks.json" {
		t.Fatalf("fallback: %+v from %q", c, v.KeySource)
	}
	if !strings.Contains(v.Check(CheckSignature).Reason, "token's own iss") {
		t.Errorf("discovery without an expected issuer should say what the signature proves: %s", v.Check(CheckSignature).Reason)
	}
}

func TestVerifyFetchFaults(t *testing.T) {
	k := getKeys(t)
	tok := Decode(sign(t, "RS256", k.rsa, claimsAt(), map[string]any{"kid": "k1"}))

	// A closed port: keys could not be fetched, the signature is not checked.
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	v := Verify(context.Background(), tok, VerifyOptions{JWKSURL: deadURL + "/jwks.json", Now: testNow})
	if v.FetchError == nil || v.Check(CheckSignature).Outcome != NotChecked {
		t.Fatalf("dead server: %+v %v", v.Checks, v.FetchError)
	}

	// Plain http to a host that is not loopback is refused without a request.
	for _, o := range []VerifyOptions{
		{JWKSURL: "http://keys.example.com/jwks.json"},
		{Discover: true}, // the token's iss is https; see below
	} {
		if o.Discover {
			c := claimsAt()
			c["iss"] = "http://acme.example.com/"
			tok = Decode(sign(t, "RS256", k.rsa, c, nil))
		}
		v := Verify(context.Background(), tok, o)
		if v.FetchError == nil || !strings.Contains(v.FetchError.Error(), "https only") {
			t.Errorf("%+v: %v", o, v.FetchError)
		}
	}

	// An endless answer is cut at MaxKeyBody.
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"keys":[{"kty":"oct","k":"`))
		chunk := []byte(strings.Repeat("A", 64<<10))
		for i := 0; i < 40; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer big.Close()
	v = Verify(context.Background(), tok, VerifyOptions{JWKSURL: big.URL, Now: testNow})
	if v.FetchError == nil || !strings.Contains(v.FetchError.Error(), "larger than 1.0 MiB") {
		t.Fatalf("huge JWKS: %v", v.FetchError)
	}

	// A server that does not answer in time.
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	v = Verify(context.Background(), tok, VerifyOptions{JWKSURL: slow.URL, HTTPClient: &http.Client{Timeout: 100 * time.Millisecond}, Now: testNow})
	if v.FetchError == nil {
		t.Fatalf("slow server: no fetch error: %+v", v.Checks)
	}
}

// A token that is not a JWS has no signature: not checked when nothing was
// asked of it, failed (unmade) when a key was given for it.
func TestVerifyNonJWS(t *testing.T) {
	for _, s := range []string{"kZfGcD8lS0Z6hN0g", "not a token", rfc7516A2} {
		v := Verify(context.Background(), Decode(s), VerifyOptions{})
		if v.OK() || v.Failed() || v.Check(CheckSignature).Outcome != NotChecked {
			t.Errorf("%q, nothing asked: %+v", s, v.Checks)
		}
		v = Verify(context.Background(), Decode(s), VerifyOptions{Secret: []byte("x")})
		if sig := v.Check(CheckSignature); v.OK() || sig.Outcome != Failed || !sig.Unmade {
			t.Errorf("%q, a secret given: %+v", s, v.Checks)
		}
	}
}

func TestVerifyHSTokenAgainstJWKSFetchesNothing(t *testing.T) {
	k := getKeys(t)
	srv := newJWKSServer(t, map[string]any{"k1": &k.rsa.PublicKey})
	tok := Decode(sign(t, "HS256", k.hmac, claimsAt(), nil))
	v := Verify(context.Background(), tok, VerifyOptions{JWKSURL: srv.URL + "/.well-known/jwks.json", Now: testNow})
	if c := v.Check(CheckSignature); c.Outcome != Failed || !strings.Contains(c.Reason, "client secret") {
		t.Fatalf("%+v", c)
	}
	if n := srv.fetches.Load(); n != 0 {
		t.Errorf("fetched the JWKS %d times for an HS256 token", n)
	}
}

func TestKeyCacheSharedAcrossConcurrentCalls(t *testing.T) {
	k := getKeys(t)
	srv := newJWKSServer(t, map[string]any{"k1": &k.rsa.PublicKey})
	cache := NewKeyCache(nil)
	tok := Decode(sign(t, "RS256", k.rsa, claimsAt(), map[string]any{"kid": "k1"}))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := Verify(context.Background(), tok, VerifyOptions{JWKSURL: srv.URL + "/.well-known/jwks.json", Keys: cache, Now: testNow})
			if !v.OK() {
				t.Errorf("%+v %v", v.Checks, v.FetchError)
			}
		}()
	}
	wg.Wait()
	if n := srv.fetches.Load(); n != 1 {
		t.Errorf("8 concurrent verifications fetched the JWKS %d times, want 1", n)
	}
}

func TestVerifyCancelled(t *testing.T) {
	k := getKeys(t)
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-hang:
		}
	}))
	defer srv.Close()
	defer close(hang)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start := time.Now()
	v := Verify(ctx, Decode(sign(t, "RS256", k.rsa, claimsAt(), map[string]any{"kid": "k1"})), VerifyOptions{JWKSURL: srv.URL, Now: testNow})
	if v.FetchError == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("a cancelled verification: %v after %s", v.FetchError, time.Since(start))
	}
}

func TestVerifyOverTLSAndRedirects(t *testing.T) {
	k := getKeys(t)
	jwk, _ := jwkset.NewJWKFromKey(&k.p256.PublicKey, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{KID: "ec"}})
	body, _ := json.Marshal(jwkset.JWKSMarshal{Keys: []jwkset.JWKMarshal{jwk.Marshal()}})
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/keys":
			w.Write(body)
		case "/to-http":
			// A redirect off https to a host that is not loopback.
			http.Redirect(w, r, "http://keys.example.com/keys", http.StatusFound)
		default:
			http.Redirect(w, r, "/keys", http.StatusFound)
		}
	}))
	defer srv.Close()
	tok := Decode(sign(t, "ES256", k.p256, claimsAt(), map[string]any{"kid": "ec"}))
	cache := NewKeyCache(srv.Client())
	for _, path := range []string{"/keys", "/moved"} {
		v := Verify(context.Background(), tok, VerifyOptions{JWKSURL: srv.URL + path, Keys: cache, Now: testNow})
		if !v.OK() {
			t.Errorf("%s: %+v %v", path, v.Checks, v.FetchError)
		}
	}
	v := Verify(context.Background(), tok, VerifyOptions{JWKSURL: srv.URL + "/to-http", Keys: cache, Now: testNow})
	if v.FetchError == nil || !strings.Contains(v.FetchError.Error(), "https only") {
		t.Errorf("redirect to plain http: %v", v.FetchError)
	}
}

// FuzzVerify: whatever the token and the secret, Verify does not panic and
// a token it passes really is signed with that secret.
func FuzzVerify(f *testing.F) {
	f.Add(rfc7515A1, []byte("secret"), false)
	f.Add(rfc7515A2, []byte(rfc7515A1Key), true)
	f.Add(unsigned(`{"alg":"ES256"}`, `{}`), []byte("x"), false)
	f.Add(unsigned(`{"alg":"none"}`, `{}`), []byte{}, false)
	f.Fuzz(func(t *testing.T, tok string, secret []byte, b64 bool) {
		d := Decode(tok)
		v := Verify(context.Background(), d, VerifyOptions{Secret: secret, SecretBase64: b64, Now: testNow})
		if v.Check(CheckSignature).Outcome == Passed {
			key := secret
			if b64 {
				key, _ = DecodeSecret(secret)
			}
			if err := jwt.GetSigningMethod(d.Alg()).Verify(d.Parts[0]+"."+d.Parts[1], d.Signature, key); err != nil || len(key) == 0 {
				t.Fatalf("passed a signature that does not verify: %v", err)
			}
		}
	})
}

func TestParsePublicKeyPEM(t *testing.T) {
	k := getKeys(t)
	certDER, err := x509.CreateCertificate(rand.Reader, &x509.Certificate{SerialNumber: big.NewInt(1), NotAfter: testNow.Add(time.Hour)},
		&x509.Certificate{SerialNumber: big.NewInt(1)}, &k.rsa.PublicKey, k.rsa)
	if err != nil {
		t.Fatal(err)
	}
	privDER, _ := x509.MarshalPKCS8PrivateKey(k.rsa)
	for name, tc := range map[string]struct {
		pem     []byte
		wantErr string
	}{
		"PKIX":        {pemOf(t, &k.rsa.PublicKey), ""},
		"PKCS #1":     {pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&k.rsa.PublicKey)}), ""},
		"certificate": {pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER}), ""},
		"private key": {pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}), "give the public key"},
		"not PEM":     {[]byte("ssh-rsa AAAA…"), "no PEM block"},
		"broken":      {pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte("nope")}), "cannot be read"},
	} {
		key, err := ParsePublicKeyPEM(tc.pem)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case tc.wantErr == "":
			if pub, ok := key.(*rsa.PublicKey); !ok || !pub.Equal(&k.rsa.PublicKey) {
				t.Errorf("%s: got %T", name, key)
			}
		case err == nil || !strings.Contains(err.Error(), tc.wantErr):
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.wantErr)
		}
	}
}

func TestZeroKeyCacheWorks(t *testing.T) {
	k := getKeys(t)
	srv := newJWKSServer(t, map[string]any{"k1": &k.rsa.PublicKey})
	tok := Decode(sign(t, "RS256", k.rsa, claimsAt(), map[string]any{"kid": "k1"}))
	v := Verify(context.Background(), tok, VerifyOptions{JWKSURL: srv.URL + "/.well-known/jwks.json", Keys: &KeyCache{}, Now: testNow})
	if !v.OK() {
		t.Fatalf("%+v %v", v.Checks, v.FetchError)
	}
}

func TestHandMadeTokensDoNotPanic(t *testing.T) {
	for _, tok := range []*Token{
		nil,
		{},
		{Kind: KindJWS, Header: []Field{{Name: "alg", Value: "HS256"}}, Signature: []byte("x")},
		{Kind: KindJWE},
		{Kind: KindOpaque},
	} {
		v := Verify(context.Background(), tok, VerifyOptions{Secret: []byte("s")})
		if v.OK() {
			t.Errorf("%+v verified", tok)
		}
		if tok != nil {
			_ = tok.Describe()
			_ = tok.Lifetime().At(testNow).String()
		}
	}
}

// Keys that cannot be fetched because nothing answers say so in words,
// with the URL: "could not reach … (offline?)", not a dial error.
func TestUnreachableKeysSaySo(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String() + "/.well-known/jwks.json"
	l.Close()
	priv, _ := getKeys(t).signerFor("RS256")
	tok := Decode(sign(t, "RS256", priv, jwt.MapClaims{"sub": "a", "exp": time.Now().Add(time.Hour).Unix()}, nil))
	v := Verify(t.Context(), tok, VerifyOptions{JWKSURL: url, Now: time.Now()})
	if v.FetchError == nil {
		t.Fatal("no fetch error from a closed port")
	}
	msg := v.FetchError.Error()
	if !strings.Contains(msg, "could not reach "+url+" (offline?)") || strings.Contains(msg, "dial tcp") {
		t.Errorf("the fetch error reads %q", msg)
	}
}
