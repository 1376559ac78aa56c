package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// errNoSecret is stdin that ended before a line came.
var errNoSecret = errors.New("stdin was empty")

// readSecret reads the one line of --password-stdin or --secret-stdin. At
// a terminal it prompts on stderr and turns echo off, since the screen would
// otherwise show the secret whole; from a pipe it reads one line (at most
// 64 KiB) and drops its line ending (DESIGN.md's command line).
func readSecret(s streams, prompt string) (string, error) {
	if s.In == nil {
		return "", errors.New("stdin is not available")
	}
	if f, ok := s.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(s.Err, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(s.Err)
		if err != nil {
			return "", errors.New("the terminal could not be read")
		}
		return string(b), nil
	}
	line, err := bufio.NewReader(io.LimitReader(s.In, 64<<10)).ReadString('\n')
	switch {
	case errors.Is(err, io.EOF) && line == "":
		return "", errNoSecret
	case err != nil && !errors.Is(err, io.EOF):
		return "", errors.New("stdin could not be read")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
