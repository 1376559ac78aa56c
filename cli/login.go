package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// loginOptions is everything `rotui login` was asked to do.
type loginOptions struct {
	Request ro.Request
	JSON    bool
	Timeout time.Duration
	Now     func() time.Time // nil: time.Now
	Extras  loginExtras      // --profile, --config, --userinfo, --report
	Issuer  string           // the profile's expected issuer, for the report's checks

	Flow          string            // --flow as typed: ro, realm or password
	PasswordStdin bool              // --password-stdin
	IDTokenStdin  bool              // --id-token-stdin
	CompareRealm  bool              // --compare-realm: then the same login through realm, compared
	FromCurl      string            // --from-curl FILE, or - for stdin
	Given         func(string) bool // whether a flag was given (a profile fills the others)
	MFACodeEnv    bool              // the MFA code sent came from ROTUI_MFA_CODE, not --mfa-code
}

// loginMain checks the options of `rotui login`, reads the password, and
// makes the call.
func loginMain(ctx context.Context, o loginOptions, s streams) int {
	r := &o.Request
	flow := o.Flow
	if o.Given == nil {
		o.Given = func(string) bool { return false }
	}
	if o.FromCurl != "" {
		var code int
		if o.Given, code = applyCurl(o, s, r, &flow); code != exitOK {
			return code
		}
	}
	iss, cfgWarnings, err := o.Extras.applyProfile(o.Given, r, &flow)
	for _, w := range cfgWarnings {
		fmt.Fprintf(s.Err, "rotui login: warning: %s\n", termsafe.Line(w))
	}
	if err != nil {
		fmt.Fprintf(s.Err, "rotui login: %s\n", termsafe.Line(err.Error()))
		return exitUsage
	}
	o.Issuer = iss
	f, err := ro.ParseFlow(flow)
	if err != nil {
		fmt.Fprintf(s.Err, "rotui login: --flow: %s\n", termsafe.Line(err.Error()))
		return exitUsage
	}
	r.Flow = f
	if o.CompareRealm {
		if msg := compareRealmProblem(o, f); msg != "" {
			fmt.Fprintf(s.Err, "rotui login: %s\n", msg)
			return exitUsage
		}
	}
	if !timeoutAllowed(s, "rotui login", o.Timeout) {
		return exitUsage
	}
	if code := readCredentials(&o, s, r); code != exitOK {
		return code
	}

	return oneCall(ctx, o.Timeout, func(ctx context.Context, client *ro.Client) int {
		if o.CompareRealm {
			return runCompareRealm(ctx, o, s, client)
		}
		return runLogin(ctx, o, s, client)
	})
}

