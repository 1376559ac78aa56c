package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/rotui/rotui/jwtview"
)

// How the commands read a token they are given: `rotui decode` takes an
// argument or stdin, `rotui diff` an argument, a file holding one, or stdin.

// tokenReadLimit is a little more than a token may be, so that one too
// large is reported as such (jwtview.Decode says so) rather than cut.
const tokenReadLimit = jwtview.MaxTokenSize + 64<<10

// readTokenStdin reads the token from stdin (as text: jwtview.Text); at a terminal it first says on
// stderr how to paste it (cmd is the command's name, "rotui decode").
func readTokenStdin(s streams, cmd string) (string, error) {
	if f, ok := s.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(s.Err, "%s: paste the token, then press Ctrl+D (or give it as an argument)\n", cmd)
	}
	b, err := io.ReadAll(io.LimitReader(s.In, tokenReadLimit))
	if err != nil {
		return "", fmt.Errorf("could not read the token from stdin: %w", err)
	}
	return jwtview.Text(b), nil
}

// Where a token argument was read from.
const (
	fromArgument = "argument"
	fromFile     = "file"
	fromStdin    = "stdin"
)

// readTokenArg reads the token an argument names: "-" is stdin, the name of
// a regular file is read (a token copied into a file), and anything else is
// the token itself. It returns the token and where it came from.
func readTokenArg(s streams, cmd, arg string) (string, string, error) {
	if arg == "-" {
		raw, err := readTokenStdin(s, cmd)
		return raw, fromStdin, err
	}
	// A token never names a file by chance: a JWT has no slash, and an
	// opaque token is not a path anyone keeps. A pipe is read too, so
	// that <(pbpaste) works as it does for cat.
	fi, err := os.Stat(arg)
	switch {
	case err != nil:
		return arg, fromArgument, nil
	case fi.IsDir():
		return "", fromFile, fmt.Errorf("%s is a folder; give a file holding the token, the token itself, or - for stdin", arg)
	}
	f, err := os.Open(arg)
	if err != nil {
		return "", fromFile, fmt.Errorf("could not read %s: %w", arg, unwrapPath(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, tokenReadLimit))
	if err != nil {
		return "", fromFile, fmt.Errorf("could not read %s: %w", arg, unwrapPath(err))
	}
	// Notepad's byte-order mark and PowerShell's UTF-16 are text too.
	return jwtview.Text(b), fromFile, nil
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
