package ui

import (
	"image/color"

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
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	s := &Styles{IsDark: isDark}
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(c("#5A3FC0", "#B4A2FF"))
	s.Muted = lipgloss.NewStyle().Foreground(c("#6B6B6B", "#8A8A8A"))
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
	return s
}
