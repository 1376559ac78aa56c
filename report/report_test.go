package report

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

var now = time.Date(2026, 11, 25, 17, 30, 0, 0, time.UTC)

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// jwt builds a JWS from raw JSON texts (so that hostile names survive as sent).
func jwt(header, claims, sig string) string {
	return b64(header) + "." + b64(claims) + "." + sig
}

// assertSafe fails when md holds a control or bidirectional character, or is
// not UTF-8: the report must be harmless in a terminal (cat) and an editor.
func assertSafe(t *testing.T, md string) {
	t.Helper()
	if !utf8.ValidString(md) {
		t.Error("the report is not valid UTF-8")
	}
	for i := 0; i < len(md); i++ {
		if c := md[i]; (c < 0x20 && c != '\n') || c == 0x7f {
			t.Errorf("byte 0x%02x at %d: %q", c, i, around(md, i))
			return
		}
	}
	for i, r := range md {
		if (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c {
			t.Errorf("rune %U at %d: %q", r, i, around(md, i))
			return
		}
	}
}

// assertAbsent fails when md contains any of the strings.
func assertAbsent(t *testing.T, md string, what string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s == "" {
			t.Fatalf("%s: empty string given as a secret; the test is wrong", what)
		}
		if i := strings.Index(md, s); i >= 0 {
			t.Errorf("the report contains %s (%.20q…) at byte %d: %q", what, s, i, around(md, i))
		}
	}
}

func around(s string, i int) string {
	lo, hi := max(0, i-40), min(len(s), i+60)
	return s[lo:hi]
}

// hostile tokens: what an attacker (or a broken server) can put in front of
// a support engineer.
var (
	hostileSig = b64(strings.Repeat("SIGNATURE-HOSTILE-", 4))
	hostile    = jwt(
		`{"alg":"RS256","kid":"\u001b]52;c;cHduZWQ=\u0007","typ":"JWT\u009b2J"}`,
		`{"sub":"auth0|1","na\u001b[31mme":"Eve \u202egnp.exe\u202c","iss":"https://evil.test/","note":"line1\nline2\r| fake | row |","html":"<img src=x onerror=alert(1)> [click](javascript:alert(1)) &#x1b; `+"`code`"+`","bidi\u2066":"x\u2069","del":"a\u007fb","exp":1764092100,"iat":1764091500}`,
		hostileSig)
	bigClaim  = strings.Repeat("A", 100_000)
	bigSig    = b64("BIG-SIGNATURE-0123456789-abcdefghijklmnop")
	bigToken  = jwt(`{"alg":"HS256"}`, `{"sub":"big","blob":"`+bigClaim+`"}`, bigSig)
	jwe       = b64(`{"alg":"RSA-OAEP","enc":"A256GCM","kid":"k\u001b[2J"}`) + "." + b64("ENCRYPTED-KEY-0123456789") + "." + b64("IV-0123456789ab") + "." + b64("CIPHERTEXT-SECRET-0123456789") + "." + b64("AUTH-TAG-0123456789")
	malformed = b64(`{"alg":"RS256"}`) + ".%%%not-base64\x1b[31m." + b64("MALFORMED-SIG-0123456789")
	opaque    = "q8Zk3vXw9PmN2aLbC4dE5fG6hJ7kL8mN"
)

