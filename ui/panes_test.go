package ui

import (
	"context"
	"errors"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/internal/fixture"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// The shared fixtures (internal/fixture) under the names these tests use.
var ptNow = fixture.Now

// ptPlain has no colour or attribute at all: any escape in a View made
// with it came from the data, which is what the hostile tests look for.
func ptPlain() *Styles { return &Styles{} }

const ptTenant = fixture.Tenant

var (
	ptB64           = fixture.B64
	ptJWT           = fixture.JWT
	ptIDClaims      = fixture.IDClaims
	ptIDToken       = fixture.IDToken
	ptExchange      = fixture.Exchange
	ptErrorExchange = fixture.ErrorExchange
)

// ptVerified is what jwtview.Verify says of a good token, for goldens that do not hit the network.
func ptVerified(r *Result, role inspect.Role) verifiedMsg {
	return verifiedMsg{result: r.id, role: role, v: jwtview.Verification{KeyID: "demo-key-1", Checks: []jwtview.Check{
		{Name: "signature", Outcome: jwtview.Passed, Reason: "verified with key demo-key-1 from " + ptTenant + "/.well-known/jwks.json"},
		{Name: "issuer", Outcome: jwtview.Passed, Reason: ptTenant + "/"},
		{Name: "audience", Outcome: jwtview.Passed, Reason: "rotui-demo"},
		{Name: "expiry", Outcome: jwtview.Passed, Reason: "expires in 9m"},
	}}}
}

// ptResults numbers the results the tests make, as the root does.
var ptResults atomic.Int64

// ptBuildPanes is what the root does with a subject: a result of its own
// number, its panes, and the commands that verify its tokens (not run).
func ptBuildPanes(s Subject, st *Styles) ([]Pane, tea.Cmd) {
	r := NewResult(int(ptResults.Add(1)), s)
	return BuildPanes(r, st), r.Verify()
}

// ptBuild makes the panes of s without running the verification command and
// sizes them; hand verification results to deliver.
func ptBuild(t *testing.T, s Subject, st *Styles, w, h int) []Pane {
	t.Helper()
	if s.Now.IsZero() {
		s.Now = ptNow
	}
	panes, _ := ptBuildPanes(s, st)
	for _, p := range panes {
		p.SetSize(w, h)
		p.Tick(s.Now)
	}
	return panes
}

// ptResultOf is the result the panes draw.
func ptResultOf(panes []Pane) *Result { return panes[0].(*summaryPane).r }

// deliver applies what a command brought back to the result of panes, as
// the root does (a message for another result changes nothing).
func deliver(panes []Pane, msg tea.Msg) { ptResultOf(panes).Apply(msg) }

func ptPane(t *testing.T, panes []Pane, title string) Pane {
	t.Helper()
	for _, p := range panes {
		if p.Title() == title || title == "Token" && isPastedPane(p) {
			return p
		}
	}
	var got []string
	for _, p := range panes {
		got = append(got, p.Title())
	}
	t.Fatalf("no pane %q among %q", title, got)
	return nil
}

// isPastedPane reports whether p is a pasted token's pane ("Pasted ID
// token", "Pasted access token"), which tests ask for as "Token".
func isPastedPane(p Pane) bool { return strings.HasPrefix(p.Title(), "Pasted ") }

// ptFullView scrolls through the whole pane and joins every screen's rows, so
// that tests see all the content, not only the first screen.
func ptFullView(p Pane, h int) string {
	var b strings.Builder
	prev := ""
	for range 500 {
		v := p.View()
		if v == prev {
			break
		}
		b.WriteString(v)
		b.WriteByte('\n')
		prev = v
		p.Update(tea.KeyPressMsg{Code: tea.KeyPgDown})
	}
	p.Update(tea.KeyPressMsg{Code: tea.KeyHome})
	return b.String()
}

// ptFlat joins wrapped lines, so a phrase can be found wherever it was broken.
func ptFlat(s string) string { return strings.Join(strings.Fields(s), " ") }

// ptFits fails when a view has more lines than h or a line wider than w.
func ptFits(t *testing.T, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%s: %d lines in a %d-line pane", name, len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s: line %d is %d cells wide in a %d-cell pane: %q", name, i+1, lw, w, ansi.Strip(l))
		}
	}
}

// ptScreen renders every pane at w×h with the real styles, stripped of colour,
// one block per pane, scrolled whole.
func ptScreen(t *testing.T, panes []Pane, w, h int) string {
	t.Helper()
	var b strings.Builder
	for _, p := range panes {
		v := p.View()
		ptFits(t, p.Title(), v, w, h)
		b.WriteString("=== " + p.Title() + " ===\n")
		b.WriteString(ansi.Strip(ptFullView(p, h)))
	}
	return b.String()
}

func TestGoldenExchange(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 30}, {60, 16}} {
		t.Run(itoa(size.w)+"x"+itoa(size.h), func(t *testing.T) {
			req, ex := ptExchange()
			panes := ptBuild(t, Subject{Exchange: ex, Request: req, UserInfo: true, Migration: true}, NewStyles(true), size.w, size.h)
			deliver(panes, ptVerified(ptResultOf(panes), inspect.RoleID))
			golden.RequireEqual(t, ptScreen(t, panes, size.w, size.h))
		})
	}
}

func TestGoldenError(t *testing.T) {
	req, ex := ptErrorExchange()
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, NewStyles(false), 60, 16)
	if len(panes) != 3 {
		t.Errorf("an error gives Summary, Raw and curl; got %d panes", len(panes))
	}
	golden.RequireEqual(t, ptScreen(t, panes, 60, 16))
	sum := ptFullView(panes[0], 16)
	for _, want := range []string{"invalid_user_password", "Wrong email or password.", "Hint", "Check both"} {
		if !strings.Contains(ansi.Strip(sum), want) {
			t.Errorf("the Summary of a 401 does not show %q:\n%s", want, ansi.Strip(sum))
		}
	}
}

func TestSuggestRealmOn404(t *testing.T) {
	req, ex := ptExchange()
	ex.Status, ex.Tokens, ex.Body = 404, nil, []byte(`{"error":"endpoint_disabled","error_description":"Not Found"}`)
	ex.Err = &ro.APIError{Status: 404, Code: "endpoint_disabled", SuggestRealm: true,
		Hint: "This tenant has /oauth/ro turned off. Try the realm flow (POST /oauth/token, password-realm) with the same fields."}
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 60, 100)
	got := ptFlat(panes[0].View())
	// ro's hint says why; the Summary adds the key that does it, once.
	if !strings.Contains(got, "m sends the same login with the realm flow") {
		t.Errorf("a 404 from /oauth/ro does not say m sends it with the realm flow:\n%s", got)
	}
	if n := strings.Count(got, "turned off"); n != 1 {
		t.Errorf("the endpoint is said to be turned off %d times; want once:\n%s", n, got)
	}
}

