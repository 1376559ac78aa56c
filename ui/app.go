// Package ui is rotui's terminal program: the form, the call in flight, the
// tabs of result panes, the history and the paste area. Model is its only
// tea.Model.
package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// Options are what the program starts with.
type Options struct {
	Prefill      ro.Request // the form's first values; Prefill.Insecure allows plain http (and warns)
	ClientSecret string     // the client-secret field's first value (never sent)
	SecretBase64 bool
	Client       *ro.Client       // nil: ro.NewClient(ro.ClientOptions{})
	Demo         *Demo            // non-nil in --demo: its overlay is one key away
	Now          func() time.Time // nil: time.Now
	Redact       bool             // presenter mode: panes keep tokens, emails and secrets masked
	ReportDir    string           // where w writes reports; "" is the working directory
	// ExpectedIssuer is the iss to expect behind a custom domain (a
	// profile's issuer); empty: the domain's.
	ExpectedIssuer string
	Notice         string // a first word in the status line (which profile the form came from)
	// NoticeIsError shows Notice as an error (a config file that could not
	// be read, named with its line), and for longer.
	NoticeIsError bool
	// ConfigWarnings are what the config file's own checks found odd when
	// it was read at the start (config.File.Warnings): a file others can
	// read, a key that looks like a secret… The status line says so first.
	ConfigWarnings []config.Warning
	// ConfigPath is the config file of saved profiles for the picker
	// (ctrl+o); empty turns the picker off.
	ConfigPath string
	UserInfo   bool // a /userinfo pane after an answer with an access token (Subject.UserInfo)
	Migration  bool // a "→ realm" pane after an ro-flow answer (Subject.Migration)
	// Build gives a result its panes; nil means BuildPanes. Tests may
	// substitute their own.
	Build func(*Result, *Styles) []Pane
}

// screen is what has the keyboard.
type screen int

const (
	formScreen screen = iota
	resultScreen
	pasteScreen
)

// overlay is drawn over the body and takes every key but ctrl+c.
type overlay int

const (
	noOverlay overlay = iota
	helpOverlay
	demoOverlay
	profileOverlay
	copyOverlay    // which token c copies, on a pane with several
	compareOverlay // which result d compares the one on screen with
)

// maxEntries is how many results keep their panes; older ones are let go.
const maxEntries = 100

// entry is one result: a call or a pasted token, with its panes, built once.
type entry struct {
	id     int
	result *Result // owned here: commands' answers are applied to it by id
	panes  []Pane
	styled *Styles // the styles its panes were last given
	// compare is the comparison opened from this result (d, m): its tab 0.
	compare *comparePane
}

// Model is the root of the program: it owns the form, the call in flight,
// every result's panes, the history and the paste area, and is the only
// thing that returns a tea.View.
type Model struct {
	keys    KeyMap
	st      *Styles
	profile colorprofile.Profile
	lay     layout
	client  *ro.Client
	build   func(*Result, *Styles) []Pane
	demo    *Demo
	redact  bool
	repDir  string
	issuer  string
	cfgPath string
	extras  Subject // the UserInfo and Migration switches every subject gets
	nowFn   func() time.Time
	now     time.Time // the last tick

	screen  screen
	back    screen // where esc leaves the paste area for
	overlay overlay

	form     *Form
	paste    *pasteArea
	history  *History
	help     help.Model
	profiles *profilePicker

	entries  []*entry
	entrySeq int
	shown    *entry
	tabs     []Pane // the shown entry's panes, then the history
	active   int

	call    *call
	callSeq int
	spinner spinner.Model
	elapsed time.Duration

	home       string // the person's home folder, written ~ in presenter mode
	demoCursor int    // the demo list's row under the cursor
	copiedOn   Pane   // the pane the status line says something was copied from

	picker    *copyPicker    // the tokens c offers, while copyOverlay is open
	comparing *comparePicker // the results d offers, while compareOverlay is open

	// confirmRedactOff is set by a first ctrl+x in presenter mode: the next
	// key turns it off if it is ctrl+x again, and forgets it otherwise.
	confirmRedactOff bool
	// confirm is a question waiting in the status line (X: revoke?); the
	// next key answers it.
	confirm *confirmation

	status      string
	statusErr   bool
	statusUntil time.Time
	refused     bool // the status says the form was not sent: cleared once it may be

	tickID int

	tabsCache struct {
		key  tabsKey
		line string
	}
	helpCache struct {
		key  shortHelpKey
		line string
	}
	statusCache struct {
		text string
		w    int
		rows []string // the status's lines at w
		cut  bool     // the text needed more than maxStatusLines
	}
}