// readCredentials fills r's secrets from stdin or the environment: the ID
// token (--id-token-stdin, ROTUI_ID_TOKEN), the password or a passwordless
// code (--password-stdin, ROTUI_PASSWORD, else --from-curl's), the bearer
// (ROTUI_BEARER) and the MFA code (ROTUI_MFA_CODE, the flag winning; the
// ro flow's only, noting o.MFACodeEnv); an ID token without a user is then
// /oauth/ro's jwt-bearer grant. It returns exitOK, or exitUsage having
// said why.
func readCredentials(o *loginOptions, s streams, r *ro.Request) int {
	getenv := s.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	switch {
	case o.PasswordStdin && o.IDTokenStdin:
		fmt.Fprintln(s.Err, "rotui login: --password-stdin and --id-token-stdin both read stdin, which holds one of them; pass the other in its environment variable (ROTUI_PASSWORD or ROTUI_ID_TOKEN)")
		return exitUsage
	case o.IDTokenStdin && r.IDToken != "":
		fmt.Fprintln(s.Err, "rotui login: give the ID token once: --id-token or --id-token-stdin (or ROTUI_ID_TOKEN)")
		return exitUsage
	case o.IDTokenStdin:
		tok, err := readSecret(s, "ID token: ")
		if errors.Is(err, errNoSecret) {
			err = fmt.Errorf("%w; pipe the ID token in, e.g. printf '%%s\\n' \"$ID_TOKEN\" | rotui login …", err)
		}
		if err != nil {
			fmt.Fprintf(s.Err, "rotui login: --id-token-stdin: %s\n", err)
			return exitUsage
		}
		r.IDToken = strings.TrimSpace(tok)
	case r.IDToken == "":
		r.IDToken = strings.TrimSpace(getenv("ROTUI_ID_TOKEN"))
	}
	switch {
	case o.PasswordStdin:
		pw, err := readSecret(s, r.PasswordLabel()+": ") // a passwordless connection's code, else the password
		if errors.Is(err, errNoSecret) {
			err = fmt.Errorf("%w; pipe the password in, e.g. printf '%%s\\n' \"$PW\" | rotui login …", err)
		}
		if err != nil {
			fmt.Fprintf(s.Err, "rotui login: --password-stdin: %s\n", err)
			return exitUsage
		}
		r.Password = pw
	default:
		if pw := getenv("ROTUI_PASSWORD"); pw != "" || o.FromCurl == "" {
			r.Password = pw // else the password of --from-curl's command, if it held one
		}
	}
	if r.Bearer == "" {
		r.Bearer = getenv("ROTUI_BEARER")
	}
	// The flag wins over the variable, as --password-stdin over ROTUI_PASSWORD.
	// The variable is for the ro flow: one exported for it must not break
	// every realm or password login, which take no code.
	if code := strings.TrimSpace(getenv("ROTUI_MFA_CODE")); code != "" && !o.Given("mfa-code") {
		if r.Flow == ro.FlowRO {
			r.MFACode, o.MFACodeEnv = code, true
		} else {
			fmt.Fprintf(s.Err, "rotui login: note: ROTUI_MFA_CODE is not sent: the %s flow takes no MFA code (the variable is for --flow ro)\n", r.Flow)
		}
	}
	// Delegation: an ID token without a user is the jwt-bearer grant of /oauth/ro.
	if r.IDToken != "" && r.Username == "" && r.Password == "" && r.Flow == ro.FlowRO {
		r.GrantType = ro.GrantJWTBearer
	}
	return exitOK
}

// runLogin makes the call and prints its outcome; it returns the exit status.
func runLogin(ctx context.Context, o loginOptions, s streams, client *ro.Client) int {
	now := clockOf(o.Now)
	red := newRedactor(o.Request).cameFrom(ro.FieldMFACode, o.MFACodeEnv, "ROTUI_MFA_CODE")
	warnings := plainHTTPWarning(o.Request.Domain, o.Request.Insecure, "the password")
	if o.Request.Flow == ro.FlowPassword && o.Request.Connection != "" {
		warnings = append(warnings, "--connection is not sent in the password flow: the server logs in against its default directory (use --flow realm to name the connection)")
	}
	ex, err := client.Login(ctx, o.Request)
	var insp *inspect.Inspection
	if ex != nil {
		insp = inspect.New(inspect.Input{Request: o.Request, Exchange: ex, ExpectedIssuer: o.Issuer, Now: now()})
	}
	code := exitCode(err)
	after := o.Extras.after(ctx, client, o.Request, insp, ex, err)
	code = afterExitCode(code, after, o.Extras)
	if o.JSON {
		out := loginJSONOf(ex, err, insp, warnings, red, now())
		out.UserInfo = userInfoJSON(after, o.Extras, red)
		out.Report = after.ReportPath
		printReportTalk(s, after, red)
		return writeResult(s, "rotui login", out, code)
	}
	printHuman(s, ex, err, warnings, red, now())
	printChecks(s, insp, red)
	printAfterHuman(s, after, o.Extras, red)
	return code
}

// exitCode maps a Login error to DESIGN.md's exit status.
func exitCode(err error) int {
	var ve *ro.ValidationError
	var ae *ro.APIError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ve):
		return exitUsage
	case errors.As(err, &ae):
		if ae.ServerFault() {
			return exitFault
		}
		return exitRefused
	}
	return exitFault
}

