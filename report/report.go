// Package report writes a shareable Markdown report of one login call or
// one pasted token, for a support ticket: the request with every secret
// masked, status, latency and rate limit, and for each token its kind,
// header, claims (in the order sent), times, expiry and checks.
//
// A report never holds a whole token: it shows the decoded header and
// claims and a shortened form of each token (its first characters and its
// length), never the encoded token and never a signature. Passwords,
// bearer tokens, client secrets and every token string are also removed
// from the finished text, as a second net. Everything a server or a token
// sent is made terminal-safe (termsafe.Line) and escaped for Markdown.
//
// Pure Go: no terminal, no bubbletea. Both main (--report FILE) and ui (the
// report key) use it.
package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/internal/jsonwalk"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// Token labels used by New, ForToken and FromInspection (each role's name);
// a caller may use its own.
var (
	LabelAccess  = inspect.RoleAccess.String()
	LabelID      = inspect.RoleID.String()
	LabelRefresh = inspect.RoleRefresh.String()
	LabelPasted  = inspect.RolePasted.String()
)

// Removed replaces any secret or token string found in the finished text.
const Removed = "[removed]"

// maxBody is the most of a response or request body a report shows.
const maxBody = 16 << 10

// Token is one decoded token of the report.
type Token struct {
	Label        string                // heading: "ID token", "Access token", …
	Token        *jwtview.Token        // from jwtview.Decode; nil tokens are skipped
	Verification *jwtview.Verification // nil: not checked
}

// Report is what one report shows. Build it with New or ForToken, or fill
// it in; then call Markdown or Write.
type Report struct {
	Exchange *ro.Exchange // the call; nil for a pasted token
	Tokens   []Token
	// Findings are the inspection's consistency checks (expires_in vs exp,
	// scope, aud/azp, iss, clock); details may quote server text (escaped here).
	Findings []inspect.Finding
	// UserInfo is the /userinfo call made with the access token, when the
	// person made one; its request's bearer is masked like any other.
	UserInfo *ro.Exchange
	// Secrets are strings that must never appear in the report, besides
	// those found in Exchange (password, bearer, client_secret, every token):
	// the client secret used to verify HS256 tokens, a password typed but
	// not sent. Any occurrence in the finished text becomes Removed.
	Secrets []string
	Now     time.Time // times are shown relative to it; zero: time.Now()
	Version string    // rotui's version, for the first line; may be empty
}

// New builds the report of one call: its tokens (access, ID, refresh)
// decoded, in that order, without consistency checks (they compare the
// answer with the request: use FromInspection). Add verifications with
// Verified and secrets by setting the fields.
func New(ex *ro.Exchange, now time.Time) *Report {
	r := FromInspection(inspect.New(inspect.Input{Exchange: ex, Now: now}))
	r.Findings = nil
	return r
}

// ForToken builds the report of one pasted token.
func ForToken(raw string, now time.Time) *Report {
	return FromInspection(inspect.New(inspect.Input{Pasted: raw, Now: now}))
}

// FromInspection builds the report of what an inspection found: the
// exchange, each token with its verification (when made), and the
// consistency checks. Every surface that writes a report builds it here
// from its inspection, so the TUI's report and `rotui login --report` of
// the same exchange hold the same sections.
func FromInspection(i *inspect.Inspection) *Report {
	r := &Report{Exchange: i.Exchange, Now: i.Now, Findings: i.Findings}
	for _, t := range i.Tokens {
		r.Tokens = append(r.Tokens, Token{Label: t.Role.String(), Token: t.Decoded, Verification: t.Verification})
	}
	return r
}

// Verified attaches v to the token labelled label; false when there is none.
func (r *Report) Verified(label string, v jwtview.Verification) bool {
	for i := range r.Tokens {
		if r.Tokens[i].Label == label {
			r.Tokens[i].Verification = &v
			return true
		}
	}
	return false
}

