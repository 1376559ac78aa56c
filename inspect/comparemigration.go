package inspect

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/rotui/rotui/internal/jsonwalk"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// What migrating changes, for one user: an ro-flow login and the same login
// sent through the realm flow (ro.Request.AsRealm, as the TUI's m sends it),
// compared request by request and token by token, and summed up in what a
// client must change. The calls are made by a surface; the rules are here.

// MigrationComparison is an ro-flow login against the same login through the
// realm flow.
type MigrationComparison struct {
	RO    *Inspection // the ro-flow login
	Realm *Inspection // the realm-flow login; nil when it was not sent
	// RealmErr is why the realm login did not return tokens (its refusal,
	// a network fault, or why it was not sent); nil when it did.
	RealmErr error
	// Request is the two requests as sent, member by member with their
	// secrets masked: the endpoint first, then the bodies' members
	// (connection and realm on one row); nil when the realm login was not
	// sent.
	Request []Row
	// Tokens are the ID, access and refresh tokens compared, in that order.
	Tokens []TokenComparison
	// Findings are what the answers say beyond their tokens: expires_in,
	// and the realm login's failure.
	Findings []Finding
	// Summary is what a client must change, in three short lines: the
	// request, the ID token's claims, the refresh tokens. It may quote a server's
	// error code, so renderers make it terminal-safe.
	Summary []string
}

// TokenComparison is one kind of token of the two logins compared.
type TokenComparison struct {
	Role Role
	// Comparison is the two tokens side by side (ro as A, realm as B); nil
	// when either login did not return this token (Findings says which).
	Comparison *Comparison
	// Findings are what migrating changes for this token, each with a
	// level: a warning is something a client must act on.
	Findings []Finding
}

// Sides of a migration comparison, as its sentences name them.
const (
	SideRO    = "ro"
	SideRealm = "realm"
)

// SendRealmAfter says whether the same login is worth sending through the
// realm flow after an ro-flow call that ended with ex and err, and if not,
// why. It is: after tokens, and after an answer that says the tenant wants
// the realm flow (/oauth/ro off: 404; the legacy grant not allowed). It is
// not after any other refusal: the realm flow would try the same
// credentials once more, and a wrong password counts towards the lock after
// ten in a row.
func SendRealmAfter(ex *ro.Exchange, err error) (bool, string) {
	var ve *ro.ValidationError
	var ae *ro.APIError
	switch {
	case err == nil && ex != nil && ex.Tokens != nil:
		return true, ""
	case errors.As(err, &ve):
		return false, "the realm login was not sent: nothing was sent through /oauth/ro either (a field needs a change)"
	case errors.As(err, &ae) && ae.SuggestRealm:
		return true, ""
	case errors.As(err, &ae):
		what := ae.Code
		if what == "" {
			what = fmt.Sprintf("HTTP %d", ae.Status)
		}
		return false, "the realm login was not sent: /oauth/ro refused this login (" + what + "), and the realm flow would try the same credentials again (each wrong password counts towards the lock); fix it first"
	}
	return false, "the realm login was not sent: the /oauth/ro call got no answer"
}

// CompareMigration compares an ro-flow login with the same login through the
// realm flow. realm is nil when the realm login was not sent, and realmErr
// says why (or how it failed). legacy must not be nil.
func CompareMigration(legacy, realm *Inspection, realmErr error) *MigrationComparison {
	m := &MigrationComparison{RO: legacy, Realm: realm, RealmErr: realmErr}
	if realm != nil && realm.Exchange != nil && realm.Exchange.Tokens == nil && realmErr == nil {
		realmErr = realm.Exchange.Err
		m.RealmErr = realmErr
	}
	m.Request = compareRequests(legacy, realm)
	for _, role := range []Role{RoleID, RoleAccess, RoleRefresh} {
		m.Tokens = append(m.Tokens, compareRole(legacy, realm, role))
	}
	m.Findings = migrationFindings(legacy, realm, realmErr)
	m.Summary = m.summary()
	return m
}

// Token is the comparison of the tokens of role r.
func (m *MigrationComparison) Token(r Role) TokenComparison {
	for _, t := range m.Tokens {
		if t.Role == r {
			return t
		}
	}
	return TokenComparison{Role: r}
}

