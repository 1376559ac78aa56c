// Package termsafe makes untrusted text safe to show on a terminal; every
// renderer of rotui (the TUI, the commands, the report) passes what a
// server or a token sent through it, and it imports nothing of rotui's.
//
// Every string a token or a server sends is untrusted: an
// ESC or a C1 CSI (U+009B) starts an escape sequence that can move the
// cursor, rewrite the screen or set the clipboard; a carriage return or a
// newline inside a claim can draw a fake line ("signature: verified"); a
// bidirectional override (U+202E) makes text read differently from what it
// is; and a character that draws nothing hides text in plain sight (a role
// of "user" followed by tag characters spelling "role=admin" shows as
// "user"). Line and Multiline turn all of those into visible escapes in
// the style of Go string literals (\x1b, \u202e, \r, \U000e0072), so the
// person sees that something odd was sent and the terminal executes nothing.
//
// Policy:
//   - Line is for one line: every C0 control (newline and tab included), DEL,
//     every C1 control, bidirectional controls, line and paragraph
//     separators, the characters that draw nothing (the invisible table
//     below: zero-width space, word joiner, BOM, soft hyphen, invisible
//     operators, interlinear annotations, Hangul fillers, the Mongolian
//     vowel separator, ...) and bytes that are not UTF-8 are escaped.
//   - Some invisible characters are how emoji and scripts are written, so
//     they are judged by what surrounds them: a zero-width joiner or
//     non-joiner is kept between two visible non-ASCII characters (a family
//     emoji, Persian, Devanagari) and escaped elsewhere ("ad\u200dmin"); a
//     variation selector is kept alone after a visible character (❤️, 1️⃣,
//     and an ideographic one after a Han ideograph) and escaped in a run,
//     where it can only carry hidden data; tag characters are kept only as
//     the flags of England, Scotland and Wales, the subdivision flags
//     Unicode recommends (a black flag, the region in tags, a cancel tag),
//     and escaped everywhere else, other flag sequences included, since
//     those show as a plain black flag with the tags unseen.
//   - Multiline is the same but keeps "\n" and "\t" as they are, for
//     pretty JSON and other text laid out on several lines; "\r\n" becomes
//     "\n".
//   - Ordinary Unicode (accents, CJK, emoji) is kept. A backslash is kept as
//     is, so a literal "\x1b" sent as four characters reads the same as an
//     escaped ESC; both are harmless.
package termsafe

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// invisible holds the non-ASCII characters Safe escapes wherever they
// stand: they control the terminal, reorder text, or draw nothing.
var invisible = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x0080, Hi: 0x009f, Stride: 1}, // C1 controls (U+009B is CSI)
		{Lo: 0x00ad, Hi: 0x00ad, Stride: 1}, // soft hyphen: drawn only where a line breaks
		{Lo: 0x034f, Hi: 0x034f, Stride: 1}, // combining grapheme joiner
		{Lo: 0x061c, Hi: 0x061c, Stride: 1}, // Arabic letter mark (bidi)
		{Lo: 0x115f, Hi: 0x1160, Stride: 1}, // Hangul choseong and jungseong fillers
		{Lo: 0x17b4, Hi: 0x17b5, Stride: 1}, // Khmer inherent vowels, which Unicode says not to use
		{Lo: 0x180e, Hi: 0x180e, Stride: 1}, // Mongolian vowel separator
		{Lo: 0x200b, Hi: 0x200b, Stride: 1}, // zero-width space
		{Lo: 0x200e, Hi: 0x200f, Stride: 1}, // left-to-right and right-to-left marks
		{Lo: 0x2028, Hi: 0x2029, Stride: 1}, // line and paragraph separators
		{Lo: 0x202a, Hi: 0x202e, Stride: 1}, // bidi embeddings and overrides (U+202E is RLO)
		{Lo: 0x2060, Hi: 0x206f, Stride: 1}, // word joiner, invisible operators (U+2061-2064), bidi isolates, deprecated format controls
		{Lo: 0x3164, Hi: 0x3164, Stride: 1}, // Hangul filler
		{Lo: 0xfeff, Hi: 0xfeff, Stride: 1}, // zero-width no-break space (BOM)
		{Lo: 0xffa0, Hi: 0xffa0, Stride: 1}, // halfwidth Hangul filler
		{Lo: 0xfff0, Hi: 0xfffb, Stride: 1}, // unassigned and ignorable; interlinear annotation anchor, separator, terminator (U+FFF9-FFFB)
	},
	R32: []unicode.Range32{
		{Lo: 0x1bca0, Hi: 0x1bca3, Stride: 1}, // shorthand format controls
		{Lo: 0x1d173, Hi: 0x1d17a, Stride: 1}, // musical symbol format controls
		{Lo: 0xe0000, Hi: 0xe001f, Stride: 1}, // language tag and the unassigned start of the tag block
		{Lo: 0xe0080, Hi: 0xe00ff, Stride: 1}, // unassigned, ignorable
		{Lo: 0xe01f0, Hi: 0xe0fff, Stride: 1}, // unassigned, ignorable
	},
	LatinOffset: 2,
}

