package cli

// `rotui refresh`: a refresh token used the way the flow that issued it
// allows (ro.Flow.RefreshRoute says where and why), its answer inspected
// and shown as a login's is. Also what `rotui revoke` shares with it: the
// refresh token read from stdin or the environment, never from a flag.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// refreshOptions is everything `rotui refresh` was asked to do.
type refreshOptions struct {
	Refresh           ro.Refresh // From is set from Flow
	Flow              string     // --flow as typed: the flow that issued the refresh token
	RefreshTokenStdin bool       // --refresh-token-stdin
	JSON              bool
	Timeout           time.Duration
	Now               func() time.Time // nil: time.Now
}

// refreshSecretFlags are the flags refresh and revoke do not have on
// purpose (see flags.go): a refresh token lasts until it is revoked.
var refreshSecretFlags = map[string]string{
	"refresh-token": "pipe it to --refresh-token-stdin or set ROTUI_REFRESH_TOKEN",
	"token":         "pipe it to --refresh-token-stdin or set ROTUI_REFRESH_TOKEN",
}

// refreshMain checks the options of `rotui refresh`, reads the refresh
// token, and makes the call.
func refreshMain(ctx context.Context, o refreshOptions, s streams) int {
	const cmd = "rotui refresh"
	if code := readRefreshInput(s, cmd, o.Flow, o.Timeout, o.RefreshTokenStdin, &o.Refresh); code != exitOK {
		return code
	}
	return oneCall(ctx, o.Timeout, func(ctx context.Context, client *ro.Client) int {
		return runRefresh(ctx, o, s, client)
	})
}

// readRefreshInput reads what refresh and revoke share: --flow into
// r.From, --timeout checked, and the refresh token from stdin (with
// --refresh-token-stdin) or ROTUI_REFRESH_TOKEN, the flag winning as
// --password-stdin wins over ROTUI_PASSWORD. A refresh token is never a
// flag's value: it would land in shell history and ps, and it lasts until
// revoked. It returns exitUsage, said on stderr, when one cannot be used.
func readRefreshInput(s streams, cmd, flow string, timeout time.Duration, fromStdin bool, r *ro.Refresh) int {
	f, err := ro.ParseFlow(flow)
	if err != nil {
		fmt.Fprintf(s.Err, "%s: --flow: %s (the flow whose login gave the refresh token)\n", cmd, termsafe.Line(err.Error()))
		return exitUsage
	}
	r.From = f
	if !timeoutAllowed(s, cmd, timeout) {
		return exitUsage
	}
	if !fromStdin {
		if s.Getenv != nil {
			r.RefreshToken = strings.TrimSpace(s.Getenv("ROTUI_REFRESH_TOKEN"))
		}
		return exitOK // none at all is said by validation, with what to do
	}
	tok, err := readSecret(s, "Refresh token: ")
	if errors.Is(err, errNoSecret) {
		err = fmt.Errorf("%w; pipe the refresh token in, e.g. printf '%%s\\n' \"$REFRESH_TOKEN\" | %s …", err, cmd)
	}
	if err != nil {
		fmt.Fprintf(s.Err, "%s: --refresh-token-stdin: %s\n", cmd, err)
		return exitUsage
	}
	r.RefreshToken = strings.TrimSpace(tok)
	return exitOK
}

// refreshResult is the --json object of `rotui refresh`: a login's object
// (the call, its answer, its tokens decoded, its checks), and where the
// refresh token went and why. Field names are documented in docs/json.md.
type refreshResult struct {
	loginResult
	Endpoint string `json:"endpoint"` // where the refresh token goes: /delegation, /oauth/token, …
	Why      string `json:"why"`      // why there, a sentence
}

// runRefresh makes the call and prints its outcome as `rotui login` prints
// a login's; it returns the exit status, as login's.
func runRefresh(ctx context.Context, o refreshOptions, s streams, client *ro.Client) int {
	now := clockOf(o.Now)
	r := o.Refresh
	red := redactorOf(strings.TrimSpace(r.RefreshToken))
	route := r.From.RefreshRoute()
	warnings := plainHTTPWarning(r.Domain, r.Insecure, "the refresh token")
	ex, err := client.Refresh(ctx, r)
	var insp *inspect.Inspection
	if ex != nil {
		insp = inspect.New(inspect.Input{Request: r.AsRequest(), Exchange: ex, Now: now()})
	}
	code := exitCode(err)
	if o.JSON {
		out := refreshResult{loginResult: loginJSONOf(ex, err, insp, warnings, red, now()), Endpoint: route.Endpoint, Why: route.Why}
		return writeResult(s, "rotui refresh", out, code)
	}
	if printNothingSent(s, "rotui refresh", err, red) {
		return code
	}
	if ex != nil {
		fmt.Fprintf(s.Err, "refresh through %s: %s\n", route.Endpoint, route.Why)
	}
	printHuman(s, ex, err, warnings, red, now())
	printChecks(s, insp, red)
	return code
}

// plainHTTPWarning warns that secret travels unencrypted when --insecure
// let plain http through to a host that is not this machine.
func plainHTTPWarning(domain string, insecure bool, secret string) []string {
	if base, err := ro.BaseURL(domain, insecure); err == nil && base.Scheme == "http" && !ro.IsLoopback(base.Hostname()) {
		return []string{"--insecure is on: " + secret + " travels to " + base.Host + " unencrypted, readable by anyone on the way"}
	}
	return nil
}