func TestGoldenPasted(t *testing.T) {
	cases := map[string]string{
		"pasted_jws":       ptIDToken(),
		"pasted_malformed": ptB64(`{"alg":"RS256"}`) + ".eyJzdWIiOiJhbGljZSIs!!!." + ptB64("sig"),
		"pasted_opaque":    "Zx8kQ2vLm4Np7RtA",
		"pasted_jwe":       ptB64(`{"alg":"RSA-OAEP","enc":"A256GCM","kid":"k1"}`) + "." + ptB64("encrypted-key") + "." + ptB64("iv-iv-iv-iv") + "." + ptB64("ciphertext-ciphertext") + "." + ptB64("tag-tag-tag-tag"),
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			panes := ptBuild(t, Subject{Pasted: tok}, NewStyles(true), 60, 16)
			if len(panes) != 2 {
				t.Errorf("a pasted token gives Summary and Token; got %d panes", len(panes))
			}
			golden.RequireEqual(t, ptScreen(t, panes, 60, 16))
		})
	}
}

func TestMalformedSaysWhatFailed(t *testing.T) {
	tok := ptB64(`{"alg":"RS256"}`) + ".eyJzdWIiOiJhbGljZSIs!!!." + ptB64("sig")
	panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), 60, 16)
	got := ptFullView(ptPane(t, panes, "Token"), 16)
	for _, want := range []string{"malformed", "alg", "RS256", "payload"} {
		if !strings.Contains(got, want) {
			t.Errorf("the malformed token's pane lacks %q:\n%s", want, got)
		}
	}
}

// ptHostile carries ESC sequences, a C1 CSI and a bidi override in header
// names and values, claim names and claim values.
func ptHostile() string {
	h := `{"alg":"RS256","typ":"JWT\u001b[2J","kid":"k\u009b31m","x\u202ey\u001b[5m":1}`
	c := `{"iss":"https://evil/\u001b]52;c;ZXZpbA==\u0007","sub":"alice\u202egnp.exe",` +
		`"na\u001b[31mme":"x\u009b2Jy","exp":` + itoa(int(ptNow.Add(time.Hour).Unix())) + `,` +
		`"lines":"one\ntwo\rthree","bel":"\u0007\u007f"}`
	return ptJWT(h, c)
}

func TestHostileTokenIsDrawnHarmlessly(t *testing.T) {
	for _, s := range []Subject{
		{Pasted: ptHostile()},
		func() Subject {
			req, ex := ptExchange()
			ex.Tokens.IDToken = ptHostile()
			ex.Body = []byte(`{"id_token":"x\u001b[2J\u009b\u202e","token_type":"bearer\u001b[31m"}`)
			ex.Header.Set("X-Evil", "a\x1b[2Jb\u009bc\u202ed")
			return Subject{Exchange: ex, Request: req}
		}(),
	} {
		panes := ptBuild(t, s, ptPlain(), 60, 16)
		for _, p := range panes {
			v := ptFullView(p, 16)
			for i, r := range v {
				if r == '\n' {
					continue
				}
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' || r == utf8.RuneError {
					t.Fatalf("%s pane draws the raw control %U at byte %d:\n%q", p.Title(), r, i, v)
				}
			}
			ptFits(t, p.Title(), p.View(), 60, 16)
		}
	}
}

func TestHugeClaimKeepsLayout(t *testing.T) {
	big := strings.Repeat("abcdefghij", 1024) // 10 KB
	tok := ptJWT(`{"alg":"RS256","typ":"JWT"}`, `{"sub":"alice","blob":"`+big+`","exp":`+itoa(int(ptNow.Unix()+60))+`}`)
	for _, size := range []struct{ w, h int }{{60, 16}, {120, 40}, {20, 5}} {
		panes := ptBuild(t, Subject{Pasted: tok}, NewStyles(true), size.w, size.h)
		p := ptPane(t, panes, "Token")
		ptFits(t, "Token", p.View(), size.w, size.h)
		// One line a claim: the note of the claim under the cursor says how
		// long it is; with every note (n), the claim itself says it.
		var onCursor strings.Builder
		for range 12 {
			onCursor.WriteString(ansi.Strip(p.View()))
			p.Update(ptKey("down"))
		}
		if size.w >= 60 && !strings.Contains(onCursor.String(), "10240 characters") {
			t.Errorf("at %dx%d the cut 10 KB claim under the cursor does not say how long it is:\n%s", size.w, size.h, onCursor.String())
		}
		p.Update(ptKey("n"))
		ptFits(t, "Token", p.View(), size.w, size.h)
		all := ansi.Strip(ptFullView(p, size.h))
		if size.w >= 60 && !strings.Contains(all, "10240 characters") {
			t.Errorf("at %dx%d the cut 10 KB claim does not say how long it is:\n%s", size.w, size.h, all)
		}
		if strings.Count(all, "abcdefghij") > 4*size.w {
			t.Errorf("at %dx%d the 10 KB claim is drawn whole instead of cut", size.w, size.h)
		}
	}
}

func TestEveryPaneFitsItsRectangle(t *testing.T) {
	req, ex := ptExchange()
	subjects := []Subject{{Exchange: ex, Request: req, UserInfo: true, Migration: true}, {Pasted: ptHostile()}}
	r2, e2 := ptErrorExchange()
	subjects = append(subjects, Subject{Exchange: e2, Request: r2},
		Subject{Pasted: ptJWT(`{"alg":"RS256"}`, `{"日本語日本語日本語":"テキスト テキスト テキストテキストテキスト 👩‍💻👩‍💻","exp":2000000000}`)})
	for _, s := range subjects {
		panes := ptBuild(t, s, NewStyles(true), 60, 16)
		for _, p := range panes {
			p.SetSize(0, 0)
			if v := p.View(); v != "" {
				t.Errorf("the %s pane draws %q in no room at all", p.Title(), v)
			}
		}
		sizes := []struct{ w, h int }{{60, 16}, {61, 17}, {100, 10}, {200, 50}, {10, 3}, {1, 1}}
		for w := 2; w < 90; w += 11 {
			for h := 2; h < 20; h += 5 {
				sizes = append(sizes, struct{ w, h int }{w, h})
			}
		}
		for _, size := range sizes {
			for _, p := range panes {
				p.SetSize(size.w, size.h)
				for _, k := range []string{"", "end", "pgup", "k", "/", "e", "enter", "/", "esc"} {
					if k != "" {
						p.Update(ptKey(k))
					}
					ptFits(t, p.Title()+" after "+k, p.View(), size.w, size.h)
				}
			}
		}
	}
}

func ptKey(k string) tea.KeyPressMsg {
	switch k {
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	}
	r, _ := utf8.DecodeRuneInString(k)
	return tea.KeyPressMsg{Code: r, Text: k}
}

func TestTickMovesOnlyTheCountdowns(t *testing.T) {
	panes := ptBuild(t, Subject{Pasted: ptIDToken()}, ptPlain(), 80, 40)
	p := ptPane(t, panes, "Token")
	before := p.View()
	if !strings.Contains(before, "expires in 9m0s") {
		t.Fatalf("the token pane does not count down from 9m0s:\n%s", before)
	}
	p.Tick(ptNow.Add(time.Second))
	after := p.View()
	if !strings.Contains(after, "expires in 8m59s") {
		t.Errorf("a tick did not move the countdown:\n%s", after)
	}
	changed := 0
	bl, al := strings.Split(before, "\n"), strings.Split(after, "\n")
	for i := range bl {
		if i < len(al) && bl[i] != al[i] {
			changed++
		}
	}
	// The countdown, and the relative times of exp and iat.
	if changed == 0 || changed > 3 {
		t.Errorf("a tick changed %d lines; want the countdown and relative times only", changed)
	}
	p.Tick(ptNow.Add(10 * time.Minute))
	if v := p.View(); !strings.Contains(v, "expired 1m0s ago") {
		t.Errorf("after exp the pane does not say it expired:\n%s", v)
	}
}

