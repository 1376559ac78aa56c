package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A body of more than one JSON value is not drawn as JSON: "1 2" would read
// as 12 and "{}{}" as one odd object; the caller shows it as text instead.
func TestPrettyJSONIsOneValue(t *testing.T) {
	for _, body := range []string{`1 2`, `{"a":1}{"b":2}`, `"x" "y"`, `[] {}`} {
		if lines, ok := prettyJSON([]byte(body), ptPlain(), false); ok {
			t.Errorf("%q drawn as one JSON value: %q", body, lines)
		}
	}
	lines, ok := prettyJSON([]byte(` {"error":"invalid_grant","n":[1,2]} `), ptPlain(), false)
	got := ansi.Strip(strings.Join(lines, "\n"))
	if !ok || !strings.Contains(got, `"error": "invalid_grant"`) || !strings.Contains(got, "    2\n") {
		t.Errorf("one JSON value with white space around it is not drawn:\n%s", got)
	}
}

// A quote or a backslash inside a string is drawn escaped, as it came, so a
// value does not seem to end early and what is drawn is valid JSON.
func TestPrettyJSONKeepsEscapes(t *testing.T) {
	lines, ok := prettyJSON([]byte(`{"error_description":"the \"openid\" scope \\ needed","k\"ey":1}`), ptPlain(), false)
	got := ansi.Strip(strings.Join(lines, "\n"))
	if !ok || !strings.Contains(got, `"error_description": "the \"openid\" scope \\ needed"`) || !strings.Contains(got, `"k\"ey": 1`) {
		t.Errorf("escapes were lost:\n%s", got)
	}
}
