// Package cli is rotui's command line: the TUI (rotui, rotui --demo) and
// the commands login, refresh, revoke, code, decode, diff and demo-server.
// Each command is declared once
// with cobra (its flags, each with a usage line, and its examples; fang
// styles the help and adds --version and completion); its flags fill an
// options struct and it runs with its streams and dependencies, so tests
// call it through run with buffers. Every command renders what inspect
// decides.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/rotui/rotui/ro"
)

// Version is rotui's version, set at build time with
// -ldflags "-X github.com/rotui/rotui/cli.Version=…".
var Version = "dev"

// Exit statuses of DESIGN.md's Command line, the same for every command.
const (
	exitOK          = 0
	exitRefused     = 1 // the server said no
	exitCheckFailed = 1 // a token failed a check, or one asked for could not be made
	exitUsage       = 2 // bad usage, or input that is not a token at all
	exitFault       = 3 // network or server fault
)

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

// oneCall runs call, the work of a command that talks to a tenant (login,
// refresh, revoke, code), with ctx ended by Ctrl+C and a client that allows
// timeout for the whole call; it returns call's exit status.
func oneCall(ctx context.Context, timeout time.Duration, call func(context.Context, *ro.Client) int) int {
	ctx, stop := interruptible(ctx)
	defer stop()
	return call(ctx, ro.NewClient(ro.ClientOptions{Timeout: timeout}))
}

// timeoutAllowed says whether --timeout lets a call be made; when not, it
// says so on stderr for the command cmd (the status is then exitUsage).
func timeoutAllowed(s streams, cmd string, timeout time.Duration) bool {
	if timeout <= 0 {
		fmt.Fprintf(s.Err, "%s: --timeout must be more than zero, e.g. 30s\n", cmd)
		return false
	}
	return true
}

// clockOf is now, or time.Now where now is nil: a command's options carry
// a clock only in tests.
func clockOf(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}
