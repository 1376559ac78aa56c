package ro

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// loopback starts a real server on 127.0.0.1 for one test.
func loopback(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func reqFor(srv *httptest.Server) Request {
	r := validRO()
	r.Domain = srv.URL
	r.Password = "pw-Zq9-secret"
	r.Bearer = "bearer-Kx7-secret"
	return r
}

func TestLoginSuccessReadsEverything(t *testing.T) {
	var gotBody, gotAuth, gotCT string
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotBody, gotAuth, gotCT = string(b), r.Header.Get("Authorization"), r.Header.Get("Content-Type")
		w.Header().Set("X-RateLimit-Limit", "10")
		w.Header().Set("X-RateLimit-Remaining", "9")
		w.Header().Set("X-RateLimit-Reset", "1900000000")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"opaqueopaque1234","id_token":"a.b.c","token_type":"bearer","expires_in":"600","scope":"openid"}`)
	})
	ex, err := NewClient(ClientOptions{}).Login(context.Background(), reqFor(srv))
	if err != nil {
		t.Fatal(err)
	}
	if u := ex.Request.URL; u != srv.URL+"/oauth/ro" {
		t.Errorf("URL %s", u)
	}
	if ex.Status != 200 || !ex.OK() || ex.Tokens.AccessToken != "opaqueopaque1234" || ex.Tokens.IDToken != "a.b.c" {
		t.Errorf("exchange %+v tokens %+v", ex, ex.Tokens)
	}
	if !ex.Tokens.HasExpiresIn || ex.Tokens.ExpiresIn != 600 {
		t.Errorf("expires_in as a string not read: %+v", ex.Tokens)
	}
	if !ex.RateLimit.Present || ex.RateLimit.Limit != 10 || ex.RateLimit.Remaining != 9 || ex.RateLimit.Reset.Unix() != 1900000000 {
		t.Errorf("rate limit %+v", ex.RateLimit)
	}
	if ex.ServerDate.IsZero() || ex.Latency <= 0 || ex.Started.IsZero() {
		t.Errorf("date %v latency %v started %v", ex.ServerDate, ex.Latency, ex.Started)
	}
	if skew := ex.ServerDate.Sub(ex.Started.Add(ex.Latency)); skew > 2*time.Second || skew < -2*time.Second {
		t.Errorf("the Date of a local server is %v from this clock", skew)
	}
	if gotAuth != "Bearer bearer-Kx7-secret" || gotCT != "application/json" || !strings.Contains(gotBody, `"password":"pw-Zq9-secret"`) {
		t.Errorf("server saw auth %q type %q body %s", gotAuth, gotCT, gotBody)
	}
	if string(ex.Request.Body) != gotBody {
		t.Errorf("Exchange.Request.Body differs from what the server got")
	}
}

func TestLoginRealmAndPasswordFlows(t *testing.T) {
	var paths []string
	var srvURL string
	issuer := ""
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type"))
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			fmt.Fprintf(w, `{"issuer":%q,"token_endpoint":%q}`, issuer, srvURL+"/custom/token")
		case "/oauth/token", "/custom/token":
			_ = r.ParseForm()
			fmt.Fprint(w, `{"access_token":"x","token_type":"Bearer","expires_in":86400}`)
		default:
			http.NotFound(w, r)
		}
	})
	srvURL = srv.URL
	c := NewClient(ClientOptions{})

	ex, err := c.Login(context.Background(), reqFor(srv).AsRealm())
	if err != nil || ex.Request.URL != srv.URL+"/oauth/token" || ex.Discovery != nil {
		t.Fatalf("realm: %v %+v", err, ex)
	}

	issuer = srv.URL + "/"
	r := reqFor(srv).AsFlow(FlowPassword)
	ex, err = c.Login(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Request.URL != srv.URL+"/custom/token" || ex.Discovery == nil || ex.Discovery.IssuerMismatch || ex.Discovery.TokenEndpoint != srv.URL+"/custom/token" {
		t.Errorf("password flow: %s %+v", ex.Request.URL, ex.Discovery)
	}
	want := []string{"POST /oauth/token application/json", "GET /.well-known/openid-configuration ", "POST /custom/token application/x-www-form-urlencoded"}
	if strings.Join(paths, "|") != strings.Join(want, "|") {
		t.Errorf("calls %q, want %q", paths, want)
	}

	// An issuer that differs from the URL asked is reported, not hidden.
	issuer = "https://someone-else.example/"
	ex, err = c.Login(context.Background(), r)
	if err != nil || !ex.Discovery.IssuerMismatch || ex.Discovery.Issuer != issuer {
		t.Errorf("issuer mismatch not reported: %v %+v", err, ex.Discovery)
	}
}

func TestDiscoveryNeverSendsThePasswordElsewhere(t *testing.T) {
	var hits atomic.Int32
	other := loopback(t, func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"issuer":"x","token_endpoint":%q}`, other.URL+"/oauth/token")
	})
	ex, err := NewClient(ClientOptions{}).Login(context.Background(), reqFor(srv).AsFlow(FlowPassword))
	var ne *NetworkError
	if !errors.As(err, &ne) || ne.Op != "discover" || !strings.Contains(err.Error(), "another origin") {
		t.Fatalf("got %v", err)
	}
	if hits.Load() != 0 {
		t.Error("the password went to the host named by the discovery document")
	}
	if ex == nil || ex.Discovery == nil || ex.Request.Method != "GET" {
		t.Errorf("the exchange should describe the discovery call: %+v", ex)
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	var leaked atomic.Int32
	other := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Header.Get("Authorization") != "" || strings.Contains(string(b), "pw-Zq9") || r.URL.Path != "" {
			leaked.Add(1)
		}
		fmt.Fprint(w, `{"access_token":"stolen"}`)
	})
	for _, code := range []int{301, 302, 307, 308} {
		srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/oauth/ro", code)
		})
		ex, err := NewClient(ClientOptions{}).Login(context.Background(), reqFor(srv))
		var ae *APIError
		if !errors.As(err, &ae) || ae.Status != code || ae.Location != other.URL+"/oauth/ro" || !strings.Contains(ae.Hint, "never follows a redirect") {
			t.Errorf("%d: got %v (%+v)", code, err, ae)
		}
		if ex.Status != code {
			t.Errorf("%d: exchange status %d", code, ex.Status)
		}
	}
	// Even with a caller's client that would follow redirects.
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, other.URL, 307) })
	_, _ = NewClient(ClientOptions{HTTPClient: &http.Client{}}).Login(context.Background(), reqFor(srv))
	if leaked.Load() != 0 {
		t.Errorf("credentials reached the redirect target %d times", leaked.Load())
	}
}

