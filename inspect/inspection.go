package inspect

import (
	"net/http"
	"time"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// Input is what one inspection looks at: an exchange (a login's request and
// answer) or a pasted token, and what the person told rotui to expect.
type Input struct {
	Request  ro.Request   // the request as sent; its secrets are used, never shown
	Exchange *ro.Exchange // the answer; nil for a pasted token
	Pasted   string       // the pasted token, when Exchange is nil

	// ExpectedIssuer is the iss to expect: for an answer, when the tenant
	// answers under a custom domain ("" means the tenant's base URL plus
	// "/", as Auth0's is); for a pasted token, "" checks no issuer.
	ExpectedIssuer string
	// ExpectedAudience is the aud to expect of a pasted token ("" checks
	// none); an answer's tokens are checked against the client and the API.
	ExpectedAudience string
	// ClientSecret verifies HS* tokens (legacy Auth0 clients sign ID tokens
	// with it) and only those; it is never sent. SecretBase64 says it (or
	// Secret) is base64-encoded, as Auth0 showed secrets before Dec 2016.
	ClientSecret string
	SecretBase64 bool

	// Keys for a pasted token's signature as the person gave them (rotui
	// decode's flags): each is used as given, the first of Secret, PEM,
	// JWKSURL, Discover (the keys its iss publishes) wins, and one that does
	// not fit the token fails its check, since jwtview follows the key.
	Secret   []byte
	PEM      []byte
	JWKSURL  string
	Discover bool
	// FindKeys lets a pasted token that was given no keys be verified all
	// the same, as the TUI does: with the client secret for HS*, else with
	// the keys its iss publishes.
	FindKeys bool
	// HTTPClient fetches keys; nil: jwtview's, with a timeout.
	HTTPClient *http.Client

	Now time.Time // when the answer arrived, or the token was pasted
}

// Inspection is what an exchange or a pasted token means. Build it with
// New, carry out each token's Plan with Token.Verify (it needs the network),
// hand the results back with Apply, and render it.
type Inspection struct {
	Exchange *ro.Exchange // nil for a pasted token
	Flow     ro.Flow      // the flow of the exchange (ro when unsaid)
	Tokens   []*Token
	// Findings are the consistency checks between the answer and its
	// tokens; none for a pasted token or a call that got no answer.
	Findings []Finding
	// Migration is the same login through the realm flow, for an ro-flow
	// login; nil otherwise (a refresh, a pasted token, another flow).
	Migration *Migration
	Now       time.Time
}

// New inspects in: it decodes every token once, plans each verification,
// explains each token, and runs the consistency checks. It makes no call.
func New(in Input) *Inspection {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	i := &Inspection{Exchange: in.Exchange, Now: in.Now, Flow: ro.FlowRO}
	if in.Exchange != nil && in.Exchange.Flow != "" {
		i.Flow = in.Exchange.Flow
	}
	i.Tokens = decodeTokens(in.Exchange, in.Pasted)
	var d TokenSet
	for _, t := range i.Tokens {
		t.Plan = planFor(in, t)
		t.Why = why(in, i.Flow, t)
		switch t.Role {
		case RoleAccess:
			d.Access = t.Decoded
		case RoleID:
			d.ID = t.Decoded
		case RoleRefresh:
			d.Refresh = t.Decoded
		}
	}
	if in.Exchange != nil {
		i.Findings = ConsistencyChecks(in.Request, in.Exchange, d, in.ExpectedIssuer, in.Now)
		// A login's migration; a refresh has none of its own (the route
		// it took says why it went where it did).
		if i.Flow == ro.FlowRO && in.Exchange.RefreshRoute == nil {
			i.Migration = RealmMigration(in.Request)
		}
	}
	return i
}

// Token is the token of role r, or nil.
func (i *Inspection) Token(r Role) *Token {
	for _, t := range i.Tokens {
		if t.Role == r {
			return t
		}
	}
	return nil
}

// Apply records the verification of the token of role r; false when there
// is no such token.
func (i *Inspection) Apply(r Role, v jwtview.Verification) bool {
	t := i.Token(r)
	if t == nil {
		return false
	}
	t.Verification = &v
	return true
}
