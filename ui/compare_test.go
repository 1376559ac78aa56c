package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
)

// cmpUser is who an answer of these tests is about.
type cmpUser struct {
	email, name, sub string
	extra            string // more claims, JSON members with a leading comma
	shift            time.Duration
	form             string // the username typed in the form, when not email
}

var (
	cmpAlice = cmpUser{email: "alice@example.com", name: "Alice Liddell", sub: "auth0|5f7c8ec7c33c6c004bbafe82"}
	cmpBob   = cmpUser{email: "bob@example.com", name: "Bob Builder", sub: "auth0|5f7c8ec7c33c6c004bbafe99", shift: 10 * time.Minute}
)

// cmpIDToken is an RS256 ID token of the fixture's tenant for u, issued
// u.shift after fixture.IDToken's and living 10m.
func cmpIDToken(u cmpUser) string {
	iat := ptNow.Add(-time.Minute + u.shift).Unix()
	str := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	return ptJWT(`{"alg":"RS256","typ":"JWT","kid":"demo-key-1"}`, fmt.Sprintf(
		`{"iss":"%s/","sub":%s,"aud":"rotui-demo","exp":%d,"iat":%d,"name":%s,"nickname":"alice","email":%s,"email_verified":true,"picture":"https://example.com/alice.png","updated_at":"2026-11-20T09:00:00.000Z"%s}`,
		ptTenant, str(u.sub), iat+600, iat, str(u.name), str(u.email), u.extra))
}

// cmpExchange is the fixture's /oauth/ro login, by u and with u's ID token.
func cmpExchange(u cmpUser) (ro.Request, *ro.Exchange) {
	req, ex := ptExchange()
	req.Username = u.email
	if u.form != "" {
		req.Username = u.form
	}
	ex.Started = ex.Started.Add(u.shift)
	ex.Tokens.IDToken = cmpIDToken(u)
	ex.Body = []byte(`{"access_token":"` + ex.Tokens.AccessToken + `","id_token":"` + ex.Tokens.IDToken + `","refresh_token":"` + ex.Tokens.RefreshToken + `","token_type":"bearer"}`)
	return req, ex
}

// cmpRealmExchange is the same login as cmpExchange(cmpAlice) through the
// realm flow, as m sends it: the legacy profile claims gone from the ID
// token, an opaque access token, a refresh token of its own.
func cmpRealmExchange() (ro.Request, *ro.Exchange) {
	req, ex := cmpExchange(cmpAlice)
	req = req.AsRealm()
	ex.Flow = ro.FlowRealm
	ex.Started = ex.Started.Add(time.Second)
	ex.Request.URL = ptTenant + "/oauth/token"
	ex.Request.Body = []byte(`{"grant_type":"` + ro.GrantPasswordRealm + `","client_id":"rotui-demo","username":"alice@example.com","password":"wonderland","realm":"Username-Password-Authentication","scope":"openid profile email offline_access"}`)
	ex.Tokens.IDToken = cmpIDToken(cmpUser{email: cmpAlice.email, name: cmpAlice.name, sub: cmpAlice.sub, shift: time.Second})
	ex.Tokens.AccessToken = "Qm7vT2xLp9Rk4Nw1"
	ex.Tokens.RefreshToken = "v1.MRrT4hjEw9Xk2Lq7Np3Zs8Vb5Cy0Ud6Gf1Ha"
	ex.Tokens.TokenType, ex.Tokens.ExpiresIn, ex.Tokens.HasExpiresIn = "Bearer", 600, true
	return req, ex
}

// legacyClaims are what the legacy ID token carries beyond OIDC's.
const legacyClaims = `,"user_id":"auth0|5f7c8ec7c33c6c004bbafe82","clientID":"rotui-demo","identities":[{"connection":"Username-Password-Authentication","isSocial":false,"provider":"auth0","user_id":"5f7c8ec7c33c6c004bbafe82"}]`

