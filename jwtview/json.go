package jwtview

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// A small reader for one JSON object that keeps its members in the order
// sent, with each member's raw JSON. encoding/json decodes into maps, which
// lose the order, and its token stream allocates for every token; this
// scanner validates the JSON grammar while it walks the bytes once, bounds
// nesting at MaxDepth, and decodes only the member values (strings and
// numbers directly; arrays and objects with encoding/json).

// syntaxError is a JSON error at a byte offset of the decoded part.
type syntaxError struct {
	msg string
}

// Error returns the message.
func (e *syntaxError) Error() string { return e.msg }

type scanner struct {
	data   []byte
	pos    int
	err    *syntaxError
	spaced bool // white space was skipped outside strings
}

// parseObject reads data as one JSON object. On an error it returns the
// members read before it, so a person sees as much as can be shown.
// spaced reports white space outside strings: valid JSON, which issuers'
// libraries do not send.
func parseObject(data []byte) (fields []Field, spaced bool, err *syntaxError) {
	fields, err = scanObject(data, &spaced)
	return fields, spaced, err
}

func scanObject(data []byte, spaced *bool) ([]Field, *syntaxError) {
	s := scanner{data: data}
	defer func() { *spaced = s.spaced }()
	// One string of the whole object: names and values are substrings of
	// it, rather than one allocation each.
	text := string(data)
	s.ws()
	if s.pos >= len(data) {
		return nil, &syntaxError{"it is empty"}
	}
	if data[s.pos] != '{' {
		return nil, &syntaxError{fmt.Sprintf("it starts with %s, not {", describeByte(data, s.pos))}
	}
	s.pos++
	fields := make([]Field, 0, estimateMembers(data))
	s.ws()
	if s.pos < len(data) && data[s.pos] == '}' {
		s.pos++
	} else {
		for {
			s.ws()
			keyStart := s.pos
			if !s.expect('"', "a claim name in double quotes") {
				return fields, s.err
			}
			keyEsc, ok := s.str()
			if !ok {
				return fields, s.err
			}
			keyEnd := s.pos
			s.ws()
			if !s.expect(':', "a colon after the name") {
				return fields, s.err
			}
			s.ws()
			valStart := s.pos
			if !s.value(1) {
				return fields, s.err
			}
			// Fill the field in place: copying a Field into the slice costs
			// a write barrier per pointer while the GC runs.
			fields = append(fields, Field{})
			f := &fields[len(fields)-1]
			f.Raw = json.RawMessage(data[valStart:s.pos:s.pos])
			f.Name = unquoteIn(text, keyStart, keyEnd, keyEsc)
			fillValue(f, text, valStart)
			s.ws()
			if s.pos < len(data) && data[s.pos] == ',' {
				s.pos++
				continue
			}
			if !s.expect('}', "a comma or }") {
				return fields, s.err
			}
			break
		}
	}
	s.ws()
	if s.pos < len(data) {
		return fields, s.fail(fmt.Sprintf("there is more after the object: %s", describeByte(data, s.pos)))
	}
	return fields, nil
}

// estimateMembers guesses the member count from the number of colons, so the
// slice is allocated once.
func estimateMembers(data []byte) int {
	n := bytes.Count(data, []byte{':'})
	if n > 1<<14 {
		n = 1 << 14
	}
	return n
}

func describeByte(data []byte, pos int) string {
	if pos >= len(data) {
		return "the end"
	}
	return fmt.Sprintf("%s at byte %d", quoteChar(string(data[pos:min(pos+4, len(data))])), pos+1)
}

func (s *scanner) fail(msg string) *syntaxError {
	if s.err == nil {
		s.err = &syntaxError{msg}
	}
	return s.err
}

func (s *scanner) failAt(want string) bool {
	if s.pos >= len(s.data) {
		s.fail(fmt.Sprintf("it ends where %s should be (was it cut?)", want))
	} else {
		s.fail(fmt.Sprintf("expected %s but found %s", want, describeByte(s.data, s.pos)))
	}
	return false
}

