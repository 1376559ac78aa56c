package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// verifyTimeout bounds one verification (a JWKS or discovery fetch included).
const verifyTimeout = 10 * time.Second

// userinfoTimeout bounds one /userinfo call.
const userinfoTimeout = 15 * time.Second

// sharedKeys caches JWKS across results when the Subject brings no cache, so
// sending again does not refetch the tenant's keys.
var sharedKeys = jwtview.NewKeyCache(nil)

// Result is one result of the session, a login's answer or a pasted token,
// with the state that the commands it starts change: the inspection (and
// the verifications made of its tokens) and the /userinfo call. The root
// model owns every Result: a command's message names the result by its id
// and the root applies it once (Model.Update); panes only read it when they
// draw, and lay out again when its Version moved.
type Result struct {
	id      int
	subject Subject // secrets stay in here: panes draw only what is masked or derived
	insp    *inspect.Inspection
	echoes  *ro.Echoes // the form's secrets, masked in what a server or a token says

	verifying map[inspect.Role]bool
	userinfo  *userinfoCall // nil: no access token to call /userinfo with
	tokeninfo *userinfoCall // POST /tokeninfo with the ID token; nil: no ID token came back
	// revoked is the outcome of X on this result's refresh token (the last
	// one), which its Summary shows; nil: not asked.
	revoked *revocation
	version int
}

// revocation is how one revoke of a result's refresh token (X, y) went:
// when, where, what the tenant answered.
type revocation struct {
	of  int       // the result whose answer brought the token
	at  time.Time // when it was asked
	ex  *ro.Exchange
	err error
}

// ok reports whether the tenant took the revocation.
func (v *revocation) ok() bool { return v != nil && v.err == nil }

// setRevoked records how the revoke of the refresh token went; the Summary
// shows it from then on.
func (r *Result) setRevoked(v *revocation) {
	r.revoked = v
	r.version++
}

// userinfoCall is the /userinfo call of one result, or its /tokeninfo
// call: both send a token that came back and show the profile answered.
type userinfoCall struct {
	client   *ro.Client // nil: one of its own
	domain   string
	insecure bool
	token    string // the access token (the ID token for /tokeninfo): sent, never drawn

	calling bool
	seq     int // which call an answer belongs to
	ex      *ro.Exchange
	err     error
}

// NewResult inspects s once (decoding every token and planning its
// verification) as the result with the given id.
func NewResult(id int, s Subject) *Result {
	if s.Now.IsZero() {
		s.Now = time.Now()
	}
	r := &Result{id: id, subject: s, insp: inspectSubject(s), echoes: subjectEchoes(s), verifying: map[inspect.Role]bool{}}
	if ex := s.Exchange; s.UserInfo && ex != nil && ex.Tokens != nil && ex.Tokens.AccessToken != "" {
		r.userinfo = &userinfoCall{client: s.Client, domain: s.Request.Domain, insecure: s.Request.Insecure, token: ex.Tokens.AccessToken}
	}
	if ex := s.Exchange; ex != nil && ex.Tokens != nil && ex.Tokens.IDToken != "" {
		r.tokeninfo = &userinfoCall{client: s.Client, domain: s.Request.Domain, insecure: s.Request.Insecure, token: ex.Tokens.IDToken}
	}
	return r
}

// inspectSubject is the inspection of what s shows.
func inspectSubject(s Subject) *inspect.Inspection {
	return inspect.New(inspect.Input{
		Request: s.Request, Exchange: s.Exchange, Pasted: s.Pasted,
		ExpectedIssuer: s.ExpectedIssuer, ClientSecret: s.ClientSecret, SecretBase64: s.SecretBase64,
		ExpectedAudience: s.ExpectedAudience, JWKSURL: s.JWKSURL, PEM: s.PEM, Secret: s.Secret,
		FindKeys: true, Now: s.Now,
	})
}

// subjectEchoes prepares the secrets typed for s to be found in every form
// a server may echo them in (ro.Echoes).
func subjectEchoes(s Subject) *ro.Echoes {
	secrets := append([]string{s.ClientSecret, string(s.Secret), s.RefreshToken}, s.Request.Secrets()...)
	if s.Exchange != nil {
		secrets = append(secrets, s.Exchange.Request.Secrets()...)
	}
	return ro.NewEchoes(secrets...)
}

// ID is the result's number in the session.
func (r *Result) ID() int { return r.id }

// Version moves whenever a command's answer changed the result.
func (r *Result) Version() int { return r.version }

// Subject is what the result was made from.
func (r *Result) Subject() Subject { return r.subject }

// Inspection is what the result means, with the verifications made so far.
func (r *Result) Inspection() *inspect.Inspection { return r.insp }

// Verifying reports whether the verification of the token of role is under way.
func (r *Result) Verifying(role inspect.Role) bool { return r.verifying[role] }

