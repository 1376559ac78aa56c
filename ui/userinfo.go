package ui

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
)

// The /userinfo pane: u (on it, on the Summary or on the access-token pane)
// calls GET {tenant}/userinfo with the access token and shows the profile,
// or the refusal with its WWW-Authenticate header explained.

// userinfoTimeout bounds one /userinfo call.
const userinfoTimeout = 15 * time.Second

// userinfoKey starts the call.
const userinfoKey = "u"

// userinfoState is shared by the panes of one set: whichever pane the key
// was pressed on receives the answer, and the /userinfo pane shows it.
type userinfoState struct {
	client   *ro.Client // nil: one of its own
	domain   string
	insecure bool
	token    string     // the access token: sent, never drawn
	echoes   *ro.Echoes // the form's secrets, masked in the answer

	calling bool
	seq     int // which call an answer belongs to
	version int // bumped on every change, so the pane knows to lay out again
	ex      *ro.Exchange
	err     error
}

type (
	// userinfoMsg is the answer of one /userinfo call of one pane set.
	userinfoMsg struct {
		set *paneSet
		seq int
		ex  *ro.Exchange
		err error
	}
)

func (userinfoMsg) paneMsg() {}

// start begins a call unless one is in flight; the command does the I/O.
func (u *userinfoState) start(set *paneSet) tea.Cmd {
	if u == nil || u.calling {
		return nil
	}
	u.calling, u.ex, u.err = true, nil, nil
	u.seq++
	u.version++
	seq, domain, insecure, token, echoes := u.seq, u.domain, u.insecure, u.token, u.echoes
	client := u.client
	if client == nil {
		client = ro.NewClient(ro.ClientOptions{Timeout: userinfoTimeout})
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), userinfoTimeout)
		defer cancel()
		ex, err := client.UserInfo(ctx, domain, insecure, token)
		ex.MaskEchoes(echoes) // a profile quoting the password, say
		return userinfoMsg{set: set, seq: seq, ex: ex, err: err}
	}
}

// take records an answer meant for this set's latest call.
func (u *userinfoState) take(set *paneSet, msg userinfoMsg) bool {
	if u == nil || msg.set != set || msg.seq != u.seq {
		return false
	}
	u.calling, u.ex, u.err = false, msg.ex, msg.err
	u.version++
	return true
}

// userinfoPane shows the state of the /userinfo call.
type userinfoPane struct {
	set    *paneSet
	u      *userinfoState
	redact bool
	st     *Styles
	seen   int // the state version laid out

	width, height int
	sc            scroller
}

func newUserinfoPane(set *paneSet, s Subject, st *Styles) *userinfoPane {
	return &userinfoPane{set: set, u: set.userinfo, redact: s.Redact, st: st, seen: -1}
}

// Title is "/userinfo".
func (p *userinfoPane) Title() string { return "/userinfo" }

// SetSize lays the pane out for its rectangle.
func (p *userinfoPane) SetSize(width, height int) {
	p.width, p.height = max(width, 0), max(height, 0)
	p.layout()
}

// SetStyles re-styles the pane.
func (p *userinfoPane) SetStyles(st *Styles) { p.st = st; p.layout() }

// Tick does nothing: nothing here counts down.
func (p *userinfoPane) Tick(now time.Time) {}

// Update calls /userinfo on u, scrolls, and takes the answer.
func (p *userinfoPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case userinfoMsg:
		if p.u.take(p.set, msg) {
			p.layout()
		}
	case tea.KeyPressMsg:
		if msg.String() == userinfoKey {
			cmd := p.u.start(p.set)
			p.layout()
			return cmd
		}
		p.sc.scrollKey(msg.String())
	}
	return nil
}

// View draws the pane, laying it out again if the call moved on (the answer
// may have reached another pane of the set first).
func (p *userinfoPane) View() string {
	if p.seen != p.u.version {
		p.layout()
	}
	return p.sc.view(p.st)
}

// CopyToken has no token of its own.
func (p *userinfoPane) CopyToken() (string, bool) { return "", false }

// CopyJSON gives the profile as it came.
func (p *userinfoPane) CopyJSON() (string, bool) {
	if p.u.ex == nil || len(p.u.ex.Body) == 0 {
		return "", false
	}
	return string(p.u.ex.Body), true
}

func (p *userinfoPane) layout() {
	p.seen = p.u.version
	p.sc.width, p.sc.height = p.width, p.height
	if p.width <= 0 {
		p.sc.setRows(nil)
		return
	}
	st, u, w := p.st, p.u, p.width
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(wrapIndent("", st.Title.Render("GET /userinfo")+st.Muted.Render(" with the access token · u calls it (here, on the Summary or the access token's pane)"), 2, w)...)
	switch {
	case u.calling:
		add("", st.Muted.Render("… calling "+safe(u.domain)+"/userinfo"))
	case u.ex == nil && u.err == nil:
		add("")
		add(wrapIndent("", st.Muted.Render("Not called yet. The legacy /oauth/ro access token is good for this call only: it returns the user's whole profile."), 0, w)...)
	default:
		add("")
		add(userinfoLines(u.ex, u.err, w, st, p.redact)...)
	}
	p.sc.setRows(staticRows(lines...))
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
			out = append(out, hardwrap(l, width)...)
		}
	}
	return out
}

// authParam reads the key="value" pairs of a WWW-Authenticate challenge.
var authParam = regexp.MustCompile(`([A-Za-z_]+)="([^"]*)"`)

// wwwAuthenticateLines explain a Bearer challenge (RFC 6750 §3) in words.
func wwwAuthenticateLines(h string, width int, st *Styles) []string {
	params := map[string]string{}
	for _, m := range authParam.FindAllStringSubmatch(h, -1) {
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