// cmpModel is the program at w×h with the fixed clock and the dark styles.
func cmpModel(w, h int) *Model {
	m := New(Options{Prefill: demoPrefill(), Now: func() time.Time { return ptNow }})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// cmpAnswer sends the form and hands the program ex as its answer, its ID
// token verified (no network): the result is on screen.
func cmpAnswer(m *Model, req ro.Request, ex *ro.Exchange) {
	m.form.SetValue(ro.FieldUsername, req.Username) // the History names the user of the form as sent
	press(m, "ctrl+s")
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	m.shown.result.Apply(ptVerified(m.shown.result, inspect.RoleID))
}

// cmpTwoUsers is the program with Bob's login, then Alice's on screen.
func cmpTwoUsers(w, h int) *Model {
	m := cmpModel(w, h)
	for _, u := range []cmpUser{cmpBob, cmpAlice} {
		req, ex := cmpExchange(u)
		cmpAnswer(m, req, ex)
	}
	return m
}

// comparePaneOf is the Compare pane on screen, or fails.
func comparePaneOf(t *testing.T, m *Model) *comparePane {
	t.Helper()
	p, ok := m.tabs[m.active].(*comparePane)
	if !ok {
		t.Fatalf("the pane on screen is %q, not the Compare pane:\n%s", m.tabs[m.active].Title(), ansi.Strip(view(m)))
	}
	return p
}

// The Compare pane at the two sizes it is judged at, with its colours: d's
// picker, the pane, every row unfolded (n, scrolled through), and m's
// migration comparison with its three lines on top.
func TestGoldenCompare(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 36}, {60, 16}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			var b strings.Builder
			shot := func(name, s string) {
				ptFits(t, name, s, size.w, size.h)
				b.WriteString("=== " + name + " ===\n" + s + "\n")
			}
			m := cmpTwoUsers(size.w, size.h)
			press(m, "d")
			shot("d: the picker", view(m))
			press(m, "enter")
			shot("d: the Compare pane", view(m))
			press(m, "n")
			b.WriteString("=== d: every row (n), scrolled through ===\n" + ansi.Strip(ptFullView(comparePaneOf(t, m), m.lay.bodyHeight)))

			m = cmpModel(size.w, size.h)
			req, ex := cmpExchange(cmpUser{email: cmpAlice.email, name: cmpAlice.name, sub: cmpAlice.sub, extra: legacyClaims})
			cmpAnswer(m, req, ex)
			press(m, "m")
			rreq, rex := cmpRealmExchange()
			m.Update(loginDoneMsg{id: m.call.id, req: rreq, ex: rex})
			m.entries[len(m.entries)-1].result.Apply(ptVerified(m.entries[len(m.entries)-1].result, inspect.RoleID))
			shot("m: the Compare pane", view(m))
			b.WriteString("=== m: scrolled through ===\n" + ansi.Strip(ptFullView(comparePaneOf(t, m), m.lay.bodyHeight)))
			golden.RequireEqual(t, b.String())
		})
	}
}

// compareText is the whole Compare pane on screen, scrolled through,
// without colour.
func compareText(t *testing.T, m *Model) string {
	t.Helper()
	return ansi.Strip(ptFullView(comparePaneOf(t, m), m.lay.bodyHeight))
}