// compareRequests lines the two requests up: the endpoint, then the body
// members in the order of /oauth/ro's body, connection beside realm. The
// bodies are the masked ones: no secret reaches a row.
func compareRequests(legacy, realm *Inspection) []Row {
	var exA, exB *ro.Exchange
	if legacy != nil {
		exA = legacy.Exchange
	}
	if realm != nil {
		exB = realm.Exchange
	}
	if exA == nil || exB == nil {
		return nil // the realm login was not sent: no request to compare
	}
	a, b := requestFields(exA), requestFields(exB)
	// connection travels as realm: one row, compared by value.
	for i := range b {
		if b[i].Name == "realm" {
			b[i].Name = "connection"
		}
	}
	rows := compareFields(PartRequest, a, b, SideRO, SideRealm)
	why := map[string]string{}
	if legacy.Migration != nil {
		for _, c := range legacy.Migration.Changes {
			why[c.Field] = joinSentences(why[c.Field], strings.TrimSuffix(c.Text, "."))
		}
	}
	for i := range rows {
		r := &rows[i]
		if r.Name == "connection" && r.B != nil {
			r.Name = "connection → realm"
			r.Change = Changed
			r.Sentence = "sent as realm"
			if r.A != nil && r.A.Text == r.B.Text {
				r.Sentence += ", the same value"
			}
			continue
		}
		if r.Name == "audience" {
			// The preview was made of the ro request, which has none.
			if r.B != nil {
				r.Sentence = "sent to the realm call only (/oauth/ro takes none): the access token is a JWT for that API"
			}
			continue
		}
		if r.Change != Same && why[r.Name] != "" {
			r.Sentence = joinSentences(why[r.Name], r.Sentence)
		}
	}
	return rows
}

// requestFields are the endpoint and the masked body's members of ex's
// request, as fields.
func requestFields(ex *ro.Exchange) []jwtview.Field {
	m := ex.Request.Masked()
	endpoint := m.Method + " " + m.URL
	if u, err := url.Parse(m.URL); err == nil && u.Path != "" {
		endpoint = m.Method + " " + u.Path
	}
	out := []jwtview.Field{textField("endpoint", endpoint)}
	members, err := jsonwalk.Members(m.Body)
	if err != nil {
		// The password flow's form body: each field in order.
		q, qerr := url.ParseQuery(string(m.Body))
		if qerr != nil {
			return out
		}
		for _, kv := range strings.Split(string(m.Body), "&") {
			k, _, _ := strings.Cut(kv, "=")
			if name, err := url.QueryUnescape(k); err == nil && q.Has(name) {
				out = append(out, textField(name, q.Get(name)))
			}
		}
		return out
	}
	for _, mb := range members {
		f := jwtview.Field{Name: mb.Key, Raw: json.RawMessage(mb.Value)}
		d := json.NewDecoder(strings.NewReader(string(mb.Value)))
		d.UseNumber()
		if d.Decode(&f.Value) != nil {
			f.Value = string(mb.Value)
		}
		f.Text = string(mb.Value)
		if s, ok := f.Value.(string); ok {
			f.Text = s
		}
		out = append(out, f)
	}
	return out
}

// textField is a string member as a field.
func textField(name, s string) jwtview.Field {
	raw, _ := json.Marshal(s)
	return jwtview.Field{Name: name, Raw: raw, Value: s, Text: s}
}

// compareRole compares the tokens of role r of the two logins, and says
// what migrating changes for them.
func compareRole(legacy, realm *Inspection, r Role) TokenComparison {
	tc := TokenComparison{Role: r}
	a := legacy.Token(r)
	var b *Token
	if realm != nil {
		b = realm.Token(r)
	}
	if a != nil && b != nil {
		tc.Comparison = CompareNamed(a, b, SideRO, SideRealm)
	}
	switch r {
	case RoleID:
		tc.Findings = idTokenFindings(a, b, tc.Comparison, realm != nil)
	case RoleAccess:
		tc.Findings = accessTokenFindings(a, b, tc.Comparison, realm != nil)
	case RoleRefresh:
		tc.Findings = refreshTokenFindings(a, b)
	}
	return tc
}

// onlyOne words a token (called what) only one login returned, or neither.
func onlyOne(name, what string, a, b *Token, realmSent bool, neither string) []Finding {
	switch {
	case a == nil && b == nil && !realmSent:
		return []Finding{{Name: name, Level: LevelInfo, Detail: "The ro login returned no " + what + ", and the realm login was not made."}}
	case a == nil && b == nil:
		return []Finding{{Name: name, Level: LevelInfo, Detail: neither}}
	case b == nil && !realmSent:
		return []Finding{{Name: name, Level: LevelInfo, Detail: "Only the ro login was made: nothing to compare its " + what + " with."}}
	case b == nil:
		return []Finding{{Name: name, Level: LevelWarn, Detail: "Only the ro login returned " + article(what) + "."}}
	}
	return []Finding{{Name: name, Level: LevelInfo, Detail: "Only the realm login returned " + article(what) + "."}}
}