// New returns the program's model, the form filled from o.Prefill.
func New(o Options) *Model {
	st := NewStyles(true)
	m := &Model{
		keys:    DefaultKeyMap(),
		st:      st,
		profile: colorprofile.TrueColor,
		client:  o.Client,
		build:   o.Build,
		demo:    o.Demo,
		redact:  o.Redact,
		repDir:  o.ReportDir,
		issuer:  o.ExpectedIssuer,
		cfgPath: o.ConfigPath,
		extras:  Subject{UserInfo: o.UserInfo, Migration: o.Migration},
		nowFn:   o.Now,
		help:    newHelp(st),
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot)),
		tickID:  1,
	}
	if m.client == nil {
		m.client = ro.NewClient(ro.ClientOptions{})
	}
	if m.build == nil {
		m.build = BuildPanes
	}
	if m.nowFn == nil {
		m.nowFn = time.Now
	}
	m.home, _ = os.UserHomeDir()
	m.now = m.nowFn()
	m.form = NewForm(o.Prefill, o.ClientSecret, o.SecretBase64, st)
	if o.Prefill.Domain != "" && o.Prefill.Password == "" {
		m.form.FocusField(ro.FieldPassword) // a profile: what is left to type is the password
	}
	m.paste = newPasteArea(st)
	m.history = NewHistory(st)
	m.profiles = newProfilePicker(st)
	m.setStyles(st)
	if o.Redact {
		m.form.SetRedact(true)
		m.history.redact = true
		m.paste.redact = true
	}
	switch {
	case len(o.ConfigWarnings) > 0:
		m.setStatus(strings.TrimSpace(configWarningsStatus(o.ConfigWarnings)+" "+o.Notice), true)
	case o.Notice != "":
		m.setStatus(o.Notice, o.NoticeIsError)
	}
	return m
}

func (m *Model) clock() time.Time { return m.nowFn() }

// Init asks for the background colour and starts the one countdown loop.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.tick())
}

// tick arms the next beat of the countdown loop m.tickID, on the next
// whole second of the clock, so that every countdown turns with it.
func (m *Model) tick() tea.Cmd {
	id := m.tickID
	return tea.Every(time.Second, func(t time.Time) tea.Msg { return tickMsg{id: id, now: t} })
}

// Update is the one place the model changes. It hands each family of
// messages to its own method: what the person does, the terminal, the two
// clocks, and what the commands bring back.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	// The person.
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.PasteMsg:
		cmd = m.handlePaste(msg)

	// The terminal.
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		m.setStyles(NewStyles(msg.IsDark()))
	case tea.ColorProfileMsg:
		m.profile = msg.Profile

	// The clocks.
	case tickMsg:
		cmd = m.countdownTick(msg)
	case spinner.TickMsg:
		cmd = m.spinnerTick(msg)

	// What the commands bring back.
	case loginDoneMsg:
		cmd = m.finishCall(msg)
	case verifiedMsg, userinfoMsg:
		m.applyToResult(msg)
	case tokeninfoMsg:
		m.applyToResult(msg)
		m.tokeninfoDone(msg)
	case refreshDoneMsg:
		cmd = m.finishRefresh(msg)
	case revokeDoneMsg:
		m.revokeDone(msg)
	case codeSentMsg:
		m.codeSent(msg)
	case historyChooseMsg:
		cmd = m.chooseHistory(msg)
	case profilesLoadedMsg:
		m.profilesLoaded(msg)
	case profileSavedMsg:
		m.profileSaved(msg)
	case reportDoneMsg:
		cmd = m.reportDone(msg)
	case pemReadMsg:
		cmd = m.pemRead(msg)

	default:
		cmd = m.toOpenInput(msg)
	}
	m.fitStatus()
	return m, cmd
}

// applyToResult gives a command's answer (a verification, a /userinfo
// call) to the result it names; its panes show it when they next draw. The
// result may be gone (more than maxEntries ago).
func (m *Model) applyToResult(msg tea.Msg) {
	if id, ok := resultOf(msg); ok {
		if e := m.entry(id); e != nil {
			e.result.Apply(msg)
		}
	}
}

// toOpenInput gives a message no case claimed (a text cursor's) to the
// form or the paste area, when one is open.
func (m *Model) toOpenInput(msg tea.Msg) tea.Cmd {
	switch m.screen {
	case formScreen:
		return m.updateForm(msg)
	case pasteScreen:
		return m.paste.Update(msg)
	}
	return nil
}

// countdownTick is one beat of the countdown loop: the panes turn their
// countdowns, an old status message goes, and the loop is re-armed.
func (m *Model) countdownTick(msg tickMsg) tea.Cmd {
	if msg.id != m.tickID {
		return nil // a stray loop: let it die
	}
	m.now = msg.now
	for _, p := range m.tabs {
		p.Tick(msg.now)
	}
	if m.status != "" && !m.statusUntil.IsZero() && msg.now.After(m.statusUntil) {
		m.clearStatus()
	}
	return m.tick()
}

