package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/termsafe"
)

// View draws the whole screen; it only stitches strings the children made.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "rotui"
	return v
}

func (m *Model) render() string {
	l := m.lay
	if l.width == 0 || l.height == 0 {
		return ""
	}
	if l.tooSmall {
		return tooSmallView(l.width, l.height, m.st)
	}
	var body string
	switch {
	case m.overlay == helpOverlay:
		body = m.helpView(l.bodyWidth, l.bodyHeight)
	case m.overlay == demoOverlay:
		body = m.demoView(l.bodyWidth, l.bodyHeight)
	case m.overlay == profileOverlay:
		body = m.tilde(m.profilesView(l.bodyWidth, l.bodyHeight))
	case m.overlay == copyOverlay:
		body = m.pickerView(l.bodyWidth, l.bodyHeight)
	case m.overlay == compareOverlay:
		body = m.comparePickerView(l.bodyWidth, l.bodyHeight)
	case m.screen == formScreen:
		body = m.form.View()
	case m.screen == pasteScreen:
		body = m.tilde(m.paste.View()) // a key file's path names the person too
	default:
		body = m.tabs[m.active].View()
	}
	return strings.Join([]string{
		m.headerView(),
		clipRect(body, l.bodyWidth, l.bodyHeight),
		m.statusView(),
		m.shortHelpView(),
	}, "\n")
}

// fitShortHelp draws the help line with as many keys as fit the width:
// every short help ends with the help key and quit, so the hints before
// them go first, from the last, and the way to the full help stays in sight.
func (m *Model) fitShortHelp(keys []key.Binding) string {
	hm := m.help
	hm.SetWidth(0) // bubbles/help would cut from the end, help key first
	line := hm.ShortHelpView(keys)
	for lipgloss.Width(line) > m.lay.width && len(keys) > 2 {
		keys = append(keys[:len(keys)-3:len(keys)-3], keys[len(keys)-2:]...)
		line = hm.ShortHelpView(keys)
	}
	return line
}

// shortHelpKey is what the help line depends on.
type shortHelpKey struct {
	screen            screen
	pane              Pane // the active pane: its own keys are in the line
	st                *Styles
	w                 int
	compare, compared bool   // d and 0 act (resultHelp)
	zero              bool   // the result has a comparison: panes 0…9
	keys              string // the keys that act now (a question's answers, the session's keys)
}

// shortHelpView is the help line, drawn again only when the screen, the
// styles or the width change (bubbles/help renders every key each time).
func (m *Model) shortHelpView() string {
	k := shortHelpKey{screen: m.screen, st: m.st, w: m.lay.width}
	if m.screen == resultScreen && m.active < len(m.tabs) {
		k.pane = m.tabs[m.active]
		k.compare, k.compared = m.canCompare(), m.comparisonAway()
		k.zero = m.shown != nil && m.shown.compare != nil
	}
	for _, b := range m.helpKeys().ShortHelp() {
		k.keys += b.Help().Key + " "
	}
	if k != m.helpCache.key || m.helpCache.line == "" {
		m.helpCache.key = k
		m.helpCache.line = clipLine(m.fitShortHelp(m.helpKeys().ShortHelp()), m.lay.width)
	}
	return m.helpCache.line
}

// headerView is the title on the form and paste area, the tabs on the panes,
// with the demo and --insecure badges on the right.
func (m *Model) headerView() string {
	st := m.st
	var badges []string
	if m.demo != nil {
		badge := "demo"
		if m.screen != resultScreen {
			badge = "demo · ctrl+d users" // the demo's users are one key away
		}
		badges = append(badges, st.Accent.Render(badge))
	}
	if m.redact {
		badges = append(badges, st.Accent.Render("presenter"))
	}
	if m.form.insecure {
		badges = append(badges, st.Warning.Render("⚠ plain http allowed"))
	}
	right := strings.Join(badges, " ")
	w := m.lay.width
	if m.screen == resultScreen && m.overlay == noOverlay {
		return m.tabsView(w-lipgloss.Width(right)-1, right)
	}
	title := st.Title.Render("rotui")
	switch {
	case m.overlay == helpOverlay:
		title += st.Muted.Render(" · help")
	case m.overlay == demoOverlay:
		title += st.Muted.Render(" · demo users")
	case m.overlay == profileOverlay:
		title += st.Muted.Render(" · profiles")
	case m.overlay == copyOverlay:
		title += st.Muted.Render(" · copy a token")
	case m.overlay == compareOverlay:
		title += st.Muted.Render(" · compare")
	case m.screen == formScreen:
		title += st.Muted.Render(" · Resource Owner login")
	case m.screen == pasteScreen:
		title += st.Muted.Render(" · paste a token")
	}
	return joinEnds(title, right, w)
}

