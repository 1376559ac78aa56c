package ro

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// legacyTenant is a tenant written to reference/auth0-legacy-semantics.md
// for the calls after a login: /delegation takes refresh tokens from
// /oauth/ro only, /oauth/token's refresh_token grant those from
// /oauth/token only, /oauth/revoke forgets one (200 also for an unknown
// one), /tokeninfo answers the profile of a good ID token. The password
// flow's server is found by discovery, with its own token and revocation
// endpoints (form-encoded, as OAuth 2 has them).
type legacyTenant struct {
	mu      sync.Mutex
	from    map[string]string // refresh token → "ro" or "token"
	got     []sentCall        // every call, in order
	legacy  bool              // /delegation exists (false: a bare 404, as with legacy grants off)
	limited bool              // /delegation answers 429, its 10-a-minute limit
	oidc    bool              // the client is OIDC conformant: /delegation refuses it
}

// sentCall is one request as the tenant read it.
type sentCall struct {
	method, path, contentType string
	fields                    map[string]string
}

const (
	rtFromRO    = "rt-from-ro-Zq9xW2kP7vN4bL8mR1tY5sD3fG6hJ0cX"
	rtFromToken = "v1.rt-from-token-Mn3bV6cX9zA2sD5fG8hJ1kL4"
	delegatedID = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxIn0.c2ln"
	goodIDToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxIiwiYXVkIjoiYWJjIn0.c2ln"
)

func newLegacyTenant() *legacyTenant {
	return &legacyTenant{from: map[string]string{rtFromRO: "ro", rtFromToken: "token"}, legacy: true}
}

func (lt *legacyTenant) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	fields := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		for k, v := range m {
			fields[k] = fmt.Sprint(v)
		}
	} else {
		q, _ := url.ParseQuery(string(body))
		for k := range q {
			fields[k] = q.Get(k)
		}
	}
	lt.mu.Lock()
	defer lt.mu.Unlock()
	lt.got = append(lt.got, sentCall{r.Method, r.URL.Path, r.Header.Get("Content-Type"), fields})
	w.Header().Set("Content-Type", "application/json")
	fail := func(status int, code, desc string) {
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":%q,"error_description":%q}`, code, desc)
	}
	switch r.Method + " " + r.URL.Path {
	case "GET /.well-known/openid-configuration":
		fmt.Fprintf(w, `{"issuer":"http://%s/","token_endpoint":"http://%s/token","revocation_endpoint":"http://%s/revoke"}`, r.Host, r.Host, r.Host)
	case "POST /delegation":
		switch {
		case !lt.legacy:
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, "Not Found")
		case lt.oidc:
			fail(http.StatusBadRequest, "invalid_request", "OIDC conformant clients cannot use /delegation")
		case lt.limited:
			w.Header().Set("X-RateLimit-Limit", "10")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", "1900000000")
			fail(http.StatusTooManyRequests, "too_many_requests", "Too many requests")
		case lt.from[fields["refresh_token"]] == "token":
			fail(http.StatusForbidden, "invalid_grant", "This refresh token was issued by /oauth/token: only /oauth/token takes it (grant_type refresh_token).")
		case lt.from[fields["refresh_token"]] != "ro":
			fail(http.StatusForbidden, "invalid_grant", "Unknown or invalid refresh token.")
		default:
			fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":36000,"id_token":%q}`, delegatedID)
		}
	case "POST /oauth/token", "POST /token":
		switch lt.from[fields["refresh_token"]] {
		case "ro":
			fail(http.StatusForbidden, "invalid_grant", "This refresh token was issued by /oauth/ro: only the legacy /delegation endpoint takes it.")
			return
		case "":
			fail(http.StatusForbidden, "invalid_grant", "Unknown or invalid refresh token.")
			return
		}
		fmt.Fprintf(w, `{"access_token":"opaque-access-1234","id_token":%q,"token_type":"Bearer","expires_in":86400,"scope":"openid"}`, delegatedID)
	case "POST /oauth/revoke", "POST /revoke":
		delete(lt.from, fields["token"])
		w.WriteHeader(http.StatusOK)
	case "POST /tokeninfo":
		if fields["id_token"] != goodIDToken {
			fail(http.StatusUnauthorized, "invalid_token", "jwt expired")
			return
		}
		fmt.Fprint(w, `{"user_id":"auth0|1","email":"alice@example.com","global_client_id":"g-123"}`)
	default:
		http.NotFound(w, r)
	}
}

