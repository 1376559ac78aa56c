package ro_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// BenchmarkLogin is one /oauth/ro round trip against the demo tenant on
// loopback: through the Client (validation, body building, the capped read,
// rate-limit and Date parsing, the lenient token parse), and as a bare
// net/http POST of the same request (URL, headers, body) that only reads
// the answer. The Client's overhead is the difference; it should stay under
// 10%. paired/ measures it inside one loop (the figure to read is
// overhead-p50-%); deadline/ measures the part of it that is the call's
// timeout alone, which DESIGN.md requires on every call.
func BenchmarkLogin(b *testing.B) {
	srv := rotest.StartForTest(b, rotest.Options{})
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
				barePost(b, hc, context.Background(), sent)
			}
		})
		// On a busy machine two benchmarks run one after the other see
		// different loads; alternating the two calls inside one loop does
		// not, so this reports the overhead itself.
		b.Run("paired/scope="+scope, func(b *testing.B) {
			c := ro.NewClient(ro.ClientOptions{})
			hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
			ctx := context.Background()
			paired(b, "client", func() { barePost(b, hc, context.Background(), sent) }, func() {
				if _, err := c.Login(ctx, r); err != nil {
					b.Fatal(err)
				}
			})
		})
		// The share of the overhead that is the call's deadline alone
		// (DESIGN: a timeout is always set): the same bare POST, with and
		// without a context.WithTimeout around it.
		b.Run("deadline/scope="+scope, func(b *testing.B) {
			hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
			paired(b, "deadline", func() { barePost(b, hc, context.Background(), sent) }, func() {
				ctx, cancel := context.WithTimeout(context.Background(), ro.DefaultTimeout)
				barePost(b, hc, ctx, sent)
				cancel()
			})
		})
	}
}

// BenchmarkRefresh is one refresh round trip against the demo tenant on
// loopback, as BenchmarkLogin is for a login: a refresh token from
// /oauth/ro used at /delegation through the Client (validation, the
// route, the body, the capped read, the token parse, echo masking), and
// as a bare net/http POST of the same request. paired/ gives the
// Client's overhead (overhead-p50-%).
func BenchmarkRefresh(b *testing.B) {
	srv := rotest.StartForTest(b, rotest.Options{})
	first := alice(srv)
	first.Scope, first.Device = "openid offline_access", rotest.DemoDevice
	c := ro.NewClient(ro.ClientOptions{})
	ctx := context.Background()
	ex, err := c.Login(ctx, first)
	if err != nil || ex.Tokens.RefreshToken == "" {
		b.Fatal(err)
	}
	r := ro.Refresh{Domain: srv.URL, ClientID: rotest.ClientID, RefreshToken: ex.Tokens.RefreshToken}
	ex, err = c.Refresh(ctx, r)
	if err != nil {
		b.Fatal(err)
	}
	sent := ex.Request // the request as it went out, the refresh token in it
	b.Run("client", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if ex, err := c.Refresh(ctx, r); err != nil || ex.Tokens.IDToken == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("bare", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		b.ReportAllocs()
		for b.Loop() {
			barePost(b, hc, ctx, sent)
		}
	})
	b.Run("paired", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		paired(b, "client", func() { barePost(b, hc, ctx, sent) }, func() {
			if _, err := c.Refresh(ctx, r); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// paired times bare and other alternately in one loop (which goes first
// alternates too, so neither pays for the other's wake-ups) and reports
// both and the overhead of other over bare. On a loaded machine a few calls
// stall for a scheduler tick or a GC; the mean-based overhead-% carries those
// stalls to whichever side they fell on, the ratio of medians
// (overhead-p50-%) does not: it is the figure to quote.
func paired(b *testing.B, name string, bare, other func()) {
	var sumBare, sumOther time.Duration
	var eachBare, eachOther []time.Duration
	for i := 0; b.Loop(); i++ {
		f, g := bare, other
		if i%2 == 1 {
			f, g = other, bare
		}
		t0 := time.Now()
		f()
		t1 := time.Now()
		g()
		t2 := time.Now()
		dBare, dOther := t1.Sub(t0), t2.Sub(t1)
		if i%2 == 1 {
			dBare, dOther = dOther, dBare
		}
		sumBare += dBare
		sumOther += dOther
		eachBare = append(eachBare, dBare)
		eachOther = append(eachOther, dOther)
	}
	n := float64(b.N)
	b.ReportMetric(float64(sumOther.Nanoseconds())/n, name+"-ns/op")
	b.ReportMetric(float64(sumBare.Nanoseconds())/n, "bare-ns/op")
	b.ReportMetric(100*(float64(sumOther)/float64(sumBare)-1), "overhead-%")
	b.ReportMetric(100*(float64(median(eachOther))/float64(median(eachBare))-1), "overhead-p50-%")
}

// median is the middle of ds (which it sorts).
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// barePost is a plain net/http POST of the request the Client would send.
func barePost(b *testing.B, hc *http.Client, ctx context.Context, sent ro.SentRequest) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sent.URL, bytes.NewReader(sent.Body))
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

// cannedTransport answers every request with the same token response,
// without a network: it isolates the Client's own cost per call.
type cannedTransport struct{ body []byte }

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Request: r, ContentLength: int64(len(c.body)),
		Header: http.Header{
			"Content-Type": {"application/json"}, "Date": {"Wed, 25 Nov 2026 17:56:17 GMT"},
			"X-Ratelimit-Limit": {"100"}, "X-Ratelimit-Remaining": {"99"}, "X-Ratelimit-Reset": {"1795629420"},
		},
		Body: io.NopCloser(bytes.NewReader(c.body)),
	}, nil
}

// BenchmarkClientOverhead is the Client's own work per call (validation,
// body, deadline, reading, parsing) against a bare Do on the same canned
// transport: the absolute cost the loopback figures above carry.
func BenchmarkClientOverhead(b *testing.B) {
	canned := cannedTransport{[]byte(`{"access_token":"wHV9ShyZWz5WiQy7","token_type":"bearer","expires_in":600}`)}
	r := ro.Request{Domain: "http://127.0.0.1:1", ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password, Scope: "openid"}
	sent, _ := r.Build()
	hc := &http.Client{Transport: canned}
	b.Run("client", func(b *testing.B) {
		c := ro.NewClient(ro.ClientOptions{HTTPClient: hc})
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Login(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bare", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			barePost(b, hc, context.Background(), sent)
		}
	})
}
