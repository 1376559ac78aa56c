package cli

// The flags of `rotui login` that go beyond one call: --profile and --config
// (fill the request from a saved profile; flags given win), --userinfo (call
// GET /userinfo with the access token that came back) and --report FILE
// (write the shareable Markdown report of the call).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/internal/jsonwalk"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/report"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// loginExtras are what `rotui login` was asked to do beyond the call.
type loginExtras struct {
	Profile  string // --profile NAME
	Config   string // --config FILE ("" is config.DefaultPath)
	Report   string // --report FILE
	UserInfo bool   // --userinfo
}

// bind declares the flags on fs.
func (x *loginExtras) bind(fs *pflag.FlagSet) {
	fs.StringVar(&x.Profile, "profile", "", "fill the flags from this saved profile (flags given win; the profile holds no password, bearer or secret)")
	fs.StringVar(&x.Config, "config", "", "the config file of saved profiles (default: your config folder's rotui/config.toml); only read, never written")
	fs.StringVar(&x.Report, "report", "", "also write a shareable Markdown report of the call to file (every secret masked, tokens shortened, signatures cut); a regular file there is replaced, a link or anything else refused")
	fs.BoolVar(&x.UserInfo, "userinfo", false, "after a login that returned an access token, call GET /userinfo with it and print the user's profile")
}

// applyProfile fills every field of r whose flag was not given on the
// command line from the profile x.Profile (and flow, the --flow value, when
// --flow was not given). Without --profile it does nothing. The config file
// is only read: `rotui login` never changes it, so a script cannot change
// what the TUI opens with. The error names the file (and line) and says
// what to do; the issuer returned is the profile's expected issuer, and
// warnings what the file's own checks found odd (config.File.Warnings),
// each a sentence naming the file, for stderr.
func (x loginExtras) applyProfile(given func(flag string) bool, r *ro.Request, flow *string) (issuer string, warnings []string, err error) {
	if x.Profile == "" {
		return "", nil, nil
	}
	path := x.Config
	if path == "" {
		if path, err = config.DefaultPath(); err != nil {
			return "", nil, fmt.Errorf("--profile: %w; name the file with --config FILE", err)
		}
	}
	f, err := config.Load(path)
	if err != nil {
		return "", nil, err
	}
	for _, w := range f.Warnings() {
		warnings = append(warnings, w.Text(path))
	}
	p, err := f.Lookup(x.Profile)
	if err != nil {
		return "", warnings, fmt.Errorf("--profile: %v (in %s)", err, path)
	}
	from := p.Request()
	for _, v := range []struct {
		flag     string
		dst      *string
		fromFile string
	}{
		{"domain", &r.Domain, from.Domain},
		{"client-id", &r.ClientID, from.ClientID},
		{"connection", &r.Connection, from.Connection},
		{"username", &r.Username, from.Username},
		{"scope", &r.Scope, from.Scope},
		{"device", &r.Device, from.Device},
		{"audience", &r.Audience, from.Audience},
		{"flow", flow, string(from.Flow)},
	} {
		if !given(v.flag) && v.fromFile != "" {
			*v.dst = v.fromFile
		}
	}
	return p.Issuer, warnings, nil
}

// loginAfter is what --userinfo and --report did after the call.
type loginAfter struct {
	UserInfo    *ro.Exchange // the /userinfo call, when one was made
	UserInfoErr error        // why it failed or was not made
	ReportPath  string       // the report's absolute path, when written
	ReportErr   error
}

// after makes the /userinfo call and writes the report, as asked. ex and err
// are the login's, insp its inspection (nil when nothing was sent).
func (x loginExtras) after(ctx context.Context, client *ro.Client, req ro.Request, insp *inspect.Inspection, ex *ro.Exchange, err error) loginAfter {
	var a loginAfter
	if x.UserInfo {
		switch {
		case err != nil || ex == nil:
			a.UserInfoErr = errors.New("/userinfo was not called: the login did not succeed")
		case ex.Tokens == nil || ex.Tokens.AccessToken == "":
			a.UserInfoErr = errors.New("/userinfo was not called: no access token came back")
		default:
			a.UserInfo, a.UserInfoErr = client.UserInfo(ctx, req.Domain, req.Insecure, ex.Tokens.AccessToken)
		}
	}
	if x.Report != "" {
		if insp == nil {
			a.ReportErr = errors.New("no report was written: nothing was sent, so there is nothing to report")
			return a
		}
		verifyTokens(ctx, insp)
		rep := report.FromInspection(insp)
		rep.Version = Version
		rep.UserInfo = a.UserInfo
		rep.Secrets = append(rep.Secrets, req.Bearer) // as typed, "Bearer " and all
		rep.Secrets = append(rep.Secrets, req.Secrets()...)
		a.ReportPath, a.ReportErr = rep.Write(x.Report)
	}
	return a
}

// reportVerifyTimeout bounds the key fetches of a report's verifications.
const reportVerifyTimeout = 15 * time.Second

// verifyTokens carries out the verification plan of every token of insp,
// as the TUI does, so the report carries their checks: the tenant's JWKS
// (the discovery document's keys for the password flow), its issuer, and
// the client ID (or --audience) as audience. An HS256 token gets its issuer,
// audience and times checked; its signature needs the client secret, which
// `rotui login` never takes.
func verifyTokens(ctx context.Context, insp *inspect.Inspection) {
	ctx, cancel := context.WithTimeout(ctx, reportVerifyTimeout)
	defer cancel()
	keys := &jwtview.KeyCache{}
	for _, t := range insp.Tokens {
		if t.Plan.Verify {
			insp.Apply(t.Role, t.Verify(ctx, keys))
		}
	}
}