// checkMarks are the marks of the inspection's levels, as the TUI draws them.
var checkMarks = map[inspect.Level]string{inspect.LevelOK: "✓", inspect.LevelWarn: "!", inspect.LevelBad: "✗", inspect.LevelInfo: "i"}

// printChecks writes the inspection's consistency checks on stderr (they
// are talk about the answer, not the data): a tally, then one a line.
func printChecks(s streams, insp *inspect.Inspection, rd redactor) {
	if insp == nil || len(insp.Findings) == 0 {
		return
	}
	fmt.Fprintf(s.Err, "checks: %s\n", inspect.TallyText(insp.Findings, insp.Exchange))
	for _, f := range insp.Findings {
		fmt.Fprintf(s.Err, "  %s %-13s %s\n", checkMarks[f.Level], f.Name, rd.safe(f.Detail))
	}
}

// checksJSON is the inspection's consistency checks for --json.
func checksJSON(insp *inspect.Inspection, rd redactor) []jsonCheck {
	if insp == nil {
		return nil
	}
	out := []jsonCheck{}
	for _, f := range insp.Findings {
		out = append(out, jsonCheck{Name: f.Name, Result: f.Level.String(), Detail: rd.clean(f.Detail)})
	}
	return out
}

// redactor hides the request's secrets (the password, the bearer, the ID
// token sent for delegation, the MFA code; for refresh and revoke the
// refresh token) in text a server sent back, in every form ro
// finds an echo in: a hostile or careless server may quote the password in
// an error, HTML-escaped, base64-encoded or upper-cased. ro has masked the
// answer itself; this covers what login words from it besides.
type redactor struct {
	echoes *ro.Echoes
	from   map[string]string // where a field's secret came from when not its flag: ROTUI_MFA_CODE
}

// newRedactor hides every secret of r (ro.Request.Secrets), so that a
// secret added to the request is masked here too.
func newRedactor(r ro.Request) redactor { return redactorOf(r.Secrets()...) }

// redactorOf hides secrets. Very short secrets would blank out ordinary
// letters (see ro.MinEcho); they are masked everywhere rotui itself prints
// them, which is what matters most.
func redactorOf(secrets ...string) redactor { return redactor{echoes: ro.NewEchoes(secrets...)} }

func (rd redactor) clean(s string) string { return rd.echoes.Mask(s) }

// cameFrom is rd knowing that field's secret came from variable, when
// fromIt: a message about it then names the variable, not a flag the
// person never typed.
func (rd redactor) cameFrom(field string, fromIt bool, variable string) redactor {
	if fromIt {
		rd.from = map[string]string{field: variable}
	}
	return rd
}

// origin names where a field came from: its variable, else its flag.
func (rd redactor) origin(field string) string {
	if v := rd.from[field]; v != "" {
		return v
	}
	return flagFor(field)
}

// safe is terminal-safe, secret-free text for one line.
func (rd redactor) safe(s string) string { return termsafe.Line(rd.clean(s)) }

// missingOnCLI words, for the command line, the problem of a secret that
// was not given, where a form's advice ("enter the password", "paste the
// refresh token") would not say how: by the start of ro's message.
var missingOnCLI = map[string]struct{ start, say string }{
	ro.FieldPassword:     {"Enter", "No password was given: pipe it to --password-stdin (one line) or set ROTUI_PASSWORD."},
	ro.FieldRefreshToken: {"Paste", "No refresh token was given: pipe it to --refresh-token-stdin (one line) or set ROTUI_REFRESH_TOKEN."},
}

// cliMessage words a field's problem for the command line.
func cliMessage(f ro.FieldError) string {
	if m, ok := missingOnCLI[f.Field]; ok && strings.HasPrefix(f.Message, m.start) {
		return m.say
	}
	return f.Message
}