func TestHostileServers(t *testing.T) {
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	cases := []struct {
		name    string
		h       http.HandlerFunc
		timeout time.Duration
		check   func(t *testing.T, ex *Exchange, err error)
	}{
		{"never answers", func(w http.ResponseWriter, r *http.Request) { wait(r, block) }, 200 * time.Millisecond,
			func(t *testing.T, ex *Exchange, err error) {
				var ne *NetworkError
				if !errors.As(err, &ne) || !ne.Timeout || ne.Canceled || !strings.Contains(err.Error(), "no answer") || ex.Status != 0 {
					t.Errorf("got %v %+v", err, ne)
				}
			}},
		{"headers then silence", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(200)
			_, _ = w.Write([]byte(`{"access`))
			w.(http.Flusher).Flush()
			wait(r, block)
		}, 200 * time.Millisecond,
			func(t *testing.T, ex *Exchange, err error) {
				var ne *NetworkError
				if !errors.As(err, &ne) || !ne.Timeout || ex.Status != 200 {
					t.Errorf("got %v status %d", err, ex.Status)
				}
			}},
		{"closes mid-body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			w.WriteHeader(200)
			_, _ = w.Write([]byte(`{"access_token":"abc`))
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close()
		}, 0,
			func(t *testing.T, ex *Exchange, err error) {
				var ne *NetworkError
				if !errors.As(err, &ne) || ne.Op != "read body" || ne.Timeout || !strings.Contains(err.Error(), "closed while reading") {
					t.Errorf("got %v", err)
				}
				if ex.Tokens != nil {
					t.Error("a cut body must not give tokens")
				}
			}},
		{"10 MiB body", func(w http.ResponseWriter, r *http.Request) {
			chunk := []byte(strings.Repeat("a", 64<<10))
			_, _ = w.Write([]byte(`{"access_token":"`))
			for i := 0; i < 160; i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, 0,
			func(t *testing.T, ex *Exchange, err error) {
				var ne *NetworkError
				if !errors.As(err, &ne) || !ne.TooLarge || !strings.Contains(err.Error(), "larger than 1 MiB") {
					t.Errorf("got %v", err)
				}
				if len(ex.Body) != MaxBody || !ex.BodyTruncated {
					t.Errorf("kept %d bytes, truncated %v", len(ex.Body), ex.BodyTruncated)
				}
			}},
		{"HTML 502", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			fmt.Fprint(w, "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>"+strings.Repeat("x", 5000)+"</body></html>")
		}, 0,
			func(t *testing.T, ex *Exchange, err error) {
				var ae *APIError
				if !errors.As(err, &ae) || !ae.ServerFault() || ae.Code != "" || !strings.HasPrefix(ae.Body, "<!DOCTYPE html>") ||
					len(ae.Body) > maxText+20 || !strings.HasSuffix(ae.Body, "(cut)") || !strings.Contains(ae.Hint, "proxy") {
					t.Errorf("got %v: %+v", err, ae)
				}
			}},
		{"invalid JSON on 200", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"access_token": "abc",`) }, 0,
			func(t *testing.T, ex *Exchange, err error) {
				var ne *NetworkError
				if !errors.As(err, &ne) || ne.Op != "parse" || !strings.Contains(err.Error(), "not a JSON object") {
					t.Errorf("got %v", err)
				}
			}},
		{"invalid JSON on 401", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401); fmt.Fprint(w, `{"error": "invalid_`) }, 0,
			func(t *testing.T, ex *Exchange, err error) {
				var ae *APIError
				if !errors.As(err, &ae) || ae.Status != 401 || ae.Body != `{"error": "invalid_` || ae.Hint == "" {
					t.Errorf("got %v %+v", err, ae)
				}
			}},
		{"expires_in as string, token_type upper", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"access_token":"abc","token_type":"BEARER","expires_in":" 3600 "}`)
		}, 0,
			func(t *testing.T, ex *Exchange, err error) {
				if err != nil || ex.Tokens.ExpiresIn != 3600 || !ex.Tokens.HasExpiresIn || ex.Tokens.TokenType != "BEARER" {
					t.Errorf("got %v %+v", err, ex.Tokens)
				}
				if got := ex.ExpiresAt().Sub(ex.Started); got < time.Hour || got > time.Hour+5*time.Second {
					t.Errorf("ExpiresAt is %v after the start", got)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := loopback(t, c.h)
			ex, err := NewClient(ClientOptions{Timeout: c.timeout}).Login(context.Background(), reqFor(srv))
			if ex == nil {
				t.Fatalf("no exchange for a call that reached the network (err %v)", err)
			}
			if err != ex.Err {
				t.Errorf("err %v is not ex.Err %v", err, ex.Err)
			}
			c.check(t, ex, err)
			assertNoSecrets(t, err, reqFor(srv))
		})
	}
}

func TestRefusedAndCancelled(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r := validRO()
	r.Domain = "http://" + addr
	ex, err := NewClient(ClientOptions{}).Login(context.Background(), r)
	var ne *NetworkError
	if !errors.As(err, &ne) || ne.Timeout || ne.Canceled || !strings.Contains(err.Error(), "refused") || ex == nil {
		t.Errorf("refused: %v", err)
	}

	started := make(chan struct{})
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		close(started)
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	_, err = NewClient(ClientOptions{}).Login(ctx, reqFor(srv))
	if !errors.As(err, &ne) || !ne.Canceled || ne.Timeout || !strings.Contains(err.Error(), "cancelled") {
		t.Errorf("cancel: %v", err)
	}
}

func TestTLSIsVerified(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"access_token":"x"}`)
	}))
	defer srv.Close()
	r := validRO()
	r.Domain = srv.URL // https://127.0.0.1:port with a self-signed certificate
	_, err := NewClient(ClientOptions{}).Login(context.Background(), r)
	var ne *NetworkError
	if !errors.As(err, &ne) || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("self-signed certificate accepted or unexplained: %v", err)
	}
	// With the test server's own roots it works: the check is real, not a refusal of all TLS.
	if _, err := NewClient(ClientOptions{HTTPClient: srv.Client()}).Login(context.Background(), r); err != nil {
		t.Errorf("trusted certificate: %v", err)
	}
}

