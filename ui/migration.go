package ui

import (
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
)

// The migration preview: the login on screen as it would go to /oauth/token
// with the password-realm grant, the endpoint Auth0 replaced /oauth/ro with
// (deprecated 8 July 2017), and what changes on the way.

// oidcScopes are the scopes /oauth/token grants without an API audience.
var oidcScopes = []string{"openid", "profile", "email", "address", "phone", "offline_access"}

// MigrationChange is one difference between a login in the ro flow and the
// same login in the realm flow.
type MigrationChange struct {
	Field string // "endpoint", "grant_type", "connection", "device", "scope", "audience", "refresh_token"
	Text  string // what changes and why, as a sentence
	Warn  bool   // something the person must act on
}

// RealmPreview returns r as the realm flow would send it (ro.Request.AsRealm,
// with the scope cut to OIDC scopes) and every change, in the order of the body.
func RealmPreview(r ro.Request) (ro.Request, []MigrationChange) {
	out := r.AsRealm()
	ch := []MigrationChange{
		{Field: "endpoint", Text: "POST /oauth/ro becomes POST /oauth/token, which every tenant has; /oauth/ro is off on tenants made after June 2017."},
		{Field: "grant_type", Text: "password becomes " + ro.GrantPasswordRealm + "."},
		{Field: "connection", Text: "is sent as realm (the same value)."},
	}
	if strings.TrimSpace(r.Device) != "" {
		ch = append(ch, MigrationChange{Field: "device", Text: "is dropped: /oauth/token has no device; offline_access alone asks for a refresh token."})
	}
	if r.IDToken != "" || (r.GrantType != "" && r.GrantType != ro.GrantPassword) {
		ch = append(ch, MigrationChange{Field: "grant_type", Warn: true, Text: "the jwt-bearer delegation (id_token) has no realm equivalent: log in with the password, or use a refresh token."})
	}
	var kept, dropped []string
	for _, s := range strings.Fields(r.Scope) {
		if slices.Contains(oidcScopes, s) {
			kept = append(kept, s)
		} else {
			dropped = append(dropped, s)
		}
	}
	out.Scope = strings.Join(kept, " ")
	if len(dropped) > 0 {
		ch = append(ch, MigrationChange{Field: "scope", Warn: true, Text: "not OIDC scopes, left out: " + strings.Join(dropped, " ") +
			". Legacy ID tokens took user attributes as scopes; on /oauth/token profile and email bring them, and API scopes need an audience."})
	}
	if strings.TrimSpace(r.Audience) == "" {
		ch = append(ch, MigrationChange{Field: "audience", Warn: true, Text: "is empty: the access token stays opaque, good only for /userinfo. Name your API's identifier to get a JWT for it."})
	} else {
		ch = append(ch, MigrationChange{Field: "audience", Text: "is sent: the access token will be a JWT for that API."})
	}
	ch = append(ch, MigrationChange{Field: "refresh_token", Text: "issued by /oauth/ro does not work at /oauth/token: everyone logs in once more after the switch."})
	return out, ch
}

// migrationPane shows RealmPreview of the login on screen, with its curl.
type migrationPane struct {
	req    ro.Request // secrets stay in here: only the masked request is drawn
	redact bool
	st     *Styles

	width, height int
	sc            scroller
}

func newMigrationPane(s Subject, st *Styles) *migrationPane {
	return &migrationPane{req: s.Request, redact: s.Redact, st: st}
}

// Title is "→ realm".
func (p *migrationPane) Title() string { return "→ realm" }

// SetSize lays the pane out for its rectangle.
func (p *migrationPane) SetSize(width, height int) {
	p.width, p.height = max(width, 0), max(height, 0)
	p.layout()
}

// SetStyles re-styles the pane.
func (p *migrationPane) SetStyles(st *Styles) { p.st = st; p.layout() }

// Tick does nothing.
func (p *migrationPane) Tick(now time.Time) {}

// Update scrolls.
func (p *migrationPane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		p.sc.scrollKey(k.String())
	}
	return nil
}

// View draws the window.
func (p *migrationPane) View() string { return p.sc.view(p.st) }

// CopyToken has no token.
func (p *migrationPane) CopyToken() (string, bool) { return "", false }

// CopyNames says that y copies the realm flow's curl command.
func (p *migrationPane) CopyNames() (token, json string) { return "token", "curl command" }

// CopyJSON gives the realm flow's curl command, masked.
func (p *migrationPane) CopyJSON() (string, bool) {
	realm, _ := RealmPreview(p.req)
	sent, err := realm.Build()
	if err != nil {
		return "", false
	}
	c := sent.Masked().Curl(false)
	return c, c != ""
}

func (p *migrationPane) layout() {
	p.sc.width, p.sc.height = p.width, p.height
	if p.width <= 0 {
		p.sc.setRows(nil)
		return
	}
	st, w := p.st, p.width
	realm, changes := RealmPreview(p.req)
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(wrapIndent("", st.Title.Render("After migrating: the realm flow")+st.Muted.Render(" · what this login looks like at /oauth/token · y copies its curl"), 2, w)...)
	add("")
	for _, c := range changes {
		mark := st.Success.Render("•")
		if c.Warn {
			mark = st.Warning.Render("!")
		}
		add(wrapIndent(mark+" "+st.Label.Render(c.Field)+" ", c.Text, 4, w)...)
	}
	sent, err := realm.Build()
	if err != nil {
		add("", st.Muted.Render("The request cannot be built yet:"))
		add(wrapIndent("  ", safe(err.Error()), 2, w)...)
		p.sc.setRows(staticRows(lines...))
		return
	}
	m := sent.Masked()
	add("", st.Heading.Render("Request"))
	add(st.Label.Render(safe(m.Method)) + " " + safe(m.URL))
	if body, ok := prettyJSON(m.Body, st, p.redact); ok {
		for _, l := range body {
			add(hardwrap(l, w)...)
		}
	}
	add("", st.Heading.Render("curl"))
	cmd := m.Curl(false)
	if p.redact {
		cmd = redactText(cmd)
	}
	for _, l := range safeLines(cmd) {
		add(hardwrap(l, w)...)
	}
	p.sc.setRows(staticRows(lines...))
}
