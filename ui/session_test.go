package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// The MFA code field: masked like the password (ctrl+r reveals it), sent
// as mfa_code in the ro flow only, dimmed with a reason in the others,
// and never in a profile made from the form.
func TestTheMFACodeFieldIsMaskedSentInROOnlyAndNeverSaved(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+g", "m")
	if m.form.Focused() != ro.FieldMFACode {
		t.Fatalf("ctrl+g m goes to %q, not the MFA code", m.form.Focused())
	}
	typeText(m, "123456")
	v := ansiStrip(view(m))
	if strings.Contains(v, "123456") || !strings.Contains(v, "MFA code") || !strings.Contains(v, "••••••") {
		t.Errorf("the MFA code is not a masked field:\n%s", v)
	}
	if !strings.Contains(v, "Typing here is hidden; ctrl+r shows it.") {
		t.Errorf("the MFA code field does not say typing is hidden:\n%s", v)
	}
	if r := m.form.Request(); r.MFACode != "123456" {
		t.Errorf("the ro request carries mfa code %q", r.MFACode)
	}
	press(m, "ctrl+r")
	if v := ansiStrip(view(m)); !strings.Contains(v, "123456") {
		t.Errorf("ctrl+r does not reveal the MFA code:\n%s", v)
	}
	press(m, "ctrl+r")
	m.form.SetFlow(ro.FlowRealm)
	if r := m.form.Request(); r.MFACode != "" {
		t.Errorf("the realm flow sends an MFA code: %+v", r)
	}
	if v := ansiStrip(view(m)); !strings.Contains(v, "Not sent in the realm flow.") {
		t.Errorf("the MFA code field does not say why it is dimmed in the realm flow:\n%s", v)
	}
	m.form.SetFlow(ro.FlowRO)
	if r := m.form.Request(); r.MFACode != "123456" {
		t.Errorf("back in the ro flow the code is gone: %q", r.MFACode)
	}
	p := config.FromRequest("x", m.form.Request(), "")
	if strings.Contains(ansi.Strip(p.Summary()+" "+p.Username+p.Domain+p.ClientID+p.Connection+p.Scope+p.Device+p.Audience), "123456") {
		t.Errorf("a profile made from the form holds the MFA code: %+v", p)
	}
}

