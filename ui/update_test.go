package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/report"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

func ansiStrip(s string) string { return ansi.Strip(s) }

// fakePane records what the root gives it.
type fakePane struct {
	title     string
	w, h      int
	keys      []string
	msgs      []tea.Msg
	ticks     int
	lastTick  time.Time
	capturing bool
	styles    *Styles
	token     string
	json      string
	onKey     tea.Cmd // returned from Update for a key
}

func (p *fakePane) Title() string             { return p.title }
func (p *fakePane) SetSize(w, h int)          { p.w, p.h = w, h }
func (p *fakePane) Tick(now time.Time)        { p.ticks++; p.lastTick = now }
func (p *fakePane) Capturing() bool           { return p.capturing }
func (p *fakePane) SetStyles(st *Styles)      { p.styles = st }
func (p *fakePane) CopyToken() (string, bool) { return p.token, p.token != "" }
func (p *fakePane) CopyJSON() (string, bool)  { return p.json, p.json != "" }
func (p *fakePane) View() string {
	return fmt.Sprintf("%s body %dx%d", p.title, p.w, p.h)
}
func (p *fakePane) Keys() []key.Binding { return nil }
func (p *fakePane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		p.keys = append(p.keys, k.String())
		return p.onKey
	}
	p.msgs = append(p.msgs, msg)
	return nil
}

// fakeBuilder makes three fake panes per subject and remembers them.
type fakeBuilder struct {
	sets     [][]*fakePane
	subjects []Subject
}

func (b *fakeBuilder) build(r *Result, st *Styles) []Pane {
	set := []*fakePane{{title: "Summary", json: `{"ok":true}`}, {title: "ID token", token: "eyJ.fake.token"}, {title: "Raw"}}
	b.sets = append(b.sets, set)
	b.subjects = append(b.subjects, r.Subject())
	return []Pane{set[0], set[1], set[2]}
}

var fixedNow = time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)

func demoPrefill() ro.Request {
	return ro.Request{
		Domain: "http://127.0.0.1:9", ClientID: "rotui-demo", Connection: "Username-Password-Authentication",
		Username: "alice@example.com", Password: "wonderland", Scope: "openid profile", Device: "d",
	}
}

func newTestModel(t *testing.T, prefill ro.Request) (*Model, *fakeBuilder) {
	t.Helper()
	b := &fakeBuilder{}
	m := New(Options{Prefill: prefill, Build: b.build, Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return m, b
}

func press(m *Model, keys ...string) tea.Cmd {
	var last tea.Cmd
	for _, k := range keys {
		_, last = m.Update(keyMsg(k))
	}
	return last
}

// keyMsg is the key press a person makes for k, written as bubbletea
// names keys: "a", "ctrl+s", "shift+tab", "esc", "f1", …
func keyMsg(k string) tea.KeyPressMsg {
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok && utf8.RuneCountInString(c) == 1 {
		return tea.KeyPressMsg{Code: []rune(c)[0], Mod: tea.ModCtrl}
	}
	if c, ok := namedKeys[k]; ok {
		return c
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// namedKeys are the keys with a name rather than a character.
var namedKeys = map[string]tea.KeyPressMsg{
	"esc":       {Code: tea.KeyEscape},
	"enter":     {Code: tea.KeyEnter},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"f1":        {Code: tea.KeyF1},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"backspace": {Code: tea.KeyBackspace},
	"space":     {Code: tea.KeySpace, Text: " "},
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// isQuit runs cmd (and any batch) and reports whether it quits.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if isQuit(c) {
				return true
			}
		}
	}
	return false
}

// answer feeds the model a successful answer to the call in flight.
func answer(t *testing.T, m *Model) {
	t.Helper()
	if m.call == nil {
		t.Fatal("no call in flight")
	}
	ex := &ro.Exchange{Flow: ro.FlowRO, Status: 200, Latency: 42 * time.Millisecond, Started: fixedNow,
		Body: []byte(`{"access_token":"x"}`), Tokens: &ro.TokenResponse{AccessToken: "x"}}
	m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, ex: ex})
}

func view(m *Model) string { return m.View().Content }

func TestEmptyFormRefusesToSendAndSaysWhyBesideEachField(t *testing.T) {
	m, b := newTestModel(t, ro.Request{})
	cmd := press(m, "ctrl+s")
	if m.call != nil || cmd != nil {
		t.Fatal("an empty form must not be sent")
	}
	errs := m.form.Errors()
	for _, f := range []string{ro.FieldDomain, ro.FieldClientID, ro.FieldUsername} {
		if errs[f] == "" {
			t.Errorf("no error beside %s; errors: %v", f, errs)
		}
	}
	if m.form.Focused() != ro.FieldDomain {
		t.Errorf("focus on %q, want the first field in error", m.form.Focused())
	}
	v := view(m)
	for _, line := range strings.Split(v, "\n") {
		if strings.Contains(line, "Domain") && !strings.Contains(line, "✗") {
			t.Errorf("the domain's error is not beside it at 100 columns: %q", line)
		}
	}
	if len(b.sets) != 0 {
		t.Error("panes were built for a refused send")
	}
	// Fixing a field makes its error go away without sending again.
	typeText(m, "acme.us.auth0.com")
	if e := m.form.Errors()[ro.FieldDomain]; e != "" {
		t.Errorf("the domain error stayed after fixing it: %q", e)
	}
}

func TestCtrlSSendsFromAnyFieldAndTheAnswerKeepsTheForm(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "tab", "tab", "tab") // on the username
	typeText(m, "x")
	press(m, "backspace")
	before := m.form.Request()
	cmd := press(m, "ctrl+s")
	if m.call == nil || cmd == nil {
		t.Fatal("ctrl+s from the username field did not start a call")
	}
	if !strings.Contains(view(m), "Sending ro as alice@example.com") {
		t.Errorf("no spinner line while sending:\n%s", view(m))
	}
	answer(t, m)
	if m.screen != resultScreen || len(b.sets) != 1 {
		t.Fatalf("the answer did not bring the panes (screen %d, sets %d)", m.screen, len(b.sets))
	}
	if b.subjects[0].Request != before {
		t.Errorf("the subject's request differs from the form")
	}
	press(m, "e")
	if m.screen != formScreen || m.form.Request() != before || m.form.Focused() != ro.FieldUsername {
		t.Errorf("e did not bring the form back as it was (focus %s)", m.form.Focused())
	}
	// r from the panes sends the form again.
	press(m, "esc")
	if m.screen != resultScreen {
		t.Fatal("esc on the form with an answer did not go back to it")
	}
	if press(m, "r"); m.call == nil {
		t.Fatal("r did not send again")
	}
}

