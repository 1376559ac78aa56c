package ui

import (
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// The /userinfo pane: u (on any pane of the result) calls GET
// {tenant}/userinfo with the access token and shows the profile, or the
// refusal with its WWW-Authenticate header explained. The call and its
// answer are the result's (Result.startUserinfo); this pane draws them.

// userinfoPane shows the state of the result's /userinfo call; a profile
// is drawn as a token's claims are, one line each with a cursor.
type userinfoPane struct {
	paneBase
	redact bool

	profile profile // the answer's claims, made safe once
	list    claimList
}

// profile is the claims of a profile answer (/userinfo's, /tokeninfo's),
// read and made safe once per answer.
type profile struct {
	fields []fieldBlock
	of     *ro.Exchange // the answer they were read from
}

// read reads the claims of a profile that came back whole (a JSON object
// with a 2xx); anything else has none and is drawn as a body.
func (p *profile) read(ex *ro.Exchange, err error, redact bool, echoes *ro.Echoes) []fieldBlock {
	if ex == p.of {
		return p.fields
	}
	p.fields, p.of = nil, ex
	if ex == nil || err != nil || ex.Status < 200 || ex.Status >= 300 || len(ex.Body) == 0 {
		return nil
	}
	if fields, ferr := jwtview.DecodeClaims(ex.Body); ferr == nil {
		p.fields = fieldBlocks(fields, redact, echoes)
	}
	return p.fields
}

func newUserinfoPane(r *Result, st *Styles) *userinfoPane {
	return &userinfoPane{paneBase: newPaneBase("/userinfo", r, st), redact: r.subject.Redact}
}

// Keys are scrolling, and with a profile the cursor and the notes.
func (p *userinfoPane) Keys() []key.Binding {
	if len(p.profile.fields) == 0 {
		return p.paneBase.Keys()
	}
	return []key.Binding{p.keys.Page, p.keys.Cursor, notesKey(p.keys.Notes, p.list.all)}
}

// Update moves the cursor over the profile, or scrolls; n shows every note.
func (p *userinfoPane) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if p.stale() {
		p.layout() // the cursor moves over the rows as they will be drawn
	}
	if key.Matches(k, p.keys.Notes) && len(p.profile.fields) > 0 {
		p.list.toggleNotes()
		p.laid = -1
		return nil
	}
	p.list.move(k, p.keys.Scroll, &p.sc)
	return nil
}

// View draws the pane, laid out again when the call moved on.
func (p *userinfoPane) View() string {
	if p.stale() {
		p.layout()
	}
	return p.sc.viewWith(p.st, p.list.below)
}

// CopyToken has no token of its own.
func (p *userinfoPane) CopyToken() (string, bool) { return "", false }

// CopyJSON gives the profile as it came.
func (p *userinfoPane) CopyJSON() (string, bool) {
	u := p.r.userinfo
	if u.ex == nil || len(u.ex.Body) == 0 {
		return "", false
	}
	return string(u.ex.Body), true
}

func (p *userinfoPane) layout() {
	if p.width <= 0 {
		p.sc.setRows(nil)
		return
	}
	st, u, w := p.st, p.r.userinfo, p.width
	fields := p.profile.read(u.ex, u.err, p.redact, p.r.echoes)
	p.sc.height = p.list.begin(w, p.height, len(fields) > 0, st)
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(wrapIndent("", st.Title.Render("GET /userinfo")+st.Muted.Render(" with the access token · u calls it, from any pane of this result"), 2, w)...)
	switch {
	case u.calling:
		add("", st.Muted.Render("… calling "+safe(u.domain)+"/userinfo"))
	case u.ex == nil && u.err == nil:
		add("")
		add(wrapIndent("", st.Muted.Render("Not called yet. The legacy /oauth/ro access token is good for this call only: it returns the user's whole profile."), 0, w)...)
	case len(fields) > 0:
		add("")
		add(userinfoLines(u.ex, nil, w, st, p.redact)[0])
		add("", p.list.heading(st, "Profile", true, ""))
	default:
		add("")
		add(userinfoLines(u.ex, u.err, w, st, p.redact)...)
	}
	rows := staticRows(lines...)
	if len(fields) > 0 {
		rows = p.list.fieldRows(rows, fields, "", maxNoteLines)
	}
	p.sc.setRows(rows)
	p.list.finish(&p.sc)
}

