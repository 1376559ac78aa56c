package inspect

import (
	"strings"
	"testing"
	"time"

	"github.com/rotui/rotui/internal/fixture"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// rfc7516A3 is the compact JWE of RFC 7516 appendix A.3.
const rfc7516A3 = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0." +
	"6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ." +
	"AxY8DCtDaGlsbGljb3RoZQ." +
	"KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY." +
	"U0m_YmjN04DJvceFICbCVQ"

// hsIDToken is the fixture's ID token signed (in name) with HS256.
func hsIDToken() string { return fixture.JWT(`{"alg":"HS256","typ":"JWT"}`, fixture.IDClaims()) }

func TestNewDecodesAnAnswerOnce(t *testing.T) {
	req, ex := fixture.Exchange()
	i := New(Input{Request: req, Exchange: ex, Now: fixture.Now})
	var roles []string
	for _, tk := range i.Tokens {
		roles = append(roles, tk.Role.String())
	}
	if got := strings.Join(roles, ", "); got != "Access token, ID token, Refresh token" {
		t.Fatalf("roles %q", got)
	}
	if i.Token(RoleID).Decoded.Kind != jwtview.KindJWS || i.Token(RoleAccess).Decoded.Kind != jwtview.KindOpaque {
		t.Errorf("kinds: %v %v", i.Token(RoleID).Decoded.Kind, i.Token(RoleAccess).Decoded.Kind)
	}
	if len(i.Findings) == 0 || i.Migration == nil || i.Flow != ro.FlowRO {
		t.Errorf("findings %d, migration %v, flow %q", len(i.Findings), i.Migration, i.Flow)
	}
	if i.Apply(RolePasted, jwtview.Verification{}) {
		t.Error("a verification was applied to a token the answer does not have")
	}
	if !i.Apply(RoleID, jwtview.Verification{KeyID: "k"}) || i.Token(RoleID).Verification.KeyID != "k" {
		t.Error("the ID token's verification was not kept")
	}
}

func TestNoChecksWithoutAnAnswer(t *testing.T) {
	i := New(Input{Pasted: fixture.IDToken(), Now: fixture.Now})
	if len(i.Findings) != 0 || i.Migration != nil || len(i.Tokens) != 1 || i.Tokens[0].Role != RolePasted {
		t.Errorf("a pasted token got %+v", i)
	}
	req, ex := fixture.Exchange()
	ex.Status, ex.Tokens, ex.Err = 0, nil, &ro.NetworkError{Op: "POST"}
	if i := New(Input{Request: req, Exchange: ex, Now: fixture.Now}); len(i.Findings) != 0 || len(i.Tokens) != 0 {
		t.Errorf("a call with no answer got findings %v and tokens %v", i.Findings, i.Tokens)
	}
}

// The plan says which keys check which token: the tenant's JWKS for an
// answer's RS256 tokens, the client secret for HS256 ones, what the person
// gave for a pasted token, and nothing for a refresh token.
func TestVerificationPlan(t *testing.T) {
	req, ex := fixture.Exchange()
	realm := *ex
	realm.Flow = ro.FlowRealm
	password := *ex
	password.Flow = ro.FlowPassword
	withHS := func(e ro.Exchange) *ro.Exchange {
		tr := *e.Tokens
		tr.IDToken = hsIDToken()
		e.Tokens = &tr
		return &e
	}
	jwks := fixture.Tenant + "/.well-known/jwks.json"
	cases := []struct {
		name string
		in   Input
		role Role
		// want
		verify   bool
		jwksURL  string
		discover bool
		secret   bool
		noKey    string
		issuer   string
		audience string
		pem      bool
	}{
		{name: "ID token of an ro answer", in: Input{Request: req, Exchange: ex}, role: RoleID,
			verify: true, jwksURL: jwks, issuer: fixture.Tenant + "/", audience: "rotui-demo"},
		{name: "the realm flow uses the tenant's keys too", in: Input{Request: req, Exchange: &realm}, role: RoleID,
			verify: true, jwksURL: jwks, issuer: fixture.Tenant + "/", audience: "rotui-demo"},
		{name: "a custom domain is the issuer", in: Input{Request: req, Exchange: ex, ExpectedIssuer: "https://login.acme.com/"}, role: RoleID,
			verify: true, jwksURL: jwks, issuer: "https://login.acme.com/", audience: "rotui-demo"},
		{name: "the password flow finds keys by discovery and expects no issuer", in: Input{Request: req, Exchange: &password}, role: RoleID,
			verify: true, discover: true, audience: "rotui-demo"},
		{name: "HS256 without the client secret", in: Input{Request: req, Exchange: withHS(*ex)}, role: RoleID,
			verify: true, noKey: "signed with the client secret (HS256)", issuer: fixture.Tenant + "/", audience: "rotui-demo"},
		{name: "HS256 with the client secret", in: Input{Request: req, Exchange: withHS(*ex), ClientSecret: "s3cret"}, role: RoleID,
			verify: true, secret: true, issuer: fixture.Tenant + "/", audience: "rotui-demo"},
		{name: "an opaque access token", in: Input{Request: req, Exchange: ex}, role: RoleAccess},
		{name: "a refresh token", in: Input{Request: req, Exchange: ex}, role: RoleRefresh},
		{name: "pasted, keys found from its iss", in: Input{Pasted: fixture.IDToken(), FindKeys: true}, role: RolePasted,
			verify: true, discover: true},
		{name: "pasted, offline: times only", in: Input{Pasted: fixture.IDToken()}, role: RolePasted, verify: true},
		{name: "pasted, --verify", in: Input{Pasted: fixture.IDToken(), Discover: true, ExpectedIssuer: "https://x/", ExpectedAudience: "api"}, role: RolePasted,
			verify: true, discover: true, issuer: "https://x/", audience: "api"},
		{name: "pasted, a JWKS given", in: Input{Pasted: fixture.IDToken(), JWKSURL: "https://x/jwks", FindKeys: true}, role: RolePasted,
			verify: true, jwksURL: "https://x/jwks"},
		{name: "pasted, a PEM key given", in: Input{Pasted: fixture.IDToken(), PEM: []byte("pem"), FindKeys: true}, role: RolePasted,
			verify: true, pem: true},
		{name: "pasted RS256 with a secret given: the secret is tried, and fails there", in: Input{Pasted: fixture.IDToken(), Secret: []byte("s3cret")}, role: RolePasted,
			verify: true, secret: true},
		{name: "pasted HS256, the form's client secret", in: Input{Pasted: hsIDToken(), ClientSecret: "s3cret", FindKeys: true}, role: RolePasted,
			verify: true, secret: true},
		{name: "pasted RS256 ignores the form's client secret", in: Input{Pasted: fixture.IDToken(), ClientSecret: "s3cret", FindKeys: true}, role: RolePasted,
			verify: true, discover: true},
		{name: "pasted HS256 without a secret", in: Input{Pasted: hsIDToken(), FindKeys: true}, role: RolePasted,
			verify: true, noKey: "signed with a shared secret (HS256)"},
		{name: "pasted HS256 with --verify: asked, so tried", in: Input{Pasted: hsIDToken(), Discover: true}, role: RolePasted,
			verify: true, discover: true},
		{name: "pasted opaque", in: Input{Pasted: "Zx8kQ2vLm4Np7RtA", FindKeys: true}, role: RolePasted},
		{name: "pasted opaque with --verify: asked, so it fails there", in: Input{Pasted: "Zx8kQ2vLm4Np7RtA", Discover: true}, role: RolePasted,
			verify: true, discover: true},
		{name: "pasted opaque with --issuer", in: Input{Pasted: "Zx8kQ2vLm4Np7RtA", ExpectedIssuer: "https://x/"}, role: RolePasted,
			verify: true, issuer: "https://x/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.in.Now = fixture.Now
			tk := New(c.in).Token(c.role)
			if tk == nil {
				t.Fatal("no such token")
			}
			p, o := tk.Plan, tk.Plan.Options
			if p.Verify != c.verify || o.JWKSURL != c.jwksURL || o.Discover != c.discover || (len(o.Secret) > 0) != c.secret ||
				(len(o.PEM) > 0) != c.pem || o.Issuer != c.issuer || o.Audience != c.audience {
				t.Errorf("plan %+v", p)
			}
			if !strings.HasPrefix(p.NoKey, c.noKey) || (c.noKey == "") != (p.NoKey == "") {
				t.Errorf("NoKey %q, want it to start %q", p.NoKey, c.noKey)
			}
			if p.Verify && !o.Now.Equal(fixture.Now) {
				t.Errorf("verification at %v, not when the answer arrived", o.Now)
			}
		})
	}
}