// tabsView draws the pane titles, numbered; when they do not all fit, the
// window of tabs slides so that the active one is always in view.
func (m *Model) tabsView(w int, right string) string {
	k := tabsKey{entry: m.shown.id, n: len(m.tabs), active: m.active, st: m.st, profile: m.profile, w: w, right: right}
	if k == m.tabsCache.key && m.tabsCache.line != "" {
		return m.tabsCache.line
	}
	line := m.drawTabs(w, right)
	m.tabsCache.key, m.tabsCache.line = k, line
	return line
}

// tabsKey is everything the tab line depends on: it is drawn again only
// when one of them changes, not on every tick.
type tabsKey struct {
	entry, n, active int
	st               *Styles
	profile          colorprofile.Profile
	w                int
	right            string
}

func (m *Model) drawTabs(w int, right string) string {
	st := m.st
	plain := m.profile <= colorprofile.Ascii
	// Every tab says what it is, at every width: whole titles when they
	// fit, else every tab by its short label (the same whichever is active,
	// so labels never change as you move), first with padding, then
	// without. A place whose pane does not apply is dimmed, and when the
	// row is narrow shows only its number. Only when even that does not fit
	// does the row slide to keep the active tab in view.
	type step struct{ medium, short, tight, compact bool }
	dim := st.TabInactive.Faint(true)
	var labels []string
	for _, sp := range []step{{}, {medium: true}, {short: true}, {short: true, tight: true}, {short: true, tight: true, compact: true}} {
		labels = make([]string, len(m.tabs))
		total := 0
		for i, p := range m.tabs {
			title := termsafe.Line(p.Title())
			if sp.medium {
				title = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSuffix(title, " token"), "/"), "→ ")
			}
			if sp.short && i < len(paneSlots) {
				title = paneSlots[i].short
				if isMissing(p) && i != m.active {
					title = ""
				}
			} else if sp.short {
				title = shortTitle(p, title)
			}
			sep := " "
			if sp.compact {
				sep = "" // "1Sum 2Acc 3ID": all nine still say what they are at 60 columns
			}
			name := strings.TrimSpace(fmt.Sprintf("%s%s%s", tabNumber(i, p), sep, title))
			style := st.TabInactive
			if isMissing(p) {
				style = dim
			}
			if sp.tight {
				style = style.UnsetPadding().PaddingRight(1)
			}
			switch {
			case i == m.active && plain:
				labels[i] = st.TabActive.Render("[" + name + "]") // no colour: the brackets say which
			case i == m.active:
				labels[i] = st.TabActive.Render(name)
			default:
				labels[i] = style.Render(name)
			}
			total += lipgloss.Width(labels[i])
		}
		if total <= w {
			break
		}
	}
	first := 0
	fits := func(from, to int) bool {
		n := 0
		for i := from; i <= to; i++ {
			n += lipgloss.Width(labels[i])
		}
		if from > 0 {
			n += 2
		}
		return n <= w
	}
	for first < m.active && !fits(first, m.active) {
		first++
	}
	last := first
	for last+1 < len(labels) && fits(first, last+1) {
		last++
	}
	var b strings.Builder
	if first > 0 {
		b.WriteString(st.Muted.Render("‹ "))
	}
	for i := first; i <= last; i++ {
		b.WriteString(labels[i])
	}
	left := b.String()
	if last < len(labels)-1 {
		left += st.Muted.Render(" ›")
	}
	return joinEnds(left, right, m.lay.width)
}