// Markdown renders the report. It never panics, whatever the tokens hold.
func (r *Report) Markdown() string {
	now := r.Now
	if now.IsZero() {
		now = time.Now()
	}
	var b strings.Builder
	b.WriteString("# rotui report\n\n")
	by := "rotui"
	if r.Version != "" {
		by += " " + r.Version
	}
	if v := r.verdict(); v != "" {
		fmt.Fprintf(&b, "**%s**\n\n", text(v))
	}
	fmt.Fprintf(&b, "Made by %s at %s. Secrets are masked (`%s`), token signatures are removed and tokens are shortened: nothing here can be used to log in.\n\n",
		text(by), utc(now), ro.Mask)

	if ex := r.Exchange; ex != nil {
		writeExchange(&b, ex, now)
	}
	if len(r.Findings) > 0 {
		b.WriteString("## Consistency checks\n\n| Check | Result | Detail |\n|---|---|---|\n")
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", text(f.Name), text(f.Level.String()), text(f.Detail))
		}
		b.WriteString("\n")
	}
	if r.UserInfo != nil {
		writeUserInfo(&b, r.UserInfo, now)
	}
	for _, t := range r.Tokens {
		if t.Token != nil {
			writeToken(&b, t, now)
		}
	}
	return strings.TrimRight(scrub(b.String(), r.secrets()), "\n") + "\n"
}