// afterExitCode folds what --userinfo and --report did into the login's
// exit status: a /userinfo call that was made and refused is 1, a fault 3,
// as for the login; a report that could not be written is 2. The worst wins.
func afterExitCode(code int, a loginAfter, x loginExtras) int {
	if x.UserInfo && a.UserInfo != nil && a.UserInfoErr != nil {
		code = max(code, exitCode(a.UserInfoErr))
	}
	if a.ReportErr != nil {
		code = max(code, exitUsage)
	}
	return code
}

// printAfterHuman writes the /userinfo answer and the report's path: the
// profile (data) on stdout, the talk on stderr. Everything passes through
// rd (the request's secrets masked) and termsafe.Line.
func printAfterHuman(s streams, a loginAfter, x loginExtras, rd redactor) {
	if x.UserInfo {
		printUserInfoHuman(s, a, rd)
	}
	printReportTalk(s, a, rd)
}

// printReportTalk says on stderr where the report went, or why it did not.
func printReportTalk(s streams, a loginAfter, rd redactor) {
	switch {
	case a.ReportErr != nil:
		fmt.Fprintf(s.Err, "rotui login: --report: %s\n", rd.safe(a.ReportErr.Error()))
	case a.ReportPath != "":
		fmt.Fprintf(s.Err, "report written to %s (secrets masked, tokens shortened, signatures cut)\n", rd.safe(a.ReportPath))
	}
}

func printUserInfoHuman(s streams, a loginAfter, rd redactor) {
	ex := a.UserInfo
	if ex == nil {
		if a.UserInfoErr != nil {
			fmt.Fprintf(s.Err, "userinfo: %s\n", rd.safe(a.UserInfoErr.Error()))
		}
		return
	}
	if ex.Status != 0 {
		fmt.Fprintf(s.Err, "%s %s  %d %s in %s\n", ex.Request.Method, rd.safe(ex.Request.URL), ex.Status, http.StatusText(ex.Status), roundLatency(ex.Latency))
	} else {
		fmt.Fprintf(s.Err, "%s %s  no answer after %s\n", ex.Request.Method, rd.safe(ex.Request.URL), roundLatency(ex.Latency))
	}
	if err := a.UserInfoErr; err != nil {
		var ae *ro.APIError
		if errors.As(err, &ae) {
			what := ae.Code
			if ae.Description != "" {
				what = strings.TrimPrefix(what+": "+ae.Description, ": ")
			}
			if what == "" {
				what = fmt.Sprintf("HTTP %d", ae.Status)
			}
			fmt.Fprintf(s.Err, "userinfo error: %s\n", rd.safe(what))
			if wa := ex.Header.Get("WWW-Authenticate"); wa != "" {
				fmt.Fprintf(s.Err, "www-authenticate: %s\n", rd.safe(wa))
			}
			if ae.Hint != "" {
				fmt.Fprintf(s.Err, "hint: %s\n", rd.safe(ae.Hint))
			}
			return
		}
		fmt.Fprintf(s.Err, "userinfo error: %s\n", rd.safe(err.Error()))
		return
	}
	writeProfile(s.Out, ex.Body, rd)
}

// writeProfile prints the /userinfo profile: "profile" and then one member
// a line, in the order sent, strings unquoted; a body that is not exactly
// one JSON object is printed as text.
func writeProfile(w io.Writer, body []byte, rd redactor) {
	members, err := jsonwalk.Members(body)
	if err != nil {
		fmt.Fprintf(w, "%-14s %s\n", "profile", rd.safe(string(body)))
		return
	}
	fmt.Fprintln(w, "profile")
	width := 0
	for _, m := range members {
		width = max(width, min(len(termsafe.Line(m.Key)), 24))
	}
	for _, m := range members {
		v := string(m.Value)
		var str string
		if json.Unmarshal(m.Value, &str) == nil {
			v = str
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, rd.safe(m.Key), rd.safe(v))
	}
}

// jsonUserInfo is the "userinfo" member of `rotui login --json`.
type jsonUserInfo struct {
	URL       string            `json:"url,omitempty"`
	Status    int               `json:"status,omitempty"`
	LatencyMS float64           `json:"latency_ms,omitempty"`
	Profile   json.RawMessage   `json:"profile,omitempty"` // the JSON object /userinfo returned
	Body      string            `json:"body,omitempty"`    // an answer that is not JSON, as text
	Headers   map[string]string `json:"headers,omitempty"`
	Error     *jsonError        `json:"error,omitempty"`
}

// userInfoJSON is the "userinfo" member, or nil when --userinfo was not given.
func userInfoJSON(a loginAfter, x loginExtras, rd redactor) *jsonUserInfo {
	if !x.UserInfo {
		return nil
	}
	out := &jsonUserInfo{}
	if ex := a.UserInfo; ex != nil {
		out.URL, out.Status = ex.Request.URL, ex.Status
		out.LatencyMS = float64(ex.Latency.Microseconds()) / 1000
		body := []byte(rd.clean(string(ex.Body)))
		if a.UserInfoErr == nil && json.Valid(body) {
			out.Profile = body
		} else if len(body) > 0 {
			out.Body = string(body)
		}
		if wa := ex.Header.Get("WWW-Authenticate"); wa != "" {
			out.Headers = map[string]string{"www-authenticate": rd.clean(wa)}
		}
	}
	if a.UserInfoErr != nil {
		out.Error = jsonErrorOf(a.UserInfoErr, rd)
	}
	return out
}