func TestFilterClaims(t *testing.T) {
	panes := ptBuild(t, Subject{Pasted: ptIDToken()}, ptPlain(), 80, 40)
	p := ptPane(t, panes, "Token").(*tokenPane)
	p.Update(ptKey("/"))
	if !p.Capturing() {
		t.Fatal("/ does not start a filter")
	}
	for _, r := range "email" {
		p.Update(ptKey(string(r)))
	}
	v := p.View()
	if !strings.Contains(v, "email_verified") || strings.Contains(v, "nickname") {
		t.Errorf("filtering on email shows the wrong claims:\n%s", v)
	}
	if !strings.Contains(v, "2 of 11 match") {
		t.Errorf("the filter does not say how many claims match:\n%s", v)
	}
	p.Update(ptKey("enter"))
	if p.Capturing() {
		t.Error("enter does not stop typing the filter")
	}
	if v := p.View(); strings.Contains(v, "nickname") {
		t.Errorf("enter dropped the filter:\n%s", v)
	}
	if j, ok := p.CopyJSON(); !ok || j != "{\n  \"email\": \"alice@example.com\",\n  \"email_verified\": true\n}" {
		t.Errorf("y with a filter copies %q, want the matching claims", j)
	}
	p.Update(ptKey("/"))
	p.Update(ptKey("esc"))
	if v := p.View(); !strings.Contains(v, "nickname") {
		t.Errorf("esc does not clear the filter:\n%s", v)
	}
	if j, _ := p.CopyJSON(); !strings.Contains(j, "nickname") {
		t.Errorf("without a filter y copies %q, want every claim", j)
	}
}

func TestCurlRevealsOnlyOnPurpose(t *testing.T) {
	for _, redact := range []bool{false, true} {
		req, ex := ptExchange()
		panes := ptBuild(t, Subject{Exchange: ex, Request: req, Redact: redact}, ptPlain(), 200, 40)
		for _, p := range panes {
			if v := ptFullView(p, 40); strings.Contains(v, "wonderland") {
				t.Errorf("the %s pane shows the password before anyone asked:\n%s", p.Title(), v)
			}
		}
		c := ptPane(t, panes, "curl")
		if cmd, _ := c.(Copier).CopyJSON(); strings.Contains(cmd, "wonderland") || !strings.Contains(cmd, "curl") {
			t.Errorf("y on the curl pane copies %q: want the masked command", cmd)
		}
		c.Update(ptKey("R"))
		v := c.View()
		if shown := strings.Contains(v, "wonderland"); shown == redact {
			t.Errorf("redact=%v: after R the curl pane shows the password: %v\n%s", redact, shown, v)
		}
		if cmd, _ := c.(Copier).CopyJSON(); !strings.Contains(cmd, "wonderland") {
			t.Errorf("after R, y copies %q: want the command with its secrets", cmd)
		}
		c.Update(ptKey("R"))
		if strings.Contains(c.View(), "wonderland") {
			t.Error("R again does not mask the secrets")
		}
	}
}

func TestRawShowsResponseBeforeRequest(t *testing.T) {
	req, ex := ptExchange()
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 60)
	v := ptFullView(ptPane(t, panes, "Raw"), 60)
	ri, qi := strings.Index(v, "Response"), strings.Index(v, "Request")
	if ri < 0 || qi < ri {
		t.Errorf("Raw does not put the response before the request:\n%s", v)
	}
	for _, want := range []string{"200 OK", "X-Ratelimit-Limit: 10", `"token_type": "bearer"`, "POST " + ptTenant + "/oauth/ro", `"username": "alice@example.com"`} {
		if !strings.Contains(v, want) {
			t.Errorf("Raw lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "wonderland") {
		t.Errorf("Raw shows the password:\n%s", v)
	}
}

func TestRedactHidesTokensAndEmails(t *testing.T) {
	req, ex := ptExchange()
	ex.Header.Set("Set-Cookie", "did=Zx8kQ2vLm4Np7RtA; Secure")
	panes := ptBuild(t, Subject{Exchange: ex, Request: req, Redact: true}, ptPlain(), 200, 60)
	for _, p := range panes {
		v := ptFullView(p, 60)
		for _, secret := range []string{"alice@example.com", "Zx8kQ2vLm4Np7RtA", "Hn3qLw8Zr5Tb2Xc9Vm4Kp7Jd6Fg1Sa0Qe8Wy3Uo5Ri2Pl", ptIDToken()[:40]} {
			if strings.Contains(v, secret) {
				t.Errorf("presenter mode: the %s pane shows %q", p.Title(), secret)
			}
		}
	}
	for _, p := range ptBuild(t, Subject{Pasted: ptIDToken(), Redact: true}, ptPlain(), 200, 60) {
		if v := ptFullView(p, 60); strings.Contains(v, "alice@example.com") || !strings.Contains(v, "Presenter mode") {
			t.Errorf("presenter mode: the pasted token's %s pane shows an e-mail or does not say it hides them:\n%s", p.Title(), v)
		}
	}
	if tok, _ := ptPane(t, panes, "Access token").(Copier).CopyToken(); tok != "Zx8kQ2vLm4Np7RtA" {
		t.Errorf("presenter mode: c copies %q, want the token itself", tok)
	}
}

func TestCopy(t *testing.T) {
	req, ex := ptExchange()
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 80, 24)
	if tok, ok := ptPane(t, panes, "ID token").(Copier).CopyToken(); !ok || tok != ptIDToken() {
		t.Errorf("c on the ID token pane copies %q", tok)
	}
	j, ok := ptPane(t, panes, "ID token").(Copier).CopyJSON()
	if !ok || !strings.Contains(j, `"sub": "auth0|5f7c8ec7c33c6c004bbafe82"`) {
		t.Errorf("y on the ID token pane copies %q", j)
	}
	if body, ok := ptPane(t, panes, "Summary").(Copier).CopyJSON(); !ok || body != string(ex.Body) {
		t.Errorf("y on the Summary copies %q, want the body", body)
	}
}

func TestStaleVerificationIsIgnored(t *testing.T) {
	req, ex := ptExchange()
	old := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 80, 40)
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 80, 40)
	deliver(panes, ptVerified(ptResultOf(old), inspect.RoleID))
	if v := ptPane(t, panes, "ID token").View(); strings.Contains(v, "verified with key") {
		t.Errorf("a result for an earlier answer was shown on this one:\n%s", v)
	}
	deliver(panes, ptVerified(ptResultOf(panes), inspect.RoleID))
	if v := ptPane(t, panes, "ID token").View(); !strings.Contains(v, "verified with key demo-key-1") {
		t.Errorf("the verification result is not shown:\n%s", v)
	}
}