func (s *scanner) expect(c byte, want string) bool {
	if s.pos < len(s.data) && s.data[s.pos] == c {
		s.pos++
		return true
	}
	return s.failAt(want)
}

func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
			s.spaced = true
		default:
			return
		}
	}
}

// str scans a string whose opening quote has been read; it reports whether
// the string holds an escape.
func (s *scanner) str() (escaped, ok bool) {
	d := s.data
	for s.pos < len(d) {
		c := d[s.pos]
		switch {
		case c == '"':
			s.pos++
			return escaped, true
		case c == '\\':
			escaped = true
			s.pos++
			if s.pos >= len(d) {
				return escaped, s.failAt("an escape")
			}
			switch d[s.pos] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.pos++
			case 'u':
				s.pos++
				for k := 0; k < 4; k++ {
					if s.pos >= len(d) || !isHex(d[s.pos]) {
						return escaped, s.failAt(`four hex digits after \u`)
					}
					s.pos++
				}
			default:
				return escaped, s.failAt(`an escape (\" \\ \/ \b \f \n \r \t \u)`)
			}
		case c < 0x20:
			s.fail(fmt.Sprintf("a string holds the control character %s at byte %d, which JSON does not allow unescaped", quoteChar(string(c)), s.pos+1))
			return escaped, false
		default:
			s.pos++
		}
	}
	return escaped, s.failAt(`the closing "`)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// value scans any JSON value at nesting depth.
func (s *scanner) value(depth int) bool {
	if s.pos >= len(s.data) {
		return s.failAt("a value")
	}
	switch c := s.data[s.pos]; {
	case c == '"':
		s.pos++
		_, ok := s.str()
		return ok
	case c == '{' || c == '[':
		if depth >= MaxDepth {
			s.fail(fmt.Sprintf("it nests more than %d levels deep (at byte %d); rotui stops there", MaxDepth, s.pos+1))
			return false
		}
		return s.composite(depth + 1)
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return s.failAt("a value")
}

func (s *scanner) composite(depth int) bool {
	open := s.data[s.pos]
	closer := byte(']')
	if open == '{' {
		closer = '}'
	}
	s.pos++
	s.ws()
	if s.pos < len(s.data) && s.data[s.pos] == closer {
		s.pos++
		return true
	}
	for {
		s.ws()
		if open == '{' {
			if !s.expect('"', "a name in double quotes") {
				return false
			}
			if _, ok := s.str(); !ok {
				return false
			}
			s.ws()
			if !s.expect(':', "a colon after the name") {
				return false
			}
			s.ws()
		}
		if !s.value(depth) {
			return false
		}
		s.ws()
		if s.pos < len(s.data) && s.data[s.pos] == ',' {
			s.pos++
			continue
		}
		return s.expect(closer, fmt.Sprintf("a comma or %c", closer))
	}
}

func (s *scanner) literal(word string) bool {
	if len(s.data)-s.pos >= len(word) && string(s.data[s.pos:s.pos+len(word)]) == word {
		s.pos += len(word)
		return true
	}
	return s.failAt("a value")
}

// number scans the JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	d := s.data
	if d[s.pos] == '-' {
		s.pos++
	}
	switch {
	case s.pos < len(d) && d[s.pos] == '0':
		s.pos++
	case s.pos < len(d) && d[s.pos] >= '1' && d[s.pos] <= '9':
		s.digits()
	default:
		return s.failAt("a digit")
	}
	if s.pos < len(d) && d[s.pos] == '.' {
		s.pos++
		if s.digits() == 0 {
			return s.failAt("a digit after the decimal point")
		}
	}
	if s.pos < len(d) && (d[s.pos] == 'e' || d[s.pos] == 'E') {
		s.pos++
		if s.pos < len(d) && (d[s.pos] == '+' || d[s.pos] == '-') {
			s.pos++
		}
		if s.digits() == 0 {
			return s.failAt("a digit in the exponent")
		}
	}
	return true
}