func TestKeysGoToTheActivePaneOnly(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	answer(t, m)
	press(m, "3", "j", "down") // the ID token's pane: 3, whatever else came back
	set := b.sets[0]
	if got := strings.Join(set[1].keys, ","); got != "j,down" {
		t.Errorf("pane 3 got %q, want j,down", got)
	}
	if len(set[0].keys)+len(set[2].keys) != 0 {
		t.Errorf("inactive panes got keys: %v %v", set[0].keys, set[2].keys)
	}
	if !strings.Contains(view(m), "ID token body 100x27") {
		t.Errorf("pane 3 not on screen at its rectangle:\n%s", view(m))
	}
	press(m, "tab") // tab passes over the places of panes this result has not
	if m.tabs[m.active].Title() != "Raw" {
		t.Errorf("tab went to pane %d, want 3", m.active+1)
	}
	press(m, "shift+tab", "shift+tab", "shift+tab")
	if m.active != len(m.tabs)-1 || m.tabs[m.active] != Pane(m.history) {
		t.Errorf("shift+tab from the first pane should wrap to History, got %d", m.active)
	}
	press(m, "9")
	if m.active != len(m.tabs)-1 {
		t.Errorf("9 with 4 panes moved the focus to %d", m.active)
	}
}

func TestACapturingPaneTakesEveryKey(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	answer(t, m)
	b.sets[0][0].capturing = true
	cmd := press(m, "q", "2", "e")
	if isQuit(cmd) || m.screen != resultScreen || m.active != 0 {
		t.Fatal("q, 2 or e acted as commands while a pane was taking text")
	}
	if got := strings.Join(b.sets[0][0].keys, ""); got != "q2e" {
		t.Errorf("capturing pane got %q", got)
	}
	if !isQuit(press(m, "ctrl+c")) {
		t.Error("ctrl+c must quit even while a pane takes text")
	}
}

func TestQuitKeys(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "tab", "tab", "tab")
	if isQuit(press(m, "q")) {
		t.Fatal("q quit while typing in the form")
	}
	if !strings.HasSuffix(m.form.Request().Username, "q") {
		t.Error("q was not typed into the field")
	}
	if !isQuit(press(m, "ctrl+c")) {
		t.Error("ctrl+c did not quit from the form")
	}
	press(m, "ctrl+p")
	if !isQuit(press(m, "ctrl+c")) {
		t.Error("ctrl+c did not quit from the paste area")
	}
	m2, _ := newTestModel(t, demoPrefill())
	press(m2, "ctrl+s")
	answer(t, m2)
	if !isQuit(press(m2, "q")) {
		t.Error("q did not quit on the panes")
	}
}

func TestEscCancelsTheCallAndItsLateAnswerIsIgnored(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	c := m.call
	press(m, "esc")
	if m.call != nil {
		t.Fatal("esc did not cancel the call")
	}
	select {
	case <-ctxDone(c):
	default:
		t.Error("the call's context was not cancelled")
	}
	if !strings.Contains(view(m), "Cancelled") {
		t.Errorf("no word of the cancel:\n%s", view(m))
	}
	m.Update(loginDoneMsg{id: c.id, req: c.req, ex: &ro.Exchange{Status: 200}})
	if len(b.sets) != 0 || m.screen != formScreen {
		t.Error("the answer of a cancelled call was shown")
	}
	if m.history.Len() != 1 || m.history.row(0).status != "cancelled" {
		t.Errorf("the cancelled call is not in the history")
	}
	// The next answer is shown and marked; choosing the cancelled row says why nothing shows.
	press(m, "ctrl+s")
	answer(t, m)
	if m.history.shown != m.shown.id {
		t.Error("the answer on screen is not the one marked in the history")
	}
	m.Update(historyChooseMsg{id: 0})
	if !strings.Contains(view(m), "was cancelled") {
		t.Errorf("choosing a cancelled call:\n%s", view(m))
	}
}

func TestAFailedCallIsAResultNotACrash(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	// No Exchange at all, only an error: still a result to read.
	m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, err: &ro.NetworkError{Op: "connect", Err: fmt.Errorf("refused")}})
	if len(b.subjects) != 1 || b.subjects[0].Exchange == nil || b.subjects[0].Exchange.Err == nil {
		t.Fatal("a network failure did not become a result with its error")
	}
	if m.history.Len() != 1 || m.history.row(0).status != "no answer" {
		t.Errorf("history row: %+v", m.history.row(0))
	}
}

func TestOneTickLoopTicksEveryPane(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	answer(t, m)
	later := fixedNow.Add(3 * time.Second)
	_, cmd := m.Update(tickMsg{id: m.tickID, now: later})
	if cmd == nil {
		t.Fatal("the tick loop was not re-armed")
	}
	for _, p := range b.sets[0] {
		if p.lastTick != later {
			t.Errorf("%s was not ticked", p.title)
		}
	}
	if _, cmd := m.Update(tickMsg{id: m.tickID + 1, now: later}); cmd != nil {
		t.Error("a second tick loop was allowed to run")
	}
}

func TestCopyUsesTheActivePane(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	answer(t, m)
	if cmd := press(m, "c"); cmd != nil {
		t.Error("c on a pane with no token copied something")
	}
	press(m, "3")
	cmd := press(m, "c")
	if cmd == nil || fmt.Sprint(cmd()) != "eyJ.fake.token" {
		t.Fatal("c on the ID token pane did not copy its token")
	}
	if !strings.Contains(view(m), "Copied the token from the ID token pane") {
		t.Errorf("no confirmation:\n%s", view(m))
	}
	// y falls back on the pane of the set that has the raw JSON.
	cmd = press(m, "y")
	if cmd == nil || fmt.Sprint(cmd()) != `{"ok":true}` {
		t.Fatal("y did not copy the raw JSON")
	}
}

// A command's answer names its result: a late verification of an earlier
// answer changes that result, not the one on screen, and a pane's own
// command goes straight back to bubbletea.
func TestLateAnswersReachTheirResultEvenWhenAnotherIsShown(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	answer(t, m)
	press(m, "r")
	answer(t, m)
	first, second := m.entries[0].result, m.entries[1].result
	v1, v2 := first.Version(), second.Version()
	m.Update(verifiedMsg{result: first.ID(), role: inspect.RoleAccess, v: jwtview.Verification{KeyID: "k"}})
	if first.Version() == v1 || first.Inspection().Token(inspect.RoleAccess).Verification == nil {
		t.Error("the first result did not take its late verification")
	}
	if second.Version() != v2 || second.Inspection().Token(inspect.RoleAccess).Verification != nil {
		t.Error("the result on screen took another result's verification")
	}
	m.Update(verifiedMsg{result: 9999, role: inspect.RoleAccess})
	// Bubbletea's own messages (the clipboard) go back to bubbletea as they are.
	m.tabs[2].(*fakePane).onKey = tea.SetClipboard("x")
	press(m, "3")
	cmd := press(m, "j")
	if cmd == nil || fmt.Sprintf("%T", cmd()) != "tea.setClipboardMsg" {
		t.Errorf("a pane's clipboard command did not go back to bubbletea")
	}
}

