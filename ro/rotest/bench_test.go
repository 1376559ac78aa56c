package rotest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkROLogin is one /oauth/ro login over loopback, with an RS256 ID
// token: what every demo call costs the tenant plus the network stack.
func BenchmarkROLogin(b *testing.B) {
	s, err := Start("", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := s.Client()
	body, _ := json.Marshal(roFieldsFor(map[string]any{"scope": "openid profile"}))
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Post(s.URL+"/oauth/ro", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkROHandler is the same login without the network: the tenant's
// own cost (parsing, checks, signing, storing the token).
func BenchmarkROHandler(b *testing.B) {
	for _, tc := range []struct{ name, client string }{{"RS256", ClientID}, {"HS256", ClientIDHS256}} {
		b.Run(tc.name, func(b *testing.B) {
			h := NewHandler(Options{keys: testKeys(b)})
			body, _ := json.Marshal(roFieldsFor(map[string]any{"client_id": tc.client, "scope": "openid profile"}))
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1/oauth/ro", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
