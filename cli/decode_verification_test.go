package cli

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// decodeKeyServer is a tenant on loopback: an OpenID configuration and a
// JWKS holding one EC P-256 key, kid k1, whose PEM is in pemFile.
type decodeKeyServer struct {
	url, pemFile string
}

func newDecodeKeyServer(t *testing.T) decodeKeyServer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	x := base64.RawURLEncoding.EncodeToString(key.PublicKey.X.FillBytes(make([]byte, 32)))
	y := base64.RawURLEncoding.EncodeToString(key.PublicKey.Y.FillBytes(make([]byte, 32)))
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"issuer": srv.URL + "/", "jwks_uri": srv.URL + "/.well-known/jwks.json"})
	})
	mux.HandleFunc("/.well-known/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{"kty": "EC", "crv": "P-256", "kid": "k1", "x": x, "y": y}}})
	})
	der, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	pemFile := filepath.Join(t.TempDir(), "k1.pem")
	if err := os.WriteFile(pemFile, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return decodeKeyServer{url: srv.URL, pemFile: pemFile}
}

// When any check was asked for and could not be made, decode exits 1 and
// says which check and why; never 0. Every kind of token that ends up not
// verified, under every flag that asks for a check.
func TestDecodeAskedForChecksNeverPassUnmade(t *testing.T) {
	ks := newDecodeKeyServer(t)
	iss := ks.url + "/"
	// A JWT whose header JSON starts with a space (valid JSON that other
	// libraries accept): expired, from another issuer, for another
	// audience, with a junk signature.
	spaced := decodeB64(` {"alg":"ES256","kid":"k1"}`) + "." +
		decodeB64(`{"iss":"`+iss+`","aud":"another-client","exp":`+decodeItoa(decodeNow.Add(-time.Hour).Unix())+`}`) + "." +
		decodeB64("junk signature")
	live := `"exp":` + decodeItoa(decodeNow.Add(time.Hour).Unix())
	inputs := []struct {
		name, token string
		code        int
		verdicts    []string // the --json verdicts that may come out
	}{
		{"opaque, 40 letters", strings.Repeat("abcdefghij", 4), 1, []string{"unverifiable"}},
		{"JWE", "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ", 1, []string{"unverifiable"}},
		{"header JSON starting with a space", spaced, 1, []string{"invalid"}},
		{"unknown alg", decodeB64(`{"alg":"XS256","kid":"k1"}`) + "." + decodeB64(`{"iss":"`+iss+`",`+live+`}`) + ".c2ln", 1, []string{"invalid", "unverifiable"}},
		{"no iss", decodeB64(`{"alg":"ES256","kid":"k1"}`) + "." + decodeB64(`{`+live+`}`) + ".c2ln", 1, []string{"invalid", "unverifiable"}},
		// Not a token rotui can read: exit 2, as without flags, and never 0.
		{"malformed", decodeB64(`{"alg":"ES256"}`) + ".eyJzdWIiO+IxMjM0NTY3ODkwIn0.c2ln", 2, []string{"malformed"}},
	}
	flags := []struct {
		name  string
		stdin string
		args  []string
	}{
		{"--verify", "", []string{"--verify"}},
		{"--jwks", "", []string{"--jwks", ks.url + "/.well-known/jwks.json"}},
		{"--key", "", []string{"--key", ks.pemFile}},
		{"--secret-stdin", decodeTestSecret + "\n", []string{"--secret-stdin"}},
		{"--issuer", "", []string{"--issuer", "https://acme.us.auth0.com/"}},
		{"--audience", "", []string{"--audience", "rotui-demo"}},
	}
	for _, in := range inputs {
		for _, fl := range flags {
			t.Run(in.name+"/"+fl.name, func(t *testing.T) {
				r := runDecodeArgs(t, fl.stdin, false, nil, nil, append(slices.Clone(fl.args), in.token)...)
				if r.code != in.code {
					t.Errorf("exit %d, want %d\n%s%s", r.code, in.code, r.out, r.err)
				}
				if in.code == 1 && !strings.Contains(r.out, "✗") {
					t.Errorf("the output marks no check as failed:\n%s", r.out)
				}
				if !strings.Contains(r.out, "INVALID") && !strings.Contains(r.out, "NOT VERIFIED") && !strings.Contains(r.out, "MALFORMED") {
					t.Errorf("the verdict line does not say the token is not verified:\n%s", r.out)
				}

				r = runDecodeArgs(t, fl.stdin, false, nil, nil, append([]string{"--json"}, append(slices.Clone(fl.args), in.token)...)...)
				var got struct {
					Verdict      string
					ExitCode     int `json:"exit_code"`
					Verification struct {
						Requested bool
						OK        bool
						Checks    []struct{ Name, Outcome, Reason string }
					}
				}
				if err := json.Unmarshal([]byte(r.out), &got); err != nil {
					t.Fatalf("%v\n%s", err, r.out)
				}
				if r.code != in.code || got.ExitCode != in.code || !slices.Contains(in.verdicts, got.Verdict) || got.Verification.OK || !got.Verification.Requested {
					t.Errorf("exit %d, %+v", r.code, got)
				}
				failed := false
				for _, c := range got.Verification.Checks {
					failed = failed || c.Outcome == "failed" && c.Reason != ""
				}
				if !failed {
					t.Errorf("--json names no failed check: %+v", got.Verification.Checks)
				}
			})
		}
	}
}