// Characters kept or escaped by what surrounds them.
const (
	zwnj       = 0x200c  // zero-width non-joiner
	zwj        = 0x200d  // zero-width joiner
	blackFlag  = 0x1f3f4 // the base of a subdivision flag
	tagBase    = 0xe0000 // tags mirror ASCII: U+E0067 is a tag g
	tagFirst   = 0xe0020 // tag space, the first tag character
	cancelTag  = 0xe007f // ends a tag sequence
	hanIVSLow  = 0xe0100 // ideographic variation selectors
	hanIVSHigh = 0xe01ef
)

// recommendedFlags are the subdivision flags in Unicode's recommended
// emoji set (England, Scotland, Wales), spelled in tag letters between a
// black flag and a cancel tag. Others show as a plain black flag on
// almost every system, with their tags unseen, so they are escaped.
var recommendedFlags = [...]string{"gbeng", "gbsct", "gbwls"}

// AlwaysEscaped reports whether Safe escapes r wherever it stands: a C1
// control, a bidirectional control, or a character that draws nothing. It
// is false for ASCII (Safe decides about C0 and DEL by itself) and for the
// joiners, variation selectors and tag characters that Safe keeps where
// they belong. Other packages' second nets use it.
func AlwaysEscaped(r rune) bool { return unicode.Is(invisible, r) }

// Safe makes untrusted text safe for a terminal: C0/C1 controls, ESC, BEL,
// DEL, bidirectional overrides and invisible characters become visible
// escapes; nothing is executed or hidden. The result is always one line
// (newlines and tabs are escaped too); use Multiline to keep them.
func Line(s string) string { return safe(s, false) }

// Multiline is Safe for text laid out on several lines: "\n" and "\t"
// are kept ("\r\n" becomes "\n"), everything else Safe escapes is escaped.
func Multiline(s string) string { return safe(s, true) }

func safe(s string, multiline bool) string {
	if printableASCII(s) {
		return s // most claims: nothing to look at twice
	}
	// Nothing is allocated until something must be escaped: most claims
	// are returned as they are.
	var b strings.Builder
	escaped := false
	begin := func(i int) {
		if !escaped {
			escaped = true
			b.Grow(len(s) + 16)
			b.WriteString(s[:i])
		}
	}
	prev := rune(-1) // the last rune written as it is; -1 after an escape
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 0x20 && c < 0x7f, multiline && (c == '\n' || c == '\t'):
				if escaped {
					b.WriteByte(c)
				}
				prev = rune(c)
			case multiline && c == '\r' && i+1 < len(s) && s[i+1] == '\n':
				// "\r\n": keep the line break, drop the carriage return.
				begin(i)
			default:
				begin(i)
				writeASCIIEscape(&b, c)
				prev = -1
			}
			i++
			continue
		}
		r, n, keep := nextRune(s, i, prev)
		switch {
		case keep:
			if escaped {
				b.WriteString(s[i : i+n])
			}
			prev = r
		case r == utf8.RuneError && n == 1:
			begin(i)
			writeHexByte(&b, c)
			prev = -1
		default:
			begin(i)
			writeRuneEscape(&b, r)
			prev = -1
		}
		i += n
	}
	if !escaped {
		return s
	}
	return b.String()
}

