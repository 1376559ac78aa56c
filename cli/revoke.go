package cli

// `rotui revoke`: POST /oauth/revoke with a refresh token (the password
// flow's discovered revocation endpoint for one from that flow), so that
// the tenant takes it no more.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rotui/rotui/ro"
)

// revokeOptions is everything `rotui revoke` was asked to do; its fields
// are refresh's that revoking uses.
type revokeOptions struct {
	Refresh           ro.Refresh // Domain, ClientID, RefreshToken, From, Insecure
	Flow              string     // --flow as typed: the flow that issued the refresh token
	RefreshTokenStdin bool
	JSON              bool
	Timeout           time.Duration
	Now               func() time.Time // nil: time.Now
}

// revokeResult is the --json object of `rotui revoke`: a login's object
// for the call (no tokens come back), ok meaning the tenant said yes, and
// what that yes tells. Field names are documented in docs/json.md.
type revokeResult struct {
	loginResult
	Note string `json:"note,omitempty"` // on success: ro.RevokedMeans
}

// revokeMain checks the options of `rotui revoke`, reads the refresh
// token, and makes the call.
func revokeMain(ctx context.Context, o revokeOptions, s streams) int {
	if code := readRefreshInput(s, "rotui revoke", o.Flow, o.Timeout, o.RefreshTokenStdin, &o.Refresh); code != exitOK {
		return code
	}
	return oneCall(ctx, o.Timeout, func(ctx context.Context, client *ro.Client) int {
		return runRevoke(ctx, o, s, client)
	})
}

// runRevoke makes the call and says whether the tenant took it; it returns
// the exit status, as login's.
func runRevoke(ctx context.Context, o revokeOptions, s streams, client *ro.Client) int {
	now := clockOf(o.Now)
	r := o.Refresh
	red := redactorOf(strings.TrimSpace(r.RefreshToken))
	warnings := plainHTTPWarning(r.Domain, r.Insecure, "the refresh token")
	ex, err := client.Revoke(ctx, r)
	revoked := err == nil && ex != nil
	code := exitCode(err)
	if o.JSON {
		out := revokeResult{loginResult: loginJSON(ex, err, warnings, red, now())}
		out.OK, out.Flow = revoked, r.From.String() // the flow that issued the token, as refresh says it
		if revoked {
			out.Note = ro.RevokedMeans
		}
		return writeResult(s, "rotui revoke", out, code)
	}
	if printNothingSent(s, "rotui revoke", err, red) {
		return code
	}
	printHuman(s, ex, err, warnings, red, now())
	if revoked {
		fmt.Fprintln(s.Out, "revoked: the tenant takes this refresh token no more")
		fmt.Fprintf(s.Err, "note: %s\n", ro.RevokedMeans)
	}
	return code
}
