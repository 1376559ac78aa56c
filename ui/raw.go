package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
)

// rawPane shows the exchange as it went: the response first (status line,
// headers, body pretty and coloured), then the request with its secrets masked.
type rawPane struct {
	paneBase
	ex     *ro.Exchange
	redact bool

	lines   []string // styled, not yet fitted: built for the styles
	builtSt *Styles  // the styles lines were built for
}

func newRawPane(r *Result, st *Styles) *rawPane {
	p := &rawPane{paneBase: newPaneBase("Raw", r, st), ex: r.subject.Exchange, redact: r.subject.Redact}
	p.build()
	return p
}

// Update scrolls.
func (p *rawPane) Update(msg tea.Msg) tea.Cmd {
	p.scroll(msg)
	return nil
}

// View draws the window, wrapped again after a change of size or styles.
func (p *rawPane) View() string {
	if p.stale() {
		if p.builtSt != p.st {
			p.build()
		}
		p.layout()
	}
	return p.sc.view(p.st)
}

// CopyToken gives the access token, when one came back.
func (p *rawPane) CopyToken() (string, bool) {
	if p.ex.Tokens != nil && p.ex.Tokens.AccessToken != "" {
		return p.ex.Tokens.AccessToken, true
	}
	return "", false
}

// CopyNames says what c and y copy here.
func (p *rawPane) CopyNames() (token, json string) { return "access token", "response body" }

// CopyJSON gives the response body as it came, but for echoes of the
// secrets sent, which ro masked.
func (p *rawPane) CopyJSON() (string, bool) { return string(p.ex.Body), len(p.ex.Body) > 0 }

func (p *rawPane) layout() {
	var rows []row
	for _, l := range p.lines {
		for _, w := range hardwrapIndented(l, p.width) {
			rows = append(rows, row{text: w})
		}
	}
	p.sc.setRows(rows)
}

func (p *rawPane) build() {
	st, ex := p.st, p.ex
	p.builtSt = st
	var out []string
	out = append(out, st.Heading.Render("Response"))
	if ex.Status == 0 {
		out = append(out, st.Error.Render("no answer"))
		if ex.Err != nil {
			out = append(out, st.Muted.Render(safe(ex.Err.Error())))
		}
	} else {
		out = append(out, st.Label.Render(itoa(ex.Status)+" "+http.StatusText(ex.Status))+st.Muted.Render(" · "+fmtLatency(ex.Latency)))
		out = append(out, headerLines(ex.Header, st, p.redact)...)
		out = append(out, "")
		out = append(out, bodyLines(ex.Body, "", st, p.redact)...)
		if ex.BodyTruncated {
			out = append(out, st.Warning.Render("… the body was cut at "+itoa(ro.MaxBody)+" bytes"))
		}
	}

	req := ex.Request.Masked()
	out = append(out, "", st.Heading.Render("Request"))
	out = append(out, st.Label.Render(safe(req.Method))+" "+safe(req.URL))
	out = append(out, headerLines(req.Header, st, p.redact)...)
	if len(req.Body) > 0 {
		out = append(out, "")
		if l, ok := prettyJSON(req.Body, st, p.redact); ok {
			out = append(out, l...)
		} else if strings.Contains(req.Header.Get("Content-Type"), "x-www-form-urlencoded") {
			out = append(out, formLines(string(req.Body), st, p.redact)...)
		} else {
			text := string(req.Body)
			if p.redact {
				text = redactText(text)
			}
			out = append(out, textLines(text, 200)...)
		}
	}
	// The password flow found its token endpoint first: that call is part
	// of what went out. (When discovery itself failed, it is the exchange
	// above.)
	if d := ex.Discovery; d != nil && d.URL != ex.Request.URL {
		out = append(out, "", st.Heading.Render("Discovery")+st.Muted.Render(" · before the call, to find the token endpoint"))
		out = append(out, st.Label.Render("GET")+" "+safe(d.URL))
		out = append(out, st.Label.Render(itoa(d.Status)+" "+http.StatusText(d.Status))+st.Muted.Render(" · "+fmtLatency(d.Latency)))
		if len(d.Body) > 0 {
			out = append(out, "")
			out = append(out, bodyLines(d.Body, "", st, p.redact)...)
		}
	}
	p.lines = out
}

// headerLines lists headers sorted by name, one value a line, made safe;
// in presenter mode cookies and credentials are masked too.
func headerLines(h http.Header, st *Styles, redact bool) []string {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	var out []string
	for _, k := range names {
		for _, v := range h[k] {
			if redact {
				switch http.CanonicalHeaderKey(k) {
				case "Set-Cookie", "Cookie", "Authorization", "Proxy-Authorization":
					v = mask(v)
				default:
					v = redactText(v)
				}
			}
			out = append(out, st.JSONKey.Render(safe(k))+": "+safe(v))
		}
	}
	return out
}

// formLines shows a form-encoded body one field a line, decoded.
func formLines(body string, st *Styles, redact bool) []string {
	var out []string
	for _, part := range strings.Split(body, "&") {
		k, v, _ := strings.Cut(part, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		if redact {
			if m, ok := redactValue(k, v); ok {
				v = m
			}
		}
		out = append(out, st.JSONKey.Render(safe(k))+" = "+st.JSONString.Render(safe(v)))
	}
	return out
}

// CopyChoices are the tokens of the answer, for c to ask which to copy.
func (p *rawPane) CopyChoices() []copyChoice { return exchangeChoices(p.ex) }
