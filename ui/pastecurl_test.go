package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// A curl command pasted into the paste area (p, ctrl+p) fills the form
// instead of being inspected as a token. Its commands are ro's test data:
// a browser's Copy as cURL and Auth0's reference page.

func curlTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../ro/testdata/curl/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pasteCurl opens the paste area from the form, pastes text and presses enter.
func pasteCurl(m *Model, text string) {
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: text})
	press(m, "enter")
}

// chromeLogin is the request of the browser's copy in ro/testdata.
var chromeLogin = ro.Request{Domain: "acme.us.auth0.com", ClientID: "Xq3bW9pLk2mN7vT4rY8sZ1aC6dE0fG5h", Connection: "Username-Password-Authentication",
	Username: "alice@example.com", Password: "it's a wonderland!", Scope: "openid profile email offline_access", Device: "alice-laptop", Flow: ro.FlowRO}

func TestPastingACurlCommandFillsTheForm(t *testing.T) {
	stale := demoPrefill()
	stale.Audience, stale.Bearer, stale.Flow = "https://stale.example.com/", "old-bearer", ro.FlowRealm
	m, b := newTestModel(t, stale)
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: curlTestdata(t, "chrome-login.txt")})
	// The command holds the password in clear: the area shows its size only.
	s := ansiStrip(view(m))
	if !strings.Contains(s, "A curl command, ") || strings.Contains(s, "wonderland") || strings.Contains(s, "Xq3bW9") {
		t.Errorf("the paste area shows the command:\n%s", s)
	}
	press(m, "enter")
	if m.screen != formScreen {
		t.Fatalf("screen %v after enter; want the form", m.screen)
	}
	if got := m.form.Request(); got != chromeLogin {
		t.Errorf("the form holds\n %+v\nwant\n %+v", got, chromeLogin)
	}
	if len(b.subjects) != 0 {
		t.Errorf("the command was inspected as a token")
	}
	s = ansiStrip(view(m))
	for _, want := range []string{"Curl command (ro flow): 7 fields filled · ignored: -b, --compressed, body field sso, 13 headers.", "[ro]"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen does not say %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "wonderland") || strings.Contains(s, "old-bearer") {
		t.Errorf("the form shows a secret:\n%s", s)
	}
	if m.paste.Text() != "" {
		t.Errorf("the paste area still holds the command (and its password)")
	}
	// The password from the command is the one sent.
	press(m, "ctrl+s")
	if m.call == nil || m.call.req.Password != chromeLogin.Password {
		t.Errorf("ctrl+s did not send the command's login")
	}
}

// TestPastedCurlPlaceholdersAreFlagged: Auth0's reference page holds
// placeholders only; each field a password login sends is flagged on the
// form (at 100 columns beside it, at 60 with a mark; its id_token and
// bearer placeholders are ignored, ro.ReadCurl says why), the first has the
// focus and says why, and typing in a field takes its flag away.
func TestPastedCurlPlaceholdersAreFlagged(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	pasteCurl(m, curlTestdata(t, "auth0-reference.txt"))
	want := []string{ro.FieldDomain, ro.FieldClientID, ro.FieldConnection, ro.FieldUsername, ro.FieldPassword, ro.FieldScope, ro.FieldDevice}
	if got := m.form.Placeholders(); !reflect.DeepEqual(got, want) {
		t.Fatalf("flagged %q, want %q", got, want)
	}
	if got := m.form.Request(); got != (ro.Request{Flow: ro.FlowRO}) {
		t.Errorf("a placeholder was taken as a value: %+v", got)
	}
	s := ansiStrip(view(m))
	for _, w := range []string{"◂ a placeholder: fill in", "held a placeholder here", "no value filled · 7 to fill · 2 ignored."} {
		if !strings.Contains(s, w) {
			t.Errorf("the form does not say %q:\n%s", w, s)
		}
	}
	if m.form.Focused() != ro.FieldDomain {
		t.Errorf("focus on %s, want the first placeholder", m.form.Focused())
	}
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	if s := ansiStrip(view(m)); !strings.Contains(s, "? Client ID") {
		t.Errorf("at 60 columns a flagged field has no mark:\n%s", s)
	}
	typeText(m, "acme.us.auth0.com")
	if got := m.form.Placeholders(); got[0] != ro.FieldClientID {
		t.Errorf("the domain stays flagged once typed in: %q", got)
	}
}

