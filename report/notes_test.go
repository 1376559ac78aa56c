package report

import (
	"strings"
	"testing"
)

// A JWT with white space in its JSON is reported as the JWT it is, with
// jwtview's note.
func TestReportNotesSpacedJSON(t *testing.T) {
	md := ForToken(jwt(` {"alg":"RS256"}`, `{"sub":"a"}`, "c2ln"), now).Markdown()
	if !strings.Contains(md, "signed JWT") || !strings.Contains(md, "**Note:** The header JSON holds white space") {
		t.Errorf("%s", md)
	}
}