// ptRunCmd runs a command and every command it batches, returning the messages.
func ptRunCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, ptRunCmd(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// ptDemoLogin logs in against the demo tenant on a loopback server; edits
// change the request first.
func ptDemoLogin(t *testing.T, clientID string, edits ...func(*ro.Request)) Subject {
	t.Helper()
	srv := httptest.NewServer(rotest.NewHandler(rotest.Options{}))
	t.Cleanup(srv.Close)
	req := ro.Request{Domain: srv.URL, ClientID: clientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password, Scope: "openid profile email offline_access", Device: rotest.DemoDevice}
	for _, e := range edits {
		e(&req)
	}
	ex, err := ro.NewClient(ro.ClientOptions{}).Login(context.Background(), req)
	if err != nil {
		t.Fatalf("demo login: %v", err)
	}
	return Subject{Exchange: ex, Request: req, Now: time.Now()}
}

func TestDemoTokensVerifyAutomatically(t *testing.T) {
	cases := []struct {
		name, client, secret, want string
		fails                      bool
	}{
		{"rs256 from the JWKS", rotest.ClientID, "", "verified", false},
		{"hs256 with the client secret", rotest.ClientIDHS256, rotest.HS256Secret, "verified", false},
		{"hs256 without a secret", rotest.ClientIDHS256, "", "fill in the client secret", false},
		{"hs256 with a wrong secret", rotest.ClientIDHS256, "not-the-secret", "✗ signature", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := ptDemoLogin(t, c.client)
			s.ClientSecret = c.secret
			s.Keys = jwtview.NewKeyCache(nil)
			panes, cmd := ptBuildPanes(s, ptPlain())
			for _, p := range panes {
				p.SetSize(100, 60)
			}
			id := ptPane(t, panes, "ID token")
			if v := id.View(); !strings.Contains(v, "checking") && !strings.Contains(v, "not checked") {
				t.Errorf("before the result, the ID token pane does not say the signature is being checked:\n%s", v)
			}
			for _, m := range ptRunCmd(cmd) {
				if _, ok := m.(verifiedMsg); !ok {
					t.Fatalf("the command returned %T, not a verifiedMsg", m)
				}
				deliver(panes, m)
			}
			v := id.View()
			if !strings.Contains(ptFlat(v), c.want) {
				t.Errorf("the ID token pane does not say %q:\n%s", c.want, v)
			}
			if strings.Contains(v, "✗") != c.fails {
				t.Errorf("a check failed (%v, want %v) on the demo token:\n%s", strings.Contains(v, "✗"), c.fails, v)
			}
			sum := ptFullView(panes[0], 60)
			for _, want := range []string{"200 OK", "Access token", "ID token", "Refresh token", "Checks", "token_type", "expires in"} {
				if !strings.Contains(sum, want) {
					t.Errorf("the Summary lacks %q:\n%s", want, sum)
				}
			}
			if strings.Contains(sum, "✗") != c.fails {
				t.Errorf("the Summary shows a failure (%v, want %v):\n%s", strings.Contains(sum, "✗"), c.fails, sum)
			}
			if strings.Contains(v+sum, c.secret) && c.secret != "" {
				t.Error("the client secret is drawn on screen")
			}
		})
	}
}

func TestUserinfoFromTheSummary(t *testing.T) {
	s := ptDemoLogin(t, rotest.ClientID)
	s.UserInfo = true
	panes, _ := ptBuildPanes(s, ptPlain())
	for _, p := range panes {
		p.SetSize(100, 60)
	}
	ui := ptPane(t, panes, "/userinfo")
	if v := ui.View(); !strings.Contains(v, "Not called yet") {
		t.Errorf("before u, the /userinfo pane says:\n%s", v)
	}
	r := ptResultOf(panes)
	cmd := r.startUserinfo()
	if cmd == nil {
		t.Fatal("the result does not call /userinfo")
	}
	if v := ui.View(); !strings.Contains(v, "calling") {
		t.Errorf("during the call, the /userinfo pane says:\n%s", v)
	}
	if again := r.startUserinfo(); again != nil {
		t.Error("a second call started during the first")
	}
	// The root applies the answer to the result; the pane shows it.
	for _, m := range ptRunCmd(cmd) {
		deliver(panes, m)
	}
	v := ui.View()
	for _, want := range []string{"200 OK", "Profile", "email +alice@example.com", "nickname +alice"} {
		if !regexp.MustCompile(want).MatchString(v) {
			t.Errorf("the /userinfo pane lacks %q:\n%s", want, v)
		}
	}
	if body, ok := ui.(Copier).CopyJSON(); !ok || !strings.Contains(body, "alice@example.com") {
		t.Errorf("y on /userinfo copies %q", body)
	}
}

func TestUserinfoRefusedIsExplained(t *testing.T) {
	s := ptDemoLogin(t, rotest.ClientID)
	s.Exchange.Tokens.AccessToken = "not-a-token-this-tenant-issued"
	s.UserInfo = true
	panes, _ := ptBuildPanes(s, ptPlain())
	for _, p := range panes {
		p.SetSize(80, 60)
	}
	for _, m := range ptRunCmd(ptResultOf(panes).startUserinfo()) {
		deliver(panes, m)
	}
	v := ptFlat(ptPane(t, panes, "/userinfo").View())
	for _, want := range []string{"401 Unauthorized", "WWW-Authenticate", "invalid_token: the token is expired, revoked", "Hint"} {
		if !strings.Contains(v, want) {
			t.Errorf("the refused /userinfo call lacks %q:\n%s", want, v)
		}
	}
}

