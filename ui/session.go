package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
)

// The calls of a legacy session after its first answer (DESIGN.md,
// "Flows"): o puts the cursor in the MFA code field after a0.mfa_required;
// s (ctrl+t on the form) asks a passwordless connection to send its code;
// f uses the refresh token on screen the way its flow allows and opens the
// answer as a new result; X revokes that refresh token once y confirms; t
// calls /tokeninfo with the ID token on screen. Where each call goes and
// why is ro's to say; this file starts them and says what came of them.

// confirmation is a question waiting in the status line for y (or n, esc):
// so far only whether to revoke the refresh token of result of.
type confirmation struct {
	of      int
	refresh ro.Refresh
}

// apiErrorOf is the server's refusal that result e shows, or nil.
func apiErrorOf(e *entry) *ro.APIError {
	if e == nil || e.result.subject.Exchange == nil {
		return nil
	}
	var api *ro.APIError
	if errors.As(e.result.subject.Exchange.Err, &api) {
		return api
	}
	return nil
}

// enterMFACode takes the person to the form's MFA code field, emptied
// (the code on screen, if any, was refused or is stale: a code lasts about
// 30 s), after an answer that asks for it; ctrl+s then sends the same
// login with the code. Elsewhere it says why it does nothing.
func (m *Model) enterMFACode() tea.Cmd {
	if api := apiErrorOf(m.shown); api == nil || !api.SuggestMFACode {
		m.setStatus("o enters an MFA code after /oauth/ro asked for one (a0.mfa_required); this answer did not.", true)
		return nil
	}
	m.form.SetFlow(ro.FlowRO) // the answer came from /oauth/ro, the flow that takes mfa_code
	m.form.SetValue(ro.FieldMFACode, "")
	m.form.FocusField(ro.FieldMFACode)
	m.setScreen(formScreen)
	m.setStatus("Type the code the authenticator app shows; ctrl+s sends the same login with it.", false)
	return nil
}

// callInFlight says in the status line, when a call is in flight, that
// esc cancels it: the session makes one call at a time. True then, and
// what asked for another does nothing.
func (m *Model) callInFlight() bool {
	if m.call == nil {
		return false
	}
	m.setStatus("A call is already in flight: esc cancels it.", true)
	return true
}

// startSessionCall makes a call of the session the one in flight, with what the
// status line says meanwhile and the History row it leaves if cancelled.
func (m *Model) startSessionCall(label string, row *historyRow) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	m.callSeq++
	m.call = &call{id: m.callSeq, label: label, row: row, started: m.clock(), ctx: ctx, cancel: cancel}
	m.elapsed = 0
	m.clearStatus()
	return ctx
}

// endCall ends the call in flight when msg's id is its: false for the
// late answer of a call cancelled meanwhile.
func (m *Model) endCall(id int) bool {
	if m.call == nil || m.call.id != id {
		return false
	}
	m.call.cancel()
	m.call = nil
	return true
}

// sendCode asks the form's passwordless connection to send its one-time
// code to the phone number or e-mail in the form, and puts the cursor in
// the Code field for it; a field that is not right is marked on the form,
// as a refused send is.
func (m *Model) sendCode() tea.Cmd {
	if m.callInFlight() {
		return nil
	}
	pl, ok := m.form.Passwordless()
	if !ok {
		m.setStatus("s sends a passwordless code: set the connection to sms or email first (e, then ctrl+g o).", true)
		return nil
	}
	req := m.form.Request()
	cr := ro.CodeRequest{Domain: req.Domain, ClientID: req.ClientID, Connection: req.Connection, Recipient: req.Username, Insecure: req.Insecure}
	m.setScreen(formScreen)
	if err := cr.Validate(); err != nil {
		m.form.SetError(err)
		m.form.FocusField(ro.FieldUsername)
		m.setStatus("No code asked for: the fields marked ✗ need a change.", true)
		m.refused = true
		return nil
	}
	m.form.FocusField(ro.FieldPassword)
	ctx := m.startSessionCall("Asking the "+pl.Name+" connection to send a code to "+m.who(cr.Recipient)+"…", nil)
	id, client := m.call.id, m.client
	secret, _ := m.form.ClientSecret()
	cmd := func() tea.Msg {
		ex, err := client.SendCode(ctx, cr)
		ex.MaskEchoes(ro.NewEchoes(secret))
		return codeSentMsg{id: id, connection: cr.Connection, recipient: cr.Recipient, ex: ex, err: err}
	}
	return tea.Batch(cmd, m.spinner.Tick)
}