// nextRune reads the non-ASCII text at s[i:] and says whether Safe keeps
// it: r is its rune (for a whole flag tag sequence, the flag), n the bytes
// it spans (1 for a byte that is not UTF-8, whose r is utf8.RuneError),
// and keep whether it is written as it is. prev is the rune written as it
// is just before, or -1.
func nextRune(s string, i int, prev rune) (r rune, n int, keep bool) {
	r, n = utf8.DecodeRuneInString(s[i:])
	switch {
	case r == utf8.RuneError && n == 1:
		return r, n, false
	case r == blackFlag:
		return r, n + flagTagsLen(s[i+n:]), true
	case r == zwj || r == zwnj:
		next, _ := utf8.DecodeRuneInString(s[i+n:])
		return r, n, joinsAfter(prev) && joinsBefore(next)
	case isVariationSelector(r):
		return r, n, selects(prev, r)
	case r >= tagFirst && r <= cancelTag:
		// A tag outside a recommended flag sequence draws nothing.
		return r, n, false
	}
	return r, n, !unicode.Is(invisible, r)
}

// flagTagsLen is the length in bytes of the recommended flag's tags and
// cancel tag at the start of s (which follows a black flag), or 0.
func flagTagsLen(s string) int {
	var spec [8]byte
	k, i := 0, 0
	for i < len(s) && k < len(spec) {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == cancelTag:
			for _, f := range recommendedFlags {
				if string(spec[:k]) == f {
					return i
				}
			}
			return 0
		case r >= tagBase+'0' && r <= tagBase+'9', r >= tagBase+'a' && r <= tagBase+'z':
			spec[k] = byte(r - tagBase)
			k++
		default:
			return 0
		}
	}
	return 0
}

func isVariationSelector(r rune) bool {
	return r >= 0xfe00 && r <= 0xfe0f || r >= hanIVSLow && r <= hanIVSHigh
}

// joinsAfter reports whether a joiner may follow prev: a visible non-ASCII
// character, or the emoji presentation selector of one (❤️‍🔥).
func joinsAfter(prev rune) bool {
	if prev == 0xfe0f {
		return true
	}
	return joinsBefore(prev)
}

// joinsBefore reports whether a joiner may precede next: a visible
// non-ASCII character that is not itself a joiner, a selector or a tag.
func joinsBefore(next rune) bool {
	return next >= utf8.RuneSelf && next != utf8.RuneError && next != zwj && next != zwnj &&
		!isVariationSelector(next) && !(next >= tagFirst && next <= cancelTag) && !unicode.Is(invisible, next)
}

// selects reports whether the variation selector vs may follow prev: one
// selector after a visible character; an ideographic one only after a Han
// ideograph, the only characters it is defined for.
func selects(prev, vs rune) bool {
	if vs >= hanIVSLow {
		return unicode.Is(unicode.Han, prev)
	}
	return prev >= 0x20 && prev != 0x7f && prev != zwj && prev != zwnj && !isVariationSelector(prev)
}

const hexDigits = "0123456789abcdef"

// writeASCIIEscape writes an ASCII control as \n, \t, \r or \xNN.
func writeASCIIEscape(b *strings.Builder, c byte) {
	switch c {
	case '\n':
		b.WriteString(`\n`)
	case '\t':
		b.WriteString(`\t`)
	case '\r':
		b.WriteString(`\r`)
	default:
		writeHexByte(b, c)
	}
}