// What a person reads on the Compare pane of two users' logins: each row
// that differs with its sign and both values (two columns, or stacked at
// 60), times as times, the same rows folded, the facts; in presenter mode
// no profile value in either column, the rows still saying what changed.
func TestCompareShowsWhatDiffers(t *testing.T) {
	cases := []struct {
		name    string
		w, h    int
		redact  bool
		want    []string // each somewhere in the pane
		line    []string // all on one line of the pane
		notWant []string
	}{
		{name: "two columns at 120", w: 120, h: 36,
			want: []string{"~ name", "~ exp", "exp 10m0s later", "iat 10m0s later", "6 claims the same (n shows them): iss, aud, nickname",
				"3 header parameters the same", "~ 5 changed · = 9 same", "= lifetime   Both live 10m0s.",
				"= signature  Both signed RS256 with key demo-key-1, verified.", "= issuer     The same issuer (https://acme.us.auth0.com/) in both.",
				"A  #4 · 17:29:58 · ro · alice@example.com", "B  #2 · 17:39:58 · ro · bob@example.com"},
			line:    []string{"~ email", "alice@example.com", "bob@example.com"},
			notWant: []string{"= nickname"}},
		{name: "stacked at 60", w: 60, h: 16,
			want:    []string{"~ email", "      A  alice@example.com", "      B  bob@example.com", "exp 10m0s later", "6 claims the same"},
			notWant: []string{"alice@example.com                    bob@example.com"}},
		{name: "presenter mode hides every profile value in both columns", w: 120, h: 36, redact: true,
			want:    []string{"~ email", "~ name", "~ sub", "•••• (hidden)", "exp 10m0s later"},
			notWant: []string{"alice@example.com", "bob@example.com", "Alice Liddell", "Bob Builder", "auth0|5f7c8"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := cmpTwoUsers(c.w, c.h)
			if c.redact {
				press(m, "ctrl+x")
			}
			press(m, "d", "enter")
			got := compareText(t, m)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("the pane lacks %q:\n%s", w, got)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(got, w) {
					t.Errorf("the pane shows %q:\n%s", w, got)
				}
			}
			if len(c.line) > 0 && !slicesAnyLine(got, c.line) {
				t.Errorf("no line holds all of %q:\n%s", c.line, got)
			}
			ptFits(t, "Compare", view(m), c.w, c.h)
		})
	}
}

// slicesAnyLine reports whether one line of s holds every piece.
func slicesAnyLine(s string, pieces []string) bool {
	for _, l := range strings.Split(s, "\n") {
		all := true
		for _, p := range pieces {
			all = all && strings.Contains(l, p)
		}
		if all {
			return true
		}
	}
	return false
}

// A token's claim names and values reach the Compare pane escaped: no
// escape sequence, C1 control or bidirectional override from a token is
// drawn raw, in two columns or stacked.
func TestCompareDrawsHostileValuesHarmlessly(t *testing.T) {
	for _, w := range []int{120, 60} {
		m := cmpModel(w, 30)
		m.setStyles(ptPlain()) // no escape of rotui's own: any one came from the token
		evil := cmpUser{email: "\x1b[31mevil@example.com", name: "\u202egnp.exe", sub: "auth0|1\u009b2J",
			extra: `,"\u001b]0;title\u0007":"x"`, shift: time.Minute, form: "evil@example.com"}
		for _, u := range []cmpUser{evil, cmpAlice} {
			req, ex := cmpExchange(u)
			cmpAnswer(m, req, ex)
		}
		press(m, "d", "enter", "n")
		got := ptFullView(comparePaneOf(t, m), m.lay.bodyHeight)
		for _, bad := range []string{"\x1b[31m", "\x1b]0;", "\u202e", "\u009b", "\a"} {
			if strings.Contains(got, bad) {
				t.Errorf("at %d columns %q reached the screen raw:\n%s", w, bad, got)
			}
		}
		for _, shown := range []string{`\x1b[31mevil@example.com`, `\u202egnp.exe`, `\x1b]0;title`} {
			if !strings.Contains(got, shown) {
				t.Errorf("at %d columns %q is not shown escaped:\n%s", w, shown, got)
			}
		}
	}
}

// d and 0 say why when they cannot act; esc closes the picker.
func TestCompareKeysSayWhy(t *testing.T) {
	ok := func(m *Model) {
		req, ex := cmpExchange(cmpAlice)
		cmpAnswer(m, req, ex)
	}
	refused := func(m *Model) {
		req, ex := ptErrorExchange()
		press(m, "ctrl+s")
		m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	}
	cases := []struct {
		name    string
		results []func(*Model)
		keys    []string
		status  string
	}{
		{"one result: nothing to compare with", []func(*Model){ok}, []string{"d"}, "Nothing to compare with yet: send again (r, or e to change a field first) or paste a token (p), then d."},
		{"a refused login has no token", []func(*Model){ok, refused}, []string{"d"}, "This result has no token to compare"},
		{"the others have no token", []func(*Model){refused, refused, ok}, []string{"d"}, "No other result has a token to compare with (2 came back without one)"},
		{"0 before any comparison", []func(*Model){ok, ok}, []string{"0"}, "No comparison yet: d compares this result with another"},
		{"a stray key in the picker", []func(*Model){ok, ok}, []string{"d", "x"}, "↑↓ and enter compare with a result, esc closes."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := cmpModel(120, 36)
			for _, r := range c.results {
				r(m)
			}
			press(m, c.keys...)
			if v := ansi.Strip(view(m)); !strings.Contains(v, c.status) {
				t.Errorf("after %q the status does not say %q:\n%s", c.keys, c.status, v)
			}
		})
	}
	m := cmpTwoUsers(120, 36)
	press(m, "d", "esc")
	if m.overlay != noOverlay || m.shown.compare != nil {
		t.Errorf("esc left the picker open (%d) or opened a comparison", m.overlay)
	}
}

