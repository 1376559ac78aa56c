package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
	"github.com/rotui/rotui/ui"
)

// demoScope asks for everything the demo can give: an ID token, the
// profile claims and, with the device, a refresh token.
const demoScope = "openid profile email offline_access"

// tuiMain runs the terminal UI: an empty form, or with --demo the embedded
// demo tenant on a random loopback port and the form filled in for it.
func tuiMain(args []string, s streams) int {
	fs := flag.NewFlagSet("rotui", flag.ContinueOnError)
	fs.SetOutput(s.Err)
	demo := fs.Bool("demo", false, "start the embedded demo tenant on loopback and fill the form for it")
	insecure := fs.Bool("insecure", false, "allow plain http to a host that is not loopback (a warning stays on screen)")
	fs.Usage = func() {
		fmt.Fprint(s.Err, "Usage: rotui [--demo] [--insecure]\n\nThe terminal UI for Auth0's Resource Owner login. Flags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.Err, "rotui: unknown command %q; run \"rotui help\" for the commands.\n", fs.Arg(0))
		return 2
	}
	if !s.OutTTY {
		fmt.Fprintln(s.Err, "rotui: the terminal UI needs a terminal; for scripts use \"rotui login\" or \"rotui decode\".")
		return 2
	}

	opts := ui.Options{Prefill: ro.Request{Insecure: *insecure}, UserInfo: true, Migration: true}
	if *demo {
		srv, err := rotest.Start("127.0.0.1:0", rotest.Options{})
		if err != nil {
			fmt.Fprintf(s.Err, "rotui: could not start the demo tenant on loopback: %v\n", err)
			return 3
		}
		defer srv.Close()
		opts.Prefill, opts.Demo = demoOptions(srv.URL)
		opts.Prefill.Insecure = *insecure
	}
	return runProgram(ui.New(opts), s.In, s.Out, s.Err)
}

// demoOptions is the form filled in for the demo tenant at url, and what the
// demo overlay lists.
func demoOptions(url string) (ro.Request, *ui.Demo) {
	req := ro.Request{
		Domain:     url,
		ClientID:   rotest.ClientID,
		Connection: rotest.Connection,
		Username:   rotest.UserAlice,
		Password:   rotest.Password,
		Scope:      demoScope,
		Device:     rotest.DemoDevice,
		Flow:       ro.FlowRO,
	}
	d := &ui.Demo{
		URL: url,
		Entries: []ui.DemoLine{
			{Who: rotest.UserAlice, Password: rotest.Password, Shows: "logs in: three tokens"},
			{Who: rotest.UserBlocked, Password: rotest.Password, Shows: "401: user is blocked"},
			{Who: rotest.UserMFA, Password: rotest.Password, Shows: "MFA required"},
			{Who: "any of them", Password: "(wrong)", Shows: "401; 10 in a row: 429"},
			{Who: rotest.ClientID, Shows: "RS256, keys from the JWKS"},
			{Who: rotest.ClientIDHS256, Shows: "HS256: secret below"},
			{Who: rotest.ClientIDNoRO, Shows: "403 unauthorized_client"},
		},
		Secret: rotest.HS256Secret,
	}
	return req, d
}

// runProgram runs the model until it quits; the terminal is restored even
// when the program fails.
func runProgram(m tea.Model, in io.Reader, out io.Writer, errw io.Writer) int {
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithEnvironment(os.Environ()))
	if _, err := p.Run(); err != nil {
		fmt.Fprintf(errw, "rotui: the terminal UI stopped: %v\n", err)
		return 3
	}
	return 0
}