// codeSent says where the code went (the phone number or e-mail, masked
// in presenter mode), or why the tenant sent none.
func (m *Model) codeSent(msg codeSentMsg) {
	if !m.endCall(msg.id) {
		return
	}
	if msg.ex == nil && m.form.SetError(msg.err) {
		m.setStatus("No code asked for: the fields marked ✗ need a change.", true)
		return
	}
	if msg.err != nil {
		m.setStatus("No code sent: "+callFailure(msg.err), true)
		return
	}
	// A new code replaces the one sent before, which would only be refused.
	m.form.SetValue(ro.FieldPassword, "")
	where := msg.recipient
	if c := msg.ex.CodeSent; c != nil && c.PhoneNumber != "" {
		where = c.PhoneNumber
	} else if c != nil && c.Email != "" {
		where = c.Email
	}
	m.setStatus(fmt.Sprintf("Code sent to %s by %s: type it, then ctrl+s (POST /passwordless/start: %d in %s).",
		m.who(where), msg.connection, msg.ex.Status, fmtLatency(msg.ex.Latency)), false)
}

// callFailure says in one line why a call of the session failed: the
// server's status and error with its hint, or what went wrong on the way.
func callFailure(err error) string {
	var api *ro.APIError
	if errors.As(err, &api) {
		s := itoa(api.Status)
		if api.Code != "" {
			s += " " + api.Code
		}
		if api.Description != "" {
			s += " (" + api.Description + ")"
		}
		if api.Hint != "" {
			s += ": " + api.Hint
		}
		return s
	}
	return err.Error()
}

// refreshTokenOf is the refresh token result e holds: the one its answer
// brought, or, for a refresh, the one it used (a /delegation answer brings
// none of its own); "" when it has none.
func refreshTokenOf(e *entry) string {
	if e == nil {
		return ""
	}
	s := e.result.subject
	if ex := s.Exchange; ex != nil && ex.Tokens != nil && ex.Tokens.RefreshToken != "" {
		return ex.Tokens.RefreshToken
	}
	return s.RefreshToken
}

// noRefreshToken says why result e has no refresh token for f or X to use.
func noRefreshToken(e *entry, key string) string {
	switch {
	case e == nil:
		return key + " uses the refresh token of a login: log in first."
	case e.result.subject.Exchange == nil:
		return "A pasted token comes without a refresh token for " + key + ": log in with offline_access in the scope (and a device on /oauth/ro)."
	case !e.result.subject.Exchange.OK():
		return "No refresh token on screen: this call did not log in, so " + key + " has none to use."
	case e.result.subject.Exchange.Tokens.RefreshTokenProblem != "":
		return "The refresh token that came back cannot be used (" + safe(e.result.subject.Exchange.Tokens.RefreshTokenProblem) + "), so " + key + " has none to use."
	}
	return "No refresh token came back, so " + key + " has none to use: ask for offline_access in the scope (and a device on /oauth/ro)."
}

// refreshTokenUsable says whether the key k can use the refresh token of
// result e now; when not, the status line says why (a call in flight, or
// no refresh token).
func (m *Model) refreshTokenUsable(e *entry, k string) bool {
	if m.callInFlight() {
		return false
	}
	if refreshTokenOf(e) == "" {
		m.setStatus(noRefreshToken(e, k), true)
		return false
	}
	return true
}

// refreshOwner is the number of the result whose answer brought the
// refresh token e holds: e's own, or for a refresh, that of the result it
// refreshed, back to the login.
func (m *Model) refreshOwner(e *entry) int {
	for e != nil {
		s := e.result.subject
		if ex := s.Exchange; s.RefreshOf == 0 || ex != nil && ex.Tokens != nil && ex.Tokens.RefreshToken != "" {
			return e.id
		}
		of := s.RefreshOf
		if e = m.entry(of); e == nil {
			return of // gone from the kept results: its number still says whose
		}
	}
	return 0
}

