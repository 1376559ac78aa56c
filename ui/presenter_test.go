package ui

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// presenterModel shows ptExchange's real panes on the ID token's tab.
func presenterModel(t *testing.T, o Options) *Model {
	t.Helper()
	o.Prefill = demoPrefill()
	o.Now = func() time.Time { return ptNow }
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	req, ex := ptExchange()
	m.addEntry(Subject{Exchange: ex, Request: req, Now: ptNow, Redact: m.redact}, historyRow{at: ptNow, flow: "ro", user: req.Username, status: "200 OK"})
	for i, p := range m.tabs {
		if p.Title() == "ID token" {
			m.active = i
		}
	}
	return m
}

// With the real panes: ctrl+x masks what is on screen at once, on the same
// tab, and c still copies the token itself.
func TestPresenterKeyMasksTheRealPanesInPlace(t *testing.T) {
	m := presenterModel(t, Options{})
	if v := view(m); !strings.Contains(v, "alice@example.com") {
		t.Fatalf("the ID token pane does not show the e-mail to begin with:\n%s", v)
	}
	m.Update(keyMsg("ctrl+x"))
	v := ansiStrip(view(m))
	if m.tabs[m.active].Title() != "ID token" {
		t.Errorf("switching presenter mode left the pane: on %q", m.tabs[m.active].Title())
	}
	for _, s := range []string{"alice@example.com", "Zx8kQ2vLm4Np7RtA", ptIDToken()[:40]} {
		if strings.Contains(v, s) {
			t.Errorf("presenter mode shows %q:\n%s", s, v)
		}
	}
	if !strings.Contains(v, "Presenter mode") || !strings.Contains(v, "presenter") {
		t.Errorf("nothing says presenter mode is on:\n%s", v)
	}
	if tok, _ := m.tabs[m.active].(Copier).CopyToken(); tok != ptIDToken() {
		t.Error("presenter mode changed what c copies")
	}
	m.Update(keyMsg("ctrl+x"))
	if v := ansiStrip(view(m)); strings.Contains(v, "alice@example.com") || !strings.Contains(v, "ctrl+x again") {
		t.Errorf("one ctrl+x turned presenter mode off without asking:\n%s", v)
	}
	m.Update(keyMsg("ctrl+x"))
	if v := view(m); !strings.Contains(v, "alice@example.com") {
		t.Errorf("the pane does not show the e-mail again:\n%s", v)
	}
}

// In presenter mode a secret shows nothing about itself, not even its
// length: two answers that differ only in the length of their secrets and
// of the e-mail addresses in them draw the same panes. Tokens keep theirs.
func TestPresenterModeShowsNoSecretLength(t *testing.T) {
	draw := func(secret, email string) string {
		req, ex := ptExchange()
		req.Password, req.Bearer = secret, secret
		ex.Request.Body = []byte(strings.ReplaceAll(string(ex.Request.Body), "wonderland", secret))
		ex.Request.Header.Set("Authorization", "Bearer "+secret)
		ex.Header.Set("Set-Cookie", "sid="+secret)
		ex.Header.Set("X-Echo", "for "+email)
		ex.Body = []byte(`{"access_token":"Zx8kQ2vLm4Np7RtA","token_type":"bearer","client_secret":"` + secret +
			`","password":"` + secret + `","code":"` + secret + `","user":"` + email + `"}`)
		ex.Tokens = &ro.TokenResponse{AccessToken: "Zx8kQ2vLm4Np7RtA", TokenType: "bearer"}
		var b strings.Builder
		for _, p := range ptBuild(t, Subject{Exchange: ex, Request: req, Redact: true, Now: ptNow}, ptPlain(), 120, 40) {
			b.WriteString(p.Title() + ":\n" + ptFullView(p, 40))
		}
		return b.String()
	}
	short, long := draw("abc", "a@b.co"), draw("a-much-longer-secret-0123456789", "alice.liddell@example.com")
	if short != long {
		s, l := strings.Split(short, "\n"), strings.Split(long, "\n")
		for i := range min(len(s), len(l)) {
			if s[i] != l[i] {
				t.Errorf("a secret's length shows in presenter mode:\n  %s\n  %s", s[i], l[i])
				break
			}
		}
	}
	if strings.Contains(short, "bytes hidden") {
		t.Errorf("presenter mode still counts the bytes of what it hides:\n%s", short)
	}
	if !strings.Contains(short, "(16 characters hidden)") {
		t.Errorf("the access token's length is not shown:\n%s", short)
	}
}

