package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// call is the login in flight, or a call of the session after it (a
// refresh, a revocation, a passwordless code): one at a time, cancellable
// with esc.
type call struct {
	id  int
	req ro.Request
	// label is what the status line says while a call of the session is
	// in flight ("" for a login: "Sending ro as alice…"), and row the line
	// it leaves in the History when cancelled (nil: none).
	label   string
	row     *historyRow
	started time.Time
	ctx     context.Context
	cancel  context.CancelFunc
	// compareWith is the ro login this realm login is sent to be compared
	// with (m), by its result's id; 0 for a login of the form.
	compareWith int
}

// loginCmd sends req with client under ctx and reports as loginDoneMsg. The
// client sets its own timeout; ctx adds the person's esc. The client masks
// what it sent wherever the answer echoes it; the client secret, never
// sent, is masked here too, since a server knows it and may quote it. The
// answer's result and panes are made here too (prep), off the update path.
func loginCmd(ctx context.Context, client *ro.Client, id int, req ro.Request, clientSecret string, prep preparer) tea.Cmd {
	return func() tea.Msg {
		ex, err := client.Login(ctx, req)
		ex.MaskEchoes(ro.NewEchoes(clientSecret))
		msg := loginDoneMsg{id: id, req: req, ex: ex, err: err}
		if ex != nil {
			msg.prepared = prep.prepare(answerExchange(ex, err))
		}
		return msg
	}
}

// prepared is an answer's result made in the command that got the answer,
// with its panes built for the styles and laid out for the size of the
// screen when the call went out: decoding the tokens, pretty-printing the
// body and wrapping it (tens of milliseconds for a 1 MiB answer) never
// hold up a key. The root takes them as they are, or lays them out again
// if the screen changed meanwhile.
type prepared struct {
	result *Result
	panes  []Pane
	styles *Styles
}

// preparer makes the result of the answer to come: its id and subject are
// fixed when the call goes out (the form as sent), the answer and its time
// when it comes.
type preparer struct {
	id            int
	subject       Subject
	build         func(*Result, *Styles) []Pane
	styles        *Styles
	width, height int
	now           func() time.Time
}

func (p preparer) prepare(ex *ro.Exchange) *prepared {
	s := p.subject
	s.Exchange, s.Now = ex, p.now()
	r := NewResult(p.id, countAnswer(s))
	panes := p.build(r, p.styles)
	if p.width > 0 && p.height > 0 {
		for _, pane := range panes {
			pane.SetSize(p.width, p.height)
			_ = pane.View()
		}
	}
	return &prepared{result: r, panes: panes, styles: p.styles}
}

// answerExchange is the exchange to show: the client's, with the error of
// the call when the client kept it apart.
func answerExchange(ex *ro.Exchange, err error) *ro.Exchange {
	if ex.Err == nil && err != nil {
		cp := *ex
		cp.Err = err
		return &cp
	}
	return ex
}

// answerSubject is what the answer to the form's request will show, but
// for the answer itself and its time.
func (m *Model) answerSubject(req ro.Request) Subject {
	secret, b64 := m.form.ClientSecret()
	return Subject{
		Request:        req,
		ClientSecret:   secret,
		SecretBase64:   b64,
		Redact:         m.redact,
		ExpectedIssuer: m.issuer,
		UserInfo:       m.extras.UserInfo,
		Migration:      m.extras.Migration,
		Client:         m.client,
		FailuresInARow: m.failuresInARow(req),
		Demo:           m.isDemo(req),
	}
}

// countAnswer adds s's answer to the wrong passwords in a row of its user
// that s counted before the call: one more, or none after a login.
func countAnswer(s Subject) Subject {
	switch inspect.LoginOutcome(s.Exchange) {
	case inspect.OutcomeWrongPassword:
		s.FailuresInARow++
	case inspect.OutcomeSuccess:
		s.FailuresInARow = 0
	}
	return s
}

// lockoutKey is whose count a login adds to: Auth0 counts failures per
// user (any case) on each tenant; "" for a call without a user.
func lockoutKey(req ro.Request) string {
	user := strings.ToLower(strings.TrimSpace(req.Username))
	if user == "" {
		return ""
	}
	return inspect.TenantBase(req, nil) + " " + user
}

// failuresInARow counts the wrong passwords in a row of req's user on req's
// tenant among the session's answers, newest first back to the user's last
// login; other failures (MFA, a blocked user, no answer) neither count nor
// reset, as with Auth0.
func (m *Model) failuresInARow(req ro.Request) int {
	key, n := lockoutKey(req), 0
	if key == "" {
		return 0
	}
	for i := len(m.entries) - 1; i >= 0; i-- {
		s := m.entries[i].result.subject
		if s.Exchange == nil || lockoutKey(s.Request) != key {
			continue
		}
		switch inspect.LoginOutcome(s.Exchange) {
		case inspect.OutcomeSuccess:
			return n
		case inspect.OutcomeWrongPassword:
			n++
		}
	}
	return n
}

// isDemo reports whether req goes to the embedded demo tenant, whose locks
// last until it restarts.
func (m *Model) isDemo(req ro.Request) bool {
	return m.demo != nil && m.demo.URL != "" &&
		inspect.TenantBase(req, nil) == inspect.TenantBase(ro.Request{Domain: m.demo.URL, Insecure: true}, nil)
}

