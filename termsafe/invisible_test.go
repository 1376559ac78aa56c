package termsafe

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// tags spells s in Unicode tag characters (U+E0020–U+E007E), which draw
// nothing: "user" + tags("role=admin") reads as "user".
func tags(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(0xe0000 + r)
	}
	return b.String()
}

// tagEscapes is how Safe shows tags(s).
func tagEscapes(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, `\U%08x`, 0xe0000+r)
	}
	return b.String()
}

const cancelTagText = "\U000E007F"

// The subdivision flags of Unicode's recommended set: a black flag, the
// subdivision in tag letters, a cancel tag.
var (
	flagScotland = "🏴" + tags("gbsct") + cancelTagText
	flagEngland  = "🏴" + tags("gbeng") + cancelTagText
	flagWales    = "🏴" + tags("gbwls") + cancelTagText
)

// Characters that draw nothing are made visible like the bidi controls:
// text that reads the same must be the same. What emoji and scripts need
// (joiners between letters or emoji, one variation selector after a
// character, the three recommended flag tag sequences) is kept readable.
func TestSafeMakesInvisibleCharactersVisible(t *testing.T) {
	cases := []struct{ name, in, want string }{
		// Hidden.
		{"tag characters after a value", "user" + tags("role=admin"), "user" + tagEscapes("role=admin")},
		{"a lone cancel tag", "a" + cancelTagText, `a\U000e007f`},
		{"language tag", "\U000E0001en", `\U000e0001en`},
		{"tags on a flag no one shows", "🏴" + tags("usadmin") + cancelTagText, "🏴" + tagEscapes("usadmin") + `\U000e007f`},
		{"tags without their cancel tag", "🏴" + tags("gbsct"), "🏴" + tagEscapes("gbsct")},
		{"tags without a flag", tags("gbsct") + cancelTagText, tagEscapes("gbsct") + `\U000e007f`},
		{"soft hyphen", "ad\u00admin", `ad\u00admin`},
		{"invisible times, separator, plus", "a\u2062b\u2063c\u2064d", `a\u2062b\u2063c\u2064d`},
		{"function application", "f\u2061x", `f\u2061x`},
		{"interlinear annotation", "\ufff9admin\ufffauser\ufffb", `\ufff9admin\ufffauser\ufffb`},
		{"Hangul fillers", "\u115f\u1160\u3164\uffa0", `\u115f\u1160\u3164\uffa0`},
		{"Mongolian vowel separator", "ad\u180emin", `ad\u180emin`},
		{"combining grapheme joiner", "ad\u034fmin", `ad\u034fmin`},
		{"deprecated format controls", "a\u206ab\u206f", `a\u206ab\u206f`},
		{"zero-width joiner inside a word", "ad\u200dmin", `ad\u200dmin`},
		{"zero-width non-joiner at the start", "\u200cadmin", `\u200cadmin`},
		{"joiner at the end", "👨\u200d", `👨\u200d`},
		{"two joiners", "👨\u200d\u200d👩", `👨\u200d\u200d👩`},
		{"variation selector alone", "\ufe0f", `\ufe0f`},
		{"variation selectors in a row", "a\ufe0f\ufe0e\ufe0f", "a\ufe0f" + `\ufe0e\ufe0f`},
		{"ideographic variation selector after an emoji", "😀\U000E0100", `😀\U000e0100`},
		{"shorthand format control", "a\U0001BCA0b", `a\U0001bca0b`},
		// Readable.
		{"family", "👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
		{"rainbow flag", "🏳\ufe0f\u200d🌈", "🏳\ufe0f\u200d🌈"},
		{"heart on fire", "❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🔥"},
		{"pirate flag", "🏴\u200d☠\ufe0f", "🏴\u200d☠\ufe0f"},
		{"technologist, skin tone", "👩🏽\u200d💻", "👩🏽\u200d💻"},
		{"keycap", "1\ufe0f\u20e3", "1\ufe0f\u20e3"},
		{"Scotland", "team " + flagScotland, "team " + flagScotland},
		{"England and Wales", flagEngland + flagWales, flagEngland + flagWales},
		{"Persian non-joiner", "می\u200cخواهم", "می\u200cخواهم"},
		{"Devanagari joiner", "क्\u200dष", "क्\u200dष"},
		{"ideographic variation sequence", "葛\U000E0100", "葛\U000E0100"},
		{"plain accents and CJK", "café 東京", "café 東京"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Line(tc.in); got != tc.want {
				t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := Multiline(tc.in); got != tc.want {
				t.Errorf("Multiline(%q) = %q, want %q", tc.in, got, tc.want)
			}
			// Strip drops what Safe escapes and keeps what it keeps.
			stripped := Strip(tc.in)
			if tc.in == tc.want && stripped != tc.in {
				t.Errorf("Strip(%q) = %q, want it unchanged", tc.in, stripped)
			}
			if tc.in != tc.want && (stripped == tc.in || Line(stripped) != stripped) {
				t.Errorf("Strip(%q) = %q keeps something Safe escapes", tc.in, stripped)
			}
			// JSON keeps the meaning and escapes the same characters.
			b, _ := json.Marshal(tc.in)
			out := EscapeJSON(b)
			var back string
			if err := json.Unmarshal(out, &back); err != nil || back != tc.in {
				t.Errorf("EscapeJSON changed the meaning: %s (%v)", out, err)
			}
			if (tc.in == tc.want) != (string(out) == string(b)) {
				t.Errorf("EscapeJSON(%s) = %s: it should escape exactly what Safe does", b, out)
			}
		})
	}
}

func TestStripHiddenTags(t *testing.T) {
	if got := Strip("user" + tags("role=admin")); got != "user" {
		t.Errorf("Strip kept hidden tags: %q", got)
	}
	if got := Strip("ad\u00ad\u200dmin\u3164"); got != "admin" {
		t.Errorf("Strip: %q", got)
	}
}

func TestEscapeJSONUsesSurrogatePairsBeyondTheBMP(t *testing.T) {
	b, _ := json.Marshal(map[string]string{"role": "user" + tags("x")})
	if got, want := string(EscapeJSON(b)), `{"role":"user\udb40\udc78"}`; got != want {
		t.Errorf("EscapeJSON = %s, want %s", got, want)
	}
}

// AlwaysEscaped is the part of the policy that needs no context, for the
// second nets of other packages.
func TestAlwaysEscaped(t *testing.T) {
	for _, r := range []rune{0x9b, 0xad, 0x202e, 0x2062, 0x3164, 0xfff9, 0x180e, 0xe0001, 0x1d173} {
		if !AlwaysEscaped(r) {
			t.Errorf("AlwaysEscaped(%U) is false", r)
		}
	}
	for _, r := range []rune{'a', 'é', '東', 0x200d, 0xfe0f, 0xe0067, 0x1f3f4} {
		if AlwaysEscaped(r) {
			t.Errorf("AlwaysEscaped(%U) is true: it is kept where it belongs", r)
		}
	}
}

// Whatever goes in, Safe's output holds nothing Safe would escape again, is
// valid UTF-8, and Strip's holds nothing Safe escapes.
func FuzzSafeIsStable(f *testing.F) {
	for _, s := range []string{"", "user" + tags("role=admin"), flagScotland, "👨\u200d👩", "a\ufe0f\ufe0f", "ad\u200dmin", "\u200d\ufe0f🏴"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Line(s), Multiline(s)} {
			if !utf8.ValidString(out) || Line(out) != out && !strings.ContainsAny(out, "\n\t") {
				t.Fatalf("%q: Safe gave %q, which Safe changes again to %q", s, out, Line(out))
			}
			if Multiline(out) != out {
				t.Fatalf("%q: %q is not stable", s, out)
			}
		}
		if st := Strip(s); Line(st) != st {
			t.Fatalf("Strip(%q) = %q, which Safe changes to %q", s, st, Line(st))
		}
	})
}