func TestHistoryShowsAnEarlierResultAgain(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	answer(t, m)
	press(m, "r")
	answer(t, m)
	press(m, fmt.Sprint(len(m.tabs))) // History is last
	if m.tabs[m.active] != Pane(m.history) {
		t.Fatal("the last tab is not History")
	}
	if !strings.Contains(view(m), "2 calls") {
		t.Errorf("history does not list both calls:\n%s", view(m))
	}
	cmd := press(m, "down", "enter")
	if cmd == nil {
		t.Fatal("enter on a history row did nothing")
	}
	m.Update(cmd())
	if m.shown != m.entries[0] || m.active != 0 || m.tabs[0] != Pane(b.sets[0][0]) {
		t.Error("choosing the older call did not show its panes")
	}
}

func TestPasteInspectsTrimmedTokenAndEscGoesBack(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+p")
	if m.screen != pasteScreen {
		t.Fatal("ctrl+p did not open the paste area")
	}
	press(m, "esc")
	if m.screen != formScreen {
		t.Fatal("esc did not go back to the form")
	}
	press(m, "ctrl+p")
	press(m, "enter")
	if len(b.sets) != 0 || !strings.Contains(view(m), "nothing to inspect") {
		t.Fatalf("inspecting nothing should say so:\n%s", view(m))
	}
	m.Update(tea.PasteMsg{Content: "  Bearer eyJhbGciOiJub25lIn0.e30.\x1b[31m\n"})
	press(m, "enter")
	if len(b.subjects) != 1 {
		t.Fatal("enter did not inspect the paste")
	}
	s := b.subjects[0]
	if s.Pasted != "eyJhbGciOiJub25lIn0.e30.[31m" && s.Pasted != "eyJhbGciOiJub25lIn0.e30." {
		t.Errorf("pasted token not trimmed of Bearer, white space and controls: %q", s.Pasted)
	}
	if strings.ContainsRune(s.Pasted, 0x1b) {
		t.Error("an ESC from the paste reached the subject")
	}
	if s.Exchange != nil || s.Request.Password != "" {
		t.Error("a pasted token's subject carries an exchange or the password")
	}
	// From the panes, a paste opens the paste area with it.
	m.Update(tea.PasteMsg{Content: "abc"})
	if m.screen != pasteScreen || m.paste.ta.Value() != "abc" {
		t.Errorf("a paste on the panes did not open the paste area with it")
	}
	press(m, "esc")
	if m.screen != resultScreen {
		t.Error("esc from the paste area did not go back to the panes")
	}
}

func TestRevealShowsTheSecretsOnlyOnPurpose(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	if strings.Contains(view(m), "wonderland") {
		t.Fatal("the password is on screen unmasked")
	}
	press(m, "ctrl+r")
	if !strings.Contains(view(m), "wonderland") {
		t.Error("ctrl+r did not reveal the password")
	}
	press(m, "ctrl+r")
	if strings.Contains(view(m), "wonderland") {
		t.Error("ctrl+r did not mask the password again")
	}
}

func TestDemoOverlayListsUsersAndPasswords(t *testing.T) {
	b := &fakeBuilder{}
	m := New(Options{Prefill: demoPrefill(), Build: b.build, Demo: &Demo{URL: "http://127.0.0.1:9",
		Entries: []DemoLine{{Who: "blocked@example.com", Password: "wonderland", Shows: "user is blocked"}}}})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	press(m, "ctrl+d")
	v := view(m)
	if !strings.Contains(v, "blocked@example.com") || !strings.Contains(v, "wonderland") {
		t.Fatalf("demo overlay:\n%s", v)
	}
	press(m, "esc")
	if strings.Contains(view(m), "blocked@example.com") {
		t.Error("esc did not close the overlay")
	}
}

func TestBackgroundColourRestylesFormAndPanes(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	answer(t, m)
	m.Update(tea.BackgroundColorMsg{Color: lightBG{}})
	if m.st.IsDark {
		t.Fatal("a light background did not give light styles")
	}
	if b.sets[0][0].styles != m.st {
		t.Error("a Styled pane was not given the new styles")
	}
}

type lightBG struct{}

func (lightBG) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestTooSmallAndResizeMidCall(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	m.Update(tea.WindowSizeMsg{Width: 59, Height: 16})
	if v := view(m); !strings.Contains(v, "Terminal too small") {
		t.Fatalf("59×16: %q", v)
	}
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 15})
	if !strings.Contains(view(m), "too small") {
		t.Fatal("60×15 is too small too")
	}
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	answer(t, m)
	v := view(m)
	lines := strings.Split(v, "\n")
	if len(lines) != 16 {
		t.Errorf("60×16 drew %d lines", len(lines))
	}
	for i, ln := range lines {
		if w := lipglossWidthOf(ln); w > 60 {
			t.Errorf("line %d is %d cells wide: %q", i, w, ln)
		}
	}
	if b.sets[0][0].w != 60 || b.sets[0][0].h != 13 {
		t.Errorf("pane got %dx%d at 60×16", b.sets[0][0].w, b.sets[0][0].h)
	}
}

func ctxDone(c *call) <-chan struct{} { return c.ctx.Done() }

func TestInsecureWarningStaysOnScreen(t *testing.T) {
	req := demoPrefill()
	req.Insecure = true
	m, _ := newTestModel(t, req)
	if !strings.Contains(view(m), "plain http allowed") {
		t.Fatalf("no --insecure warning on the form:\n%s", view(m))
	}
	press(m, "ctrl+s")
	answer(t, m)
	if !strings.Contains(view(m), "plain http allowed") {
		t.Errorf("the --insecure warning left with the form:\n%s", view(m))
	}
}

func TestFieldsAFlowDoesNotSendSaySo(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	if !strings.Contains(view(m), "not sent in ro") {
		t.Errorf("the audience is not marked unused in the ro flow:\n%s", view(m))
	}
	m.form.FocusField(ro.FieldFlow)
	press(m, "right", "right") // password
	v := view(m)
	for _, line := range strings.Split(v, "\n") {
		if strings.Contains(line, "Connection") && !strings.Contains(line, "not sent in password") {
			t.Errorf("connection not marked unused in the password flow: %q", line)
		}
	}
}