func TestValidationErrorSendsNothing(t *testing.T) {
	var hits atomic.Int32
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	r := reqFor(srv)
	r.ClientID = ""
	ex, err := NewClient(ClientOptions{}).Login(context.Background(), r)
	var ve *ValidationError
	if ex != nil || !errors.As(err, &ve) || hits.Load() != 0 {
		t.Errorf("ex %v err %v hits %d", ex, err, hits.Load())
	}
}

func TestUserInfo(t *testing.T) {
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/userinfo" || r.Method != "GET" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("Authorization") != "Bearer good" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="Users", error="invalid_token", error_description="The token has expired"`)
			w.WriteHeader(401)
			fmt.Fprint(w, "Unauthorized")
			return
		}
		fmt.Fprint(w, `{"sub":"auth0|1","email":"alice@example.com"}`)
	})
	c := NewClient(ClientOptions{})
	ex, err := c.UserInfo(context.Background(), srv.URL, false, "good")
	if err != nil || !strings.Contains(string(ex.Body), "alice@example.com") {
		t.Fatalf("%v %s", err, ex.Body)
	}
	ex, err = c.UserInfo(context.Background(), srv.URL, false, "Bearer stale-token")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 401 || ae.Code != "invalid_token" || ae.Description != "The token has expired" || !strings.Contains(ae.Hint, "access token") {
		t.Errorf("got %v %+v", err, ae)
	}
	if ex.Request.Masked().Header.Get("Authorization") != "Bearer "+Mask || strings.Contains(ex.Request.Curl(false), "stale-token") {
		t.Error("the access token shows in the masked request")
	}
	if _, err := c.UserInfo(context.Background(), srv.URL, false, ""); err == nil {
		t.Error("no token: want a validation error")
	}
}