// Carrying out a plan with no key still checks issuer, audience and times
// offline; a token with nothing to verify gets no checks at all.
func TestTokenVerifyOffline(t *testing.T) {
	req, ex := fixture.Exchange()
	tr := *ex.Tokens
	tr.IDToken = hsIDToken()
	ex.Tokens = &tr
	i := New(Input{Request: req, Exchange: ex, Now: fixture.Now})
	v := i.Token(RoleID).Verify(t.Context(), nil)
	got := map[string]jwtview.Outcome{}
	for _, c := range v.Checks {
		got[c.Name] = c.Outcome
	}
	if got["issuer"] != jwtview.Passed || got["audience"] != jwtview.Passed || got["signature"] == jwtview.Passed {
		t.Errorf("offline checks of an HS256 ID token without its secret: %+v", v.Checks)
	}
	if v := i.Token(RoleRefresh).Verify(t.Context(), nil); len(v.Checks) != 0 {
		t.Errorf("a refresh token was verified: %+v", v)
	}
}

func TestWhy(t *testing.T) {
	req, ex := fixture.Exchange()
	realm := *ex
	realm.Flow = ro.FlowRealm
	withAud := req
	withAud.Audience = "https://api.example.com"
	cases := []struct {
		name string
		in   Input
		role Role
		want string // "" for no sentence
	}{
		{"ro access token", Input{Request: req, Exchange: ex}, RoleAccess, "legacy /oauth/ro endpoint always issues"},
		{"realm access token without audience", Input{Request: req, Exchange: &realm}, RoleAccess, "no audience was named"},
		{"realm access token with audience", Input{Request: withAud, Exchange: &realm}, RoleAccess, "although an audience was named"},
		{"ro refresh token", Input{Request: req, Exchange: ex}, RoleRefresh, "only with the legacy /delegation endpoint"},
		{"realm refresh token", Input{Request: req, Exchange: &realm}, RoleRefresh, "keep it secret."},
		{"a JWT says nothing", Input{Request: req, Exchange: ex}, RoleID, ""},
		{"pasted opaque", Input{Pasted: "Zx8kQ2vLm4Np7RtA"}, RolePasted, "Opaque: a reference only its issuer can read"},
		{"pasted JWE", Input{Pasted: rfc7516A3}, RolePasted, "Encrypted (JWE)"},
		{"pasted malformed", Input{Pasted: fixture.B64(`{"alg":"RS256"}`) + ".!!!.c2ln"}, RolePasted, WhyMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.in.Now = fixture.Now
			why := New(c.in).Token(c.role).Why
			switch {
			case c.want == "" && len(why) != 0:
				t.Errorf("why %q, want nothing", why)
			case c.want != "" && (len(why) != 1 || !strings.Contains(why[0], c.want)):
				t.Errorf("why %q, want %q", why, c.want)
			}
			if c.name == "realm refresh token" && strings.Contains(why[0], "delegation") {
				t.Errorf("a realm refresh token is said to need /delegation: %q", why)
			}
		})
	}
}

