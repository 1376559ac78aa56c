package jwtview

import "testing"

// BenchmarkExplain looks up the notes Decode adds to every field: the
// claims of a typical ID token, the custom and unknown names of a large
// one, and the header.
//
//	go test ./jwtview -run XXX -bench Explain -benchmem
func BenchmarkExplain(b *testing.B) {
	claims := []string{"https://acme.example.com/roles", "https://acme.example.com/org", "nickname", "name", "picture",
		"updated_at", "email", "email_verified", "iss", "aud", "iat", "exp", "sub", "auth_time", "sid", "nonce", "at_hash", "amr",
		"claim_00000", "n_00002", "https://example.com/c00003", "list_00004", "favourite_colour", "x"}
	header := []string{"alg", "typ", "kid", "x5t#S256", "foo"}
	values := []struct {
		name string
		v    any
	}{{"alg", "RS256"}, {"typ", "JWT"}, {"gty", "password"}, {"amr", []any{"pwd", "mfa"}}, {"email_verified", true}}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range claims {
			_ = ExplainClaim(n)
		}
		for _, n := range header {
			_ = ExplainHeader(n)
		}
		for _, v := range values {
			_ = ExplainValue(v.name, v.v)
		}
	}
}
