package jwtview

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// rfc7516A3 is the compact JWE of RFC 7516 appendix A.3 (A128KW, A128CBC-HS256).
const rfc7516A3 = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0." +
	"6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ." +
	"AxY8DCtDaGlsbGljb3RoZQ." +
	"KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY." +
	"U0m_YmjN04DJvceFICbCVQ"

const rfc7516A2 = rfc7516A3 // any compact JWE will do where only the kind matters

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// unsigned builds header.payload.sig from JSON text, for decoding tests.
func unsigned(header, payload string) string {
	return b64(header) + "." + b64(payload) + "." + b64("sig")
}

func names(fs []Field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

func TestTrim(t *testing.T) {
	tok := unsigned(`{"alg":"HS256"}`, `{"sub":"a"}`)
	for _, in := range []string{
		tok,
		"  " + tok + "\n",
		"Bearer " + tok,
		"bearer\t" + tok,
		"BEARER   " + tok + "\r\n",
		"Authorization: Bearer " + tok,
		`"` + tok + `"`,
		tok[:20] + "\n  " + tok[20:40] + "\r\n" + tok[40:], // wrapped by a mail client
	} {
		if got := Trim(in); got != tok {
			t.Errorf("Trim(%q) = %q", in, got)
		}
		if d := Decode(in); d.Kind != KindJWS || d.ClaimString("sub") != "a" {
			t.Errorf("Decode(%q): %s %v", in, d.Kind, d.Problems)
		}
	}
	// "Bearer" alone, or as the start of a longer word, is not a prefix.
	if got := Trim("Bearerish"); got != "Bearerish" {
		t.Errorf("Trim(Bearerish) = %q", got)
	}
}

func TestDecodeKinds(t *testing.T) {
	cases := []struct {
		in      string
		kind    Kind
		problem string // part of the first problem's message
		part    string
	}{
		{rfc7515A1, KindJWS, "", ""},
		{rfc7516A3, KindJWE, "", ""},
		{"kZfGcD8lS0Z6hN0g", KindOpaque, "", ""}, // a legacy Auth0 access token
		{"auth0|5f7c8ec7c33c6c004bbafe82", KindMalformed, `character 6 is "|"`, "token"}, // a user ID, not a token
		{"v1.MRrtmL0ZQzK1pRHrU6ZQ0b6jq0Cc", KindOpaque, "", ""},                          // an Auth0 refresh token: dots, no JWT header
		{"rt.a1b2c3d4.e5f6g7h8", KindOpaque, "", ""},                                     // three parts, but no JSON header in front
		{"eyJhbGciOiJIUzI1NiJ9.x", KindMalformed, "has 2", "token"},                      // a JWT cut short
		{"", KindMalformed, "empty", "token"},
		{"   \n ", KindMalformed, "empty", "token"},
		{"hello world", KindMalformed, `character 6 is " "`, "token"},
		{"abc", KindMalformed, "too short", "token"},
		{"eyJhbGciOiJIUzI1NiJ9", KindMalformed, "no dots", "token"},
		{"a.b.c.d", KindMalformed, "this has 4", "token"},
		{b64(`{"alg":"HS256"}`) + "." + "eyJzdWIiO+IxMjM0NTY3ODkwIn0" + ".c2ln", KindMalformed,
			"the payload is not valid base64url at character 10: \"+\" does not belong (it is standard base64", "payload"},
		{b64(`{"alg":"HS256"}`) + "." + b64(`{"sub":"a"`) + ".c2ln", KindMalformed, "it ends where a comma or } should be", "payload"},
		{b64(`{"alg":"HS256"}`) + "." + b64(`{"sub":"a"} x`) + ".c2ln", KindMalformed, "there is more after the object", "payload"},
		{b64(`{"alg":"HS256"}`) + "." + b64(`["sub"]`) + ".c2ln", KindMalformed, "it starts with \"[", "payload"},
		{b64(`{"alg":"HS256"}`) + "." + b64(`{"a":01}`) + ".c2ln", KindMalformed, "expected a comma or }", "payload"},
		{b64(`{"alg":"HS256"}`) + "." + b64("{\"a\":\"x\x01\"}") + ".c2ln", KindMalformed, `control character "\x01" at byte 8`, "payload"},
		{b64(`{"alg":"HS256"}`) + "." + b64(`{"a":"\q"}`) + ".c2ln", KindMalformed, "expected an escape", "payload"},
		{b64(`{"alg"`) + "." + b64(`{}`) + ".c2ln", KindMalformed, "the header is not a JSON object", "header"},
		{b64(`{"alg":"HS256"}`) + ".." + "c2ln", KindMalformed, "the payload is empty", "payload"},
		{b64(`{"alg":"HS256"}`) + "." + b64(`{}`) + ".c2lnX", KindMalformed, "no base64url text is 5 characters long", "signature"},
		{b64(`{"alg":"HS256"}`) + "." + b64(`{}`) + ".c2l!", KindMalformed, `character 4: "!"`, "signature"},
	}
	for _, tc := range cases {
		d := Decode(tc.in)
		if d.Kind != tc.kind {
			t.Errorf("%q: kind %s, want %s (%v)", tc.in, d.Kind, tc.kind, d.Problems)
			continue
		}
		if tc.problem == "" {
			if len(d.Problems) > 0 {
				t.Errorf("%q: unexpected problems %v", tc.in, d.Problems)
			}
			continue
		}
		found := false
		for _, p := range d.Problems {
			if p.Part == tc.part && strings.Contains(p.Message, tc.problem) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: problems %v, want one on the %s containing %q", tc.in, d.Problems, tc.part, tc.problem)
		}
	}
}

func TestDecodeMalformedKeepsWhatItCan(t *testing.T) {
	// The payload is cut mid-way, but the header is intact and shown.
	tok := b64(`{"alg":"RS256","kid":"abc"}`) + "." + b64(`{"sub":"auth0|1","name":"Al`) + ".c2ln"
	d := Decode(tok)
	if d.Kind != KindMalformed || d.Kid() != "abc" || d.Alg() != "RS256" {
		t.Fatalf("header lost: %s %v", d.Kind, d.Header)
	}
	if got := names(d.Claims); len(got) != 1 || got[0] != "sub" {
		t.Errorf("claims read before the break: %v", got)
	}
	if len(d.Problems) != 1 || d.Problems[0].Part != "payload" {
		t.Errorf("problems: %v", d.Problems)
	}
}

func TestDecodeRFC7519Example(t *testing.T) {
	// RFC 7519 3.1: the header and claims are sent with CRLF and spaces,
	// in this order; the raw JSON is kept as sent.
	d := Decode(rfc7515A1)
	if got := strings.Join(names(d.Header), ","); got != "typ,alg" {
		t.Errorf("header order %s", got)
	}
	if got := strings.Join(names(d.Claims), ","); got != "iss,exp,http://example.com/is_root" {
		t.Errorf("claims order %s", got)
	}
	if string(d.ClaimsJSON) != "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}" {
		t.Errorf("raw claims %q", d.ClaimsJSON)
	}
	exp, _ := d.Claim("exp")
	if !exp.IsTime || !exp.Time.Equal(time.Date(2011, 3, 22, 18, 43, 0, 0, time.UTC)) || exp.Text != "1300819380" {
		t.Errorf("exp: %+v", exp)
	}
	root, _ := d.Claim("http://example.com/is_root")
	if root.Value != true || !strings.Contains(root.Note, "namespaced") {
		t.Errorf("is_root: %+v", root)
	}
	if len(d.Signature) != 32 {
		t.Errorf("an HS256 signature has 32 bytes, got %d", len(d.Signature))
	}
}

func TestDecodeValuesAsSent(t *testing.T) {
	payload := `{"aud":["a","b"],"n":42,"f":1.5e3,"big":123456789012345678901234567890,"s":"3600",` +
		`"o":{"x":[1,{"y":null}]},"t":true,"z":null,"e":"caf\u00e9 \"q\"","https://example.com/roles":["admin"]}`
	d := Decode(unsigned(`{"alg":"RS256"}`, payload))
	if len(d.Problems) > 0 {
		t.Fatal(d.Problems)
	}
	want := []struct{ name, raw, text string }{
		{"aud", `["a","b"]`, `["a","b"]`},
		{"n", "42", "42"},
		{"f", "1.5e3", "1.5e3"},
		{"big", "123456789012345678901234567890", "123456789012345678901234567890"},
		{"s", `"3600"`, "3600"},
		{"o", `{"x":[1,{"y":null}]}`, `{"x":[1,{"y":null}]}`},
		{"t", "true", "true"},
		{"z", "null", "null"},
		{"e", `"caf\u00e9 \"q\""`, `café "q"`},
		{"https://example.com/roles", `["admin"]`, `["admin"]`},
	}
	if len(d.Claims) != len(want) {
		t.Fatalf("%d claims, want %d", len(d.Claims), len(want))
	}
	for i, w := range want {
		f := d.Claims[i]
		if f.Name != w.name || string(f.Raw) != w.raw || f.Text != w.text {
			t.Errorf("claim %d: %q raw %s text %q; want %q %s %q", i, f.Name, f.Raw, f.Text, w.name, w.raw, w.text)
		}
	}
	if n, ok := d.Claims[1].Value.(json.Number); !ok || n != "42" {
		t.Errorf("numbers stay as sent: %#v", d.Claims[1].Value)
	}
	if got := d.Audience(); strings.Join(got, ",") != "a,b" {
		t.Errorf("Audience() = %v", got)
	}
	if nested, ok := d.Claims[5].Value.(map[string]any); !ok || nested["x"] == nil {
		t.Errorf("nested object: %#v", d.Claims[5].Value)
	}
}

func TestDecodeTimeClaims(t *testing.T) {
	payload := `{"iat":1700000000,"nbf":"1700000000","exp":1700003600.5,"auth_time":"2023-11-14T22:13:20Z",` +
		`"updated_at":"2023-11-14T22:13:20.123Z","created_at":"2023-11-14T22:13:20.000Z","last_login":"2023-11-14T22:13:20Z",` +
		`"odd":1700000000,"bad":"x"}`
	d := Decode(unsigned(`{"alg":"RS256"}`, strings.Replace(payload, `,"bad":"x"`, `,"exp2":"soon"`, 1)))
	base := time.Unix(1700000000, 0).UTC()
	for name, want := range map[string]time.Time{
		"iat":        base,
		"nbf":        base,
		"exp":        base.Add(time.Hour + 500*time.Millisecond),
		"auth_time":  base,
		"updated_at": base.Add(123 * time.Millisecond),
		// Auth0's legacy profile sends these two as dates too.
		"created_at": base,
		"last_login": base,
	} {
		f, _ := d.Claim(name)
		if !f.IsTime || !f.Time.Equal(want) || f.Time.Location() != time.UTC {
			t.Errorf("%s: %v (IsTime %v), want %v", name, f.Time, f.IsTime, want)
		}
	}
	if f, _ := d.Claim("odd"); f.IsTime {
		t.Error("a claim that is not a time claim was read as one")
	}
	bad := Decode(unsigned(`{"alg":"RS256"}`, `{"exp":"tomorrow","iat":1e300}`))
	for _, name := range []string{"exp", "iat"} {
		if f, _ := bad.Claim(name); f.IsTime || !strings.Contains(f.Note, "could not read") {
			t.Errorf("unreadable %s: %+v", name, f)
		}
	}
	if bad.Lifetime().At(testNow).State != NoExpiry {
		t.Error("an unreadable exp is no expiry")
	}
}

func TestExpiryAt(t *testing.T) {
	iat := testNow
	l := Lifetime{IssuedAt: iat, ExpiresAt: iat.Add(10 * time.Minute)}
	cases := []struct {
		now   time.Time
		state ExpiryState
		text  string
		used  float64
	}{
		{iat, Valid, "expires in 10m0s", 0},
		{iat.Add(time.Minute + 500*time.Millisecond), Valid, "expires in 9m0s", 0.1 + 0.5/600},
		{iat.Add(5 * time.Minute), Valid, "expires in 5m0s", 0.5},
		{iat.Add(10*time.Minute - time.Millisecond), Valid, "expires in 1s", 1 - 0.001/600},
		{iat.Add(10 * time.Minute), Expired, "expired just now", 1},
		{iat.Add(13 * time.Minute), Expired, "expired 3m0s ago", 1},
		{iat.Add(-time.Minute), Valid, "expires in 11m0s", 0}, // a clock behind the server's
	}
	for _, tc := range cases {
		e := l.At(tc.now)
		if e.State != tc.state || e.String() != tc.text || !e.HasBounds || abs(e.Used-tc.used) > 1e-9 {
			t.Errorf("at +%s: %s %q used %.6f; want %s %q %.6f", tc.now.Sub(iat), e.State, e.String(), e.Used, tc.state, tc.text, tc.used)
		}
	}
	nbf := Lifetime{IssuedAt: iat, NotBefore: iat.Add(3 * time.Minute), ExpiresAt: iat.Add(time.Hour)}
	if e := nbf.At(iat); e.State != NotYetValid || e.String() != "not valid for another 3m0s" || e.Used != 0 {
		t.Errorf("before nbf: %+v %q", e, e)
	}
	if e := (Lifetime{IssuedAt: iat}).At(iat.Add(time.Hour)); e.State != NoExpiry || e.String() != "no expiry" || e.HasBounds {
		t.Errorf("no exp: %+v", e)
	}
	if e := (Lifetime{ExpiresAt: iat}).At(iat.Add(-time.Hour)); e.State != Valid || e.HasBounds {
		t.Errorf("exp without a start: %+v", e)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestExpiryAtAllocatesNothing(t *testing.T) {
	l := Lifetime{IssuedAt: testNow, ExpiresAt: testNow.Add(time.Hour)}
	if n := testing.AllocsPerRun(100, func() { _ = l.At(testNow.Add(time.Minute)) }); n != 0 {
		t.Errorf("Lifetime.At allocates %v times; the countdown calls it every second", n)
	}
}

func TestFormatDurationAndRelative(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                              "0s",
		12 * time.Second:               "12s",
		3*time.Minute + 12*time.Second: "3m12s",
		23*time.Hour + 59*time.Minute + 12*time.Second: "23h59m12s",
		50*time.Hour + 4*time.Minute + 59*time.Second:  "2d2h4m",
		812*24*time.Hour + 5*time.Hour + 7*time.Minute: "2y82d",
		364*24*time.Hour + 5*time.Hour:                 "364d5h",
		-90 * time.Second:                              "1m30s",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
	if got := Relative(testNow.Add(192*time.Second), testNow); got != "in 3m12s" {
		t.Error(got)
	}
	if got := Relative(testNow.Add(-192*time.Second), testNow); got != "3m12s ago" {
		t.Error(got)
	}
	if got := Relative(testNow.Add(300*time.Millisecond), testNow); got != "now" {
		t.Error(got)
	}
}

func TestDecodeLimits(t *testing.T) {
	huge := strings.Repeat("a", MaxTokenSize+1)
	d := Decode(huge)
	if d.Kind != KindMalformed || len(d.Problems) != 1 || !strings.Contains(d.Problems[0].Message, "512 KiB") || len(d.Raw) > 100 {
		t.Errorf("huge token: %v (raw %d bytes)", d.Problems, len(d.Raw))
	}
	if d.Size != MaxTokenSize+1 {
		t.Errorf("Size = %d", d.Size)
	}
	// What is kept of a huge token is whole characters, never half of one.
	for _, unit := range []string{"€", "🔑", "e\u0301", "🇫🇷"} {
		d := Decode(strings.Repeat(unit, MaxTokenSize/len(unit)+1))
		if !utf8.ValidString(d.Raw) || !strings.HasSuffix(d.Raw, "…") || !strings.HasPrefix(strings.Repeat(unit, 64), strings.TrimSuffix(d.Raw, "…")) || len(strings.TrimSuffix(d.Raw, "…"))%len(unit) != 0 {
			t.Errorf("a huge token of %q is kept as %q", unit, d.Raw)
		}
	}
	deep := `{"a":` + strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5) + `}`
	d = Decode(unsigned(`{"alg":"RS256"}`, deep))
	if d.Kind != KindMalformed || !strings.Contains(fmt.Sprint(d.Problems), "nests more than 64 levels") {
		t.Errorf("deep nesting: %v", d.Problems)
	}
	ok := `{"a":` + strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1) + `}`
	if d := Decode(unsigned(`{"alg":"RS256"}`, ok)); d.Kind != KindJWS {
		t.Errorf("nesting within the limit: %v", d.Problems)
	}
}

func TestDescribe(t *testing.T) {
	if s := Decode("kZfGcD8lS0Z6hN0g").Describe(); !strings.Contains(s, "16 characters") || !strings.Contains(s, "/userinfo") {
		t.Error(s)
	}
	if s := Decode(rfc7516A3).Describe(); !strings.Contains(s, "A128KW") || !strings.Contains(s, "A128CBC-HS256") ||
		!strings.Contains(s, "encrypted key 40 bytes, initialization vector 16, ciphertext 32, authentication tag 16") {
		t.Error(s)
	}
	if s := Decode(rfc7515A1).Describe(); !strings.Contains(s, "HS256") {
		t.Error(s)
	}
	// An unsigned token is not called signed, nor said to have a signature that could vouch for it.
	if s := Decode("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.").Describe(); !strings.Contains(s, "unsigned") || strings.Contains(s, "A signed") {
		t.Error(s)
	}
}

func TestExplain(t *testing.T) {
	for _, name := range []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "azp", "gty", "amr", "acr",
		"nonce", "at_hash", "sid", "scope", "permissions", "org_id", "auth_time", "updated_at", "email_verified"} {
		if ExplainClaim(name) == "" {
			t.Errorf("no word on claim %s", name)
		}
	}
	if !strings.Contains(ExplainClaim("https://example.com/roles"), "namespaced") {
		t.Error("namespaced claim")
	}
	if ExplainClaim("favourite_colour") != "" {
		t.Error("an unknown claim got a note")
	}
	for _, name := range []string{"alg", "kid", "typ", "x5t", "enc", "jku"} {
		if ExplainHeader(name) == "" {
			t.Errorf("no word on header %s", name)
		}
	}
}