// Verify starts the verification of every token that has a plan, one
// command each (they need the network); their verifiedMsgs come back to
// the root. A token already verified is not verified again.
func (r *Result) Verify() tea.Cmd {
	keys := r.subject.Keys
	if keys == nil {
		keys = sharedKeys
	}
	var cmds []tea.Cmd
	for _, t := range r.insp.Tokens {
		if !t.Plan.Verify || t.Verification != nil || r.verifying[t.Role] {
			continue
		}
		r.verifying[t.Role] = true
		id, tok := r.id, t
		cmds = append(cmds, func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), verifyTimeout)
			defer cancel()
			return verifiedMsg{result: id, role: tok.Role, v: tok.Verify(ctx, keys)}
		})
	}
	return tea.Batch(cmds...)
}

// Apply takes the answer of a command the result started (a verification,
// a /userinfo call); false when msg is none, or is for another result or an
// older call. The root calls it once per answer, with the result the
// message names.
func (r *Result) Apply(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case verifiedMsg:
		return r.applyVerified(msg)
	case userinfoMsg:
		return r.applyUserinfo(msg)
	case tokeninfoMsg:
		return r.applyTokenInfo(msg)
	}
	return false
}

// resultOf is the id of the result a command's answer is for, if it is one.
func resultOf(msg tea.Msg) (int, bool) {
	switch msg := msg.(type) {
	case verifiedMsg:
		return msg.result, true
	case userinfoMsg:
		return msg.result, true
	case tokeninfoMsg:
		return msg.result, true
	}
	return 0, false
}

// applyVerified records a verification; false when it is not for r.
func (r *Result) applyVerified(msg verifiedMsg) bool {
	if msg.result != r.id || !r.insp.Apply(msg.role, msg.v) {
		return false
	}
	r.verifying[msg.role] = false
	r.version++
	return true
}

// startUserinfo begins a /userinfo call unless one is in flight or there
// is no access token (nil); its userinfoMsg comes back to the root.
func (r *Result) startUserinfo() tea.Cmd {
	return r.startCall(r.userinfo, (*ro.Client).UserInfo, func(id, seq int, ex *ro.Exchange, err error) tea.Msg {
		return userinfoMsg{result: id, seq: seq, ex: ex, err: err}
	})
}

// applyUserinfo records the answer of the latest /userinfo call; false when
// it is for another result or an older call.
func (r *Result) applyUserinfo(msg userinfoMsg) bool {
	return r.applyCall(r.userinfo, msg.result, msg.seq, msg.ex, msg.err)
}

// startTokenInfo begins a /tokeninfo call with the result's ID token
// unless one is in flight or there is none (nil); its tokeninfoMsg comes
// back to the root.
func (r *Result) startTokenInfo() tea.Cmd {
	return r.startCall(r.tokeninfo, (*ro.Client).TokenInfo, func(id, seq int, ex *ro.Exchange, err error) tea.Msg {
		return tokeninfoMsg{result: id, seq: seq, ex: ex, err: err}
	})
}

// applyTokenInfo records the answer of the latest /tokeninfo call; false
// when it is for another result or an older call.
func (r *Result) applyTokenInfo(msg tokeninfoMsg) bool {
	return r.applyCall(r.tokeninfo, msg.result, msg.seq, msg.ex, msg.err)
}

// startCall begins u's call (ask: /userinfo or /tokeninfo) unless one is in
// flight or u is nil; answer is the message that brings what the tenant
// said back to the root, tagged with the result and the call.
func (r *Result) startCall(u *userinfoCall,
	ask func(*ro.Client, context.Context, string, bool, string) (*ro.Exchange, error),
	answer func(id, seq int, ex *ro.Exchange, err error) tea.Msg) tea.Cmd {
	if u == nil || u.calling {
		return nil
	}
	u.calling, u.ex, u.err = true, nil, nil
	u.seq++
	r.version++
	id, seq, domain, insecure, token, echoes := r.id, u.seq, u.domain, u.insecure, u.token, r.echoes
	client := u.client
	if client == nil {
		client = ro.NewClient(ro.ClientOptions{Timeout: userinfoTimeout})
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), userinfoTimeout)
		defer cancel()
		ex, err := ask(client, ctx, domain, insecure, token)
		ex.MaskEchoes(echoes) // a profile quoting the password, say
		return answer(id, seq, ex, err)
	}
}

// applyCall records in u the answer of its latest call; false when it is
// for another result or an older call.
func (r *Result) applyCall(u *userinfoCall, result, seq int, ex *ro.Exchange, err error) bool {
	if u == nil || result != r.id || seq != u.seq {
		return false
	}
	u.calling, u.ex, u.err = false, ex, err
	r.version++
	return true
}
