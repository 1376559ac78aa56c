package ro_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// BenchmarkLogin is one /oauth/ro round trip against the demo tenant on
// loopback: through the Client (validation, body building, the capped read,
// rate-limit and Date parsing, the lenient token parse), and as a bare
// net/http POST of the same request (URL, headers, body) that only reads
// the answer. The Client's
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
				barePost(b, hc, sent)
			}
		})
		// On a busy machine two benchmarks run one after the other see
		// different loads; alternating the two calls inside one loop does
		// not, so this reports the overhead itself.
		b.Run("paired/scope="+scope, func(b *testing.B) {
			c := ro.NewClient(ro.ClientOptions{})
			hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
			ctx := context.Background()
			var client, bare time.Duration
			for b.Loop() {
				t0 := time.Now()
				barePost(b, hc, sent)
				t1 := time.Now()
				if _, err := c.Login(ctx, r); err != nil {
					b.Fatal(err)
				}
				client += time.Since(t1)
				bare += t1.Sub(t0)
			}
			n := float64(b.N)
			b.ReportMetric(float64(client.Nanoseconds())/n, "client-ns/op")
			b.ReportMetric(float64(bare.Nanoseconds())/n, "bare-ns/op")
			b.ReportMetric(100*(float64(client)/float64(bare)-1), "overhead-%")
		})
	}
}

// barePost is a plain net/http POST of the request the Client would send.
func barePost(b *testing.B, hc *http.Client, sent ro.SentRequest) {
	req, err := http.NewRequest(http.MethodPost, sent.URL, bytes.NewReader(sent.Body))
	if err != nil {
		b.Fatal(err)
	}
	req.Header = sent.Header // the same request, headers and all
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
