package cli

// `rotui login --compare-realm`: the login through /oauth/ro, then the same
// login through the realm flow (ro.Request.AsRealm, the fields the TUI's m
// carries over), and what migrating changes for this user, as inspect
// compares it.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
)

// compareRealmProblem is why --compare-realm cannot go with the other
// options, or "".
func compareRealmProblem(o loginOptions, f ro.Flow) string {
	switch {
	case f != ro.FlowRO:
		return "--compare-realm compares an ro login with the same login through realm: use it with --flow ro (the default)"
	case o.Extras.UserInfo || o.Extras.Report != "":
		return "--compare-realm goes without --userinfo and --report: each would have to say which of the two logins it is about"
	}
	return ""
}

// runCompareRealm logs in through /oauth/ro and, when inspect.SendRealmAfter
// says it is worth it, through the realm flow, and prints the migration
// comparison. The audience goes to the realm call only (/oauth/ro takes
// none). The status is the ro answer's; a realm refusal is shown in the
// comparison, and only a realm fault (network, 5xx) makes it 3.
func runCompareRealm(ctx context.Context, o loginOptions, s streams, client *ro.Client) int {
	now := clockOf(o.Now)
	red := newRedactor(o.Request)
	legacyReq := o.Request
	legacyReq.Audience = ""
	realmReq := o.Request.AsRealm()

	ex, err := client.Login(ctx, legacyReq)
	code := exitCode(err)
	var legacy, realm *inspect.Inspection
	var rex *ro.Exchange
	var rerr error
	var mig *inspect.MigrationComparison
	tried := false // the realm login was attempted (it may have failed validation)
	if ex != nil {
		legacy = inspect.New(inspect.Input{Request: legacyReq, Exchange: ex, ExpectedIssuer: o.Issuer, Now: now()})
		if send, why := inspect.SendRealmAfter(ex, err); send {
			tried = true
			rex, rerr = client.Login(ctx, realmReq)
			if rex != nil {
				realm = inspect.New(inspect.Input{Request: realmReq, Exchange: rex, ExpectedIssuer: o.Issuer, Now: now()})
			}
			if exitCode(rerr) == exitFault {
				code = max(code, exitFault)
			}
		} else {
			rerr = errors.New(why)
		}
		mig = inspect.CompareMigration(legacy, realm, rerr)
	}

	if o.JSON {
		out := compareRealmJSON{RO: loginJSONOf(ex, err, legacy, nil, red, now())}
		if tried {
			r := loginJSONOf(rex, rerr, realm, nil, red, now())
			out.Realm = &r
		}
		if mig != nil {
			m := newMigrationJSON(mig, red.clean)
			out.Comparison = &m
		}
		return writeResult(s, "rotui login", out, code)
	}
	talk := streams{Out: io.Discard, Err: s.Err}
	if tried {
		err = realmTried(err) // the realm login below is what trying it gave
	}
	printHuman(talk, ex, err, nil, red, now())
	printChecks(talk, legacy, red)
	if tried {
		printHuman(talk, rex, rerr, nil, red, now())
		printChecks(talk, realm, red)
	}
	if mig != nil {
		var b strings.Builder
		writeMigration(&b, mig, o.Request.Username, red.safe)
		io.WriteString(s.Out, b.String())
	}
	return code
}

// realmTried is err with no realm flow to try: --compare-realm has just
// sent the login through it, so "try: --flow realm" would send the person
// where they have been.
func realmTried(err error) error {
	var ae *ro.APIError
	if !errors.As(err, &ae) || ae.TryFlow != ro.FlowRealm {
		return err
	}
	cp := *ae
	cp.TryFlow = ""
	return &cp
}

// checkMarkOf is a finding's mark, as the consistency checks show theirs.
func checkMarkOf(l inspect.Level) string { return checkMarks[l] }

// writeMigration writes the migration comparison for people: the Summary,
// then the requests, each token and the answers. safe makes text
// terminal-safe and masks the secrets sent.
func writeMigration(b *strings.Builder, m *inspect.MigrationComparison, user string, safe func(string) string) {
	fmt.Fprintf(b, "What moving from /oauth/ro to the realm flow changes, for %s\n\nSummary\n", safe(user))
	for i, line := range m.Summary {
		fmt.Fprintf(b, "  %d. %s\n", i+1, safe(line))
	}
	if len(m.Request) > 0 { // none when the realm login was not sent
		fmt.Fprintf(b, "\nRequest\n")
		writeRows(b, m.Request, safe)
	}
	for _, t := range m.Tokens {
		fmt.Fprintf(b, "\n%s\n", t.Role)
		writeFindings(b, t.Findings, safe)
		if c := t.Comparison; c != nil {
			writeRows(b, c.Rows(), safe)
			for _, f := range c.Facts {
				// Two logins' tokens always differ: their length and value say nothing.
				if f.Change != inspect.Same && f.Name != inspect.FactLength && f.Name != inspect.FactValue {
					fmt.Fprintf(b, "  %s: %s\n", f.Name, safe(f.Text))
				}
			}
		}
	}
	if len(m.Findings) > 0 {
		fmt.Fprintf(b, "\nAnswer\n")
		writeFindings(b, m.Findings, safe)
	}
}

func writeFindings(b *strings.Builder, fs []inspect.Finding, safe func(string) string) {
	for _, f := range fs {
		fmt.Fprintf(b, "  %s %s\n", checkMarkOf(f.Level), safe(f.Detail))
	}
}

// The object of `rotui login --compare-realm --json`; field names are
// documented in docs/json.md.
type (
	compareRealmJSON struct {
		RO         loginResult    `json:"ro"`
		Realm      *loginResult   `json:"realm"`
		Comparison *migrationJSON `json:"comparison"`
	}
	migrationJSON struct {
		Summary   []string             `json:"summary"`
		RealmSent bool                 `json:"realm_sent"`
		Request   []rowJSON            `json:"request"`
		Tokens    []migrationTokenJSON `json:"tokens"`
		Findings  []jsonCheck          `json:"findings"`
	}
	migrationTokenJSON struct {
		Token      string          `json:"token"` // id_token, access_token, refresh_token
		Comparison *comparisonJSON `json:"comparison"`
		Findings   []jsonCheck     `json:"findings"`
	}
)

// roleJSONNames name each token as an answer's JSON does.
var roleJSONNames = map[inspect.Role]string{inspect.RoleAccess: "access_token", inspect.RoleID: "id_token", inspect.RoleRefresh: "refresh_token"}

func newMigrationJSON(m *inspect.MigrationComparison, clean func(string) string) migrationJSON {
	out := migrationJSON{RealmSent: m.Realm != nil, Summary: []string{}, Request: []rowJSON{}, Tokens: []migrationTokenJSON{}, Findings: findingsJSON(m.Findings, clean)}
	for _, l := range m.Summary {
		out.Summary = append(out.Summary, clean(l))
	}
	for _, r := range m.Request {
		out.Request = append(out.Request, newRowJSON(r, clean))
	}
	for _, t := range m.Tokens {
		j := migrationTokenJSON{Token: roleJSONNames[t.Role], Findings: findingsJSON(t.Findings, clean)}
		if t.Comparison != nil {
			c := newComparisonJSON(t.Comparison, clean)
			j.Comparison = &c
		}
		out.Tokens = append(out.Tokens, j)
	}
	return out
}

func findingsJSON(fs []inspect.Finding, clean func(string) string) []jsonCheck {
	out := []jsonCheck{}
	for _, f := range fs {
		out = append(out, jsonCheck{Name: f.Name, Result: f.Level.String(), Detail: clean(f.Detail)})
	}
	return out
}
