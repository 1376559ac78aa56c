package cli

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro/rotest"
)

// jqPath reads doc at a jq-style path (".payload.sub", ".tokens.decoded.id_token.header.alg"),
// as `jq` would; ok is false when a member on the way is missing.
func jqPath(t *testing.T, doc string, path string) (v any, ok bool) {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(doc))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	for _, name := range strings.Split(strings.TrimPrefix(path, "."), ".") {
		m, isObj := v.(map[string]any)
		if !isObj {
			return nil, false
		}
		if v, ok = m[name]; !ok {
			return nil, false
		}
	}
	return v, true
}

// rawMember is the member name of the top-level object of doc as written,
// compacted: what a script piping through jq -c would see.
func rawMember(t *testing.T, doc, name string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, doc)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, m[name]); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b.String()
}

// TestDecodeJSONHeaderAndPayloadAsSent: header and payload come out as the
// token holds them: every member in order, every value of its own JSON
// type, numbers exactly as written (no float64 on the way).
func TestDecodeJSONHeaderAndPayloadAsSent(t *testing.T) {
	cases := []struct{ name, header, payload string }{
		{"numbers stay as written", `{"alg":"HS256","typ":"JWT"}`,
			`{"huge":1e400,"big":12345678901234567890,"f":1.50,"neg":-0,"e":2E+3,"tiny":1e-400,"n":7}`},
		{"every JSON type", `{"alg":"HS256"}`,
			`{"s":"alice","t":true,"f":false,"z":null,"a":[1,"x",{"k":[]}],"o":{"b":1,"a":{"c":null}}}`},
		{"order as sent, not sorted", `{"typ":"JWT","kid":"k1","alg":"HS256"}`, `{"zeta":1,"alpha":2,"mid":3}`},
		{"a name sent twice is kept twice", `{"alg":"HS256"}`, `{"sub":"first","sub":"second"}`},
		{"unicode and escapes as text", `{"alg":"HS256"}`, `{"name":"Zoë 🐙","q":"say \"hi\"\\n"}`},
		{"empty payload", `{"alg":"HS256"}`, `{}`},
		{"& < > as written", `{"alg":"HS256","jku":"https://k.example/?a=1&b=2"}`, `{"html":"<b>&amp;</b>","esc":"\u003c"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runDecodeArgs(t, "", false, nil, nil, "--json", decodeHS256(tc.header, tc.payload, decodeTestSecret))
			for part, want := range map[string]string{"header": tc.header, "payload": tc.payload} {
				var w bytes.Buffer
				_ = json.Compact(&w, []byte(want))
				if got := rawMember(t, r.out, part); got != w.String() {
					t.Errorf("%s:\n got %s\nwant %s", part, got, w.String())
				}
			}
		})
	}
}

// TestDecodeJSONKinds: each kind of token says what it is and gives what
// could be read of it, in the same places.
func TestDecodeJSONKinds(t *testing.T) {
	jws := decodeHS256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"auth0|alice","email":"alice@example.com"}`, decodeTestSecret)
	jwe := decodeB64(`{"alg":"RSA-OAEP","enc":"A256GCM","kid":"enc-1"}`) + ".a2V5.aXY.Y2lwaGVy.dGFn"
	none := decodeB64(`{"alg":"none"}`) + "." + decodeB64(`{"sub":"a"}`) + "."
	badPayload := decodeB64(`{"alg":"RS256"}`) + ".eyJzdWIiO+IxMjM0NTY3ODkwIn0.c2ln"
	cases := []struct {
		name, token string
		kind        string
		header      string // compact, or "null"
		payload     string
		present     bool   // signature.present
		alg         string // signature.algorithm
	}{
		{"JWS", jws, "jws", `{"alg":"HS256","typ":"JWT"}`, `{"sub":"auth0|alice","email":"alice@example.com"}`, true, "HS256"},
		{"alg none", none, "jws", `{"alg":"none"}`, `{"sub":"a"}`, false, "none"},
		{"JWE: the header only", jwe, "jwe", `{"alg":"RSA-OAEP","enc":"A256GCM","kid":"enc-1"}`, "null", false, ""},
		{"opaque: nothing inside", "kZfGcD8lS0Z6hN0g", "opaque", "null", "null", false, ""},
		{"malformed payload: the header still read", badPayload, "malformed", `{"alg":"RS256"}`, "null", true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runDecodeArgs(t, "", false, nil, nil, "--json", tc.token)
			if got, _ := jqPath(t, r.out, ".kind"); got != tc.kind {
				t.Errorf("kind %v, want %s", got, tc.kind)
			}
			if got := rawMember(t, r.out, "header"); got != tc.header {
				t.Errorf("header %s, want %s", got, tc.header)
			}
			if got := rawMember(t, r.out, "payload"); got != tc.payload {
				t.Errorf("payload %s, want %s", got, tc.payload)
			}
			if got, _ := jqPath(t, r.out, ".signature.present"); got != tc.present {
				t.Errorf("signature.present %v", got)
			}
			if got, _ := jqPath(t, r.out, ".signature.algorithm"); got != tc.alg {
				t.Errorf("signature.algorithm %v", got)
			}
			if got, _ := jqPath(t, r.out, ".signature.reason"); got == "" {
				t.Error("signature.reason is empty: a script cannot say why it is not verified")
			}
		})
	}
}

