package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/report"
	"github.com/rotui/rotui/ro"
)

// summaryBodyLines is how much of an error body the Summary shows; Raw has it all.
const summaryBodyLines = 12

// summaryPane is the first pane: what happened, in one screen.
type summaryPane struct {
	paneBase
	s        Subject // secrets stay in here: only masked or derived text is drawn
	toks     []*subjectToken
	why      [][]string // per token
	findings []inspect.Finding
}

func newSummaryPane(r *Result, toks []*subjectToken, st *Styles) *summaryPane {
	p := &summaryPane{paneBase: newPaneBase("Summary", r, st), s: r.subject, toks: toks, findings: r.insp.Findings}
	for _, t := range toks {
		why := slices.Clone(t.Why)
		for j, w := range why {
			// The Summary has no parts below: they are on the token's pane.
			if w == inspect.WhyMalformed {
				why[j] = malformedWhySummary
			}
		}
		if nk := t.noKey(); nk != "" {
			why = append(why, upperFirst(nk)+".")
		}
		p.why = append(p.why, why)
	}
	return p
}

// Update scrolls.
func (p *summaryPane) Update(msg tea.Msg) tea.Cmd {
	p.scroll(msg)
	return nil
}

// View draws the rows in the window, laid out again when the result moved
// on (a verification, say) or the size or styles changed.
func (p *summaryPane) View() string {
	if p.stale() {
		p.layout()
	}
	return p.sc.view(p.st)
}

// CopyToken gives the access token (or the ID token, or the pasted one).
func (p *summaryPane) CopyToken() (string, bool) {
	for _, r := range []inspect.Role{inspect.RoleAccess, inspect.RoleID, inspect.RolePasted} {
		for _, t := range p.toks {
			if t.Role == r && t.Decoded.Raw != "" {
				return t.Decoded.Raw, true
			}
		}
	}
	return "", false
}

// CopyNames says which token c copies and that y copies the response body
// (or a pasted token's claims).
func (p *summaryPane) CopyNames() (token, json string) {
	token = "token"
	if tok, ok := p.CopyToken(); ok {
		for _, t := range p.toks {
			if t.Decoded.Raw == tok {
				token = map[inspect.Role]string{inspect.RoleAccess: "access token", inspect.RoleID: "ID token"}[t.Role]
				if token == "" {
					token = "token"
				}
				break
			}
		}
	}
	if p.s.Exchange != nil {
		return token, "response body"
	}
	return token, "claims"
}

// CopyJSON gives the response body as it came, or a pasted token's claims.
func (p *summaryPane) CopyJSON() (string, bool) {
	if ex := p.s.Exchange; ex != nil {
		return string(ex.Body), len(ex.Body) > 0
	}
	for _, t := range p.toks {
		if json.Valid(t.Decoded.ClaimsJSON) {
			var b bytes.Buffer
			if json.Indent(&b, t.Decoded.ClaimsJSON, "", "  ") == nil {
				return b.String(), true
			}
		}
	}
	return "", false
}

func (p *summaryPane) layout() {
	if p.width <= 0 {
		p.sc.setRows(nil)
		return
	}
	p.sc.setRows(p.rows(p.width))
}