// refreshWith is the refresh of the refresh token of result e, sent the
// way the flow that issued it allows (ro's Request.RefreshWith).
func refreshWith(e *entry) ro.Refresh {
	return e.result.subject.Request.RefreshWith(refreshTokenOf(e))
}

// refresh uses the refresh token of the result on screen; its answer opens
// as a new result, a refresh of this one, with its own panes. passthrough
// (F) asks /delegation for scope passthrough; the refresh_token grant of
// /oauth/token has no such scope, and goes as f.
func (m *Model) refresh(passthrough bool) tea.Cmd {
	e := m.shown
	k := "f"
	if passthrough {
		k = "F"
	}
	if !m.refreshTokenUsable(e, k) {
		return nil
	}
	ref := refreshWith(e)
	if err := ref.Validate(); err != nil {
		m.setStatus("Not refreshed: "+err.Error(), true)
		return nil
	}
	route := ref.From.RefreshRoute()
	// The refresh token is the one owner's answer brought (#3), which may
	// not be the result on screen (#4, itself a refresh of #3): both are
	// named, the owner first, and the new ID token is compared with the one
	// on screen.
	owner := m.refreshOwner(e)
	which := refreshName(owner, e.id)
	label := fmt.Sprintf("Refreshing %s at %s…", which, route.Endpoint)
	if passthrough {
		var kept bool
		if ref, kept = ref.WithPassthrough(); kept {
			label = fmt.Sprintf("Refreshing %s at %s with scope passthrough…", which, route.Endpoint)
		} else {
			label = fmt.Sprintf("Refreshing %s at %s (F is f there: passthrough is /delegation's)…", which, route.Endpoint)
		}
	}
	row := &historyRow{flow: string(ref.From), user: e.result.subject.Request.Username, client: ref.ClientID, refreshOf: owner}
	if e.result.subject.RefreshOf != 0 {
		row.user = m.historyUser(e.result.subject.RefreshOf)
	}
	ctx := m.startSessionCall(label, row)
	secret, _ := m.form.ClientSecret()
	s := m.answerSubject(ref.AsRequest())
	s.RefreshOf, s.PreviousOf, s.RefreshToken = owner, e.id, ref.RefreshToken
	s.revokedBefore = m.revokedBy(e)
	if prev := e.result.insp.Token(inspect.RoleID); prev != nil {
		// A copy: the command lays the new panes out while a verification
		// of the old token may still be applied to the original here.
		cp := *prev
		s.Previous = &cp
	}
	m.entrySeq++
	prep := preparer{id: m.entrySeq, subject: s, build: m.build, styles: m.st,
		width: m.lay.bodyWidth, height: m.lay.bodyHeight, now: m.nowFn}
	if m.lay.tooSmall {
		prep.width, prep.height = 0, 0
	}
	id, of, client := m.call.id, owner, m.client
	cmd := func() tea.Msg {
		ex, err := client.Refresh(ctx, ref)
		ex.MaskEchoes(ro.NewEchoes(secret))
		msg := refreshDoneMsg{id: id, of: of, refresh: ref, ex: ex, err: err}
		if ex != nil {
			msg.prepared = prep.prepare(answerExchange(ex, err))
		}
		return msg
	}
	return tea.Batch(cmd, m.spinner.Tick)
}

// refreshName names a refresh by the result whose refresh token it uses,
// and the result it was asked from when that is another: "#3 (from #4)".
func refreshName(owner, from int) string {
	if from == 0 || from == owner {
		return "#" + itoa(owner)
	}
	return "#" + itoa(owner) + " (from #" + itoa(from) + ")"
}

// historyUser is the user of the History row of result id ("" when gone).
func (m *Model) historyUser(id int) string {
	for _, r := range m.history.rows {
		if r.id == id {
			return r.user
		}
	}
	return ""
}