// What an unmade check says, in text and in --json: the check, that it
// could not be made, and why.
func TestDecodeSaysWhichCheckCouldNotBeMade(t *testing.T) {
	opaque := strings.Repeat("abcdefghij", 4)
	r := runDecodeArgs(t, "", false, nil, nil, "--issuer", "https://acme.us.auth0.com/", "--audience", "rotui-demo", opaque)
	for _, want := range []string{"✗ issuer", "✗ audience", "could not be made", "no claims", "NOT VERIFIED"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("output lacks %q:\n%s", want, r.out)
		}
	}
	if r.code != 1 {
		t.Errorf("exit %d", r.code)
	}
	r = runDecodeArgs(t, "", false, nil, nil, "--json", "--verify", opaque)
	var got struct {
		Summary      string
		Verification struct {
			Checks []struct{ Name, Outcome, Reason string }
		}
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatal(err)
	}
	sig := got.Verification.Checks[0]
	if sig.Name != "signature" || sig.Outcome != "failed" || !strings.Contains(sig.Reason, "could not be made") || !strings.Contains(got.Summary, "signature") {
		t.Errorf("%+v", got)
	}
}

// A JWT with white space in its JSON is decoded as the JWT it is, with a
// note, in text and in --json.
func TestDecodeJWTWithSpacedJSON(t *testing.T) {
	tok := decodeHS256(` {"alg":"HS256"}`, `{"sub":"auth0|1","exp":`+decodeItoa(decodeNow.Add(time.Hour).Unix())+`}`, decodeTestSecret)
	r := runDecodeArgs(t, decodeTestSecret+"\n", false, nil, nil, "--secret-stdin", tok)
	if r.code != 0 || !strings.Contains(r.out, "signed JWT (JWS)") || !strings.Contains(r.out, "white space") || !strings.Contains(r.out, "VALID") {
		t.Errorf("exit %d\n%s%s", r.code, r.out, r.err)
	}
	r = runDecodeArgs(t, "", false, nil, nil, "--json", tok)
	var got struct {
		Kind  string
		Notes []string
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil || got.Kind != "jws" || len(got.Notes) != 1 || !strings.Contains(got.Notes[0], "header") {
		t.Errorf("%+v %v\n%s", got, err, r.out)
	}
}

// The report of a check asked for and not made says it failed, not "not
// checked".
func TestDecodeReportOfUnmadeChecks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.md")
	r := runDecodeArgs(t, "", false, nil, nil, "--issuer", "https://acme.us.auth0.com/", "--report", path, strings.Repeat("abcdefghij", 4))
	if r.code != 1 {
		t.Errorf("exit %d: %s", r.code, r.err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if md := string(b); !strings.Contains(md, "| issuer | failed |") || !strings.Contains(md, "could not be made") {
		t.Errorf("the report does not say the issuer check failed:\n%s", md)
	}
}