// spinnerTick turns the spinner of the call in flight and its clock; a
// tick of another spinner goes on to whoever owns it.
func (m *Model) spinnerTick(msg spinner.TickMsg) tea.Cmd {
	if msg.ID != m.spinner.ID() {
		return nil // no other spinner runs
	}
	if m.call == nil {
		return nil // the call is over: let the spinner stop
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	if !msg.Time.IsZero() {
		m.elapsed = msg.Time.Sub(m.call.started)
	}
	return cmd
}

// chooseHistory shows an earlier result again, or says why it cannot.
func (m *Model) chooseHistory(msg historyChooseMsg) tea.Cmd {
	if e := m.entry(msg.id); e != nil {
		m.setStatus("Showing an earlier result again.", false)
		m.showEntry(e)
		return m.recheck(e)
	} else if msg.id == 0 {
		m.setStatus("That call was cancelled: nothing came back to show.", true)
	} else {
		m.setStatus(fmt.Sprintf("Only the last %d results are kept: send that call again to see it.", maxEntries), true)
	}
	return nil
}

// handleKey sends a key to what has the keyboard, after the keys that work
// everywhere.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.Quit) {
		if m.call != nil {
			m.call.cancel()
		}
		return tea.Quit
	}
	if m.confirm != nil {
		return m.confirmKey(msg)
	}
	if m.overlay == profileOverlay {
		return m.profileKey(msg)
	}
	if m.overlay == copyOverlay {
		return m.pickerKey(msg)
	}
	if m.overlay == compareOverlay {
		return m.comparePickKey(msg)
	}
	if m.overlay == demoOverlay && m.demoKey(msg) {
		return nil
	}
	if m.overlay != noOverlay {
		if key.Matches(msg, k.Back, k.Help, k.Demo, k.QuitSoft) {
			m.overlay = noOverlay
		}
		return nil
	}
	if m.call != nil && key.Matches(msg, k.Back) {
		m.cancelCall()
		return nil
	}
	if msg.String() == "f1" {
		m.overlay = helpOverlay
		return nil
	}
	if key.Matches(msg, k.Redact) {
		switch {
		case !m.redact:
			return m.setRedact(true)
		case m.confirmRedactOff:
			m.confirmRedactOff = false
			return m.setRedact(false)
		}
		// On a shared screen, one stray key must not show everything.
		m.confirmRedactOff = true
		m.setStatus("Presenter mode stays on: ctrl+x again shows names, tokens and secrets on screen.", true)
		return nil
	}
	m.confirmRedactOff = false
	if m.demo != nil && key.Matches(msg, k.Demo) {
		m.overlay = demoOverlay
		return nil
	}
	switch m.screen {
	case formScreen:
		return m.formKey(msg)
	case pasteScreen:
		return m.pasteKey(msg)
	}
	return m.resultKey(msg)
}

func (m *Model) formKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.form.GoingTo() {
		// The key after ctrl+g picks a field and is typed nowhere.
		if r := []rune(msg.Text); len(r) != 1 || !m.form.GoTo(r[0]) {
			m.form.GoTo(0)
			if !key.Matches(msg, k.Back) {
				m.setStatus("No field has that letter: ctrl+g shows the letters again.", true)
			}
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.GoTo):
		m.form.StartGoTo()
		return nil
	case key.Matches(msg, k.Send):
		return m.send()
	case key.Matches(msg, k.CodeForm):
		return m.sendCode()
	case key.Matches(msg, k.NextItem, k.Down, k.Enter):
		m.form.Next()
	case key.Matches(msg, k.PrevItem, k.Up):
		m.form.Prev()
	case key.Matches(msg, k.Reveal) && m.redact && !m.form.Revealed():
		// On a shared screen nothing is shown in clear; ctrl+x leaves presenter mode first.
		m.setStatus("Presenter mode: secrets stay masked on screen (ctrl+x leaves presenter mode).", true)
	case key.Matches(msg, k.Reveal):
		m.form.ToggleReveal()
		if m.form.Revealed() {
			m.setStatus("Secrets shown in clear: ctrl+r masks them again.", false)
		} else {
			m.setStatus("Secrets masked.", false)
		}
	case key.Matches(msg, k.Paste):
		return m.openPaste()
	case key.Matches(msg, k.Profiles):
		return m.openProfiles()
	case key.Matches(msg, k.Back):
		if m.shown != nil {
			m.setScreen(resultScreen)
			return m.recheck(m.shown)
		}
	default:
		return m.updateForm(msg)
	}
	return nil
}

