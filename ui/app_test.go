package ui

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// term reads a teatest program's output into a terminal emulator, so that
// tests look at the screen a person would see rather than at the renderer's
// byte stream. Every byte read is kept too, to look for escape sequences.
type term struct {
	t   *testing.T
	tm  *teatest.TestModel
	mu  sync.Mutex
	emu *vt.Emulator
	raw bytes.Buffer
}

func newTerm(t *testing.T, m tea.Model, w, h int) *term {
	t.Helper()
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	emu := vt.NewEmulator(w, h)
	go func() { // the emulator answers the program's queries; nobody listens
		buf := make([]byte, 256)
		for {
			if _, err := emu.Read(buf); err != nil {
				return
			}
		}
	}()
	tt := &term{t: t, tm: tm, emu: emu}
	t.Cleanup(func() {
		_ = tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		// Ends the reader above; Emulator.Close would race with its Read.
		if c, ok := emu.InputPipe().(io.Closer); ok {
			c.Close()
		}
	})
	return tt
}

// pump moves what the program wrote into the emulator.
func (tt *term) pump() {
	buf := make([]byte, 64<<10)
	for {
		n, _ := tt.tm.Output().Read(buf)
		if n == 0 {
			return
		}
		tt.mu.Lock()
		tt.raw.Write(buf[:n])
		// Without a terminal the renderer counts on the line discipline's
		// ONLCR (a newline also returns the carriage); the emulator has none.
		_, _ = tt.emu.Write(bytes.ReplaceAll(buf[:n], []byte("\n"), []byte("\r\n")))
		tt.mu.Unlock()
	}
}

// screen is the text on the emulated screen now.
func (tt *term) screen() string {
	tt.pump()
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return tt.emu.String()
}

// waitFor waits until every want is on screen, and returns the screen.
func (tt *term) waitFor(want ...string) string {
	tt.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = tt.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(s, w) {
				ok = false
				break
			}
		}
		if ok {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
	tt.t.Fatalf("waited for %q; the screen shows:\n%s", want, s)
	return ""
}

func (tt *term) key(keys ...string) {
	for _, k := range keys {
		tt.tm.Send(keyMsg(k))
	}
}

func (tt *term) resize(w, h int) {
	tt.pump()
	tt.mu.Lock()
	tt.emu.Resize(w, h)
	tt.mu.Unlock()
	tt.tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
}

var shared struct {
	once sync.Once
	srv  *rotest.Server
	err  error
}

// sharedDemo is one demo tenant for the whole package's flows; it is left
// to die with the test binary.
func sharedDemo(t *testing.T) *rotest.Server {
	t.Helper()
	shared.once.Do(func() { shared.srv, shared.err = startShared() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.srv
}

func startShared() (*rotest.Server, error) { return rotest.Start("127.0.0.1:0", rotest.Options{}) }

// slowTenant answers nothing until the call is cancelled; unlike the demo's
// Latency it reads the body first, so that the server sees the client go.
func slowTenant(t *testing.T) string {
	t.Helper()
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	t.Cleanup(func() { close(stop); srv.Close() })
	return srv.URL
}

func demoRequest(url string) ro.Request {
	return ro.Request{
		Domain: url, ClientID: rotest.ClientID, Connection: rotest.Connection,
		Username: rotest.UserAlice, Password: rotest.Password,
		Scope: "openid profile email offline_access", Device: rotest.DemoDevice,
	}
}

func TestFlowDemoSendShowsThePanes(t *testing.T) {
	srv := sharedDemo(t)
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL)}), 100, 30)
	tt.waitFor("Resource Owner login", "alice@example.com", "••••••••••")
	tt.key("ctrl+s")
	s := tt.waitFor("Summary", "Access token", "ID token", "Refresh token", "Raw", "curl", "History", "200")
	if strings.Contains(s, rotest.Password) {
		t.Errorf("the password is on the Summary:\n%s", s)
	}
	tt.key("3")
	tt.waitFor("Claims", "sub")
	tt.key("e")
	tt.waitFor("Domain", srv.URL, "rotui-demo-device")
}

func TestFlowWrongPasswordShowsTheErrorAndHint(t *testing.T) {
	srv := sharedDemo(t)
	req := demoRequest(srv.URL)
	req.Password = "not-the-password"
	tt := newTerm(t, New(Options{Prefill: req}), 100, 30)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	s := tt.waitFor("401", "invalid_user_password", "Hint")
	if strings.Contains(s, "not-the-password") {
		t.Errorf("the wrong password is on screen:\n%s", s)
	}
}