// statusView is the call in flight, the last message, or what is on
// screen: wrapped to two lines where one is too narrow, the second cut
// with … when even two are (? shows the message whole).
func (m *Model) statusView() string {
	st := m.st
	w := m.lay.width
	if m.call != nil {
		// The Dot spinner's frames end in a space already; another one
		// would read as a gap.
		sp := m.spinner.View()
		if !strings.HasSuffix(ansi.Strip(sp), " ") {
			sp += " "
		}
		s := fmt.Sprintf("%sSending %s as %s… %s", sp, string(flowOf(m.call.req)),
			m.who(m.call.req.Username), fmtElapsed(m.elapsed))
		if m.call.label != "" {
			s = sp + m.call.label + " " + fmtElapsed(m.elapsed)
		}
		return joinEnds(s, st.Muted.Render("esc cancels"), w)
	}
	style := st.StatusBar
	switch {
	case m.status != "" && m.statusErr:
		style = st.Error
	case m.status != "":
		style = st.Success
	}
	rows := m.statusRows(w)
	if len(rows) == 1 && rows[0] == "" {
		return ""
	}
	for i, r := range rows {
		rows[i] = style.Render(r)
	}
	return strings.Join(rows, "\n")
}

// statusText is what the status line says when no call is in flight: the
// last message, or on the panes a line about the result on screen.
func (m *Model) statusText() string {
	switch {
	case m.status != "":
		return m.status
	case m.screen == resultScreen && m.shown != nil:
		return m.entrySummary(m.shown)
	}
	return ""
}

// statusRows are the status's lines at width w, unstyled: one, or two
// when the text needs them (the second cut with … when they are not
// enough); one while a call is in flight.
func (m *Model) statusRows(w int) []string {
	text := m.statusText()
	if m.call != nil || text == "" || w <= 0 {
		return []string{""}
	}
	c := &m.statusCache
	if c.text != text || c.w != w {
		c.text, c.w = text, w
		all := wrapText(text, w, 1<<10, lipgloss.NewStyle())
		c.cut = len(all) > maxStatusLines
		c.rows = wrapText(text, w, maxStatusLines, lipgloss.NewStyle())
	}
	return append([]string(nil), c.rows...)
}

// statusCut reports whether the status on screen was too long for its
// two lines: ? then shows it whole.
func (m *Model) statusCut() bool {
	m.statusRows(m.lay.width)
	return m.call == nil && m.statusCache.cut && m.statusCache.text == m.statusText()
}

// fitStatus gives the status the lines it needs now, taking them from (or
// giving them back to) the body, whose children are sized again.
func (m *Model) fitStatus() {
	if m.lay.width == 0 || m.lay.tooSmall {
		return
	}
	if n := len(m.statusRows(m.lay.width)); n != m.lay.statusLines {
		m.resize(m.lay.width, m.lay.height)
	}
}

// entrySummary is one line about the entry on screen: what its History
// row says (a refresh's user is the login's; its own request names none).
func (m *Model) entrySummary(e *entry) string {
	s := e.result.subject
	if s.Exchange == nil {
		return fmt.Sprintf("Pasted token, %d characters.", chars(s.Pasted))
	}
	status, _ := exchangeStatus(s.Exchange)
	parts := []string{status, fmtLatency(s.Exchange.Latency), string(flowOf(s.Request))}
	if s.RefreshOf != 0 {
		parts = append(parts, "↻ of #"+itoa(s.RefreshOf))
	}
	user := s.Request.Username
	if row, ok := m.history.rowOf(e.id); ok && row.user != "" {
		user = row.user
	}
	if user != "" {
		parts = append(parts, m.who(user))
	}
	return strings.Join(parts, " · ")
}

// fmtElapsed reads like "0.4s" or "12.3s".
func fmtElapsed(d time.Duration) string {
	return fmt.Sprintf("%.1fs", max(0, d.Seconds()))
}

// who is a user as the screen may show it: masked in presenter mode.
func (m *Model) who(u string) string {
	if m.redact {
		return maskWho(u)
	}
	return termsafe.Line(u)
}