func (m *Model) pasteKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.InspectPaste):
		return m.inspect()
	case key.Matches(msg, m.keys.Back):
		m.paste.close()
		m.setScreen(m.back)
		return nil
	case key.Matches(msg, m.keys.NextItem, m.keys.PrevItem):
		return m.paste.next(key.Matches(msg, m.keys.PrevItem))
	}
	return m.paste.Update(msg)
}

func (m *Model) resultKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if len(m.tabs) == 0 {
		m.setScreen(formScreen)
		return nil
	}
	p := m.tabs[m.active]
	if c, ok := p.(Capturer); ok && c.Capturing() {
		return m.toActive(msg)
	}
	switch {
	case key.Matches(msg, k.QuitSoft):
		if m.call != nil {
			m.call.cancel()
		}
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.overlay = helpOverlay
	case key.Matches(msg, k.Compared):
		m.toComparison()
	case key.Matches(msg, k.Pane):
		if i := int(msg.String()[0] - '1'); i < len(m.tabs) {
			m.switchPane(i)
		}
	case key.Matches(msg, k.NextItem):
		m.switchPane(m.nextPane(1))
	case key.Matches(msg, k.PrevItem):
		m.switchPane(m.nextPane(-1))
	case key.Matches(msg, k.Edit):
		m.setScreen(formScreen)
	case key.Matches(msg, k.Back):
		// Nothing is open here: esc does nothing, so a second esc after
		// closing a filter never lands the next keys in a field unseen.
	case key.Matches(msg, filterKey) && !hasKey(p.Keys(), filterKey):
		m.setStatus(noFilterWhy(p), true)
	default:
		if cmd, ok := m.actionKey(msg); ok {
			return cmd
		}
		if i, ok := p.(Idler); ok {
			if why := i.Idle(msg); why != "" {
				m.setStatus(why, true)
				return nil
			}
		}
		return m.toActive(msg)
	}
	return nil
}

// actionKey runs what a key asks of the result on screen (send it again,
// paste, compare, copy, report, a call of the session); ok is false when
// the key asks none of these, and the pane may take it.
func (m *Model) actionKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Resend, k.Send):
		return m.send(), true
	case key.Matches(msg, k.Inspect, k.Paste):
		return m.openPaste(), true
	case key.Matches(msg, k.Realm) && suggestsRealm(m.shown):
		m.form.SetFlow(ro.FlowRealm)
		return m.send(), true
	case key.Matches(msg, k.Realm) && m.shown != nil:
		return m.compareRealm(), true
	case key.Matches(msg, k.Compare) && m.shown != nil:
		return m.openComparePicker(), true
	case key.Matches(msg, k.Profiles):
		return m.openProfiles(), true // choosing one goes back to the form, filled
	case key.Matches(msg, k.Report):
		return m.writeReport(false), true
	case key.Matches(msg, k.CopyRep):
		return m.writeReport(true), true
	case key.Matches(msg, k.CopyToken):
		return m.copy(false), true
	case key.Matches(msg, k.CopyJSON):
		return m.copy(true), true
	case key.Matches(msg, k.UserInfo) && m.shown != nil:
		return m.callUserinfo(), true
	case key.Matches(msg, k.MFACode):
		return m.enterMFACode(), true
	case key.Matches(msg, k.SendCode):
		return m.sendCode(), true
	case key.Matches(msg, k.Refresh):
		return m.refresh(false), true
	case key.Matches(msg, k.RefreshPass):
		return m.refresh(true), true
	case key.Matches(msg, k.Revoke):
		return m.askRevoke(), true
	case key.Matches(msg, k.TokenInfo) && m.shown != nil:
		return m.callTokenInfo(), true
	}
	return nil, false
}

// filterKey is /, the token panes' claim filter.
var filterKey = DefaultPaneKeys().Filter

// hasKey reports whether keys list b (by its help key: the footer's).
func hasKey(keys []key.Binding, b key.Binding) bool {
	for _, k := range keys {
		if k.Help().Key == b.Help().Key {
			return true
		}
	}
	return false
}

// noFilterWhy says why / does nothing on pane p: only a token's pane with
// claims has a filter.
func noFilterWhy(p Pane) string {
	if _, ok := p.(*tokenPane); ok {
		return "/ filters the claims: this token has none to filter."
	}
	return "/ filters a token's claims, on the token's own pane (2 access token, 3 ID token): the " + p.Title() + " pane has no filter."
}

// nextPane is the next pane that applies, by dir (1 or -1), wrapping:
// tab and shift+tab pass over the places of panes a result has not.
func (m *Model) nextPane(dir int) int {
	n := len(m.tabs)
	for i, j := 1, m.active; i <= n; i++ {
		j = (m.active + dir*i + n) % n
		if !isMissing(m.tabs[j]) {
			return j
		}
	}
	return m.active
}

