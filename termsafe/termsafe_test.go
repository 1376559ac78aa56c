package termsafe

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafe(t *testing.T) {
	cases := []struct{ in, line, multi string }{
		{"plain ascii", "plain ascii", "plain ascii"},
		{"\x1b[2J\x1b]52;c;Zm9v\a", `\x1b[2J\x1b]52;c;Zm9v\x07`, `\x1b[2J\x1b]52;c;Zm9v\x07`},
		{"a\u009b31mb", `a\u009b31mb`, `a\u009b31mb`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`, `evil\u202etxt.exe`},
		{"x\u2066y\u2069\u200f", `x\u2066y\u2069\u200f`, `x\u2066y\u2069\u200f`},
		{"del\x7f nul\x00", `del\x7f nul\x00`, `del\x7f nul\x00`},
		{"bad \xff\x9b utf8", `bad \xff\x9b utf8`, `bad \xff\x9b utf8`},
		{"Bob\nsignature: verified", `Bob\nsignature: verified`, "Bob\nsignature: verified"},
		{"tab\there", `tab\there`, "tab\there"},
		{"over\rwrite", `over\rwrite`, `over\rwrite`},
		{"crlf\r\nline", `crlf\r\nline`, "crlf\nline"},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`, `zero\u200bwidth\ufeff`},
		{"café 東京 👨‍👩‍👧", "café 東京 👨‍👩‍👧", "café 東京 👨‍👩‍👧"},
	}
	for _, tc := range cases {
		if got := Line(tc.in); got != tc.line {
			t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.line)
		}
		if got := Multiline(tc.in); got != tc.multi {
			t.Errorf("Multiline(%q) = %q, want %q", tc.in, got, tc.multi)
		}
	}
}

// FuzzSafe: whatever goes in, nothing a terminal acts on comes out.
func FuzzSafe(f *testing.F) {
	for _, s := range []string{"", "a\x1bb", "\u202e", "\xff", "\r\n", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Line(s), Multiline(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || unsafeRune(r) {
					t.Fatalf("%q kept %U", s, r)
				}
			}
		}
		if strings.ContainsAny(Line(s), "\n\t") {
			t.Fatalf("Line(%q) is not one line", s)
		}
	})
}

func TestSafeFastPathDoesNotAllocate(t *testing.T) {
	s := "auth0|5f7c8ec7c33c6c004bbafe82 https://acme.us.auth0.com/"
	if n := testing.AllocsPerRun(100, func() { _ = Line(s) }); n != 0 {
		t.Errorf("Safe allocates %v times on plain text", n)
	}
}

func TestEscapeJSON(t *testing.T) {
	in := map[string]string{"name": "a\x1b[31m\u009b\u202e\x7f\u2028ok é"}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := EscapeJSON(b)
	for _, bad := range []string{"\x1b", "\u009b", "\u202e", "\x7f", "\u2028"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("%q left raw in %s", bad, out)
		}
	}
	for _, esc := range []string{`\u001b`, `\u009b`, `\u202e`, `\u007f`} {
		if !strings.Contains(string(out), esc) {
			t.Errorf("%s missing from %s", esc, out)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil || back["name"] != in["name"] {
		t.Errorf("EscapeJSON changed the meaning: %q, %v", back["name"], err)
	}
	plain := []byte(`{"a":"b"}`)
	if got := EscapeJSON(plain); &got[0] != &plain[0] {
		t.Error("EscapeJSON copied JSON that needed nothing")
	}
}

func TestStripLeavesOnlyWhatIsSafeToEdit(t *testing.T) {
	cases := map[string]string{
		"alice@example.com":                   "alice@example.com",
		"al\u202eice@example.com":             "alice@example.com",
		"acme\x1b[31m.auth0.com":              "acme[31m.auth0.com",
		"a\u200bb\u2066c\u009bd\x7fe\xff":     "abcde",
		"Zoë 東京 👩‍💻":                          "Zoë 東京 👩\u200d💻",
		"tab\there\nnewline":                  "tabherenewline",
		"openid profile email offline_access": "openid profile email offline_access",
	}
	for in, want := range cases {
		if got := Strip(in); got != want {
			t.Errorf("Strip(%q) = %q, want %q", in, got, want)
		}
		if got := Line(Strip(in)); got != Strip(in) {
			t.Errorf("Safe still escapes something in Strip(%q): %q", in, got)
		}
	}
}