func article(what string) string {
	if strings.HasPrefix(what, "ID") || strings.HasPrefix(what, "a") {
		return "an " + what
	}
	return "a " + what
}

// idTokenFindings: the legacy profile claims that are gone under OIDC
// scopes, the ones added, and whether iss, aud and alg stay.
func idTokenFindings(a, b *Token, c *Comparison, realmSent bool) []Finding {
	const name = "id_token"
	if c == nil {
		return onlyOne(name, "ID token", a, b, realmSent, "Neither login returned an ID token: ask openid in the scope.")
	}
	var gone, added []string
	for _, r := range c.Payload {
		switch r.Change {
		case Removed:
			gone = append(gone, r.Name)
		case Added:
			added = append(added, r.Name)
		}
	}
	var out []Finding
	switch {
	case len(gone) > 0:
		out = append(out, Finding{Name: name, Level: LevelWarn, Detail: fmt.Sprintf("%s of the legacy profile %s not in the realm ID token: %s. /oauth/token puts in it only the OIDC claims of the scopes asked (profile, email, …): read the rest from /userinfo, or add them as namespaced claims with an Action.",
			claimCount(len(gone)), isAre(len(gone)), strings.Join(gone, ", "))})
	case c.Payload != nil:
		out = append(out, Finding{Name: name, Level: LevelOK, Detail: "Every claim of the ro ID token is in the realm one."})
	}
	if len(added) > 0 {
		out = append(out, Finding{Name: name, Level: LevelInfo, Detail: "The realm ID token adds " + strings.Join(added, ", ") + "."})
	}
	if f, ok := c.Fact(FactIssuer); ok {
		level := LevelOK
		if f.Change != Same {
			level = LevelWarn
		}
		out = append(out, Finding{Name: "iss", Level: level, Detail: f.Text})
	}
	for _, r := range c.Rows() {
		switch {
		case r.Name == "aud" && r.Part == PartPayload && r.Change == Same:
			out = append(out, Finding{Name: "aud", Level: LevelOK, Detail: "aud is the same (" + r.A.Text + "): a client checking it needs no change."})
		case r.Name == "aud" && r.Part == PartPayload:
			out = append(out, Finding{Name: "aud", Level: LevelWarn, Detail: "aud changes: " + fieldText(r.A) + " against " + fieldText(r.B) + "; a client checking it must expect the new value."})
		case r.Name == "alg" && r.Part == PartHeader && r.Change != Same:
			out = append(out, Finding{Name: "alg", Level: LevelWarn, Detail: "The ID token is " + signedWith(r.B) + " instead of " + signedWith(r.A) + ": verify it with the key that fits (the tenant's JWKS for RS256, the client secret for HS256)."})
		}
	}
	return out
}

// signedWith words a header's alg: "signed RS256", or "unsigned (alg
// none)", which no key signed.
func signedWith(alg *jwtview.Field) string {
	a := fieldText(alg)
	if strings.EqualFold(a, "none") {
		return "unsigned (alg none)"
	}
	return "signed " + a
}

func fieldText(f *jwtview.Field) string {
	if f == nil {
		return "nothing"
	}
	return f.Text
}