func TestOnlyTheLastResultsKeepTheirPanes(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	for i := 0; i < maxEntries+2; i++ {
		press(m, "ctrl+s")
		answer(t, m)
	}
	if len(m.entries) != maxEntries || m.history.Len() != maxEntries+2 {
		t.Fatalf("%d entries, %d history rows", len(m.entries), m.history.Len())
	}
	m.Update(historyChooseMsg{id: 1})
	if m.shown.id == 1 || !strings.Contains(view(m), "Only the last") {
		t.Errorf("choosing a dropped result:\n%s", view(m))
	}
	_ = b
}

func TestFullHelpFitsSixtyBySixteen(t *testing.T) {
	b := &fakeBuilder{}
	m := New(Options{Prefill: demoPrefill(), Build: b.build, Demo: &Demo{}})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	for _, screenName := range []string{"form", "panes"} {
		if screenName == "panes" {
			press(m, "ctrl+s")
			answer(t, m)
			press(m, "?")
		} else {
			press(m, "f1")
		}
		v := ansiStrip(view(m))
		var missing []string
		for _, col := range m.helpKeys().FullHelp() {
			for _, k := range col {
				if !strings.Contains(v, k.Help().Desc) {
					missing = append(missing, k.Help().Desc)
				}
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s help at 60×16 lacks %q:\n%s", screenName, missing, v)
		}
		press(m, "esc")
	}
}

func TestEveryTabStaysInViewAtSixtyColumns(t *testing.T) {
	b := &fakeBuilder{}
	m := New(Options{Prefill: demoPrefill(), Build: func(r *Result, st *Styles) []Pane {
		ps := b.build(r, st)
		for _, title := range []string{"Access token", "Refresh token", "/userinfo", "→ realm", "curl"} {
			ps = append(ps, &fakePane{title: title})
		}
		return ps
	}})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	press(m, "ctrl+s")
	answer(t, m)
	press(m, "3")
	header := strings.Split(ansiStrip(view(m)), "\n")[0]
	for i := 1; i <= 9; i++ {
		if !strings.Contains(header, fmt.Sprint(i)) {
			t.Errorf("tab %d is not in view at 60 columns: %q", i, header)
		}
	}
	for _, label := range []string{"1 Sum", "2 Acc", "3 ID", "4 Ref", "5 Raw", "6 curl", "7 info", "8 realm", "9 Hist"} {
		if !strings.Contains(header, label) {
			t.Errorf("at 60 columns the tabs lack %q (not bare numbers): %q", label, header)
		}
	}
}

// The paste area draws what was pasted as it stands: a bidirectional control
// or an invisible character in it would reorder or hide what the person
// sees, so none is kept, as none is in a form field (a token holds none).
func TestPasteKeepsNoInvisibleCharacters(t *testing.T) {
	const tok = "eyJhbGciOiJub25lIn0.e30."
	for _, c := range []struct{ pasted, want string }{
		{tok + "\u202egnp.exe", tok + "gnp.exe"},
		{"\u2066eyJhbGciOiJub25lIn0\u2069.e30.\u200f", tok},
		{"\ufeffeyJhbGciOiJub25lIn0.\u200be30\u2060.", tok},
		{"eyJhbGciOiJub25lIn0\u2028.e30.\u2029", tok},
		{"eyJhbGci\xffOiJub25lIn0.e30.", tok},
	} {
		m, b := newTestModel(t, demoPrefill())
		press(m, "ctrl+p")
		m.Update(tea.PasteMsg{Content: c.pasted})
		v := ansiStrip(view(m))
		if !strings.Contains(v, c.want) || termsafe.Multiline(v) != v {
			t.Errorf("the paste area draws %q as:\n%q", c.pasted, v)
		}
		press(m, "enter")
		if len(b.subjects) != 1 || b.subjects[0].Pasted != c.want {
			t.Errorf("%q was inspected as %+v", c.pasted, b.subjects)
		}
	}
}

func TestABigPasteIsHeldWholeAndInspected(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "ctrl+p")
	big := strings.Repeat("A", 100<<10) + "." + strings.Repeat("B", 100<<10) + ".sig"
	m.Update(tea.PasteMsg{Content: big})
	v := view(m)
	joined := func() string { return strings.ReplaceAll(ansiStrip(view(m)), "\n", "") }
	if !strings.Contains(v, fmt.Sprintf("%d characters", len(big))) || !strings.Contains(joined(), "BBB.sig█") {
		t.Fatalf("a 200 KiB paste does not show its end and its size:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Fatalf("a line of %d cells at 80 columns: %q", w, line)
		}
	}
	press(m, "x") // typing adds at the end of a held paste
	if !strings.Contains(joined(), ".sigx█") {
		t.Errorf("typed text is not added at the end:\n%s", view(m))
	}
	press(m, "backspace")
	press(m, "enter")
	if len(b.subjects) != 1 || b.subjects[0].Pasted != big {
		t.Fatal("the held paste was not inspected whole")
	}
	press(m, "p")
	m.Update(tea.PasteMsg{Content: strings.Repeat("C", maxPaste+10)})
	press(m, "enter")
	if len(b.subjects) != 1 || !strings.Contains(view(m), "512 KiB") {
		t.Errorf("a paste over 512 KiB was not refused in words:\n%s", view(m))
	}
	press(m, "ctrl+u")
	if strings.Contains(view(m), "CCCC") || !strings.Contains(view(m), "0 characters") {
		t.Errorf("ctrl+u did not empty the held paste:\n%s", view(m))
	}
}

// Text held aside goes back into the text area once it is short again, so
// it can be edited anywhere there.
func TestAHeldPasteShortAgainIsEditable(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: strings.Repeat("A", heldPaste) + "BC"})
	press(m, "backspace")
	press(m, "backspace")
	if m.paste.held != "" || m.paste.ta.Value() != strings.Repeat("A", heldPaste) {
		t.Errorf("held %d bytes, text area %d bytes", len(m.paste.held), len(m.paste.ta.Value()))
	}
}

// BenchmarkPasteAreaViewWithAWholeToken is one key and one frame of the
// paste area holding a typical token of about 1.5 KB.
func BenchmarkPasteAreaViewWithAWholeToken(b *testing.B) {
	m := New(Options{Build: (&fakeBuilder{}).build})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(keyMsg("ctrl+p"))
	m.Update(tea.PasteMsg{Content: hostileToken() + strings.Repeat("x", 1200)})
	b.ReportAllocs()
	for b.Loop() {
		m.Update(keyMsg("right"))
		_ = m.View()
	}
}