// switchPane makes pane i the active one. What the status said about
// copying from the pane left behind goes with it: "Copied the token from
// the ID token pane" would read as about the pane now on screen.
func (m *Model) switchPane(i int) {
	if m.copiedOn != nil && m.tabs[i] != m.copiedOn {
		m.clearStatus()
		m.copiedOn = nil
	}
	m.active = i
}

// demoKey moves the demo list's cursor (↑/↓) and fills the form with the
// row under it (enter): a user's e-mail and password, or a client's ID.
// False for a key the list does not take.
func (m *Model) demoKey(msg tea.KeyPressMsg) bool {
	n := len(m.demo.Entries)
	switch {
	case n == 0:
		return false
	case key.Matches(msg, m.keys.Up):
		m.demoCursor = (m.demoCursor + n - 1) % n
	case key.Matches(msg, m.keys.Down):
		m.demoCursor = (m.demoCursor + 1) % n
	case key.Matches(msg, m.keys.Enter):
		e := m.demo.Entries[m.demoCursor]
		if strings.HasPrefix(e.Password, "(") {
			m.setStatus("That row tells what every user does: choose a user, a connection or a client.", true)
			return true
		}
		switch {
		case e.Password != "":
			m.form.FillUser(e.Connection, e.Who, e.Password)
			m.setStatus("Filled in "+e.Who+": ctrl+s sends.", false)
		case e.isConnection():
			m.form.SetValue(ro.FieldConnection, e.Connection)
			m.setStatus("Connection "+e.Connection+" in the form: ctrl+s sends.", false)
		default:
			m.form.SetValue(ro.FieldClientID, e.Who)
			m.setStatus("Client "+e.Who+" in the form: ctrl+s sends.", false)
		}
		m.overlay = noOverlay
		m.setScreen(formScreen)
	default:
		return false
	}
	return true
}

// callUserinfo calls /userinfo with the access token of the result on
// screen, from any of its panes, or says why it cannot.
func (m *Model) callUserinfo() tea.Cmd {
	r := m.shown.result
	switch {
	case r.userinfo == nil && r.subject.Exchange == nil:
		m.setStatus("A pasted token has no tenant to call /userinfo on: log in to call it.", true)
	case r.userinfo == nil && (r.subject.Exchange.Tokens == nil || r.subject.Exchange.Tokens.AccessToken == ""):
		m.setStatus("No access token came back, so /userinfo cannot be called.", true)
	case r.userinfo == nil:
		m.setStatus("/userinfo is not offered in this session.", true)
	case r.userinfo.calling:
		m.setStatus("/userinfo is being called already.", false)
	default:
		m.setStatus("Calling /userinfo with the access token; its pane shows the answer.", false)
		return r.startUserinfo()
	}
	return nil
}

// suggestsRealm is true when e is /oauth/ro's 404: the tenant has the
// legacy endpoint off and the realm flow is the way forward.
func suggestsRealm(e *entry) bool {
	if e == nil || e.result.subject.Exchange == nil {
		return false
	}
	var api *ro.APIError
	return errors.As(e.result.subject.Exchange.Err, &api) && api.SuggestRealm
}

// toActive gives a key to the active pane only.
func (m *Model) toActive(msg tea.Msg) tea.Cmd {
	if m.tabs[m.active] == Pane(m.history) {
		return m.history.Update(msg) // the history's messages are the root's own
	}
	if m.shown == nil {
		return nil
	}
	return m.tabs[m.active].Update(msg)
}

// handlePaste puts pasted text where it belongs: the field or area being
// typed in, a pane taking text, or (on the panes) a new paste area.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if m.overlay != noOverlay || m.confirm != nil {
		return nil
	}
	switch m.screen {
	case formScreen:
		return m.updateForm(msg)
	case pasteScreen:
		return m.paste.Update(msg)
	}
	if len(m.tabs) > 0 {
		if c, ok := m.tabs[m.active].(Capturer); ok && c.Capturing() {
			return m.toActive(msg)
		}
	}
	cmd := m.openPaste()
	m.paste.Update(msg)
	return cmd
}

func (m *Model) openPaste() tea.Cmd {
	if m.screen != pasteScreen {
		m.back = m.screen
	}
	m.setScreen(pasteScreen)
	return m.paste.open()
}

