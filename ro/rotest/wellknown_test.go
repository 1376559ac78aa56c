package rotest

import (
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestDiscoveryDocument(t *testing.T) {
	s := start(t, Options{})
	a := call(t, nil, http.MethodGet, s.URL+"/.well-known/openid-configuration", "", "")
	if a.status != 200 {
		t.Fatalf("%d %s", a.status, a.raw)
	}
	want := map[string]string{
		"issuer":            s.URL + "/",
		"token_endpoint":    s.URL + "/oauth/token",
		"userinfo_endpoint": s.URL + "/userinfo",
		"jwks_uri":          s.URL + "/.well-known/jwks.json",
	}
	for k, v := range want {
		if a.str(k) != v {
			t.Errorf("%s = %q, want %q", k, a.str(k), v)
		}
	}
	for _, k := range []string{"authorization_endpoint", "revocation_endpoint", "scopes_supported", "response_types_supported",
		"subject_types_supported", "id_token_signing_alg_values_supported", "token_endpoint_auth_methods_supported", "claims_supported"} {
		if _, ok := a.json[k]; !ok {
			t.Errorf("discovery lacks %s", k)
		}
	}
	algs, _ := json.Marshal(a.json["id_token_signing_alg_values_supported"])
	if string(algs) != `["HS256","RS256"]` {
		t.Errorf("id_token_signing_alg_values_supported %s", algs)
	}
}

func TestJWKSPublishesTheSigningKeyWithItsCertificate(t *testing.T) {
	s := start(t, Options{})
	a := call(t, nil, http.MethodGet, s.URL+"/.well-known/jwks.json", "", "")
	var doc struct {
		Keys []struct {
			Alg, Kty, Use, N, E, Kid, X5t string
			X5c                           []string
		}
	}
	if err := json.Unmarshal([]byte(a.raw), &doc); err != nil || len(doc.Keys) != 1 {
		t.Fatalf("JWKS %s: %v", a.raw, err)
	}
	k := doc.Keys[0]
	if k.Alg != "RS256" || k.Kty != "RSA" || k.Use != "sig" || k.E != "AQAB" || k.Kid != s.Tenant.KeyID() {
		t.Errorf("key %+v", k)
	}
	der, err := base64.StdEncoding.DecodeString(k.X5c[0])
	if err != nil {
		t.Fatalf("x5c: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("x5c certificate: %v", err)
	}
	if err := cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature); err != nil {
		t.Errorf("x5c is not self-signed: %v", err)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok || !pub.Equal(s.Tenant.PublicKey()) {
		t.Errorf("x5c certificate holds another key")
	}
	n, _ := base64.RawURLEncoding.DecodeString(k.N)
	if new(big.Int).SetBytes(n).Cmp(s.Tenant.PublicKey().N) != 0 {
		t.Errorf("n is not the signing key's modulus")
	}
	sum := sha1.Sum(der)
	if k.X5t != base64.RawURLEncoding.EncodeToString(sum[:]) {
		t.Errorf("x5t %q is not the certificate's SHA-1 thumbprint", k.X5t)
	}
}

// TestHandlerUnderHTTPTestDerivesTheIssuer: NewHandler behind httptest
// takes its issuer from the request, http or https.
func TestHandlerUnderHTTPTestDerivesTheIssuer(t *testing.T) {
	for _, tls := range []bool{false, true} {
		h := NewHandler(Options{})
		var srv *httptest.Server
		if tls {
			srv = httptest.NewTLSServer(h)
		} else {
			srv = httptest.NewServer(h)
		}
		a := call(t, srv.Client(), http.MethodGet, srv.URL+"/.well-known/openid-configuration", "", "")
		if a.str("issuer") != srv.URL+"/" {
			t.Errorf("issuer %q under %s, want %s/", a.str("issuer"), srv.URL, srv.URL)
		}
		srv.Close()
	}
}

func TestUnknownPathIs404JSON(t *testing.T) {
	s := start(t, Options{})
	a := call(t, nil, http.MethodGet, s.URL+"/oauth/ro", "", "")
	if a.status != 404 || a.str("error") != "not_found" {
		t.Errorf("GET /oauth/ro: %d %s", a.status, a.raw)
	}
}
