package report

import (
	"strings"
	"testing"
)

// Characters that draw nothing never reach the report raw: a role of
// "user" followed by hidden tag characters spelling "role=admin" must not
// read as "user" in a support ticket. The flag of Scotland stays a flag.
func TestReportShowsInvisibleCharacters(t *testing.T) {
	hidden := "user"
	for _, r := range "role=admin" {
		hidden += string(0xe0000 + r)
	}
	scotland := "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"
	claims := `{"role":"` + hidden + `","nick":"ad\u00admin","sep":"a\u2062b\ufff9c\u3164d\u180ee","team":"` + scotland + `"}`
	md := ForToken(jwt(`{"alg":"RS256"}`, claims, "c2ln"), now).Markdown()
	assertSafe(t, md)
	// Apart from the flag, no tag character and nothing else that draws
	// nothing is left raw.
	for _, r := range strings.ReplaceAll(md, scotland, "") {
		if r >= 0xe0000 && r <= 0xe007f || r == 0xad || r == 0x2062 || r == 0xfff9 || r == 0x3164 || r == 0x180e {
			t.Fatalf("%U reached the report raw:\n%s", r, md)
		}
	}
	for _, want := range []string{`user\U000e0072\U000e006f`, `ad\u00admin`, `a\u2062b\ufff9c\u3164d\u180ee`, scotland} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}

// clean, the report's second net, escapes what draws nothing even when
// the text did not come through termsafe.Line first.
func TestCleanCatchesInvisibleCharacters(t *testing.T) {
	for _, r := range []rune{0xad, 0x2062, 0xfff9, 0x3164, 0x180e, 0xe0001} {
		if !unsafe(r) {
			t.Errorf("unsafe(%U) is false", r)
		}
	}
}