// TestPastedCurlThatCannotBeUsed stays on the paste screen saying why; the
// form is untouched.
func TestPastedCurlThatCannotBeUsed(t *testing.T) {
	for _, c := range []struct{ cmd, says string }{
		{"curl https://acme.us.auth0.com/delegation -d client_id=abc", "calls /delegation"},
		{"curl https://acme.us.auth0.com/oauth/ro -d 'password=wonderland", "is never closed"},
		{"curl -X GET https://acme.us.auth0.com/oauth/ro -d client_id=abc", "asks with GET"},
	} {
		m, _ := newTestModel(t, demoPrefill())
		before := m.form.Request()
		pasteCurl(m, c.cmd)
		if m.screen != pasteScreen {
			t.Errorf("%s: left the paste screen", c.says)
		}
		s := ansiStrip(view(m))
		if !strings.Contains(s, "cannot fill the form") || !strings.Contains(strings.Join(strings.Fields(s), " "), c.says) {
			t.Errorf("the paste screen does not say %q:\n%s", c.says, s)
		}
		if m.form.Request() != before {
			t.Errorf("%s: the form changed", c.says)
		}
	}
}

// TestPastedCurlInPresenterMode reveals nothing: not the command in the
// paste area, not the user or the password on the form.
func TestPastedCurlInPresenterMode(t *testing.T) {
	m := New(Options{Redact: true})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: curlTestdata(t, "chrome-login.txt")})
	screens := []string{ansiStrip(view(m))}
	press(m, "enter")
	screens = append(screens, ansiStrip(view(m)))
	press(m, "ctrl+r") // refused on a shared screen
	screens = append(screens, ansiStrip(view(m)))
	for _, s := range screens {
		for _, secret := range []string{"alice@example.com", "wonderland"} {
			if strings.Contains(s, secret) {
				t.Errorf("presenter mode shows %q:\n%s", secret, s)
			}
		}
	}
	if m.form.Request() != chromeLogin {
		t.Errorf("the form was not filled")
	}
}

// TestCurlPaneReadsBackIntoTheForm: the curl pane's text for each flow,
// copied with the mouse and pasted, fills the form with the same login,
// the masked secrets flagged to fill.
func TestCurlPaneReadsBackIntoTheForm(t *testing.T) {
	base := demoPrefill()
	base.Domain = "https://acme.us.auth0.com"
	realm := base.AsFlow(ro.FlowRealm)
	realm.Audience, realm.Bearer = "https://api.example.com/", "tok-123"
	password := base.AsFlow(ro.FlowPassword)
	password.Connection = ""
	for _, req := range []ro.Request{base, realm, password} {
		sent, err := req.Build()
		if err != nil {
			t.Fatal(err)
		}
		lines, cut := curlLines(sent, false, false, 160, NewStyles(true))
		if cut {
			t.Fatalf("%s flow: the pane cuts a line at 160 columns", req.Flow)
		}
		m, _ := newTestModel(t, ro.Request{})
		pasteCurl(m, ansiStrip(strings.Join(lines, "\n")))
		want := req
		want.Domain, want.Password, want.Bearer = "acme.us.auth0.com", "", ""
		if got := m.form.Request(); got != want.AsFlow(want.Flow) {
			t.Errorf("%s flow: the form holds\n %+v\nwant\n %+v", req.Flow, got, want)
		}
		flagged := []string{ro.FieldPassword}
		if req.Bearer != "" {
			flagged = append(flagged, ro.FieldBearer)
		}
		if got := m.form.Placeholders(); !reflect.DeepEqual(got, flagged) {
			t.Errorf("%s flow: flagged %q, want the masked secrets %q", req.Flow, got, flagged)
		}
	}
}

// TestFlowPasteACurlCommandThenSend: the whole program, from an empty form:
// ctrl+p, paste the curl command of a demo login, enter, ctrl+s, tokens.
// The command's password is never on screen, in the History or in a
// profile saved from the form.
func TestFlowPasteACurlCommandThenSend(t *testing.T) {
	srv := sharedDemo(t)
	sent, err := demoRequest(srv.URL).Build()
	if err != nil {
		t.Fatal(err)
	}
	configPath := filepath.Join(t.TempDir(), "rotui", "config.toml")
	tt := newTerm(t, New(Options{ConfigPath: configPath}), 100, 30)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+p")
	tt.waitFor("Paste a token to inspect")
	tt.tm.Send(tea.PasteMsg{Content: sent.Curl(true)})
	tt.waitFor("A curl command")
	tt.key("enter")
	tt.waitFor("Curl command (ro flow): 7 fields filled", rotest.UserAlice)
	tt.key("ctrl+o")
	tt.waitFor("No profile saved yet")
	tt.key("ctrl+s")
	tt.waitFor("Save the form as a profile", "name:")
	tt.key("enter")
	tt.waitFor("Saved the form as profile")
	tt.key("esc", "ctrl+s")
	tt.waitFor("1 Summary", "200")
	tt.key("9")
	tt.waitFor("History", rotest.UserAlice)
	tt.mu.Lock()
	raw := tt.raw.String()
	tt.mu.Unlock()
	if strings.Contains(raw, rotest.Password) {
		t.Error("the password from the curl command reached the screen")
	}
	b, err := os.ReadFile(configPath)
	if err != nil || !strings.Contains(string(b), rotest.UserAlice) || strings.Contains(string(b), rotest.Password) {
		t.Errorf("the profile saved (%v) should hold the user and not the password:\n%s", err, b)
	}
}