// finishRefresh lists and shows a refresh's answer as a result of its own,
// and says where it went and why.
func (m *Model) finishRefresh(msg refreshDoneMsg) tea.Cmd {
	c := m.call
	if !m.endCall(msg.id) {
		return nil
	}
	route := msg.refresh.From.RefreshRoute()
	if msg.ex == nil || msg.prepared == nil {
		m.setStatus("Not refreshed: "+callFailure(msg.err), true)
		return nil
	}
	ex := answerExchange(msg.ex, msg.err)
	row := *c.row
	row.at, row.latency = ex.Started, ex.Latency
	if row.at.IsZero() {
		row.at = c.started
	}
	row.status, row.failed = exchangeStatus(ex)
	cmd := m.addPrepared(msg.prepared, row)
	// Why it went there is the Summary's first lines (refreshLines): the
	// status line only says where, and what came back.
	name := fmt.Sprintf("↻ #%d, a refresh of %s", msg.prepared.result.id, refreshName(msg.of, msg.prepared.result.subject.PreviousOf))
	if v := msg.prepared.result.subject.revokedBefore; v != nil && row.failed {
		// The reason, whole, before where it went: at 60 columns the
		// status line has two lines.
		m.setStatus(fmt.Sprintf("%s: %s; %s.", name, row.status, revokedByRotui(v)), true)
		return cmd
	}
	m.setStatus(fmt.Sprintf("%s: %s from %s in %s; the Summary says why there.", name, row.status,
		route.Endpoint, fmtLatency(ex.Latency)), row.failed)
	return cmd
}

// askRevoke asks, in the status line, whether to revoke the refresh token
// of the result on screen: it stops working for good.
func (m *Model) askRevoke() tea.Cmd {
	e := m.shown
	if !m.refreshTokenUsable(e, "X") {
		return nil
	}
	of := m.refreshOwner(e)
	if v := m.revokedBy(e); v != nil {
		// Asking again would read as if the token still worked.
		m.setStatus(fmt.Sprintf("#%d's refresh token was revoked at %s: see #%d's Summary.", of, v.at.Format("15:04:05"), of), true)
		return nil
	}
	m.confirm = &confirmation{of: of, refresh: refreshWith(e)}
	m.setStatus(fmt.Sprintf("Revoke #%d's refresh token for good? y yes, n or esc no", of), true)
	m.statusUntil = time.Time{} // a question stays until it is answered
	return nil
}

// confirmKey answers the question in the status line: y revokes, any
// other key keeps the refresh token.
func (m *Model) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	c := m.confirm
	m.confirm = nil
	if !key.Matches(msg, m.keys.Confirm) {
		m.setStatus(fmt.Sprintf("Not revoked: #%d's refresh token is kept.", c.of), false)
		return nil
	}
	ctx := m.startSessionCall(fmt.Sprintf("Revoking #%d's refresh token…", c.of), nil)
	id, client, ref := m.call.id, m.client, c.refresh
	secret, _ := m.form.ClientSecret()
	cmd := func() tea.Msg {
		ex, err := client.Revoke(ctx, ref)
		ex.MaskEchoes(ro.NewEchoes(secret))
		return revokeDoneMsg{id: id, of: c.of, ex: ex, err: err}
	}
	return tea.Batch(cmd, m.spinner.Tick)
}

// revokeDone records how the revoke went in the Summary of the result
// whose refresh token it was, where it stays (the endpoint, the status,
// the hint, what a 200 does not tell); the status line only points there:
// a hint cut at the screen's edge told nothing.
func (m *Model) revokeDone(msg revokeDoneMsg) {
	c := m.call
	if !m.endCall(msg.id) {
		return
	}
	v := &revocation{of: msg.of, at: c.started, ex: msg.ex, err: msg.err}
	if msg.ex != nil && !msg.ex.Started.IsZero() {
		v.at = msg.ex.Started
	}
	if e := m.entry(msg.of); e != nil {
		e.result.setRevoked(v)
	}
	where := fmt.Sprintf("see #%d's Summary", msg.of)
	if m.entry(msg.of) == nil {
		where = "#" + itoa(msg.of) + " is no longer kept" // its number still says whose
	}
	if msg.err != nil {
		status := "no answer"
		if msg.ex != nil && msg.ex.Status != 0 {
			status = itoa(msg.ex.Status)
		}
		if api := (*ro.APIError)(nil); errors.As(msg.err, &api) && api.Code != "" {
			status += " " + api.Code
		}
		m.setStatus(fmt.Sprintf("Not revoked (#%d): %s; %s.", msg.of, status, where), true)
		return
	}
	m.setStatus(fmt.Sprintf("#%d's refresh token revoked (%d): %s.", msg.of, msg.ex.Status, where), false)
}