// reportingPane is a fake Summary that can give a report.
type reportingPane struct {
	fakePane
	rep *report.Report
}

func (p *reportingPane) Report() *report.Report { return p.rep }

func TestWKeyWritesTheReportAndYCopiesIt(t *testing.T) {
	dir := t.TempDir()
	tok := hostileToken()
	m := New(Options{Prefill: demoPrefill(), ReportDir: dir, Now: func() time.Time { return fixedNow },
		Build: func(r *Result, st *Styles) []Pane {
			return []Pane{&reportingPane{fakePane: fakePane{title: "Summary"}, rep: report.ForToken(r.Subject().Pasted, fixedNow)}}
		}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: tok})
	press(m, "enter")
	cmd := press(m, "w")
	if cmd == nil {
		t.Fatal("w gave no command")
	}
	m.Update(cmd())
	files, _ := filepath.Glob(filepath.Join(dir, "rotui-report-*.md"))
	if len(files) != 1 {
		t.Fatalf("report files: %v", files)
	}
	if !strings.Contains(view(m), "Report "+filepath.Base(files[0])+" written in") {
		t.Errorf("the path is not shown:\n%s", view(m))
	}
	body, _ := os.ReadFile(files[0])
	if strings.Contains(string(body), tok) {
		t.Error("the whole token is in the report")
	}
	fi, _ := os.Stat(files[0])
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v", fi.Mode().Perm())
	}
	cmd = press(m, "Y")
	_, clip := m.Update(cmd())
	if clip == nil || !strings.HasPrefix(fmt.Sprint(clip()), "#") {
		t.Error("Y did not copy the report's Markdown")
	}
}

// w's file name can be guessed to the second: a link planted under it in a
// shared folder must not make rotui write the file it points at. The report
// goes to the next free name, and the status line says which.
func TestWKeyNeverWritesThroughALinkPlantedUnderItsName(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir, private := t.TempDir(), t.TempDir()
	victim := filepath.Join(private, "victim.txt")
	if err := os.WriteFile(victim, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	name := report.DefaultFileName(fixedNow)
	if err := os.Symlink(victim, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Prefill: demoPrefill(), ReportDir: dir, Now: func() time.Time { return fixedNow },
		Build: func(r *Result, st *Styles) []Pane {
			return []Pane{&reportingPane{fakePane: fakePane{title: "Summary"}, rep: report.ForToken(r.Subject().Pasted, fixedNow)}}
		}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: hostileToken()})
	press(m, "enter")
	m.Update(press(m, "w")())
	if b, _ := os.ReadFile(victim); string(b) != "mine" {
		t.Errorf("the report was written through the link: the victim's file holds %q", b)
	}
	want := strings.TrimSuffix(name, ".md") + "-2.md"
	if !strings.Contains(view(m), "Report "+want+" written in") {
		t.Errorf("the status line does not name %s:\n%s", want, view(m))
	}
	if b, err := os.ReadFile(filepath.Join(dir, want)); err != nil || !strings.HasPrefix(string(b), "# rotui report") {
		t.Errorf("no report in %s: %v", want, err)
	}
}

func TestAServersErrorCodeCannotDriveTheTerminal(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	evil := &ro.Exchange{Flow: ro.FlowRO, Status: 401, Latency: time.Millisecond,
		Err: &ro.APIError{Status: 401, Code: "\x1b]0;pwned\x07bad\x1b[2J"}}
	m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, ex: evil})
	for _, v := range []string{view(m), m.history.View()} {
		if strings.Contains(v, "\x1b]0;") || strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x07") {
			t.Fatalf("a server's error code reached the screen raw: %q", v)
		}
	}
	m.clearStatus()
	if v := view(m); strings.Contains(v, "\x1b]0;") || strings.Contains(v, "\x07") {
		t.Fatalf("the status summary let it through: %q", v)
	}
}

