package cli

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/golang-jwt/jwt/v5"
)

// decodeNow is the moment the decode tests look at tokens from.
var decodeNow = time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)

const decodeTestSecret = "legacy-client-secret-0123456789abcdef"

func decodeB64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// decodeHS256 signs header and payload, given as JSON text so the order is kept.
func decodeHS256(header, payload, secret string) string {
	signed := decodeB64(header) + "." + decodeB64(payload)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(signed))
	return signed + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// auth0IDToken is an ID token as Auth0's legacy /oauth/ro returns it for
// an HS256 client, issued 10 minutes before decodeNow for 10 hours.
func auth0IDToken() string {
	iat := decodeNow.Add(-10 * time.Minute).Unix()
	return decodeHS256(`{"typ":"JWT","alg":"HS256"}`,
		`{"name":"alice@example.com","nickname":"alice","picture":"https://s.gravatar.com/avatar/abc.png",`+
			`"updated_at":"2026-11-25T16:49:58.120Z","email":"alice@example.com","email_verified":true,`+
			`"iss":"https://acme.us.auth0.com/","sub":"auth0|5f7c8ec7c33c6c004bbafe82","aud":"rotui-demo-hs256",`+
			`"iat":`+decodeItoa(iat)+`,"exp":`+decodeItoa(iat+36000)+`,"https://example.com/roles":["admin","support"]}`,
		decodeTestSecret)
}

func decodeItoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

type decodeRun struct {
	code     int
	out, err string
}

func runDecodeArgs(t *testing.T, stdin string, tty bool, env map[string]string, hc *http.Client, args ...string) decodeRun {
	t.Helper()
	var out, errb bytes.Buffer
	s := streams{In: strings.NewReader(stdin), Out: &out, Err: &errb, OutTTY: tty, Getenv: func(k string) string { return env[k] }}
	code := execute(append([]string{"decode"}, args...), s, deps{decode: decodeDeps{
		Now:        func() time.Time { return decodeNow },
		HTTPClient: hc,
		ReadFile:   os.ReadFile,
	}})
	return decodeRun{code, out.String(), errb.String()}
}

func TestDecodeGolden(t *testing.T) {
	hostile := decodeHS256(`{"alg":"HS256","kid":"k\u001b[2J"}`,
		`{"sub":"auth0|1","name":"Bob\nsignature: verified","nickname":"evil\u202etxt.exe","note":"\u009b31mred\u0007","exp":`+
			decodeItoa(decodeNow.Add(time.Hour).Unix())+`}`, decodeTestSecret)
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"rfc7519", "", []string{"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}, 1},
		{"auth0_id_token", "", []string{auth0IDToken()}, 0},
		{"auth0_id_token_verified", decodeTestSecret + "\n", []string{"--secret-stdin", "--issuer", "https://acme.us.auth0.com/", "--audience", "rotui-demo-hs256", auth0IDToken()}, 0},
		{"wrong_secret_and_audience", "not-the-secret\n", []string{"--secret-stdin", "--audience", "another-client", auth0IDToken()}, 1},
		{"opaque", "Bearer kZfGcD8lS0Z6hN0g\n", []string{"-"}, 0},
		{"jwe", "", []string{"eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ"}, 0},
		{"malformed", "", []string{decodeB64(`{"alg":"RS256","kid":"abc"}`) + "." + "eyJzdWIiO+IxMjM0NTY3ODkwIn0" + ".c2ln"}, 2},
		{"hostile", "", []string{hostile}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runDecodeArgs(t, tc.stdin, false, nil, nil, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tc.code, r.err)
			}
			golden.RequireEqual(t, r.out)
		})
	}
}