// The picker lists the other results with a token, newest first, each
// saying what it is (a pasted token by its kind); a pasted ID token is
// compared with a login's ID token, like with like.
func TestComparePickerListsResultsAndPairsLikeWithLike(t *testing.T) {
	m := cmpModel(120, 36)
	req, ex := cmpExchange(cmpAlice)
	cmpAnswer(m, req, ex)
	req, ex = ptErrorExchange()
	press(m, "ctrl+s")
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	press(m, "p")
	m.Update(tea.PasteMsg{Content: cmpIDToken(cmpBob)})
	press(m, "enter")
	press(m, "d")
	v := ansi.Strip(view(m))
	for _, want := range []string{"A  #5 · 17:30:00 · pasted ID token · bob@example.com", "▸ #2 · 17:29:58 · ro · alice@example.com · rotui-demo · 200 OK", "1 without a token not listed"} {
		if !strings.Contains(v, want) {
			t.Errorf("the picker lacks %q:\n%s", want, v)
		}
	}
	press(m, "enter")
	got := compareText(t, m)
	for _, want := range []string{"ID tokens", "~ email", "bob@example.com", "alice@example.com"} {
		if !strings.Contains(got, want) {
			t.Errorf("the comparison of a pasted ID token with a login lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Access token") {
		t.Errorf("a pasted ID token was compared with an access token:\n%s", got)
	}
}

// ←/→ switch the pair of tokens, n unfolds the same rows, 0 comes back to
// the comparison from another pane; the footer and ? list d, 0, n and ←/→
// where they act, and c not on the Compare pane, which has no token.
func TestCompareKeysInTheFooterAndHelp(t *testing.T) {
	m := cmpTwoUsers(120, 36)
	foot := func() string { lines := strings.Split(ansi.Strip(view(m)), "\n"); return lines[len(lines)-1] }
	if f := foot(); !strings.Contains(f, "d compare") || strings.Contains(f, "0 comparison") {
		t.Errorf("the Summary's footer, with another result and no comparison: %q", f)
	}
	press(m, "d", "enter")
	if f := foot(); !strings.Contains(f, "n same rows") || !strings.Contains(f, "←/→ token pair") || strings.Contains(f, "c copy token") {
		t.Errorf("the Compare pane's footer: %q", f)
	}
	press(m, "right")
	if got := compareText(t, m); !strings.Contains(got, "[Access token]") || !strings.Contains(got, "Both are opaque.") {
		t.Errorf("→ did not show the access tokens:\n%s", got)
	}
	press(m, "left", "n")
	if got := compareText(t, m); !strings.Contains(got, "[ID token]") || !strings.Contains(got, "= nickname") || strings.Contains(got, "claims the same") {
		t.Errorf("← then n did not show the ID tokens' same rows:\n%s", got)
	}
	press(m, "3")
	if f := foot(); !strings.Contains(f, "0 comparison") {
		t.Errorf("away from the comparison the footer does not offer 0: %q", f)
	}
	press(m, "?")
	if v := ansi.Strip(view(m)); !strings.Contains(v, "compare") || !strings.Contains(v, "comparison") {
		t.Errorf("? lacks d or 0:\n%s", v)
	}
	press(m, "esc", "0")
	comparePaneOf(t, m)
	if v := ansi.Strip(view(m)); !strings.Contains(strings.Split(v, "\n")[0], "[0 Compare]") && !strings.Contains(strings.Split(v, "\n")[0], "0 Compare") {
		t.Errorf("the tab row does not show the comparison as 0:\n%s", v)
	}
}

// The comparison reads its results when they change: a verification that
// comes back later shows in its facts, and presenter mode turned on there
// hides the values at once, on the same pane.
func TestCompareFollowsItsResults(t *testing.T) {
	m := cmpModel(120, 36)
	req, ex := cmpExchange(cmpBob)
	press(m, "ctrl+s")
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex}) // not verified yet
	bob := m.shown
	req, ex = cmpExchange(cmpAlice)
	cmpAnswer(m, req, ex)
	press(m, "d", "enter")
	if got := compareText(t, m); !strings.Contains(got, "B signed RS256 with key demo-key-1, not checked") {
		t.Fatalf("before B's verification:\n%s", got)
	}
	m.Update(ptVerified(bob.result, inspect.RoleID))
	if got := compareText(t, m); !strings.Contains(got, "Both signed RS256 with key demo-key-1, verified.") {
		t.Errorf("B's verification does not show:\n%s", got)
	}
	press(m, "ctrl+x")
	if got := compareText(t, m); strings.Contains(got, "bob@example.com") || !strings.Contains(got, "~ email") {
		t.Errorf("presenter mode on the Compare pane:\n%s", got)
	}
}

