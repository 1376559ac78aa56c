package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/rotui/rotui/termsafe"
)

// writeResult writes v as the --json object of the command cmd and returns
// code, its exit status; if stdout takes it not, it says so and returns
// exitFault.
func writeResult(s streams, cmd string, v any, code int) int {
	if err := writeJSON(s.Out, v); err != nil {
		fmt.Fprintf(s.Err, "%s: the result could not be written as JSON: %v\n", cmd, err)
		return exitFault
	}
	return code
}

// writeJSON writes v as the one JSON object of a command's --json, every
// string escaped for a terminal.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // & < > are harmless on a terminal, and a value then reads as the token wrote it
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("could not write JSON: %w", err)
	}
	_, err := w.Write(termsafe.EscapeJSON(buf.Bytes()))
	return err
}