// The form in presenter mode draws a masked field the same whatever its
// length, so the password's length is not on the shared screen either.
func TestPresenterFormShowsNoSecretLength(t *testing.T) {
	draw := func(secret, user string, focus string) string {
		m := New(Options{Redact: true, ClientSecret: secret, Now: func() time.Time { return ptNow },
			Prefill: ro.Request{Domain: "acme.us.auth0.com", ClientID: "rotui-demo", Connection: "db",
				Username: user, Password: secret, Bearer: secret, Flow: ro.FlowRO}})
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		m.form.FocusField(focus)
		return view(m)
	}
	for _, focus := range []string{ro.FieldDomain, ro.FieldPassword, ro.FieldUsername} {
		short, long := draw("abc", "a@b.co", focus), draw("a-much-longer-secret-0123456789", "alice.liddell@example.com", focus)
		if short != long {
			t.Errorf("with %s focused, the form shows how long the secrets are:\n%s\n%s", focus, ansiStrip(short), ansiStrip(long))
		}
	}
	m := New(Options{Redact: true, Prefill: ro.Request{Password: "abc"}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
	// DESIGN: presenter mode refuses to reveal on screen, and says so.
	if v := ansiStrip(view(m)); strings.Contains(v, "abc") || !strings.Contains(v, "secrets stay masked") {
		t.Errorf("ctrl+r in presenter mode shows the password or says nothing:\n%s", v)
	}
	m.Update(tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl})
	m.Update(tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl}) // asked once: off
	m.Update(tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
	if v := ansiStrip(view(m)); !strings.Contains(v, "abc") {
		t.Errorf("out of presenter mode, ctrl+r does not reveal:\n%s", v)
	}
}

// Presenter mode hides every claim that identifies a person on the ID
// token's pane (not only the e-mail), and keeps harmless values readable.
func TestPresenterModeHidesPeople(t *testing.T) {
	req, ex := ptExchange()
	panes := ptBuild(t, Subject{Exchange: ex, Request: req, Redact: true}, ptPlain(), 120, 80)
	v := ptFlat(ptFullView(ptPane(t, panes, "ID token"), 80))
	for _, leak := range []string{"Alice Liddell", "alice@example.com", "https://example.com/alice.png", "auth0|5f7c8ec7c33c6c004bbafe82"} {
		if strings.Contains(v, leak) {
			t.Errorf("presenter mode shows %q on the ID token's pane:\n%s", leak, v)
		}
	}
	for _, kept := range []string{"rotui-demo", ptTenant + "/", "RS256"} {
		if !strings.Contains(v, kept) {
			t.Errorf("presenter mode hides the harmless %q:\n%s", kept, v)
		}
	}
	if raw := ptFlat(ptFullView(ptPane(t, panes, "Raw"), 80)); strings.Contains(raw, "bytes hidden") || !strings.Contains(raw, `"token_type": "bearer"`) {
		t.Errorf("presenter mode hides token_type on the Raw pane:\n%s", raw)
	}
}

// ptPresenterLeaks are what identifies alice in the demo's ID token and
// profile: in presenter mode none of it may show.
var ptPresenterLeaks = []string{`Alice`, `Liddell`, `alice@example\.com`, `gravatar`, `5f7c8ec7c33c6c004bbafe82`, `nickname +alice`}

// ptWalk is every screen of a claim list as its cursor goes down it (with
// the note of each claim, beside the list or under it), then the whole
// pane with every note (n).
func ptWalk(m *Model) string {
	var b strings.Builder
	for range 40 {
		b.WriteString(ansiStrip(view(m)))
		press(m, "down")
	}
	press(m, "n", "home")
	b.WriteString(ansiStrip(ptFullView(m.tabs[m.active], 36)))
	return b.String()
}

// With one line a claim, presenter mode hides every profile claim of the
// demo's ID token in the list, in the note of the claim under the cursor
// (beside the list or under it) and with every note shown.
func TestPresenterModeHidesPeopleOneLineAClaim(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 36}, {60, 16}} {
		m := ptDemoIDModel(t, size.w, size.h, true)
		v := ptWalk(m)
		for _, leak := range ptPresenterLeaks {
			if regexp.MustCompile(leak).MatchString(v) {
				t.Errorf("at %dx%d presenter mode shows %s on the ID token's pane:\n%s", size.w, size.h, leak, v)
			}
		}
		for _, kept := range []string{"email_verified", "rotui-demo", ptTenant + "/", "the user's e-mail address"} {
			if !strings.Contains(v, kept) {
				t.Errorf("at %dx%d presenter mode hides the harmless %q:\n%s", size.w, size.h, kept, v)
			}
		}
	}
}

// The /userinfo profile, drawn one line a claim, hides it all too.
func TestPresenterModeHidesTheProfile(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 33}, {60, 13}} {
		s := ptDemoLogin(t, rotest.ClientID)
		s.UserInfo, s.Redact = true, true
		panes, _ := ptBuildPanes(s, ptPlain())
		ui := ptPane(t, panes, "/userinfo")
		ui.SetSize(size.w, size.h)
		for _, m := range ptRunCmd(ptResultOf(panes).startUserinfo()) {
			deliver(panes, m)
		}
		var b strings.Builder
		for range 25 {
			b.WriteString(ui.View())
			ui.Update(ptKey("down"))
		}
		ui.Update(ptKey("n"))
		ui.Update(ptKey("home"))
		b.WriteString(ptFullView(ui, size.h))
		v := b.String()
		if !strings.Contains(v, "Profile") || !strings.Contains(v, "email_verified") {
			t.Fatalf("at %dx%d the profile is not drawn:\n%s", size.w, size.h, v)
		}
		for _, leak := range ptPresenterLeaks {
			if regexp.MustCompile(leak).MatchString(v) {
				t.Errorf("at %dx%d presenter mode shows %s on the /userinfo pane:\n%s", size.w, size.h, leak, v)
			}
		}
	}
}