// m on an ro login that got its tokens sends the same login through realm
// (the fields carried over, device dropped), and opens the migration
// comparison on the ro login's panes, its three lines on top; the realm
// login is in the History, its tab 0 the same comparison.
func TestMComparesAnROLoginWithRealm(t *testing.T) {
	m := cmpModel(120, 36)
	req, ex := cmpExchange(cmpUser{email: cmpAlice.email, name: cmpAlice.name, sub: cmpAlice.sub, extra: legacyClaims})
	cmpAnswer(m, req, ex)
	legacy := m.shown
	press(m, "m")
	if m.call == nil {
		t.Fatalf("m sent nothing:\n%s", ansi.Strip(view(m)))
	}
	sent := m.call.req
	if sent.Flow != ro.FlowRealm || sent.Device != "" || sent.Password != req.Password || sent.Connection != req.Connection || sent.Username != req.Username {
		t.Errorf("m sent %+v", sent)
	}
	if m.form.Request().Flow == ro.FlowRealm {
		t.Error("m changed the form's flow: the form is the ro login still")
	}
	rreq, rex := cmpRealmExchange()
	m.Update(loginDoneMsg{id: m.call.id, req: rreq, ex: rex})
	p := comparePaneOf(t, m)
	if m.shown != legacy || m.history.Len() != 2 || m.entries[1].compare != p || legacy.compare != p {
		t.Errorf("the comparison is not the ro login's and the realm login's tab 0 (shown %d, %d rows)", m.shown.id, m.history.Len())
	}
	got := compareText(t, m)
	want := inspect.CompareMigration(legacy.result.insp, m.entries[1].result.insp, nil).Summary
	if len(want) != 3 {
		t.Fatalf("inspect's Summary has %d lines", len(want))
	}
	flat := ptFlat(got)
	for i, line := range want {
		if !strings.Contains(flat, fmt.Sprintf("%d. %s", i+1, line)) {
			t.Errorf("the pane lacks line %d of the Summary %q:\n%s", i+1, line, got)
		}
	}
	for _, w := range []string{"What a client must change", "~ connection → realm", "- device", "- user_id", "ro     #2 · 17:29:58 · ro", "realm  #4 · 17:29:59 · realm"} {
		if !strings.Contains(got, w) {
			t.Errorf("the pane lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, req.Password) {
		t.Errorf("the password is on the Compare pane:\n%s", got)
	}
}

// m says why it does not compare with realm: a pasted token has no login,
// a realm login is one already, a call is in flight. (After a refused
// password: TestKeysThatCannotActSayWhy.)
func TestMSaysWhyItDoesNotCompare(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(*Model)
		status string
	}{
		{"a pasted token", func(m *Model) {
			press(m, "ctrl+p")
			m.Update(tea.PasteMsg{Content: cmpIDToken(cmpBob)})
			press(m, "enter")
		}, "A pasted token has no login for m to send"},
		{"a realm login", func(m *Model) {
			req, ex := cmpRealmExchange()
			cmpAnswer(m, req, ex)
		}, "this one went through realm"},
		{"a call in flight", func(m *Model) {
			req, ex := cmpExchange(cmpAlice)
			cmpAnswer(m, req, ex)
			press(m, "r")
		}, "A call is already in flight"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := cmpModel(120, 36)
			c.setup(m)
			calls := m.callSeq
			press(m, "m")
			// While a call is in flight its spinner holds the status line: the
			// message waits there.
			if v := ansi.Strip(view(m)); !strings.Contains(v, c.status) && !strings.Contains(m.status, c.status) {
				t.Errorf("m does not say %q:\n%s", c.status, v)
			}
			if m.callSeq != calls {
				t.Error("m sent a call")
			}
		})
	}
}

