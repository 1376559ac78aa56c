package ro

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// shellWords splits a command as a POSIX shell (bash, for $'…') would, up
// to the first operator outside quotes (| ; & < >), and returns the words
// and what was left from that operator on. A backslash before a line
// break joins the lines; a line break without one is read as a space, so
// a command whose continuations were lost in a copy still reads. Nothing
// is expanded: $NAME stays as written (and is a placeholder).
func shellWords(s string) (words []string, rest string, err error) {
	var cur strings.Builder
	inWord := false
	end := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') && lineEndsAt(s, j) {
				j++ // "\ " then a line break: a continuation with stray spaces
			}
			switch {
			case j < len(s) && s[j] == '\n':
				i = j + 1
			case j+1 < len(s) && s[j] == '\r' && s[j+1] == '\n':
				i = j + 2
			case i+1 >= len(s):
				i++
			default:
				_, n := utf8.DecodeRuneInString(s[i+1:])
				cur.WriteString(s[i+1 : i+1+n])
				inWord = true
				i += 1 + n
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			end()
			i++
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, "", unclosed("'", s, i)
			}
			cur.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += j + 2
		case c == '"' || c == '$' && i+1 < len(s) && s[i+1] == '"':
			if c == '$' {
				i++ // $"…" is a translated string: a double-quoted one here
			}
			n, ok := doubleQuoted(&cur, s[i+1:])
			if !ok {
				return nil, "", unclosed(`"`, s, i)
			}
			inWord = true
			i += n + 2
		case c == '$' && i+1 < len(s) && s[i+1] == '\'':
			n, ok := ansiQuoted(&cur, s[i+2:])
			if !ok {
				return nil, "", unclosed("$'", s, i)
			}
			inWord = true
			i += n + 3
		case c == '#' && !inWord:
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.IndexByte("|;&<>", c) >= 0:
			if (c == '<' || c == '>') && inWord && strings.Trim(cur.String(), "0123456789") == "" {
				cur.Reset() // 2>/dev/null: the number is the redirection's
				inWord = false
			}
			end()
			return words, s[i:], nil
		default:
			cur.WriteByte(c)
			inWord = true
			i++
		}
	}
	end()
	return words, "", nil
}

// lineEndsAt reports whether only spaces and tabs stand between s[i] and
// the end of its line (and the line does end).
func lineEndsAt(s string, i int) bool {
	for ; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r':
		case '\n':
			return true
		default:
			return false
		}
	}
	return false
}

// unclosed is the error for a quote opened at s[at] and never closed.
func unclosed(quote, s string, at int) error {
	line := strings.Count(s[:at], "\n") + 1
	return fmt.Errorf("a quote (%s) opened on line %d of the command is never closed; copy the whole command again", quote, line)
}