func TestCellsAgreesWithAnsi(t *testing.T) {
	st := NewStyles(true)
	for _, s := range []string{"", "plain", st.Label.Render("styled") + " text", st.Muted.Render("a") + st.Error.Render("b"),
		"wide 日本語", "emoji 👩‍💻", "bar " + st.Success.Render("███░░") + " · ✓ ✗ – … ↑↓ → • − —", "mixed · 日本", "\x1b]8;;http://x\x07link\x1b]8;;\x07", "tab\there"} {
		if got, want := cells(s), ansi.StringWidth(s); got != want {
			t.Errorf("cells(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

func TestPastedTokenFindsItsKeysFromIss(t *testing.T) {
	login := ptDemoLogin(t, rotest.ClientID)
	s := Subject{Pasted: "Bearer " + login.Exchange.Tokens.IDToken + "\n", Now: time.Now(), Keys: jwtview.NewKeyCache(nil)}
	panes, cmd := ptBuildPanes(s, ptPlain())
	for _, p := range panes {
		p.SetSize(100, 60)
	}
	if cmd == nil {
		t.Fatal("a pasted JWS is not verified")
	}
	for _, m := range ptRunCmd(cmd) {
		deliver(panes, m)
	}
	v := ptFlat(ptPane(t, panes, "Token").View())
	if !strings.Contains(v, "✓ signature") || strings.Contains(v, "✗") {
		t.Errorf("the pasted demo ID token is not verified from its iss:\n%s", v)
	}
	if !strings.Contains(ptFlat(panes[0].View()), "✓ signature") {
		t.Errorf("the Summary of a pasted token does not show the verification:\n%s", panes[0].View())
	}
}

func TestSummaryOfFailures(t *testing.T) {
	cases := []struct {
		name string
		edit func(ex *ro.Exchange)
		want []string
	}{
		{"timeout", func(ex *ro.Exchange) {
			ex.Status, ex.Header, ex.Body, ex.ServerDate, ex.RateLimit = 0, nil, nil, time.Time{}, ro.RateLimit{}
			ex.Err = &ro.NetworkError{Op: "connect", URL: ptTenant + "/oauth/ro", Err: context.DeadlineExceeded, Timeout: true}
		}, []string{"no answer", "No answer in time"}},
		{"cancelled", func(ex *ro.Exchange) {
			ex.Status, ex.Header, ex.Body = 0, nil, nil
			ex.Err = &ro.NetworkError{Op: "connect", URL: ptTenant + "/oauth/ro", Err: context.Canceled, Canceled: true}
		}, []string{"no answer", "cancelled"}},
		{"rate limited", func(ex *ro.Exchange) {
			ex.Status, ex.Body = 429, []byte(`{"error":"too_many_requests","error_description":"Too many requests."}`)
			ex.Err = &ro.APIError{Status: 429, Code: "too_many_requests", Description: "Too many requests.", RetryAt: ptNow.Add(time.Minute)}
		}, []string{"429 Too Many Requests", "too_many_requests", "retry after 2026-11-25 17:31:00 UTC"}},
		{"too many attempts", func(ex *ro.Exchange) {
			ex.Status, ex.Body = 429, []byte(`{"error":"too_many_attempts","error_description":"Your account has been blocked after multiple consecutive login attempts."}`)
			ex.Err = &ro.APIError{Status: 429, Code: "too_many_attempts", Description: "Your account has been blocked after multiple consecutive login attempts.", RetryAt: ptNow.Add(time.Minute)}
		}, []string{"429 Too Many Requests", "too_many_attempts", "blocked after multiple"}},
		{"a proxy's HTML page", func(ex *ro.Exchange) {
			ex.Status, ex.Body = 502, []byte("<html>\r\n<body>Bad gateway \x1b[2J</body>\r\n</html>")
			ex.Err = &ro.APIError{Status: 502, Body: string(ex.Body)}
		}, []string{"502 Bad Gateway", "HTTP 502", "<body>Bad gateway \\x1b[2J</body>"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, ex := ptExchange()
			ex.Tokens = nil
			c.edit(ex)
			panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 80, 40)
			v := ptFlat(ptFullView(panes[0], 40))
			for _, w := range c.want {
				if !strings.Contains(v, w) {
					t.Errorf("the Summary lacks %q:\n%s", w, v)
				}
			}
			if c.name == "too many attempts" && strings.Contains(v, "retry after") {
				t.Errorf("a brute-force lock offers a time to retry:\n%s", v)
			}
			for _, p := range panes {
				ptFits(t, p.Title(), p.View(), 80, 40)
			}
		})
	}
}

func TestSetStylesRecolours(t *testing.T) {
	req, ex := ptExchange()
	panes := ptBuild(t, Subject{Exchange: ex, Request: req, UserInfo: true, Migration: true}, NewStyles(true), 80, 30)
	for _, p := range panes {
		dark := p.View()
		s, ok := p.(Styled)
		if !ok {
			t.Errorf("the %s pane does not follow the background", p.Title())
			continue
		}
		s.SetStyles(NewStyles(false))
		light := p.View()
		if ansi.Strip(dark) != ansi.Strip(light) {
			t.Errorf("the %s pane's text changed with the background:\n%s\n---\n%s", p.Title(), ansi.Strip(dark), ansi.Strip(light))
		}
		if dark == light {
			t.Errorf("the %s pane kept its dark colours on a light background", p.Title())
		}
	}
}

func TestVerificationShownOnEveryPaneOfTheResult(t *testing.T) {
	req, ex := ptExchange()
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 40)
	deliver(panes, ptVerified(ptResultOf(panes), inspect.RoleID))
	if v := panes[0].View(); !strings.Contains(v, "✓ verified") {
		t.Errorf("the Summary does not show the result's verification:\n%s", v)
	}
	if v := ptPane(t, panes, "ID token").View(); !strings.Contains(v, "verified with key") {
		t.Errorf("the ID token's pane does not show the result's verification:\n%s", v)
	}
}

func TestRealmFlowWithAnAudience(t *testing.T) {
	s := ptDemoLogin(t, rotest.ClientID, func(r *ro.Request) {
		*r = r.AsRealm()
		r.Audience = "https://api.example.com/"
	})
	s.Keys = jwtview.NewKeyCache(nil)
	panes, cmd := ptBuildPanes(s, ptPlain())
	for _, p := range panes {
		p.SetSize(100, 80)
	}
	for _, m := range ptRunCmd(cmd) {
		deliver(panes, m)
	}
	access := ptFlat(ptPane(t, panes, "Access token").View())
	for _, want := range []string{"signed JWT", "✓ signature", "✓ audience"} {
		if !strings.Contains(access, want) {
			t.Errorf("the JWT access token's pane lacks %q:\n%s", want, access)
		}
	}
	sum := ptFlat(ptFullView(panes[0], 80))
	for _, want := range []string{"matches the access token's exp − iat", "includes the API", "flow realm"} {
		if !strings.Contains(sum, want) {
			t.Errorf("the Summary lacks %q:\n%s", want, sum)
		}
	}
	if strings.Contains(sum, "✗") || strings.Contains(access, "✗") {
		t.Errorf("a check failed on the demo's realm answer:\n%s\n%s", sum, access)
	}
}

func TestSummaryReport(t *testing.T) {
	req, ex := ptExchange()
	req.Bearer = "bearer-secret-value"
	panes := ptBuild(t, Subject{Exchange: ex, Request: req, ClientSecret: "client-secret-value"}, ptPlain(), 80, 24)
	deliver(panes, ptVerified(ptResultOf(panes), inspect.RoleID))
	rp, ok := panes[0].(Reporter)
	if !ok {
		t.Fatal("the Summary gives no report")
	}
	md := rp.Report().Markdown()
	for _, secret := range []string{"wonderland", "client-secret-value", "bearer-secret-value", ptIDToken(), "Hn3qLw8Zr5Tb2Xc9Vm4Kp7Jd6Fg1Sa0Qe8Wy3Uo5Ri2Pl"} {
		if strings.Contains(md, secret) {
			t.Errorf("the report holds the secret or whole token %q", cut(secret, 20))
		}
	}
	for _, want := range []string{"ID token", "token_type", "demo-key-1", "5f7c8ec7c33c6c004bbafe82", "| token\\_type | ok |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}

func TestWrap(t *testing.T) {
	st := NewStyles(true)
	cases := []struct {
		in    string
		width int
		want  []string
	}{
		{"short", 10, []string{"short"}},
		{"from http://127.0.0.1:1/.well-known/jwks.json today", 30, []string{"from", "http://127.0.0.1:1/", ".well-known/jwks.json today"}},
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
	}
	for _, c := range cases {
		if got := wrap(c.in, c.width); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
	// Wide characters in a line narrower than one of them must not hang.
	for _, w := range []int{1, 2, 3} {
		done := make(chan []string, 1)
		go func() { done <- wrap("日本語 テキスト 👩‍💻👩‍💻", w) }()
		select {
		case got := <-done:
			if strings.ReplaceAll(strings.Join(got, ""), " ", "") != "日本語テキスト👩‍💻👩‍💻" {
				t.Errorf("wrap of wide text at %d lost text: %q", w, got)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("wrap hangs on wide characters at width %d", w)
		}
	}
	styled := st.Muted.Render("a well-known key id-with-hyphens") + " " + st.Label.Render("and more words here")
	for _, l := range wrap(styled, 12) {
		if w := ansi.StringWidth(l); w > 12 {
			t.Errorf("a styled wrapped line is %d cells: %q", w, l)
		}
	}
	nospace := func(s string) string { return strings.ReplaceAll(ansi.Strip(s), " ", "") }
	if got := nospace(strings.Join(wrap(styled, 12), "")); got != nospace(styled) {
		t.Errorf("wrapping lost or changed text: %q", got)
	}
}

// The verification command runs on its own goroutine while the panes are
// drawn and ticked, as in the program: -race checks they share nothing
// mutable.
func TestVerifyWhileDrawing(t *testing.T) {
	s := ptDemoLogin(t, rotest.ClientID)
	s.Keys = jwtview.NewKeyCache(nil)
	s.UserInfo = true
	panes, cmd := ptBuildPanes(s, ptPlain())
	for _, p := range panes {
		p.SetSize(80, 24)
	}
	ucmd := ptResultOf(panes).startUserinfo()
	msgs := make(chan []tea.Msg, 1)
	go func() { msgs <- append(ptRunCmd(cmd), ptRunCmd(ucmd)...) }()
	now := time.Now()
	var got []tea.Msg
	for got == nil {
		select {
		case got = <-msgs:
		default:
			now = now.Add(time.Second)
			for _, p := range panes {
				p.Tick(now)
				_ = p.View()
			}
		}
	}
	for _, m := range got {
		deliver(panes, m)
	}
	if v := ptFlat(panes[0].View()); !strings.Contains(v, "✓ verified") {
		t.Errorf("the Summary does not show the verification:\n%s", v)
	}
	if v := ptPane(t, panes, "/userinfo").View(); !strings.Contains(v, "200 OK") {
		t.Errorf("the /userinfo pane does not show the answer:\n%s", v)
	}
}

func TestNotBeforeMovesWithTheClock(t *testing.T) {
	nbf := ptNow.Add(time.Minute).Unix()
	tok := ptJWT(`{"alg":"RS256"}`, `{"sub":"a","nbf":`+itoa(int(nbf))+`,"exp":`+itoa(int(nbf+600))+`}`)
	panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), 100, 40)
	p := ptPane(t, panes, "Token")
	deliver(panes, verifiedMsg{result: ptResultOf(panes).id, role: inspect.RolePasted, v: jwtview.Verification{Checks: []jwtview.Check{
		{Name: "not before", Outcome: jwtview.Failed, Reason: "not valid yet"}}}})
	if v := p.View(); !strings.Contains(v, "✗ not before  not valid until") || !strings.Contains(v, "not valid for another 1m0s") {
		t.Errorf("before nbf the pane does not say so:\n%s", v)
	}
	p.Tick(ptNow.Add(2 * time.Minute))
	if v := p.View(); !strings.Contains(v, "✓ not before  valid since") || !strings.Contains(v, "expires in") {
		t.Errorf("after nbf the pane still says not yet:\n%s", v)
	}
}

func TestPasswordFlowVerifiesThroughDiscovery(t *testing.T) {
	s := ptDemoLogin(t, rotest.ClientID, func(r *ro.Request) { *r = r.AsFlow(ro.FlowPassword) })
	s.Keys = jwtview.NewKeyCache(nil)
	panes, cmd := ptBuildPanes(s, ptPlain())
	for _, p := range panes {
		p.SetSize(100, 80)
	}
	for _, m := range ptRunCmd(cmd) {
		deliver(panes, m)
	}
	id := ptFlat(ptPane(t, panes, "ID token").View())
	if !strings.Contains(id, "✓ signature") || strings.Contains(id, "✗") {
		t.Errorf("the password flow's ID token is not verified through discovery:\n%s", id)
	}
	if sum := ptFlat(ptFullView(panes[0], 80)); strings.Contains(sum, "✗") || !strings.Contains(sum, "flow password") {
		t.Errorf("the password flow's Summary:\n%s", sum)
	}
}

// An opaque access token (the legacy endpoint's) says nothing of its expiry,
// but the answer's expires_in does: the Summary and its pane count it down
// from when the request went out, and say where the time comes from.
func TestOpaqueAccessTokenCountsDownFromExpiresIn(t *testing.T) {
	req, ex := ptExchange()
	ex.Tokens.ExpiresIn, ex.Tokens.HasExpiresIn = 600, true // Started is 2 s before ptNow
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 40)
	sum := ptPane(t, panes, "Summary")
	acc := ptPane(t, panes, "Access token")
	for name, p := range map[string]Pane{"Summary": sum, "Access token": acc} {
		if v := p.View(); !strings.Contains(v, "expires in 9m58s") {
			t.Errorf("%s: no countdown for the opaque access token:\n%s", name, v)
		}
	}
	if v := sum.View(); !strings.Contains(v, "from expires_in") {
		t.Errorf("Summary does not say the access token's expiry comes from expires_in:\n%s", v)
	}
	if v := ptFlat(ptFullView(acc, 40)); !strings.Contains(v, "expires_in (600 s)") {
		t.Errorf("the access token's pane does not say its expiry comes from expires_in:\n%s", v)
	}
	for _, p := range panes {
		p.Tick(ptNow.Add(10 * time.Minute))
	}
	if v := acc.View(); !strings.Contains(v, "expired 2s ago") {
		t.Errorf("after expires_in the access token's pane does not say it expired:\n%s", v)
	}

	// Without expires_in there is nothing to count.
	_, ex = ptExchange()
	panes = ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 40)
	if v := ptPane(t, panes, "Access token").View(); strings.Contains(v, "expires in") || strings.Contains(v, "no expiry") {
		t.Errorf("an access token with no expires_in got a countdown:\n%s", v)
	}
}

// A loopback answer faster than a millisecond reads "<1ms" on the Summary and
// Raw, not "0s" as if it had not been timed.
func TestSubMillisecondLatency(t *testing.T) {
	req, ex := ptExchange()
	ex.Latency = 400 * time.Microsecond
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 40)
	for _, title := range []string{"Summary", "Raw"} {
		v := ptPane(t, panes, title).View()
		if !strings.Contains(v, "200 OK · <1ms") || strings.Contains(v, "· 0s") {
			t.Errorf("%s: a 400µs answer is not said to take <1ms:\n%s", title, v)
		}
	}
}

// A 429's retry time is said once: ro's hint says it, the Summary does not
// repeat it; with a hint that does not, the Summary says it.
func TestRetryTimeSaidOnce(t *testing.T) {
	req, ex := ptErrorExchange()
	at := ptNow.Add(40 * time.Second).UTC()
	ex.Status = 429
	ex.Err = &ro.APIError{Status: 429, Code: "too_many_requests", RetryAt: at,
		Hint: "The tenant's rate limit was reached. It may be tried again after " + at.Format("15:04:05 UTC") + "."}
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 40)
	v := ptFlat(ptFullView(ptPane(t, panes, "Summary"), 40))
	if n := strings.Count(v, at.Format("15:04:05")) - strings.Count(v, "resets "+at.Format("15:04:05")); n != 1 {
		t.Errorf("the retry time is said %d times besides the rate-limit line; want once:\n%s", n, v)
	}
	ex.Err.(*ro.APIError).Hint = "The tenant's rate limit was reached."
	panes = ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 40)
	if v := ptFlat(ptFullView(ptPane(t, panes, "Summary"), 40)); !strings.Contains(v, "retry after "+at.Format(timeLayout)) {
		t.Errorf("with a hint that does not say when, the Summary does not either:\n%s", v)
	}
}

