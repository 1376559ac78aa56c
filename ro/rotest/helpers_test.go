package rotest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
)

var (
	sharedKeysOnce sync.Once
	sharedKeys     *signingKeys
)

// testKeys is one signing key for the tests that do not test key
// generation itself: generating a 2048-bit RSA key takes about 0.25 s
// under -race, longer than most tests.
func testKeys(t testing.TB) *signingKeys {
	t.Helper()
	sharedKeysOnce.Do(func() {
		var err error
		if sharedKeys, err = newSigningKeys(); err != nil {
			panic(err)
		}
	})
	return sharedKeys
}

// start runs a demo tenant on a loopback port for one test.
func start(t *testing.T, opts Options) *Server {
	t.Helper()
	opts.keys = testKeys(t)
	s, err := Start("", opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// answer is one response, read whole.
type answer struct {
	status int
	header http.Header
	raw    string
	json   map[string]any // nil when the body is not a JSON object
}

// str returns a string member of the JSON body ("" when absent).
func (a answer) str(name string) string {
	s, _ := a.json[name].(string)
	return s
}

// call sends one request with a body and extra headers (name, value, …).
func call(t *testing.T, c *http.Client, method, url, contentType, body string, headers ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s %s: %v", method, url, err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &a.json)
	return a
}

// postJSON posts fields as a JSON object.
func postJSON(t *testing.T, url string, fields map[string]any, headers ...string) answer {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return call(t, nil, http.MethodPost, url, "application/json", string(b), headers...)
}

// postJSONWith posts fields as JSON from any goroutine (no *testing.T);
// a failed call comes back with status 0 and the error as raw.
func postJSONWith(c *http.Client, url string, fields map[string]any) answer {
	b, _ := json.Marshal(fields)
	resp, err := c.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		return answer{raw: err.Error()}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{raw: err.Error()}
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &a.json)
	return a
}

// withOverrides changes the body f by overrides, an override of nil
// removing the field, and returns it.
func withOverrides(f, overrides map[string]any) map[string]any {
	for k, v := range overrides {
		if v == nil {
			delete(f, k)
		} else {
			f[k] = v
		}
	}
	return f
}

// roFieldsFor is a valid /oauth/ro body for alice, changed by overrides;
// an override of nil removes the field.
func roFieldsFor(overrides map[string]any) map[string]any {
	f := map[string]any{
		"client_id":  ClientID,
		"username":   UserAlice,
		"password":   Password,
		"connection": Connection,
		"grant_type": "password",
		"scope":      "openid",
	}
	return withOverrides(f, overrides)
}

// wantError checks Auth0's error answer: status, error, error_description.
func wantError(t *testing.T, a answer, status int, code, description string) {
	t.Helper()
	if a.status != status || a.str("error") != code || a.str("error_description") != description {
		t.Errorf("got %d %s, want %d {error: %q, error_description: %q}", a.status, a.raw, status, code, description)
	}
}

// callRow is a request body, made by a test's body function from
// overrides (nil removes a field), and what the tenant answers it: Auth0's
// error (status, error, error_description), or for status 200 tokens.
type callRow struct {
	name      string
	overrides map[string]any
	status    int
	code      string
	desc      string
}

// wantAnswers posts, for each row, body(row.overrides) to url as JSON, and
// checks the answer: the row's error, or for 200 an ID token.
func wantAnswers(t *testing.T, url string, body func(map[string]any) map[string]any, rows []callRow) {
	t.Helper()
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			a := postJSON(t, url, body(tc.overrides))
			if tc.status == 200 {
				if a.status != 200 || a.str("id_token") == "" {
					t.Errorf("got %d %s, want tokens", a.status, a.raw)
				}
				return
			}
			wantError(t, a, tc.status, tc.code, tc.desc)
		})
	}
}

// clock is a settable time source for Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// jwksKeyfunc fetches the tenant's JWKS with keyfunc, as a verifier would.
func jwksKeyfunc(t *testing.T, s *Server) jwt.Keyfunc {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	k, err := keyfunc.NewDefaultCtx(ctx, []string{s.URL + "/.well-known/jwks.json"})
	if err != nil {
		t.Fatalf("keyfunc: %v", err)
	}
	return k.Keyfunc
}

// verifyRS256 checks an ID token against the JWKS, issuer and audience,
// as an SDK would, and returns its claims.
func verifyRS256(t *testing.T, s *Server, raw, audience string, now func() time.Time) jwt.MapClaims {
	t.Helper()
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(raw, claims, jwksKeyfunc(t, s),
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(s.Issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(now),
	)
	if err != nil {
		t.Fatalf("ID token does not verify against the JWKS: %v", err)
	}
	if kid, _ := tok.Header["kid"].(string); kid == "" {
		t.Errorf("RS256 token without kid: %v", tok.Header)
	}
	return claims
}

// claimNames lists a JWT's claims in the order they were sent.
func claimNames(t *testing.T, raw string) []string {
	t.Helper()
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWS: %q", raw)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	var names []string
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return names
}
