package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/term"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
	"github.com/rotui/rotui/ui"
)

// demoScope asks for everything the demo can give: an ID token, the
// profile claims and, with the device, a refresh token.
const demoScope = "openid profile email offline_access"

// tuiOptions are the flags of rotui itself, the terminal UI.
type tuiOptions struct {
	Demo     bool   // --demo: the embedded demo tenant, the form filled in for it
	Insecure bool   // --insecure: plain http to a host that is not loopback
	Redact   bool   // --redact: presenter mode
	Profile  string // --profile NAME
	Config   string // --config FILE
}

// tuiMain runs the terminal UI: an empty form, or with --demo the embedded
// demo tenant on a random loopback port and the form filled in for it.
func tuiMain(_ context.Context, o tuiOptions, s streams) int {
	opts := ui.Options{UserInfo: true, Migration: true, Redact: o.Redact}
	opts.ConfigPath = o.Config
	if opts.ConfigPath == "" {
		opts.ConfigPath, _ = config.DefaultPath() // none: the picker says profiles are off
	}
	if !o.Demo {
		p, notice, warnings, err := startProfile(o.Config, o.Profile)
		if err != nil {
			fmt.Fprintf(s.Err, "rotui: %v\n", err)
			return exitUsage
		}
		opts.Prefill, opts.ExpectedIssuer, opts.Notice, opts.ConfigWarnings = p.Request(), p.Issuer, notice, warnings
		// A notice without a profile is why none could be opened.
		opts.NoticeIsError = notice != "" && p.Name == ""
	}
	opts.Prefill.Insecure = o.Insecure
	if !s.OutTTY {
		fmt.Fprintln(s.Err, "rotui: the terminal UI needs a terminal; for scripts use \"rotui login\" or \"rotui decode\".")
		return exitUsage
	}

	if o.Demo {
		srv, err := rotest.Start("127.0.0.1:0", rotest.Options{Log: demoLog(s.Err)})
		if err != nil {
			fmt.Fprintf(s.Err, "rotui: could not start the demo tenant on loopback: %v\n", err)
			return exitFault
		}
		defer srv.Close()
		opts.Prefill, opts.Demo = demoOptions(srv.URL)
		opts.Prefill.Insecure = o.Insecure
	}
	return runProgram(ui.New(opts), s.In, s.Out, s.Err)
}

// startProfile is the profile the form opens with: the one named (an error
// when it cannot be had), else the one used last, else none. A config file
// that cannot be read only stops rotui when a profile was asked for; else
// the form opens empty and notice says why. warnings are what the file's
// own checks found odd (a file others can read, a key that looks like a
// secret…), for the status line.
func startProfile(cfgPath, name string) (p config.Profile, notice string, warnings []config.Warning, err error) {
	path := cfgPath
	if path == "" {
		if path, err = config.DefaultPath(); err != nil {
			if name != "" {
				return p, "", nil, err
			}
			return p, "", nil, nil
		}
	}
	f, err := config.Load(path)
	if err != nil {
		if name != "" || cfgPath != "" {
			return p, "", nil, err
		}
		return p, "Profiles not loaded: " + err.Error(), nil, nil
	}
	warnings = f.Warnings()
	if name == "" {
		if last, ok := f.Last(); ok {
			return last, "Opened with profile " + last.Name + ", the one used last.", warnings, nil
		}
		return p, "", warnings, nil
	}
	if p, err = f.Lookup(name); err != nil {
		return p, "", warnings, fmt.Errorf("%v (in %s)", err, path)
	}
	notice = "Opened with profile " + p.Name + "."
	if err := config.Remember(path, p.Name); err != nil {
		notice += " It could not be remembered as the last used: " + err.Error()
	}
	return p, notice, warnings, nil
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
	d := &ui.Demo{URL: url, Secret: rotest.HS256Secret}
	// The overlay lists the tenant's own Entries (what demo-server prints),
	// users first, then clients. Choosing a user also sets its connection,
	// so the passwordless users' rows (which name theirs) log in by code.
	for _, e := range rotest.Entries() {
		if e.Kind != rotest.KindUser {
			continue
		}
		shows := e.Shows
		if e.Connection != rotest.Connection {
			shows = "connection " + e.Connection + ": " + shows
		}
		d.Entries = append(d.Entries, ui.DemoLine{Who: e.Name, Password: e.Password, Shows: shows, Connection: e.Connection})
		if e.Name == rotest.UserRule {
			d.Entries = append(d.Entries, ui.DemoLine{Who: "any of them", Password: "(wrong)",
				Shows: fmt.Sprintf("401; after %d: locked until the demo restarts", rotest.MaxFailedLogins)})
		}
	}
	for _, e := range rotest.Entries() {
		if e.Kind == rotest.KindConnection {
			d.Entries = append(d.Entries, ui.DemoLine{Who: e.Name, Shows: e.Shows, Connection: e.Name})
		}
	}
	for _, e := range rotest.Entries() {
		if e.Kind == rotest.KindClient {
			d.Entries = append(d.Entries, ui.DemoLine{Who: e.Name, Shows: e.Shows})
		}
	}
	return req, d
}

// demoLog is where the embedded demo tenant writes the codes it "sends":
// stderr when it is not the terminal the TUI draws on (rotui --demo
// 2>demo.log), else nowhere, since a line written there would tear the
// screen; the codes are in the demo overlay (ctrl+d) anyway.
func demoLog(errw io.Writer) io.Writer {
	if f, ok := errw.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return errw
}

// runProgram runs the model until it quits; the terminal is restored even
// when the program fails.
func runProgram(m tea.Model, in io.Reader, out io.Writer, errw io.Writer) int {
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithEnvironment(os.Environ()))
	if _, err := p.Run(); err != nil {
		fmt.Fprintf(errw, "rotui: the terminal UI stopped: %v\n", err)
		return exitFault
	}
	return exitOK
}