// The call on screen keeps its ● in History when the cursor is on it too, as
// it is right after choosing it.
func TestHistoryMarksTheShownCallUnderTheCursor(t *testing.T) {
	h := NewHistory(ptPlain())
	h.SetSize(90, 10)
	h.add(historyRow{id: 1, at: ptNow, flow: "ro", user: "alice@example.com", status: "200 OK", latency: time.Millisecond})
	h.add(historyRow{id: 2, at: ptNow.Add(time.Minute), flow: "ro", user: "mfa@example.com", status: "401", latency: time.Millisecond})
	h.Update(ptKey("down")) // onto the older call
	h.shown = 1             // as the root sets it when the call is chosen
	lines := strings.Split(ansi.Strip(h.View()), "\n")
	if len(lines) < 3 || !strings.Contains(lines[2], "▸●") || !strings.Contains(lines[2], "alice") {
		t.Errorf("the chosen call under the cursor lost its ●:\n%s", h.View())
	}
	if strings.Contains(lines[1], "●") || strings.Contains(lines[1], "▸") {
		t.Errorf("the other call is marked:\n%s", h.View())
	}
	h.Update(ptKey("up"))
	lines = strings.Split(ansi.Strip(h.View()), "\n")
	if !strings.HasPrefix(lines[1], "▸") || !strings.Contains(lines[2], "●") {
		t.Errorf("cursor and ● should be on different rows now:\n%s", h.View())
	}
}