// inspect shows the pasted token in the same panes as a login's tokens,
// checked against what the fields under the paste area expect; a PEM key
// is read from its file first, in a command.
func (m *Model) inspect() tea.Cmd {
	if m.paste.Curl() {
		return m.fillFromCurl()
	}
	tok, err := m.paste.Token()
	if err == nil {
		var e pasteExpect
		if e, err = m.paste.expect(); err == nil && e.pemPath != "" {
			return readPEMCmd(m.paste.seq, tok, e.pemPath)
		}
	}
	if err != nil {
		m.pasteFailed(err.Error())
		return nil
	}
	return m.inspectPasted(tok, nil)
}

// pasteFailed says on the paste screen why what was pasted is not used,
// and clears the status line: what it said of the paste before ("Filled
// the form from a curl command…") would read as about this one.
func (m *Model) pasteFailed(why string) {
	m.paste.err = why
	m.clearStatus()
}

// fillFromCurl fills the form with the login of the curl command in the
// paste area and goes back to it, the fields holding a placeholder flagged;
// the status line says what was filled and ignored (names, never values).
// A command that cannot be used is said on the paste screen, the form
// untouched.
func (m *Model) fillFromCurl() tea.Cmd {
	c, err := ro.ReadCurl(m.paste.Text())
	if err != nil {
		m.pasteFailed("That curl command cannot fill the form: " + termsafe.Line(err.Error()))
		return nil
	}
	m.paste.forget()
	m.form.FillFromCurl(c)
	m.setScreen(formScreen)
	m.setStatus(c.Summary(m.lay.width), false)
	return nil
}

// pemRead inspects the pasted token with the key read from its file, or
// says on the paste screen why the file would not do.
func (m *Model) pemRead(msg pemReadMsg) tea.Cmd {
	if m.screen != pasteScreen || msg.seq != m.paste.seq {
		return nil // the person left the paste screen meanwhile
	}
	if msg.err != nil {
		m.pasteFailed(termsafe.Line(m.tilde(msg.err.Error())))
		return nil
	}
	return m.inspectPasted(msg.token, msg.pem)
}

// inspectPasted makes the result of the pasted token tok, with the key pem
// read from the file the paste screen named (nil: none).
func (m *Model) inspectPasted(tok string, pem []byte) tea.Cmd {
	e, _ := m.paste.expect()
	// The form's tenant and client give the issuer and audience to expect;
	// its secrets have nothing to do with a pasted token.
	req := m.form.Request()
	req.Password, req.Bearer = "", ""
	secret, b64 := m.form.ClientSecret()
	now := m.clock()
	s := Subject{Request: req, ClientSecret: secret, SecretBase64: b64, Pasted: tok, Now: now, Redact: m.redact,
		ExpectedIssuer: m.issuer, ExpectedAudience: e.audience, JWKSURL: e.jwks, PEM: pem}
	if e.issuer != "" {
		s.ExpectedIssuer = e.issuer
	}
	if e.secret != "" {
		s.Secret = []byte(e.secret)
	}
	m.entrySeq++
	r := NewResult(m.entrySeq, s)
	row := pastedRow(r.insp.Token(inspect.RolePasted), now)
	m.paste.inspected(tok)
	m.paste.close()
	cmd := m.add(&entry{id: r.id, result: r, panes: m.build(r, m.st), styled: m.st}, row)
	m.setStatus(fmt.Sprintf("Inspecting a pasted token (%d characters).", chars(tok)), false)
	return cmd
}

// pastedRow is a pasted token's line in the History: who it is about and
// for (its e-mail or subject, and the client it was issued to), and what it
// is: its kind and, for a signed JWT, whether it had expired when pasted.
func pastedRow(t *inspect.Token, now time.Time) historyRow {
	row := historyRow{at: now, flow: "paste", failed: t.Decoded.Kind == jwtview.KindMalformed}
	for _, name := range []string{"email", "sub", "client_id"} {
		if f, ok := t.Decoded.Claim(name); ok && f.Text != "" {
			row.user = f.Text
			break
		}
	}
	for _, name := range []string{"azp", "client_id", "aud"} {
		if f, ok := t.Decoded.Claim(name); ok && f.Text != "" {
			row.client = f.Text
			break
		}
	}
	row.status = map[jwtview.Kind]string{jwtview.KindJWE: "encrypted JWT", jwtview.KindOpaque: "opaque token", jwtview.KindMalformed: "malformed"}[t.Decoded.Kind]
	if t.Decoded.Kind == jwtview.KindJWS {
		switch e := t.Lifetime.At(now); e.State {
		case jwtview.Expired:
			row.status, row.failed = "JWT, expired", true
		case jwtview.NotYetValid:
			row.status = "JWT, not valid yet"
		case jwtview.NoExpiry:
			row.status = "JWT, no expiry"
		default:
			row.status = "JWT, expires " + t.Lifetime.ExpiresAt.UTC().Format("15:04 UTC")
		}
	}
	return row
}