func TestHostileTokens(t *testing.T) {
	for _, c := range []struct {
		name    string
		raw     string
		secrets []string // must not appear
		want    []string // must appear (what a person needs)
	}{
		{"escapes and bidi", hostile, []string{hostile, hostileSig},
			[]string{"## Token", "### Claims", `\x1b`, `\u202e`, "`auth0\\|1`", "expired"}},
		{"100 KB claim", bigToken, []string{bigToken, bigSig, strings.Repeat("A", maxValue+1)},
			[]string{"cut: 100000 characters in all", "`big`"}},
		{"JWE", jwe, []string{jwe, b64("CIPHERTEXT-SECRET-0123456789"), b64("ENCRYPTED-KEY-0123456789"), b64("AUTH-TAG-0123456789")},
			[]string{"encrypted JWT (JWE)", "A256GCM", "### Header"}},
		{"malformed", malformed, []string{malformed, b64("MALFORMED-SIG-0123456789")},
			[]string{"### Problems", "malformed"}},
		{"opaque", opaque, []string{opaque, opaque[8:]},
			[]string{"opaque", "(32 characters)"}},
		{"garbage", "\x1b]0;pwned\x07\u202e\x9b", nil, []string{"### Problems"}},
		// A long value is cut between characters: the last letter keeps its
		// accent, and the length is in characters, not bytes.
		{"accents cut", jwt(`{"alg":"HS256"}`, `{"sub":"x`+strings.Repeat("e\u0301", 1000)+`"}`, bigSig), nil,
			[]string{"e\u0301… (cut: 2001 characters in all)"}},
		// Too large to decode: its size is the input's, in bytes.
		{"larger than a token can be", strings.Repeat("€", jwtview.MaxTokenSize/3+1), nil,
			[]string{fmt.Sprintf("(%d bytes)", (jwtview.MaxTokenSize/3+1)*3)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := ForToken(c.raw, now)
			md := r.Markdown()
			assertSafe(t, md)
			if len(c.secrets) > 0 {
				assertAbsent(t, md, "the token or a secret part of it", c.secrets...)
			}
			for _, w := range c.want {
				if !strings.Contains(md, w) {
					t.Errorf("the report lacks %q", w)
				}
			}
			if len(md) > 60_000 {
				t.Errorf("the report is %d bytes: a value was not cut", len(md))
			}
		})
	}
}

// The hostile claims cannot forge Markdown structure: no new table row, no
// live link, no HTML, no heading.
func TestHostileMarkdownIsInert(t *testing.T) {
	md := ForToken(hostile, now).Markdown()
	prose := outsideCode(md)
	for _, bad := range []string{"\n| fake", "](javascript:", "<img", "&#x1b;"} {
		if strings.Contains(prose, bad) {
			t.Errorf("hostile text is live Markdown: %q in\n%s", bad, md)
		}
	}
	var headings []string
	for _, line := range strings.Split(prose, "\n") {
		if strings.HasPrefix(line, "#") {
			headings = append(headings, line)
		}
		if strings.HasPrefix(line, "| ") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 4 {
			t.Errorf("a table row has the wrong number of cells: %q", line)
		}
	}
	if want := []string{"# rotui report", "## Token", "### Header", "### Claims"}; !slices.Equal(headings, want) {
		t.Errorf("headings %q, want %q", headings, want)
	}
}

// outsideCode removes code spans and fenced blocks, where text is shown
// literally, leaving what a Markdown renderer interprets.
func outsideCode(md string) string {
	var b strings.Builder
	for i := 0; i < len(md); {
		if md[i] != '`' {
			b.WriteByte(md[i])
			i++
			continue
		}
		n := 0
		for i+n < len(md) && md[i+n] == '`' {
			n++
		}
		// Find the closing run of exactly n backticks.
		j := i + n
		for j < len(md) {
			k := strings.IndexByte(md[j:], '`')
			if k < 0 {
				j = len(md)
				break
			}
			j += k
			m := 0
			for j+m < len(md) && md[j+m] == '`' {
				m++
			}
			if m == n {
				j += m
				break
			}
			j += m
		}
		b.WriteString("CODE")
		i = j
	}
	return b.String()
}

func TestCodeSpanFence(t *testing.T) {
	for _, s := range []string{"plain", "a`b", "``x``", "`", "a | b", " lead"} {
		got := codeSpan(s, true)
		n := longestRun(s, '`') + 1
		fence := strings.Repeat("`", n)
		if !strings.HasPrefix(got, fence) || !strings.HasSuffix(got, fence) || strings.HasPrefix(got, fence+"`") {
			t.Errorf("codeSpan(%q) = %q: fence should be %d backticks", s, got, n)
		}
		if strings.Contains(strings.ReplaceAll(got, `\|`, ""), "|") {
			t.Errorf("codeSpan(%q) in a table leaves a bare pipe: %q", s, got)
		}
	}
}