// At 60 columns the access token's bar (from expires_in) is as long as the
// ID token's: its note gives way rather than the bar.
func TestExpiresInBarLinesUpAtSixtyColumns(t *testing.T) {
	req, ex := ptExchange()
	ex.Tokens.ExpiresIn, ex.Tokens.HasExpiresIn = 600, true
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 60, 16)
	var bars []int
	for _, l := range strings.Split(ansi.Strip(ptPane(t, panes, "Summary").View()), "\n") {
		if strings.Contains(l, "expires in") {
			bars = append(bars, strings.Count(l, "░")+strings.Count(l, "█"))
		}
	}
	if len(bars) != 2 || bars[0] != bars[1] {
		t.Errorf("the access and ID tokens' bars are %v cells long at 60 columns; want two equal", bars)
	}
}

// A malformed token's failed parts line their reasons up in one column, as
// the verification checks do.
func TestMalformedReasonsLineUp(t *testing.T) {
	panes := ptBuild(t, Subject{Pasted: "eyJhbGciOi.@@@@.zz"}, ptPlain(), 100, 20)
	for _, p := range panes[:2] {
		var cols []int
		for _, l := range strings.Split(ansi.Strip(p.View()), "\n") {
			if strings.HasPrefix(l, "✗ ") {
				cols = append(cols, strings.Index(l, "the ")) // every reason starts "the header…", "the payload…"
			}
		}
		if len(cols) != 2 || cols[0] != cols[1] || cols[0] < 0 {
			t.Errorf("%s: the reasons of the failed parts start at %v:\n%s", p.Title(), cols, ansi.Strip(p.View()))
		}
	}
}

// History gives the status its room: at 120 columns an Auth0 error code is
// whole, and at 60 the user is more than its first letters.
func TestHistoryColumnsUseTheWidth(t *testing.T) {
	h := NewHistory(ptPlain())
	h.add(historyRow{id: 1, at: ptNow, flow: "ro", user: "alice@example.com", status: "401 invalid_user_password", failed: true, latency: time.Millisecond})
	h.SetSize(120, 10)
	if v := h.View(); !strings.Contains(v, "401 invalid_user_password") || !strings.Contains(v, "alice@example.com") {
		t.Errorf("at 120 columns the status or the user is cut:\n%s", v)
	}
	h.SetSize(60, 10)
	v := h.View()
	if !strings.Contains(v, "alice@example") {
		t.Errorf("at 60 columns the user is cut to its first letters:\n%s", v)
	}
	ptFits(t, "History at 60", v, 60, 10)
}

// The password flow's discovery step is shown: the Summary checks the
// document's issuer (a mismatch is a failed check, DESIGN.md), and Raw
// lists the GET that found the token endpoint.
func TestPasswordFlowShowsItsDiscovery(t *testing.T) {
	s := ptDemoLogin(t, rotest.ClientID, func(r *ro.Request) { *r = r.AsFlow(ro.FlowPassword) })
	if s.Exchange.Discovery == nil {
		t.Fatal("the demo's password flow did no discovery")
	}
	panes := ptBuild(t, s, ptPlain(), 120, 200)
	sum := ptFlat(ptPane(t, panes, "Summary").View())
	if !strings.Contains(sum, "✓ discovery the discovery document names the domain as issuer") {
		t.Errorf("the Summary does not check the discovery document:\n%s", sum)
	}
	raw := ptFlat(ptPane(t, panes, "Raw").View())
	if !strings.Contains(raw, "Discovery") || !strings.Contains(raw, "GET "+s.Exchange.Discovery.URL) || !strings.Contains(raw, `"token_endpoint"`) {
		t.Errorf("Raw does not show the discovery call:\n%s", raw)
	}

	d := *s.Exchange.Discovery
	d.Issuer, d.IssuerMismatch = "https://elsewhere.example.com/", true
	ex := *s.Exchange
	ex.Discovery = &d
	s.Exchange = &ex
	panes = ptBuild(t, s, ptPlain(), 120, 200)
	sum = ptFlat(ptPane(t, panes, "Summary").View())
	if !strings.Contains(sum, `✗ discovery the discovery document at `+d.URL+` names the issuer "https://elsewhere.example.com/", not the domain asked`) {
		t.Errorf("a discovery document naming another issuer is not a failed check:\n%s", sum)
	}
}

// The rate-limit reset counts down, and once passed says the window reset
// (not "resets …, 4s ago").
func TestRateLimitResetCountsDown(t *testing.T) {
	req, ex := ptExchange() // resets 40 s after ptNow
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 40)
	sum := ptPane(t, panes, "Summary")
	if v := sum.View(); !strings.Contains(v, "9 of 10 left · resets "+ptNow.Add(40*time.Second).UTC().Format("15:04:05 UTC")+", in 40s") {
		t.Errorf("no reset countdown:\n%s", v)
	}
	sum.Tick(ptNow.Add(44 * time.Second))
	if v := sum.View(); !strings.Contains(v, "the window reset at "+ptNow.Add(40*time.Second).UTC().Format("15:04:05 UTC")+", 4s ago") {
		t.Errorf("after the reset:\n%s", v)
	}
}

