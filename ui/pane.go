package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/report"
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

	// ExpectedIssuer is the iss to expect when the tenant answers under a
	// custom domain; empty means the tenant's base URL plus "/", as Auth0's is.
	ExpectedIssuer string
	// Keys caches fetched JWKS across subjects; nil uses one shared by the package.
	Keys *jwtview.KeyCache
	// Client makes the calls the panes start (/userinfo), as it made the
	// login; nil: a client of its own with the /userinfo timeout.
	Client *ro.Client
	// UserInfo adds a /userinfo pane after curl when an access token came
	// back; u on it, on the Summary or on the access token's pane calls
	// GET /userinfo with that token. Off, the panes are as listed
	// for BuildPanes.
	UserInfo bool
	// Migration adds a "→ realm" pane after curl for an ro-flow answer: the
	// same login as the realm flow would send it, what changes, its curl.
	// Off, the panes are as listed for BuildPanes.
	Migration bool
}

// PaneMsg is implemented by the messages a set of panes sends itself (a
// verification result, for one). The root hands any PaneMsg to Deliver with
// the panes it has on screen; a message for another set is ignored by them.
type PaneMsg interface{ paneMsg() }

// Deliver passes msg to every pane and batches what they return. The root
// calls it for every PaneMsg; other messages it routes as it wishes.
func Deliver(panes []Pane, msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, p := range panes {
		if cmd := p.Update(msg); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	return tea.Batch(cmds...)
}

// Optional pane abilities; the root checks for them with a type assertion.
type (
	// Styled panes redraw their cached strings when the background changes.
	Styled interface{ SetStyles(st *Styles) }
	// Copier panes have a token (c) or raw JSON (y) to copy.
	Copier interface {
		CopyToken() (string, bool)
		CopyJSON() (string, bool)
	}
	// CopyNamer panes say what c and y copy ("access token", "curl
	// command"), for the status line; empty means "token" and "raw JSON".
	CopyNamer interface{ CopyNames() (token, json string) }
	// Capturer panes are taking text (a filter being typed): while Capturing,
	// the root sends every key to the pane and does not treat q, 1…9, e, r as commands.
	Capturer interface{ Capturing() bool }
	// Reporter panes (the Summary) give a shareable report of what the set
	// shows: the exchange, each token with its verification, the
	// consistency checks and any /userinfo answer, secrets listed for
	// scrubbing. Write it with its Write method or copy its Markdown.
	Reporter interface{ Report() *report.Report }
)