// With connection sms or email the username and password read as what
// they hold, from ro's rule, and their hints name the key that asks for a
// code; other connections, and the password flow (which sends none), keep
// the usual labels.
func TestAPasswordlessConnectionRelabelsTheForm(t *testing.T) {
	cases := []struct {
		connection string
		flow       ro.Flow
		user, pass string
	}{
		{rotest.ConnectionSMS, ro.FlowRO, "Phone number", "Code"},
		{rotest.ConnectionEmail, ro.FlowRO, "E-mail", "Code"},
		{rotest.ConnectionSMS, ro.FlowRealm, "Phone number", "Code"},
		{rotest.ConnectionSMS, ro.FlowPassword, "Username", "Password"},
		{rotest.Connection, ro.FlowRO, "Username", "Password"},
		{"SMS", ro.FlowRO, "Username", "Password"}, // Auth0's names are case-sensitive
	}
	for _, c := range cases {
		req := demoPrefill()
		req.Connection, req.Flow = c.connection, c.flow
		m, _ := newTestModel(t, req)
		m.form.FocusField(ro.FieldUsername)
		v := ansiStrip(view(m))
		for _, label := range []string{c.user, c.pass} {
			if !strings.Contains(v, label) {
				t.Errorf("%s/%s: the form lacks the label %q:\n%s", c.connection, c.flow, label, v)
			}
		}
		if pl, ok := ro.Passwordless(c.connection); ok && c.flow != ro.FlowPassword {
			if !strings.Contains(v, pl.UsernameExample) || !strings.Contains(v, "ctrl+t") {
				t.Errorf("%s: the username's hint gives no example or no key:\n%s", c.connection, v)
			}
			if strings.Contains(v, "Username ") {
				t.Errorf("%s: the username still reads Username:\n%s", c.connection, v)
			}
		}
	}
	// Typing the connection relabels at once.
	m, _ := newTestModel(t, demoPrefill())
	m.form.SetValue(ro.FieldConnection, "")
	press(m, "ctrl+g", "o")
	typeText(m, "sms")
	if v := ansiStrip(view(m)); !strings.Contains(v, "Phone number") {
		t.Errorf("typing sms in the connection does not relabel the username:\n%s", v)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	if v := ansiStrip(view(m)); strings.Contains(v, "Phone number") {
		t.Errorf("a connection that is no longer sms keeps its labels:\n%s", v)
	}
}

// Choosing a passwordless row of the demo list puts its connection in the
// form with the phone number and code, so that ctrl+s logs in by code;
// choosing a database user afterwards puts the database back.
func TestTheDemoListSetsTheRowsConnection(t *testing.T) {
	demo := &Demo{URL: "http://127.0.0.1:9", Entries: []DemoLine{
		{Who: rotest.UserAlice, Password: rotest.Password, Shows: "logs in", Connection: rotest.Connection},
		{Who: rotest.PhoneAlice, Password: rotest.PasswordlessCode, Shows: "connection sms: alice by SMS code", Connection: rotest.ConnectionSMS},
		{Who: "rotui-no-ro", Shows: "unauthorized_client"},
	}}
	m := New(Options{Prefill: demoRequest("http://127.0.0.1:9"), Demo: demo})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(m, "ctrl+d", "down", "enter")
	r := m.form.Request()
	if r.Connection != rotest.ConnectionSMS || r.Username != rotest.PhoneAlice || r.Password != rotest.PasswordlessCode {
		t.Errorf("the sms row filled connection %q, user %q", r.Connection, r.Username)
	}
	if err := r.Validate(); err != nil {
		t.Errorf("the sms row's login does not validate: %v", err)
	}
	if v := ansiStrip(view(m)); !strings.Contains(v, "Phone number") {
		t.Errorf("the form does not read as a passwordless login:\n%s", v)
	}
	press(m, "ctrl+d", "down", "enter") // the client: the connection stays
	if r := m.form.Request(); r.Connection != rotest.ConnectionSMS || r.ClientID != "rotui-no-ro" {
		t.Errorf("the client row changed the connection to %q", r.Connection)
	}
	press(m, "ctrl+d", "down", "enter") // wraps to alice: the database again
	if r := m.form.Request(); r.Connection != rotest.Connection || r.Username != rotest.UserAlice {
		t.Errorf("alice's row left connection %q", r.Connection)
	}
}

// The session's keys say in the status line why they cannot act on the
// result on screen, and change nothing.
func TestSessionKeysThatCannotActSayWhy(t *testing.T) {
	ok := &ro.Exchange{Flow: ro.FlowRO, Status: 200, Started: fixedNow, Body: []byte(`{"access_token":"x"}`),
		Tokens: &ro.TokenResponse{AccessToken: "x"}}
	refused := &ro.Exchange{Flow: ro.FlowRO, Status: 401, Started: fixedNow,
		Err: &ro.APIError{Status: 401, Code: "invalid_user_password"}}
	cases := []struct {
		name  string
		ex    *ro.Exchange // nil: a pasted token
		key   string
		wants string
	}{
		{"o after a 200", ok, "o", "o enters an MFA code after /oauth/ro asked for one"},
		{"o after a wrong password", refused, "o", "this answer did not"},
		{"s with a database connection", ok, "s", "s sends a passwordless code: set the connection to sms or email first"},
		{"f without a refresh token", ok, "f", "No refresh token came back, so f has none to use"},
		{"f after a refusal", refused, "f", "this call did not log in, so f has none to use"},
		{"f on a pasted token", nil, "f", "A pasted token comes without a refresh token"},
		{"F without a refresh token", ok, "F", "No refresh token came back, so F has none to use"},
		{"X without a refresh token", ok, "X", "No refresh token came back, so X has none to use"},
		{"t without an ID token", ok, "t", "No ID token came back, so /tokeninfo cannot be called"},
		{"t on a pasted token", nil, "t", "A pasted token has no tenant to call /tokeninfo on"},
	}
	for _, c := range cases {
		m, _ := newTestModel(t, demoPrefill())
		if c.ex == nil {
			m.inspectPasted(ptIDToken(), nil)
		} else {
			press(m, "ctrl+s")
			m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, ex: c.ex})
		}
		before := m.form.Request()
		entries := len(m.entries)
		if cmd := press(m, c.key); cmd != nil {
			t.Errorf("%s: %s started a command", c.name, c.key)
		}
		if v := ansiStrip(view(m)); !strings.Contains(ptFlat(v), c.wants) {
			t.Errorf("%s: %s does not say %q:\n%s", c.name, c.key, c.wants, v)
		}
		if m.form.Request() != before || len(m.entries) != entries || m.call != nil || m.confirm != nil {
			t.Errorf("%s: %s changed the form, the results or started a call", c.name, c.key)
		}
	}
	// t with an ID token, on another pane than its own.
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	req, ex := ptExchange()
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	press(m, "1", "t")
	if v := ansiStrip(view(m)); !strings.Contains(v, "t calls /tokeninfo with the ID token: on its pane (3).") {
		t.Errorf("t on the Summary says nothing:\n%s", v)
	}
}