// Every row of a picker that does not fit is cut with …, never bare; the
// Compare picker cuts the user (then leaves out the client) so that the
// status stays whole: at 60 columns "200 OK" read "20".
func TestPickerRowsKeepTheStatusAndCutWithAnEllipsis(t *testing.T) {
	long := cmpUser{email: "alexandra.longname-tester@example-enterprise.com", name: "Alexandra", sub: "auth0|long", shift: 5 * time.Minute}
	for _, w := range []int{60, 80, 120} {
		m := cmpModel(w, 16)
		for _, u := range []cmpUser{cmpBob, long, cmpAlice} {
			req, ex := cmpExchange(u)
			cmpAnswer(m, req, ex)
		}
		press(m, "d")
		var rows []string
		for _, l := range strings.Split(ansi.Strip(view(m)), "\n") {
			l = strings.TrimSpace(strings.Trim(strings.TrimSpace(l), "│"))
			if strings.HasPrefix(l, "A ") || strings.HasPrefix(l, "▸ ") || strings.Contains(l, ":") && strings.Contains(l, "· ro ·") {
				rows = append(rows, l)
			}
		}
		if len(rows) != 3 {
			t.Fatalf("%d columns: %d rows in the picker, want A and two results:\n%s", w, len(rows), ansi.Strip(view(m)))
		}
		for _, r := range rows {
			if !strings.HasSuffix(r, "200 OK") {
				t.Errorf("%d columns: the row %q does not end with the whole status", w, r)
			}
			if strings.Contains(r, "alexandra") && !strings.Contains(r, long.email) && !strings.Contains(r, "…") {
				t.Errorf("%d columns: the user is cut without …: %q", w, r)
			}
		}
	}
	// The copy picker: its rows at 60 columns, each whole or cut with ….
	m := cmpModel(60, 16)
	req, ex := cmpExchange(cmpAlice)
	cmpAnswer(m, req, ex)
	press(m, "1", "c")
	for _, l := range strings.Split(ansi.Strip(view(m)), "\n") {
		l = strings.TrimSpace(strings.Trim(strings.TrimSpace(l), "│"))
		if strings.Contains(l, "chars") && !strings.Contains(l, "…") && len([]rune(l)) >= 54 {
			t.Errorf("a copy picker row is cut without …: %q", l)
		}
	}
}

// Where the result on screen has a comparison, the footer and ? say the
// panes are 0…9, on the Compare pane (0) too; without one, 1…9.
func TestTheHelpNamesZeroWhereAComparisonExists(t *testing.T) {
	for _, size := range []struct{ w, h int }{{60, 16}, {120, 36}} {
		m := cmpTwoUsers(size.w, size.h)
		lines := strings.Split(ansi.Strip(view(m)), "\n")
		if foot := lines[len(lines)-1]; !strings.Contains(foot, "1…9 pane") {
			t.Errorf("%dx%d: without a comparison the footer reads %q", size.w, size.h, foot)
		}
		press(m, "d", "enter")
		for _, pane := range []string{"0", "1", "3"} {
			press(m, pane)
			lines := strings.Split(ansi.Strip(view(m)), "\n")
			if foot := lines[len(lines)-1]; !strings.Contains(foot, "0…9 pane") {
				t.Errorf("%dx%d, pane %s: the footer does not name 0: %q", size.w, size.h, pane, foot)
			}
			press(m, "?")
			if v := ansi.Strip(view(m)); !strings.Contains(v, "0…9") || !strings.Contains(v, "comparison") {
				t.Errorf("%dx%d, pane %s: ? does not name 0:\n%s", size.w, size.h, pane, v)
			}
			press(m, "esc")
		}
	}
}

