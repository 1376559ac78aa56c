package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/rotui/rotui/termsafe"
)

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
