package jwtview

import (
	"strings"
	"testing"
)

// JSON allows white space around and between its parts, and JWT libraries
// accept a header or payload written with it; rotui decodes such a token as
// the JWT it is (never as opaque, which would leave it unchecked), with a
// note, since issuers send their JSON compact.
func TestDecodeJSONWithWhiteSpace(t *testing.T) {
	cases := []struct {
		name, header, payload string
		kind                  Kind
		note                  string // in a note; "" for none
	}{
		{"compact", `{"alg":"HS256"}`, `{"sub":"a b"}`, KindJWS, ""},
		{"space before the header", ` {"alg":"HS256"}`, `{"sub":"a"}`, KindJWS, "header"},
		{"newline before the header", "\n{\"alg\":\"HS256\"}", `{"sub":"a"}`, KindJWS, "header"},
		{"tab and CR before the header", "\t\r{\"alg\":\"HS256\"}", `{"sub":"a"}`, KindJWS, "header"},
		{"space after the header", `{"alg":"HS256"} `, `{"sub":"a"}`, KindJWS, "header"},
		{"spaces inside the header", `{ "alg" : "HS256" }`, `{"sub":"a"}`, KindJWS, "header"},
		{"space before the payload", `{"alg":"HS256"}`, ` {"sub":"a"}`, KindJWS, "payload"},
		{"pretty payload", `{"alg":"HS256"}`, "{\n  \"sub\": \"a\"\n}", KindJWS, "payload"},
		// A byte-order mark is not JSON white space: not readable, but a
		// broken JWT, never an opaque token.
		{"BOM before the header", "\ufeff{\"alg\":\"HS256\"}", `{"sub":"a"}`, KindMalformed, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := Decode(unsigned(tc.header, tc.payload))
			if d.Kind != tc.kind {
				t.Fatalf("kind %s, want %s (%v)", d.Kind, tc.kind, d.Problems)
			}
			if tc.kind == KindJWS && (d.Alg() != "HS256" || d.ClaimString("sub") == "") {
				t.Errorf("not decoded: alg %q, claims %v", d.Alg(), d.Claims)
			}
			joined := strings.Join(d.Notes, " | ")
			switch {
			case tc.note == "" && len(d.Notes) > 0:
				t.Errorf("unexpected notes: %q", joined)
			case tc.note != "" && (!strings.Contains(joined, tc.note) || !strings.Contains(joined, "white space")):
				t.Errorf("notes %q should say the %s holds white space", joined, tc.note)
			}
		})
	}
	// The same with five parts: a JWE whose header starts with white space.
	jwe := b64(` {"alg":"A128KW","enc":"A128CBC-HS256"}`) + rfc7516A3[strings.Index(rfc7516A3, "."):]
	if d := Decode(jwe); d.Kind != KindJWE || len(d.Notes) == 0 {
		t.Errorf("spaced JWE: %s %v %v", d.Kind, d.Problems, d.Notes)
	}
	// Three dotted parts without a JSON header stay opaque.
	if d := Decode("rt.a1b2c3d4.e5f6g7h8"); d.Kind != KindOpaque {
		t.Errorf("dotted opaque token: %s", d.Kind)
	}
}
