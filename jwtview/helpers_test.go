package jwtview

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// testKeys are made once per test binary: RSA key generation is slow under -race.
type testKeys struct {
	rsa, rsa2        *rsa.PrivateKey
	p256, p384, p521 *ecdsa.PrivateKey
	ed               ed25519.PrivateKey
	hmac             []byte
}

var (
	keysOnce sync.Once
	keys     testKeys
)

func getKeys(t testing.TB) *testKeys {
	t.Helper()
	keysOnce.Do(func() {
		must := func(err error) {
			if err != nil {
				panic(err)
			}
		}
		var err error
		keys.rsa, err = rsa.GenerateKey(rand.Reader, 2048)
		must(err)
		keys.rsa2, err = rsa.GenerateKey(rand.Reader, 2048)
		must(err)
		keys.p256, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		must(err)
		keys.p384, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		must(err)
		keys.p521, err = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
		must(err)
		_, keys.ed, err = ed25519.GenerateKey(rand.Reader)
		must(err)
		keys.hmac = []byte("a client secret of 32 bytes, ok!")
	})
	return &keys
}

// signerFor returns the private key (or secret) that signs alg, and the
// public key that verifies it.
func (k *testKeys) signerFor(alg string) (priv, pub any) {
	switch alg[:2] {
	case "RS", "PS":
		return k.rsa, &k.rsa.PublicKey
	case "HS":
		return k.hmac, k.hmac
	case "Ed":
		return k.ed, k.ed.Public()
	}
	switch alg {
	case "ES256":
		return k.p256, &k.p256.PublicKey
	case "ES384":
		return k.p384, &k.p384.PublicKey
	}
	return k.p521, &k.p521.PublicKey
}

func pemOf(t testing.TB, pub crypto.PublicKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// sign makes a token; header entries are added to alg and typ.
func sign(t testing.TB, alg string, key any, claims jwt.MapClaims, header map[string]any) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.GetSigningMethod(alg), claims)
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("signing %s: %v", alg, err)
	}
	return s
}

// testNow is the fixed moment the tests look at tokens from.
var testNow = time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)

// claimsAt returns ordinary claims of a token issued 10 minutes before
// testNow and valid for an hour.
func claimsAt() jwt.MapClaims {
	return jwt.MapClaims{
		"iss": "https://acme.us.auth0.com/",
		"sub": "auth0|alice",
		"aud": "rotui-demo",
		"iat": testNow.Add(-10 * time.Minute).Unix(),
		"exp": testNow.Add(50 * time.Minute).Unix(),
	}
}