// TestDecodeJSONPaths: the jq paths of every peer tool work on decode.
func TestDecodeJSONPaths(t *testing.T) {
	r := runDecodeArgs(t, decodeTestSecret+"\n", false, nil, nil, "--json", "--secret-stdin", "--audience", "rotui-demo-hs256", auth0IDToken())
	want := map[string]any{
		".header.alg":             "HS256",
		".payload.sub":            "auth0|5f7c8ec7c33c6c004bbafe82",
		".payload.email":          "alice@example.com",
		".payload.email_verified": true,
		".payload.iat":            json.Number(decodeItoa(decodeNow.Add(-10 * 60e9).Unix())),
		".signature.verified":     true,
		".verification.verdict":   "valid",
		".verification.requested": true,
		".expiry.state":           "valid",
		".signature.length":       json.Number("32"),
	}
	for path, w := range want {
		got, ok := jqPath(t, r.out, path)
		if !ok {
			t.Errorf("%s: missing", path)
			continue
		}
		if got != w {
			t.Errorf("%s = %v (%T), want %v", path, got, got, w)
		}
	}
	asked, _ := jqPath(t, r.out, ".verification.asked_for")
	if a, _ := asked.([]any); len(a) != 2 || a[0] != "signature" || a[1] != "audience" {
		t.Errorf("asked_for %v: each check asked for, in order", asked)
	}
}

// TestDecodeJSONReachesNoTerminalRaw: whatever a token holds (controls,
// C1, bidi overrides, in names and values, bytes that are no UTF-8), the
// JSON on stdout is valid UTF-8 with every such character escaped.
func TestDecodeJSONReachesNoTerminalRaw(t *testing.T) {
	payloads := []string{
		"{\"a\":\"\u009b31m\",\"\u202eb\":\"\u202e\",\"c\":\"\\u001b[2J\"}",
		"{\"x\u009b\":[\"\u2066\u2069\",{\"\u200f\":1}]}",
		"{\"bad\":\"\xff\xfe\"}",
	}
	for _, p := range payloads {
		tok := decodeHS256(`{"alg":"HS256","kid":"`+"\u202e"+`"}`, p, decodeTestSecret)
		r := runDecodeArgs(t, "", false, nil, nil, "--json", tok)
		if !utf8.ValidString(r.out) || !json.Valid([]byte(r.out)) {
			t.Errorf("%q: output is not valid UTF-8 JSON:\n%s", p, r.out)
		}
		for _, bad := range []string{"\x1b", "\u009b", "\u202e", "\u2066", "\u200f"} {
			if strings.Contains(r.out, bad) {
				t.Errorf("%q: %q reached stdout raw", p, bad)
			}
		}
	}
}

