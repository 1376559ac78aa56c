package jwtview

import (
	"strings"
	"unicode/utf8"
)

// Terminal safety. Every string a token or a server sends is untrusted: an
// ESC or a C1 CSI (U+009B) starts an escape sequence that can move the
// cursor, rewrite the screen or set the clipboard; a carriage return or a
// newline inside a claim can draw a fake line ("signature: verified"); a
// bidirectional override (U+202E) makes text read differently from what it
// is. Safe and SafeMultiline turn all of those into visible escapes in the
// style of Go string literals (\x1b, \u202e, \r), so the person sees that
// something odd was sent and the terminal executes nothing.
//
// Policy:
//   - Safe is for one line: every C0 control (newline and tab included), DEL,
//     every C1 control, bidirectional controls (U+061C, U+200E, U+200F,
//     U+202A–U+202E, U+2066–U+2069), the invisible spaces and joiners that can
//     hide text (U+200B, U+2060, U+FEFF), line and paragraph separators
//     (U+2028, U+2029) and bytes that are not UTF-8 are escaped.
//   - SafeMultiline is the same but keeps "\n" and "\t" as they are, for
//     pretty JSON and other text laid out on several lines; "\r\n" becomes
//     "\n".
//   - Ordinary Unicode (accents, CJK, emoji, and the zero-width joiner that
//     emoji sequences use) is kept. A backslash is kept as is, so a literal
//     "\x1b" sent as four characters reads the same as an escaped ESC; both
//     are harmless.

// Safe makes untrusted text safe for a terminal: C0/C1 controls, ESC, BEL,
// DEL and bidirectional overrides become visible escapes; nothing is executed.
// The result is always one line (newlines and tabs are escaped too); use
// SafeMultiline to keep them.
func Safe(s string) string { return safe(s, false) }

// SafeMultiline is Safe for text laid out on several lines: "\n" and "\t"
// are kept ("\r\n" becomes "\n"), everything else Safe escapes is escaped.
func SafeMultiline(s string) string { return safe(s, true) }

func safe(s string, multiline bool) string {
	// Fast path: printable ASCII (and, when asked, newlines and tabs) is
	// returned as is, without allocating. Most claims take this path.
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			continue
		}
		if multiline && (c == '\n' || c == '\t') {
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !(r == utf8.RuneError && size == 1) && !unsafeRune(r) {
				i += size - 1
				continue
			}
		}
		break
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 0x20 && c < 0x7f:
				b.WriteByte(c)
			case multiline && (c == '\n' || c == '\t'):
				b.WriteByte(c)
			case multiline && c == '\r' && i < len(s) && s[i] == '\n':
				// "\r\n": keep the line break, drop the carriage return.
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\t':
				b.WriteString(`\t`)
			case c == '\r':
				b.WriteString(`\r`)
			default:
				writeHexByte(&b, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			writeHexByte(&b, c)
		case unsafeRune(r):
			writeU4(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports whether a non-ASCII rune must be escaped: C1 controls,
// bidirectional controls, and invisible characters that can hide or reorder
// text.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls (U+009B is CSI)
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // ALM, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	case r == 0x200b, r == 0x2060, r == 0xfeff: // zero-width space, word joiner, BOM
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

const hexDigits = "0123456789abcdef"

func writeHexByte(b *strings.Builder, c byte) {
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

func writeU4(b *strings.Builder, r rune) {
	b.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[(r>>uint(shift))&0xf])
	}
}

// EscapeJSON rewrites JSON made by encoding/json so that no character a
// terminal could act on is left raw: encoding/json already escapes C0
// controls and U+2028/U+2029, but not DEL, the C1 controls (U+0080–U+009F,
// U+009B is CSI) or bidirectional overrides (U+202E). Those can only occur
// inside JSON strings, so each becomes a \uXXXX escape there and the JSON
// means exactly the same. Use it on every --json output.
func EscapeJSON(b []byte) []byte {
	i := 0
	for ; i < len(b); i++ {
		c := b[i]
		if c == 0x7f {
			break
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(b[i:])
			if unsafeRune(r) || (r == utf8.RuneError && size == 1) {
				break
			}
			i += size - 1
		}
	}
	if i == len(b) {
		return b
	}
	var out strings.Builder
	out.Grow(len(b) + 16)
	out.Write(b[:i])
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == 0x7f {
				out.WriteString(`\u007f`)
			} else {
				out.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out.WriteString(`\ufffd`)
		case unsafeRune(r):
			writeU4(&out, r)
		default:
			out.Write(b[i : i+size])
		}
		i += size
	}
	return []byte(out.String())
}

// Strip removes what Safe would escape (C0 and C1 controls, DEL,
// bidirectional and invisible characters) and bytes that are not UTF-8,
// keeping the rest as it is. It is for text that stays editable, such as a
// form field, where a visible escape would change the value.
func Strip(s string) string {
	// strings.Map returns s itself when nothing is dropped.
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError || unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}