// wait blocks a handler until the test ends or the client goes away.
// The server notices a closed connection only once the body has been read.
func wait(r *http.Request, block chan struct{}) {
	_, _ = io.Copy(io.Discard, r.Body)
	select {
	case <-block:
	case <-r.Context().Done():
	}
}

// assertNoSecrets fails when an error's text holds the request's password or bearer.
func assertNoSecrets(t *testing.T, err error, r Request) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	var ae *APIError
	if errors.As(err, &ae) {
		msg += ae.Hint + ae.Body + ae.Description
	}
	for _, s := range []string{r.Password, bearerValue(r.Bearer)} {
		if s != "" && strings.Contains(msg, s) {
			t.Errorf("error text holds a secret: %s", msg)
		}
	}
}

func TestClientFollowsTheDomainAsked(t *testing.T) {
	hit := func(name string, n *atomic.Int32) *httptest.Server {
		return loopback(t, func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			fmt.Fprintf(w, `{"access_token":%q}`, name)
		})
	}
	var a, b atomic.Int32
	srvA, srvB := hit("a", &a), hit("b", &b)
	c := NewClient(ClientOptions{})
	for i, srv := range []*httptest.Server{srvA, srvB, srvA} {
		ex, err := c.Login(context.Background(), reqFor(srv))
		if err != nil || ex.Request.URL != srv.URL+"/oauth/ro" {
			t.Fatalf("call %d: %v %v", i, err, ex)
		}
	}
	if a.Load() != 2 || b.Load() != 1 {
		t.Errorf("calls reached a %d times, b %d times", a.Load(), b.Load())
	}
	bad := reqFor(srvA)
	bad.Domain = strings.Replace(srvA.URL, "http://127.0.0.1", "http://example.com", 1)
	if _, err := c.Login(context.Background(), bad); err == nil {
		t.Error("a plain http domain after a loopback one was accepted")
	}
	// A zero Client works too.
	var zero Client
	if _, err := zero.Login(context.Background(), reqFor(srvB)); err != nil {
		t.Errorf("zero Client: %v", err)
	}
}