// TestLoginJSONDecodesItsTokens: login --json carries each token decoded as
// decode --json does, under tokens.decoded and the token's own name.
func TestLoginJSONDecodesItsTokens(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	code, out, errs := loginRun(t, "", map[string]string{"ROTUI_PASSWORD": rotest.Password},
		demoArgs(srv, "--json", "--scope", "openid email offline_access", "--device", rotest.DemoDevice)...)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	idToken, _ := jqPath(t, out, ".tokens.id_token")
	email, ok := jqPath(t, out, ".tokens.decoded.id_token.payload.email")
	if !ok || email != rotest.UserAlice {
		t.Errorf(".tokens.decoded.id_token.payload.email = %v", email)
	}
	if alg, _ := jqPath(t, out, ".tokens.decoded.id_token.header.alg"); alg != "RS256" {
		t.Errorf(".tokens.decoded.id_token.header.alg = %v", alg)
	}
	// The same token decoded alone says the same.
	r := runDecodeArgs(t, "", false, nil, nil, "--json", idToken.(string))
	if rawMember(t, r.out, "payload") != compactAt(t, out, "tokens", "decoded", "id_token", "payload") {
		t.Error("login and decode disagree on the ID token's payload")
	}
	for _, name := range []string{"access_token", "refresh_token"} {
		if kind, ok := jqPath(t, out, ".tokens.decoded."+name+".kind"); !ok || kind == "" {
			t.Errorf("%s not decoded: %v", name, kind)
		}
	}
	if _, ok := jqPath(t, out, ".checks"); !ok {
		t.Error("no consistency checks")
	}
	if v, _ := jqPath(t, out, ".tokens.decoded.id_token.verification.requested"); v != false {
		t.Errorf("no check was asked for without --report, yet requested is %v", v)
	}

	// --report verifies the tokens with the tenant's keys: --json says so.
	_, out, _ = loginRun(t, "", map[string]string{"ROTUI_PASSWORD": rotest.Password},
		demoArgs(srv, "--json", "--scope", "openid email", "--report", filepath.Join(t.TempDir(), "r.md"))...)
	for path, want := range map[string]any{
		".tokens.decoded.id_token.signature.verified":      true,
		".tokens.decoded.id_token.verification.verdict":    "valid",
		".tokens.decoded.id_token.verification.key_source": srv.URL + "/.well-known/jwks.json",
	} {
		if got, _ := jqPath(t, out, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
}

// compactAt is the compact JSON at a path of member names in doc.
func compactAt(t *testing.T, doc string, names ...string) string {
	t.Helper()
	raw := json.RawMessage(doc)
	for _, n := range names {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		raw = m[n]
	}
	var b bytes.Buffer
	_ = json.Compact(&b, raw)
	return b.String()
}

// TestLoginJSONMasksSecretsInTokens: a server that puts a secret it was
// sent (the password, the MFA code, the refresh token of a refresh) in a
// claim of the token it returns does not get it printed by the decoding,
// in login's --json and refresh's, which share it.
func TestLoginJSONMasksSecretsInTokens(t *testing.T) {
	const pw, mfa, refresh = "correct-horse-battery-staple", "739105", "rt-Hn3qLw8Zr5Tb2Xc9Vm4Kp7Jd6"
	echoing := func(secret string) string {
		idToken := decodeHS256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"a","echo":"`+secret+`","n":"x`+secret+`y"}`, "k")
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token":"opaque-1234567890","id_token":"` + idToken + `","token_type":"bearer"}`))
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	for _, c := range []struct {
		name, secret string
		env          map[string]string
		args         func(url string) []string
	}{
		{"the password", pw, map[string]string{"ROTUI_PASSWORD": pw}, func(url string) []string {
			return []string{"login", "--json", "--domain", url, "--client-id", "c", "--connection", "db", "--username", "u"}
		}},
		{"the MFA code", mfa, map[string]string{"ROTUI_PASSWORD": pw}, func(url string) []string {
			return []string{"login", "--json", "--domain", url, "--client-id", "c", "--connection", "db", "--username", "u", "--mfa-code", mfa}
		}},
		{"the refresh token", refresh, map[string]string{"ROTUI_REFRESH_TOKEN": refresh}, func(url string) []string {
			return []string{"refresh", "--json", "--domain", url, "--client-id", "c", "--flow", "realm"}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, out, errs := cmdRun(t, "", c.env, c.args(echoing(c.secret))...)
			decoded := compactAt(t, out, "tokens", "decoded")
			if decoded == "" || decoded == "null" {
				t.Fatalf("no decoded tokens:\n%s\n%s", out, errs)
			}
			if strings.Contains(decoded, c.secret) {
				t.Errorf("%s is in the decoded tokens:\n%s", c.name, decoded)
			}
			if sub, _ := jqPath(t, out, ".tokens.decoded.id_token.payload.sub"); sub != "a" {
				t.Errorf("the claims without a secret are lost: sub %v", sub)
			}
		})
	}
}