// set changes the tenant under its lock (its handler runs on other goroutines).
func (lt *legacyTenant) set(change func()) {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	change()
}

// last is the last call the tenant got.
func (lt *legacyTenant) last() sentCall {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	return lt.got[len(lt.got)-1]
}

// TestRefreshRouteFollowsTheFlow: the rule of which endpoint takes a
// refresh token, and why, by the flow that issued it.
func TestRefreshRouteFollowsTheFlow(t *testing.T) {
	cases := []struct {
		from     Flow
		endpoint string
		grant    string
		why      []string
	}{
		{FlowRO, "/delegation", GrantJWTBearer, []string{"/oauth/ro", "/delegation", "not accept"}},
		{"", "/delegation", GrantJWTBearer, []string{"/oauth/ro"}},
		{FlowRealm, "/oauth/token", GrantRefreshToken, []string{"/oauth/token", "refresh_token grant", "/delegation"}},
		{FlowPassword, "the token endpoint from OIDC discovery", GrantRefreshToken, []string{"discovery", "refresh_token grant"}},
	}
	for _, c := range cases {
		rt := c.from.RefreshRoute()
		if rt.Endpoint != c.endpoint || rt.Grant != c.grant || rt.From != Flow(c.from.String()) {
			t.Errorf("%q: %+v", c.from, rt)
		}
		for _, w := range c.why {
			if !strings.Contains(rt.Why, w) {
				t.Errorf("%q: Why %q does not say %q", c.from, rt.Why, w)
			}
		}
	}
}

// TestRefreshGoesWhereItsFlowAllows: each flow's refresh token goes to its
// endpoint with the fields that endpoint takes, and the answer is read
// into the same TokenResponse as a login's, with the route on the Exchange.
func TestRefreshGoesWhereItsFlowAllows(t *testing.T) {
	lt := newLegacyTenant()
	srv := loopback(t, lt.ServeHTTP)
	cases := []struct {
		name   string
		r      Refresh
		path   string
		form   bool
		fields map[string]string
		access bool
	}{
		{"ro", Refresh{RefreshToken: rtFromRO, From: FlowRO}, "/delegation", false,
			map[string]string{"client_id": "abc", "grant_type": GrantJWTBearer, "refresh_token": rtFromRO, "api_type": "app", "scope": "openid"}, false},
		{"ro, passthrough to another client", Refresh{RefreshToken: rtFromRO, Scope: "passthrough", Target: "other-client"}, "/delegation", false,
			map[string]string{"client_id": "abc", "grant_type": GrantJWTBearer, "refresh_token": rtFromRO, "api_type": "app", "target": "other-client", "scope": "passthrough"}, false},
		{"realm", Refresh{RefreshToken: rtFromToken, From: FlowRealm}, "/oauth/token", false,
			map[string]string{"grant_type": "refresh_token", "client_id": "abc", "refresh_token": rtFromToken}, true},
		{"password", Refresh{RefreshToken: rtFromToken, From: FlowPassword, Scope: "openid"}, "/token", true,
			map[string]string{"grant_type": "refresh_token", "client_id": "abc", "refresh_token": rtFromToken, "scope": "openid"}, true},
	}
	for _, c := range cases {
		c.r.Domain, c.r.ClientID = srv.URL, "abc"
		ex, err := NewClient(ClientOptions{}).Refresh(context.Background(), c.r)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := lt.last()
		if got.path != c.path || strings.HasPrefix(got.contentType, "application/json") == c.form || !sameMap(got.fields, c.fields) {
			t.Errorf("%s: sent %s %s %v, want %s %v", c.name, got.path, got.contentType, got.fields, c.path, c.fields)
		}
		if !ex.OK() || ex.Tokens.IDToken != delegatedID || (ex.Tokens.AccessToken != "") != c.access || !ex.Tokens.HasExpiresIn {
			t.Errorf("%s: tokens %+v", c.name, ex.Tokens)
		}
		want := c.r.From.RefreshRoute()
		if ex.RefreshRoute == nil || *ex.RefreshRoute != want || ex.Flow != want.From {
			t.Errorf("%s: the exchange says route %+v, flow %q; want %+v", c.name, ex.RefreshRoute, ex.Flow, want)
		}
		if c.r.From == FlowPassword && (ex.Discovery == nil || ex.Discovery.TokenEndpoint != srv.URL+"/token") {
			t.Errorf("%s: discovery %+v", c.name, ex.Discovery)
		}
	}
}

