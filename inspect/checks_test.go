package inspect

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/internal/fixture"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// ckToken decodes a JWT made of raw JSON claims.
func ckToken(claims string) *jwtview.Token {
	return jwtview.Decode(fixture.JWT(`{"alg":"RS256","typ":"JWT"}`, claims))
}

// ckClaims is a good ID token's claims for client rotui-demo at fixture.Tenant,
// with extra claims appended.
func ckClaims(iat, exp int64, extra string) string {
	s := `{"iss":"` + fixture.Tenant + `/","sub":"auth0|1","aud":"rotui-demo","iat":` + strconv.FormatInt(iat, 10) + `,"exp":` + strconv.FormatInt(exp, 10)
	if extra != "" {
		s += "," + extra
	}
	return s + "}"
}

func TestConsistencyChecks(t *testing.T) {
	iat := fixture.Now.Unix()
	good := ckToken(ckClaims(iat, iat+600, ""))
	baseReq := ro.Request{Domain: "acme.us.auth0.com", ClientID: "rotui-demo", Scope: "openid profile", Flow: ro.FlowRO}
	baseEx := func() *ro.Exchange {
		return &ro.Exchange{
			Flow: ro.FlowRO, Status: 200, Started: fixture.Now, Latency: 100 * time.Millisecond,
			ServerDate: fixture.Now, Request: ro.SentRequest{Method: "POST", URL: fixture.Tenant + "/oauth/ro", Header: http.Header{}},
			Tokens: &ro.TokenResponse{AccessToken: "opaque123", IDToken: "x", TokenType: "Bearer", ExpiresIn: 600, HasExpiresIn: true},
		}
	}
	type want struct {
		name  string
		level Level
		words string // a phrase the detail must contain
	}
	cases := []struct {
		name     string
		req      func(r *ro.Request)
		ex       func(e *ro.Exchange)
		d        TokenSet
		expected string
		want     []want
	}{
		{
			name: "all consistent",
			d:    TokenSet{Access: jwtview.Decode("opaque123"), ID: good},
			want: []want{{"expires_in", LevelOK, "600 s"}, {"scope", LevelOK, "granted as asked"},
				{"audience", LevelOK, "rotui-demo"}, {"issuer", LevelOK, fixture.Tenant + "/"}, {"token_type", LevelOK, "Bearer"},
				{"clock", LevelOK, "agrees"}},
		},
		{
			name: "expires_in disagrees with a JWT access token",
			d:    TokenSet{Access: ckToken(ckClaims(iat, iat+86400, `"azp":"rotui-demo"`)), ID: good},
			want: []want{{"expires_in", LevelWarn, "expires_in says 600 s but the access token lives 86400 s"}},
		},
		{
			name: "expires_in within the slack of exp − iat",
			d:    TokenSet{Access: ckToken(ckClaims(iat, iat+603, "")), ID: good},
			want: []want{{"expires_in", LevelOK, "matches the access token"}},
		},
		{
			name: "opaque access token and a differently lived ID token",
			d:    TokenSet{Access: jwtview.Decode("opaque123"), ID: ckToken(ckClaims(iat, iat+36000, ""))},
			want: []want{{"expires_in", LevelInfo, "the ID token lives 36000 s"}},
		},
		{
			name: "no expires_in",
			ex:   func(e *ro.Exchange) { e.Tokens.HasExpiresIn = false },
			d:    TokenSet{ID: good},
			want: []want{{"expires_in", LevelInfo, "no expires_in"}},
		},
		{
			name: "expires_in out of range is not taken for no expires_in",
			ex: func(e *ro.Exchange) {
				e.Tokens, _ = ro.ParseTokenResponse([]byte(`{"access_token":"opaque123","id_token":"x","token_type":"Bearer","expires_in":1e308}`))
			},
			d:    TokenSet{ID: good},
			want: []want{{"expires_in", LevelWarn, "expires_in 1e308 is out of range"}},
		},
		{
			name: "scope narrower than asked",
			req:  func(r *ro.Request) { r.Scope = "openid profile email" },
			ex:   func(e *ro.Exchange) { e.Tokens.Scope = "openid profile" },
			d:    TokenSet{ID: good},
			want: []want{{"scope", LevelWarn, "not granted (per the answer's scope): email"}},
		},
		{
			name: "scope wider than asked",
			ex:   func(e *ro.Exchange) { e.Tokens.Scope = "openid profile read:messages" },
			d:    TokenSet{ID: good},
			want: []want{{"scope", LevelInfo, "read:messages"}},
		},
		{
			name: "scope from the access token's claim",
			req:  func(r *ro.Request) { r.Scope = "openid read:a"; r.Audience = "https://api" },
			d:    TokenSet{Access: ckToken(`{"iss":"` + fixture.Tenant + `/","aud":"https://api","scope":"openid"}`), ID: good},
			want: []want{{"scope", LevelWarn, "the access token's scope claim): read:a"}},
		},
		{
			name: "openid asked, no ID token",
			d:    TokenSet{Access: jwtview.Decode("opaque123")},
			want: []want{{"id_token", LevelWarn, "no ID token came back"}},
		},
		{
			name: "offline_access without a device on /oauth/ro",
			req:  func(r *ro.Request) { r.Scope = "openid offline_access" },
			d:    TokenSet{ID: good},
			want: []want{{"refresh_token", LevelWarn, "only when a device is named"}},
		},
		{
			name: "ID token for another client",
			d:    TokenSet{ID: ckToken(`{"iss":"` + fixture.Tenant + `/","aud":["other","more"]}`)},
			want: []want{{"audience", LevelBad, `"other", "more", not the client "rotui-demo"`}, {"azp", LevelWarn, "no azp"}},
		},
		{
			name: "azp of another client",
			d:    TokenSet{ID: ckToken(ckClaims(iat, iat+600, `"azp":"intruder"`))},
			want: []want{{"azp", LevelBad, `"intruder"`}},
		},
		{
			name: "ID token without aud",
			d:    TokenSet{ID: ckToken(`{"iss":"` + fixture.Tenant + `/"}`)},
			want: []want{{"audience", LevelBad, "no aud"}},
		},
		{
			name: "access token for another API",
			req:  func(r *ro.Request) { r.Audience = "https://api.example.com" },
			d:    TokenSet{Access: ckToken(`{"iss":"` + fixture.Tenant + `/","aud":["https://other"],"azp":"rotui-demo"}`), ID: good},
			want: []want{{"audience", LevelBad, `not the API "https://api.example.com"`}},
		},
		{
			name: "access token for the API asked",
			req:  func(r *ro.Request) { r.Audience = "https://api.example.com" },
			d:    TokenSet{Access: ckToken(`{"iss":"` + fixture.Tenant + `/","aud":["https://api.example.com","` + fixture.Tenant + `/userinfo"]}`), ID: good},
			want: []want{{"audience", LevelOK, "includes the API"}},
		},
		{
			name: "issuer of another tenant",
			d:    TokenSet{ID: ckToken(`{"iss":"https://evil.example/","aud":"rotui-demo"}`)},
			want: []want{{"issuer", LevelBad, "custom domain"}},
		},
		{
			name: "another server's issuer in the password flow",
			ex:   func(e *ro.Exchange) { e.Flow = ro.FlowPassword },
			d:    TokenSet{ID: ckToken(`{"iss":"https://sso.example/realms/acme","aud":"rotui-demo"}`)},
			want: []want{{"issuer", LevelWarn, "give it as the expected issuer"}},
		},
		{
			name: "issuer without its trailing slash",
			d:    TokenSet{ID: ckToken(`{"iss":"` + fixture.Tenant + `","aud":"rotui-demo"}`)},
			want: []want{{"issuer", LevelWarn, "trailing slash"}},
		},
		{
			name:     "issuer of a custom domain named by the person",
			expected: "https://login.acme.com/",
			d:        TokenSet{ID: ckToken(`{"iss":"https://login.acme.com/","aud":"rotui-demo"}`)},
			want:     []want{{"issuer", LevelOK, "https://login.acme.com/"}},
		},
		{
			name:     "issuer that is neither tenant nor custom domain",
			expected: "https://login.acme.com/",
			d:        TokenSet{ID: ptToken(t, ckClaims(iat, iat+600, ""))},
			want:     []want{{"issuer", LevelBad, `not the expected issuer "https://login.acme.com/"`}},
		},
		{
			name: "no iss",
			d:    TokenSet{ID: ckToken(`{"aud":"rotui-demo"}`)},
			want: []want{{"issuer", LevelBad, "no iss"}},
		},
		{
			name: "lower-case bearer",
			ex:   func(e *ro.Exchange) { e.Tokens.TokenType = "bearer" },
			d:    TokenSet{ID: good},
			want: []want{{"token_type", LevelOK, "case-insensitively"}},
		},
		{
			name: "another token type",
			ex:   func(e *ro.Exchange) { e.Tokens.TokenType = "DPoP" },
			d:    TokenSet{ID: good},
			want: []want{{"token_type", LevelWarn, `"DPoP"`}},
		},
		{
			name: "no token type",
			ex:   func(e *ro.Exchange) { e.Tokens.TokenType = "" },
			d:    TokenSet{ID: good},
			want: []want{{"token_type", LevelWarn, "no token_type"}},
		},
		{
			name: "server clock 2 minutes ahead",
			ex:   func(e *ro.Exchange) { e.ServerDate = fixture.Now.Add(2 * time.Minute) },
			d:    TokenSet{ID: good},
			want: []want{{"clock", LevelWarn, "2m0s ahead of"}},
		},
		{
			name: "server clock 45 s behind",
			ex:   func(e *ro.Exchange) { e.ServerDate = fixture.Now.Add(-45 * time.Second) },
			d:    TokenSet{ID: good},
			want: []want{{"clock", LevelWarn, "45s behind"}},
		},
		{
			name: "server clock 20 s off is fine",
			ex:   func(e *ro.Exchange) { e.ServerDate = fixture.Now.Add(20 * time.Second) },
			d:    TokenSet{ID: good},
			want: []want{{"clock", LevelOK, "20s ahead of"}},
		},
		{
			name: "a token issued in the future",
			ex:   func(e *ro.Exchange) { e.ServerDate = time.Time{} },
			d:    TokenSet{ID: ckToken(ckClaims(iat+300, iat+900, ""))},
			want: []want{{"iat", LevelWarn, "issued 5m0s after it arrived"}},
		},
		{
			name: "no Date header",
			ex:   func(e *ro.Exchange) { e.ServerDate = time.Time{} },
			d:    TokenSet{ID: good},
			want: []want{{"clock", LevelInfo, "no Date header"}},
		},
		{
			name: "an error answer is only checked for the clock",
			ex: func(e *ro.Exchange) {
				e.Tokens, e.Status, e.ServerDate = nil, 401, fixture.Now.Add(time.Hour)
			},
			want: []want{{"clock", LevelWarn, "1h0m0s ahead of"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, ex := baseReq, baseEx()
			if c.req != nil {
				c.req(&req)
			}
			if c.ex != nil {
				c.ex(ex)
			}
			got := ConsistencyChecks(req, ex, c.d, c.expected, fixture.Now)
			for _, w := range c.want {
				found := false
				for _, f := range got {
					if f.Name == w.name && f.Level == w.level && strings.Contains(f.Detail, w.words) {
						found = true
					}
				}
				if !found {
					t.Errorf("want %s %s containing %q; got:\n%s", w.level, w.name, w.words, ckDump(got))
				}
			}
			if c.name == "all consistent" {
				for _, f := range got {
					if f.Level >= LevelWarn {
						t.Errorf("a consistent answer got %s %s: %s", f.Level, f.Name, f.Detail)
					}
				}
			}
			if c.ex != nil && ex.Tokens == nil && len(got) != 1 {
				t.Errorf("an error answer got %d findings, want the clock only:\n%s", len(got), ckDump(got))
			}
		})
	}
}

func ptToken(t *testing.T, claims string) *jwtview.Token {
	t.Helper()
	tok := ckToken(claims)
	if tok.Kind != jwtview.KindJWS {
		t.Fatalf("test token did not decode as a JWS: %+v", tok.Problems)
	}
	return tok
}

func ckDump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Level.String() + " " + f.Name + ": " + f.Detail + "\n")
	}
	return b.String()
}