func claimCount(n int) string {
	if n == 1 {
		return "1 claim"
	}
	return fmt.Sprintf("%d claims", n)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// accessTokenFindings: opaque against a JWT, which an audience decides.
func accessTokenFindings(a, b *Token, c *Comparison, realmSent bool) []Finding {
	const name = "access_token"
	if c == nil {
		return onlyOne(name, "access token", a, b, realmSent, "Neither login returned an access token.")
	}
	ka, kb := a.Decoded.Kind, b.Decoded.Kind
	switch {
	case ka == jwtview.KindOpaque && kb == jwtview.KindJWS:
		aud := strings.Join(b.Decoded.Audience(), ", ")
		return []Finding{{Name: name, Level: LevelOK, Detail: "The access token becomes a JWT for " + aud + " (an audience was sent): an API can verify it itself; /oauth/ro's was opaque, good only for /userinfo."}}
	case kb == jwtview.KindOpaque:
		return []Finding{{Name: name, Level: LevelWarn, Detail: "The realm access token is opaque too, good only for /userinfo: send your API's identifier as audience to get a JWT for it."}}
	}
	f, _ := c.Fact(FactKind)
	return []Finding{{Name: name, Level: LevelInfo, Detail: f.Text}}
}

// refreshTokenFindings: refresh tokens do not carry over.
func refreshTokenFindings(a, b *Token) []Finding {
	const name = "refresh_token"
	switch {
	case a != nil && b != nil:
		return []Finding{{Name: name, Level: LevelWarn, Detail: "The ro refresh token works only at POST /delegation and does not carry over: after the switch every user logs in once more. The realm one refreshes with the refresh_token grant at /oauth/token."}}
	case a != nil:
		return []Finding{{Name: name, Level: LevelWarn, Detail: "The ro refresh token works only at POST /delegation and does not carry over, and the realm login returned none: ask offline_access (no device is needed) and allow offline access for the API."}}
	case b != nil:
		return []Finding{{Name: name, Level: LevelInfo, Detail: "Only the realm login returned a refresh token: /oauth/token gives one for offline_access alone, where /oauth/ro also wanted a device."}}
	}
	return []Finding{{Name: name, Level: LevelInfo, Detail: "Neither login returned a refresh token (ask offline_access; /oauth/ro also wants a device)."}}
}

// migrationFindings: expires_in, and the realm login's failure.
func migrationFindings(legacy, realm *Inspection, realmErr error) []Finding {
	var out []Finding
	if realmErr != nil {
		out = append(out, Finding{Name: "realm", Level: LevelBad, Detail: realmFailure(realmErr)})
	}
	ta, tb := tokensOf(legacy), tokensOf(realm)
	if ta == nil || tb == nil {
		return out
	}
	switch {
	case !ta.HasExpiresIn && !tb.HasExpiresIn:
		out = append(out, Finding{Name: "expires_in", Level: LevelInfo, Detail: "Neither answer sent expires_in."})
	case !ta.HasExpiresIn || !tb.HasExpiresIn:
		side, n := SideRO, ta.ExpiresIn
		if !ta.HasExpiresIn {
			side, n = SideRealm, tb.ExpiresIn
		}
		out = append(out, Finding{Name: "expires_in", Level: LevelInfo, Detail: fmt.Sprintf("Only the %s answer sent expires_in (%d s).", side, n)})
	case ta.ExpiresIn == tb.ExpiresIn:
		out = append(out, Finding{Name: "expires_in", Level: LevelOK, Detail: fmt.Sprintf("expires_in is the same: %d s.", ta.ExpiresIn)})
	default:
		out = append(out, Finding{Name: "expires_in", Level: LevelWarn, Detail: fmt.Sprintf("expires_in changes from %d s to %d s: a client that schedules its refresh from it follows the new value.", ta.ExpiresIn, tb.ExpiresIn)})
	}
	return out
}

func tokensOf(i *Inspection) *ro.TokenResponse {
	if i == nil || i.Exchange == nil {
		return nil
	}
	return i.Exchange.Tokens
}

// realmFailure words why the realm login returned no tokens.
func realmFailure(err error) string {
	var ae *ro.APIError
	if errors.As(err, &ae) {
		what := ae.Code
		if ae.Description != "" {
			what = joinSentences(what, ae.Description)
		}
		if what == "" {
			what = fmt.Sprintf("HTTP %d", ae.Status)
		}
		s := "The realm login was refused: " + what + "."
		if ae.Hint != "" {
			s += " " + ae.Hint
		}
		return s
	}
	var ve *ro.ValidationError
	if errors.As(err, &ve) {
		var fields []string
		for _, f := range ve.Fields {
			fields = append(fields, f.Field+": "+strings.TrimSuffix(f.Message, "."))
		}
		return "The realm login was not sent: " + strings.Join(fields, "; ") + "."
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "the realm login was not sent") {
		return strings.ToUpper(msg[:1]) + msg[1:] + "."
	}
	return "The realm login failed: " + msg + "."
}

// summary is what a client must change, in three short lines (each under
// about 100 characters): the request, the ID token, the refresh tokens.
// The details (the audience, each claim, why) are in the rows and
// findings below it.
func (m *MigrationComparison) summary() []string {
	return []string{m.requestLine(), m.idTokenLine(), m.refreshLine()}
}

func (m *MigrationComparison) requestLine() string {
	s := "Call POST /oauth/token (grant password-realm, connection as realm), not /oauth/ro"
	for _, r := range m.Request {
		if r.Name == "device" && r.A != nil {
			s += "; drop device"
		}
	}
	return s + "."
}

func (m *MigrationComparison) idTokenLine() string {
	switch {
	case m.Realm == nil:
		return "The realm login was not sent, because " + m.notSentBecause() + "."
	case m.RealmErr != nil:
		var ae *ro.APIError
		if errors.As(m.RealmErr, &ae) {
			code := ae.Code
			if code == "" {
				code = fmt.Sprintf("HTTP %d", ae.Status)
			}
			return "First make the realm login work: it was refused (" + code + ")."
		}
		return "The realm login got no answer, so its tokens cannot be compared."
	case m.RO.Exchange != nil && m.RO.Exchange.Tokens == nil:
		return "Nothing to compare: /oauth/ro returned no tokens (" + refusalCode(m.RO.Exchange) + ")."
	}
	c := m.Token(RoleID).Comparison
	if c == nil {
		return "No ID token to compare: ask openid in the scope of both."
	}
	var gone []string
	for _, r := range c.Payload {
		if r.Change == Removed {
			gone = append(gone, r.Name)
		}
	}
	issSame, audSame := true, true
	if f, ok := c.Fact(FactIssuer); ok && f.Change != Same {
		issSame = false
	}
	for _, r := range c.Payload {
		if r.Name == "aud" && r.Change != Same {
			audSame = false
		}
	}
	checks := "iss and aud stay"
	switch {
	case !issSame && !audSame:
		checks = "iss and aud change: update the checks"
	case !audSame:
		checks = "aud changes: update the check"
	case !issSame:
		checks = "iss changes: update the check"
	}
	if len(gone) == 0 {
		return "ID token: every claim kept; " + checks + "."
	}
	// The claims are named as far as the line has room; the rows list all.
	line := func(names string) string {
		return fmt.Sprintf("ID token: %s gone (%s), read them from /userinfo; %s.", claimCount(len(gone)), names, checks)
	}
	return line(namesWithin(gone, maxSummaryLine-utf8.RuneCountInString(line(""))))
}

// maxSummaryLine is the longest a line of the migration Summary is made.
const maxSummaryLine = 100

// notSentBecause is why the realm login was not sent, in a few words: the
// ro call's refusal, that nothing went out, or that it got no answer.
func (m *MigrationComparison) notSentBecause() string {
	var ex *ro.Exchange
	if m.RO != nil {
		ex = m.RO.Exchange
	}
	var ve *ro.ValidationError
	switch {
	case errors.As(m.RealmErr, &ve):
		return "a field of its request needs a change (see the answers below)"
	case ex == nil:
		return "nothing went through /oauth/ro (a field needs a change)"
	case ex.Status == 0:
		return "the /oauth/ro call got no answer"
	case ex.Tokens == nil:
		return "/oauth/ro refused this login (" + refusalCode(ex) + ")"
	}
	return "the realm request could not be made"
}

// refusalCode names an answer's refusal: its error code, or its status.
func refusalCode(ex *ro.Exchange) string {
	if ex == nil {
		return "no answer"
	}
	var ae *ro.APIError
	if errors.As(ex.Err, &ae) && ae.Code != "" {
		return ae.Code
	}
	if ex.Status == 404 {
		return "HTTP 404: the legacy endpoint is off"
	}
	return fmt.Sprintf("HTTP %d", ex.Status)
}

// namesWithin joins names while they fit in max characters, ending with
// an ellipsis where some are left out.
func namesWithin(names []string, max int) string {
	out := ""
	for i, n := range names {
		next := n
		if out != "" {
			next = out + ", " + n
		}
		rest := ""
		if i < len(names)-1 {
			rest = ", …"
		}
		if utf8.RuneCountInString(next+rest) > max {
			if out == "" {
				return "…"
			}
			return out + ", …"
		}
		out = next
	}
	return out
}

func (m *MigrationComparison) refreshLine() string {
	if m.RO.Token(RoleRefresh) != nil {
		return "Refresh at /oauth/token (refresh_token grant): /oauth/ro refresh tokens do not carry over."
	}
	return "To refresh, ask offline_access (no device) and use the refresh_token grant at /oauth/token."
}