func (p *summaryPane) rows(width int) []row {
	st := p.st
	var rows []row
	add := func(lines ...string) { rows = append(rows, staticRows(lines...)...) }
	ex := p.s.Exchange

	if ex == nil {
		for i, t := range p.toks {
			rows = append(rows, pastedRows(p.r, t, p.why[i], width, st)...)
		}
		if len(p.toks) == 0 {
			add(wrapIndent("", st.Muted.Render("Nothing was pasted."), 0, width)...)
		}
		if p.s.Redact {
			add("")
			add(wrapIndent("", st.Muted.Render(redactedNote), 0, width)...)
		}
		return rows
	}

	// The status line: status, latency, flow, endpoint.
	status := st.Error.Render("no answer")
	if ex.Status != 0 {
		text := itoa(ex.Status) + " " + http.StatusText(ex.Status)
		if ex.Status < 300 {
			status = st.Success.Render(text)
		} else {
			status = st.Error.Render(text)
		}
	}
	flow := ex.Flow
	if flow == "" {
		flow = ro.FlowRO
	}
	head := status + st.Muted.Render(" · "+fmtLatency(ex.Latency)+" · flow "+safe(string(flow))+" · ") +
		safe(ex.Request.Method+" "+ex.Request.URL)
	add(wrapIndent("", head, 2, width)...)
	if ex.RefreshRoute != nil {
		add(refreshLines(p.s, ex.RefreshRoute, width, st)...)
	}
	if rl := ex.RateLimit; rl.Shown() {
		text := st.Label.Render("Rate limit") + "  " + safe(rl.Summary())
		if rl.Reset.IsZero() {
			add(fit(text, width))
		} else {
			reset := rl.Reset
			rows = append(rows, row{live: func(now time.Time, w int) string {
				verb := " · resets "
				if !now.Before(reset) {
					verb = " · the window reset at " // the counts above are from before it
				}
				rel := jwtview.Relative(reset, now)
				line := text + paintsOf(st).muted.on(verb+reset.UTC().Format("15:04:05 UTC")+", "+rel)
				if cells(line) > w {
					// Narrow: the countdown matters more than the clock time.
					line = text + paintsOf(st).muted.on(" · reset "+rel)
				}
				return line
			}})
		}
	}

	if v := p.r.revoked; v != nil {
		add(revocationLines(v, width, st)...)
	}
	if ex.Err != nil {
		rows = append(rows, p.errorRows(ex, width)...)
	}

	if len(p.toks) > 0 {
		add("", st.Heading.Render("Tokens"))
		for _, t := range p.toks {
			rows = append(rows, tokenSummaryRows(p.r, t, width, st)...)
		}
	}
	if ex.Err == nil {
		add(comparedLines(p.s, p.r.insp.Token(inspect.RoleID), p.findings, width, st)...)
	}
	if len(p.findings) > 0 {
		add("", st.Heading.Render("Checks")+" "+findingsTally(p.findings, p.s.Exchange, st))
		for _, f := range p.findings {
			add(wrapIndent("  "+levelMark(f.Level, st)+" "+st.Label.Render(padRight(f.Name, 13))+" ", safe(f.Detail), 18, width)...)
		}
	}
	// Why each token looks the way it does: after the facts, so that a
	// small screen shows the tokens and the checks first.
	heading := false
	for i, t := range p.toks {
		for _, w := range p.why[i] {
			if !heading {
				add("", st.Heading.Render("Why"))
				heading = true
			}
			add(wrapIndent("  "+st.Label.Render(t.Role.String()+":")+" ", st.Muted.Render(w), 2, width)...)
		}
	}
	if p.r.userinfo != nil {
		add("", fit(st.Muted.Render("u calls /userinfo with the access token (its own pane shows the answer)"), width))
	}
	if p.s.Redact {
		add("", fit(st.Muted.Render(redactedNote), width))
	}
	return rows
}