func TestDecodeNotesOddClaims(t *testing.T) {
	d := Decode(unsigned(`{"alg":"RS256"}`, `{"sub":"a","exp":1795661400000,"sub":"b"}`))
	subs := 0
	for _, f := range d.Claims {
		if f.Name == "sub" && strings.Contains(f.Note, "sent more than once") {
			subs++
		}
	}
	if subs != 2 || d.ClaimString("sub") != "b" {
		t.Errorf("duplicate sub: %+v", d.Claims)
	}
	if exp, _ := d.Claim("exp"); !strings.Contains(exp.Note, "milliseconds") {
		t.Errorf("exp in milliseconds: %q", exp.Note)
	}
	// The same with many claims (the map path).
	var b strings.Builder
	b.WriteString(`{"a":1`)
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, `,"c%d":%d`, i, i)
	}
	b.WriteString(`,"a":2}`)
	d = Decode(unsigned(`{"alg":"RS256"}`, b.String()))
	if !strings.Contains(d.Claims[0].Note, "more than once") || !strings.Contains(d.Claims[len(d.Claims)-1].Note, "more than once") {
		t.Errorf("duplicates among many: %q / %q", d.Claims[0].Note, d.Claims[len(d.Claims)-1].Note)
	}
}

func TestExplainValue(t *testing.T) {
	d := Decode(unsigned(`{"alg":"none","typ":"at+jwt"}`, `{"gty":"password","amr":["pwd","mfa"],"email_verified":false,"x":"password"}`))
	notes := map[string]string{}
	for _, f := range append(d.Header, d.Claims...) {
		notes[f.Name] = f.Note
	}
	for name, want := range map[string]string{
		"typ":            "RFC 9068",
		"gty":            "Resource Owner password grant",
		"amr":            "pwd: a password; mfa: more than one factor",
		"email_verified": "not verified",
	} {
		if !strings.Contains(notes[name], want) {
			t.Errorf("%s: %q lacks %q", name, notes[name], want)
		}
	}
	if !strings.Contains(ExplainValue("alg", "none"), "unsigned") || !strings.Contains(ExplainValue("alg", "RS256"), "JWKS") {
		t.Error("alg values")
	}
	if notes["x"] != "" {
		t.Errorf("an unknown claim got a note: %q", notes["x"])
	}
}
