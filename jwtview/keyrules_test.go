package jwtview

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/MicahParks/jwkset"
)

// serveJWKS serves these JWKs as a JWKS and returns its URL.
func serveJWKS(t testing.TB, keys ...jwkset.JWKMarshal) string {
	t.Helper()
	body, err := json.Marshal(jwkset.JWKSMarshal{Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	t.Cleanup(srv.Close)
	return srv.URL + "/jwks.json"
}

// jwkOf is the public JWK of key with the given metadata.
func jwkOf(t testing.TB, key any, meta jwkset.JWKMetadataOptions) jwkset.JWKMarshal {
	t.Helper()
	jwk, err := jwkset.NewJWKFromKey(key, jwkset.JWKOptions{Metadata: meta})
	if err != nil {
		t.Fatal(err)
	}
	return jwk.Marshal()
}

// RFC 7515 §4.1.11: a crit header naming an extension the recipient does
// not understand makes the JWS invalid. rotui implements none (b64, RFC
// 7797's unencoded payload, included), so a token that depends on one never
// verifies, whatever the key.
func TestVerifyRefusesCriticalExtensions(t *testing.T) {
	k := getKeys(t)
	pem := pemOf(t, &k.rsa.PublicKey)
	cases := []struct {
		name   string
		header map[string]any
		reason string // in the signature's reason; "" for a pass
	}{
		{"no crit", nil, ""},
		{"b64 true, the default", map[string]any{"b64": true}, ""},
		{"crit names an unknown extension", map[string]any{"crit": []string{"http://example.com/must-understand"}, "http://example.com/must-understand": 1}, "must-understand"},
		{"crit names b64", map[string]any{"crit": []string{"b64"}, "b64": false}, "b64"},
		{"b64 false without crit", map[string]any{"b64": false}, "b64"},
		{"crit names exp", map[string]any{"crit": []string{"exp"}, "exp": 1}, "exp"},
		{"crit is empty", map[string]any{"crit": []string{}}, "crit"},
		{"crit is not a list", map[string]any{"crit": "b64"}, "crit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok := sign(t, "RS256", k.rsa, claimsAt(), tc.header)
			v := Verify(context.Background(), Decode(tok), VerifyOptions{PEM: pem, Now: testNow})
			sig := v.Check(CheckSignature)
			if tc.reason == "" {
				if sig.Outcome != Passed {
					t.Fatalf("%+v", sig)
				}
				return
			}
			if sig.Outcome != Failed || !strings.Contains(sig.Reason, tc.reason) || !strings.Contains(sig.Reason, "RFC 7") || v.Verdict() != VerdictInvalid {
				t.Errorf("%s (%s), verdict %s", sig.Outcome, sig.Reason, v.Verdict())
			}
		})
	}
}

// A JWK says what it is for (use, key_ops, alg; RFC 7517 §4.2–4.4): a key
// for encryption never verifies a signature, and a key for another alg is
// never used, whether or not the token names a kid.
func TestVerifyJWKUseAndAlgDecide(t *testing.T) {
	k := getKeys(t)
	pub := &k.rsa.PublicKey
	cases := []struct {
		name   string
		jwk    jwkset.JWKMetadataOptions
		reason string // in the failed signature's reason; "" for a pass
	}{
		{"no use, no alg", jwkset.JWKMetadataOptions{}, ""},
		{"use sig, alg RS256", jwkset.JWKMetadataOptions{USE: jwkset.UseSig, ALG: jwkset.AlgRS256}, ""},
		{"key_ops verify", jwkset.JWKMetadataOptions{KEYOPS: []jwkset.KEYOPS{jwkset.KeyOpsVerify}}, ""},
		{"use enc", jwkset.JWKMetadataOptions{USE: jwkset.UseEnc}, "enc"},
		{"key_ops encrypt only", jwkset.JWKMetadataOptions{KEYOPS: []jwkset.KEYOPS{jwkset.KeyOpsEncrypt}}, "key_ops"},
		{"alg RS512 for an RS256 token", jwkset.JWKMetadataOptions{ALG: jwkset.AlgRS512}, "RS512"},
		{"alg RSA-OAEP (encryption)", jwkset.JWKMetadataOptions{ALG: jwkset.AlgRSAOAEP}, "RSA-OAEP"},
	}
	for _, tc := range cases {
		for _, kid := range []string{"k1", ""} {
			name := tc.name + ", token with kid"
			if kid == "" {
				name = tc.name + ", token without kid"
			}
			t.Run(name, func(t *testing.T) {
				meta := tc.jwk
				meta.KID = "k1"
				url := serveJWKS(t, jwkOf(t, pub, meta))
				hdr := map[string]any{}
				if kid != "" {
					hdr["kid"] = kid
				}
				tok := sign(t, "RS256", k.rsa, claimsAt(), hdr)
				v := Verify(context.Background(), Decode(tok), VerifyOptions{JWKSURL: url, Now: testNow})
				sig := v.Check(CheckSignature)
				if tc.reason == "" {
					if sig.Outcome != Passed {
						t.Fatalf("%+v %v", sig, v.FetchError)
					}
					return
				}
				if sig.Outcome != Failed || !strings.Contains(sig.Reason, tc.reason) {
					t.Errorf("%s (%s)", sig.Outcome, sig.Reason)
				}
			})
		}
	}
	// Without a kid, a key that may not be used is passed over and one that
	// may is still found.
	url := serveJWKS(t,
		jwkOf(t, pub, jwkset.JWKMetadataOptions{KID: "enc", USE: jwkset.UseEnc}),
		jwkOf(t, pub, jwkset.JWKMetadataOptions{KID: "sig", USE: jwkset.UseSig}))
	v := Verify(context.Background(), Decode(sign(t, "RS256", k.rsa, claimsAt(), nil)), VerifyOptions{JWKSURL: url, Now: testNow})
	if sig := v.Check(CheckSignature); sig.Outcome != Passed {
		t.Errorf("a usable key beside an encryption key: %+v", sig)
	}
}