func TestDecodeHostileClaimsReachNoTerminal(t *testing.T) {
	tok := decodeHS256(`{"alg":"HS256"}`, `{"a":"x\u001b]52;c;aGk=\u0007","b":"\u009b2J","c":"\u202e","d":"\u007f"}`, decodeTestSecret)
	for _, args := range [][]string{{tok}, {"--json", tok}} {
		r := runDecodeArgs(t, "", false, nil, nil, args...)
		for _, bad := range []string{"\x1b", "\a", "\u009b", "\u202e", "\x7f"} {
			if strings.Contains(r.out, bad) || strings.Contains(r.err, bad) {
				t.Errorf("%v: %q reached the output", args[0], bad)
			}
		}
	}
	r := runDecodeArgs(t, "", false, nil, nil, "--json", tok)
	for _, esc := range []string{`\u001b`, `\u009b`, `\u202e`, `\u007f`} {
		if !strings.Contains(r.out, esc) {
			t.Errorf("--json lacks %s", esc)
		}
	}
}

func TestDecodeJSON(t *testing.T) {
	r := runDecodeArgs(t, decodeTestSecret+"\n", false, nil, nil, "--json", "--secret-stdin", "--audience", "rotui-demo-hs256", auth0IDToken())
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	var got struct {
		Kind        string `json:"kind"`
		Length      int    `json:"length"`
		Annotations struct {
			Claims []struct {
				Name     string          `json:"name"`
				Value    json.RawMessage `json:"value"`
				Time     *time.Time      `json:"time"`
				Relative string          `json:"relative"`
			} `json:"payload"`
		} `json:"annotations"`
		Expiry struct {
			State       string  `json:"state"`
			SecondsLeft int64   `json:"seconds_left"`
			Used        float64 `json:"used"`
		} `json:"expiry"`
		Verification struct {
			Requested bool `json:"requested"`
			OK        bool `json:"ok"`
			Checks    []struct{ Name, Outcome, Reason string }
		} `json:"verification"`
		Verdict  string `json:"verdict"`
		ExitCode int    `json:"exit_code"`
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, r.out)
	}
	if strings.Count(strings.TrimSpace(r.out), "\n{") != 0 {
		t.Error("more than one object")
	}
	if got.Kind != "jws" || got.Verdict != "valid" || got.ExitCode != 0 || !got.Verification.OK || !got.Verification.Requested {
		t.Errorf("%+v", got)
	}
	if len(got.Annotations.Claims) != 12 || got.Annotations.Claims[0].Name != "name" || got.Annotations.Claims[11].Name != "https://example.com/roles" {
		t.Errorf("claims not in sent order: %+v", got.Annotations.Claims)
	}
	for _, c := range got.Annotations.Claims {
		if c.Name == "iat" && (string(c.Value) != decodeItoa(decodeNow.Add(-10*time.Minute).Unix()) || c.Relative != "10m0s ago") {
			t.Errorf("iat: %s %q", c.Value, c.Relative)
		}
	}
	if got.Expiry.State != "valid" || got.Expiry.SecondsLeft != 9*3600+50*60 || got.Expiry.Used < 0.016 || got.Expiry.Used > 0.017 {
		t.Errorf("expiry: %+v", got.Expiry)
	}
	if len(got.Verification.Checks) != 5 || got.Verification.Checks[0].Outcome != "passed" || got.Verification.Checks[1].Outcome != "not_checked" {
		t.Errorf("checks: %+v", got.Verification.Checks)
	}
}

func TestDecodeJSONMalformed(t *testing.T) {
	r := runDecodeArgs(t, "", false, nil, nil, "--json", decodeB64(`{"alg":"RS256"}`)+".eyJzdWIiO+IxMjM0NTY3ODkwIn0.c2ln")
	var got map[string]any
	if err := json.Unmarshal([]byte(r.out), &got); err != nil || r.code != 2 {
		t.Fatalf("exit %d: %v\n%s", r.code, err, r.out)
	}
	problems, _ := got["problems"].([]any)
	if len(problems) != 1 {
		t.Fatalf("problems: %v", got["problems"])
	}
	p, _ := problems[0].(map[string]any)
	if p["part"] != "payload" || !strings.Contains(p["message"].(string), "character 10") {
		t.Errorf("problem fields as the README names them (part, message): %v", p)
	}
	if got["kind"] != "malformed" || got["verdict"] != "malformed" {
		t.Errorf("%v %v", got["kind"], got["verdict"])
	}
}

