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

// A body is drawn two spaces a level, a value a line, in the order sent,
// numbers as written, empty objects and arrays on one line; presenter mode
// masks the string values of secret members and e-mail addresses only.
func TestPrettyJSONLayout(t *testing.T) {
	for _, c := range []struct {
		name, body string
		redact     bool
		want       string
	}{
		{"scalar", ` 1e400 `, false, `1e400`},
		{"nesting", `{"b":[1,{"c":null}],"a":{},"e":[],"n":12345678901234567890}`, false,
			"{\n  \"b\": [\n    1,\n    {\n      \"c\": null\n    }\n  ],\n  \"a\": {},\n  \"e\": [],\n  \"n\": 12345678901234567890\n}"},
		{"duplicates", `{"a":true,"a":false}`, false, "{\n  \"a\": true,\n  \"a\": false\n}"},
		{"presenter mode", `{"id_token":"abc","user":"bob@x.io","list":["token","bob@x.io"],"n":{"password":"pw"},"code":7}`, true,
			"{\n  \"id_token\": \"•••• (3 characters hidden)\",\n  \"user\": \"•••• (hidden)\",\n  \"list\": [\n    \"token\",\n    \"•••• (hidden)\"\n  ],\n" +
				"  \"n\": {\n    \"password\": \"•••• (hidden)\"\n  },\n  \"code\": 7\n}"},
	} {
		lines, ok := prettyJSON([]byte(c.body), ptPlain(), c.redact)
		if got := ansi.Strip(strings.Join(lines, "\n")); !ok || got != c.want {
			t.Errorf("%s: %s drawn (ok %v)\n%s\nwant\n%s", c.name, c.body, ok, got, c.want)
		}
	}
}
