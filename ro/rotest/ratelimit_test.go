package rotest

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestRateLimitHeadersOnEveryAnswer(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	login := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil))
	for i, a := range []answer{
		login,
		postJSON(t, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"password": "x"})),
		postJSON(t, s.URL+"/oauth/token", realmFields(nil)),
		call(t, nil, http.MethodGet, s.URL+"/.well-known/openid-configuration", "", ""),
		call(t, nil, http.MethodGet, s.URL+"/.well-known/jwks.json", "", ""),
		call(t, nil, http.MethodGet, s.URL+"/userinfo", "", ""),
		postJSON(t, s.URL+"/tokeninfo", map[string]any{"id_token": login.str("id_token")}),
		call(t, nil, http.MethodGet, s.URL+"/nowhere", "", ""),
	} {
		limit, err1 := strconv.Atoi(a.header.Get("X-RateLimit-Limit"))
		remaining, err2 := strconv.Atoi(a.header.Get("X-RateLimit-Remaining"))
		reset, err3 := strconv.ParseInt(a.header.Get("X-RateLimit-Reset"), 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Errorf("answer %d (%d): rate-limit headers %v", i, a.status, a.header)
			continue
		}
		if remaining != limit-(i+1) {
			t.Errorf("answer %d: remaining %d of %d, want %d", i, remaining, limit, limit-(i+1))
		}
		untilReset := time.Unix(reset, 0).Sub(clk.Now())
		if untilReset <= 0 || untilReset > time.Minute {
			t.Errorf("answer %d: reset %d is %s away, want within the minute", i, reset, untilReset)
		}
	}
}

func TestRateLimitEnforcedOnlyWhenAsked(t *testing.T) {
	clk := newClock()
	s := start(t, Options{Now: clk.Now})
	for i := 0; i < headerRateLimit+5; i++ {
		a := call(t, nil, http.MethodGet, s.URL+"/.well-known/jwks.json", "", "")
		if a.status != 200 {
			t.Fatalf("call %d without a limit: %d", i+1, a.status)
		}
		if i >= headerRateLimit && a.header.Get("X-RateLimit-Remaining") != "0" {
			t.Errorf("remaining %q past the announced limit", a.header.Get("X-RateLimit-Remaining"))
		}
	}

	clk2 := newClock()
	limited := start(t, Options{Now: clk2.Now, RateLimit: 3})
	for i := 0; i < 3; i++ {
		if a := postJSON(t, limited.URL+"/oauth/ro", roFieldsFor(nil)); a.status != 200 {
			t.Fatalf("call %d within the limit: %d %s", i+1, a.status, a.raw)
		}
	}
	a := postJSON(t, limited.URL+"/oauth/ro", roFieldsFor(nil))
	wantError(t, a, 429, "too_many_requests", "Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.")
	if a.header.Get("X-RateLimit-Limit") != "3" || a.header.Get("X-RateLimit-Remaining") != "0" || a.header.Get("Retry-After") == "" {
		t.Errorf("429 headers %v", a.header)
	}
	reset, _ := strconv.ParseInt(a.header.Get("X-RateLimit-Reset"), 10, 64)
	clk2.advance(time.Unix(reset, 0).Sub(clk2.Now()))
	if a := postJSON(t, limited.URL+"/oauth/ro", roFieldsFor(nil)); a.status != 200 {
		t.Errorf("after the reset time: %d %s", a.status, a.raw)
	}
}
