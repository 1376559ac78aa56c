package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/termsafe"
)

// Markdown writing. Everything a server or a token sent is untrusted: it
// goes through termsafe.Line (then clean, a second net that does not depend
// on termsafe's policy) so the file holds no control or bidirectional
// character, and then through one of three Markdown escapes:
//   - code: a code span, for values (claims, headers, error codes): the text
//     is shown literally, so no link, image, HTML or entity can come alive;
//   - text: backslash escapes, for sentences (reasons, hints);
//   - block: a fenced code block longer than any run of backticks inside.

// maxValue is the most characters of one value a report shows: a 100 KB
// claim would bury the ticket.
const maxValue = 1000

// unsafe is true for a rune the report never writes raw: C0 controls
// (newline aside, which the callers decide about), DEL, C1 controls,
// bidirectional controls, invisible joiners and separators, and whatever
// else termsafe escapes wherever it stands (soft hyphens, invisible
// operators, fillers: characters that draw nothing). The joiners,
// selectors and flag tags termsafe.Line keeps in emoji are judged there.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200b, r == 0x2060, r == 0xfeff, r == 0x2028, r == 0x2029:
		return true
	}
	return termsafe.AlwaysEscaped(r)
}

// clean makes untrusted text safe: termsafe.Line, then any unsafe rune or
// invalid byte left becomes a visible escape. With multiline, "\n" stays.
func clean(s string, multiline bool) string {
	if multiline {
		s = termsafe.Multiline(s)
	} else {
		s = termsafe.Line(s)
	}
	ok := utf8.ValidString(s)
	if ok {
		for _, r := range s {
			if unsafe(r) && !(multiline && r == '\n') {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case multiline && r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(`\t`)
		case unsafe(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// cutText keeps at most max runes of s, cut between characters, and says
// how long it was.
func cutText(s string, max int) string {
	n := utf8.RuneCountInString(s)
	if n <= max {
		return s
	}
	return jwtview.Head(s, max) + fmt.Sprintf("… (cut: %d characters in all)", n)
}

// code renders untrusted s as an inline code span, safe and cut.
func code(s string) string { return codeSpan(clean(cutText(s, maxValue), false), false) }

// cell is code for a table cell: a pipe would end the cell, so it is escaped
// (GitHub-flavoured Markdown removes the backslash inside a code span).
func cell(s string) string { return codeSpan(clean(cutText(s, maxValue), false), true) }

// codeSpan wraps clean text in a code span whose fence is longer than any
// run of backticks inside it.
func codeSpan(s string, inTable bool) string {
	if s == "" {
		return "(empty)"
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if inTable {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	// A span that starts or ends with a backtick or a space needs padding,
	// which the renderer strips.
	if s[0] == '`' || s[len(s)-1] == '`' || s[0] == ' ' || s[len(s)-1] == ' ' {
		s = " " + s + " "
	}
	return fence + s + fence
}

// text renders untrusted (or partly untrusted) prose with every Markdown
// character that could start a link, emphasis, HTML, an entity or a table
// cell escaped.
func text(s string) string {
	s = clean(cutText(s, maxValue*4), false)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '#', '!':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// block renders untrusted multi-line text as a fenced code block.
func block(b *strings.Builder, info, s string) {
	s = strings.TrimRight(clean(s, true), "\n")
	fence := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	b.WriteString(fence)
	b.WriteString(info)
	b.WriteByte('\n')
	b.WriteString(s)
	b.WriteByte('\n')
	b.WriteString(fence)
	b.WriteString("\n\n")
}

func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