// revokedBy is rotui's own revocation of the refresh token result e holds,
// when the tenant took it; nil when rotui revoked none.
func (m *Model) revokedBy(e *entry) *revocation {
	if o := m.entry(m.refreshOwner(e)); o != nil && o.result.revoked.ok() {
		return o.result.revoked
	}
	return nil
}

// callTokenInfo calls /tokeninfo with the ID token on screen, from its
// pane; its answer goes under the token's claims. Elsewhere it says why not.
func (m *Model) callTokenInfo() tea.Cmd {
	r := m.shown.result
	switch p := m.tabs[m.active]; {
	case r.subject.Exchange == nil:
		m.setStatus("A pasted token has no tenant to call /tokeninfo on: log in to call it.", true)
	case r.tokeninfo == nil:
		m.setStatus("No ID token came back, so /tokeninfo cannot be called: ask for the openid scope.", true)
	case p.Title() != inspect.RoleID.String():
		m.setStatus("t calls /tokeninfo with the ID token: on its pane (3).", true)
	case r.tokeninfo.calling:
		m.setStatus("/tokeninfo is being called already.", false)
	default:
		m.setStatus("Calling POST /tokeninfo with the ID token; its answer goes at the foot of this pane.", false)
		return r.startTokenInfo()
	}
	return nil
}

// tokeninfoDone says how /tokeninfo answered, and where the answer is.
func (m *Model) tokeninfoDone(msg tokeninfoMsg) {
	e := m.entry(msg.result)
	if e == nil || e.result.tokeninfo == nil || e.result.tokeninfo.seq != msg.seq || m.confirm != nil {
		return // the result is gone, a newer call is out, or a question waits in the status line
	}
	if msg.err != nil {
		m.setStatus(fmt.Sprintf("/tokeninfo refused the ID token of #%d: %s", msg.result, callFailure(msg.err)), true)
		return
	}
	m.setStatus(fmt.Sprintf("/tokeninfo answered %d in %s: the legacy profile is at the foot of #%d's ID token pane.",
		msg.ex.Status, fmtLatency(msg.ex.Latency), msg.result), false)
}

// actingKeys are the session's keys that act on the result on screen, for
// the footer: o after a0.mfa_required, s with a passwordless connection, f
// and X with a refresh token, t on the ID token's pane.
func (m *Model) actingKeys() []key.Binding {
	k := m.keys
	var out []key.Binding
	if api := apiErrorOf(m.shown); api != nil && api.SuggestMFACode {
		out = append(out, k.MFACode)
	}
	if _, ok := m.form.Passwordless(); ok {
		out = append(out, k.SendCode)
	}
	if refreshTokenOf(m.shown) != "" {
		out = append(out, k.Refresh, k.Revoke)
	}
	if m.shown != nil && m.shown.result.tokeninfo != nil && m.active < len(m.tabs) && m.tabs[m.active].Title() == inspect.RoleID.String() {
		out = append(out, k.TokenInfo)
	}
	return out
}

// refreshMissingWhy says why a refresh's result has no pane titled title,
// where that differs from a login's reason; "" for any other result.
func refreshMissingWhy(s Subject, title string) string {
	if s.RefreshOf == 0 || s.Exchange == nil || s.Exchange.RefreshRoute == nil {
		return ""
	}
	of := "#" + itoa(s.RefreshOf)
	switch title {
	case "Access token":
		if s.Exchange.Err == nil {
			return "No access token came back from " + s.Exchange.RefreshRoute.Endpoint + ": the Summary says where the refresh went and why; " + of + " has the access token of the login."
		}
	case "Refresh token":
		return "A refresh keeps the refresh token it used, " + of + "'s: f here uses it again, X revokes it."
	case "→ realm":
		return "A refresh has no migration preview: " + of + " (or the login it refreshed) shows the login through the realm flow."
	}
	return ""
}