// send validates the form and, when it may go, starts the call with its
// spinner. The form and the panes on screen stay as they are.
func (m *Model) send() tea.Cmd {
	if m.callInFlight() {
		return nil
	}
	if !m.form.Validate() {
		m.setScreen(formScreen)
		n := len(m.form.Errors())
		m.setStatus("Not sent: "+count(n, "field needs", "fields need")+" a change, marked ✗.", true)
		m.refused = true
		return nil
	}
	return m.startCall(m.form.Request(), 0)
}

// startCall sends req with its spinner; compareWith is the result the
// answer is to be compared with (m), or 0.
func (m *Model) startCall(req ro.Request, compareWith int) tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	m.callSeq++
	m.call = &call{id: m.callSeq, req: req, started: m.clock(), ctx: ctx, cancel: cancel, compareWith: compareWith}
	m.elapsed = 0
	m.clearStatus()
	secret, _ := m.form.ClientSecret()
	m.entrySeq++ // the answer's result: its number is taken now, its panes made with the answer
	prep := preparer{id: m.entrySeq, subject: m.answerSubject(req), build: m.build, styles: m.st,
		width: m.lay.bodyWidth, height: m.lay.bodyHeight, now: m.nowFn}
	if m.lay.tooSmall {
		prep.width, prep.height = 0, 0
	}
	return tea.Batch(loginCmd(ctx, m.client, m.call.id, req, secret, prep), m.spinner.Tick)
}

// cancelCall stops the call in flight; its late answer is ignored.
func (m *Model) cancelCall() {
	if m.call == nil {
		return
	}
	c := m.call
	c.cancel()
	took := m.clock().Sub(c.started)
	m.call = nil
	// A cancelled call is a call of the session too, with nothing to show.
	switch {
	case c.label == "":
		m.history.add(historyRow{at: c.started, flow: string(flowOf(c.req)), user: c.req.Username,
			status: "cancelled", failed: true, latency: took})
	case c.row != nil:
		row := *c.row
		row.at, row.status, row.failed, row.latency = c.started, "cancelled", true, took
		m.history.add(row)
	}
	m.setStatus(fmt.Sprintf("Cancelled after %s; nothing was changed.", fmtLatency(took)), false)
}

// finishCall turns an answer into panes and a history row. A failure of any
// kind is a result to read, not a crash.
func (m *Model) finishCall(msg loginDoneMsg) tea.Cmd {
	if m.call == nil || msg.id != m.call.id {
		return nil // cancelled: the person has moved on
	}
	c := m.call
	c.cancel()
	m.call = nil
	if msg.ex == nil && m.form.SetError(msg.err) {
		// ro refused before sending (the form's own check should have caught it).
		m.setScreen(formScreen)
		m.setStatus("Not sent: the fields marked ✗ need a change.", true)
		return nil
	}
	now := m.clock()
	ex := msg.ex
	if ex == nil {
		err := msg.err
		if err == nil {
			err = errors.New("the client returned no answer and no error")
		}
		ex = &ro.Exchange{Flow: flowOf(c.req), Started: c.started, Latency: now.Sub(c.started), Err: err}
	} else {
		ex = answerExchange(ex, msg.err)
	}
	row := historyRow{
		at:      ex.Started,
		flow:    string(flowOf(c.req)),
		user:    c.req.Username,
		client:  c.req.ClientID,
		latency: ex.Latency,
	}
	if row.at.IsZero() {
		row.at = c.started
	}
	row.status, row.failed = exchangeStatus(ex)
	var cmd tea.Cmd
	if p := msg.prepared; p != nil {
		cmd = m.addPrepared(p, row)
	} else {
		s := m.answerSubject(msg.req)
		s.Exchange, s.Now = ex, now
		cmd = m.addEntry(countAnswer(s), row)
	}
	if suggestsRealm(m.entry(m.entrySeq)) && ex.Status == http.StatusNotFound {
		m.setStatus(fmt.Sprintf("%s: /oauth/ro is off on this tenant; m sends the same login in the realm flow.", row.status), true)
	} else if suggestsRealm(m.entry(m.entrySeq)) {
		m.setStatus(fmt.Sprintf("%s: the realm flow may be the way out; m sends the same login through it.", row.status), true)
	} else if row.failed {
		m.setStatus(fmt.Sprintf("%s (%s): Summary says why.", row.status, fmtLatency(ex.Latency)), true)
	} else {
		m.setStatus(fmt.Sprintf("%s in %s.", row.status, fmtLatency(ex.Latency)), false)
	}
	if c.compareWith != 0 {
		m.compareRealmAnswer(c.compareWith)
	}
	return cmd
}

// exchangeStatus is a short status for the history and the status line.
func exchangeStatus(ex *ro.Exchange) (string, bool) {
	var api *ro.APIError
	var nerr *ro.NetworkError
	switch {
	case errors.As(ex.Err, &api):
		s := fmt.Sprint(api.Status)
		if api.Code != "" {
			s += " " + termsafe.Line(api.Code) // the server's words
		}
		return s, true
	case errors.As(ex.Err, &nerr):
		switch {
		case nerr.Canceled:
			return "cancelled", true
		case nerr.Timeout:
			return "timed out", true
		}
		return "no answer", true
	case ex.Err != nil:
		return "failed", true
	case ex.Status >= 200 && ex.Status < 300:
		return fmt.Sprintf("%d OK", ex.Status), false
	case ex.Status != 0:
		return fmt.Sprint(ex.Status), true
	}
	return "no status", true
}

func flowOf(r ro.Request) ro.Flow {
	if r.Flow == "" {
		return ro.FlowRO
	}
	return r.Flow
}
