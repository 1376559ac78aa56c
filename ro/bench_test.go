package ro_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// BenchmarkLogin is one /oauth/ro round trip against the demo tenant on
// loopback: through the Client (validation, body building, the capped read,
// rate-limit and Date parsing, the lenient token parse), and as a bare
// net/http POST of the same body that only reads the answer. The Client's
// overhead is the difference; it should stay under 10%.
func BenchmarkLogin(b *testing.B) {
	srv := demo(b, rotest.Options{})
	for _, scope := range []string{"openid", "email"} { // "email" alone: no ID token to sign, so the client's share shows more
		r := alice(srv)
		r.Scope = scope
		sent, err := r.Build()
		if err != nil {
			b.Fatal(err)
		}
		b.Run("client/scope="+scope, func(b *testing.B) {
			c := ro.NewClient(ro.ClientOptions{})
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				ex, err := c.Login(ctx, r)
				if err != nil || ex.Tokens.AccessToken == "" {
					b.Fatal(err)
				}
			}
		})
		b.Run("bare/scope="+scope, func(b *testing.B) {
			hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
			b.ReportAllocs()
			for b.Loop() {
				req, err := http.NewRequest(http.MethodPost, sent.URL, bytes.NewReader(sent.Body))
				if err != nil {
					b.Fatal(err)
				}
				req.Header.Set("Content-Type", "application/json")
				resp, err := hc.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || len(body) == 0 {
					b.Fatalf("%v %d", err, resp.StatusCode)
				}
			}
		})
	}
}
