// Package cli is rotui's command line: the TUI (rotui, rotui --demo) and
// the commands login, decode and demo-server. Each command parses its
// flags into an options struct and runs with its streams and dependencies,
// so tests call it directly; every command renders what inspect decides.
package cli

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// Version is rotui's version, set at build time with
// -ldflags "-X github.com/rotui/rotui/cli.Version=…".
var Version = "dev"

// streams is what a subcommand reads and writes; tests pass buffers.
type streams struct {
	In     io.Reader
	Out    io.Writer // data
	Err    io.Writer // talk
	OutTTY bool      // Out is a terminal (colour allowed unless NO_COLOR)
	Getenv func(string) string
}

// Main runs rotui with the process's arguments (without the program name)
// and standard streams, and returns its exit status.
func Main(args []string) int {
	s := streams{
		In:     os.Stdin,
		Out:    os.Stdout,
		Err:    os.Stderr,
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		Getenv: os.Getenv,
	}
	return run(args, s)
}

// run dispatches to a subcommand and returns the exit status of DESIGN.md:
// 0 success, 1 the server or a check said no, 2 bad usage, 3 network or server fault.
func run(args []string, s streams) int {
	if len(args) > 0 {
		switch args[0] {
		case "login":
			return loginMain(args[1:], s)
		case "decode":
			return decodeMain(args[1:], s)
		case "demo-server":
			return demoServerMain(args[1:], s)
		case "version":
			fmt.Fprintf(s.Out, "rotui %s\n", Version)
			return 0
		case "help", "-h", "--help", "-help":
			fmt.Fprint(s.Out, usage)
			return 0
		}
	}
	return tuiMain(args, s)
}

const usage = `rotui: Auth0 Resource Owner login (POST /oauth/ro) and token inspector

Usage:
  rotui [--demo] [flags]      the terminal UI (--demo: against the embedded demo tenant)
  rotui login [flags]         one login call, no UI; --json for scripts
  rotui decode [TOKEN|-]      inspect a token; --verify to check its signature
  rotui demo-server [--addr]  only the demo tenant; first stdout line is its base URL
  rotui version

Run "rotui COMMAND --help" for a command's flags.
Exit status: 0 ok, 1 the server or a check said no, 2 bad usage, 3 network or server fault.
`