// Every character Unicode calls a format control or default-ignorable is
// escaped wherever it stands, or judged by what surrounds it, or drawn (a
// few format controls are visible marks): none is simply let through
// unexamined, now or when a new one is assigned.
func TestEveryIgnorableCharacterIsCovered(t *testing.T) {
	type span struct {
		lo, hi rune
		why    string
	}
	drawn := []span{
		{0x0600, 0x0605, "Arabic number signs: drawn, spanning the digits after them"},
		{0x06dd, 0x06dd, "Arabic end of ayah: drawn around the digits after it"},
		{0x070f, 0x070f, "Syriac abbreviation mark: drawn over the word"},
		{0x0890, 0x0891, "Arabic pound and piastre marks: drawn above the number"},
		{0x08e2, 0x08e2, "Arabic disputed end of ayah: drawn"},
		{0x180b, 0x180d, "Mongolian free variation selectors: choose a letter's shape, needed to write Mongolian"},
		{0x180f, 0x180f, "Mongolian free variation selector four"},
		{0x110bd, 0x110bd, "Kaithi number sign: drawn"},
		{0x110cd, 0x110cd, "Kaithi number sign above: drawn"},
		{0x13430, 0x1343f, "Egyptian hieroglyph format controls: arrange the signs drawn"},
	}
	judged := func(r rune) bool {
		return r == zwj || r == zwnj || isVariationSelector(r) || r >= tagFirst && r <= cancelTag
	}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if !unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) {
			continue
		}
		if AlwaysEscaped(r) || judged(r) || slices.ContainsFunc(drawn, func(d span) bool { return r >= d.lo && r <= d.hi }) {
			continue
		}
		t.Errorf("%U is a format or ignorable character that Safe lets through unexamined", r)
	}
}
