package rotest

import (
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestStartServesOnLoopbackAndClosesTwice(t *testing.T) {
	s, err := Start("", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") || s.Issuer != s.URL+"/" {
		t.Errorf("URL %q issuer %q", s.URL, s.Issuer)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := http.Get(s.URL + "/.well-known/jwks.json"); err == nil {
		t.Errorf("still answering after Close")
	}
}

// TestCloseWaitsForCallsInFlight: a login that is being answered when
// Close is called still gets its answer.
func TestCloseWaitsForCallsInFlight(t *testing.T) {
	s, err := Start("", Options{Latency: 300 * time.Millisecond, keys: testKeys(t)})
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan answer, 1)
	go func() { got <- postJSONWith(s.Client(), s.URL+"/oauth/ro", roFieldsFor(nil)) }()
	deadline := time.Now().Add(10 * time.Second)
	for s.conns.serving() == 0 { // wait until the call is being answered
		if time.Now().After(deadline) {
			t.Fatal("the call never reached the server")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if a := <-got; a.status != 200 {
		t.Errorf("call in flight during Close: %d %s", a.status, a.raw)
	}
}

func TestLatencyGivesUpWhenTheCallerDoes(t *testing.T) {
	// A GET, and a POST whose body the tenant must read before it can
	// notice that the caller hung up.
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		t.Run(method, func(t *testing.T) {
			s := start(t, Options{Latency: time.Minute})
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			url, body := s.URL+"/.well-known/jwks.json", io.Reader(nil)
			if method == http.MethodPost {
				url, body = s.URL+"/oauth/ro", strings.NewReader(`{"client_id":"rotui-demo"}`)
			}
			req, _ := http.NewRequestWithContext(ctx, method, url, body)
			req.Header.Set("Content-Type", "application/json")
			if _, err := s.Client().Do(req); err == nil {
				t.Fatalf("answered within 100ms despite a minute of latency")
			}
			// Close must not wait (its 5 s grace, or the minute) for the abandoned call.
			done := make(chan error, 1)
			go func() { done <- s.Close() }()
			select {
			case <-done:
			case <-time.After(4 * time.Second):
				t.Errorf("Close waited for a call its caller had given up on")
			}
		})
	}
}

func TestTLSServerIsTrustedByItsClient(t *testing.T) {
	s := start(t, Options{TLS: true})
	if !strings.HasPrefix(s.URL, "https://127.0.0.1:") || len(s.CertPEM()) == 0 {
		t.Fatalf("URL %q, %d bytes of certificate", s.URL, len(s.CertPEM()))
	}
	a := call(t, s.Client(), http.MethodGet, s.URL+"/.well-known/openid-configuration", "", "")
	if a.str("issuer") != s.URL+"/" {
		t.Errorf("issuer %q, want %s/", a.str("issuer"), s.URL)
	}
	if _, err := http.Get(s.URL + "/"); err == nil {
		t.Errorf("a client that does not trust the certificate got through")
	}
}

// TestTokensAreForgottenOnlyWhenExpiredOrTooMany: pruning keeps live
// tokens, drops expired ones, and bounds the store.
func TestTokensAreForgottenOnlyWhenExpiredOrTooMany(t *testing.T) {
	clk := newClock()
	tn := NewHandler(Options{Now: clk.Now, keys: testKeys(t)})
	u := users[UserAlice]
	tn.mu.Lock()
	for i := 0; i < pruneFloor; i++ {
		tn.access["a"+strconv.Itoa(i)] = accessRecord{user: u, expires: clk.Now().Add(time.Duration(2*(i%2)-1) * time.Hour)}
	}
	tn.pruneLocked(clk.Now())
	kept, next := len(tn.access), tn.pruneAt
	for i := 0; i < maxTokens; i++ {
		tn.refresh["r"+strconv.Itoa(i)] = refreshRecord{user: u}
	}
	tn.pruneLocked(clk.Now())
	refreshKept := len(tn.refresh)
	tn.mu.Unlock()
	if kept != pruneFloor/2 {
		t.Errorf("kept %d access tokens, want the %d live ones", kept, pruneFloor/2)
	}
	if next < pruneFloor {
		t.Errorf("next pruning at %d tokens", next)
	}
	if refreshKept >= maxTokens/2 {
		t.Errorf("%d refresh tokens kept, want fewer than %d", refreshKept, maxTokens/2)
	}
}

// TestCloseDoesNotWaitForUnusedConnections: a connection a client opened
// but never used must not hold Close for seconds.
func TestCloseDoesNotWaitForUnusedConnections(t *testing.T) {
	s, err := Start("", Options{})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown with an unused connection open: %v", err)
	}
}

func TestFailureCountsAreBoundedButLocksStay(t *testing.T) {
	tn := NewHandler(Options{keys: testKeys(t)})
	for i := 0; i < MaxFailedLogins; i++ {
		tn.authenticate(UserAlice, "x", "")
	}
	tn.mu.Lock()
	for i := len(tn.failures); i < maxFailureEntries; i++ {
		tn.failures["u"+strconv.Itoa(i)] = 1
	}
	tn.mu.Unlock()
	if _, out := tn.authenticate("someone-new@example.com", "x", ""); out != loginWrong {
		t.Fatalf("outcome %v", out)
	}
	tn.mu.Lock()
	n := len(tn.failures)
	tn.mu.Unlock()
	if n != 2 {
		t.Errorf("%d failure counts kept, want the locked user and the newest", n)
	}
	if _, out := tn.authenticate(UserAlice, Password, ""); out != loginLocked {
		t.Errorf("the locked user got %v after the counts were trimmed", out)
	}
}
