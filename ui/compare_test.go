package ui

import (
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
}

var (
	cmpAlice = cmpUser{email: "alice@example.com", name: "Alice Liddell", sub: "auth0|5f7c8ec7c33c6c004bbafe82"}
	cmpBob   = cmpUser{email: "bob@example.com", name: "Bob Builder", sub: "auth0|5f7c8ec7c33c6c004bbafe99", shift: 10 * time.Minute}
)

// cmpIDToken is an RS256 ID token of the fixture's tenant for u, issued
// u.shift after fixture.IDToken's and living 10m.
func cmpIDToken(u cmpUser) string {
	iat := ptNow.Add(-time.Minute + u.shift).Unix()
	return ptJWT(`{"alg":"RS256","typ":"JWT","kid":"demo-key-1"}`, fmt.Sprintf(
		`{"iss":"%s/","sub":"%s","aud":"rotui-demo","exp":%d,"iat":%d,"name":%q,"nickname":"alice","email":%q,"email_verified":true,"picture":"https://example.com/alice.png","updated_at":"2026-11-20T09:00:00.000Z"%s}`,
		ptTenant, u.sub, iat+600, iat, u.name, u.email, u.extra))
}

// cmpExchange is the fixture's /oauth/ro login, by u and with u's ID token.
func cmpExchange(u cmpUser) (ro.Request, *ro.Exchange) {
	req, ex := ptExchange()
	req.Username = u.email
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