func TestDecodeExitCodes(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	expired := decodeHS256(`{"alg":"HS256"}`, `{"exp":`+decodeItoa(decodeNow.Add(-time.Minute).Unix())+`}`, decodeTestSecret)
	future := decodeHS256(`{"alg":"HS256"}`, `{"nbf":`+decodeItoa(decodeNow.Add(time.Minute).Unix())+`}`, decodeTestSecret)
	// RS256 tokens whose signature is never reached: the keys cannot be fetched.
	rs256 := decodeB64(`{"alg":"RS256","kid":"k1"}`) + "." + decodeB64(`{"exp":`+decodeItoa(decodeNow.Add(time.Hour).Unix())+`}`) + ".c2ln"
	expiredRS256 := decodeB64(`{"alg":"RS256","kid":"k1"}`) + "." + decodeB64(`{"exp":`+decodeItoa(decodeNow.Add(-time.Hour).Unix())+`}`) + ".c2ln"
	none := decodeB64(`{"alg":"none"}`) + "." + decodeB64(`{"sub":"a"}`) + "."
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		err   string // part of stderr
	}{
		{"decoded only", "", []string{auth0IDToken()}, 0, ""},
		{"opaque", "", []string{"kZfGcD8lS0Z6hN0g"}, 0, ""},
		{"opaque with --verify", "", []string{"--verify", "kZfGcD8lS0Z6hN0g"}, 1, ""},
		{"not a token", "", []string{"hello world"}, 2, ""},
		{"empty stdin", "", nil, 2, ""},
		{"expired, no verification asked", "", []string{expired}, 1, ""},
		{"not yet valid", "", []string{future}, 1, ""},
		{"alg none, decoded only", "", []string{none}, 0, ""},
		{"alg none, verified", decodeTestSecret, []string{"--secret-stdin", none}, 1, ""},
		{"good secret", decodeTestSecret + "\r\n", []string{"--secret-stdin", auth0IDToken()}, 0, ""},
		{"bad secret", "nope\n", []string{"--secret-stdin", auth0IDToken()}, 1, ""},
		{"wrong issuer", "", []string{"--issuer", "https://other.auth0.com/", auth0IDToken()}, 1, ""},
		{"keys unreachable", "", []string{"--jwks", deadURL + "/jwks.json", rs256}, 3, ""},
		{"--verify, but no iss to find keys from", "", []string{"--verify", rs256}, 1, ""},
		{"--verify, iss not a string", "", []string{"--verify", decodeB64(`{"alg":"RS256","kid":"k1"}`) + "." + decodeB64(`{"iss":7,"exp":`+decodeItoa(decodeNow.Add(time.Hour).Unix())+`}`) + ".c2ln"}, 1, ""},
		{"keys unreachable but expired", "", []string{"--jwks", deadURL + "/jwks.json", expiredRS256}, 1, ""},
		{"HS256 token against a JWKS", "", []string{"--jwks", deadURL + "/jwks.json", auth0IDToken()}, 1, ""},
		{"flags after the token", "", []string{auth0IDToken(), "--json"}, 0, ""},
		{"two tokens", "", []string{"a", "b"}, 2, "one token"},
		{"secret and token both on stdin", "x", []string{"--secret-stdin"}, 2, "as an argument"},
		{"two key sources", "", []string{"--jwks", "https://x/jwks", "--key", "k.pem", "t"}, 2, "one key source"},
		{"http jwks", "", []string{"--jwks", "http://keys.example.com/jwks.json", "t"}, 2, "https only"},
		{"missing key file", "", []string{"--key", "/nonexistent/key.pem", auth0IDToken()}, 2, "--key"},
		{"unknown flag", "", []string{"--nope"}, 2, "unknown flag --nope"},
		{"help", "", []string{"--help"}, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runDecodeArgs(t, tc.stdin, false, nil, nil, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout %s\nstderr %s", r.code, tc.code, r.out, r.err)
			}
			if !strings.Contains(r.err, tc.err) {
				t.Errorf("stderr %q lacks %q", r.err, tc.err)
			}
			if tc.name == "help" && (!strings.Contains(r.out, "rotui decode [TOKEN|-]") || !strings.Contains(r.out, "EXAMPLES")) {
				t.Errorf("help on stdout: %q", r.out)
			}
		})
	}
}

