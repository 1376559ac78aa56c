package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/report"
	"github.com/rotui/rotui/ro"
)

// Pane is one tab of the result view (Summary, a token, Raw, curl, History…).
// Panes are plain structs with pointer receivers; the root model owns them,
// gives each its rectangle, sends keys (and pastes) to the active one only,
// and calls Tick on every pane once a second. A pane keeps only how it
// draws (its rows, scroll position, filter); what commands change lives in
// the root's Result, which the pane reads when it draws.
type Pane interface {
	Title() string              // the tab's label, short ("Summary", "ID token")
	SetSize(width, height int)  // the rectangle the pane may draw in
	Update(msg tea.Msg) tea.Cmd // keys and pastes, only when active
	View() string               // at most height lines, each at most width cells
	Tick(now time.Time)         // a second passed: recompute countdowns only, cheaply
	Keys() []key.Binding        // the keys the pane handles itself, for the footer and ?
}

// Subject is what one result shows: a login's answer, or a pasted token.
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
	// FailuresInARow is how many wrong passwords in a row this answer makes
	// for its user on its tenant in this session (this one included; a
	// successful login resets it): from inspect.LockoutWarnFrom the
	// Summary warns of Auth0's brute-force lock. Demo says the tenant is
	// the embedded demo, whose lock lasts until it restarts.
	FailuresInARow int
	Demo           bool
	// What the paste screen was told of a pasted token, as rotui decode's
	// flags are: the aud to expect ("" checks none), and the one key to
	// verify it with: a JWKS URL, a PEM public key, or a shared secret
	// (never shown). With none, HS* tokens are verified with ClientSecret
	// and others with the keys their iss publishes.
	ExpectedAudience string
	JWKSURL          string
	PEM              []byte
	Secret           []byte
	// Keys caches fetched JWKS across results; nil uses one shared by the package.
	Keys *jwtview.KeyCache
	// Client makes the calls a result starts (/userinfo), as it made the
	// login; nil: a client of its own with the /userinfo timeout.
	Client *ro.Client
	// UserInfo adds a /userinfo pane after curl when an access token came
	// back; u on any pane of the result calls GET /userinfo with that token.
	// Off, the panes are as listed for BuildPanes.
	UserInfo bool
	// Migration adds a "→ realm" pane after curl for an ro-flow answer: the
	// same login as the realm flow would send it, what changes, its curl.
	// Off, the panes are as listed for BuildPanes.
	Migration bool

	// A refresh's answer (f): RefreshOf is the number of the result whose
	// answer brought the refresh token it used (0 for a login or a pasted
	// token), RefreshToken that token (a credential sent: masked wherever
	// the request is shown, never drawn; f uses it again), PreviousOf the
	// result on screen when f was pressed (a refresh of RefreshOf, or
	// RefreshOf itself), and Previous that result's ID token, which the
	// Summary compares with the new one (nil when it had none).
	RefreshOf    int
	PreviousOf   int
	RefreshToken string
	Previous     *inspect.Token
	// revokedBefore is rotui's own revocation of the refresh token a
	// refresh used (X, y, earlier in the session), when it went through:
	// a refusal then says so, not the generic "it was revoked, or…".
	revokedBefore *revocation
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
	// Idler panes say why a key of theirs does nothing now ("" when it
	// acts), which the root shows in the status line: a key that does
	// nothing silently reads as broken.
	Idler interface {
		Idle(k tea.KeyPressMsg) string
	}
	// Reporter panes (the Summary) give a shareable report of what the
	// result shows: the exchange, each token with its verification, the
	// consistency checks and any /userinfo answer, secrets listed for
	// scrubbing. Write it with its Write method or copy its Markdown.
	Reporter interface{ Report() *report.Report }
)

// paneBase is what every result pane has: its title, its result, its
// styles, its rectangle and the scrolled rows of its window. The rows are
// laid out again, when drawn, after the size, the styles or the result
// changed (layout is the pane's own).
type paneBase struct {
	title         string
	r             *Result
	st            *Styles
	keys          PaneKeys
	width, height int
	sc            scroller
	laid          int // the result's version the rows show; -1 after a change here
}

func newPaneBase(title string, r *Result, st *Styles) paneBase {
	return paneBase{title: title, r: r, st: st, keys: DefaultPaneKeys(), laid: -1, sc: scroller{now: r.subject.Now}}
}

// Title is the tab's label.
func (b *paneBase) Title() string { return b.title }

// SetSize takes the pane's rectangle; the rows follow when drawn.
func (b *paneBase) SetSize(width, height int) {
	width, height = max(width, 0), max(height, 0)
	if width != b.width || height != b.height {
		b.width, b.height, b.laid = width, height, -1
	}
}

// SetStyles takes the styles of a new background; the rows follow when drawn.
func (b *paneBase) SetStyles(st *Styles) {
	if st != b.st {
		b.st, b.laid = st, -1
	}
}

// Tick moves the countdowns in the window.
func (b *paneBase) Tick(now time.Time) { b.sc.tick(now) }

// Keys are the scrolling keys every pane has.
func (b *paneBase) Keys() []key.Binding { return []key.Binding{b.keys.Scroll.Help()} }

// stale reports whether the rows must be laid out again before drawing,
// and marks them fresh: the caller lays them out.
func (b *paneBase) stale() bool {
	if b.laid == b.r.version {
		return false
	}
	b.laid = b.r.version
	b.sc.width, b.sc.height = b.width, b.height
	return true
}

// scroll moves the window for a scrolling key; false for any other key.
func (b *paneBase) scroll(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && b.sc.scrollKey(k, b.keys.Scroll)
}
