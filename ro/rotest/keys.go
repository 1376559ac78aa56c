package rotest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1" // x5t is defined as the SHA-1 thumbprint (RFC 7517 §4.8)
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// signingKeys is the tenant's RSA key with what its JWKS publishes.
type signingKeys struct {
	rsa  *rsa.PrivateKey
	kid  string // RFC 7638 thumbprint of the public key
	cert []byte // self-signed certificate (DER) for x5c
	x5t  string
	jwks []byte // the JWKS document, rendered once
}

// newSigningKeys generates a 2048-bit RSA key, as Auth0's tenants have,
// with a self-signed certificate for the JWKS's x5c.
func newSigningKeys() (*signingKeys, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("generating the demo tenant's signing key: %w", err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	n := b64(key.N.Bytes())
	e := b64(big.NewInt(int64(key.E)).Bytes())
	// RFC 7638: the thumbprint of the required members in lexical order.
	thumb := sha256.Sum256([]byte(`{"e":"` + e + `","kty":"RSA","n":"` + n + `"}`))
	kid := b64(thumb[:])

	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: "rotui demo tenant"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("making the demo tenant's certificate: %w", err)
	}
	sum := sha1.Sum(der)
	x5t := b64(sum[:])

	doc := map[string]any{"keys": []map[string]any{{
		"alg": "RS256",
		"kty": "RSA",
		"use": "sig",
		"n":   n,
		"e":   e,
		"kid": kid,
		"x5t": x5t,
		// x5c is standard (not URL-safe) base64 of the DER (RFC 7517 §4.7).
		"x5c": []string{base64.StdEncoding.EncodeToString(der)},
	}}}
	jwks, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return &signingKeys{rsa: key, kid: kid, cert: der, x5t: x5t, jwks: jwks}, nil
}

// signRS256 makes a JWT signed with the tenant's key, with its kid.
func (k *signingKeys) signRS256(claims []claim) (string, error) {
	return signJWT(jwt.SigningMethodRS256, []claim{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", k.kid}}, claims, k.rsa)
}

// signHS256 makes a JWT with the legacy header {"typ":"JWT","alg":"HS256"},
// signed with the client secret's bytes as Auth0 did for clients made after
// December 2016 (older ones had base64-encoded secrets).
func signHS256(claims []claim, secret string) (string, error) {
	return signJWT(jwt.SigningMethodHS256, []claim{{"typ", "JWT"}, {"alg", "HS256"}}, claims, []byte(secret))
}

// signJWT renders header and claims in the order given (golang-jwt would
// sort them) and signs with golang-jwt's signing method.
func signJWT(m jwt.SigningMethod, header, claims []claim, key any) (string, error) {
	h, err := orderedJSON(header)
	if err != nil {
		return "", err
	}
	p, err := orderedJSON(claims)
	if err != nil {
		return "", err
	}
	b64 := base64.RawURLEncoding.EncodeToString
	signing := b64(h) + "." + b64(p)
	sig, err := m.Sign(signing, key)
	if err != nil {
		return "", fmt.Errorf("signing a demo token: %w", err)
	}
	return signing + "." + b64(sig), nil
}

// object is a JSON object nested in an answer, members in order.
type object []claim

// MarshalJSON renders the members in order.
func (o object) MarshalJSON() ([]byte, error) { return orderedJSON(o) }

// orderedJSON renders claims as one JSON object, members in order.
func orderedJSON(claims []claim) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// URLs such as the picture keep their & as Auth0 sends them.
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for i, c := range claims {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(c.name); err != nil {
			return nil, err
		}
		buf.Truncate(buf.Len() - 1) // Encode ends with a newline
		buf.WriteByte(':')
		if err := enc.Encode(c.value); err != nil {
			return nil, err
		}
		buf.Truncate(buf.Len() - 1)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func (t *Tenant) handleJWKS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=15")
	w.Write(t.keys.jwks)
}