// A pasted token is named by its kind the same everywhere: its tab
// ("Pasted ID token", "ID" where the row is narrow, as an ID token's is),
// its pane's heading, the Compare picker, and the status line that opens a
// comparison from it ("this pasted ID token").
func TestAPastedTokenIsNamedTheSameEverywhere(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 36}, {60, 16}} {
		m := cmpModel(size.w, size.h)
		req, ex := cmpExchange(cmpBob)
		cmpAnswer(m, req, ex)
		press(m, "ctrl+p")
		m.Update(tea.PasteMsg{Content: cmpIDToken(cmpAlice)})
		press(m, "enter", "3")
		v := ansi.Strip(view(m))
		tabs := strings.Split(v, "\n")[0]
		switch {
		case size.w == 120 && !strings.Contains(tabs, "3 Pasted ID token"):
			t.Errorf("120: the pasted token's tab reads: %q", tabs)
		case size.w == 60 && !strings.Contains(tabs, "3 ID") && !strings.Contains(tabs, "3ID"):
			t.Errorf("60: the pasted token's tab reads: %q", tabs)
		case strings.Contains(tabs, "Token"):
			t.Errorf("%d: a tab is named Token: %q", size.w, tabs)
		}
		if !strings.Contains(v, "Pasted ID token · signed JWT") {
			t.Errorf("%d: the pane's heading does not name the pasted ID token:\n%s", size.w, v)
		}
		press(m, "d")
		if v := ansi.Strip(view(m)); !strings.Contains(v, "pasted ID token") {
			t.Errorf("%d: the picker does not name the pasted ID token:\n%s", size.w, v)
		}
		press(m, "enter")
		if !strings.Contains(m.status, "Comparing this pasted ID token (A) with the ro call of") {
			t.Errorf("%d: the status line reads %q", size.w, m.status)
		}
	}
}

// m on an ro login whose realm comparison exists shows it again and says
// so, sending nothing: each realm login counts toward the rate limit and
// the lockout; r is how to send again.
func TestMAgainShowsTheComparisonItMadeAndSendsNothing(t *testing.T) {
	m := cmpModel(120, 36)
	req, ex := cmpExchange(cmpAlice)
	cmpAnswer(m, req, ex)
	press(m, "m")
	rreq, rex := cmpRealmExchange()
	m.Update(loginDoneMsg{id: m.call.id, req: rreq, ex: rex})
	entries := len(m.entries)
	for _, pane := range []string{"1", "3", "0"} {
		press(m, pane)
		if cmd := press(m, "m"); cmd != nil || m.call != nil {
			t.Fatalf("m on pane %s sent another realm login", pane)
		}
		if _, ok := m.tabs[m.active].(*comparePane); !ok || len(m.entries) != entries {
			t.Errorf("m on pane %s did not show the comparison again (on %q, %d results)", pane, m.tabs[m.active].Title(), len(m.entries))
		}
		if !strings.Contains(m.status, "Shown again: this login went through realm at") || !strings.Contains(m.status, "r sends again") {
			t.Errorf("m on pane %s says %q", pane, m.status)
		}
	}
}

