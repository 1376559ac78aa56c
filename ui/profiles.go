package ui

// The profile picker (ctrl+o on the form): saved profiles in a filterable
// bubbles/list; enter fills the form from one, ctrl+s saves the form as a
// new one. Reading and writing the config file happen in commands.

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// profileItem is one saved profile in the picker; in presenter mode its
// user is masked.
type profileItem struct {
	p      config.Profile
	redact bool
}

func (i profileItem) Title() string { return termsafe.Line(i.p.Name) }
func (i profileItem) Description() string {
	p := i.p
	if i.redact {
		p.Username = maskWho(p.Username)
	}
	return termsafe.Line(p.Summary())
}
func (i profileItem) FilterValue() string { return i.p.Name + " " + i.p.Domain + " " + i.p.Username }

// profilePicker is the overlay's state.
type profilePicker struct {
	list    list.Model
	file    *config.File
	loading bool
	naming  bool // typing the name to save the form under
	redact  bool // presenter mode when it was opened: users masked
	name    textinput.Model
	err     string
	w, h    int // the overlay's size: the list gets what the warnings leave
}

func newProfilePicker(st *Styles) *profilePicker {
	l := list.New(nil, list.NewDefaultDelegate(), 0, 0)
	l.Title = "Profiles"
	l.SetShowHelp(false)
	l.SetStatusBarItemName("profile", "profiles")
	// ctrl+c and q belong to the root; esc closes the overlay.
	l.KeyMap.Quit.SetEnabled(false)
	l.KeyMap.ForceQuit.SetEnabled(false)
	in := textinput.New()
	in.Prompt = "name: "
	in.CharLimit = config.MaxNameLength
	pp := &profilePicker{list: l, name: in}
	pp.setStyles(st)
	return pp
}

func (pp *profilePicker) setStyles(st *Styles) {
	d := list.NewDefaultDelegate()
	d.Styles = list.NewDefaultItemStyles(st.IsDark)
	pp.list.SetDelegate(d)
	pp.list.Styles = list.DefaultStyles(st.IsDark)
	ts := textinput.DefaultStyles(st.IsDark)
	ts.Cursor.Blink = false
	pp.name.SetStyles(ts)
}

func (pp *profilePicker) setSize(w, h int) {
	pp.w, pp.h = w, h
	extra := 0
	if n := len(pp.warningLines(lipgloss.NewStyle())); n > 0 {
		extra = n + 1 // the warnings and a blank line above them
	}
	pp.list.SetSize(w, max(1, h-2-extra))
}

// warningLines are the config file's warnings as the picker lists them
// under the profiles, "⚠ line 7: …", at most two lines each, and in all
// what the list leaves (at most a third of the overlay); those that do not
// fit are counted on the last line. Each line is styled with st.
func (pp *profilePicker) warningLines(st lipgloss.Style) []string {
	if pp.file == nil {
		return nil
	}
	const listMin = 7 // the list's title, status bar and one profile
	budget := max(1, min(pp.h/3, pp.h-3-listMin))
	ws := pp.file.Warnings()
	var out []string
	for i, w := range ws {
		lines := wrapText("⚠ "+termsafe.Line(w.String()), max(1, pp.w), 2, st)
		left := len(ws) - i
		if n := len(out) + len(lines); n > budget || left > 1 && n >= budget {
			what := "more warning"
			if len(out) == 0 {
				what = "config warning"
			}
			if left > 1 {
				what += "s"
			}
			return append(out, st.Render(clipText(fmt.Sprintf("⚠ %d %s: a taller window lists them", left, what), max(1, pp.w))))
		}
		out = append(out, lines...)
	}
	return out
}

// configWarningsStatus is the status line for the config file's warnings:
// the first, and how many there are (ctrl+o lists them all).
func configWarningsStatus(ws []config.Warning) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return "Config warning: " + ws[0].String()
	}
	return fmt.Sprintf("%d config warnings (ctrl+o lists them), the first: %s", len(ws), ws[0].String())
}

