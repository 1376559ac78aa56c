package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/internal/fixture"
)

// runDiffArgs runs `rotui diff args…` with stdin, at decodeNow.
func runDiffArgs(t *testing.T, stdin string, args ...string) decodeRun {
	t.Helper()
	var out, errb bytes.Buffer
	s := streams{In: strings.NewReader(stdin), Out: &out, Err: &errb, Getenv: func(string) string { return "" }}
	code := execute(append([]string{"diff"}, args...), s, deps{decode: decodeDeps{Now: func() time.Time { return decodeNow }, ReadFile: os.ReadFile}})
	return decodeRun{code, out.String(), errb.String()}
}

// diffPair is two HS256 tokens of one login, before and after a change: a
// claim added, one removed, one changed, times moved, a number written
// another way and an object with its members in another order.
func diffPair() (string, string) {
	iat := decodeNow.Add(-10 * time.Minute).Unix()
	a := decodeHS256(`{"alg":"HS256","typ":"JWT"}`,
		`{"iss":"https://acme.us.auth0.com/","sub":"auth0|1","aud":"rotui-demo","iat":`+decodeItoa(iat)+`,"exp":`+decodeItoa(iat+600)+
			`,"nickname":"alice","role":"user","n":1,"o":{"a":1,"b":2}}`, decodeTestSecret)
	b := decodeHS256(`{"alg":"HS256","typ":"JWT","kid":"k2"}`,
		`{"iss":"https://acme.us.auth0.com/","sub":"auth0|1","aud":"rotui-demo","iat":`+decodeItoa(iat+3600)+`,"exp":`+decodeItoa(iat+3600+7200)+
			`,"role":"admin","n":1.0,"o":{"b":2,"a":1},"email":"alice@example.com"}`, decodeTestSecret)
	return a, b
}

// What `rotui diff` says and its exit status, for tokens given every way
// (an argument, a file, stdin) and of every kind.
func TestDiff(t *testing.T) {
	a, b := diffPair()
	dir := t.TempDir()
	fileB := filepath.Join(dir, "after.jwt")
	if err := os.WriteFile(fileB, []byte(b+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	jwe := decodeB64(`{"alg":"RSA-OAEP","enc":"A256GCM"}`) + ".a2V5.aXY.Y2lwaGVy.dGFn"
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		out   []string // pieces of stdout
		err   []string // pieces of stderr ("" for none at all)
	}{
		{
			name: "two tokens", args: []string{a, b}, code: 0,
			out: []string{
				"A  signed JWT (JWS), ", "B  signed JWT (JWS), ",
				"Header  1 added, 2 same\n  + kid  k2\n  = same: alg, typ\n",
				"  ~ iat       ", " → ", "  (iat 1h0m0s later)\n",
				"  ~ exp       ", "  (exp 2h50m0s later)\n",
				"  - nickname  alice\n", "  ~ role      user → admin\n", "  + email     alice@example.com\n",
				"  = same: iss, sub, aud, n, o\n",
				"lifetime   A lives 10m0s, B 2h0m0s: B's is 1h50m0s longer.",
				"issuer     The same issuer (https://acme.us.auth0.com/) in both.",
			},
			err: []string{""},
		},
		{name: "a file against stdin", stdin: a, args: []string{fileB, "-"}, code: 0,
			out: []string{"A  signed JWT (JWS), ", ", from the file " + fileB, "B  signed JWT (JWS), ", ", from stdin", "  + nickname  alice"}},
		{name: "a token with itself", args: []string{a, a}, code: 0, out: []string{"Payload  9 same\n", "lifetime   Both live 10m0s."}},
		{name: "a JWT against an opaque token", args: []string{a, "Zx8kQ2vLm4Np7RtA"}, code: 0,
			out: []string{"kind       A is a signed JWT (JWS), B is opaque.", "Not compared\n  B is opaque: it has no header or claims"}},
		{name: "a JWT against a JWE", args: []string{a, jwe}, code: 0,
			out: []string{"Header  1 added, 1 removed, 1 changed", "  ~ alg  HS256 → RSA-OAEP", "B is encrypted (JWE): its claims cannot be read"}},
		{name: "not a token", args: []string{a, "not a token"}, code: exitUsage,
			out: []string{"B  malformed, 11 characters"},
			err: []string{`rotui diff: B is not a token rotui can read: this is not a token: character 4 is " ", which no token contains (and no file has that name)`}},
		{name: "empty stdin", args: []string{"-", a}, code: exitUsage, err: []string{"rotui diff: A is not a token rotui can read: there is no token: the input is empty"}},
		// An argument that looks like a path and names no file is bad usage,
		// as a string that is no token is; an opaque token is not a path.
		{name: "a mistyped file name", args: []string{a, "befor.jwt"}, code: exitUsage,
			err: []string{"rotui diff: B: no file is named befor.jwt, and it does not read as a token"}},
		{name: "a path to no file", args: []string{"nosuch/id1.jwt", a}, code: exitUsage,
			err: []string{"rotui diff: A: no file is named nosuch/id1.jwt"}},
		{name: "a refresh token with a dot is no path", args: []string{"v1.MRHbz1VqRy42vAbCdEfGhIjKlMnOpQrStUvWxYz", "Zx8kQ2vLm4Np7RtA"}, code: 0,
			out: []string{"kind       Both are opaque.", "value      Different tokens."}},
		{name: "both from stdin", args: []string{"-", "-"}, code: exitUsage, err: []string{"stdin holds one token: give at most one of A and B as -"}},
		{name: "one argument", args: []string{a}, code: exitUsage, err: []string{"give two tokens to compare (A and B), not 1"}},
		{name: "a folder", args: []string{a, dir}, code: exitUsage, err: []string{"rotui diff: B: " + dir + " is a folder; give a file holding the token"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runDiffArgs(t, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, tc.code, r.out, r.err)
			}
			for _, w := range tc.out {
				if !strings.Contains(r.out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.out)
				}
			}
			for _, w := range tc.err {
				if w == "" && r.err != "" || !strings.Contains(r.err, w) {
					t.Errorf("stderr %q, want %q", r.err, w)
				}
			}
		})
	}
}