// Terminals send a pasted line break as a carriage return (xterm, tmux's
// paste-buffer), and Windows files carry CRLF: a command pasted that way
// still reads line by line, its continuations intact.
func TestPastedCurlWithCarriageReturnsFillsTheForm(t *testing.T) {
	text := curlTestdata(t, "chrome-login.txt")
	for name, nl := range map[string]string{"CR": "\r", "CRLF": "\r\n"} {
		t.Run(name, func(t *testing.T) {
			m, _ := newTestModel(t, demoPrefill())
			press(m, "ctrl+p")
			m.Update(tea.PasteMsg{Content: strings.ReplaceAll(text, "\n", nl)})
			lines := strings.Count(text, "\n") + 1
			if s := ansiStrip(view(m)); !strings.Contains(s, fmt.Sprintf("on %d lines", lines)) {
				t.Errorf("the paste area does not count %d lines:\n%s", lines, s)
			}
			press(m, "enter")
			if got := m.form.Request(); got != chromeLogin {
				t.Errorf("the form holds\n %+v\nwant\n %+v\nscreen:\n%s", got, chromeLogin, ansiStrip(view(m)))
			}
		})
	}
}

// bracketedPaste is what a terminal sends for a paste: the text between a
// start and an end mark, which are not keystrokes.
func bracketedPaste(m *Model, text string) {
	m.Update(tea.PasteStartMsg{})
	m.Update(tea.PasteMsg{Content: text})
	m.Update(tea.PasteEndMsg{})
}

// A second paste replaces what the area held: a token already inspected,
// a curl command kept off the screen, or a command that was refused. Added
// to a token instead, a curl command no longer read as one and was drawn,
// its password in clear, then inspected as a "token" into the History.
func TestASecondPasteReplacesWhatTheAreaHeld(t *testing.T) {
	browser := curlTestdata(t, "chrome-login.txt")
	refused := "curl https://acme.auth0.com/userinfo -H 'Authorization: Bearer abc'"
	for name, first := range map[string]string{"an inspected token": hostileToken(), "a refused curl command": refused, "a curl command": browser} {
		t.Run(name, func(t *testing.T) {
			m, _ := newTestModel(t, demoPrefill())
			press(m, "ctrl+p")
			bracketedPaste(m, first)
			press(m, "enter")
			switch m.screen {
			case formScreen: // the command filled the form
				press(m, "ctrl+p")
			case resultScreen: // the token was inspected
				press(m, "p")
			}
			bracketedPaste(m, browser)
			s := ansiStrip(view(m))
			if !strings.Contains(s, "A curl command, ") || strings.Contains(s, "wonderland") {
				t.Fatalf("after %s, the second paste is not read as a curl command on its own:\n%s", name, s)
			}
			press(m, "enter")
			if got := m.form.Request(); got != chromeLogin {
				t.Errorf("the form holds\n %+v\nwant\n %+v", got, chromeLogin)
			}
		})
	}
}

// ctrl+u empties a curl command kept off the screen, all of it: the person
// cannot see the lines that a line-wise clear would leave.
func TestCtrlUClearsAHiddenCurlCommand(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+p")
	bracketedPaste(m, "curl https://acme.auth0.com/oauth/ro \\\n  -H 'content-type: application/json' \\\n  -d '{\"client_id\":\"abc\",\"password\":\"wonderland\"}'")
	press(m, "ctrl+u")
	if got := m.paste.Text(); got != "" {
		t.Errorf("ctrl+u left %d characters of the command", len(got))
	}
}

// A curl command that cannot fill the form, pasted after one that did,
// does not leave the first one's "Curl command (ro flow): 7 fields
// filled" up: it would read as about the second.
func TestAFailedCurlPasteClearsTheLastImportsStatus(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	pasteCurl(m, curlTestdata(t, "chrome-login.txt"))
	if s := ansiStrip(view(m)); !strings.Contains(s, "Curl command (ro flow)") {
		t.Fatalf("the first import says nothing:\n%s", s)
	}
	pasteCurl(m, "curl https://acme.us.auth0.com/delegation -d client_id=abc")
	s := ansiStrip(view(m))
	if strings.Contains(s, "fields filled") || !strings.Contains(s, "cannot fill the form") {
		t.Errorf("after a failed paste the last import's status line is still up:\n%s", s)
	}
}