func TestDecodeSecretNeverPrinted(t *testing.T) {
	for _, stdin := range []string{decodeTestSecret + "\n", "wrong-secret-value\n"} {
		r := runDecodeArgs(t, stdin, false, nil, nil, "--secret-stdin", auth0IDToken())
		r2 := runDecodeArgs(t, stdin, false, nil, nil, "--json", "--secret-stdin", auth0IDToken())
		secret := strings.TrimSpace(stdin)
		for _, s := range []string{r.out, r.err, r2.out, r2.err} {
			if strings.Contains(s, secret) {
				t.Errorf("the secret was printed: %s", s)
			}
		}
	}
}

func TestDecodeColour(t *testing.T) {
	tok := auth0IDToken()
	if r := runDecodeArgs(t, "", true, nil, nil, tok); !strings.Contains(r.out, "\x1b[") {
		t.Error("no colour on a terminal")
	}
	if r := runDecodeArgs(t, "", true, map[string]string{"NO_COLOR": "1"}, nil, tok); strings.Contains(r.out, "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
	if r := runDecodeArgs(t, "", false, nil, nil, tok); strings.Contains(r.out, "\x1b[") {
		t.Error("colour into a pipe")
	}
	if r := runDecodeArgs(t, "", true, nil, nil, "--json", tok); strings.Contains(r.out, "\x1b[") {
		t.Error("colour in JSON")
	}
}

func TestDecodeWithPEMKey(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	dir := t.TempDir()
	pubFile := filepath.Join(dir, "pub.pem")
	os.WriteFile(pubFile, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600)
	privDER, _ := x509.MarshalPKCS8PrivateKey(key)
	privFile := filepath.Join(dir, "priv.pem")
	os.WriteFile(privFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}), 0o600)

	signed := decodeB64(`{"alg":"ES256","kid":"ec-1"}`) + "." + decodeB64(`{"sub":"a","exp":`+decodeItoa(decodeNow.Add(time.Hour).Unix())+`}`)
	sig, err := jwt.SigningMethodES256.Sign(signed, key)
	if err != nil {
		t.Fatal(err)
	}
	tok := signed + "." + base64.RawURLEncoding.EncodeToString(sig)

	if r := runDecodeArgs(t, "", false, nil, nil, "--key", pubFile, tok); r.code != 0 || !strings.Contains(r.out, "VALID: expires in 1h0m0s; ES256 signature verified with the given EC P-256 public key") {
		t.Errorf("exit %d\n%s%s", r.code, r.out, r.err)
	}
	// The HS/ES confusion: the public key's PEM bytes as an HMAC secret.
	pubPEM, _ := os.ReadFile(pubFile)
	forged := decodeHS256(`{"alg":"HS256"}`, `{"sub":"a"}`, string(pubPEM))
	if r := runDecodeArgs(t, "", false, nil, nil, "--key", pubFile, forged); r.code != 1 || !strings.Contains(r.out, "never chooses its key type") {
		t.Errorf("key confusion: exit %d\n%s", r.code, r.out)
	}
	// A private key is refused before anything is decoded.
	if r := runDecodeArgs(t, "", false, nil, nil, "--key", privFile, tok); r.code != 2 || !strings.Contains(r.err, "give the public key") {
		t.Errorf("private key: exit %d %s", r.code, r.err)
	}
}