// The demo overlay shows no password and no secret in presenter mode.
func TestPresenterModeHidesTheDemoPasswords(t *testing.T) {
	demo := &Demo{URL: "http://127.0.0.1:9", Secret: "hs256-secret-0123",
		Entries: []DemoLine{{Who: "alice@example.com", Password: "wonderland", Shows: "logs in"}}}
	for _, redact := range []bool{false, true} {
		m := New(Options{Prefill: demoPrefill(), Demo: demo, Redact: redact})
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		press(m, "ctrl+d")
		v := ansiStrip(view(m))
		if shown := strings.Contains(v, "wonderland") || strings.Contains(v, "hs256-secret-0123"); shown == redact {
			t.Errorf("presenter mode %v: the demo overlay shows the passwords: %v\n%s", redact, shown, v)
		}
	}
}

// In presenter mode a path under the home folder shows as ~/…: it names
// the person.
func TestPresenterModeWritesHomeAsTilde(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := filepath.Join(home, "rotui", "config.toml")
	for _, redact := range []bool{false, true} {
		m := New(Options{Prefill: demoPrefill(), Redact: redact, ConfigPath: path})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
		m.setStatus("Saved the form as profile p in "+path+".", false)
		v := ansiStrip(view(m))
		if strings.Contains(v, home) == redact || strings.Contains(v, "~/rotui/config.toml") != redact {
			t.Errorf("presenter mode %v: the status line reads\n%s", redact, v)
		}
	}
}

// Presenter mode across a legacy session: an MFA enrolment's key, URI and
// QR code are on no pane (the Summary says why), /tokeninfo's legacy
// profile hides the person but not global_client_id, the status line
// masks where a passwordless code went, and a refresh's panes show no
// person either; out of presenter mode each is there.
func TestPresenterModeHidesTheSessionsSecrets(t *testing.T) {
	srv := sharedDemo(t)
	for _, redact := range []bool{false, true} {
		// Enrolment.
		s := enrolSubject(t, srv.URL)
		s.Redact = redact
		var all strings.Builder
		for _, p := range ptBuild(t, s, ptPlain(), 120, 34) {
			all.WriteString(ptFullView(p, 34))
		}
		v := all.String()
		for _, secret := range []string{rotest.MFAEnrollKey, "otpauth://totp", "▀▄"} {
			if strings.Contains(v, secret) == redact {
				t.Errorf("redact=%v: the panes show %q: %v", redact, secret, !redact)
			}
		}
		if redact && !strings.Contains(ptFlat(v), "the key, the otpauth:// URI and its QR code are hidden") {
			t.Errorf("presenter mode does not say why the enrolment is hidden:\n%s", v)
		}

		// /tokeninfo, and a refresh of the login.
		m := New(Options{Prefill: demoRequest(srv.URL), Redact: redact})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
		sendAndWait(t, m)
		awaitMsg[refreshDoneMsg](t, m, press(m, "f"))
		var panes strings.Builder
		for _, p := range m.tabs[:len(m.tabs)-1] {
			panes.WriteString(ptFullView(p, 36))
		}
		if shown := strings.Contains(panes.String(), "auth0|"); shown == redact {
			t.Errorf("redact=%v: the refresh's panes show the user's id: %v", redact, shown)
		}
		press(m, "3")
		awaitMsg[tokeninfoMsg](t, m, press(m, "t"))
		info := ptFlat(tokeninfoPart(t, m.tabs[m.active], 36))
		for _, person := range []string{rotest.UserAlice, "Alice Liddell"} {
			if strings.Contains(info, person) == redact {
				t.Errorf("redact=%v: /tokeninfo's profile shows %q: %v\n%s", redact, person, !redact, info)
			}
		}
		if !strings.Contains(info, rotest.GlobalClientID) {
			t.Errorf("redact=%v: /tokeninfo's profile lacks global_client_id:\n%s", redact, info)
		}

		// Where a passwordless code went.
		m.form.SetValue(ro.FieldConnection, rotest.ConnectionSMS)
		m.form.SetValue(ro.FieldUsername, rotest.PhoneAlice)
		awaitMsg[codeSentMsg](t, m, press(m, "s"))
		if st := ansiStrip(view(m)); !strings.Contains(st, "Code sent to") || strings.Contains(st, rotest.PhoneAlice) == redact {
			t.Errorf("redact=%v: the status line after s reads:\n%s", redact, st)
		}
	}
}

// tokeninfoPart is what the ID token pane p shows of /tokeninfo, at its
// foot below the token (which is the data, shown whole on purpose).
func tokeninfoPart(t *testing.T, p Pane, h int) string {
	t.Helper()
	full := ptFullView(p, h)
	at := strings.LastIndex(full, "POST /tokeninfo")
	if at < 0 {
		t.Fatalf("the ID token pane does not show /tokeninfo:\n%s", full)
	}
	return full[at:]
}