func TestConsistencyChecksOfNoExchange(t *testing.T) {
	if got := ConsistencyChecks(ro.Request{}, nil, TokenSet{}, "", fixture.Now); got != nil {
		t.Errorf("a pasted token has no answer to check, got %v", got)
	}
}

// A token the answer sent as another JSON type is a failed check saying
// so, not "no refresh token came back: … a device" or "… offline access",
// which would send the person after a scope or a device they have.
func TestConsistencyChecksSayATokenIsNotAString(t *testing.T) {
	iat := fixture.Now.Unix()
	good := ckToken(ckClaims(iat, iat+600, ""))
	cases := []struct {
		name   string
		scope  string
		device string
		tokens ro.TokenResponse
		d      TokenSet
		want   string // the finding's name
		words  string
	}{
		{"refresh_token a number", "openid offline_access", "phone", ro.TokenResponse{AccessToken: "opaque123", IDToken: "x", RefreshTokenProblem: "refresh_token is a number, not a string"},
			TokenSet{Access: jwtview.Decode("opaque123"), ID: good}, "refresh_token", "refresh_token is a number, not a string"},
		{"refresh_token a number, no device", "openid offline_access", "", ro.TokenResponse{AccessToken: "opaque123", IDToken: "x", RefreshTokenProblem: "refresh_token is a number, not a string"},
			TokenSet{Access: jwtview.Decode("opaque123"), ID: good}, "refresh_token", "refresh_token is a number, not a string"},
		{"refresh_token an object, not asked", "openid", "", ro.TokenResponse{AccessToken: "opaque123", IDToken: "x", RefreshTokenProblem: "refresh_token is an object, not a string"},
			TokenSet{Access: jwtview.Decode("opaque123"), ID: good}, "refresh_token", "refresh_token is an object, not a string"},
		{"id_token an array", "openid", "", ro.TokenResponse{AccessToken: "opaque123", IDTokenProblem: "id_token is an array, not a string"},
			TokenSet{Access: jwtview.Decode("opaque123")}, "id_token", "id_token is an array, not a string"},
		{"access_token a bool", "openid", "", ro.TokenResponse{IDToken: "x", AccessTokenProblem: "access_token is a bool, not a string"},
			TokenSet{ID: good}, "access_token", "access_token is a bool, not a string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := ro.Request{Domain: "acme.us.auth0.com", ClientID: "rotui-demo", Scope: c.scope, Device: c.device, Flow: ro.FlowRO}
			tokens := c.tokens
			tokens.TokenType, tokens.ExpiresIn, tokens.HasExpiresIn = "Bearer", 600, true
			ex := &ro.Exchange{Flow: ro.FlowRO, Status: 200, Started: fixture.Now, ServerDate: fixture.Now,
				Request: ro.SentRequest{Method: "POST", URL: fixture.Tenant + "/oauth/ro", Header: http.Header{}}, Tokens: &tokens}
			got := ConsistencyChecks(req, ex, c.d, "", fixture.Now)
			found := false
			for _, f := range got {
				if f.Name == c.want && f.Level == LevelBad && strings.Contains(f.Detail, c.words) {
					found = true
				}
				if strings.Contains(f.Detail, "came back") {
					t.Errorf("a token sent as another type is said not to have come back: %s %s", f.Name, f.Detail)
				}
			}
			if !found {
				t.Errorf("want ✗ %s saying %q; got:\n%s", c.want, c.words, ckDump(got))
			}
		})
	}
}