// FuzzDecodeJSON: whatever is given to decode, --json writes one valid
// UTF-8 JSON object, with header and payload each an object or null, and
// nothing a terminal would act on.
func FuzzDecodeJSON(f *testing.F) {
	f.Add(auth0IDToken())
	f.Add(decodeB64(`{"alg":"RSA-OAEP","enc":"A256GCM"}`) + ".a2V5.aXY.Y2lwaGVy.dGFn")
	f.Add("kZfGcD8lS0Z6hN0g")
	f.Add(decodeB64("{\"alg\":\"none\",\"\u202e\":1e400}") + "." + decodeB64("{\"a\":\"\u009b\",\"a\":[{}]}") + ".")
	f.Add(decodeB64(`{"alg":"HS256"}`) + "." + decodeB64("{\"bad\":\"\xff\"}") + ".c2ln")
	f.Fuzz(func(t *testing.T, tok string) {
		r := runDecodeArgs(t, "", false, nil, nil, "--json", "--", tok)
		if r.out == "" {
			return // not a token argument at all (a flag, say): usage on stderr
		}
		if !utf8.ValidString(r.out) || !json.Valid([]byte(r.out)) {
			t.Fatalf("not valid UTF-8 JSON:\n%s", r.out)
		}
		for _, bad := range []string{"\x1b", "\u009b", "\u202e"} {
			if strings.Contains(r.out, bad) {
				t.Fatalf("%q reached stdout raw", bad)
			}
		}
		for _, part := range []string{"header", "payload"} {
			if got := rawMember(t, r.out, part); got != "null" && !strings.HasPrefix(got, "{") {
				t.Fatalf("%s is %s", part, got)
			}
		}
	})
}

// The share of a token's lifetime gone is a number a person reads: to a
// millionth, never float noise such as 0.0000030842650000000004.
func TestExpiryUsedIsRounded(t *testing.T) {
	iat := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := jwtview.Lifetime{IssuedAt: iat, ExpiresAt: iat.Add(36000 * time.Second)}
	for _, after := range []time.Duration{111 * time.Millisecond, 3*time.Second + 7*time.Millisecond, 5 * time.Hour} {
		j := expiryOf(l, l.At(iat.Add(after)))
		if j.Used == nil {
			t.Fatalf("%v: no used", after)
		}
		if s := strconv.FormatFloat(*j.Used, 'f', -1, 64); len(s) > len("0.123456") {
			t.Errorf("%v: used is %s", after, s)
		}
	}
}
