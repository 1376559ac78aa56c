package report

import (
	"testing"

	"github.com/rotui/rotui/internal/fixture"
)

// BenchmarkMarkdownBigTokenResponse is the report of a login whose answer
// carries a 100 KB token: its body is read and rewritten with the token
// shortened, and the request's secrets are collected from its body.
func BenchmarkMarkdownBigTokenResponse(b *testing.B) {
	_, ex := fixture.Exchange()
	ex.Body = []byte(`{"access_token":"` + bigToken + `","id_token":"` + bigToken + `","token_type":"bearer","expires_in":86400}`)
	ex.Tokens.AccessToken, ex.Tokens.IDToken = bigToken, bigToken
	r := New(ex, now)
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Markdown()
	}
}
