package inspect

import (
	"strings"
	"testing"

	"github.com/rotui/rotui/internal/fixture"
)

// kindName is a token's kind as MarshalText names it: "jws", "opaque".
func kindName(t *Token) string { b, _ := t.Decoded.Kind.MarshalText(); return string(b) }

// Two results compared like with like: which token of one goes with which
// of the other, whatever each is (a login's answer, a pasted token, a
// refused login).
func TestCompareResultsPairsLikeWithLike(t *testing.T) {
	req, ex := fixture.Exchange()
	login := func() *Inspection { return New(Input{Request: req, Exchange: ex, Now: fixture.Now}) }
	_, refused := fixture.ErrorExchange()
	paste := func(raw string) *Inspection { return New(Input{Pasted: raw, Now: fixture.Now}) }
	// An access token for an API: no claim about the person or the login.
	apiToken := fixture.JWT(`{"alg":"RS256","typ":"JWT","kid":"k1"}`, `{"iss":"`+fixture.Tenant+`/","sub":"auth0|1","aud":"https://api.example.com","scope":"read"}`)
	cases := []struct {
		name    string
		a, b    *Inspection
		pairs   string // each pair's role and its sides' kinds: "ID token:jws/jws"
		warning string // a piece of the one finding, for tokens of two kinds
	}{
		{name: "a login against another: every kind both have, ID first",
			a: login(), b: login(), pairs: "ID token:jws/jws Access token:opaque/opaque Refresh token:opaque/opaque"},
		{name: "a pasted ID token against a login: its ID token only",
			a: paste(fixture.IDToken()), b: login(), pairs: "ID token:jws/jws"},
		{name: "a login against a pasted access token: the access tokens",
			a: login(), b: paste(apiToken), pairs: "Access token:opaque/jws"},
		{name: "two pasted tokens of two kinds: compared all the same, and said so",
			a: paste(apiToken), b: paste(fixture.IDToken()), pairs: "Access token:jws/jws",
			warning: "No token of the same kind: A's access token is compared with B's ID token"},
		{name: "a refused login has no token to compare", a: login(), b: New(Input{Request: req, Exchange: refused, Now: fixture.Now})},
		{name: "nothing against a login", a: nil, b: login()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CompareResults(c.a, c.b, "A", "B")
			var pairs []string
			for _, p := range got {
				if p.Comparison == nil {
					t.Fatalf("the %s pair has no comparison", p.Role)
				}
				pairs = append(pairs, p.Role.String()+":"+kindName(p.Comparison.A)+"/"+kindName(p.Comparison.B))
			}
			if s := strings.Join(pairs, " "); s != c.pairs {
				t.Errorf("pairs %q, want %q", s, c.pairs)
			}
			var findings []string
			for _, p := range got {
				for _, f := range p.Findings {
					findings = append(findings, f.Level.String()+" "+f.Detail)
				}
			}
			switch {
			case c.warning == "" && len(findings) > 0:
				t.Errorf("findings %q for tokens of one kind", findings)
			case c.warning != "" && (len(findings) != 1 || !strings.Contains(findings[0], c.warning) || !strings.HasPrefix(findings[0], LevelWarn.String())):
				t.Errorf("findings %q, want one warning saying %q", findings, c.warning)
			}
		})
	}
}