// addEntry builds the panes of s once, lists it in the history and shows it.
func (m *Model) addEntry(s Subject, row historyRow) tea.Cmd {
	m.entrySeq++
	r := NewResult(m.entrySeq, s)
	return m.add(&entry{id: r.id, result: r, panes: m.build(r, m.st), styled: m.st}, row)
}

// addPrepared lists and shows a result whose panes the command made.
func (m *Model) addPrepared(p *prepared, row historyRow) tea.Cmd {
	return m.add(&entry{id: p.result.id, result: p.result, panes: p.panes, styled: p.styles}, row)
}

// add keeps e (the newest maxEntries are kept), lists it in the history,
// shows it, and starts its verifications.
func (m *Model) add(e *entry, row historyRow) tea.Cmd {
	row.id = e.id
	m.entries = append(m.entries, e)
	if len(m.entries) > maxEntries {
		// The oldest panes go; their history row stays and says so when chosen.
		m.entries = append(m.entries[:0:0], m.entries[len(m.entries)-maxEntries:]...)
	}
	m.history.add(row)
	was := "" // the pane read last, also when the person went to the form (e) and sent from there
	if m.active < len(m.tabs) {
		was = m.tabs[m.active].Title()
	}
	m.showEntry(e)
	// Sending again keeps the pane the person was reading, when the new
	// answer has it (the ID token's pane after a change of scope, say).
	for i, p := range m.tabs {
		if was != "" && p.Title() == was && p != Pane(m.history) && !isMissing(p) {
			m.active = i
		}
	}
	return e.result.Verify()
}

func (m *Model) entry(id int) *entry {
	for _, e := range m.entries {
		if e.id == id {
			return e
		}
	}
	return nil
}

// setRedact turns presenter mode on or off everywhere: the form, the
// history, the paste area, and the panes on screen (built again, as the
// panes mask when they are built); other results follow when shown.
func (m *Model) setRedact(on bool) tea.Cmd {
	m.redact = on
	m.form.SetRedact(on)
	m.history.redact = on
	m.paste.redact = on
	if on {
		m.setStatus("Presenter mode: tokens, emails and secrets masked (ctrl+x: off).", false)
	} else {
		m.setStatus("Presenter mode off.", false)
	}
	if m.shown == nil {
		return nil
	}
	active, screen := m.active, m.screen
	m.showEntry(m.shown)
	m.screen = screen // stay where the person is
	m.active = min(active, len(m.tabs)-1)
	return nil
}

// recheck verifies e's tokens again when the client secret of the form
// changed since they were checked: filling it in is how an HS256 ID token
// gets verified, and the person should not have to send or paste again.
// The result keeps its number and its /userinfo call.
func (m *Model) recheck(e *entry) tea.Cmd {
	secret, b64 := m.form.ClientSecret()
	s := e.result.subject
	issuer, audience := s.ExpectedIssuer, s.Request.Audience
	if s.Exchange != nil {
		issuer = m.issuer // a profile chosen meanwhile may name another
		// The API the access token should be for: the form's audience now.
		audience = m.form.Request().Audience
	}
	if secret == s.ClientSecret && b64 == s.SecretBase64 && issuer == s.ExpectedIssuer && audience == s.Request.Audience {
		return nil
	}
	s.ClientSecret, s.SecretBase64, s.ExpectedIssuer = secret, b64, issuer
	s.Request.Audience = audience
	r := NewResult(e.id, s)
	r.userinfo, r.tokeninfo, r.version = e.result.userinfo, e.result.tokeninfo, e.result.version+1
	e.result = r
	e.panes, e.styled = m.build(r, m.st), m.st
	if m.shown == e {
		active := m.active
		m.showEntry(e)
		m.active = min(active, len(m.tabs)-1)
	}
	m.setStatus("The client secret, the issuer or the audience to expect changed: the tokens are checked again.", false)
	return r.Verify()
}

// showEntry puts e's panes on screen, sized, styled and ticked to now;
// built again first when presenter mode changed since they were built
// (the result keeps its verifications and /userinfo answer).
func (m *Model) showEntry(e *entry) {
	if e.result.subject.Redact != m.redact {
		e.result.subject.Redact = m.redact
		e.panes, e.styled = m.build(e.result, m.st), m.st
	}
	m.shown = e
	r := e.result
	m.tabs = slotted(e.panes, m.history, func(slot int) string { return missingWhy(r, slot) }, r.insp.PastedRole())
	if e.compare != nil {
		e.compare.SetStyles(m.st)
		e.compare.setRedact(m.redact)
		m.tabs = append(m.tabs, e.compare)
	}
	for _, p := range m.tabs {
		if mp, ok := p.(*missingPane); ok {
			mp.SetStyles(m.st)
		}
	}
	m.active = 0
	m.history.shown = e.id
	if e.styled != m.st {
		for _, p := range e.panes {
			if s, ok := p.(Styled); ok {
				s.SetStyles(m.st)
			}
		}
		e.styled = m.st
	}
	m.sizeTabs()
	// The last tick may be up to a second old: a fresh 600 s token would
	// read 10m1s until the next one.
	m.now = m.clock()
	for _, p := range m.tabs {
		p.Tick(m.now)
	}
	m.setScreen(resultScreen)
}