// utc formats a time for the report: "2026-11-25 17:30:00 UTC".
func utc(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// when is a time with its distance from when the report was written:
// "2026-… UTC (9m59s after this report was written)". A report is read
// later, so "in 9m59s" would be wrong by the time anyone reads it.
func when(t, now time.Time) string {
	d := t.Sub(now).Round(time.Second)
	switch {
	case d > 0:
		return utc(t) + " (" + jwtview.FormatDuration(d) + " after this report was written)"
	case d < 0:
		return utc(t) + " (" + jwtview.FormatDuration(-d) + " before this report was written)"
	}
	return utc(t) + " (as this report was written)"
}

// verdict is the report's first line: how the call went and, for each
// signed token, who it is for, whether its signature checked out and when
// it expires; then how the consistency checks went.
func (r *Report) verdict() string {
	var parts []string
	if ex := r.Exchange; ex != nil {
		mark := "✓"
		if ex.Status == 0 || ex.Status >= 300 || ex.Err != nil {
			mark = "✗"
		}
		status := "no answer"
		if ex.Status != 0 {
			status = statusLine(ex.Status)
		}
		if e := (*ro.APIError)(nil); errors.As(ex.Err, &e) && e.Code != "" {
			status += " " + e.Code
		}
		parts = append(parts, mark+" "+status)
	}
	for _, t := range r.Tokens {
		if t.Token == nil || t.Token.Kind != jwtview.KindJWS {
			continue
		}
		parts = append(parts, tokenVerdict(t))
	}
	if len(r.Findings) > 0 {
		failed, warnings := inspect.Tally(r.Findings)
		switch {
		case failed > 0:
			parts = append(parts, fmt.Sprintf("✗ checks: %d failed, %d warnings", failed, warnings))
		case warnings > 0:
			parts = append(parts, fmt.Sprintf("! checks: %d warnings", warnings))
		default:
			parts = append(parts, "✓ checks: all consistent")
		}
	}
	return strings.Join(parts, " · ")
}

// tokenVerdict is one signed token in the verdict: "✓ ID token for
// rotui-demo, signature verified, expires 2026-… UTC".
func tokenVerdict(t Token) string {
	tok, v := t.Token, t.Verification
	mark, sig := "–", "signature not checked"
	switch {
	case inspect.Unsigned(tok):
		mark, sig = "✗", "unsigned (alg none)" // anyone could have written it
	case v != nil && len(v.Failures()) > 0:
		mark, sig = "✗", v.Failures()[0].Name+" failed"
	case v != nil && v.Check(jwtview.CheckSignature).Outcome == jwtview.Passed:
		mark, sig = "✓", "signature verified"
	}
	s := mark + " " + t.Label
	if f, ok := tok.Claim("aud"); ok && f.Text != "" {
		s += " for " + f.Text
	}
	s += ", " + sig
	if exp := tok.Lifetime().ExpiresAt; !exp.IsZero() {
		s += ", expires " + utc(exp)
	}
	return s
}

func writeExchange(b *strings.Builder, ex *ro.Exchange, now time.Time) {
	b.WriteString("## Call\n\n")
	flow := ex.Flow
	if flow == "" {
		flow = ro.FlowRO
	}
	if rt := ex.RefreshRoute; rt != nil {
		// A refresh, not a login: where the refresh token went and why.
		fmt.Fprintf(b, "- **Refresh:** the refresh token from the %s flow, through %s: %s\n", code(string(flow)), text(rt.Endpoint), text(rt.Why))
	} else {
		fmt.Fprintf(b, "- **Flow:** %s\n", code(string(flow)))
	}
	fmt.Fprintf(b, "- **Endpoint:** %s\n", code(ex.Request.Method+" "+ex.Request.Masked().URL))
	if !ex.Started.IsZero() {
		fmt.Fprintf(b, "- **Sent:** %s\n", when(ex.Started, now))
	}
	if ex.Status != 0 {
		fmt.Fprintf(b, "- **Status:** %s\n", text(statusLine(ex.Status)))
		fmt.Fprintf(b, "- **Latency:** %s\n", latency(ex.Latency))
	} else {
		b.WriteString("- **Status:** no answer\n")
	}
	if !ex.ServerDate.IsZero() {
		fmt.Fprintf(b, "- **Server clock:** %s", utc(ex.ServerDate))
		if skew, ok := inspect.ClockSkew(ex, now); ok {
			fmt.Fprintf(b, " (%s)", skewText(skew))
		}
		b.WriteString("\n")
	}
	if rl := ex.RateLimit; rl.Present {
		fmt.Fprintf(b, "- **Rate limit:** %d of %d left", rl.Remaining, rl.Limit)
		if !rl.Reset.IsZero() {
			fmt.Fprintf(b, ", resets %s", when(rl.Reset, now))
		}
		b.WriteString("\n")
	}
	if tr := ex.Tokens; tr != nil {
		if tr.TokenType != "" {
			fmt.Fprintf(b, "- **Token type:** %s\n", code(tr.TokenType))
		}
		if tr.HasExpiresIn {
			fmt.Fprintf(b, "- **expires\\_in:** %d s", tr.ExpiresIn)
			if at := ex.ExpiresAt(); !at.IsZero() {
				fmt.Fprintf(b, ": %s expires %s", tr.ExpiresInOf(), when(at, now))
			}
			b.WriteString("\n")
		} else if tr.ExpiresInProblem != "" {
			fmt.Fprintf(b, "- **expires\\_in:** %s\n", text(tr.ExpiresInProblem))
		}
		if tr.Scope != "" {
			fmt.Fprintf(b, "- **Scope granted:** %s\n", code(tr.Scope))
		}
	}
	b.WriteString("\n")
	writeHTTP(b, ex, now)
}

// writeUserInfo writes the /userinfo call made with the access token.
func writeUserInfo(b *strings.Builder, ex *ro.Exchange, now time.Time) {
	b.WriteString("## /userinfo\n\n")
	fmt.Fprintf(b, "- **Endpoint:** %s\n", code(ex.Request.Method+" "+ex.Request.Masked().URL))
	if ex.Status != 0 {
		fmt.Fprintf(b, "- **Status:** %s\n", text(statusLine(ex.Status)))
		fmt.Fprintf(b, "- **Latency:** %s\n", latency(ex.Latency))
	} else {
		b.WriteString("- **Status:** no answer\n")
	}
	b.WriteString("\n")
	writeHTTP(b, ex, now)
}

// writeHTTP writes an exchange's error, masked request and response.
func writeHTTP(b *strings.Builder, ex *ro.Exchange, now time.Time) {
	switch e := ex.Err.(type) {
	case nil:
	case *ro.APIError:
		b.WriteString("### Error\n\n")
		if e.Code != "" {
			fmt.Fprintf(b, "- **error:** %s\n", code(e.Code))
		}
		if e.Description != "" {
			fmt.Fprintf(b, "- **error\\_description:** %s\n", code(e.Description))
		}
		if e.Location != "" {
			fmt.Fprintf(b, "- **Redirect to (not followed):** %s\n", code(e.Location))
		}
		if !e.RetryAt.IsZero() {
			fmt.Fprintf(b, "- **Retry after:** %s\n", when(e.RetryAt, now))
		}
		if e.Hint != "" {
			fmt.Fprintf(b, "- **Hint:** %s\n", text(e.Hint))
		}
		b.WriteString("\n")
	default:
		// A *ro.NetworkError or anything else: its sentence says what failed.
		fmt.Fprintf(b, "### Error\n\n%s\n\n", text(e.Error()))
	}

	b.WriteString("### Request (secrets masked)\n\n")
	m := ex.Request.Masked()
	var req strings.Builder
	req.WriteString(m.Method + " " + m.URL + "\n")
	writeHeaders(&req, m.Header)
	if len(m.Body) > 0 {
		req.WriteString("\n")
		req.WriteString(prettyBody(m.Body, nil))
	}
	block(b, "http", req.String())

	if ex.Status != 0 {
		b.WriteString("### Response\n\n")
		var resp strings.Builder
		resp.WriteString(statusLine(ex.Status) + "\n")
		writeHeaders(&resp, maskResponseHeaders(ex.Header))
		if len(ex.Body) > 0 {
			resp.WriteString("\n")
			resp.WriteString(prettyBody(ex.Body, shortenTokenFields))
			if ex.BodyTruncated {
				resp.WriteString("\n… (the body was larger than 1 MiB; rotui read no more)")
			}
		}
		block(b, "http", resp.String())
	}
}

// latency rounds to the millisecond, or to the microsecond below one (a
// loopback call), so that it never reads 0s.
func latency(d time.Duration) string {
	if d < time.Millisecond {
		return d.Round(time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

func statusLine(status int) string {
	if t := http.StatusText(status); t != "" {
		return fmt.Sprintf("HTTP %d %s", status, t)
	}
	return fmt.Sprintf("HTTP %d", status)
}

func skewText(d time.Duration) string {
	switch {
	case d >= time.Second:
		return jwtview.FormatDuration(d) + " ahead of this machine"
	case d <= -time.Second:
		return jwtview.FormatDuration(-d) + " behind this machine"
	}
	return "in step with this machine"
}

// writeHeaders writes headers sorted by name, one value a line.
func writeHeaders(b *strings.Builder, h http.Header) {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		for _, v := range h[k] {
			b.WriteString(k + ": " + v + "\n")
		}
	}
}

// maskResponseHeaders hides cookies a server set: a session is a credential.
func maskResponseHeaders(h http.Header) http.Header {
	out := h.Clone()
	for k, vs := range out {
		switch http.CanonicalHeaderKey(k) {
		case "Set-Cookie", "Authorization", "Cookie":
			for i, v := range vs {
				name, _, _ := strings.Cut(v, "=")
				vs[i] = name + "=" + ro.Mask
			}
		}
	}
	return out
}

// secretFields are JSON or form fields whose value is a credential: masked
// in a body whatever ro.Masked already did.
var secretFields = map[string]bool{
	"password": true, "client_secret": true, "refresh_token": true, "access_token": true,
	"id_token": true, "mfa_token": true, "otp": true, "mfa_code": true, "client_assertion": true,
	"subject_token": true, "session_token": true, "binding_code": true, "oob_code": true,
}

// shortenTokenFields rewrites a response body's credential fields: tokens
// become their shortened form, other secrets the mask.
func shortenTokenFields(key, value string) (string, bool) {
	if !isSecretField(key, value) {
		return "", false
	}
	switch strings.ToLower(key) {
	case "access_token", "id_token", "refresh_token":
		// The tokens the report shows, in the form their sections show them.
		return Shorten(value), true
	}
	return ro.Mask, true
}

// maskSecretFields is shortenTokenFields for a request body: everything masked.
func maskSecretFields(key, value string) (string, bool) {
	if isSecretField(key, value) {
		return ro.Mask, true
	}
	return "", false
}

// isSecretField reports whether a body's field is a credential: by its
// name, or as inspect's rule for what presenter mode hides has it a
// secret (an MFA enrolment's key, an otpauth:// URI, a cookie…).
func isSecretField(key, value string) bool {
	return secretFields[strings.ToLower(key)] || inspect.FieldExposure(key, value) == inspect.ExposureSecret
}

// prettyBody renders a body for a code block: JSON indented (its secret
// fields rewritten by rewrite, or masked), a form one field a line (secret
// fields masked), anything else as text, cut.
func prettyBody(body []byte, rewrite func(key, value string) (string, bool)) string {
	if rewrite == nil {
		rewrite = maskSecretFields
	}
	if out, ok := rewriteJSON(body, rewrite); ok {
		var pretty bytes.Buffer
		if json.Indent(&pretty, out, "", "  ") == nil {
			return cutBytes(pretty.String())
		}
	}
	s := string(body)
	if isForm(s) {
		var b strings.Builder
		for _, part := range strings.Split(s, "&") {
			k, v, _ := strings.Cut(part, "=")
			name, _ := url.QueryUnescape(k)
			val, _ := url.QueryUnescape(v)
			if r, ok := rewrite(name, val); ok {
				v = r // shown as is, for a person: "********" or a shortened token
			}
			b.WriteString(k + "=" + v + "\n")
		}
		return cutBytes(b.String())
	}
	return cutBytes(s)
}

// isForm is true for a form-encoded body: name=value pairs joined by '&'.
func isForm(s string) bool {
	if s == "" || strings.ContainsAny(s, " \n\t{<\"") {
		return false
	}
	for _, part := range strings.Split(s, "&") {
		if !strings.Contains(part, "=") {
			return false
		}
	}
	_, err := url.ParseQuery(s)
	return err == nil
}

func cutBytes(s string) string {
	if len(s) <= maxBody {
		return s
	}
	i := maxBody
	for i > 0 && s[i]&0xc0 == 0x80 {
		i--
	}
	return s[:i] + fmt.Sprintf("\n… (cut: %d bytes in all)", len(s))
}

// rewriteJSON re-emits a JSON document compactly, in its original order,
// with the string value of every object member that rewrite claims
// replaced. ok is false when body is not one JSON value.
func rewriteJSON(body []byte, rewrite func(key, value string) (string, bool)) ([]byte, bool) {
	var out bytes.Buffer
	w := jsonwalk.New(body)
	for w.Next() {
		t := w.Token()
		if !t.StartsValue() { // the end of an object or array
			out.WriteByte(t.Raw[len(t.Raw)-1])
			continue
		}
		if t.Index > 0 {
			out.WriteByte(',')
		}
		key := t.Key()
		if t.InObject {
			name, _ := json.Marshal(key)
			out.Write(name)
			out.WriteByte(':')
		}
		if t.Kind != jsonwalk.String { // a number or literal as written, or the start of an object or array
			out.Write(t.Raw)
			continue
		}
		v := t.Value()
		if t.InObject {
			if r, ok := rewrite(key, v); ok {
				v = r
			}
		}
		s, _ := json.Marshal(v) // escaped by encoding/json, as a report's JSON always was
		out.Write(s)
	}
	return out.Bytes(), w.Err() == nil
}

// Shorten is how a report shows a token: its first characters (none for a
// short one) and its length, never the whole token and never a signature:
// "eyJhbGciOiJS… (812 characters)". For a JWT the first characters are
// the start of its header, which is public anyway.
func Shorten(raw string) string {
	n := utf8.RuneCountInString(raw)
	show := min(12, n/4)
	if n < 16 {
		show = 0
	}
	prefix := jwtview.Head(raw, show)
	// Keep the prefix to characters tokens are made of.
	for i := 0; i < len(prefix); i++ {
		c := prefix[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=') {
			prefix = prefix[:i]
			break
		}
	}
	// An ASCII letter that a combining mark follows is not whole: Head
	// leaves it out.
	prefix = jwtview.Head(raw, len(prefix))
	if prefix == "" {
		return fmt.Sprintf("(%d characters)", n)
	}
	return fmt.Sprintf("%s… (%d characters)", prefix, n)
}

func writeToken(b *strings.Builder, t Token, now time.Time) {
	tok := t.Token
	label := t.Label
	if label == "" {
		label = LabelPasted
	}
	fmt.Fprintf(b, "## %s\n\n", text(label))
	fmt.Fprintf(b, "- **Kind:** %s", text(inspect.KindText(tok)))
	if alg := tok.Alg(); alg != "" {
		fmt.Fprintf(b, ", alg %s", code(alg))
	}
	if kid := tok.Kid(); kid != "" {
		fmt.Fprintf(b, ", key %s", code(kid))
	}
	b.WriteString("\n")
	size := tok.Size
	if size == 0 {
		size = len(tok.Raw)
	}
	short := Shorten(tok.Raw)
	if size != len(tok.Raw) {
		// Too large to keep: only its size in bytes is known.
		short = fmt.Sprintf("(%d bytes)", size)
	}
	note := "shortened"
	if tok.Kind == jwtview.KindJWS {
		note = "shortened, signature removed"
	}
	fmt.Fprintf(b, "- **Token:** %s (%s)\n", code(short), note)
	if tok.Kind == jwtview.KindJWS || len(tok.Claims) > 0 {
		life := tok.Lifetime()
		e := life.At(now)
		switch {
		case life.ExpiresAt.IsZero():
			fmt.Fprintf(b, "- **Expiry:** %s\n", text(e.String()))
		case e.State == jwtview.Expired:
			fmt.Fprintf(b, "- **Expiry:** expired %s\n", when(life.ExpiresAt, now))
		default:
			fmt.Fprintf(b, "- **Expiry:** expires %s\n", when(life.ExpiresAt, now))
		}
		if total := life.TotalSeconds(); total > 0 {
			fmt.Fprintf(b, "- **Lifetime:** %s", jwtview.FormatSeconds(total))
			if e.HasBounds {
				fmt.Fprintf(b, ", %d%% used", int(e.Used*100+0.5))
			}
			b.WriteString("\n")
		}
	}
	for _, n := range tok.Notes {
		fmt.Fprintf(b, "- **Note:** %s\n", text(n))
	}
	if t.Verification == nil || tok.Kind != jwtview.KindJWS {
		// For a checked JWS the sentence ("not checked unless you ask") would
		// contradict the checks below.
		fmt.Fprintf(b, "\n%s\n", text(describe(t)))
	}
	b.WriteString("\n")

	if len(tok.Header) > 0 {
		b.WriteString("### Header\n\n")
		writeFields(b, "Name", tok.Header, now)
	}
	if len(tok.Claims) > 0 {
		b.WriteString("### Claims\n\n")
		writeFields(b, "Claim", tok.Claims, now)
	}
	if v := t.Verification; v != nil && len(v.Checks) > 0 {
		b.WriteString("### Checks\n\n| Check | Result | Detail |\n|---|---|---|\n")
		for _, c := range v.Checks {
			fmt.Fprintf(b, "| %s | %s | %s |\n", text(c.Name), text(c.Outcome.String()), text(c.Reason))
		}
		b.WriteString("\n")
	} else if tok.Kind == jwtview.KindJWS {
		b.WriteString("Signature, issuer and audience: not checked.\n\n")
	}
	if len(tok.Problems) > 0 {
		b.WriteString("### Problems\n\n")
		for _, p := range tok.Problems {
			fmt.Fprintf(b, "- **%s:** %s\n", text(p.Part), text(p.Message))
		}
		b.WriteString("\n")
	}
}

// describe says what the token is. jwtview's sentence on an opaque token
// is about access tokens; a refresh token gets its own.
func describe(t Token) string {
	if t.Label == LabelRefresh && t.Token.Kind == jwtview.KindOpaque {
		return fmt.Sprintf("A refresh token of %d characters: opaque, it is sent back to the token endpoint (grant_type refresh_token) with the client ID to get new tokens without the password. Auth0 returns one only for the offline_access scope (and, on /oauth/ro, a device name); it lasts until it is revoked.", t.Token.Size)
	}
	return t.Token.Describe()
}

// writeFields writes header parameters or claims as a table, in the order sent.
func writeFields(b *strings.Builder, nameTitle string, fs []jwtview.Field, now time.Time) {
	fmt.Fprintf(b, "| %s | Value | Meaning |\n|---|---|---|\n", nameTitle)
	for _, f := range fs {
		value := cell(f.Text)
		if f.IsTime {
			value += " " + when(f.Time, now)
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", cell(f.Name), value, text(f.Note))
	}
	b.WriteString("\n")
}

// secrets lists every string the finished text must not contain: what the
// caller named, the credentials in the request, every token and every
// token part that is not public (signatures, JWE pieces).
func (r *Report) secrets() []string {
	var out []string
	add := func(s ...string) {
		for _, x := range s {
			if utf8.RuneCountInString(x) >= minSecret {
				out = append(out, x)
			}
		}
	}
	add(r.Secrets...)
	for _, ex := range []*ro.Exchange{r.Exchange, r.UserInfo} {
		if ex == nil {
			continue
		}
		add(requestSecrets(ex.Request)...)
		if tr := ex.Tokens; tr != nil {
			add(tr.AccessToken, tr.IDToken, tr.RefreshToken)
			for _, raw := range []string{tr.AccessToken, tr.IDToken, tr.RefreshToken} {
				add(tokenParts(jwtview.Trim(raw))...)
			}
		}
		if e, ok := ex.Err.(*ro.APIError); ok {
			add(e.MFAToken)
		}
	}
	for _, t := range r.Tokens {
		if t.Token != nil {
			add(t.Token.Raw)
			add(tokenParts(t.Token.Raw)...)
		}
	}
	// Longest first, so a token is removed whole before a part of it.
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(out)
}

// minSecret is the shortest string scrubbed from the text, in characters:
// shorter ones would blank ordinary words (a password "wrong" in the hint
// "The username or password is wrong"), and none is put in the text in the
// first place; ro masks their echoes letter for letter before the report
// sees them.
const minSecret = ro.MinFuzzyEcho

// tokenParts are the parts of a JWT that are not public: the signature of
// a JWS, and every part of a JWE after its header.
func tokenParts(raw string) []string {
	parts := strings.Split(raw, ".")
	switch len(parts) {
	case 3:
		return parts[2:]
	case 5:
		return parts[1:]
	}
	return nil
}

// requestSecrets finds the credentials a request carried: the Authorization
// header and the secret fields of its body (JSON or form).
func requestSecrets(s ro.SentRequest) []string {
	var out []string
	for _, k := range []string{"Authorization", "Proxy-Authorization", "Cookie"} {
		for _, v := range s.Header.Values(k) {
			out = append(out, v)
			if _, cred, ok := strings.Cut(v, " "); ok {
				out = append(out, strings.TrimSpace(cred))
			}
		}
	}
	collect := func(key, value string) (string, bool) {
		if secretFields[strings.ToLower(key)] {
			out = append(out, value)
		}
		return "", false
	}
	if _, ok := rewriteJSON(s.Body, collect); !ok {
		if vals, err := url.ParseQuery(string(s.Body)); err == nil {
			for k, vs := range vals {
				for _, v := range vs {
					collect(k, v)
				}
			}
		}
	}
	if i := strings.IndexByte(s.URL, '?'); i >= 0 {
		if vals, err := url.ParseQuery(s.URL[i+1:]); err == nil {
			for k, vs := range vals {
				for _, v := range vs {
					collect(k, v)
				}
			}
		}
	}
	return out
}

// scrub replaces every secret with Removed, in every form a server may have
// echoed it in (ro.Echoes: escaped, base64, any letter case, split across
// lines) and in the forms this report writes it in (made terminal-safe,
// Markdown-escaped).
func scrub(md string, secrets []string) string {
	forms := make([]string, 0, 3*len(secrets))
	for _, s := range secrets {
		forms = append(forms, s)
		if c := clean(s, false); c != s {
			forms = append(forms, c)
		}
		if len(s) <= maxValue*4 {
			forms = append(forms, text(s)) // longer ones are cut by text, so never written whole
		}
	}
	return ro.NewEchoes(forms...).Replace(md, Removed)
}