func TestFlowCancelASlowCall(t *testing.T) {
	tt := newTerm(t, New(Options{Prefill: demoRequest(slowTenant(t))}), 80, 24)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("Sending ro as alice@example.com", "esc cancels")
	tt.key("esc")
	s := tt.waitFor("Cancelled after")
	if !strings.Contains(s, "Domain") {
		t.Errorf("cancelling left the form:\n%s", s)
	}
	tt.key("ctrl+c")
	fm := tt.tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if len(fm.entries) != 0 || fm.call != nil {
		t.Errorf("a cancelled call left a result (%d) or a call in flight", len(fm.entries))
	}
	if fm.history.Len() != 1 || fm.history.row(0).status != "cancelled" {
		t.Errorf("the cancelled call is not in the history")
	}
}

// hostileToken is a JWT whose claims hold terminal escape sequences: a
// colour, a window-title change (OSC), an 8-bit CSI and a bidi override.
func hostileToken() string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	h := enc(map[string]any{"alg": "HS256", "typ": "JWT"})
	p := enc(map[string]any{
		"sub":  "\x1b[31mEVIL\x1b[0m",
		"name": "\x1b]0;pwned\x07title",
		"csi":  "\u009b2J",
		"bidi": "\u202egnp.exe",
		"exp":  2000000000,
	})
	return h + "." + p + "." + base64.RawURLEncoding.EncodeToString([]byte("not a signature"))
}

func TestFlowPasteAHostileTokenShowsItHarmlessly(t *testing.T) {
	tt := newTerm(t, New(Options{}), 100, 30)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+p")
	tt.waitFor("Paste a token to inspect")
	tt.tm.Send(tea.PasteMsg{Content: "Bearer " + hostileToken() + "\n"})
	tt.key("enter")
	tt.waitFor("Summary", "History")
	tt.key("3") // the token reads as an ID token (it has a name): its pane is 3
	tt.waitFor("EVIL", "pwned")
	tt.mu.Lock()
	raw := tt.raw.String()
	tt.mu.Unlock()
	for _, bad := range []string{"\x1b[31mEVIL", "\x1b]0;pwned", "\u009b", "\u202e"} {
		if strings.Contains(raw, bad) {
			t.Errorf("the token's %q reached the terminal raw", bad)
		}
	}
}

func TestFlowResizeTo60x16AndBackEvenMidCall(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{Latency: 300 * time.Millisecond})
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL)}), 100, 30)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("Sending")
	tt.resize(60, 16) // mid-call
	tt.waitFor("Sending")
	tt.resize(40, 10)
	tt.waitFor("Terminal too small")
	tt.resize(60, 16)
	s := tt.waitFor("1 Sum", "200")
	lines := strings.Split(s, "\n")
	if len(lines) > 16 {
		t.Errorf("%d lines at 60×16", len(lines))
	}
	for _, ln := range lines {
		if lipglossWidthOf(ln) > 60 {
			t.Errorf("a line is wider than 60: %q", ln)
		}
	}
	tt.key("3")
	tt.waitFor("ID token")
	tt.resize(120, 36)
	tt.waitFor("4 Refresh token", "9 History")
}

func TestFlowA404OffersTheRealmFlowInOneKey(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{LegacyOff: true})
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL)}), 100, 30)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("404", "m sends the same login in the realm flow")
	tt.key("m")
	tt.waitFor("200", "/oauth/token")
	tt.key("e")
	tt.waitFor("[realm]", "alice@example.com")
}

// The three users' paths through the whole program (teatest), as they met
// it: a developer changes a field and sends again, a support engineer
// fills in the client secret and sees the HS256 token checked, a presenter
// keeps people hidden.
func TestFlowThePathsOfThreeUsers(t *testing.T) {
	srv := sharedDemo(t)
	req := demoRequest(srv.URL)
	req.ClientID = rotest.ClientIDHS256
	tt := newTerm(t, New(Options{Prefill: req, Redact: true, UserInfo: true, Migration: true}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("1 Summary", "9 History", "signature not checked")
	// The presenter: nobody on screen; ctrl+r reveals nothing; ctrl+x asks once.
	tt.key("3")
	s := tt.waitFor("ID token ·")
	for _, who := range []string{"Alice Liddell", "alice@example.com", "auth0|"} {
		if strings.Contains(s, who) {
			t.Errorf("presenter mode shows %q:\n%s", who, s)
		}
	}
	tt.key("ctrl+x")
	tt.waitFor("ctrl+x again")
	tt.key("ctrl+x")
	tt.waitFor("Presenter mode off")
	// The support engineer: the client secret, two keys away, checks the
	// HS256 ID token as soon as the panes come back; esc on them does nothing.
	tt.key("e", "ctrl+g", "l")
	tt.waitFor("Typing here is hidden")
	for _, r := range rotest.HS256Secret {
		tt.key(string(r))
	}
	tt.key("esc")
	tt.waitFor("checked again", "✓ signature")
	tt.key("esc", "esc", "1")
	tt.waitFor("200 OK")
	// The developer: a field changed in two keys, sent again, on the same pane.
	tt.key("3", "e", "ctrl+g", "s")
	for _, r := range " phone" {
		tt.key(string(r))
	}
	tt.key("ctrl+s")
	tt.waitFor("[3 ID token]", "ID token ·")
}
