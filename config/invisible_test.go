package config

import (
	"strings"
	"testing"
)

// Text from the profiles file quoted in an error shows the characters that
// draw nothing, like the bidi controls: a profile name that reads "prod"
// but is not must not look like "prod".
func TestQuoteShowsInvisibleCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"prod\u00ad":       `"prod\u00AD"`,
		"pr\u2062od":       `"pr\u2062od"`,
		"prod\U000E0061":   `"prod\U000E0061"`,
		"\u3164prod\u180e": `"\u3164prod\u180E"`,
		"caf\u00e9 \u6771": "\"caf\u00e9 \u6771\"",
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
		if got := escapeText(in); got != strings.Trim(want, `"`) {
			t.Errorf("escapeText(%q) = %s, want %s", in, got, strings.Trim(want, `"`))
		}
	}
}
