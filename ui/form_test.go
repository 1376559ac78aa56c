package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

func TestFormRequestCarriesEveryFieldItsFlowSends(t *testing.T) {
	in := ro.Request{Domain: " acme.us.auth0.com ", ClientID: "c", Connection: "db", Username: "u",
		Password: " p w ", Scope: "openid  profile", Device: "d", IDToken: "i", Bearer: "b",
		Audience: "a", Flow: ro.FlowRO, Insecure: true}
	f := NewForm(in, "s3cret", true, NewStyles(true))
	got := f.Request()
	want := ro.Request{Domain: "acme.us.auth0.com", ClientID: "c", Connection: "db", Username: "u",
		Password: " p w ", Scope: "openid profile", Device: "d", IDToken: "i", Bearer: "b",
		Flow: ro.FlowRO, Insecure: true} // no audience in the ro flow
	if got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if s, b64 := f.ClientSecret(); s != "s3cret" || !b64 {
		t.Errorf("client secret %q %v", s, b64)
	}
	f.SetFlow(ro.FlowRealm)
	if r := f.Request(); r.Device != "" || r.IDToken != "" || r.Audience != "a" || r.Connection != "db" {
		t.Errorf("realm request: %+v", r)
	}
	f.SetFlow(ro.FlowRO)
	if r := f.Request(); r.Device != "d" || r.IDToken != "i" {
		t.Errorf("switching the flow back lost the device or ID token: %+v", r)
	}
}

func TestFormFlowAndToggleChangeWithArrowsAndSpace(t *testing.T) {
	f := NewForm(ro.Request{}, "", false, NewStyles(true))
	f.FocusField(ro.FieldFlow)
	f.Update(keyMsg("right"))
	if f.Request().Flow != ro.FlowRealm {
		t.Errorf("→ on the flow gave %q", f.Request().Flow)
	}
	f.Update(keyMsg("right"))
	f.Update(keyMsg("right"))
	if f.Request().Flow != ro.FlowRO {
		t.Errorf("the flow does not wrap around: %q", f.Request().Flow)
	}
	f.FocusField(fieldSecretBase64)
	f.Update(keyMsg("space"))
	if _, b64 := f.ClientSecret(); !b64 {
		t.Error("space did not turn the base64 toggle on")
	}
}

func TestScopeSuggestsTheWordsNotYetTyped(t *testing.T) {
	f := NewForm(ro.Request{}, "", false, NewStyles(true))
	f.FocusField(ro.FieldScope)
	for _, r := range "openid pro" {
		f.Update(keyMsg(string(r)))
	}
	in := &f.field(ro.FieldScope).input
	if got := in.CurrentSuggestion(); got != "openid profile" {
		t.Fatalf("suggestion %q", got)
	}
	f.Update(keyMsg("right"))
	if got := f.Request().Scope; got != "openid profile" {
		t.Errorf("→ did not accept the suggestion: %q", got)
	}
	f.Update(keyMsg(" "))
	for _, s := range in.MatchedSuggestions() {
		if strings.Contains(strings.TrimPrefix(s, "openid profile "), "openid") {
			t.Errorf("a word already typed is suggested again: %q", s)
		}
	}
}

func TestFormFitsSixtyColumnsWithEveryError(t *testing.T) {
	f := NewForm(ro.Request{Domain: "http://example.com"}, "", false, NewStyles(true))
	f.SetSize(60, 13)
	if f.Validate() {
		t.Fatal("an almost empty form validated")
	}
	v := f.View()
	lines := strings.Split(v, "\n")
	if len(lines) > 13 {
		t.Errorf("%d lines in a 13-line rectangle", len(lines))
	}
	for _, ln := range lines {
		if lipgloss.Width(ln) > 60 {
			t.Errorf("wider than 60: %q", ln)
		}
	}
	// The focused field's whole message is under the form.
	msg := f.Errors()[ro.FieldDomain]
	if msg == "" {
		t.Fatal("no error for plain http to a public host")
	}
	flat := strings.Join(strings.Fields(ansi.Strip(v)), " ")
	if !strings.Contains(flat, strings.Join(strings.Fields(msg), " ")) {
		t.Errorf("the focused field's error %q is not shown whole:\n%s", msg, v)
	}
	// Moving down to the last field keeps it on screen.
	for i := 0; i < len(f.fields)-1; i++ {
		f.Next()
	}
	if !strings.Contains(f.View(), "Base64 secret") {
		t.Errorf("the last field is not in view when focused:\n%s", f.View())
	}
}