// TestRefreshRefusalsAreExplained: a refresh token taken to the endpoint
// of the other flow, an OIDC conformant client, /delegation on a tenant
// with legacy grants off, and /delegation's own rate limit each get a
// hint that says what to do.
func TestRefreshRefusalsAreExplained(t *testing.T) {
	lt := newLegacyTenant()
	srv := loopback(t, lt.ServeHTTP)
	refresh := func(r Refresh) *APIError {
		t.Helper()
		r.Domain, r.ClientID = srv.URL, "abc"
		_, err := NewClient(ClientOptions{}).Refresh(context.Background(), r)
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Fatalf("%+v: got %v, want an *APIError", r, err)
		}
		return ae
	}
	if ae := refresh(Refresh{RefreshToken: rtFromToken, From: FlowRO}); ae.Status != 403 || !strings.Contains(ae.Hint, "/oauth/token") || ae.TryFlow != FlowRealm {
		t.Errorf("a token from /oauth/token at /delegation: %d %q, try %q", ae.Status, ae.Hint, ae.TryFlow)
	}
	if ae := refresh(Refresh{RefreshToken: rtFromRO, From: FlowRealm}); ae.Status != 403 || !strings.Contains(ae.Hint, "/delegation") || ae.TryFlow != FlowRO {
		t.Errorf("a token from /oauth/ro at /oauth/token: %d %q, try %q", ae.Status, ae.Hint, ae.TryFlow)
	}
	// A token the endpoint does not know (revoked, expired, never issued)
	// is said to be so, and the other flow is not offered: after a revoke,
	// each flow sent the person to the other.
	for _, from := range []Flow{FlowRO, FlowRealm} {
		if ae := refresh(Refresh{RefreshToken: "rt-revoked-Zq9xW2kP7vN4bL8mR1tY5sD3", From: from}); ae.Status != 403 || !strings.Contains(ae.Hint, "revoked, has expired, or was never issued") || ae.TryFlow != "" {
			t.Errorf("an unknown refresh token through %s: %d %q, try %q", from, ae.Status, ae.Hint, ae.TryFlow)
		}
	}
	lt.set(func() { lt.oidc = true })
	if ae := refresh(Refresh{RefreshToken: rtFromRO}); ae.Status != 400 || !strings.Contains(ae.Hint, "OIDC Conformant") || ae.SuggestRealm {
		t.Errorf("an OIDC conformant client at /delegation: %d %q (SuggestRealm %v, which is for a login)", ae.Status, ae.Hint, ae.SuggestRealm)
	}
	lt.set(func() { lt.oidc, lt.limited = false, true })
	if ae := refresh(Refresh{RefreshToken: rtFromRO}); ae.Status != 429 || !strings.Contains(ae.Hint, "10 calls a minute") || ae.RetryAt.IsZero() || !strings.Contains(ae.Hint, ae.RetryAt.UTC().Format("15:04:05")) {
		t.Errorf("/delegation's limit: %d %q", ae.Status, ae.Hint)
	}
	lt.set(func() { lt.limited, lt.legacy = false, false })
	if ae := refresh(Refresh{RefreshToken: rtFromRO}); ae.Status != 404 || !strings.Contains(ae.Hint, "legacy") || !strings.Contains(ae.Hint, "log in again") {
		t.Errorf("/delegation off: %d %q", ae.Status, ae.Hint)
	}
}