// --json: one object with added, removed and changed (each with both
// values), same, the split by part, and the time and lifetime sentences.
func TestDiffJSON(t *testing.T) {
	a, b := diffPair()
	r := runDiffArgs(t, "", "--json", a, b)
	if r.code != 0 || r.err != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
	var got struct {
		Identical bool
		Added     []map[string]any
		Removed   []map[string]any
		Changed   []map[string]any
		Same      []map[string]any
		Header    map[string][]string
		Payload   map[string][]string
		Times     []string
		Lifetime  string
		A         map[string]any
		ExitCode  int `json:"exit_code"`
	}
	d := json.NewDecoder(strings.NewReader(r.out))
	d.UseNumber()
	if err := d.Decode(&got); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	names := func(rows []map[string]any) string {
		var out []string
		for _, row := range rows {
			out = append(out, row["part"].(string)+"."+row["name"].(string))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct{ what, got, want string }{
		{"added", names(got.Added), "header.kid payload.email"},
		{"removed", names(got.Removed), "payload.nickname"},
		{"changed", names(got.Changed), "payload.iat payload.exp payload.role"},
		{"same", names(got.Same), "header.alg header.typ payload.iss payload.sub payload.aud payload.n payload.o"},
		{"payload.changed", strings.Join(got.Payload["changed"], " "), "iat exp role"},
		{"header.added", strings.Join(got.Header["added"], " "), "kid"},
		{"times", strings.Join(got.Times, "|"), "iat 1h0m0s later|exp 2h50m0s later"},
		{"lifetime", got.Lifetime, "A lives 10m0s, B 2h0m0s: B's is 1h50m0s longer."},
		{"a.source", got.A["source"].(string), "argument"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	role := got.Changed[2]
	if role["a"] != "user" || role["b"] != "admin" || got.Removed[0]["a"] != "alice" || got.Removed[0]["b"] != nil {
		t.Errorf("a changed row holds both values, a removed one A's: %v, %v", role, got.Removed[0])
	}
	// 1 and 1.0 are one number, and each side keeps its own form.
	for _, row := range got.Same {
		if row["name"] == "n" && (row["a"] != json.Number("1") || row["b"] != json.Number("1.0")) {
			t.Errorf("n: %v", row)
		}
	}
	if r := runDiffArgs(t, "", "--json", a, "x y"); r.code != exitUsage || !strings.Contains(r.out, `"exit_code": 2`) {
		t.Errorf("--json of a bad token: exit %d\n%s", r.code, r.out)
	}
}

// What a token says never reaches the terminal raw: names and values with
// escape sequences and bidirectional controls come out escaped, in text and
// in --json.
func TestDiffHostileClaimsReachNoTerminal(t *testing.T) {
	a := decodeHS256(`{"alg":"HS256","k\u001b[2J":"1"}`, `{"a":"x\u001b]52;c;aGk=\u0007","b\u202e":"\u009b2J"}`, decodeTestSecret)
	b := decodeHS256(`{"alg":"HS256"}`, `{"a":"\u007f","iss":"https://evil\u202e.example/"}`, decodeTestSecret)
	for _, args := range [][]string{{a, b}, {"--json", a, b}, {b, "x\x1b[31mbad.jwt"}} {
		r := runDiffArgs(t, "", args...)
		for _, bad := range []string{"\x1b", "\a", "\u009b", "\u202e", "\x7f"} {
			if strings.Contains(r.out, bad) || strings.Contains(r.err, bad) {
				t.Errorf("%d args: %q reached the output:\n%s%s", len(args), bad, r.out, r.err)
			}
		}
	}
}

// TestDiffSaysWhetherTwoOpaqueTokensDiffer: two opaque tokens of one length
// that differ are said to differ, in text and in --json (a difference
// counted); the same one twice is said to be the same.
func TestDiffSaysWhetherTwoOpaqueTokensDiffer(t *testing.T) {
	const a, b = "abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz0124"
	for _, c := range []struct {
		name, a, b, says string
		identical        bool
	}{
		{"different", a, b, "Different tokens.", false},
		{"the same", a, a, "The same token.", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := cmdRun(t, "", nil, "diff", c.a, c.b)
			if code != exitOK || !strings.Contains(out, "value      "+c.says) {
				t.Errorf("exit %d, stdout lacks %q:\n%s\n%s", code, c.says, out, errs)
			}
			_, out, _ = cmdRun(t, "", nil, "diff", "--json", c.a, c.b)
			identical, _ := jqPath(t, out, ".identical")
			n, _ := jqPath(t, out, ".differences")
			if identical != c.identical || (fmt.Sprint(n) == "0") != c.identical {
				t.Errorf("--json: identical %v, differences %v\n%s", identical, n, out)
			}
		})
	}
}

// TestUnsignedJWTIsCalledUnsigned: a JWT with alg none is "unsigned (alg
// none)" wherever the command line names a token's kind or signature:
// decode's first line, and diff's sides and facts; never "signed none".
func TestUnsignedJWTIsCalledUnsigned(t *testing.T) {
	none := fixture.JWT(`{"alg":"none","typ":"JWT"}`, `{"sub":"a"}`)
	rs := fixture.JWT(`{"alg":"RS256","typ":"JWT"}`, `{"sub":"a"}`)
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"decode", []string{"decode", none}, []string{"unsigned JWT (alg none), "}},
		{"diff", []string{"diff", rs, none}, []string{"B  unsigned JWT (alg none), ", "B is an unsigned JWT (alg none).", "B unsigned (alg none)."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, out, errs := cmdRun(t, "", nil, c.args...)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s%s", w, out, errs)
				}
			}
			for _, bad := range []string{"signed none", "B  signed JWT", "Both are signed", "\nsigned JWT"} {
				if strings.Contains("\n"+out, bad) {
					t.Errorf("stdout says %q:\n%s", bad, out)
				}
			}
		})
	}
}

