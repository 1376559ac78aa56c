package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
)

// Pane is one tab of the result view (Summary, a token, Raw, curl, History…).
// Panes are plain structs with pointer receivers; the root model owns them,
// gives each its rectangle, sends key messages to the active one only, and
// calls Tick on every pane once a second.
type Pane interface {
	Title() string              // the tab's label, short ("Summary", "ID token")
	SetSize(width, height int)  // the rectangle the pane may draw in
	Update(msg tea.Msg) tea.Cmd // keys (only when active) and the pane's own messages
	View() string               // at most height lines, each at most width cells
	Tick(now time.Time)         // a second passed: recompute countdowns only, cheaply
}

// Subject is what one set of panes shows: a login's answer, or a pasted token.
type Subject struct {
	Exchange     *ro.Exchange // nil for a pasted token
	Request      ro.Request   // the form as sent; secrets are in here, panes mask them
	ClientSecret string       // only to verify HS256 ID tokens; never sent, never shown
	SecretBase64 bool         // the client secret is base64-encoded (clients before Dec 2016)
	Pasted       string       // a pasted token (when Exchange is nil)
	Now          time.Time
	Redact       bool // presenter mode: keep tokens, emails and secrets masked
}