// TestRevokeForgetsTheToken: /oauth/revoke gets {client_id, token} (the
// password flow's server its discovered revocation_endpoint, form-encoded
// with a token_type_hint), and the revoked token is refused afterwards.
func TestRevokeForgetsTheToken(t *testing.T) {
	lt := newLegacyTenant()
	srv := loopback(t, lt.ServeHTTP)
	c := NewClient(ClientOptions{})
	r := Refresh{Domain: srv.URL, ClientID: "abc", RefreshToken: rtFromRO}
	ex, err := c.Revoke(context.Background(), r)
	if err != nil || ex.Status != 200 {
		t.Fatalf("revoke: %v %+v", err, ex)
	}
	if got := lt.last(); got.path != "/oauth/revoke" || !sameMap(got.fields, map[string]string{"client_id": "abc", "token": rtFromRO}) {
		t.Errorf("sent %s %v", got.path, got.fields)
	}
	if _, err := c.Refresh(context.Background(), r); err == nil {
		t.Error("a revoked refresh token still refreshes")
	}

	r = Refresh{Domain: srv.URL, ClientID: "abc", RefreshToken: rtFromToken, From: FlowPassword}
	if _, err := c.Revoke(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	got := lt.last()
	want := map[string]string{"client_id": "abc", "token": rtFromToken, "token_type_hint": "refresh_token"}
	if got.path != "/revoke" || got.contentType != "application/x-www-form-urlencoded" || !sameMap(got.fields, want) {
		t.Errorf("password flow: sent %s %s %v", got.path, got.contentType, got.fields)
	}
}

// TestTokenInfo: /tokeninfo gets {id_token} and its answer, the legacy
// profile, is kept as JSON like /userinfo's; a refusal is explained.
func TestTokenInfo(t *testing.T) {
	lt := newLegacyTenant()
	srv := loopback(t, lt.ServeHTTP)
	c := NewClient(ClientOptions{})
	ex, err := c.TokenInfo(context.Background(), srv.URL, false, goodIDToken)
	if err != nil || !strings.Contains(string(ex.Body), `"global_client_id":"g-123"`) {
		t.Fatalf("%v %s", err, ex.Body)
	}
	if got := lt.last(); got.path != "/tokeninfo" || !sameMap(got.fields, map[string]string{"id_token": goodIDToken}) {
		t.Errorf("sent %s %v", got.path, got.fields)
	}
	_, err = c.TokenInfo(context.Background(), srv.URL, false, "eyJ.stale.token")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 401 || !strings.Contains(ae.Hint, "expired") {
		t.Errorf("a stale ID token: %v %+v", err, ae)
	}
	var ve *ValidationError
	if _, err := c.TokenInfo(context.Background(), srv.URL, false, " "); !errors.As(err, &ve) || ve.For(FieldIDToken) == "" {
		t.Errorf("no ID token: %v", err)
	}
}

// TestRefreshValidatesBeforeSending: each problem is named on its field,
// and nothing is sent.
func TestRefreshValidatesBeforeSending(t *testing.T) {
	lt := newLegacyTenant()
	srv := loopback(t, lt.ServeHTTP)
	cases := []struct {
		name   string
		change func(*Refresh)
		field  string
		says   string
	}{
		{"no token", func(r *Refresh) { r.RefreshToken = "" }, FieldRefreshToken, "offline_access"},
		{"token with a line break", func(r *Refresh) { r.RefreshToken = "abc\ndef" }, FieldRefreshToken, "line break"},
		{"no client", func(r *Refresh) { r.ClientID = "" }, FieldClientID, "client ID"},
		{"no domain", func(r *Refresh) { r.Domain = "" }, FieldDomain, "domain"},
		{"bad flow", func(r *Refresh) { r.From = "implicit" }, FieldFlow, "ro"},
		{"target on realm", func(r *Refresh) { r.From, r.Target = FlowRealm, "other" }, FieldTarget, "/delegation"},
		{"api_type on password", func(r *Refresh) { r.From, r.APIType = FlowPassword, "firebase" }, FieldAPIType, "/delegation"},
		{"target with a space", func(r *Refresh) { r.Target = "a b" }, FieldTarget, "space"},
		{"scope with a line break", func(r *Refresh) { r.Scope = "openid\nprofile" }, FieldScope, "space"},
	}
	for _, c := range cases {
		r := Refresh{Domain: srv.URL, ClientID: "abc", RefreshToken: rtFromRO}
		c.change(&r)
		for name, call := range map[string]func() error{
			"refresh": func() error { _, err := NewClient(ClientOptions{}).Refresh(context.Background(), r); return err },
			"revoke":  func() error { _, err := NewClient(ClientOptions{}).Revoke(context.Background(), r); return err },
		} {
			if name == "revoke" && (c.field == FieldTarget || c.field == FieldAPIType || c.field == FieldScope) {
				continue // revoking sends none of them
			}
			ve := wantFieldSays(t, c.name+", "+name, call(), c.field, c.says)
			if ve == nil {
				continue
			}
			if strings.Contains(ve.Error(), rtFromRO) {
				t.Errorf("%s, %s: the error shows the refresh token", c.name, name)
			}
		}
	}
	lt.set(func() {
		if len(lt.got) != 0 {
			t.Errorf("%d calls reached the tenant", len(lt.got))
		}
	})
}

// TestAsRequestIsWhatTheAnswerIsCheckedAgainst: the domain, the flow, the
// scope asked, and the client the new ID token is for (the target, when
// one was named).
func TestAsRequestIsWhatTheAnswerIsCheckedAgainst(t *testing.T) {
	r := Refresh{Domain: "acme.us.auth0.com", ClientID: "abc", RefreshToken: rtFromRO, Scope: "openid profile", Insecure: true}
	got := r.AsRequest()
	if got.Domain != r.Domain || got.ClientID != "abc" || got.Scope != "openid profile" || got.Flow != FlowRO || !got.Insecure || got.Password != "" {
		t.Errorf("AsRequest() = %+v", got)
	}
	r.Target = "other-client"
	if got := r.AsRequest(); got.ClientID != "other-client" {
		t.Errorf("with a target, the ID token is for it: %+v", got)
	}
	r.Scope = ""
	if got := r.AsRequest(); got.Scope != "openid" {
		t.Errorf("/delegation's default scope is openid: %+v", got)
	}
}

// TestRefreshWithCarriesTheLoginOver: the refresh of a login's refresh
// token goes to the same tenant, for the same client, by the route of the
// login's flow.
func TestRefreshWithCarriesTheLoginOver(t *testing.T) {
	for _, f := range []Flow{"", FlowRO, FlowRealm, FlowPassword} {
		login := validRO()
		login.Flow, login.Insecure, login.Password, login.MFACode = f, true, "secret-pw", "123456"
		got := login.RefreshWith(" " + rtFromRO + "\n")
		want := Refresh{Domain: login.Domain, ClientID: login.ClientID, RefreshToken: rtFromRO, From: login.EffectiveFlow(), Insecure: true}
		if got != want {
			t.Errorf("%q: RefreshWith = %+v, want %+v", f, got, want)
		}
	}
}

// Passthrough is /delegation's: a refresh token from /oauth/ro asks it,
// one from /oauth/token (realm, password) cannot and is left as it was.
func TestWithPassthroughIsDelegations(t *testing.T) {
	for _, c := range []struct {
		from Flow
		ok   bool
	}{{FlowRO, true}, {FlowRealm, false}, {FlowPassword, false}, {"", true}} {
		r := Refresh{From: c.from, Scope: "openid"}
		got, ok := r.WithPassthrough()
		if ok != c.ok || (ok && got.Scope != "openid passthrough") || (!ok && got.Scope != "openid") {
			t.Errorf("from %q: scope %q, ok %v", c.from, got.Scope, ok)
		}
	}
}