// fieldFlags are the command-line flags behind the fields of a Request, a
// Refresh and a CodeRequest (their names do not clash).
var fieldFlags = map[string]string{
	ro.FieldDomain:       "--domain",
	ro.FieldClientID:     "--client-id",
	ro.FieldConnection:   "--connection",
	ro.FieldUsername:     "--username",
	ro.FieldPassword:     "--password-stdin",
	ro.FieldScope:        "--scope",
	ro.FieldDevice:       "--device",
	ro.FieldIDToken:      "--id-token",
	ro.FieldBearer:       "--bearer",
	ro.FieldFlow:         "--flow",
	ro.FieldGrantType:    "--flow",
	ro.FieldAudience:     "--audience",
	ro.FieldMFACode:      "--mfa-code",
	ro.FieldRefreshToken: "--refresh-token-stdin",
	ro.FieldTarget:       "--target",
	ro.FieldAPIType:      "--api-type",
}

// flagFor names the command-line flag behind a field.
func flagFor(field string) string {
	if f, ok := fieldFlags[field]; ok {
		return f
	}
	return field
}

// printHuman writes the outcome for people: talk (the call, its status,
// errors, hints, warnings) on stderr, data (the tokens) on stdout.
func printHuman(s streams, ex *ro.Exchange, err error, warnings []string, rd redactor, now time.Time) {
	if printNothingSent(s, "rotui login", err, rd) {
		return
	}
	for _, w := range warnings {
		fmt.Fprintf(s.Err, "warning: %s\n", rd.safe(w))
	}
	if ex == nil {
		if err != nil {
			fmt.Fprintf(s.Err, "error: %s\n", rd.safe(err.Error()))
		}
		return
	}
	flow := ""
	if ex.Flow != "" { // a call that is no login (rotui code, revoke) has no flow
		flow = "  (flow " + ex.Flow.String() + ")"
	}
	fmt.Fprintf(s.Err, "%s %s%s\n", ex.Request.Method, rd.safe(ex.Request.URL), flow)
	if d := ex.Discovery; d != nil && d.TokenEndpoint != "" && ex.Request.Method == http.MethodPost {
		what := "token endpoint"
		if d.RevocationEndpoint != "" && ex.Request.URL == d.RevocationEndpoint {
			what = "revocation endpoint" // rotui revoke
		}
		fmt.Fprintf(s.Err, "  %s from %s\n", what, rd.safe(d.URL))
	}
	if ex.Status != 0 {
		line := fmt.Sprintf("%d %s in %s", ex.Status, http.StatusText(ex.Status), roundLatency(ex.Latency))
		if rl := ex.RateLimit; rl.Shown() {
			line += " · rate limit " + rd.safe(rl.Summary())
			if !rl.Reset.IsZero() {
				line += ", resets " + rl.Reset.UTC().Format("15:04:05 UTC") + " (" + jwtview.Relative(rl.Reset, now) + ")"
			}
		}
		fmt.Fprintln(s.Err, line)
	} else {
		fmt.Fprintf(s.Err, "no answer after %s\n", roundLatency(ex.Latency))
	}
	if err != nil {
		var ae *ro.APIError
		if errors.As(err, &ae) {
			printAPIError(s, ae, rd)
			return
		}
		fmt.Fprintf(s.Err, "error: %s\n", rd.safe(err.Error()))
		return
	}
	t := ex.Tokens
	if t == nil {
		return // an answer without tokens to show (rotui revoke's)
	}
	type row struct{ name, tok, expiry string }
	rows := []row{}
	if t.AccessToken != "" {
		exp := "no expires_in sent"
		if t.ExpiresInProblem != "" {
			exp = t.ExpiresInProblem
		}
		if at := ex.ExpiresAt(); !at.IsZero() {
			exp = "expires " + jwtview.Relative(at, now) + " (" + at.UTC().Format("15:04:05 UTC") + ")"
		}
		if tok := jwtview.Decode(t.AccessToken); tok.Kind == jwtview.KindJWS {
			exp = tokenExpiry(tok, now)
		}
		rows = append(rows, row{"access_token", t.AccessToken, exp})
	}
	if t.IDToken != "" {
		rows = append(rows, row{"id_token", t.IDToken, tokenExpiry(jwtview.Decode(t.IDToken), now)})
	}
	if t.RefreshToken != "" {
		rows = append(rows, row{"refresh_token", t.RefreshToken, "no expiry stated"})
	}
	for _, r := range rows {
		fmt.Fprintf(s.Out, "%-14s %s  %s\n", r.name, rd.safe(shorten(r.tok)), rd.safe(r.expiry))
	}
	if t.TokenType != "" {
		fmt.Fprintf(s.Out, "%-14s %s\n", "token_type", rd.safe(t.TokenType))
	}
	if t.Scope != "" {
		fmt.Fprintf(s.Out, "%-14s %s\n", "scope", rd.safe(t.Scope))
	}
}

