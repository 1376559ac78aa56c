package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles holds every style of the program, built once for a light or dark
// background. No colour is written anywhere else in ui/.
// Both the shell (form, tabs, status line) and the panes add fields here.
type Styles struct {
	IsDark bool

	Title   lipgloss.Style
	Muted   lipgloss.Style
	Error   lipgloss.Style
	Warning lipgloss.Style
	Success lipgloss.Style
	Accent  lipgloss.Style

	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	StatusBar   lipgloss.Style

	// Panes (Summary, tokens, Raw, curl).
	Label       lipgloss.Style // a row's name: "Signature", a claim name
	Heading     lipgloss.Style // a section: "Claims", "Response"
	JSONKey     lipgloss.Style
	JSONString  lipgloss.Style
	JSONNumber  lipgloss.Style
	JSONLiteral lipgloss.Style // true, false, null
	BarEmpty    lipgloss.Style // the part of a lifetime bar still ahead
	Cursor      lipgloss.Style // the claim under a list's cursor
	// QR draws a QR code's half blocks: black ink on white paper on any
	// background, the way round every phone's scanner reads.
	QR lipgloss.Style

	// Key hints (the footer and ?), and the placeholder of an empty field.
	HelpKey, HelpDesc, HelpSep lipgloss.Style
	Placeholder                lipgloss.Style
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	s := &Styles{IsDark: isDark}
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(c("#5A3FC0", "#B4A2FF"))
	// Muted is the dimmest text there is (key hints, placeholders): it
	// keeps 4.5:1 against white and #EEEEEE, black and #282828 (WCAG AA).
	s.Muted = lipgloss.NewStyle().Foreground(c("#666666", "#9E9E9E"))
	s.Error = lipgloss.NewStyle().Foreground(c("#B00020", "#FF6B81"))
	s.Warning = lipgloss.NewStyle().Foreground(c("#9A6700", "#F2C94C"))
	s.Success = lipgloss.NewStyle().Foreground(c("#1A7F37", "#56D364"))
	s.Accent = lipgloss.NewStyle().Foreground(c("#0B63C4", "#79C0FF"))
	s.TabActive = lipgloss.NewStyle().Bold(true).Padding(0, 1).Foreground(c("#FFFFFF", "#1B1B1B")).Background(c("#5A3FC0", "#B4A2FF"))
	s.TabInactive = lipgloss.NewStyle().Padding(0, 1).Foreground(c("#444444", "#BBBBBB"))
	s.StatusBar = lipgloss.NewStyle().Foreground(c("#444444", "#BBBBBB"))
	s.Label = lipgloss.NewStyle().Bold(true)
	s.Heading = lipgloss.NewStyle().Bold(true).Underline(true).Foreground(c("#5A3FC0", "#B4A2FF"))
	s.JSONKey = lipgloss.NewStyle().Foreground(c("#0B63C4", "#79C0FF"))
	s.JSONString = lipgloss.NewStyle().Foreground(c("#1A7F37", "#A5D6A7"))
	s.JSONNumber = lipgloss.NewStyle().Foreground(c("#9A3412", "#F0A35E"))
	s.JSONLiteral = lipgloss.NewStyle().Foreground(c("#8250DF", "#D2A8FF"))
	s.BarEmpty = lipgloss.NewStyle().Foreground(c("#C8C8C8", "#444444"))
	s.Cursor = s.Accent.Bold(true) // as the History's cursor
	s.QR = lipgloss.NewStyle().Foreground(lipgloss.Color("#000000")).Background(lipgloss.Color("#FFFFFF"))
	s.HelpKey = lipgloss.NewStyle().Foreground(c("#404040", "#C8C8C8"))
	s.HelpDesc = s.Muted
	s.HelpSep = s.Muted
	s.Placeholder = s.Muted
	return s
}

// helpStyles are bubbles/help's styles in the program's colours: its own
// defaults draw hints at about 2.5:1 on a dark background.
func (s *Styles) helpStyles() help.Styles {
	h := help.DefaultStyles(s.IsDark)
	h.ShortKey, h.FullKey = s.HelpKey, s.HelpKey
	h.ShortDesc, h.FullDesc = s.HelpDesc, s.HelpDesc
	h.ShortSeparator, h.FullSeparator, h.Ellipsis = s.HelpSep, s.HelpSep, s.HelpSep
	return h
}

// inputStyles are a text input's styles with a steady cursor and the
// program's placeholder colour.
func (s *Styles) inputStyles() textinput.Styles {
	ts := textinput.DefaultStyles(s.IsDark)
	ts.Cursor.Blink = false // a steady cursor: no redraw twice a second for nothing
	ts.Focused.Placeholder, ts.Blurred.Placeholder = s.Placeholder, s.Placeholder
	return ts
}

// areaStyles are the paste area's styles, likewise.
func (s *Styles) areaStyles() textarea.Styles {
	ts := textarea.DefaultStyles(s.IsDark)
	ts.Cursor.Blink = false
	ts.Focused.Placeholder, ts.Blurred.Placeholder = s.Placeholder, s.Placeholder
	return ts
}

// newHelp is a help bubble drawn in the program's colours.
func newHelp(st *Styles) help.Model {
	h := help.New()
	h.Styles = st.helpStyles()
	return h
}