// userinfoLines render an answer of /userinfo: the profile, or why not.
func userinfoLines(ex *ro.Exchange, err error, width int, st *Styles, redact bool) []string {
	var out []string
	if ex != nil && ex.Status != 0 {
		status := itoa(ex.Status) + " " + http.StatusText(ex.Status)
		if ex.Status < 300 {
			status = st.Success.Render(status)
		} else {
			status = st.Error.Render(status)
		}
		out = append(out, status+st.Muted.Render(" · "+fmtLatency(ex.Latency)+" · ")+safe(ex.Request.URL))
	}
	if err != nil {
		var apiErr *ro.APIError
		var valErr *ro.ValidationError
		switch {
		case errors.As(err, &apiErr):
			code := apiErr.Code
			if code == "" {
				code = "HTTP " + itoa(apiErr.Status)
			}
			out = append(out, wrapIndent(st.Error.Render("✗ "+safe(code)), "", 2, width)...)
			if apiErr.Description != "" {
				out = append(out, wrapIndent("  ", safe(apiErr.Description), 2, width)...)
			}
			if ex != nil {
				if wa := ex.Header.Get("WWW-Authenticate"); wa != "" {
					out = append(out, "", st.Heading.Render("WWW-Authenticate"))
					out = append(out, wrapIndent("  ", safe(wa), 2, width)...)
					out = append(out, wwwAuthenticateLines(wa, width, st)...)
				}
			}
			if apiErr.Hint != "" {
				out = append(out, "", st.Heading.Render("Hint"))
				out = append(out, wrapIndent("  ", safe(apiErr.Hint), 2, width)...)
			}
		case errors.As(err, &valErr):
			out = append(out, wrapIndent(st.Error.Render("✗ ")+" ", safe(valErr.Error()), 3, width)...)
		default:
			out = append(out, wrapIndent(st.Error.Render("✗ ")+" ", safe(err.Error()), 3, width)...)
		}
	}
	if ex != nil && len(ex.Body) > 0 {
		title := "Profile"
		if err != nil {
			title = "Body"
		}
		out = append(out, "", st.Heading.Render(title))
		for _, l := range bodyLines(ex.Body, "", st, redact) {
			out = append(out, hardwrapIndented(l, width)...)
		}
	}
	return out
}

// authParam reads the key="value" pairs of a WWW-Authenticate challenge.
// Compiled on first use: rotui decode never needs it, and starts faster.
var authParam = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`([A-Za-z_]+)="([^"]*)"`) })

// wwwAuthenticateLines explain a Bearer challenge (RFC 6750 §3) in words.
func wwwAuthenticateLines(h string, width int, st *Styles) []string {
	params := map[string]string{}
	for _, m := range authParam().FindAllStringSubmatch(h, -1) {
		params[strings.ToLower(m[1])] = m[2]
	}
	var why string
	switch params["error"] {
	case "invalid_token":
		why = "invalid_token: the token is expired, revoked, malformed or not from this tenant (RFC 6750 §3.1). Log in again for a fresh one."
	case "insufficient_scope":
		why = "insufficient_scope: the token lacks a scope this call needs (RFC 6750 §3.1); ask for openid (and profile, email) when logging in."
	case "invalid_request":
		why = "invalid_request: the call itself was malformed, e.g. the token sent twice (RFC 6750 §3.1)."
	case "":
		why = "No error code: the server wants a Bearer token and got none it accepts."
	default:
		why = safe(params["error"]) + ": an error code outside RFC 6750."
	}
	out := wrapIndent("  ", st.Muted.Render(why), 2, width)
	if d := params["error_description"]; d != "" {
		out = append(out, wrapIndent("  ", st.Muted.Render("The server says: "+safe(d)), 2, width)...)
	}
	return out
}