// printNothingSent says, for a validation error, that cmd sent nothing and
// which flag to change for each problem; false for any other error.
func printNothingSent(s streams, cmd string, err error, rd redactor) bool {
	var ve *ro.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	fmt.Fprintf(s.Err, "%s: nothing was sent:\n", cmd)
	for _, f := range ve.Fields {
		fmt.Fprintf(s.Err, "  %s: %s\n", rd.origin(f.Field), rd.safe(cliMessage(f)))
	}
	return true
}

// printAPIError says what the server refused and what to do: its code
// and description, a body that was not JSON, a redirect's location, the
// hint, an MFA enrolment's settings, and the next command to try.
func printAPIError(s streams, ae *ro.APIError, rd redactor) {
	what := ae.Code
	if ae.Description != "" {
		if what != "" {
			what += ": "
		}
		what += ae.Description
	}
	if what == "" {
		what = fmt.Sprintf("HTTP %d", ae.Status)
	}
	fmt.Fprintf(s.Err, "error: %s\n", rd.safe(what))
	if ae.Body != "" {
		fmt.Fprintf(s.Err, "body: %s\n", rd.safe(ae.Body))
	}
	if ae.Location != "" {
		fmt.Fprintf(s.Err, "location: %s\n", rd.safe(ae.Location))
	}
	fmt.Fprintf(s.Err, "hint: %s\n", termsafe.Line(ae.Hint)) // rotui's words; ro masked the server's parts
	if m := ae.MFASettings; m != nil {
		// The server's words, for enrolling an authenticator: the key to
		// type in, or the URI its QR code holds (a URI only when ro found
		// it fit to show).
		for _, l := range []struct{ name, value string }{{"provider", m.Provider}, {"key", m.Key}, {"uri", m.URI}} {
			if l.value != "" {
				fmt.Fprintf(s.Err, "enrol: %s %s\n", l.name, rd.safe(l.value))
			}
		}
	}
	for _, t := range tryNext(ae, rd) {
		fmt.Fprintf(s.Err, "try: %s\n", t)
	}
}

// tryNext are the commands to try after a refusal, as the answer asks for
// them: ro's hint says what to do on any surface, and these say it with
// this command line's flags, or the variable a secret came from (rd).
func tryNext(ae *ro.APIError, rd redactor) []string {
	var out []string
	if ae.TryFlow != "" {
		out = append(out, "the same command with --flow "+ae.TryFlow.String())
	}
	switch v := rd.from[ro.FieldMFACode]; {
	case ae.SuggestMFACode && v != "":
		out = append(out, "the same command with a fresh code in "+v+" (the MFA code sent came from it), the code the user's authenticator shows now")
	case ae.SuggestMFACode:
		out = append(out, "the same command with --mfa-code CODE (or ROTUI_MFA_CODE), the code the user's authenticator shows now")
	}
	if ae.SuggestNewCode {
		out = append(out, "rotui code with the same --domain, --client-id, --connection and --username for a new code, then this command with it")
	}
	switch f := ae.Fix; {
	case f == "":
	case ae.Clear && rd.from[f] != "":
		out = append(out, "the same command with "+rd.from[f]+" unset (the "+fieldNoun[f]+" sent came from it)")
	case ae.Clear:
		out = append(out, "the same command without "+flagFor(f)+unsetVariable[f])
	default:
		v, ok := fixValue[f]
		if !ok {
			v = " VALUE"
		}
		out = append(out, "the same command with "+flagFor(f)+v)
	}
	return out
}