// errorRows explain a failed call: error, description, hint, body.
func (p *summaryPane) errorRows(ex *ro.Exchange, width int) []row {
	st := p.st
	var lines []string
	var apiErr *ro.APIError
	var netErr *ro.NetworkError
	enrolFrom, enrolTo := 0, 0 // the enrolment's rows under its heading: one block
	switch {
	case errors.As(ex.Err, &apiErr):
		code := apiErr.Code
		if code == "" {
			code = "HTTP " + itoa(apiErr.Status)
		}
		lines = append(lines, "")
		lines = append(lines, wrapIndent(st.Error.Render("✗ "+safe(code)), "", 2, width)...)
		if apiErr.Description != "" {
			lines = append(lines, wrapIndent("  ", safe(apiErr.Description), 2, width)...)
		}
		if w := p.lockoutWarning(ex); w != "" {
			// Before the hint: on a small screen it is the line that matters.
			lines = append(lines, wrapIndent("  "+st.Warning.Render("! "), st.Warning.Render(safe(w)), 4, width)...)
		}
		if apiErr.MFASettings != nil {
			// Before the hint, so that at 120×36 the QR code shows whole.
			enrolFrom = len(lines) + 2 // after its blank line and heading
			lines = append(lines, enrolmentLines(apiErr.MFASettings, p.s.Redact, width, p.height, st)...)
			enrolTo = len(lines)
		}
		switch {
		case p.s.revokedBefore != nil:
			// rotui knows why: the generic "it was revoked, or…" would
			// only make the person guess.
			lines = append(lines, "", st.Heading.Render("Hint"))
			lines = append(lines, wrapIndent("  ", revokedByRotui(p.s.revokedBefore)+": the tenant refuses it from then on. Log in again for a new one.", 2, width)...)
		case apiErr.Hint != "":
			lines = append(lines, "", st.Heading.Render("Hint"))
			lines = append(lines, wrapIndent("  ", safe(apiErr.Hint), 2, width)...)
		}
		if apiErr.SuggestRealm {
			lines = append(lines, wrapIndent("  ", st.Accent.Render("m sends the same login with the realm flow now: POST /oauth/token, the connection sent as realm."), 2, width)...)
		}
		lines = append(lines, sessionOfferLines(apiErr, width, st)...)
		// ro's hint for a 429 already says when to retry; say it only when
		// it does not, so the time is not read twice.
		// Brute-force protection (too_many_attempts) lasts until the user is
		// unblocked: the rate limiter's reset is no time to retry it.
		if !apiErr.RetryAt.IsZero() && apiErr.Code != "too_many_attempts" && !strings.Contains(apiErr.Hint, apiErr.RetryAt.UTC().Format("15:04:05")) {
			lines = append(lines, wrapIndent("  ", st.Muted.Render("The server says to retry after "+apiErr.RetryAt.UTC().Format(timeLayout)+"."), 2, width)...)
		}
		body := bodyLines(ex.Body, apiErr.Body, st, p.s.Redact)
		if len(body) > 0 {
			lines = append(lines, "", st.Heading.Render("Body"))
			if len(body) > summaryBodyLines {
				body = append(body[:summaryBodyLines:summaryBodyLines], st.Muted.Render("… the Raw pane has the rest"))
			}
			for _, l := range body {
				// A wrapped JSON line goes on under itself, deeper than
				// its key, as on Raw.
				lines = append(lines, hardwrapIndented("  "+l, width)...)
			}
		}
	case errors.As(ex.Err, &netErr):
		lines = append(lines, "")
		lines = append(lines, wrapIndent(st.Error.Render("✗")+" ", safe(netErr.Error()), 2, width)...)
		switch {
		case netErr.Canceled:
			lines = append(lines, wrapIndent("  ", st.Muted.Render("The call was cancelled before an answer came."), 2, width)...)
		case netErr.Timeout:
			lines = append(lines, wrapIndent("  ", st.Muted.Render("No answer in time: check the domain, the network, or raise the timeout."), 2, width)...)
		}
	default:
		lines = append(lines, "")
		lines = append(lines, wrapIndent(st.Error.Render("✗")+" ", safe(ex.Err.Error()), 2, width)...)
	}
	rows := staticRows(lines...)
	for i := enrolFrom; i < enrolTo; i++ {
		rows[i].joined = true
	}
	return rows
}

// lockoutWarning is how many wrong passwords are left before Auth0 locks
// the user out, once that is close, or how long the lock lasts once it is
// on; "" for any other answer.
func (p *summaryPane) lockoutWarning(ex *ro.Exchange) string {
	who := p.s.Request.Username
	if p.s.Redact {
		who = maskWho(who)
	}
	switch inspect.LoginOutcome(ex) {
	case inspect.OutcomeWrongPassword:
		return inspect.LockoutWarning(p.s.FailuresInARow, who, p.s.Demo)
	case inspect.OutcomeLocked:
		return inspect.LockoutWarning(max(p.s.FailuresInARow, inspect.LockoutAfter), who, p.s.Demo)
	}
	return ""
}