// show fills the list from a freshly read file.
func (pp *profilePicker) show(f *config.File) {
	pp.file, pp.loading = f, false
	var items []list.Item
	for _, n := range f.Names() {
		if p, ok := f.Profile(n); ok {
			items = append(items, profileItem{p: p, redact: pp.redact})
		}
	}
	pp.list.SetItems(items)
	if i := indexOf(f.Names(), f.LastName()); i >= 0 {
		pp.list.Select(i)
	}
	pp.setSize(pp.w, pp.h) // the warnings take their lines from the list
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// loadProfilesCmd reads the config file.
func loadProfilesCmd(path string) tea.Cmd {
	return func() tea.Msg {
		f, err := config.Load(path)
		return profilesLoadedMsg{file: f, err: err}
	}
}

// saveProfileCmd writes p into the config file (never a secret: a Profile
// has no field for one) and remembers it as the last used.
func saveProfileCmd(path string, p config.Profile) tea.Cmd {
	return func() tea.Msg {
		return profileSavedMsg{name: p.Name, err: config.SaveProfile(path, p)}
	}
}

// rememberProfileCmd records name as the profile used last.
func rememberProfileCmd(path, name string) tea.Cmd {
	return func() tea.Msg {
		if err := config.Remember(path, name); err != nil {
			return profileSavedMsg{name: name, err: err, remembering: true}
		}
		return nil
	}
}

// openProfiles opens the picker and reads the file.
func (m *Model) openProfiles() tea.Cmd {
	if m.cfgPath == "" {
		m.setStatus("Profiles are off: no config file could be found (start rotui with --config FILE).", true)
		return nil
	}
	m.overlay = profileOverlay
	m.profiles.loading, m.profiles.naming, m.profiles.err, m.profiles.file = true, false, "", nil
	m.profiles.redact = m.redact
	return loadProfilesCmd(m.cfgPath)
}

// profilesLoaded shows the file just read in the picker, if it is still
// open, or why it could not be read.
func (m *Model) profilesLoaded(msg profilesLoadedMsg) {
	if m.overlay != profileOverlay {
		return
	}
	if msg.err != nil {
		// Said in full in the overlay: it names the file and the line.
		m.profiles.loading, m.profiles.file = false, nil
		m.profiles.err = msg.err.Error()
		return
	}
	m.profiles.show(msg.file)
	switch ws := msg.file.Warnings(); len(ws) {
	case 0:
	case 1:
		m.setStatus(configWarningsStatus(ws), true)
	default:
		m.setStatus(fmt.Sprintf("%d config warnings, listed under the profiles.", len(ws)), true)
	}
}

// profileSaved says a profile was saved, or why not; a name that could not
// be saved is asked for again.
func (m *Model) profileSaved(msg profileSavedMsg) {
	switch {
	case msg.err != nil && msg.remembering:
		m.setStatus("Profile "+msg.name+" loaded, but not remembered as the last used: "+msg.err.Error(), true)
	case msg.err != nil:
		m.profiles.naming, m.profiles.err = true, msg.err.Error()
		_ = m.profiles.name.Focus()
	default:
		m.overlay = noOverlay
		m.setStatus(fmt.Sprintf("Saved the form as profile %s in %s (no password, bearer or secret).", msg.name, m.cfgPath), false)
	}
}

// profileKey handles a key while the picker is open.
func (m *Model) profileKey(msg tea.KeyPressMsg) tea.Cmd {
	pp := m.profiles
	k := msg.String()
	if pp.naming {
		switch k {
		case "esc":
			pp.naming, pp.err = false, ""
			pp.name.Blur()
			return nil
		case "enter", "ctrl+s":
			name := strings.TrimSpace(pp.name.Value())
			if err := config.ValidateName(name); err != nil {
				pp.err = err.Error()
				return nil
			}
			p := config.FromRequest(name, m.form.Request(), m.issuer)
			if err := p.Validate(); err != nil {
				pp.err = err.Error()
				return nil
			}
			pp.naming = false
			pp.name.Blur()
			return saveProfileCmd(m.cfgPath, p)
		}
		var cmd tea.Cmd
		pp.name, cmd = pp.name.Update(msg)
		if v := pp.name.Value(); termsafe.Strip(v) != v {
			pp.name.SetValue(termsafe.Strip(v)) // drawn as typed: nothing may reorder it
		}
		pp.err = ""
		return cmd
	}
	filtering := pp.list.SettingFilter() || pp.list.FilterState() == list.FilterApplied
	switch {
	case k == "esc" && !filtering:
		m.overlay = noOverlay
		return nil
	case k == "ctrl+s" && !pp.list.SettingFilter():
		if pp.file == nil {
			return nil
		}
		pp.naming, pp.err = true, ""
		pp.name.SetValue(pp.file.SuggestName(config.FromRequest("", m.form.Request(), m.issuer)))
		pp.name.CursorEnd()
		return pp.name.Focus()
	case k == "enter" && !pp.list.SettingFilter():
		it, ok := pp.list.SelectedItem().(profileItem)
		if !ok {
			return nil
		}
		m.form.Fill(it.p.Request())
		m.issuer = it.p.Issuer
		m.overlay = noOverlay
		m.setScreen(formScreen)
		m.setStatus(fmt.Sprintf("Profile %s loaded: type the password and ctrl+s.", it.p.Name), false)
		m.form.FocusField(ro.FieldPassword)
		return rememberProfileCmd(m.cfgPath, it.p.Name)
	}
	var cmd tea.Cmd
	pp.list, cmd = pp.list.Update(msg)
	return cmd
}

// profilesView draws the picker or the name prompt.
func (m *Model) profilesView(w, h int) string {
	st := m.st
	pp := m.profiles
	var foot string
	switch {
	case pp.loading:
		return clipRect(st.Muted.Render("Reading "+termsafe.Line(m.cfgPath)+"…"), w, h)
	case pp.naming:
		lines := []string{
			st.Title.Render("Save the form as a profile") + st.Muted.Render("  (never a secret)"),
			"",
			pp.name.View(),
			"",
		}
		if pp.err != "" {
			lines = append(lines, wrapText("✗ "+pp.err, w, 3, st.Error)...)
		} else {
			lines = append(lines, st.Muted.Render("enter saves · esc goes back"))
		}
		return clipRect(strings.Join(lines, "\n"), w, h)
	case pp.file == nil:
		lines := append([]string{st.Title.Render("Profiles not read"), ""}, wrapText(pp.err, w, max(1, h-4), st.Error)...)
		lines = append(lines, "", st.Muted.Render("The file is left as it is. esc closes."))
		return clipRect(strings.Join(lines, "\n"), w, h)
	case pp.err != "":
		foot = st.Error.Render(clipText("✗ "+pp.err, w))
	default:
		foot = st.Muted.Render(clipText("enter loads · / filters · ctrl+s saves the form · esc closes", w))
	}
	if warn := pp.warningLines(st.Warning); len(warn) > 0 {
		foot = strings.Join(warn, "\n") + "\n\n" + foot
	}
	if len(pp.list.Items()) == 0 {
		return clipRect(st.Title.Render("Profiles")+"\n\n"+
			st.Muted.Render("No profile saved yet in "+termsafe.Line(m.cfgPath)+".")+"\n\n"+foot, w, h)
	}
	return clipRect(pp.list.View()+"\n\n"+foot, w, h)
}