// doubleQuoted reads the inside of "…" from s (after the opening quote)
// into b, as a shell does: a backslash escapes $ ` " \ and a line break,
// and stays before anything else. n is where the closing quote is.
func doubleQuoted(b *strings.Builder, s string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return i, true
		case '\\':
			if i+1 < len(s) {
				switch s[i+1] {
				case '$', '`', '"', '\\':
					b.WriteByte(s[i+1])
					i++
					continue
				case '\n':
					i++
					continue
				}
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return 0, false
}

// ansiEscapes are the one-letter escapes inside $'…'.
var ansiEscapes = map[byte]byte{
	'a': 7, 'b': 8, 'e': 27, 'E': 27, 'f': 12, 'n': '\n', 'r': '\r', 't': '\t', 'v': 11,
	'\\': '\\', '\'': '\'', '"': '"', '?': '?',
}

// ansiQuoted reads the inside of $'…' from s (after $') into b, with bash's
// escapes: \n and the like, \NNN octal, \xHH, \uHHHH, \UHHHHHHHH and \cX.
// n is where the closing quote is.
func ansiQuoted(b *strings.Builder, s string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\'' {
			return i, true
		}
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		e := s[i]
		if v, ok := ansiEscapes[e]; ok {
			b.WriteByte(v)
			continue
		}
		switch e {
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v, k := digits(s[i:], 3, 8)
			b.WriteByte(byte(v))
			i += k - 1
		case 'x', 'u', 'U':
			most := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			v, k := digits(s[i+1:], most, 16)
			switch {
			case k == 0:
				b.WriteByte('\\')
				b.WriteByte(e)
			case e == 'x':
				b.WriteByte(byte(v))
			default:
				writeCodePoint(b, v)
			}
			i += k
		case 'c':
			switch {
			case i+1 >= len(s) || s[i+1] == '\'':
				b.WriteString(`\c`)
			case s[i+1] == '?':
				b.WriteByte(0x7f)
				i++
			case s[i+1] == '\\' && i+2 < len(s) && s[i+2] == '\\':
				b.WriteByte(0x1c)
				i += 2
			default:
				b.WriteByte(s[i+1] & 0x1f)
				i++
			}
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return 0, false
}

// writeCodePoint writes v as bash does for \u and \U: in UTF-8, and
// past U+10FFFF (or a surrogate) in UTF-8's original scheme of up to six
// bytes, which is not UTF-8 at all (and is refused as a value later).
func writeCodePoint(b *strings.Builder, v int) {
	switch {
	case v < 0x80:
		b.WriteByte(byte(v))
		return
	case v >= 0x80000000:
		return // bash writes nothing
	}
	n, lead := 2, byte(0xc0)
	switch {
	case v < 0x800:
	case v < 0x10000:
		n, lead = 3, 0xe0
	case v < 0x200000:
		n, lead = 4, 0xf0
	case v < 0x4000000:
		n, lead = 5, 0xf8
	default:
		n, lead = 6, 0xfc
	}
	out := make([]byte, n)
	for i := n - 1; i > 0; i-- {
		out[i] = 0x80 | byte(v&0x3f)
		v >>= 6
	}
	out[0] = lead | byte(v)
	b.Write(out)
}

// digits reads up to most digits of base from the start of s: their value
// and how many were read.
func digits(s string, most, base int) (v, k int) {
	for k < most && k < len(s) {
		d := strings.IndexByte("0123456789abcdef"[:base], lower(s[k]))
		if d < 0 {
			break
		}
		v = v*base + d
		k++
	}
	return v, k
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// looksLikeCmd reports whether a command was written for Windows' cmd.exe
// rather than a POSIX shell (Chrome's "Copy as cURL (cmd)"): a line that
// goes on to another ends in ^ (cmd's continuation, where a POSIX shell's
// is \), a word is ^ alone (a continuation whose lines were joined) or a
// word opens with ^" (Chrome's quoting for cmd). None of them means
// anything to bash that a login's command would hold.
func looksLikeCmd(s string) bool {
	lines := strings.Split(s, "\n")
	for _, l := range lines[:len(lines)-1] {
		if strings.HasSuffix(strings.TrimRight(l, " \t\r"), "^") {
			return true
		}
	}
	for _, w := range strings.Fields(s) {
		if w == "^" || strings.HasPrefix(w, `^"`) {
			return true
		}
	}
	return false
}

// cmdWords splits a command as Windows runs it from cmd.exe, in its two
// passes. First cmd's: ^ takes the next character as it is (a ^ at a
// line's end joins the next line, whose first character is then taken as
// it is: Chrome writes a line break in a value as ^ and two of them), "…"
// turns ^ off, and the command ends at the first operator outside quotes
// (& | < >); a line break without ^ is read as a space, as shellWords
// does. Then curl.exe's own split of the line cmd hands it (Microsoft's C
// runtime rules): words between spaces and tabs, "…" quoting, "" inside
// quotes a quote, and backslashes taken as they are except before a
// quote, where each pair is one backslash and an odd one makes the quote
// a character. Nothing is expanded: %NAME% stays as written (and is a
// placeholder).
func cmdWords(s string) (words []string, rest string, err error) {
	var line strings.Builder
	quoted := false // cmd's own quoting, which turns ^ off
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quoted = !quoted
			line.WriteByte(c)
		case c == '\r' || c == '\n':
			line.WriteByte(' ')
		case quoted:
			line.WriteByte(c)
		case c == '^' && i+1 < len(s):
			i++
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			if s[i] != '\n' {
				line.WriteByte(s[i])
				continue
			}
			switch { // a continuation: the next line's first character as it is
			case i+2 < len(s) && s[i+1] == '\r' && s[i+2] == '\n':
				line.WriteByte('\n')
				i += 2
			case i+1 < len(s):
				line.WriteByte(s[i+1])
				i++
			}
		case c == '^':
		case strings.IndexByte("&|<>", c) >= 0:
			words, err := crtWords(line.String(), s)
			return words, s[i:], err
		default:
			line.WriteByte(c)
		}
	}
	words, err = crtWords(line.String(), s)
	return words, "", err
}

// crtWords splits the line cmd hands a program as Microsoft's C runtime
// does (see cmdWords); s is the whole command, for an unclosed quote's
// line.
func crtWords(line, s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == '\\':
			n := 0
			for ; i < len(line) && line[i] == '\\'; i++ {
				n++
			}
			if i < len(line) && line[i] == '"' {
				cur.WriteString(strings.Repeat(`\`, n/2))
				if n%2 == 1 {
					cur.WriteByte('"')
					i++
				}
			} else {
				cur.WriteString(strings.Repeat(`\`, n))
			}
			inWord = true
		case c == '"' && quoted && i+1 < len(line) && line[i+1] == '"':
			cur.WriteByte('"')
			i += 2
		case c == '"':
			quoted = !quoted
			inWord = true
			i++
		case !quoted && (c == ' ' || c == '\t'):
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
			i++
		default:
			cur.WriteByte(c)
			inWord = true
			i++
		}
	}
	if quoted {
		return nil, unclosed(`"`, s, strings.LastIndexByte(s, '"'))
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
