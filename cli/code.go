package cli

// `rotui code`: ask a tenant to send a one-time code (POST
// /passwordless/start) to a phone or a mailbox, then say where it went and
// the login to type it into (the ro flow, the code as the password).

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// codeOptions is everything `rotui code` was asked to do.
type codeOptions struct {
	Request ro.CodeRequest // Recipient is --username, as the login after it has it
	JSON    bool
	Timeout time.Duration
	Now     func() time.Time // nil: time.Now
}

// The --json object of `rotui code`: a login's object for the call (no
// tokens come back), ok meaning the tenant said it sent the code, what it
// said, and the login to type the code into. Field names are documented
// in docs/json.md.
type (
	codeResult struct {
		loginResult
		Sent *codeSentJSON `json:"sent,omitempty"`
		Next string        `json:"next,omitempty"` // the rotui login command to type the code into
	}
	codeSentJSON struct {
		Connection      string `json:"connection"`
		To              string `json:"to"` // the phone number or e-mail asked for
		ID              string `json:"id,omitempty"`
		Email           string `json:"email,omitempty"`
		EmailVerified   *bool  `json:"email_verified,omitempty"`
		PhoneNumber     string `json:"phone_number,omitempty"`
		RequestLanguage string `json:"request_language,omitempty"`
	}
)

// codeMain checks the options of `rotui code` and makes the call.
func codeMain(ctx context.Context, o codeOptions, s streams) int {
	if !timeoutAllowed(s, "rotui code", o.Timeout) {
		return exitUsage
	}
	return oneCall(ctx, o.Timeout, func(ctx context.Context, client *ro.Client) int {
		return runCode(ctx, o, s, client)
	})
}

// runCode asks for the code and says where it went and what to type next;
// it returns the exit status, as login's.
func runCode(ctx context.Context, o codeOptions, s streams, client *ro.Client) int {
	now := clockOf(o.Now)
	r := o.Request
	red := redactorOf() // nothing secret is sent; what comes back is still made safe
	warnings := plainHTTPWarning(r.Domain, r.Insecure, "the phone number or e-mail")
	ex, err := client.SendCode(ctx, r)
	sent := err == nil && ex != nil
	code := exitCode(err)
	if o.JSON {
		out := codeResult{loginResult: loginJSON(ex, err, warnings, red, now())}
		out.OK = sent
		if sent {
			out.Sent, out.Next = codeSentOf(r, ex.CodeSent, red), nextLogin(r)
		}
		return writeResult(s, "rotui code", out, code)
	}
	if printNothingSent(s, "rotui code", err, red) {
		return code
	}
	printHuman(s, ex, err, warnings, red, now())
	if !sent {
		return code
	}
	p, _ := ro.Passwordless(r.Connection)
	fmt.Fprintf(s.Out, "sent: a one-time code to the %s %s\n", strings.ToLower(p.UsernameLabel), termsafe.Line(r.Recipient))
	j := codeSentOf(r, ex.CodeSent, red)
	for _, l := range []struct{ name, value string }{
		{"id", j.ID}, {"email", j.Email}, {"phone_number", j.PhoneNumber}, {"request_language", j.RequestLanguage},
	} {
		if l.value != "" {
			fmt.Fprintf(s.Out, "%-16s %s\n", l.name, termsafe.Line(l.value))
		}
	}
	if j.EmailVerified != nil {
		fmt.Fprintf(s.Out, "%-16s %t\n", "email_verified", *j.EmailVerified)
	}
	fmt.Fprintf(s.Err, "next: type the code at the password prompt of this login (it reads the code from stdin, and does not echo it at a terminal):\n  %s\n", termsafe.Line(nextLogin(r)))
	return code
}

// codeSentOf is what the tenant said it sent, for --json and the text.
func codeSentOf(r ro.CodeRequest, c *ro.CodeSent, rd redactor) *codeSentJSON {
	j := &codeSentJSON{Connection: r.Connection, To: r.Recipient}
	if c != nil {
		j.ID, j.Email, j.PhoneNumber, j.RequestLanguage = rd.clean(c.ID), rd.clean(c.Email), rd.clean(c.PhoneNumber), rd.clean(c.RequestLanguage)
		j.EmailVerified = c.EmailVerified
	}
	return j
}

// nextLogin is the rotui login command that logs in with the code sent
// for r: the ro flow, the phone number or e-mail as the username, and the
// code as the password, read from stdin. Each value is quoted for a POSIX
// shell, so that the line can be pasted as it is.
func nextLogin(r ro.CodeRequest) string {
	args := []string{"rotui", "login", "--domain", ro.ShellQuote(r.Domain), "--client-id", ro.ShellQuote(r.ClientID),
		"--connection", ro.ShellQuote(r.Connection), "--username", ro.ShellQuote(r.Recipient), "--password-stdin"}
	if r.Insecure {
		args = append(args, "--insecure")
	}
	return strings.Join(args, " ")
}