// fixValue is what follows a flag that a refusal asks to give, by field.
var fixValue = map[string]string{
	ro.FieldBearer:   " TOKEN (or ROTUI_BEARER), the token the tenant expects",
	ro.FieldDevice:   " NAME",
	ro.FieldIDToken:  " TOKEN (or --id-token-stdin, ROTUI_ID_TOKEN)",
	ro.FieldPassword: " (or ROTUI_PASSWORD)",
}

// fieldNoun names a field's value in a sentence.
var fieldNoun = map[string]string{ro.FieldMFACode: "MFA code"}

// unsetVariable is the variable that also gives a field a refusal asks
// to send without.
var unsetVariable = map[string]string{
	ro.FieldMFACode: ", and ROTUI_MFA_CODE unset",
	ro.FieldBearer:  ", and ROTUI_BEARER unset",
}

// tokenExpiry reads a JWT's own exp: "expires in 9m59s (17:35:00 UTC)".
func tokenExpiry(tok *jwtview.Token, now time.Time) string {
	if tok.Kind != jwtview.KindJWS {
		return inspect.KindText(tok)
	}
	l := tok.Lifetime()
	e := l.At(now).String()
	if !l.ExpiresAt.IsZero() {
		e += " (" + l.ExpiresAt.UTC().Format("15:04:05 UTC") + ")"
	}
	return e
}

// shorten keeps a token's start and end, enough to recognise it, and its
// length in characters; it cuts between characters, never inside one.
func shorten(tok string) string {
	n := utf8.RuneCountInString(tok)
	if n <= 24 {
		return tok
	}
	return fmt.Sprintf("%s…%s (%d chars)", jwtview.Head(tok, 10), jwtview.Tail(tok, 6), n)
}

