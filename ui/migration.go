package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
)

// migrationPane shows the inspection's migration preview of the login on
// screen (the same login through the realm flow), with its curl.
type migrationPane struct {
	paneBase
	mig    *inspect.Migration // its request holds the password: only the masked request is drawn
	redact bool
}

func newMigrationPane(r *Result, st *Styles) *migrationPane {
	return &migrationPane{paneBase: newPaneBase("→ realm", r, st), mig: r.insp.Migration, redact: r.subject.Redact}
}

// Update scrolls.
func (p *migrationPane) Update(msg tea.Msg) tea.Cmd {
	p.scroll(msg)
	return nil
}

// View draws the window.
func (p *migrationPane) View() string {
	if p.stale() {
		p.layout()
	}
	return p.sc.view(p.st)
}

// CopyToken has no token.
func (p *migrationPane) CopyToken() (string, bool) { return "", false }

// CopyNames says that y copies the realm flow's curl command.
func (p *migrationPane) CopyNames() (token, json string) { return "token", "curl command" }

// CopyJSON gives the realm flow's curl command, masked.
func (p *migrationPane) CopyJSON() (string, bool) {
	sent, err := p.mig.Request.Build()
	if err != nil {
		return "", false
	}
	c := sent.Masked().Curl(false)
	return c, c != ""
}

func (p *migrationPane) layout() {
	if p.width <= 0 {
		p.sc.setRows(nil)
		return
	}
	st, w := p.st, p.width
	realm, changes := p.mig.Request, p.mig.Changes
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
	cmd, cut := curlLines(m, false, p.redact, w, st)
	if cut {
		add(wrapIndent("", st.Muted.Render("A line ending in … is cut here; y copies the whole command."), 0, w)...)
	}
	add(cmd...)
	p.sc.setRows(staticRows(lines...))
}
