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

// BenchmarkDelegationHandler is one refresh of a legacy login through
// /delegation without the network: the tenant's own cost of a refresh
// (the refresh token looked up, a new RS256 ID token signed).
func BenchmarkDelegationHandler(b *testing.B) {
	h := NewHandler(Options{keys: testKeys(b)})
	post := func(path string, fields map[string]any) *httptest.ResponseRecorder {
		body, _ := json.Marshal(fields)
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1"+path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	login := post("/oauth/ro", roFieldsFor(map[string]any{"scope": "openid profile offline_access", "device": DemoDevice}))
	var tokens struct {
		RefreshToken string `json:"refresh_token"`
	}
	if err := json.Unmarshal(login.Body.Bytes(), &tokens); err != nil || tokens.RefreshToken == "" {
		b.Fatalf("login: %d %s", login.Code, login.Body)
	}
	refresh := map[string]any{"client_id": ClientID, "grant_type": grantJWTBearer, "refresh_token": tokens.RefreshToken, "scope": "passthrough"}
	b.ReportAllocs()
	for b.Loop() {
		if rec := post("/delegation", refresh); rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}