func roundLatency(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

// The --json object. Field names are documented in docs/json.md; they are a
// contract for scripts.
type (
	loginResult struct {
		OK         bool              `json:"ok"`
		Flow       string            `json:"flow,omitempty"`
		Request    *jsonRequest      `json:"request,omitempty"`
		Status     int               `json:"status"`
		LatencyMS  float64           `json:"latency_ms"`
		ServerDate string            `json:"server_date,omitempty"`
		Headers    map[string]string `json:"headers,omitempty"`
		RateLimit  *jsonRateLimit    `json:"rate_limit,omitempty"`
		Discovery  *jsonDiscovery    `json:"discovery,omitempty"`
		Tokens     *jsonTokens       `json:"tokens,omitempty"`
		Error      *jsonError        `json:"error,omitempty"`
		Warnings   []string          `json:"warnings,omitempty"`
		Checks     []jsonCheck       `json:"checks,omitempty"`   // the consistency checks of the answer
		UserInfo   *jsonUserInfo     `json:"userinfo,omitempty"` // --userinfo
		Report     string            `json:"report,omitempty"`   // --report: the file written
	}
	jsonRequest struct {
		Method  string            `json:"method"`
		URL     string            `json:"url"`
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
		Curl    string            `json:"curl"`
	}
	jsonCheck struct {
		Name   string `json:"name"`
		Result string `json:"result"` // "ok", "warning", "failed", "info"
		Detail string `json:"detail"`
	}
	jsonRateLimit struct {
		Limit      *int     `json:"limit,omitempty"`     // absent when not sent or unreadable
		Remaining  *int     `json:"remaining,omitempty"` // the same
		Reset      string   `json:"reset,omitempty"`
		ResetUnix  int64    `json:"reset_unix,omitempty"`
		Unreadable []string `json:"unreadable,omitempty"` // headers sent that could not be read, as sent
	}
	jsonDiscovery struct {
		URL            string `json:"url"`
		Status         int    `json:"status"`
		Issuer         string `json:"issuer"`
		TokenEndpoint  string `json:"token_endpoint"`
		IssuerMismatch bool   `json:"issuer_mismatch"`
		// RevocationEndpoint is where rotui revoke goes in the password flow.
		RevocationEndpoint string `json:"revocation_endpoint,omitempty"`
	}
	jsonTokens struct {
		AccessToken  string `json:"access_token,omitempty"`
		IDToken      string `json:"id_token,omitempty"`
		RefreshToken string `json:"refresh_token,omitempty"`
		TokenType    string `json:"token_type,omitempty"`
		Scope        string `json:"scope,omitempty"`
		ExpiresIn    *int64 `json:"expires_in,omitempty"`
		ExpiresAt    string `json:"expires_at,omitempty"`
		// Decoded is each token above read as `rotui decode --json` reads
		// one, under the same name (tokens.decoded.id_token.payload.email).
		Decoded *decodedTokensJSON `json:"decoded,omitempty"`
	}
	jsonError struct {
		Kind         string `json:"kind"` // "validation", "api", "network"
		Message      string `json:"message"`
		Status       int    `json:"status,omitempty"`
		Code         string `json:"code,omitempty"`
		Description  string `json:"description,omitempty"`
		Hint         string `json:"hint,omitempty"`
		Body         string `json:"body,omitempty"`
		Location     string `json:"location,omitempty"`
		RetryAt      string `json:"retry_at,omitempty"`
		SuggestRealm bool   `json:"suggest_realm,omitempty"`
		// SuggestMFACode: send again with the MFA code; SuggestNewCode:
		// ask for a new passwordless code (rotui code) and send again.
		SuggestMFACode bool             `json:"suggest_mfa_code,omitempty"`
		SuggestNewCode bool             `json:"suggest_new_code,omitempty"`
		MFASettings    *jsonMFASettings `json:"mfa_settings,omitempty"`
		Op             string           `json:"op,omitempty"`
		Timeout        bool             `json:"timeout,omitempty"`
		Canceled       bool             `json:"canceled,omitempty"`
		TooLarge       bool             `json:"too_large,omitempty"`
		Fields         []jsonFieldError `json:"fields,omitempty"`
	}
	// jsonMFASettings is what a0.mfa_registration_required gave to enrol
	// the user's authenticator; each the server's text.
	jsonMFASettings struct {
		Provider string `json:"provider"`
		Key      string `json:"key"`
		URI      string `json:"uri"`
	}
	jsonFieldError struct {
		Field   string `json:"field"`
		Flag    string `json:"flag"`
		Message string `json:"message"`
	}
)

// responseHeaders are the answer's headers that matter to a person debugging a login.
var responseHeaders = []string{
	"Content-Type", "Date", "Location", "Retry-After", "WWW-Authenticate",
	"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Auth0-RequestId", "Traceparent",
}

// loginJSONOf is the --json object of one login: the call, its answer, its
// tokens decoded and its consistency checks (insp may be nil).
func loginJSONOf(ex *ro.Exchange, err error, insp *inspect.Inspection, warnings []string, rd redactor, now time.Time) loginResult {
	out := loginJSON(ex, err, warnings, rd, now)
	out.Checks = checksJSON(insp, rd)
	if out.Tokens != nil {
		out.Tokens.Decoded = newDecodedTokensJSON(insp, rd, now)
	}
	return out
}

func loginJSON(ex *ro.Exchange, err error, warnings []string, rd redactor, now time.Time) loginResult {
	out := loginResult{OK: err == nil && ex != nil && ex.Tokens != nil}
	for _, w := range warnings {
		out.Warnings = append(out.Warnings, rd.clean(w))
	}
	if ex != nil {
		if ex.Flow != "" { // a call that is no login (rotui code, revoke) has no flow
			out.Flow = ex.Flow.String()
		}
		m := ex.Request.Masked()
		out.Request = &jsonRequest{Method: m.Method, URL: m.URL, Headers: map[string]string{}, Body: string(m.Body), Curl: ex.Request.Curl(false)}
		for k := range m.Header {
			out.Request.Headers[k] = m.Header.Get(k)
		}
		out.Status = ex.Status
		out.LatencyMS = float64(ex.Latency.Microseconds()) / 1000
		if !ex.ServerDate.IsZero() {
			out.ServerDate = ex.ServerDate.UTC().Format(time.RFC3339)
		}
		for _, h := range responseHeaders {
			if v := ex.Header.Get(h); v != "" {
				if out.Headers == nil {
					out.Headers = map[string]string{}
				}
				out.Headers[strings.ToLower(h)] = rd.clean(v)
			}
		}
		if rl := ex.RateLimit; rl.Shown() {
			out.RateLimit = &jsonRateLimit{Unreadable: rl.Unreadable}
			if rl.HasLimit {
				out.RateLimit.Limit = &rl.Limit
			}
			if rl.HasRemaining {
				out.RateLimit.Remaining = &rl.Remaining
			}
			if !rl.Reset.IsZero() {
				out.RateLimit.Reset, out.RateLimit.ResetUnix = rl.Reset.UTC().Format(time.RFC3339), rl.Reset.Unix()
			}
		}
		if d := ex.Discovery; d != nil {
			out.Discovery = &jsonDiscovery{URL: d.URL, Status: d.Status, Issuer: rd.clean(d.Issuer), TokenEndpoint: rd.clean(d.TokenEndpoint),
				IssuerMismatch: d.IssuerMismatch, RevocationEndpoint: rd.clean(d.RevocationEndpoint)}
		}
		if t := ex.Tokens; t != nil {
			out.Tokens = &jsonTokens{AccessToken: t.AccessToken, IDToken: t.IDToken, RefreshToken: t.RefreshToken, TokenType: t.TokenType, Scope: t.Scope}
			if t.HasExpiresIn {
				n := t.ExpiresIn
				out.Tokens.ExpiresIn = &n
				out.Tokens.ExpiresAt = ex.ExpiresAt().UTC().Format(time.RFC3339)
			}
			if t.ExpiresInProblem != "" {
				// Text mode says it on the access token's line.
				out.Warnings = append(out.Warnings, rd.clean(t.ExpiresInProblem))
			}
		}
	}
	if err != nil {
		out.Error = jsonErrorOf(err, rd)
	}
	return out
}

func jsonErrorOf(err error, rd redactor) *jsonError {
	je := &jsonError{Message: rd.clean(err.Error())}
	var ve *ro.ValidationError
	var ae *ro.APIError
	var ne *ro.NetworkError
	switch {
	case errors.As(err, &ve):
		// The message is the fields' own, as the command line words them
		// (printNothingSent's lines), not ro's, which are a form's advice.
		je.Kind = "validation"
		var msgs []string
		for _, f := range ve.Fields {
			je.Fields = append(je.Fields, jsonFieldError{Field: f.Field, Flag: flagFor(f.Field), Message: rd.clean(cliMessage(f))})
			msgs = append(msgs, rd.origin(f.Field)+": "+rd.clean(cliMessage(f)))
		}
		je.Message = "nothing was sent: " + strings.Join(msgs, "; ")
	case errors.As(err, &ae):
		je.Kind = "api"
		je.Status, je.Code, je.Description, je.Hint = ae.Status, rd.clean(ae.Code), rd.clean(ae.Description), ae.Hint
		je.Body, je.Location, je.SuggestRealm = rd.clean(ae.Body), rd.clean(ae.Location), ae.SuggestRealm
		je.SuggestMFACode, je.SuggestNewCode = ae.SuggestMFACode, ae.SuggestNewCode
		if m := ae.MFASettings; m != nil {
			je.MFASettings = &jsonMFASettings{Provider: rd.clean(m.Provider), Key: rd.clean(m.Key), URI: rd.clean(m.URI)}
		}
		if !ae.RetryAt.IsZero() {
			je.RetryAt = ae.RetryAt.UTC().Format(time.RFC3339)
		}
	case errors.As(err, &ne):
		je.Kind = "network"
		je.Op, je.Timeout, je.Canceled, je.TooLarge = ne.Op, ne.Timeout, ne.Canceled, ne.TooLarge
	default:
		je.Kind = "network"
	}
	return je
}