// With the session's keys, every key of the ID token's pane (the most
// there are: scrolling, the filter, and the demo's key) is still in the ?
// overlay at 60×16.
func TestTheSessionsKeysFitTheHelpAtSixtyBySixteen(t *testing.T) {
	m := New(Options{Prefill: demoPrefill(), Demo: &Demo{}, Now: func() time.Time { return ptNow }})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	press(m, "ctrl+s")
	req, ex := ptExchange()
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	press(m, "3", "?")
	v := ansiStrip(view(m))
	for _, col := range m.helpKeys().FullHelp() {
		for _, k := range col {
			if h := k.Help(); !strings.Contains(v, h.Key+" ") || !strings.Contains(v, h.Desc) {
				t.Errorf("the help at 60×16 lacks %q %q:\n%s", h.Key, h.Desc, v)
			}
		}
	}
	for _, k := range []string{"o ", "s ", "t ", "f/X", "ctrl+d"} {
		if !strings.Contains(v, k) {
			t.Errorf("the help at 60×16 lacks %q:\n%s", k, v)
		}
	}
}

// esc cancels a refresh in flight like a login: History keeps a cancelled
// "↻ of #N" row, and the late answer is dropped.
func TestEscCancelsARefresh(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, ex: &ro.Exchange{Flow: ro.FlowRO, Status: 200, Started: fixedNow,
		Body: []byte(`{"access_token":"x"}`), Tokens: &ro.TokenResponse{AccessToken: "x", RefreshToken: "rt-0123456789"}}})
	of := m.shown.id
	if cmd := press(m, "f"); cmd == nil || m.call == nil {
		t.Fatal("f started no refresh")
	}
	if v := ansiStrip(view(m)); !strings.Contains(v, fmt.Sprintf("Refreshing #%d at /delegation", of)) {
		t.Errorf("the status line does not say what is in flight:\n%s", v)
	}
	id := m.call.id
	press(m, "esc")
	if m.call != nil || m.history.Len() != 2 || m.history.row(0).status != "cancelled" || m.history.row(0).refreshOf != of {
		t.Fatalf("esc left call %v, history %d rows, newest %+v", m.call, m.history.Len(), m.history.row(0))
	}
	entries := len(m.entries)
	m.Update(refreshDoneMsg{id: id, of: of, ex: &ro.Exchange{Status: 200}})
	if len(m.entries) != entries {
		t.Error("the late answer of a cancelled refresh made a result")
	}
	if v := m.history.View(); !strings.Contains(v, fmt.Sprintf("↻ of #%d", of)) || !strings.Contains(v, "cancelled") {
		t.Errorf("History does not show the cancelled refresh:\n%s", v)
	}
}

// A field rotui empties itself is not an error the person made: after a
// refused login by code, asking for a new one (s on the panes, ctrl+t on
// the form) empties the Code field without marking it ✗; sending again
// with it empty does.
func TestANewCodeEmptiesTheCodeFieldWithoutAnError(t *testing.T) {
	for _, k := range []string{"s", "ctrl+t"} {
		req := demoRequest("http://127.0.0.1:9")
		req.Connection, req.Username, req.Password = rotest.ConnectionSMS, rotest.PhoneAlice, "000000"
		m, _ := newTestModel(t, req)
		press(m, "ctrl+s")
		m.Update(loginDoneMsg{id: m.call.id, req: m.call.req, ex: &ro.Exchange{Flow: ro.FlowRO, Status: 401, Started: fixedNow,
			Err: &ro.APIError{Status: 401, Code: "invalid_user_password", SuggestNewCode: true}}})
		if k == "ctrl+t" {
			press(m, "e")
		}
		press(m, k)
		if m.call == nil {
			t.Fatalf("%s asked for no code", k)
		}
		m.Update(codeSentMsg{id: m.call.id, connection: rotest.ConnectionSMS, recipient: rotest.PhoneAlice,
			ex: &ro.Exchange{Status: 200, Latency: time.Millisecond}})
		if v := ansiStrip(view(m)); m.form.Errors()[ro.FieldPassword] != "" || strings.Contains(v, "✗") {
			t.Errorf("%s: the Code field rotui emptied is marked as an error:\n%s", k, v)
		}
		if m.form.Request().Password != "" {
			t.Errorf("%s: the old code stayed", k)
		}
		press(m, "ctrl+s")
		if m.call != nil || m.form.Errors()[ro.FieldPassword] == "" {
			t.Errorf("%s: sending with the Code field empty is not refused beside it", k)
		}
	}
}