func TestClientIsSafeForConcurrentUse(t *testing.T) {
	var n atomic.Int32
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		fmt.Fprint(w, `{"access_token":"x","expires_in":60}`)
	})
	c := NewClient(ClientOptions{})
	errs := make(chan error, 40)
	for g := 0; g < 8; g++ {
		go func(g int) {
			r := reqFor(srv).AsFlow([]Flow{FlowRO, FlowRealm}[g%2])
			for i := 0; i < 5; i++ {
				_, err := c.Login(context.Background(), r)
				errs <- err
			}
		}(g)
	}
	for i := 0; i < 40; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if n.Load() != 40 {
		t.Errorf("%d calls reached the server, want 40", n.Load())
	}
}

// deadlineRecorder answers like a tenant and records, per call, how long
// the request's context allowed.
type deadlineRecorder struct{ left []time.Duration }

func (d *deadlineRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	dl, ok := r.Context().Deadline()
	if !ok {
		d.left = append(d.left, -1)
	} else {
		d.left = append(d.left, time.Until(dl))
	}
	body := `{"access_token":"a","token_type":"Bearer"}`
	if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "openid-configuration") {
		body = `{"issuer":"https://acme.us.auth0.com/","token_endpoint":"https://acme.us.auth0.com/oauth/token","revocation_endpoint":"https://acme.us.auth0.com/oauth/revoke"}`
	} else if r.Method == http.MethodGet {
		body = `{"sub":"auth0|1"}`
	}
	return &http.Response{StatusCode: 200, ProtoMajor: 1, ProtoMinor: 1, Request: r, Header: http.Header{},
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body))}, nil
}

// A timeout is always set: with zero options every call (each flow, the
// discovery before the password flow, /userinfo, and every call of a
// session after the login) carries DefaultTimeout,
// and a caller's own Timeout replaces it.
func TestEveryCallHasADeadline(t *testing.T) {
	for _, timeout := range []time.Duration{0, 2 * time.Second} {
		rec := &deadlineRecorder{}
		c := NewClient(ClientOptions{HTTPClient: &http.Client{Transport: rec}, Timeout: timeout})
		r := validRO()
		r.Domain = "acme.us.auth0.com"
		for _, f := range []Flow{FlowRO, FlowRealm, FlowPassword} {
			if _, err := c.Login(context.Background(), r.AsFlow(f)); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		if _, err := c.UserInfo(context.Background(), r.Domain, false, "a"); err != nil {
			t.Fatal(err)
		}
		// The calls of a session after the login.
		refresh := Refresh{Domain: r.Domain, ClientID: r.ClientID, RefreshToken: "rt"}
		for _, f := range []Flow{FlowRO, FlowRealm, FlowPassword} {
			refresh.From = f
			if _, err := c.Refresh(context.Background(), refresh); err != nil {
				t.Fatalf("refresh %s: %v", f, err)
			}
			if _, err := c.Revoke(context.Background(), refresh); err != nil {
				t.Fatalf("revoke %s: %v", f, err)
			}
		}
		if _, err := c.TokenInfo(context.Background(), r.Domain, false, "a.b.c"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.SendCode(context.Background(), CodeRequest{Domain: r.Domain, ClientID: r.ClientID, Connection: "sms", Recipient: "+15555550100"}); err != nil {
			t.Fatal(err)
		}
		want := timeout
		if want == 0 {
			want = DefaultTimeout
		}
		// ro, realm, discovery + password, userinfo; refresh and revoke
		// in each flow (discovery before each of the password flow's),
		// tokeninfo, passwordless/start.
		if len(rec.left) != 15 {
			t.Fatalf("%d calls seen, want 15", len(rec.left))
		}
		for i, left := range rec.left {
			if left <= 0 || left > want || left < want-time.Second {
				t.Errorf("timeout %v: call %d had %v left, want about %v", timeout, i, left, want)
			}
		}
	}
}