func TestDecodeVerifyByDiscovery(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	x := base64.RawURLEncoding.EncodeToString(key.PublicKey.X.FillBytes(make([]byte, 32)))
	y := base64.RawURLEncoding.EncodeToString(key.PublicKey.Y.FillBytes(make([]byte, 32)))
	docIssuer := ""
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	iss := srv.URL + "/"
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"issuer": docIssuer, "jwks_uri": srv.URL + "/.well-known/jwks.json"})
	})
	mux.HandleFunc("/.well-known/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{"kty": "EC", "crv": "P-256", "kid": "ec-1", "x": x, "y": y}}})
	})
	signed := decodeB64(`{"alg":"ES256","kid":"ec-1"}`) + "." + decodeB64(`{"iss":"`+iss+`","exp":`+decodeItoa(decodeNow.Add(time.Hour).Unix())+`}`)
	sig, err := jwt.SigningMethodES256.Sign(signed, key)
	if err != nil {
		t.Fatal(err)
	}
	tok := signed + "." + base64.RawURLEncoding.EncodeToString(sig)

	docIssuer = iss
	r := runDecodeArgs(t, "", false, nil, nil, "--verify", "--issuer", iss, tok)
	if r.code != 0 || !strings.Contains(r.out, "verified with key ec-1 from "+srv.URL+"/.well-known/jwks.json") {
		t.Errorf("exit %d\n%s%s", r.code, r.out, r.err)
	}
	docIssuer = "https://impostor.example/"
	r = runDecodeArgs(t, "", false, nil, nil, "--verify", "--json", tok)
	var out struct {
		Verdict      string
		ExitCode     int `json:"exit_code"`
		Verification struct {
			Checks []struct{ Name, Outcome, Reason string }
		}
	}
	if err := json.Unmarshal([]byte(r.out), &out); err != nil {
		t.Fatal(err)
	}
	if r.code != 1 || out.Verdict != "invalid" || out.Verification.Checks[1].Outcome != "failed" || !strings.Contains(out.Verification.Checks[1].Reason, "impostor") {
		t.Errorf("a discovery document naming another issuer: exit %d %+v", r.code, out)
	}
}

// decodeReportChecks fails when the report at path holds the whole token,
// its signature, the secret, or a control character, or lacks what a
// support ticket needs.
func decodeReportChecks(t *testing.T, path, tok string, secrets []string, want ...string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no report: %v", err)
	}
	md := string(b)
	if info, err := os.Stat(path); err == nil && info.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", info.Mode().Perm())
	}
	forbidden := append([]string{tok, "\x1b", "\u009b", "\u202e", "\a"}, secrets...)
	if parts := strings.Split(tok, "."); len(parts) == 3 {
		forbidden = append(forbidden, parts[2])
	}
	for _, s := range forbidden {
		if strings.Contains(md, s) {
			t.Errorf("the report holds %q:\n%s", s, md)
		}
	}
	for _, s := range want {
		if !strings.Contains(md, s) {
			t.Errorf("the report lacks %q:\n%s", s, md)
		}
	}
	return md
}

func TestDecodeReport(t *testing.T) {
	dir := t.TempDir()
	tok := auth0IDToken()

	path := filepath.Join(dir, "verified.md")
	r := runDecodeArgs(t, decodeTestSecret+"\n", false, nil, nil, "--secret-stdin", "--audience", "rotui-demo-hs256", "--report", path, tok)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if !strings.Contains(r.err, "report written to "+path) {
		t.Errorf("stderr does not say where the report went: %q", r.err)
	}
	if !strings.Contains(r.out, "VALID") || strings.Contains(r.out, "report written") {
		t.Errorf("stdout is the decoding alone: %q", r.out)
	}
	decodeReportChecks(t, path, tok, []string{decodeTestSecret}, `auth0\|5f7c8ec7c33c6c004bbafe82`, "### Checks", "signature", "HS256")

	// Without verification, the report says the signature was not checked;
	// with --json, stdout stays one JSON object.
	path = filepath.Join(dir, "plain.md")
	r = runDecodeArgs(t, "", false, nil, nil, "--json", "--report", path, tok)
	var obj map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.out), &obj) != nil {
		t.Fatalf("exit %d, stdout not one JSON object: %q", r.code, r.out)
	}
	decodeReportChecks(t, path, tok, nil, "not checked", "alice@example.com")
}