func writeHexByte(b *strings.Builder, c byte) {
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

// writeRuneEscape writes r as a Go escape: \uXXXX, or \UXXXXXXXX beyond
// the Basic Multilingual Plane (the tag characters).
func writeRuneEscape(b *strings.Builder, r rune) {
	if r > 0xffff {
		b.WriteString(`\U`)
		writeHex(b, r, 8)
		return
	}
	b.WriteString(`\u`)
	writeHex(b, r, 4)
}

// writeJSONEscape writes r as a JSON escape: \uXXXX, or a UTF-16
// surrogate pair beyond the Basic Multilingual Plane.
func writeJSONEscape(b *strings.Builder, r rune) {
	if r > 0xffff {
		hi, lo := utf16.EncodeRune(r)
		writeJSONEscape(b, hi)
		writeJSONEscape(b, lo)
		return
	}
	b.WriteString(`\u`)
	writeHex(b, r, 4)
}

func writeHex(b *strings.Builder, r rune, digits int) {
	for shift := 4 * (digits - 1); shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[(r>>uint(shift))&0xf])
	}
}

// unsafeRune reports whether a non-ASCII rune is escaped wherever it
// stands (the context-free part of the policy).
func unsafeRune(r rune) bool { return unicode.Is(invisible, r) }

// EscapeJSON rewrites JSON made by encoding/json so that no character a
// terminal could act on, and none that draws nothing, is left raw:
// encoding/json already escapes C0 controls and U+2028/U+2029, but not
// DEL, the C1 controls (U+0080–U+009F, U+009B is CSI), bidirectional
// overrides (U+202E) or invisible characters (tag characters, soft
// hyphens). Those can only occur inside JSON strings, so each becomes a
// \uXXXX escape there (a surrogate pair beyond U+FFFF), kept or escaped
// by the same rules as Safe, and the JSON means exactly the same. Use it
// on every --json output.
func EscapeJSON(b []byte) []byte {
	s := string(b)
	var out strings.Builder
	escaped := false
	begin := func(i int) {
		if !escaped {
			escaped = true
			out.Grow(len(s) + 16)
			out.WriteString(s[:i])
		}
	}
	prev := rune(-1)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0x7f:
				begin(i)
				out.WriteString(`\u007f`)
				prev = -1
			case c == '"':
				// A string starts or ends here: nothing before it for a
				// joiner or a selector to attach to.
				if escaped {
					out.WriteByte(c)
				}
				prev = -1
			default:
				if escaped {
					out.WriteByte(c)
				}
				prev = rune(c)
			}
			i++
			continue
		}
		r, n, keep := nextRune(s, i, prev)
		switch {
		case keep:
			if escaped {
				out.WriteString(s[i : i+n])
			}
			prev = r
		case r == utf8.RuneError && n == 1:
			begin(i)
			out.WriteString(`\ufffd`)
			prev = -1
		default:
			begin(i)
			writeJSONEscape(&out, r)
			prev = -1
		}
		i += n
	}
	if !escaped {
		return b
	}
	return []byte(out.String())
}

// Strip removes what Safe would escape (C0 and C1 controls, DEL,
// bidirectional and invisible characters, joiners and selectors where
// nothing visible surrounds them, tag characters outside the recommended
// flags) and bytes that are not UTF-8, keeping the rest as it is. It is
// for text that stays editable, such as a form field, where a visible
// escape would change the value.
func Strip(s string) string {
	var b strings.Builder
	dropped := false
	prev := rune(-1) // the last rune kept
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c < 0x7f {
				if dropped {
					b.WriteByte(c)
				}
				prev = rune(c)
			} else if !dropped {
				dropped = true
				b.WriteString(s[:i])
			}
			i++
			continue
		}
		r, n, keep := nextRune(s, i, prev)
		// A joiner Strip keeps is followed by a visible character, which
		// it keeps too, so the joiner still joins.
		if keep {
			if dropped {
				b.WriteString(s[i : i+n])
			}
			prev = r
		} else if !dropped {
			dropped = true
			b.WriteString(s[:i])
		}
		i += n
	}
	if !dropped {
		return s
	}
	return b.String()
}

// printableASCII reports whether s holds only printable ASCII (space to ~),
// which needs no escape at all.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