// bodyLines renders a body: pretty JSON when it is JSON, else text (cut).
func bodyLines(body []byte, text string, st *Styles, redact bool) []string {
	if len(body) > 0 {
		if l, ok := prettyJSON(body, st, redact); ok {
			return l
		}
	}
	if text == "" {
		text = string(body)
	}
	if text == "" {
		return nil
	}
	if redact {
		text = redactText(text)
	}
	return textLines(text, 200)
}

// textLines makes untrusted text safe, line by line, keeping at most n lines.
func textLines(text string, n int) []string {
	lines := safeLines(strings.TrimRight(text, "\r\n"))
	if len(lines) > n {
		more := len(lines) - n
		lines = append(lines[:n:n], "… cut: "+itoa(more)+" more lines")
	}
	return lines
}

// tokenSummaryRows is one token in the Summary: kind, signature, countdown.
func tokenSummaryRows(r *Result, t *subjectToken, width int, st *Styles) []row {
	tok := t.Decoded
	desc := tok.Kind.String()
	if alg := tok.Alg(); alg != "" && tok.Kind != jwtview.KindOpaque {
		desc += " " + safe(alg)
	}
	if tok.Kind == jwtview.KindOpaque {
		desc += " · " + t.length
	}
	if tok.Kind == jwtview.KindJWS {
		desc += " · " + signatureState(r, t, st)
	}
	var rows []row
	rows = append(rows, staticRows(wrapIndent("  "+st.Label.Render(padRight(t.Role.String(), 14))+" ", desc, 17, width)...)...)
	switch {
	case t.LifeFromExpiresIn:
		life := t.Lifetime
		note := st.Muted.Render(" · from expires_in")
		nw := ansi.StringWidth(note)
		rows = append(rows, row{live: func(now time.Time, w int) string {
			// The note goes only where the bar keeps its whole width, so
			// that it lines up with the other tokens' bars.
			c := countdown(life, now, w-4, st)
			if ansi.StringWidth(c)+nw <= w-4 {
				c += note
			}
			return "    " + c
		}})
	case tok.Kind == jwtview.KindJWS:
		life := t.Lifetime
		rows = append(rows, row{live: func(now time.Time, w int) string {
			return "    " + countdown(life, now, w-4, st)
		}})
	}
	return rows
}

// signatureState is a few words on the signature: verified, failed, checking.
func signatureState(r *Result, t *subjectToken, st *Styles) string {
	switch {
	case t.Verification != nil:
		for _, c := range t.Verification.Checks {
			if c.Outcome == jwtview.Failed {
				return st.Error.Render("✗ " + safe(c.Name) + " failed")
			}
		}
		for _, c := range t.Verification.Checks {
			if c.Name == "signature" && c.Outcome == jwtview.Passed {
				s := "✓ verified"
				if t.Verification.KeyID != "" {
					s += " (kid " + safe(cut(t.Verification.KeyID, 16)) + ")"
				}
				return st.Success.Render(s)
			}
		}
		return st.Muted.Render("– signature not checked")
	case r.Verifying(t.Role):
		return st.Muted.Render("… checking signature")
	}
	return st.Muted.Render("– signature not checked")
}

