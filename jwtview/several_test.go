package jwtview

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// Two tokens given as one (two lines of a file, two words of a paste) are
// not a token: joined, two JWTs have five parts and used to read as an
// encrypted JWE.
func TestDecodeSeveralTokensIsNotAToken(t *testing.T) {
	a := unsigned(`{"alg":"RS256","typ":"JWT"}`, `{"sub":"a"}`)
	b := unsigned(`{"alg":"RS256","typ":"JWT"}`, `{"sub":"b"}`)
	cases := []struct {
		name, in string
		count    string
	}{
		{"two lines", a + "\n" + b + "\n", "2 tokens"},
		{"two lines, CRLF", a + "\r\n" + b + "\r\n", "2 tokens"},
		{"a blank line between", a + "\n\n" + b, "2 tokens"},
		{"two words", a + " " + b, "2 tokens"},
		{"after Bearer", "Bearer " + a + "\n" + b, "2 tokens"},
		{"three lines", a + "\n" + b + "\n" + a, "3 tokens"},
		{"a JWT and a JWE", a + "\n" + rfc7516A3, "2 tokens"},
	}
	for _, tc := range cases {
		d := Decode(tc.in)
		if d.Kind != KindMalformed || len(d.Problems) == 0 || !strings.Contains(d.Problems[0].Message, tc.count) {
			t.Errorf("%s: %s %v, want malformed naming %q", tc.name, d.Kind, d.Problems, tc.count)
		}
	}
	// One token wrapped over lines is still one token.
	for _, in := range []string{a[:30] + "\n" + a[30:], a[:len(a)-3] + "\n" + a[len(a)-3:], rfc7516A3[:60] + "\r\n" + rfc7516A3[60:]} {
		if d := Decode(in); d.Kind == KindMalformed {
			t.Errorf("wrapped %q: %v", in, d.Problems)
		}
	}
}

// Five parts make a JWE only when the header names an encryption (enc):
// two JWTs run together without a break have five parts and alg RS256.
func TestDecodeFivePartsWithoutEncIsMalformed(t *testing.T) {
	a := unsigned(`{"alg":"RS256","typ":"JWT"}`, `{"sub":"a"}`)
	b := unsigned(`{"alg":"RS256","typ":"JWT"}`, `{"sub":"b"}`)
	for name, in := range map[string]string{
		"two JWTs run together": a + b,
		"no enc":                b64(`{"alg":"RSA-OAEP"}`) + ".a2V5.aXY.Y2lwaGVy.dGFn",
		"a signing alg and enc": b64(`{"alg":"HS256","enc":"A128GCM"}`) + ".a2V5.aXY.Y2lwaGVy.dGFn",
	} {
		d := Decode(in)
		if d.Kind != KindMalformed || len(d.Problems) == 0 || !strings.Contains(d.Problems[0].Message, "not an encrypted JWT") {
			t.Errorf("%s: %s %v, want malformed, not an encrypted JWT", name, d.Kind, d.Problems)
		}
	}
	if d := Decode(rfc7516A3); d.Kind != KindJWE {
		t.Errorf("RFC 7516 JWE: %s %v", d.Kind, d.Problems)
	}
}

// A file written by Notepad starts with a UTF-8 byte-order mark, one
// written by PowerShell's > is UTF-16 with its mark: both are the token.
func TestTextReadsByteOrderMarksAndUTF16(t *testing.T) {
	tok := unsigned(`{"alg":"HS256"}`, `{"sub":"a"}`)
	utf16le := func(s string, bom bool) []byte {
		var out []byte
		if bom {
			out = append(out, 0xff, 0xfe)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u), byte(u>>8))
		}
		return out
	}
	utf16be := func(s string) []byte {
		out := []byte{0xfe, 0xff}
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u>>8), byte(u))
		}
		return out
	}
	for name, in := range map[string][]byte{
		"plain":              []byte(tok + "\n"),
		"UTF-8 BOM":          []byte("\ufeff" + tok + "\r\n"),
		"UTF-16LE with BOM":  utf16le(tok+"\r\n", true),
		"UTF-16BE with BOM":  utf16be(tok + "\n"),
		"UTF-16LE, no BOM":   utf16le(tok+"\r\n", false),
		"UTF-16, odd length": append(utf16le(tok+"\r\n", true), 0),
	} {
		if d := Decode(Text(in)); d.Kind != KindJWS || d.ClaimString("sub") != "a" {
			t.Errorf("%s: %s %v", name, d.Kind, d.Problems)
		}
	}
	// A byte-order mark pasted with the token is dropped too.
	if d := Decode("\ufeff" + tok); d.Kind != KindJWS {
		t.Errorf("pasted BOM: %s %v", d.Kind, d.Problems)
	}
	// No input makes Text panic.
	for _, in := range [][]byte{nil, {0xff}, {0xff, 0xfe}, {0xfe, 0xff, 0xd8}, {0xff, 0xfe, 0x00, 0xd8}} {
		_ = Decode(Text(in))
	}
}