func (s *scanner) digits() int {
	start := s.pos
	for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
		s.pos++
	}
	return s.pos - start
}

// unquote returns the text of a scanned JSON string (quotes included in q).
func unquote(q []byte, escaped bool) string {
	if !escaped {
		return string(q[1 : len(q)-1])
	}
	var out string
	if err := json.Unmarshal(q, &out); err != nil {
		return string(q[1 : len(q)-1])
	}
	return out
}

// unquoteIn is unquote for the string text[a:b], sharing text's memory
// when there is no escape.
func unquoteIn(text string, a, b int, escaped bool) string {
	if !escaped {
		return text[a+1 : b-1]
	}
	var out string
	if err := json.Unmarshal([]byte(text[a:b]), &out); err != nil {
		return text[a+1 : b-1]
	}
	return out
}

// fillValue sets Value and Text from Raw, which the scanner has validated;
// text is the whole object as a string and at is where Raw starts in it.
func fillValue(f *Field, text string, at int) {
	raw := f.Raw
	switch raw[0] {
	case '"':
		s := unquoteIn(text, at, at+len(raw), bytes.IndexByte(raw, '\\') >= 0)
		f.Value, f.Text = s, s
	case 't':
		f.Value, f.Text = true, "true"
	case 'f':
		f.Value, f.Text = false, "false"
	case 'n':
		f.Value, f.Text = nil, "null"
	case '{', '[':
		b := builder{text: text, pos: at}
		f.Value = b.value()
		f.Text = compact(raw, text[at:at+len(raw)])
	default:
		f.Text = text[at : at+len(raw)]
		f.Value = json.Number(f.Text)
	}
}

// builder turns validated JSON into Go values: map[string]any, []any,
// string, json.Number, bool and nil, as encoding/json does with UseNumber,
// without its reflection.
type builder struct {
	text string
	pos  int
}

func (b *builder) ws() {
	for b.pos < len(b.text) {
		switch b.text[b.pos] {
		case ' ', '\t', '\n', '\r':
			b.pos++
		default:
			return
		}
	}
}

func (b *builder) value() any {
	b.ws()
	switch c := b.text[b.pos]; c {
	case '"':
		return b.str()
	case '{':
		m := map[string]any{}
		b.pos++
		for {
			b.ws()
			if b.text[b.pos] == '}' {
				b.pos++
				return m
			}
			if b.text[b.pos] == ',' {
				b.pos++
				b.ws()
			}
			k := b.str()
			b.ws()
			b.pos++ // the colon
			m[k] = b.value()
		}
	case '[':
		var a []any
		b.pos++
		for {
			b.ws()
			if b.text[b.pos] == ']' {
				b.pos++
				if a == nil {
					a = []any{}
				}
				return a
			}
			if b.text[b.pos] == ',' {
				b.pos++
			}
			a = append(a, b.value())
		}
	case 't':
		b.pos += 4
		return true
	case 'f':
		b.pos += 5
		return false
	case 'n':
		b.pos += 4
		return nil
	}
	start := b.pos
	for b.pos < len(b.text) {
		switch c := b.text[b.pos]; {
		case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
			b.pos++
			continue
		}
		break
	}
	return json.Number(b.text[start:b.pos])
}

func (b *builder) str() string {
	start := b.pos
	escaped := false
	b.pos++
	for b.text[b.pos] != '"' {
		if b.text[b.pos] == '\\' {
			escaped = true
			b.pos++
		}
		b.pos++
	}
	b.pos++
	return unquoteIn(b.text, start, b.pos, escaped)
}

// compact returns raw JSON on one line (s is raw as a string).
func compact(raw []byte, s string) string {
	if bytes.IndexAny(raw, " \t\r\n") < 0 {
		return s
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return s
	}
	return b.String()
}