// A call that got no answer (refused, cancelled) says so in one sentence
// and lists no consistency checks: there is nothing to compare, and "no
// Date header" under "all consistent" was noise.
func TestNoAnswerHasNoChecks(t *testing.T) {
	req, ex := ptExchange()
	ex.Status, ex.Header, ex.Body, ex.Tokens, ex.ServerDate, ex.RateLimit = 0, nil, nil, nil, time.Time{}, ro.RateLimit{}
	ex.Err = &ro.NetworkError{Op: "send", URL: ptTenant + "/oauth/ro", Err: errors.New("connection refused")}
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 100, 30)
	v := ptPane(t, panes, "Summary").View()
	if strings.Contains(v, "Checks") || strings.Contains(v, "Date header") {
		t.Errorf("a call with no answer lists consistency checks:\n%s", v)
	}
	if !strings.Contains(v, "\n✗ ") || strings.Contains(v, "✗  ") {
		t.Errorf("the failure is not one '✗ ' sentence:\n%s", v)
	}
}

// At 60 columns a long rate-limit line keeps its countdown, dropping the
// clock time rather than the part that moves.
func TestRateLimitCountdownSurvivesSixtyColumns(t *testing.T) {
	req, ex := ptExchange()
	ex.RateLimit = ro.RateLimit{Present: true, HasLimit: true, HasRemaining: true, Limit: 10000, Remaining: 9999, Reset: ptNow.Add(59*time.Minute + 59*time.Second)}
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 60, 16)
	v := ptPane(t, panes, "Summary").View()
	if !strings.Contains(v, "9999 of 10000 left · reset in 59m59s") {
		t.Errorf("the reset countdown is cut at 60 columns:\n%s", v)
	}
	ptFits(t, "Summary", v, 60, 16)
}

// TestCopyNamesSayWhatIsCopied: the status line must not call a curl
// command "raw JSON", nor the Summary's access token just "the token".
func TestCopyNamesSayWhatIsCopied(t *testing.T) {
	req, ex := ptExchange()
	panes := ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 80, 30)
	want := map[string][2]string{"Summary": {"access token", "response body"}, "Raw": {"access token", "response body"}, "curl": {"token", "curl command"}}
	seen := 0
	for _, p := range panes {
		w, ok := want[p.Title()]
		if !ok {
			continue
		}
		seen++
		n, ok := p.(CopyNamer)
		if !ok {
			t.Errorf("%s does not say what it copies", p.Title())
			continue
		}
		if tok, js := n.CopyNames(); tok != w[0] || js != w[1] {
			t.Errorf("%s copies %q and %q, want %q and %q", p.Title(), tok, js, w[0], w[1])
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d panes", seen, len(want))
	}
}

func TestABreakDropsTheJoinerItLeavesAtTheEndOfALine(t *testing.T) {
	st := NewStyles(true)
	cases := []struct{ in, want string }{
		{"ab\u200d", "ab"},
		{"ab\u200c\u200d", "ab"},
		{st.Muted.Render("ab\u200d"), st.Muted.Render("ab")},
		{"a\u200db", "a\u200db"}, // inside a line: kept (termsafe judged it)
		{"mm", "mm"},
		{"\x1b[1mx\u200dm", "\x1b[1mx\u200dm"},
	}
	for _, c := range cases {
		if got := dropBrokenJoins([]string{c.in})[0]; got != c.want {
			t.Errorf("dropBrokenJoins(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A pasted access token's Summary says what it grants: scope and
// permissions, without a filter.
func TestPastedAccessTokenSummaryShowsScopeAndPermissions(t *testing.T) {
	tok := ptJWT(`{"alg":"RS256"}`, `{"iss":"`+ptTenant+`/","sub":"auth0|1","aud":"https://api.example.com/","scope":"read:messages write:messages","permissions":["read:messages","write:messages"],"exp":`+itoa(int(ptNow.Add(time.Hour).Unix()))+`}`)
	panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), 100, 40)
	v := ptFlat(panes[0].View())
	for _, want := range []string{"scope", "read:messages write:messages", "permissions"} {
		if !strings.Contains(v, want) {
			t.Errorf("the Summary of a pasted access token lacks %q:\n%s", want, v)
		}
	}
}

// A table's header and rows are never cut mid-word without …: at every
// width from 40 to 120 the History's latency column is whole ("latency",
// "12ms") or gone, and what is cut ends in ….
func TestHistoryHeaderIsWholeOrCutWithEllipsis(t *testing.T) {
	h := NewHistory(ptPlain())
	for i := 1; i <= 12; i++ {
		h.add(historyRow{id: i, at: ptNow, flow: "ro", user: "alice@example.com", client: "rotui-demo", status: "401 invalid_user_password", failed: true, latency: 12 * time.Millisecond})
	}
	for w := 40; w <= 120; w++ {
		h.SetSize(w, 16)
		lines := strings.Split(ansi.Strip(h.View()), "\n")
		head, row := strings.TrimRight(lines[0], " "), strings.TrimRight(lines[1], " ")
		if strings.Contains(head, "lat") && !strings.HasSuffix(head, "latency") && !strings.HasSuffix(head, "…") {
			t.Errorf("at %d columns the header is cut without …: %q", w, head)
		}
		if strings.HasSuffix(head, "latency") != strings.HasSuffix(row, "12ms") {
			t.Errorf("at %d columns the header %q and the row %q disagree on the latency", w, head, row)
		}
		ptFits(t, "History", h.View(), w, 16)
	}
}

// Rate-limit headers a hostile or broken server sent that cannot be read are
// said to be unreadable on the Summary, as sent and made safe, never shown
// as counts ("-5 of 0 left").
func TestSummarySaysWhichRateLimitHeadersCannotBeRead(t *testing.T) {
	req, ex := ptExchange()
	ex.RateLimit = ro.RateLimit{Unreadable: []string{`X-RateLimit-Limit "abc"`, `X-RateLimit-Remaining "-5\x1b[2J"`}}
	v := ptPane(t, ptBuild(t, Subject{Exchange: ex, Request: req}, ptPlain(), 120, 36), "Summary").View()
	if !strings.Contains(v, `Rate limit  unreadable: X-RateLimit-Limit "abc"`) || strings.Contains(v, "of 0 left") || strings.Contains(v, "\x1b[2J") {
		t.Errorf("the Summary does not say the headers are unreadable, safely:\n%s", v)
	}
}

// A refresh token that came back as a number is no refresh token to use,
// and f says so, not "ask for offline_access".
func TestFSaysTheRefreshTokenCameBackUnusable(t *testing.T) {
	e := &entry{result: NewResult(1, Subject{Exchange: &ro.Exchange{Status: 200,
		Tokens: &ro.TokenResponse{AccessToken: "abc", RefreshTokenProblem: "refresh_token is a number, not a string"}}})}
	if got := noRefreshToken(e, "f"); !strings.Contains(got, "refresh_token is a number, not a string") || strings.Contains(got, "offline_access") {
		t.Errorf("f says %q", got)
	}
}