// F refreshes asking /delegation for scope passthrough: the new ID token
// keeps the login's claims, where f (scope openid, /delegation's default)
// leaves only the basic ones and the Summary says F keeps them. The ?
// overlay lists F.
func TestFRefreshesWithPassthrough(t *testing.T) {
	srv := sharedDemo(t)
	m := New(Options{Prefill: demoRequest(srv.URL)})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	for _, msg := range ptRunCmd(press(m, "ctrl+s")) {
		m.Update(msg)
	}
	login := m.shown.id
	refresh := func(k string) (body, summary string) {
		t.Helper()
		m.Update(historyChooseMsg{id: login})
		for _, msg := range ptRunCmd(press(m, k)) {
			if _, ok := msg.(refreshDoneMsg); ok {
				m.Update(msg)
			}
		}
		s := m.shown.result.subject
		if s.RefreshOf != login || s.Exchange == nil || !s.Exchange.OK() {
			t.Fatalf("%s made no refresh of #%d", k, login)
		}
		press(m, "1")
		return string(s.Exchange.Request.Body), ptFlat(ansiStrip(ptFullView(m.tabs[0], 34)))
	}
	body, sum := refresh("F")
	if !strings.Contains(body, "passthrough") {
		t.Errorf("F did not ask for scope passthrough: %s", body)
	}
	if strings.Contains(sum, "only in #"+itoa(login)) {
		t.Errorf("F's refresh lost claims of the login:\n%s", sum)
	}
	body, sum = refresh("f")
	if strings.Contains(body, "passthrough") {
		t.Errorf("f asked for scope passthrough: %s", body)
	}
	if !strings.Contains(sum, "only in #"+itoa(login)) || !strings.Contains(sum, "F refreshes with scope passthrough") {
		t.Errorf("f's refresh Summary does not offer F for the claims it lost:\n%s", sum)
	}
	// Why they went, beside them (inspect's finding), before the Checks.
	if i, j := strings.Index(sum, "Why: /delegation was asked scope openid"), strings.Index(sum, "Checks"); i < 0 || i > j {
		t.Errorf("f's refresh Summary does not say why the claims went beside them:\n%s", sum)
	}
	press(m, "?")
	if v := ansiStrip(view(m)); !strings.Contains(v, "F") || !strings.Contains(v, "passthrough") {
		t.Errorf("? does not list F:\n%s", v)
	}
}

// A connection's row (Disabled-DB, to show its error) puts the connection
// in the form and leaves the user as it was, under its own heading.
func TestTheDemoListSetsAConnection(t *testing.T) {
	demo := &Demo{URL: "http://127.0.0.1:9", Entries: []DemoLine{
		{Who: rotest.UserAlice, Password: rotest.Password, Shows: "logs in", Connection: rotest.Connection},
		{Who: rotest.ConnectionDisabled, Shows: "switched off", Connection: rotest.ConnectionDisabled},
	}}
	m := New(Options{Prefill: demoRequest("http://127.0.0.1:9"), Demo: demo})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(m, "ctrl+d")
	if v := ansiStrip(view(m)); !strings.Contains(v, "Connections (connection field)") {
		t.Errorf("the list has no Connections heading:\n%s", v)
	}
	press(m, "down", "enter")
	if r := m.form.Request(); r.Connection != rotest.ConnectionDisabled || r.Username != rotest.UserAlice {
		t.Errorf("the connection row filled connection %q, user %q", r.Connection, r.Username)
	}
}