// A claim sent twice is compared by its last value, and the text says so
// even when both sides agree: the note was only in --json, the text
// listed the claim under "= same" with no word of it.
func TestDiffTextShowsTheNoteOfAClaimSentTwice(t *testing.T) {
	a := decodeHS256(`{"alg":"HS256"}`, `{"sub":"x","aud":"evil","aud":"rotui-demo"}`, decodeTestSecret)
	b := decodeHS256(`{"alg":"HS256"}`, `{"sub":"x","aud":"rotui-demo"}`, decodeTestSecret)
	r := runDiffArgs(t, "", a, b)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.out, r.err)
	}
	for _, want := range []string{"  = aud  rotui-demo  (sent more than once by A;", "  = same: sub\n"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the text lacks %q:\n%s", want, r.out)
		}
	}
}

// A token claiming to live past 292 years is measured in seconds by diff
// and decode: "lives 9223372036 s" was the ceiling of a time.Duration.
func TestLongLivedTokensLifetimeInDiffAndDecode(t *testing.T) {
	a := decodeHS256(`{"alg":"HS256"}`, `{"sub":"x","iat":1,"exp":9999999999}`, decodeTestSecret)
	b := decodeHS256(`{"alg":"HS256"}`, `{"sub":"x","iat":1,"exp":100000000000}`, decodeTestSecret)
	r := runDiffArgs(t, "", a, b)
	for _, want := range []string{"(exp 2853y321d later)", "A lives 317y35d, B 3170y357d: B's is 2853y321d longer."} {
		if !strings.Contains(r.out, want) {
			t.Errorf("diff lacks %q:\n%s", want, r.out)
		}
	}
	if r := runDecodeArgs(t, "", false, nil, nil, a); !strings.Contains(r.out, "of its 317y35d lifetime used") {
		t.Errorf("decode:\n%s", r.out)
	}
}