func TestExpiresInGivesAnOpaqueAccessTokenItsLifetime(t *testing.T) {
	req, ex := fixture.Exchange()
	cases := []struct {
		name      string
		expiresIn int64
		has       bool
		want      bool
	}{
		{"600 s", 600, true, true},
		{"not sent", 0, false, false},
		{"zero", 0, true, false},
		{"negative", -5, true, false},
		{"beyond ten years", MaxExpiresIn + 1, true, false},
	}
	for _, c := range cases {
		tr := *ex.Tokens
		tr.ExpiresIn, tr.HasExpiresIn = c.expiresIn, c.has
		e := *ex
		e.Tokens = &tr
		a := New(Input{Request: req, Exchange: &e, Now: fixture.Now}).Token(RoleAccess)
		if a.LifeFromExpiresIn != c.want {
			t.Errorf("%s: LifeFromExpiresIn %v", c.name, a.LifeFromExpiresIn)
		}
		if c.want && !a.Lifetime.ExpiresAt.Equal(ex.Started.Add(time.Duration(c.expiresIn)*time.Second)) {
			t.Errorf("%s: expires %v, want counted from when the request went out", c.name, a.Lifetime.ExpiresAt)
		}
	}
}

func TestClockSkew(t *testing.T) {
	_, ex := fixture.Exchange()
	arrived := ex.Started.Add(ex.Latency)
	cases := []struct {
		name     string
		date     time.Time
		ok, warn bool
	}{
		{"no Date", time.Time{}, false, false},
		{"in step", arrived, true, false},
		{"30 s ahead is fine", arrived.Add(30 * time.Second), true, false},
		{"31 s ahead", arrived.Add(31 * time.Second), true, true},
		{"31 s behind", arrived.Add(-31 * time.Second), true, true},
	}
	for _, c := range cases {
		e := *ex
		e.ServerDate = c.date.Truncate(time.Second)
		skew, ok := ClockSkew(&e, fixture.Now)
		if ok != c.ok || SkewTooLarge(skew) != c.warn {
			t.Errorf("%s: skew %v ok %v, too large %v", c.name, skew, ok, SkewTooLarge(skew))
		}
		if f := checkClock(&e, fixture.Now); (f.Level == LevelWarn) != c.warn {
			t.Errorf("%s: the clock finding is %s: %s", c.name, f.Level, f.Detail)
		}
	}
}

func TestTally(t *testing.T) {
	fs := []Finding{{Level: LevelBad}, {Level: LevelWarn}, {Level: LevelWarn}, {Level: LevelOK}, {Level: LevelInfo}}
	if bad, warn := Tally(fs); bad != 1 || warn != 2 {
		t.Errorf("Tally = %d failed, %d warnings", bad, warn)
	}
}