func TestFormDropsBidiAndInvisibleCharactersFromShownFields(t *testing.T) {
	// From a profile file (Fill), a prefill, or a paste (Update): the
	// username must not be able to reorder what the form shows.
	f := NewForm(ro.Request{Connection: "Username\u202e-Password", Password: "pa\u200bss"}, "", false, NewStyles(true))
	if got := f.Request().Connection; got != "Username-Password" {
		t.Errorf("prefilled connection %q", got)
	}
	f.Fill(ro.Request{Domain: "acme\u2066.auth0.com", ClientID: "rotui\u202e-demo", Username: "alice@example.com"})
	f.FocusField(ro.FieldUsername)
	f.Update(tea.PasteMsg{Content: "\u202egpj.exe"})
	r := f.Request()
	if r.ClientID != "rotui-demo" || r.Domain != "acme.auth0.com" || r.Username != "alice@example.comgpj.exe" {
		t.Errorf("shown fields kept unsafe characters: %+q", []string{r.ClientID, r.Domain, r.Username})
	}
	if r.Password != "pass" {
		t.Errorf("the password (drawn in clear by ctrl+r) kept an invisible character: %q", r.Password)
	}
	if v := ansi.Strip(f.View()); strings.ContainsAny(v, "\u202e\u2066\u200b") {
		t.Errorf("the form draws a bidirectional or invisible character:\n%s", v)
	}
}

// The ID token field works: with it and no user, the form asks for
// /oauth/ro's jwt-bearer delegation (as rotui login does), which passes
// validation and gets tokens from the demo tenant; with a user, it stays
// the password grant.
func TestFormIDTokenWithoutAUserIsDelegation(t *testing.T) {
	first := ptDemoLogin(t, rotest.ClientID) // a real ID token of a demo tenant
	idToken := first.Exchange.Tokens.IDToken
	in := first.Request
	in.Username, in.Password, in.IDToken = "", "", idToken
	f := NewForm(in, "", false, NewStyles(true))
	r := f.Request()
	if r.GrantType != ro.GrantJWTBearer {
		t.Fatalf("an ID token without a user is sent as grant %q", r.EffectiveGrantType())
	}
	if err := r.Validate(); err != nil {
		t.Fatalf("the delegation form does not validate: %v", err)
	}
	ex, err := ro.NewClient(ro.ClientOptions{}).Login(context.Background(), r)
	if err != nil || ex.Tokens == nil || ex.Tokens.IDToken == "" {
		t.Fatalf("the demo refused the delegation: %v", err)
	}

	in.Username, in.Password = "alice@example.com", "wonderland"
	if g := NewForm(in, "", false, NewStyles(true)).Request().EffectiveGrantType(); g != ro.GrantPassword {
		t.Errorf("with a user the grant is %q, not password", g)
	}
}

// Every field of the form drops what termsafe.Strip drops, pasted or
// typed: revealed (ctrl+r), a secret field drew a pasted U+202E raw, and
// the terminal reordered the line.
func TestEveryFieldStripsControlAndBidiCharacters(t *testing.T) {
	const hostile = "12\x1b[31m34\n56\u202e78"
	for _, how := range []string{"paste", "type"} {
		m, _ := newTestModel(t, ro.Request{})
		for _, fld := range m.form.fields {
			if fld.kind != textField && fld.kind != secretField {
				continue
			}
			m.form.FocusField(fld.key)
			if how == "paste" {
				m.Update(tea.PasteMsg{Content: hostile})
			} else {
				for _, r := range hostile {
					m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
				}
			}
			if v := fld.input.Value(); strings.ContainsAny(v, "\x1b\n\u202e") || !strings.Contains(v, "78") {
				t.Errorf("%s into %s kept %q", how, fld.label, v)
			}
		}
		press(m, "ctrl+r")
		if v := view(m); strings.Contains(v, "\u202e") || strings.Contains(v, "\x1b[31m") {
			t.Errorf("%s, then ctrl+r: the screen holds a bidi override or the pasted escape:\n%q", how, v)
		}
	}
}

// The profile name typed in the profiles overlay (ctrl+o, ctrl+s) drops
// them too.
func TestTheProfileNameStripsBidiCharacters(t *testing.T) {
	m := New(Options{Prefill: demoPrefill(), ConfigPath: t.TempDir() + "/config.toml"})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(m, press(m, "ctrl+o"))
	press(m, "ctrl+s", "ctrl+u")
	for _, r := range "ab\u202ecd" {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if v := m.profiles.name.Value(); strings.Contains(v, "\u202e") || !strings.HasSuffix(v, "abcd") {
		t.Errorf("the profile name kept %q", v)
	}
}