func TestAProfilesIssuerAndNoticeReachTheResult(t *testing.T) {
	b := &fakeBuilder{}
	m := New(Options{Prefill: demoPrefill(), Build: b.build, ExpectedIssuer: "https://login.acme.com/",
		Notice: "Opened with profile acme.", Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(view(m), "Opened with profile acme.") {
		t.Errorf("no notice:\n%s", view(m))
	}
	press(m, "ctrl+s")
	answer(t, m)
	if b.subjects[0].ExpectedIssuer != "https://login.acme.com/" {
		t.Errorf("subject issuer %q", b.subjects[0].ExpectedIssuer)
	}
}

func TestAPrefilledFormWithoutPasswordStartsOnThePassword(t *testing.T) {
	req := demoPrefill()
	req.Password = ""
	m, _ := newTestModel(t, req)
	if m.form.Focused() != ro.FieldPassword {
		t.Errorf("focus on %s", m.form.Focused())
	}
	m2, _ := newTestModel(t, ro.Request{})
	if m2.form.Focused() != ro.FieldDomain {
		t.Errorf("an empty form starts on %s", m2.form.Focused())
	}
}

func TestPresenterModeMasksUsersTokensAndRebuildsThePanes(t *testing.T) {
	b := &fakeBuilder{}
	req := demoPrefill()
	req.IDToken = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"
	m := New(Options{Prefill: req, Build: b.build, Redact: true, Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if v := view(m); strings.Contains(v, "alice@example.com") || strings.Contains(v, "eyJhbGci") || !strings.Contains(v, "presenter") {
		t.Fatalf("presenter mode shows a user or token on the form:\n%s", v)
	}
	press(m, "ctrl+s")
	if strings.Contains(view(m), "alice@example.com") {
		t.Errorf("the spinner line names the user:\n%s", view(m))
	}
	answer(t, m)
	if !b.subjects[0].Redact {
		t.Error("the panes were not built in presenter mode")
	}
	press(m, fmt.Sprint(len(m.tabs))) // History
	if strings.Contains(view(m), "alice@example.com") {
		t.Errorf("the history names the user:\n%s", view(m))
	}
	press(m, "2")
	press(m, "ctrl+x", "ctrl+x") // presenter mode asks once before it goes
	if len(b.subjects) != 2 || b.subjects[1].Redact || m.active != 1 || m.screen != resultScreen {
		t.Fatalf("ctrl+x did not rebuild the panes on screen without masks, in place (subjects %d, active %d)", len(b.subjects), m.active)
	}
	press(m, "e")
	if !strings.Contains(view(m), "alice@example.com") {
		t.Error("presenter mode off still masks the username")
	}
	press(m, "ctrl+x")
	if m.screen != formScreen || strings.Contains(view(m), "alice@example.com") {
		t.Error("ctrl+x on the form did not mask the username, or left the form")
	}
}

// TestNewPanesAreTickedWithTheTimeTheyArriveNotTheLastTick: a fresh 600 s
// token must not read 10m1s for up to a second.
func TestNewPanesAreTickedWithTheTimeTheyArriveNotTheLastTick(t *testing.T) {
	now := fixedNow
	b := &fakeBuilder{}
	m := New(Options{Prefill: demoPrefill(), Build: b.build, Now: func() time.Time { return now }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(tickMsg{id: m.tickID, now: now})
	now = now.Add(900 * time.Millisecond)
	press(m, "ctrl+s")
	answer(t, m)
	for _, p := range b.sets[0] {
		if !p.lastTick.Equal(now) {
			t.Errorf("%s was ticked at %v, want the moment it arrived, %v", p.title, p.lastTick, now)
		}
	}
}

// TestHelpListsThePaneKeysAndFitsSixtyBySixteen: the keys a pane handles
// itself (/ u R enter) are in ? too, and the whole list fits at 60×16.
// The footer and ? list the keys of the pane on screen, from its own key
// map, and only where they act; the help still fits 60×16.
func TestHelpListsTheActivePanesKeysAndFitsSixtyBySixteen(t *testing.T) {
	m := New(Options{Prefill: demoPrefill(), Now: func() time.Time { return ptNow }})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	press(m, "ctrl+s")
	req, ex := ptExchange()
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	helpOn := func(pane string) string {
		for i, p := range m.tabs {
			if p.Title() == pane {
				m.active = i
			}
		}
		press(m, "?")
		defer press(m, "esc")
		return view(m)
	}
	cases := []struct {
		pane      string
		want, not []string
	}{
		{"Summary", []string{"call /userinfo", "copy raw JSON", "scroll", "ctrl+c"}, []string{"filter claims", "curl secrets", "reopen a call"}},
		{"ID token", []string{"filter claims", "scroll"}, []string{"curl secrets", "reopen a call"}},
		{"Access token", nil, []string{"filter claims"}}, // opaque: no claims to filter
		{"curl", []string{"curl secrets"}, []string{"filter claims"}},
		{"History", []string{"reopen a call"}, []string{"filter claims", "curl secrets"}},
	}
	for _, c := range cases {
		v := helpOn(c.pane)
		for _, want := range c.want {
			if !strings.Contains(v, want) {
				t.Errorf("%s: the help at 60×16 lacks %q:\n%s", c.pane, want, v)
			}
		}
		for _, not := range c.not {
			if strings.Contains(v, not) {
				t.Errorf("%s: the help lists %q, a key that does nothing here:\n%s", c.pane, not, v)
			}
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	press(m, "1")
	if v := ansiStrip(view(m)); strings.Contains(v, "/ filter claims") {
		t.Errorf("the Summary's footer lists the token panes' filter:\n%s", v)
	}
	press(m, "3") // the ID token: its filter key in the footer
	if v := ansiStrip(view(m)); !strings.Contains(v, "/ filter claims") {
		t.Errorf("the footer of the ID token's pane lacks its filter key:\n%s", v)
	}
}

// TestNotSentGoesAwayOnceTheFormIsFixed: the refusal in the status line
// must not linger for seconds after the last field was put right.
func TestNotSentGoesAwayOnceTheFormIsFixed(t *testing.T) {
	req := demoPrefill()
	req.ClientID, req.Connection = "", ""
	m, _ := newTestModel(t, req)
	press(m, "ctrl+s")
	if !strings.Contains(view(m), "Not sent: 2 fields need") {
		t.Fatalf("no refusal in the status line:\n%s", view(m))
	}
	m.form.FocusField(ro.FieldClientID)
	typeText(m, "rotui-demo")
	if !strings.Contains(view(m), "Not sent") {
		t.Errorf("the refusal went away while a field still needs a change:\n%s", view(m))
	}
	m.form.FocusField(ro.FieldConnection)
	typeText(m, "Username-Password-Authentication")
	if strings.Contains(view(m), "Not sent") {
		t.Errorf("the refusal stayed after the last field was fixed:\n%s", view(m))
	}
}

// An answer's result and panes are made in the command that got it
// (decoding, pretty-printing and wrapping a big body), so Update only puts
// them on screen: a key pressed as the answer lands never waits on them.
func TestAnAnswersPanesAreMadeInItsCommand(t *testing.T) {
	srv := sharedDemo(t)
	b := &fakeBuilder{}
	m := New(Options{Prefill: demoRequest(srv.URL), Build: b.build})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	var done loginDoneMsg
	for _, msg := range ptRunCmd(press(m, "ctrl+s")) {
		if d, ok := msg.(loginDoneMsg); ok {
			done = d
		}
	}
	if done.prepared == nil || len(b.sets) != 1 {
		t.Fatalf("the command made no panes (%d sets)", len(b.sets))
	}
	if p := b.sets[0][0]; p.w != 100 || p.h == 0 {
		t.Errorf("the panes were not laid out for the screen in the command: %dx%d", p.w, p.h)
	}
	m.Update(done)
	if len(b.sets) != 1 {
		t.Errorf("Update built the panes again (%d sets)", len(b.sets))
	}
	if len(m.tabs) == 0 || m.tabs[0] != done.prepared.panes[0] {
		t.Error("the panes on screen are not the ones the command made")
	}
}

// The way to the full help stays at the right end of the footer at every
// width from 60: other hints go first.
func TestTheHelpKeyStaysInEveryFooter(t *testing.T) {
	for _, w := range []int{60, 72, 100, 120} {
		for _, screen := range []string{"form", "panes", "paste"} {
			m, _ := newTestModel(t, demoPrefill())
			m.Update(tea.WindowSizeMsg{Width: w, Height: 30})
			switch screen {
			case "panes":
				press(m, "ctrl+s")
				answer(t, m)
			case "paste":
				press(m, "ctrl+p")
			}
			lines := strings.Split(ansiStrip(view(m)), "\n")
			foot := strings.TrimRight(lines[len(lines)-1], " ")
			if !strings.Contains(foot, "help") || !strings.HasSuffix(foot, "quit") {
				t.Errorf("%s at %d columns: the footer %q does not end with help and quit", screen, w, foot)
			}
			if cw := ansi.StringWidth(foot); cw > w {
				t.Errorf("%s at %d columns: the footer is %d cells wide", screen, w, cw)
			}
		}
	}
}

// realAnswer sends the form and answers with the fixture's exchange, on the
// real panes.
func realAnswer(t *testing.T) *Model {
	t.Helper()
	m := New(Options{Prefill: demoPrefill(), Now: func() time.Time { return ptNow }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	press(m, "ctrl+s")
	req, ex := ptExchange()
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	return m
}

// On the panes, esc closes what is open and otherwise does nothing: after
// "/", a filter and esc, a second esc must not open the form with its
// cursor in a field (the masked client secret, say) where the next keys
// would land unseen.
func TestEscOnThePanesNeverOpensTheForm(t *testing.T) {
	m := realAnswer(t)
	press(m, "3", "/")
	typeText(m, "email")
	press(m, "esc", "esc", "1", "l")
	if m.screen != resultScreen {
		t.Fatalf("esc left the panes for screen %d", m.screen)
	}
	if r := m.form.Request(); r.Domain != demoPrefill().Domain || r.ClientID != demoPrefill().ClientID {
		t.Errorf("keys pressed on the panes reached the form: %+v", r)
	}
	if m.tabs[m.active].Title() != "Summary" {
		t.Errorf("1 did not go to the Summary: on %q", m.tabs[m.active].Title())
	}
	press(m, "e")
	if m.screen != formScreen {
		t.Error("e does not go to the form")
	}
}

// r sends again and keeps the pane the person was on.
func TestSendingAgainKeepsThePane(t *testing.T) {
	m := realAnswer(t)
	press(m, "3")
	press(m, "r")
	req, ex := ptExchange()
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	if got := m.tabs[m.active].Title(); got != "ID token" {
		t.Errorf("after r the pane is %q, want the ID token's", got)
	}
}

// m says why it does not send the login through realm after a refused
// password (it would count towards the lock), and
// ctrl+r says why it reveals nothing in presenter mode.
func TestKeysThatCannotActSayWhy(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, ex: &ro.Exchange{Flow: ro.FlowRO, Status: 401,
		Err: &ro.APIError{Status: 401, Code: "invalid_user_password"}}})
	press(m, "m")
	if v := ansiStrip(view(m)); !strings.Contains(v, "The realm login was not sent: /oauth/ro refused this login") {
		t.Errorf("m after a 401 says nothing:\n%s", v)
	}
}

// Focus in a masked field says that typing there is hidden.
func TestAMaskedFieldSaysTypingIsHidden(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	m.form.FocusField(ro.FieldPassword)
	if v := ansiStrip(view(m)); !strings.Contains(v, "Typing here is hidden; ctrl+r shows it.") {
		t.Errorf("the password field does not say typing is hidden:\n%s", v)
	}
	m.form.FocusField(ro.FieldUsername)
	if v := ansiStrip(view(m)); strings.Contains(v, "Typing here is hidden") {
		t.Errorf("the username field says typing is hidden:\n%s", v)
	}
}

// History rows say which client a call used, and a pasted token's kind and
// whether it had expired, not "JWS".
func TestHistoryRowsSayClientKindAndExpiry(t *testing.T) {
	m := realAnswer(t) // a login with client rotui-demo
	expired := ptJWT(`{"alg":"RS256"}`, `{"sub":"auth0|9","azp":"support-tool","exp":`+itoa(int(ptNow.Add(-time.Hour).Unix()))+`}`)
	press(m, "p")
	m.Update(tea.PasteMsg{Content: expired})
	press(m, "enter")
	press(m, fmt.Sprint(len(m.tabs))) // History
	v := ansiStrip(view(m))
	for _, want := range []string{"rotui-demo", "auth0|9 · support-tool", "JWT, expired"} {
		if !strings.Contains(v, want) {
			t.Errorf("the History lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "JWS") {
		t.Errorf("the History says JWS:\n%s", v)
	}
}

// Filling in the client secret checks the HS256 ID token on screen again
// when the panes come back (esc from the form), with no need to send or
// paste again.
func TestFillingTheClientSecretRechecksTheTokens(t *testing.T) {
	m := New(Options{Prefill: demoPrefill(), Now: func() time.Time { return ptNow }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	press(m, "ctrl+s")
	req, ex := ptExchange()
	tr := *ex.Tokens
	tr.IDToken = ptJWT(`{"alg":"HS256","typ":"JWT"}`, ptIDClaims())
	ex.Tokens = &tr
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	id := m.shown.result.Inspection().Token(inspect.RoleID)
	if id.Plan.NoKey == "" {
		t.Fatal("an HS256 ID token without the secret has a key to check it with")
	}
	press(m, "e")
	m.form.FocusField("client_secret")
	typeText(m, "s3cret")
	cmd := press(m, "esc")
	if m.screen != resultScreen || cmd == nil {
		t.Fatalf("esc from the form did not go back to the panes and check again (screen %d)", m.screen)
	}
	id = m.shown.result.Inspection().Token(inspect.RoleID)
	if id.Plan.NoKey != "" || string(id.Plan.Options.Secret) != "s3cret" {
		t.Errorf("the ID token is not checked with the new secret: %+v", id.Plan)
	}
	for _, msg := range ptRunCmd(cmd) {
		m.Update(msg)
	}
	if v := ansiStrip(view(m)); !strings.Contains(v, "checked again") {
		t.Errorf("the status does not say the tokens were checked again:\n%s", v)
	}
}

// The status line's "Copied …" goes when the person leaves the pane it
// speaks of.
func TestTheCopyStatusGoesWithItsPane(t *testing.T) {
	m := realAnswer(t)
	press(m, "3", "c")
	if v := ansiStrip(view(m)); !strings.Contains(v, "Copied the") {
		t.Fatalf("c on the ID token said nothing:\n%s", v)
	}
	press(m, "4")
	if v := ansiStrip(view(m)); strings.Contains(v, "Copied the") {
		t.Errorf("the copy status stayed on another pane:\n%s", v)
	}
}

// After unauthorized_client for the legacy grant, m sends the same login
// through the realm flow, as after a 404.
func TestMAfterUnauthorizedClientSendsTheRealmFlow(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, ex: &ro.Exchange{Flow: ro.FlowRO, Status: 403,
		Err: &ro.APIError{Status: 403, Code: "unauthorized_client", SuggestRealm: true}}})
	if v := ansiStrip(view(m)); !strings.Contains(v, "m sends the same login through it") {
		t.Errorf("the status does not offer m:\n%s", v)
	}
	press(m, "m")
	if m.call == nil || flowOf(m.call.req) != ro.FlowRealm {
		t.Error("m did not send the login through the realm flow")
	}
}

// The demo list picks with ↑↓, and enter fills the form: a user's e-mail
// and password, or a client's ID.
func TestTheDemoListFillsTheForm(t *testing.T) {
	demo := &Demo{URL: "http://127.0.0.1:9", Entries: []DemoLine{
		{Who: "alice@example.com", Password: "wonderland", Shows: "logs in"},
		{Who: "mfa@example.com", Password: "wonderland", Shows: "MFA"},
		{Who: "rotui-no-ro", Shows: "unauthorized_client"},
		{Who: "any of them", Password: "(wrong)", Shows: "401"},
	}}
	m := New(Options{Prefill: ro.Request{Domain: "http://127.0.0.1:9"}, Demo: demo})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(m, "ctrl+d", "down", "enter")
	r := m.form.Request()
	if r.Username != "mfa@example.com" || r.Password != "wonderland" || m.overlay != noOverlay || m.screen != formScreen {
		t.Errorf("enter on the second row filled %q / %q (overlay %d)", r.Username, r.Password, m.overlay)
	}
	press(m, "ctrl+d", "up", "enter") // from the second row up to the first: the cursor stays where it was
	if r := m.form.Request(); r.Username != "alice@example.com" {
		t.Errorf("up then enter filled %q", r.Username)
	}
	press(m, "ctrl+d", "up", "enter") // up from the first wraps to the last: a row that describes, not a user
	if r := m.form.Request(); r.Username != "alice@example.com" || r.Password != "wonderland" || m.overlay != demoOverlay {
		t.Errorf("the describing row filled user %q / %q", r.Username, r.Password)
	}
	press(m, "up", "enter")
	if r := m.form.Request(); r.ClientID != "rotui-no-ro" || r.Username != "alice@example.com" {
		t.Errorf("the client row filled client %q, user %q", r.ClientID, r.Username)
	}
}

// Every field of the form is two keys away: ctrl+g, then its letter (the
// foot lists them); the letter is typed nowhere.
func TestEveryFieldIsTwoKeysAway(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	m.form.FocusField(ro.FieldFlow)
	press(m, "ctrl+g")
	v := ansiStrip(view(m))
	if !strings.Contains(v, "Go to: d Domain") {
		t.Fatalf("ctrl+g does not list the fields' letters:\n%s", v)
	}
	press(m, "d")
	if m.form.Focused() != ro.FieldDomain || m.form.Request().Domain != demoPrefill().Domain {
		t.Errorf("ctrl+g d: focus on %q, domain %q", m.form.Focused(), m.form.Request().Domain)
	}
	letters := m.form.jumpLetters()
	for i, fld := range m.form.fields {
		m.form.FocusField(ro.FieldDomain)
		press(m, "ctrl+g", string(letters[i]))
		if m.form.Focused() != fld.key {
			t.Errorf("ctrl+g %c went to %q, not %q", letters[i], m.form.Focused(), fld.key)
		}
	}
	press(m, "ctrl+g", "esc")
	if m.form.GoingTo() || m.screen != formScreen {
		t.Error("esc after ctrl+g did not just stay")
	}
}

// Pane numbers are fixed (DESIGN.md, "Keys"): 1 Summary … 9 History
// whatever came back. A place whose pane does not apply is dimmed and says
// why when chosen; tab passes over it; a pasted token's pane takes the
// number of its kind.
func TestPaneNumbersAreFixed(t *testing.T) {
	m := realAnswer(t) // every pane but /userinfo and → realm (off in this session)
	want := []string{"Summary", "Access token", "ID token", "Refresh token", "Raw", "curl", "/userinfo", "→ realm", "History"}
	for i, title := range want {
		press(m, fmt.Sprint(i+1))
		if got := m.tabs[m.active].Title(); got != title {
			t.Errorf("%d goes to %q, want %q", i+1, got, title)
		}
	}
	press(m, "7")
	if v := ansiStrip(view(m)); !strings.Contains(v, "/userinfo is not offered in this session") {
		t.Errorf("7 on a result without /userinfo does not say why:\n%s", v)
	}
	press(m, "6", "tab")
	if got := m.tabs[m.active].Title(); got != "History" {
		t.Errorf("tab from curl went to %q, not past the missing panes to History", got)
	}

	// A pasted ID token: its pane is 3; 2 says why it is empty.
	press(m, "p")
	m.Update(tea.PasteMsg{Content: ptIDToken()})
	press(m, "enter", "3")
	if got := m.tabs[m.active].Title(); got != "Pasted ID token" {
		t.Errorf("3 on a pasted ID token shows %q", got)
	}
	press(m, "2")
	if v := ansiStrip(view(m)); !strings.Contains(v, "A pasted token has one pane, numbered as its kind") {
		t.Errorf("2 on a pasted ID token does not say why it is empty:\n%s", v)
	}
	press(m, "9")
	if m.tabs[m.active] != Pane(m.history) {
		t.Error("9 is not the History")
	}
}

// The paste area keeps the last token: changing what to expect and pressing
// enter checks it again, with no need to paste it once more; a paste
// replaces it.
func TestThePasteAreaKeepsTheLastToken(t *testing.T) {
	m, b := newTestModel(t, demoPrefill())
	first, second := ptIDToken(), ptJWT(`{"alg":"RS256"}`, `{"sub":"other"}`)
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: first})
	press(m, "enter", "p")
	if v := ansiStrip(view(m)); !strings.Contains(v, "the last token: enter checks it again") {
		t.Errorf("the paste area does not say it kept the last token:\n%s", v)
	}
	press(m, "enter")
	if len(b.subjects) != 2 || b.subjects[1].Pasted != first {
		t.Fatalf("enter did not inspect the kept token again (%d results)", len(b.subjects))
	}
	press(m, "p")
	m.Update(tea.PasteMsg{Content: second})
	press(m, "enter")
	if len(b.subjects) != 3 || b.subjects[2].Pasted != second {
		t.Errorf("a paste did not replace the kept token: %q", b.subjects[len(b.subjects)-1].Pasted)
	}
}

// Changing the audience to expect on the form checks the answer on screen
// again when the panes come back (outside the ro flow, which sends none).
func TestChangingTheAudienceRechecks(t *testing.T) {
	m := realAnswer(t)
	press(m, "e")
	if cmd := press(m, "esc"); cmd != nil {
		t.Error("coming back with nothing changed checked again")
	}
	press(m, "e")
	m.form.SetFlow(ro.FlowRealm) // the audience is sent beyond the ro flow
	m.form.SetValue(ro.FieldAudience, "https://api.example.com/")
	press(m, "esc")
	if got := m.shown.result.Subject().Request.Audience; got != "https://api.example.com/" {
		t.Errorf("the result expects the audience %q", got)
	}
	if v := ansiStrip(view(m)); !strings.Contains(v, "checked again") {
		t.Errorf("nothing says the tokens were checked again:\n%s", v)
	}
}