// The picker and the Compare pane name a refresh as History does ("↻ of
// #1"), not by the flow of the login it refreshed; every row has its
// number, so that in presenter mode, where users are masked, two rows of
// the same second still differ.
func TestComparePickerNamesARefreshAsHistoryDoes(t *testing.T) {
	srv := sharedDemo(t)
	for _, redact := range []bool{false, true} {
		m := New(Options{Prefill: demoRequest(srv.URL), Redact: redact})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
		sendAndWait(t, m)
		login := m.shown.id
		awaitMsg[refreshDoneMsg](t, m, press(m, "f"))
		refresh := m.shown.id
		press(m, "d")
		v := ansi.Strip(view(m))
		a := "A  #" + itoa(refresh) + " · "
		if !strings.Contains(v, a) || !strings.Contains(v, "↻ of #"+itoa(login)) || strings.Contains(v, a+"ro") {
			t.Errorf("redact=%v: the picker does not name the refresh #%d as a refresh of #%d:\n%s", redact, refresh, login, v)
		}
		if !strings.Contains(v, "▸ #"+itoa(login)+" · ") {
			t.Errorf("redact=%v: the login's row has no number:\n%s", redact, v)
		}
		press(m, "enter")
		got := compareText(t, m)
		if !strings.Contains(got, "↻ of #"+itoa(login)) || !strings.Contains(got, "B  #"+itoa(login)+" · ") {
			t.Errorf("redact=%v: the Compare pane does not name both sides by number and the refresh as one:\n%s", redact, got)
		}
	}
}

// Keys of the Compare pane that would do nothing say why in the status
// line: n where every row differs, ← → with one pair of tokens, / (no
// filter here, nor on the Summary); the footer lists n only where there
// are rows the same.
func TestCompareKeysThatDoNothingSayWhy(t *testing.T) {
	m := cmpTwoUsers(120, 36)
	press(m, "d", "enter")
	p := comparePaneOf(t, m)
	status := func() string {
		lines := strings.Split(ansi.Strip(view(m)), "\n")
		return strings.Join(lines[len(lines)-3:], " ")
	}
	if p.sameRows() == 0 || !strings.Contains(status(), "n same rows") {
		t.Fatalf("two logins of the demo share rows (iss, aud…), and the footer lists n: %d\n%s", p.sameRows(), status())
	}
	// One pair, no row the same.
	p.pairs = []inspect.TokenComparison{{Role: inspect.RoleID, Comparison: &inspect.Comparison{Payload: []inspect.Row{{Name: "sub", Change: inspect.Changed}}}}}
	p.pair = 0
	if p.sameRows() != 0 {
		t.Fatal("the pair still has rows the same")
	}
	if strings.Contains(status(), "n same rows") {
		t.Errorf("the footer lists n with no row the same:\n%s", status())
	}
	for _, c := range []struct{ key, says string }{
		{"n", "every row differs"},
		{"right", "only their ID tokens in common"},
		{"left", "only their ID tokens in common"},
		{"/", "the Compare pane has no filter"},
	} {
		m.clearStatus()
		press(m, c.key)
		if !strings.Contains(status(), c.says) {
			t.Errorf("%s on Compare: the status line does not say %q:\n%s", c.key, c.says, status())
		}
	}
	press(m, "1")
	m.clearStatus()
	press(m, "/")
	if !strings.Contains(status(), "the Summary pane has no filter") {
		t.Errorf("/ on the Summary says nothing:\n%s", status())
	}
}

// y on the Compare pane copies the comparison, as the pane shows it, and
// says so; never the claims of A's Summary in its place. c copies nothing
// there, and says so.
func TestYOnTheComparePaneCopiesTheComparison(t *testing.T) {
	m := cmpTwoUsers(120, 36)
	press(m, "d", "enter")
	comparePaneOf(t, m)
	cmd := press(m, "y")
	lines := strings.Split(ansi.Strip(view(m)), "\n")
	status := lines[len(lines)-2]
	if cmd == nil || !strings.Contains(status, "comparison") || !strings.Contains(status, "Compare pane") || strings.Contains(status, "Summary") {
		t.Fatalf("y on Compare: %q", status)
	}
	got := ""
	for _, msg := range ptRunCmd(cmd) {
		got += fmt.Sprint(msg)
	}
	for _, want := range []string{"Compare A with B", "~ email", "alice@example.com", "bob@example.com"} {
		if !strings.Contains(got, want) {
			t.Errorf("what y copied lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\x1b[") {
		t.Errorf("what y copied holds escape sequences:\n%q", got)
	}
	press(m, "c")
	lines = strings.Split(ansi.Strip(view(m)), "\n")
	if s := lines[len(lines)-2]; !strings.Contains(s, "No token to copy") {
		t.Errorf("c on Compare: %q", s)
	}
}
