package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/ro"
)

// curlPane shows the request as a curl command, secrets masked; R (or
// ctrl+r) reveals them on purpose, and y copies the command as shown.
type curlPane struct {
	paneBase
	req    ro.SentRequest
	redact bool
	reveal bool
}

func newCurlPane(r *Result, st *Styles) *curlPane {
	return &curlPane{paneBase: newPaneBase("curl", r, st), req: r.subject.Exchange.Request, redact: r.subject.Redact}
}

// Keys are scrolling and revealing the secrets.
func (p *curlPane) Keys() []key.Binding { return append(p.paneBase.Keys(), p.keys.RevealCurl) }

// Update scrolls, and R or ctrl+r toggles revealing the secrets.
func (p *curlPane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, p.keys.RevealCurl) {
		p.reveal = !p.reveal
		p.laid = -1
		return nil
	}
	p.scroll(msg)
	return nil
}

// View draws the window.
func (p *curlPane) View() string {
	if p.stale() {
		p.layout()
	}
	return p.sc.view(p.st)
}

// CopyToken has nothing to give: the curl pane copies the command with y.
func (p *curlPane) CopyToken() (string, bool) { return "", false }

// CopyNames says that y copies the command, not JSON.
func (p *curlPane) CopyNames() (token, json string) { return "token", "curl command" }

// CopyJSON gives the curl command as shown: masked, or with its secrets
// when they were revealed on purpose (in presenter mode too: copying follows
// what the person asks for).
func (p *curlPane) CopyJSON() (string, bool) {
	c := p.req.Masked().Curl(false)
	if p.reveal {
		c = p.req.Curl(true)
	}
	return c, c != ""
}

func (p *curlPane) layout() {
	st := p.st
	var head string
	showSecrets := p.reveal && !p.redact
	switch {
	case showSecrets:
		head = st.Warning.Render("curl · secrets SHOWN · R masks them · y copies")
	case p.reveal:
		head = st.Warning.Render("curl · secrets masked on screen (presenter mode) but y copies them · R masks")
	default:
		head = st.Title.Render("curl") + st.Muted.Render(" · secrets masked · R reveals them · y copies")
	}
	lines, cut := curlLines(p.req, showSecrets, p.redact, p.width, st)
	var rows []row
	rows = append(rows, staticRows(wrapIndent("", head, 0, p.width)...)...)
	if cut {
		rows = append(rows, staticRows(wrapIndent("", st.Muted.Render("A line ending in … is cut here; y copies the whole command."), 0, p.width)...)...)
	}
	rows = append(rows, row{})
	p.sc.setRows(append(rows, staticRows(lines...)...))
}

// curlLines lays out the curl command of sent for a pane width cells wide,
// so that what the pane shows, copied with the mouse, is a command a shell
// runs: lines break only between arguments and inside a JSON body's quotes
// (ro's CurlLines), never with an indent inside an argument. A line still
// wider than the pane holds one value that cannot be broken (a revealed
// token, a long URL): it is cut with a muted …, and cut says so, for y
// copies the whole command. In presenter mode e-mail addresses are masked.
func curlLines(sent ro.SentRequest, reveal, redact bool, width int, st *Styles) (lines []string, cut bool) {
	for _, l := range sent.CurlLines(reveal, width) {
		if redact {
			l = redactText(l)
		}
		l = safe(l)
		if cells(l) > width {
			l, cut = ansi.Truncate(l, max(width-1, 0), "")+st.Muted.Render("…"), true
		}
		lines = append(lines, l)
	}
	return lines, cut
}
