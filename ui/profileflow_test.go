package ui

// Whole-program flows (teatest) of the features past the first login:
// profiles saved and loaded, the report written from a real login,
// /userinfo from the Summary, presenter mode.

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// jwtLike finds a whole JWT (three base64url parts) in text.
var jwtLike = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8,}`)

func TestFlowSaveAProfileWritesNoSecretUnderTheConfigFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	path, err := config.DefaultPath()
	if err != nil || !strings.HasPrefix(path, home) {
		t.Fatalf("config path %q (%v) is not under the test's folder", path, err)
	}
	req := demoRequest("https://acme.us.auth0.com")
	req.Bearer = "bearer-value-9f8e7d"
	req.IDToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl"
	tt := newTerm(t, New(Options{Prefill: req, ClientSecret: "client-secret-5a4b3c", ConfigPath: path}), 100, 30)
	tt.waitFor("Resource Owner login")
	tt.tm.Send(keyMsg("ctrl+o"))
	tt.waitFor("No profile saved yet")
	tt.tm.Send(keyMsg("ctrl+s"))
	tt.waitFor("Save the form as a profile", "name:")
	tt.waitFor("acme") // the suggested name
	tt.key("enter")
	tt.waitFor("Saved the form as profile acme")

	secrets := []string{rotest.Password, "bearer-value-9f8e7d", "client-secret-5a4b3c", "c2lnbmF0dXJlLXZhbHVl", req.IDToken}
	files := 0
	err = filepath.WalkDir(home, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		if d.IsDir() {
			if p != home && info.Mode().Perm() != 0o700 {
				t.Errorf("%s has mode %v, want 0700", p, info.Mode().Perm())
			}
			return nil
		}
		files++
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", p, info.Mode().Perm())
		}
		b, _ := os.ReadFile(p)
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Errorf("%s holds the secret %q", p, s)
			}
		}
		return nil
	})
	if err != nil || files != 2 {
		t.Fatalf("files under the config folder: %d (%v); want the config file and its empty lock", files, err)
	}

	// Load it back: it is listed with its user and tenant.
	tt.tm.Send(keyMsg("ctrl+o"))
	tt.waitFor("acme", "alice@example.com @ https://acme.us.auth0.com")
	tt.key("enter")
	tt.waitFor("Profile acme loaded")
	if f, err := config.Load(path); err != nil || f.LastName() != "acme" {
		t.Errorf("acme is not remembered as the last used (%v)", err)
	}
}

func TestFlowReportOfARealLoginHoldsNoSecret(t *testing.T) {
	srv := sharedDemo(t)
	dir := t.TempDir()
	req := demoRequest(srv.URL)
	req.Bearer = "bearer-value-1a2b3c"
	tt := newTerm(t, New(Options{Prefill: req, ReportDir: dir, ClientSecret: "unused-secret-77"}), 100, 30)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("Summary", "200")
	tt.waitFor("verified") // the ID token's signature, from the tenant's JWKS
	tt.key("w")
	tt.waitFor("Report rotui-report-", "written in")
	files, _ := filepath.Glob(filepath.Join(dir, "rotui-report-*.md"))
	if len(files) != 1 {
		t.Fatalf("report files: %v", files)
	}
	b, _ := os.ReadFile(files[0])
	md := string(b)
	for _, s := range []string{rotest.Password, "bearer-value-1a2b3c", "unused-secret-77"} {
		if strings.Contains(md, s) {
			t.Errorf("the report holds %q", s)
		}
	}
	if m := jwtLike.FindString(md); m != "" {
		t.Errorf("the report holds a whole token: %s", m)
	}
	for _, want := range []string{"## ID token", "## Access token", "| signature | passed", "/oauth/ro", "200"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}

func TestFlowUserinfoFromTheSummary(t *testing.T) {
	srv := sharedDemo(t)
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL), UserInfo: true, Migration: true}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("Summary", "/userinfo", "→ realm")
	tt.key("u")
	tt.key("7")
	tt.waitFor("GET /userinfo", "200 OK", "Profile", "email_verified")
	tt.key("8")
	tt.waitFor("password-realm", "Username-Password-Authentication")
}

// pathRecorder is a transport that notes each path it carries.
type pathRecorder struct {
	mu    sync.Mutex
	paths []string
}

func (r *pathRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.paths = append(r.paths, req.Method+" "+req.URL.Path)
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *pathRecorder) saw(call string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Contains(r.paths, call)
}

// /userinfo goes through the client the program was given, as the login
// does (its transport, its timeouts), not a client of its own.
func TestUserinfoUsesTheInjectedClient(t *testing.T) {
	srv := sharedDemo(t)
	rec := &pathRecorder{}
	client := ro.NewClient(ro.ClientOptions{HTTPClient: &http.Client{Transport: rec}})
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL), UserInfo: true, Client: client}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("Summary", "/userinfo")
	tt.key("u")
	tt.key("7")
	tt.waitFor("GET /userinfo", "200 OK")
	if !rec.saw("POST /oauth/ro") || !rec.saw("GET /userinfo") {
		t.Errorf("the injected client carried %v", rec.paths)
	}
}

func TestACorruptConfigNoticeIsAnError(t *testing.T) {
	const why = "Profiles not loaded: config file /home/a/.config/rotui/config.toml, line 2, column 10: it is not valid TOML"
	m := New(Options{Notice: why, NoticeIsError: true, Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 30})
	if !m.statusErr || !strings.Contains(view(m), "config.toml, line 2") {
		t.Errorf("the corrupt config is not an error in the status line (error %v):\n%s", m.statusErr, view(m))
	}
	m = New(Options{Notice: "Opened with profile acme.", Now: func() time.Time { return fixedNow }})
	if m.statusErr {
		t.Error("an ordinary notice is shown as an error")
	}
}

func TestThePickerMasksUsersInPresenterMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	p := config.FromRequest("acme", demoRequest("https://acme.us.auth0.com"), "")
	if err := config.SaveProfile(path, p); err != nil {
		t.Fatal(err)
	}
	for _, redact := range []bool{false, true} {
		m := New(Options{ConfigPath: path, Redact: redact, Now: func() time.Time { return fixedNow }})
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		run(m, m.handleKey(keyMsg("ctrl+o")))
		v := view(m)
		if !strings.Contains(v, "acme.us.auth0.com") || strings.Contains(v, "alice@example.com") != !redact {
			t.Errorf("presenter mode %v: the picker shows:\n%s", redact, v)
		}
	}
}

func TestCtrlOOnThePanesLoadsAProfileIntoTheForm(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := config.SaveProfile(path, config.FromRequest("acme", demoRequest("https://acme.us.auth0.com"), "")); err != nil {
		t.Fatal(err)
	}
	m, _ := newTestModel(t, demoPrefill())
	m.cfgPath = path
	press(m, "ctrl+s")
	answer(t, m)
	if m.screen != resultScreen {
		t.Fatal("no panes")
	}
	run(m, m.handleKey(keyMsg("ctrl+o")))
	if !strings.Contains(view(m), "acme") {
		t.Fatalf("ctrl+o on the panes does not list the profiles:\n%s", view(m))
	}
	run(m, press(m, "enter"))
	if m.screen != formScreen || m.form.Request().Domain != "https://acme.us.auth0.com" {
		t.Errorf("the profile was not loaded into the form (screen %v, domain %q)", m.screen, m.form.Request().Domain)
	}
	m.setScreen(resultScreen)
	m.overlay = helpOverlay
	if !strings.Contains(view(m), "ctrl+o") || !strings.Contains(view(m), "copy raw JSON") {
		t.Errorf("the panes' help does not list ctrl+o:\n%s", view(m))
	}
}

// The config file's warnings (Options.ConfigWarnings, from the start) show
// in the status line as an error, before which profile was opened.
func TestConfigWarningsShowInTheStatusLine(t *testing.T) {
	for _, c := range []struct {
		ws   []config.Warning
		want []string
	}{
		{[]config.Warning{{Message: "it can be read by other users (mode 0644); rotui saves it with mode 0600"}},
			[]string{"Config warning: it can be read by other users (mode 0644)", "Opened with profile acme."}},
		{[]config.Warning{{Message: "it can be read by other users (mode 0644)"}, {Line: 7, Message: "the key \"x.password\" looks like a secret"}},
			[]string{"2 config warnings (ctrl+o lists them), the first: it can be read by other users", "Opened with profile acme."}},
	} {
		m := New(Options{Notice: "Opened with profile acme.", ConfigWarnings: c.ws, Now: func() time.Time { return fixedNow }})
		m.Update(tea.WindowSizeMsg{Width: 240, Height: 30})
		v := ansiStrip(view(m))
		for _, want := range c.want {
			if !strings.Contains(v, want) {
				t.Errorf("the status line lacks %q:\n%s", want, v)
			}
		}
		if !m.statusErr {
			t.Error("config warnings are not shown as an error")
		}
	}
}

// ctrl+o reads the file afresh: its warnings go to the status line and are
// listed under the profiles, the secret in the file never on screen.
func TestThePickerListsTheConfigWarnings(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	text := "[profiles.acme]\ndomain = \"acme.us.auth0.com\"\nclient_secret = \"s3cr3t-in-the-file\"\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Prefill: demoPrefill(), ConfigPath: path, Build: (&fakeBuilder{}).build, Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(m, press(m, "ctrl+o"))
	v := strings.Join(strings.Fields(ansiStrip(view(m))), " ")
	for _, want := range []string{"acme", "can be read by other users (mode 0644)", "line 3: the key \"profiles.acme.client_secret\" looks like a secret",
		"2 config warnings, listed under the profiles"} {
		if !strings.Contains(v, want) {
			t.Errorf("the picker lacks %q:\n%s", want, view(m))
		}
	}
	if strings.Contains(view(m), "s3cr3t-in-the-file") {
		t.Error("the secret in the file reached the screen")
	}
	// At 60×16 the list and its foot still fit beside the warnings.
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	if v := ansiStrip(view(m)); !strings.Contains(v, "acme") || !strings.Contains(v, "enter loads") {
		t.Errorf("at 60×16 the picker lost its list or foot:\n%s", v)
	}
}