func (m *Model) setScreen(s screen) {
	m.screen = s
	if s != pasteScreen {
		m.paste.close()
	}
}

// copy puts the active pane's token (or raw JSON) on the clipboard with OSC
// 52 and says so; a pane with several tokens asks which first. For the raw
// JSON, another pane of the set may supply it.
func (m *Model) copy(json bool) tea.Cmd {
	what := "token"
	if json {
		what = "raw JSON"
	}
	if !json {
		if cmd, ok := m.openCopyPicker(m.tabs[m.active]); ok {
			return cmd
		}
	}
	candidates := []Pane{m.tabs[m.active]}
	if json && m.shown != nil {
		candidates = append(candidates, m.shown.panes...)
	}
	for _, p := range candidates {
		c, ok := p.(Copier)
		if !ok {
			continue
		}
		var s string
		if json {
			s, ok = c.CopyJSON()
		} else {
			s, ok = c.CopyToken()
		}
		if ok && s != "" {
			if n, named := p.(CopyNamer); named {
				if tn, jn := n.CopyNames(); json && jn != "" {
					what = jn
				} else if !json && tn != "" {
					what = tn
				}
			}
			m.setStatus(fmt.Sprintf("Copied the %s from the %s pane (%d characters; OSC 52).", what, termsafe.Line(p.Title()), chars(s)), false)
			m.copiedOn = m.tabs[m.active]
			return tea.SetClipboard(s)
		}
	}
	m.setStatus(fmt.Sprintf("No %s to copy on this pane.", what), true)
	return nil
}

// resize lays the screen out again; it is safe at any moment, mid-call too.
func (m *Model) resize(w, h int) {
	m.lay = computeLayout(w, h, len(m.statusRows(w)))
	m.help.SetWidth(max(0, w))
	if m.lay.tooSmall {
		return
	}
	m.form.SetSize(m.lay.bodyWidth, m.lay.bodyHeight)
	m.profiles.setSize(m.lay.bodyWidth, m.lay.bodyHeight)
	m.paste.SetSize(m.lay.bodyWidth, m.lay.bodyHeight)
	m.sizeTabs()
}

func (m *Model) sizeTabs() {
	if m.lay.tooSmall || m.lay.bodyWidth == 0 {
		return
	}
	for _, p := range m.tabs {
		p.SetSize(m.lay.bodyWidth, m.lay.bodyHeight)
	}
}

// setStyles follows the terminal's background everywhere.
func (m *Model) setStyles(st *Styles) {
	m.st = st
	m.form.SetStyles(st)
	m.paste.SetStyles(st)
	m.history.SetStyles(st)
	m.profiles.setStyles(st)
	m.help.Styles = st.helpStyles()
	m.spinner.Style = st.Accent
	if m.shown != nil {
		for _, p := range m.shown.panes {
			if s, ok := p.(Styled); ok {
				s.SetStyles(st)
			}
		}
		m.shown.styled = st
		if m.shown.compare != nil {
			m.shown.compare.SetStyles(st)
		}
	}
}

// setStatus shows a message in the status line for a few seconds.
func (m *Model) setStatus(s string, isErr bool) {
	// Most messages quote a server, a token or a path somewhere: all pass.
	m.status, m.statusErr, m.refused = termsafe.Line(m.tilde(s)), isErr, false
	m.statusUntil = m.clock().Add(6 * time.Second)
	if isErr {
		m.statusUntil = m.clock().Add(12 * time.Second)
	}
}

// tilde writes the home folder as ~ in presenter mode: a path under it
// names the person (/home/alice/…).
func (m *Model) tilde(s string) string {
	if !m.redact || m.home == "" || m.home == "/" {
		return s
	}
	return strings.ReplaceAll(s, m.home, "~")
}

func (m *Model) clearStatus() {
	m.status, m.statusErr, m.statusUntil, m.refused = "", false, time.Time{}, false
}

// updateForm passes a message to the form; once an edit has fixed every
// field, "Not sent: N fields need a change" goes away rather than linger.
func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	cmd := m.form.Update(msg)
	if m.refused && len(m.form.Errors()) == 0 {
		m.clearStatus()
	}
	return cmd
}