// pastedRows summarise a pasted token: who it is for, from whom, its checks.
func pastedRows(r *Result, t *subjectToken, why []string, width int, st *Styles) []row {
	tok := t.Decoded
	redact, echoes := r.subject.Redact, r.echoes
	var rows []row
	add := func(lines ...string) { rows = append(rows, staticRows(lines...)...) }
	head := "Pasted token · " + tok.Kind.String()
	if alg := tok.Alg(); alg != "" && tok.Kind != jwtview.KindOpaque {
		head += " · " + safe(alg)
	}
	head += " · " + t.length
	add(wrapIndent("", st.Title.Render(head), 2, width)...)
	if tok.Kind == jwtview.KindJWS {
		life := t.Lifetime
		rows = append(rows, row{live: func(now time.Time, w int) string { return countdown(life, now, w, st) }})
	}
	rows = append(rows, verificationLines(r, t, width, st)...)
	rows = append(rows, problemRows(tok, width, st)...)
	var who []string
	for _, name := range []string{"iss", "sub", "aud", "azp", "scope", "permissions", "email"} {
		if _, ok := tok.Claim(name); ok {
			who = append(who, name)
		}
	}
	if len(who) > 0 {
		add("")
		blocks := fieldBlocks(pick(tok.Claims, who), redact, echoes)
		rows = append(rows, fieldRows(blocks, "", 1, width, st)...)
	}
	for _, w := range why {
		add(wrapIndent("", st.Muted.Render(w), 0, width)...)
	}
	// The pane is named as its tab is ("Pasted ID token"), so that the
	// sentence leads to a tab the person can see.
	pane := "The " + pastedTitle(r.insp.PastedRole()) + " pane"
	switch tok.Kind {
	case jwtview.KindJWS:
		add(fit(st.Muted.Render(pane+" has every claim."), width))
	case jwtview.KindJWE:
		// Its claims are encrypted: the pane has the header, not claims.
		add(fit(st.Muted.Render(pane+" has its header."), width))
	}
	return rows
}

// pick keeps the fields named, in the order they were sent.
func pick(fields []jwtview.Field, names []string) []jwtview.Field {
	var out []jwtview.Field
	for _, f := range fields {
		for _, n := range names {
			if f.Name == n {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

func levelMark(l inspect.Level, st *Styles) string {
	switch l {
	case inspect.LevelOK:
		return st.Success.Render("✓")
	case inspect.LevelWarn:
		return st.Warning.Render("!")
	case inspect.LevelBad:
		return st.Error.Render("✗")
	}
	return st.Muted.Render("i")
}

// findingsTally is inspect's word on the checks of ex's answer (TallyText:
// "all consistent", "1 failed, 2 warnings", or what little an answer
// without tokens let be checked), coloured by the worst of them.
func findingsTally(fs []inspect.Finding, ex *ro.Exchange, st *Styles) string {
	text := "· " + inspect.TallyText(fs, ex)
	switch bad, warn := inspect.Tally(fs); {
	case bad > 0:
		return st.Error.Render(text)
	case warn > 0:
		return st.Warning.Render(text)
	case ex != nil && ex.Tokens == nil:
		return st.Muted.Render(text) // nothing passed: only the clock was compared
	}
	return st.Success.Render(text)
}

// Report gives the shareable report of this set: what was decoded and
// verified here, so nothing is decoded or fetched again.
func (p *summaryPane) Report() *report.Report {
	r := report.FromInspection(p.r.insp)
	r.Now = p.sc.now
	if r.Now.IsZero() {
		r.Now = p.s.Now
	}
	if u := p.r.userinfo; u != nil && !u.calling {
		r.UserInfo = u.ex
	}
	for _, secret := range []string{p.s.ClientSecret, string(p.s.Secret), p.s.Request.Password, p.s.Request.Bearer, p.s.Request.IDToken, p.s.Request.MFACode, p.s.RefreshToken, p.s.Pasted} {
		if strings.TrimSpace(secret) != "" {
			r.Secrets = append(r.Secrets, secret)
		}
	}
	return r
}

// upperFirst capitalises the first letter of a sentence made from a clause.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// CopyChoices are a login's tokens, for c to ask which to copy; a pasted
// token is the only one, and c copies it.
func (p *summaryPane) CopyChoices() []copyChoice { return exchangeChoices(p.s.Exchange) }