func TestShorten(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "eyJhbGciOiJS… (49 characters)"},
		{"q8Zk3vXw9PmN2aLbC4dE5fG6hJ7kL8mN", "q8Zk3vXw… (32 characters)"},
		{"short-opaque", "(12 characters)"},
		{"\x1b[31mAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "(37 characters)"},
		// Lengths are counted in characters, not bytes, and the start
		// shown stops before the first character tokens are not made of.
		{strings.Repeat("€", 40), "(40 characters)"},
		{"eyJhbGci" + strings.Repeat("🔑", 40), "eyJhbGci… (48 characters)"},
		{strings.Repeat("e\u0301", 20), "(40 characters)"},
	} {
		if got := Shorten(c.in); got != c.want {
			t.Errorf("Shorten(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A real login against the demo tenant: every secret masked, no token whole.
func TestDemoLogin(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{RequireBearer: true})
	const bearer = "demo-bearer-SECRET-0123456789"
	req := ro.Request{
		Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password, Bearer: bearer,
		Scope: "openid profile email offline_access", Device: rotest.DemoDevice,
	}
	ctx := context.Background()
	ex, err := ro.NewClient(ro.ClientOptions{}).Login(ctx, req)
	if err != nil {
		t.Fatalf("demo login: %v", err)
	}
	tr := ex.Tokens
	if tr.AccessToken == "" || tr.IDToken == "" || tr.RefreshToken == "" {
		t.Fatalf("the demo should return access, ID and refresh tokens: %+v", tr)
	}
	r := New(ex, time.Now())
	id := jwtview.Decode(tr.IDToken)
	v := jwtview.Verify(ctx, id, jwtview.VerifyOptions{Discover: true, Issuer: srv.URL + "/", Audience: rotest.ClientID, Now: time.Now()})
	if !r.Verified(LabelID, v) {
		t.Fatal("Verified found no ID token")
	}
	ui, err := ro.NewClient(ro.ClientOptions{}).UserInfo(ctx, srv.URL, false, tr.AccessToken)
	if err != nil {
		t.Fatalf("/userinfo: %v", err)
	}
	r.UserInfo = ui
	r.Secrets = []string{rotest.HS256Secret}
	r.Findings = []inspect.Finding{{Name: "expires_in", Level: inspect.LevelOK, Detail: "matches exp − iat"}}
	r.Version = "test"
	md := r.Markdown()

	assertSafe(t, md)
	idParts := strings.Split(tr.IDToken, ".")
	assertAbsent(t, md, "the password", rotest.Password)
	assertAbsent(t, md, "the bearer", bearer)
	assertAbsent(t, md, "the client secret", rotest.HS256Secret)
	assertAbsent(t, md, "a whole token", tr.AccessToken, tr.IDToken, tr.RefreshToken)
	assertAbsent(t, md, "the ID token's signature", idParts[2])
	assertAbsent(t, md, "the ID token's signed part", idParts[0]+"."+idParts[1])
	for _, want := range []string{
		"## Call", "`ro`", "HTTP 200 OK", "### Request (secrets masked)", "### Response",
		"Authorization: Bearer " + ro.Mask, `"password": "` + ro.Mask + `"`,
		"## Access token", "## ID token", "## Refresh token", "### Claims", "`alice@example.com`",
		"| signature | passed |", "Rate limit", "exp ", "UTC (in ", "## Consistency checks", "A refresh token of",
		`"id_token": "eyJhbGciOiJS… (`, `"refresh_token": "`,
		"## /userinfo", "GET " + srv.URL + "/userinfo", `"nickname": "alice"`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("report:\n%s", md)
	}
}

// A refused login: the error, its hint and the masked request are there.
func TestDemoWrongPassword(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	const wrong = "not-the-password-xyz"
	ex, err := ro.NewClient(ro.ClientOptions{}).Login(context.Background(), ro.Request{
		Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: wrong, Scope: "openid",
	})
	if ex == nil || err == nil {
		t.Fatalf("a wrong password should fail with an exchange: %v", err)
	}
	md := New(ex, time.Now()).Markdown()
	assertSafe(t, md)
	assertAbsent(t, md, "the password", wrong)
	for _, want := range []string{"### Error", "invalid_user_password", "**Hint:**", "HTTP 401"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}

// Secrets are removed even where they were not expected: a server that
// echoes the password, or a claim that holds the bearer.
func TestSecretsScrubbedEverywhere(t *testing.T) {
	const pw = "echoed-Pa55word"
	body := `{"error":"invalid_request","error_description":"bad password echoed-Pa55word","mfa_token":"MFA-TOKEN-0123456789"}`
	ex := &ro.Exchange{
		Flow: ro.FlowRO, Status: 400,
		Request: ro.SentRequest{Method: "POST", URL: "https://acme.test/oauth/ro",
			Header: map[string][]string{"Content-Type": {"application/x-www-form-urlencoded"}},
			Body:   []byte("client_id=abc&password=" + pw + "&username=u")},
		Header: map[string][]string{"Set-Cookie": {"did=SESSION-COOKIE-0123; Path=/"}},
		Body:   []byte(body),
		Err:    &ro.APIError{Status: 400, Code: "invalid_request", Description: "bad password " + pw, MFAToken: "MFA-TOKEN-0123456789"},
	}
	r := New(ex, now)
	tok := jwt(`{"alg":"HS256"}`, `{"sub":"x","leak":"client-secret-LEAK-99"}`, b64("sig-0123456789"))
	r.Tokens = append(r.Tokens, Token{Label: "Pasted", Token: jwtview.Decode(tok)})
	r.Secrets = []string{"client-secret-LEAK-99"}
	md := r.Markdown()
	assertSafe(t, md)
	assertAbsent(t, md, "a secret", pw, "MFA-TOKEN-0123456789", "SESSION-COOKIE-0123", "client-secret-LEAK-99", b64("sig-0123456789"))
	if !strings.Contains(md, Removed) || !strings.Contains(md, "did="+ro.Mask) || !strings.Contains(md, `"mfa_token": "`+ro.Mask+`"`) {
		t.Errorf("the secrets should read as removed or masked:\n%s", md)
	}
}

func TestNetworkError(t *testing.T) {
	ex := &ro.Exchange{Flow: ro.FlowRealm, Request: ro.SentRequest{Method: "POST", URL: "https://down.test/oauth/token"},
		Err: &ro.NetworkError{Op: "connect", URL: "https://down.test/oauth/token", Timeout: true}}
	md := New(ex, now).Markdown()
	assertSafe(t, md)
	for _, want := range []string{"no answer", "**Status:** no answer", "`realm`"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "### Response") {
		t.Error("a call with no answer has no response section")
	}
}

func TestRewriteJSONKeepsOrder(t *testing.T) {
	in := `{"z":1,"access_token":"abcdefghijklmnopqrstuvwxyz","a":[{"id_token":"x"},true,null,"s"],"n":{"password":"p"}}`
	out, ok := rewriteJSON([]byte(in), shortenTokenFields)
	if !ok {
		t.Fatal("valid JSON was not rewritten")
	}
	want := `{"z":1,"access_token":"abcdef… (26 characters)","a":[{"id_token":"(1 characters)"},true,null,"s"],"n":{"password":"********"}}`
	if string(out) != want {
		t.Errorf("rewriteJSON\n got %s\nwant %s", out, want)
	}
	if !json.Valid(out) {
		t.Error("the rewritten JSON is not valid")
	}
	for _, bad := range []string{`{"a":1} {"b":2}`, `{"a":`, `not json`, ``} {
		if _, ok := rewriteJSON([]byte(bad), shortenTokenFields); ok {
			t.Errorf("rewriteJSON(%q) should fail", bad)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.md")
	os.WriteFile(path, []byte("old"), 0o644)
	got, err := ForToken(opaque, now).Write(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != path {
		t.Errorf("Write returned %q, want %q", got, path)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != FileMode {
		t.Errorf("report mode %04o, want 0600", info.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "# rotui report") {
		t.Errorf("the file holds %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a temporary file was left behind: %d entries", len(entries))
	}
	if _, err := WriteFile(dir, "x"); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("writing to a folder: %v", err)
	}
	if _, err := WriteFile(filepath.Join(dir, "missing", "r.md"), "x"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("writing into a missing folder: %v", err)
	}
	if name := DefaultFileName(now); name != "rotui-report-20261125-173000.md" {
		t.Errorf("DefaultFileName = %q", name)
	}
}

// The layout of a report is reviewed as a golden file.
func TestGolden(t *testing.T) {
	header := `{"alg":"RS256","typ":"JWT","kid":"demo-key-1"}`
	claims := fmt.Sprintf(`{"iss":"https://acme.us.auth0.com/","sub":"auth0|alice","aud":"rotui-demo","iat":%d,"exp":%d,"name":"Alice","email":"alice@example.com"}`,
		now.Add(-time.Minute).Unix(), now.Add(9*time.Minute).Unix())
	id := jwt(header, claims, b64("golden-signature-0123456789"))
	body, _ := json.Marshal(map[string]any{"access_token": opaque, "id_token": id, "token_type": "bearer", "expires_in": 600})
	ex := &ro.Exchange{
		Flow: ro.FlowRO, Status: 200, Started: now.Add(-2*time.Second - 123*time.Millisecond), Latency: 123 * time.Millisecond,
		Request: ro.SentRequest{Method: "POST", URL: "https://acme.us.auth0.com/oauth/ro",
			Header: map[string][]string{"Content-Type": {"application/json"}},
			Body:   []byte(`{"client_id":"rotui-demo","username":"alice@example.com","password":"wonderland","connection":"Username-Password-Authentication","grant_type":"password","scope":"openid profile email"}`)},
		Header:     map[string][]string{"Content-Type": {"application/json"}, "X-Ratelimit-Limit": {"10"}},
		Body:       body,
		ServerDate: now.Add(-2 * time.Second),
		RateLimit:  ro.RateLimit{Present: true, HasLimit: true, HasRemaining: true, Limit: 10, Remaining: 9, Reset: now.Add(40 * time.Second)},
		Tokens:     &ro.TokenResponse{AccessToken: opaque, IDToken: id, TokenType: "bearer", ExpiresIn: 600, HasExpiresIn: true},
	}
	r := New(ex, now)
	r.Verified(LabelID, jwtview.Verification{Checks: []jwtview.Check{
		{Name: "signature", Outcome: jwtview.Passed, Reason: "verified with key demo-key-1"},
		{Name: "issuer", Outcome: jwtview.Passed, Reason: "https://acme.us.auth0.com/ as expected"},
	}})
	md := r.Markdown()
	assertSafe(t, md)
	assertAbsent(t, md, "a secret", "wonderland", id, opaque, b64("golden-signature-0123456789"))

	// jwtview owns the words on claims and kinds; the golden file is about
	// the report's layout, so their text is replaced by a marker.
	for _, tok := range r.Tokens {
		md = strings.ReplaceAll(md, text(describe(tok)), "(jwtview's description)")
		for _, f := range append(slices.Clone(tok.Token.Header), tok.Token.Claims...) {
			if f.Note != "" {
				md = strings.ReplaceAll(md, "| "+text(f.Note)+" |", "| (jwtview's note) |")
			}
		}
	}

	golden.RequireEqual(t, md)
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{hostile, jwe, malformed, opaque, "", "a.b.c", "\x9b\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		md := ForToken(raw, now).Markdown()
		assertSafe(t, md)
		if len(raw) >= 40 && strings.Count(raw, ".") == 2 {
			if sig := strings.Split(raw, ".")[2]; len(sig) >= minSecret {
				assertAbsent(t, md, "the signature", sig)
			}
		}
	})
}

func BenchmarkMarkdownBigToken(b *testing.B) {
	r := ForToken(bigToken, now)
	for b.Loop() {
		_ = r.Markdown()
	}
}

// corpus reads the tokens of jwtview's fuzz corpus (the odd and hostile
// inputs its decoder was tested on), so the report is tested on them too.
func corpus(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join("..", "jwtview", "testdata", "fuzz", "FuzzDecode", "*"))
	var out []string
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if lit, ok := strings.CutPrefix(line, "string("); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(lit, ")")); err == nil {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func TestJWTViewCorpus(t *testing.T) {
	tokens := append(corpus(t), hostile, bigToken, jwe, malformed, opaque)
	if len(tokens) < 10 {
		t.Fatalf("only %d tokens to test: jwtview's corpus is missing", len(tokens))
	}
	for _, raw := range tokens {
		md := ForToken(raw, now).Markdown()
		assertSafe(t, md)
		trimmed := jwtview.Trim(raw)
		if len(trimmed) >= minSecret {
			assertAbsent(t, md, "the whole token", trimmed)
		}
		for _, part := range tokenParts(trimmed) {
			if len(part) >= minSecret {
				assertAbsent(t, md, "a signature or encrypted part", part)
			}
		}
	}
}

// A refused /userinfo shows its error and WWW-Authenticate, never the token sent.
func TestUserInfoRefused(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	const stale = "stale-access-token-0123456789"
	ui, err := ro.NewClient(ro.ClientOptions{}).UserInfo(context.Background(), srv.URL, false, stale)
	if ui == nil || err == nil {
		t.Fatalf("/userinfo with an unknown token should be refused with an exchange: %v", err)
	}
	r := ForToken(stale, now)
	r.UserInfo = ui
	md := r.Markdown()
	assertSafe(t, md)
	assertAbsent(t, md, "the access token", stale)
	for _, want := range []string{"## /userinfo", "HTTP 401", "### Error", "Www-Authenticate: ", "\nUnauthorized\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}

func TestPrettyBody(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"b":1,"password":"p"}`, "{\n  \"b\": 1,\n  \"password\": \"********\"\n}"},
		{"client_id=abc&password=hunter2&scope=openid+email", "client_id=abc\npassword=********\nscope=openid+email\n"},
		{"Unauthorized", "Unauthorized"},
		{"<html>a=b</html>", "<html>a=b</html>"},
	} {
		if got := prettyBody([]byte(c.in), nil); got != c.want {
			t.Errorf("prettyBody(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A legacy HS256 client: its ID token verified with the client secret, which
// the report must not show.
func TestDemoLoginHS256(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	ctx := context.Background()
	ex, err := ro.NewClient(ro.ClientOptions{}).Login(ctx, ro.Request{
		Domain: srv.URL, ClientID: rotest.ClientIDHS256, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password, Scope: "openid email",
	})
	if err != nil {
		t.Fatalf("demo login: %v", err)
	}
	r := New(ex, time.Now())
	id := jwtview.Decode(ex.Tokens.IDToken)
	v := jwtview.Verify(ctx, id, jwtview.VerifyOptions{Secret: []byte(rotest.HS256Secret), Issuer: srv.URL + "/", Audience: rotest.ClientIDHS256, Now: time.Now()})
	if !v.OK() {
		t.Fatalf("the HS256 ID token should verify with the client secret: %+v", v)
	}
	r.Verified(LabelID, v)
	r.Secrets = []string{rotest.HS256Secret}
	md := r.Markdown()
	assertSafe(t, md)
	assertAbsent(t, md, "a secret or token", rotest.HS256Secret, rotest.Password, ex.Tokens.IDToken, strings.Split(ex.Tokens.IDToken, ".")[2])
	if !strings.Contains(md, "| signature | passed |") || !strings.Contains(md, "alg `HS256`") {
		t.Errorf("the report should show the HS256 token verified:\n%s", md)
	}
}

// Any header and claims JSON: the report stays safe, keeps its tables whole
// and never shows the signature.
func FuzzMarkdownClaims(f *testing.F) {
	f.Add(`{"alg":"RS256","kid":"k"}`, "{\"sub\":\"a|b\",\"x\":\"\\u001b[2J\",\"`\":\"``\"}")
	f.Add(`{"alg":"none"}`, `{"exp":1e999,"n":"line\nbreak\r\u202e"}`)
	f.Add(`{}`, `{"a":{"b":[1,"|",{"c":"\\|"}]}}`)
	sig := b64("FUZZ-SIGNATURE-0123456789")
	f.Fuzz(func(t *testing.T, header, claims string) {
		md := ForToken(jwt(header, claims, sig), now).Markdown()
		assertSafe(t, md)
		assertAbsent(t, md, "the signature", sig)
		for _, line := range strings.Split(outsideCode(md), "\n") {
			if strings.HasPrefix(line, "| ") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 4 {
				t.Fatalf("a table row has the wrong number of cells: %q", line)
			}
		}
	})
}

// An expires_in that was sent but could not be read is said, not left out
// as if the answer had none.
func TestReportSaysExpiresInIsOutOfRange(t *testing.T) {
	for body, want := range map[string]string{
		`{"access_token":"` + opaque + `","expires_in":1e308}`:    `expires\_in 1e308 is out of range`,
		`{"access_token":"` + opaque + `","expires_in":"soon"}`:   `expires\_in is not a number of seconds`,
		`{"access_token":"` + opaque + `","expires_in":600}`:      `- **expires\_in:** 600 s: the access token expires`,
		`{"access_token":"` + opaque + `","token_type":"bearer"}`: "", // nothing said, nothing to say
	} {
		tr, err := ro.ParseTokenResponse([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		ex := &ro.Exchange{Flow: ro.FlowRO, Status: 200, Started: now, Body: []byte(body), Tokens: tr,
			Request: ro.SentRequest{Method: "POST", URL: "https://acme.us.auth0.com/oauth/ro"}}
		md := New(ex, now).Markdown()
		assertSafe(t, md)
		if want != "" && !strings.Contains(md, want) || want == "" && strings.Contains(md, "**expires") {
			t.Errorf("%s: the report should say %q:\n%s", body, want, md)
		}
	}
}

// A report is read later than it is written: it gives absolute UTC times
// with their distance from when it was written (never "in 9m" or "ago"),
// and opens with a one-line verdict.
func TestReportTimesAreAbsoluteAndAVerdictComesFirst(t *testing.T) {
	header := `{"alg":"RS256","typ":"JWT","kid":"demo-key-1"}`
	claims := fmt.Sprintf(`{"iss":"https://acme.us.auth0.com/","sub":"auth0|alice","aud":"rotui-demo","iat":%d,"exp":%d}`,
		now.Add(-time.Minute).Unix(), now.Add(9*time.Minute).Unix())
	r := ForToken(jwt(header, claims, b64("sig-0123456789")), now)
	r.Verified(LabelPasted, jwtview.Verification{Checks: []jwtview.Check{{Name: "signature", Outcome: jwtview.Passed, Reason: "verified"}}})
	md := r.Markdown()
	lines := strings.Split(md, "\n")
	if want := "**✓ Token for rotui-demo, signature verified, expires " + now.Add(9*time.Minute).UTC().Format("2006-01-02 15:04:05 UTC") + "**"; lines[2] != want {
		t.Errorf("the first line after the title is %q, want %q", lines[2], want)
	}
	for _, rel := range []string{"(in ", " ago)", "expires in"} {
		if strings.Contains(md, rel) {
			t.Errorf("the report holds a relative time %q:\n%s", rel, md)
		}
	}
	if !strings.Contains(md, "9m0s after this report was written") {
		t.Errorf("the report does not say how long after it was written the token expires:\n%s", md)
	}
}

// An MFA enrolment's key and otpauth:// URI (a0.mfa_registration_required)
// let anyone make the user's codes: a report of that answer, as the TUI's
// w writes it, holds neither.
func TestEnrolmentSecretsAreMasked(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	req := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserEnroll, Password: rotest.Password, Scope: "openid"}
	ex, _ := ro.NewClient(ro.ClientOptions{}).Login(context.Background(), req)
	if ex == nil || !strings.Contains(string(ex.Body), rotest.MFAEnrollKey) {
		t.Fatal("the demo's enrolment answer holds no key")
	}
	md := New(ex, now).Markdown()
	assertAbsent(t, md, "the enrolment", rotest.MFAEnrollKey, "otpauth://totp")
	if !strings.Contains(md, `"key": "`+ro.Mask+`"`) || !strings.Contains(md, "google-authenticator") {
		t.Errorf("the key should read as masked, the provider as sent:\n%s", md)
	}
}

// TestReportOfARefresh: a refresh's report says it is one, where the
// refresh token went and why, what expires_in is about (/delegation
// answers an ID token alone: no access token to expire), and carries the
// checks as the inspection made them.
func TestReportOfARefresh(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	ctx := context.Background()
	c := ro.NewClient(ro.ClientOptions{})
	for _, flow := range []ro.Flow{ro.FlowRO, ro.FlowRealm} {
		t.Run(flow.String(), func(t *testing.T) {
			login := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection,
				Username: rotest.UserAlice, Password: rotest.Password, Scope: "openid email offline_access", Device: rotest.DemoDevice}.AsFlow(flow)
			lex, err := c.Login(ctx, login)
			if err != nil {
				t.Fatal(err)
			}
			r := login.RefreshWith(lex.Tokens.RefreshToken)
			ex, err := c.Refresh(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			insp := inspect.New(inspect.Input{Request: r.AsRequest(), Exchange: ex, Now: time.Now()})
			md := FromInspection(insp).Markdown()
			route := flow.RefreshRoute()
			for _, want := range []string{
				"- **Refresh:** the refresh token from the " + code(flow.String()) + " flow, through " + text(route.Endpoint) + ": ",
				text(route.Why),
			} {
				if !strings.Contains(md, want) {
					t.Errorf("the report lacks %q", want)
				}
			}
			if strings.Contains(md, "**Flow:**") {
				t.Error("the report calls a refresh a login's flow")
			}
			if ex.Tokens.AccessToken == "" && strings.Contains(md, "access token expires") {
				t.Error("the report says an access token expires, and /delegation returned none")
			}
			if flow == ro.FlowRO && !strings.Contains(md, "the ID token (the answer's only token) expires") {
				t.Error("the report does not say expires_in is the ID token's")
			}
			for _, f := range insp.Findings {
				if row := "| " + text(f.Name) + " | " + f.Level.String() + " | " + text(f.Detail) + " |"; !strings.Contains(md, row) {
					t.Errorf("the report lacks the check %q", row)
				}
			}
			if t.Failed() {
				t.Logf("report:\n%s", md)
			}
		})
	}
}

// TestReportCallsAnUnsignedJWTUnsigned: a pasted JWT with alg none is
// "unsigned (alg none)" in the verdict and its Kind line, never signed.
func TestReportCallsAnUnsignedJWTUnsigned(t *testing.T) {
	md := ForToken(jwt(`{"alg":"none","typ":"JWT"}`, `{"sub":"a","aud":"x"}`, ""), time.Now()).Markdown()
	for _, want := range []string{"Token for x, unsigned (alg none)", "- **Kind:** unsigned JWT (alg none)"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "signed JWT (JWS)") || strings.Contains(md, "signature not checked") {
		t.Errorf("the report calls it signed:\n%s", md)
	}
}

// A refused login's verdict says its checks covered the clock alone, not
// "all consistent", which read as if the answer had been checked and passed.
func TestReportVerdictOfARefusalSaysWhatWasChecked(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	for _, user := range []string{rotest.UserAlice, rotest.UserMFA} {
		req := ro.Request{Domain: srv.URL, ClientID: rotest.ClientID, Connection: rotest.Connection, Username: user, Password: "not-the-password-xyz", Scope: "openid"}
		if user == rotest.UserMFA {
			req.Password = rotest.Password
		}
		ex, _ := ro.NewClient(ro.ClientOptions{}).Login(context.Background(), req)
		md := FromInspection(inspect.New(inspect.Input{Request: req, Exchange: ex, Now: time.Now()})).Markdown()
		if !strings.Contains(md, "checks: only the clock, since no tokens came back") || strings.Contains(md, "all consistent") {
			t.Errorf("%s: the verdict should say only the clock was checked:\n%s", user, md)
		}
	}
}

// The report says which X-RateLimit-* headers could not be read, as sent.
func TestReportRateLimitSaysWhatCannotBeRead(t *testing.T) {
	ex := &ro.Exchange{Flow: ro.FlowRO, Status: 429, Started: time.Unix(1800000000, 0),
		Request:   ro.SentRequest{Method: "POST", URL: "https://acme.example/oauth/ro"},
		RateLimit: ro.RateLimit{Present: true, HasLimit: true, Limit: 100, Unreadable: []string{`X-RateLimit-Remaining "-5"`, `X-RateLimit-Reset "99999999999999999999"`}},
		Err:       &ro.APIError{Status: 429, Code: "too_many_requests"}}
	md := New(ex, time.Unix(1800000000, 0)).Markdown()
	if !strings.Contains(md, `**Rate limit:** limit 100; unreadable: X-RateLimit-Remaining`) || strings.Contains(md, "0 of 100 left") {
		t.Errorf("the report should say which headers could not be read:\n%s", md)
	}
	ex.RateLimit = ro.RateLimit{Unreadable: []string{`X-RateLimit-Limit "abc"`}}
	if md := New(ex, time.Unix(1800000000, 0)).Markdown(); !strings.Contains(md, `**Rate limit:** unreadable: X-RateLimit-Limit`) {
		t.Errorf("a rate limit of unreadable headers alone is not shown:\n%s", md)
	}
}