// The checks' tally says what was checked: an answer that brought no
// token (a refusal, a 429, a 200 that could not be read) had its clock
// compared and nothing else, and "all consistent" would read as if the
// answer had passed.
func TestTallyTextSaysWhatWasChecked(t *testing.T) {
	iat := fixture.Now.Unix()
	good := ckToken(ckClaims(iat, iat+600, ""))
	req := ro.Request{Domain: "acme.us.auth0.com", ClientID: "rotui-demo", Scope: "openid profile", Flow: ro.FlowRO}
	answer := func(status int, err error, tokens *ro.TokenResponse, skew time.Duration) *ro.Exchange {
		return &ro.Exchange{Flow: ro.FlowRO, Status: status, Err: err, Tokens: tokens, Started: fixture.Now, ServerDate: fixture.Now.Add(skew),
			Request: ro.SentRequest{Method: "POST", URL: fixture.Tenant + "/oauth/ro", Header: http.Header{}}}
	}
	refused := &ro.APIError{Status: 401, Code: "a0.mfa_required"}
	cases := []struct {
		name string
		ex   *ro.Exchange
		d    TokenSet
		want string
	}{
		{"tokens, all consistent", answer(200, nil, &ro.TokenResponse{AccessToken: "opaque123", IDToken: "x", TokenType: "Bearer", ExpiresIn: 600, HasExpiresIn: true}, 0),
			TokenSet{Access: jwtview.Decode("opaque123"), ID: good}, "all consistent"},
		{"MFA required", answer(401, refused, nil, 0), TokenSet{}, "only the clock, since no tokens came back"},
		{"a 403 refusal", answer(403, &ro.APIError{Status: 403, Code: "unauthorized_client"}, nil, 0), TokenSet{}, "only the clock, since no tokens came back"},
		{"a 429", answer(429, &ro.APIError{Status: 429, Code: "too_many_attempts"}, nil, 0), TokenSet{}, "only the clock, since no tokens came back"},
		{"an unreadable 200", answer(200, &ro.NetworkError{Op: "parse"}, nil, 0), TokenSet{}, "only the clock, since the answer's tokens could not be read"},
		{"a refusal, the clock off", answer(401, refused, nil, 10*time.Minute), TokenSet{}, "1 warning; only the clock, since no tokens came back"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := ConsistencyChecks(req, c.ex, c.d, "", fixture.Now)
			if got := TallyText(fs, c.ex); got != c.want {
				t.Errorf("tally %q, want %q\n%s", got, c.want, ckDump(fs))
			}
		})
	}
}