func TestDecodeReportOfHostileAndBrokenTokens(t *testing.T) {
	dir := t.TempDir()
	hostile := decodeHS256(`{"alg":"HS256","kid":"k\u001b[2J"}`,
		`{"sub":"auth0|1","name":"Bob\n## signature: verified","nickname":"evil\u202etxt.exe","note":"\u009b31mred\u0007","a":"x\u001b]52;c;aGk=\u0007","exp":`+
			decodeItoa(decodeNow.Add(time.Hour).Unix())+`}`, decodeTestSecret)
	malformed := decodeB64(`{"alg":"RS256","kid":"abc"}`) + "." + "eyJzdWIiO+IxMjM0NTY3ODkwIn0" + ".c2lnbmF0dXJlLXBhcnQ"
	for i, tc := range []struct {
		tok  string
		code int
	}{{hostile, 0}, {malformed, 2}, {"kZfGcD8lS0Z6hN0gQ1w2e3r4", 0}} {
		path := filepath.Join(dir, fmt.Sprintf("r%d.md", i))
		r := runDecodeArgs(t, "", false, nil, nil, "--report", path, tc.tok)
		if r.code != tc.code {
			t.Errorf("%d: exit %d, want %d: %s", i, r.code, tc.code, r.err)
		}
		md := decodeReportChecks(t, path, tc.tok, nil)
		if i == 0 && strings.Contains(md, "\n## signature: verified") {
			t.Errorf("a claim wrote its own heading:\n%s", md)
		}
	}
}

func TestDecodeReportUnwritable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-folder", "r.md")
	r := runDecodeArgs(t, "", false, nil, nil, "--report", path, auth0IDToken())
	if r.code != 2 || !strings.Contains(r.err, "no-such-folder") || !strings.Contains(r.out, "NOT VERIFIED") {
		t.Errorf("exit %d (want 2), stderr %q, stdout %q", r.code, r.err, r.out)
	}
	if h := runDecodeArgs(t, "", false, nil, nil, "--help"); !strings.Contains(h.out, "--report") {
		t.Error("--report is not in the help")
	}
}

// A value given where none belongs, or a flag typed with escape sequences in
// it, is not echoed back: the value may be the secret itself
// (--secret-stdin=…), and the terminal must not run what was typed.
func TestDecodeFlagErrorsEchoNothing(t *testing.T) {
	cases := []struct {
		args []string
		want string // in stderr
		not  string // never in stderr
	}{
		{[]string{"--secret-stdin=hunter2-secret", "t"}, "--secret-stdin", "hunter2-secret"},
		{[]string{"--json=s3cr3t-value", "t"}, "--json", "s3cr3t-value"},
		{[]string{"--secret=hunter2-secret", "t"}, "--secret-stdin", "hunter2-secret"},
		{[]string{"--\x1b]52;c;aGk=\x07x", "t"}, `\x1b`, "\x1b"},
		{[]string{"--\u202ex", "t"}, `\u202e`, "\u202e"},
	}
	for _, tc := range cases {
		r := runDecodeArgs(t, "", false, nil, nil, tc.args...)
		if r.code != 2 {
			t.Errorf("%q: exit %d, want 2", tc.args, r.code)
		}
		if !strings.Contains(r.err, tc.want) || strings.Contains(r.err, tc.not) || strings.Contains(r.out, tc.not) {
			t.Errorf("%q: stderr %q should name %q and never show %q", tc.args, r.err, tc.want, tc.not)
		}
	}
}

// A secret typed at a terminal for --secret-stdin is prompted for on stderr
// and not echoed: the terminal would otherwise show it whole.
func TestDecodeSecretFromATerminalIsNotEchoed(t *testing.T) {
	r := typeSecretAtATerminal(t, "Client secret: ", decodeTestSecret, "decode", "--secret-stdin", auth0IDToken())
	if strings.Contains(r.shown, decodeTestSecret) {
		t.Errorf("the secret was echoed on the terminal: %q", r.shown)
	}
	// The token's exp is real time (not decodeNow), so only the signature is asserted.
	if !strings.Contains(r.out, "signature verified") || strings.Contains(r.out+r.errs, decodeTestSecret) {
		t.Errorf("exit %d\n%s\n%s", r.code, r.out, r.errs)
	}
}
