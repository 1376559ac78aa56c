// Package jsonwalk reads a JSON document token by token, in the order it
// was written, and says where each token stands: how deep, under which
// member name, at which index, and at which bytes. It is what rotui draws
// an answer with, masks a request with and rewrites a report's bodies
// with, so that every one of them reads JSON the same way.
//
// A document is exactly one JSON value with white space around it, as
// encoding/json's Valid accepts it: anything else (nothing, trailing data,
// two values, a truncated value) is an error. Numbers are kept as written
// (1e400, 12345678901234567890), member names in the order written and
// duplicates too. Nesting costs a small frame on the heap per level, not a
// call, so no depth blows the stack.
//
// Unlike encoding/json, the walker sets no limit to nesting (json.Valid
// refuses more than 10,000 levels).
package jsonwalk

import (
	"bytes"
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is what a token is.
type Kind uint8

// The kinds of token.
const (
	BeginObject Kind = iota + 1 // {
	EndObject                   // }
	BeginArray                  // [
	EndArray                    // ]
	String                      // a string value (a member name is not a token: see Token.Key)
	Number
	Bool // true or false
	Null
)

// Token is one token of a document and its place there.
type Token struct {
	Kind Kind
	// Depth is how many objects and arrays enclose the value: 0 for the
	// document's own value. The end of an object or array has the depth of
	// its beginning.
	Depth int
	// InObject is true when the value is a member of an object; RawKey is
	// then its name as written, quotes and escapes included (see Key).
	InObject bool
	RawKey   []byte
	// Index is where the value stands in its object or array, from 0.
	Index int
	// Len, at the end of an object or array, is how many members or
	// elements it held.
	Len int
	// Raw is the token as written: a scalar's text (a string with its
	// quotes and escapes), the delimiter of a beginning, and at an end the
	// whole object or array. Offset is where Raw starts in the document.
	Raw    []byte
	Offset int
}

// StartsValue is true for the token a value starts with: a scalar, or the
// beginning of an object or array.
func (t Token) StartsValue() bool { return t.Kind != EndObject && t.Kind != EndArray }

// EndsValue is true for the token a value ends with: a scalar, or the end
// of an object or array. Raw is then the whole value.
func (t Token) EndsValue() bool { return t.Kind != BeginObject && t.Kind != BeginArray }

// Key is the member name of a value in an object, decoded as Value decodes
// a string; "" for any other value.
func (t Token) Key() string {
	if !t.InObject {
		return ""
	}
	return unquote(t.RawKey)
}

// Value is a scalar's value as text: a string decoded as encoding/json
// decodes it (a byte that is not UTF-8, or a lone surrogate, becomes
// U+FFFD), a number exactly as written, "true", "false" or "null". It is
// "" for the beginning and end of an object or array.
func (t Token) Value() string {
	switch t.Kind {
	case String:
		return unquote(t.Raw)
	case Number, Bool, Null:
		return string(t.Raw)
	}
	return ""
}

// SyntaxError says why a document is not one JSON value, and where.
type SyntaxError struct {
	Offset  int    // the byte the problem was found at
	Problem string // what was found there, or what was missing
}

func (e *SyntaxError) Error() string {
	return "not one JSON value: " + e.Problem + " at byte " + strconv.Itoa(e.Offset)
}

// Walker reads one document's tokens in order:
//
//	w := jsonwalk.New(doc)
//	for w.Next() {
//		t := w.Token()
//		…
//	}
//	if err := w.Err(); err != nil { … }
//
// A caller may stop early; what was not read is not checked then.
type Walker struct {
	doc   []byte
	pos   int
	state state
	open  []frame // the objects and arrays around the next token
	tok   Token
	err   error
}

// state is what the walker expects next.
type state uint8

const (
	atStart state = iota // the document's value
	atFirst              // the first member or element, or the end of an empty object or array
	atAfter              // a comma or an end after a value; at the top, the end of the document
	atDone               // nothing: the document was read, or was found wrong
)

// frame is an object or array being read: its own place, to give back at its end.
type frame struct {
	kind     Kind // BeginObject or BeginArray
	inObject bool
	rawKey   []byte
	index    int
	offset   int
	n        int // members or elements read so far
}

// New returns a walker over doc.
func New(doc []byte) *Walker { return &Walker{doc: doc} }

// Token is the token the last successful Next read.
func (w *Walker) Token() Token { return w.tok }

// Err is why the walk stopped early, or nil when the document was one JSON
// value (or the caller stopped before its end).
func (w *Walker) Err() error { return w.err }

// Next reads the next token; it returns false at the end of the document
// or at the first error (see Err).
func (w *Walker) Next() bool {
	if w.state == atDone {
		return false
	}
	w.skipSpace()
	switch w.state {
	case atAfter:
		if len(w.open) == 0 {
			if w.pos < len(w.doc) {
				return w.fail("data after the value")
			}
			w.state = atDone
			return false
		}
		if w.pos >= len(w.doc) {
			return w.fail("the end of the document inside an object or array")
		}
		if w.doc[w.pos] == closer(w.open[len(w.open)-1].kind) {
			return w.end()
		}
		if w.doc[w.pos] != ',' {
			return w.fail("a character where ',' or " + strconv.Quote(string(closer(w.open[len(w.open)-1].kind))) + " was expected")
		}
		w.pos++
		w.skipSpace()
	case atFirst:
		if w.pos < len(w.doc) && w.doc[w.pos] == closer(w.open[len(w.open)-1].kind) {
			return w.end()
		}
	}
	return w.value()
}

// value reads the next value, with its member name first in an object.
func (w *Walker) value() bool {
	t := Token{Depth: len(w.open)}
	if len(w.open) > 0 {
		parent := &w.open[len(w.open)-1]
		t.Index = parent.n
		parent.n++
		if parent.kind == BeginObject {
			if !w.memberName(&t) {
				return false
			}
		}
	}
	if w.pos >= len(w.doc) {
		return w.fail("the end of the document where a value was expected")
	}
	t.Offset = w.pos
	end := w.pos
	switch c := w.doc[w.pos]; {
	case c == '{' || c == '[':
		t.Kind, end = BeginObject, w.pos+1
		if c == '[' {
			t.Kind = BeginArray
		}
		w.open = append(w.open, frame{kind: t.Kind, inObject: t.InObject, rawKey: t.RawKey, index: t.Index, offset: t.Offset})
		w.state = atFirst
	case c == '"':
		t.Kind, end = String, w.stringEnd()
	case c == '-' || c >= '0' && c <= '9':
		t.Kind, end = Number, w.numberEnd()
	case c == 't':
		t.Kind, end = Bool, w.literalEnd("true")
	case c == 'f':
		t.Kind, end = Bool, w.literalEnd("false")
	case c == 'n':
		t.Kind, end = Null, w.literalEnd("null")
	default:
		return w.fail("a character where a value was expected")
	}
	if end < 0 {
		return false
	}
	if t.Kind != BeginObject && t.Kind != BeginArray {
		w.state = atAfter
	}
	t.Raw, w.pos = w.doc[t.Offset:end], end
	w.tok = t
	return true
}

// memberName reads a member's name and the colon after it into t.
func (w *Walker) memberName(t *Token) bool {
	if w.pos >= len(w.doc) || w.doc[w.pos] != '"' {
		return w.fail("no member name (a string) where one was expected")
	}
	start, end := w.pos, w.stringEnd()
	if end < 0 {
		return false
	}
	w.pos = end
	w.skipSpace()
	if w.pos >= len(w.doc) || w.doc[w.pos] != ':' {
		return w.fail("no ':' after a member name")
	}
	w.pos++
	w.skipSpace()
	t.InObject, t.RawKey = true, w.doc[start:end]
	return true
}

// end reads the end of the innermost object or array, giving back its place.
func (w *Walker) end() bool {
	f := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	w.pos++
	kind := EndObject
	if f.kind == BeginArray {
		kind = EndArray
	}
	w.tok = Token{Kind: kind, Depth: len(w.open), InObject: f.inObject, RawKey: f.rawKey,
		Index: f.index, Len: f.n, Raw: w.doc[f.offset:w.pos], Offset: f.offset}
	w.state = atAfter
	return true
}

// stringEnd returns the offset just past the string starting at w.pos, or
// -1 (and the walk fails) when it is not one.
func (w *Walker) stringEnd() int {
	d := w.doc
	for i := w.pos + 1; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			return i + 1
		case c < 0x20:
			w.pos = i
			w.fail("a control character inside a string")
			return -1
		case c == '\\':
			i++
			if i >= len(d) {
				break
			}
			switch d[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(d) {
					i = len(d)
					break
				}
				for _, h := range d[i+1 : i+5] {
					if !isHex(h) {
						w.pos = i
						w.fail(`a \u escape without four hexadecimal digits`)
						return -1
					}
				}
				i += 4
			default:
				w.pos = i
				w.fail("an unknown escape inside a string")
				return -1
			}
		}
	}
	w.pos = len(d)
	w.fail("the end of the document inside a string")
	return -1
}

// numberEnd returns the offset just past the number starting at w.pos
// (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?), or -1.
func (w *Walker) numberEnd() int {
	d, i := w.doc, w.pos
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i = digitsEnd(d, i)
	default:
		return w.numberFail(i)
	}
	if i < len(d) && d[i] == '.' {
		if i++; i >= len(d) || !isDigit(d[i]) {
			return w.numberFail(i)
		}
		i = digitsEnd(d, i)
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		if i++; i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || !isDigit(d[i]) {
			return w.numberFail(i)
		}
		i = digitsEnd(d, i)
	}
	return i
}

func (w *Walker) numberFail(at int) int {
	w.pos = at
	w.fail("a number missing its digits")
	return -1
}

// literalEnd returns the offset just past lit (true, false, null) at w.pos, or -1.
func (w *Walker) literalEnd(lit string) int {
	end := w.pos + len(lit)
	if end > len(w.doc) || string(w.doc[w.pos:end]) != lit {
		w.fail("a character where a value was expected")
		return -1
	}
	return end
}

func (w *Walker) skipSpace() {
	for w.pos < len(w.doc) {
		switch w.doc[w.pos] {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return
		}
	}
}

// fail stops the walk at w.pos; it returns false for Next to return.
func (w *Walker) fail(problem string) bool {
	w.err = &SyntaxError{Offset: w.pos, Problem: problem}
	w.state = atDone
	return false
}

func closer(k Kind) byte {
	if k == BeginArray {
		return ']'
	}
	return '}'
}

func digitsEnd(d []byte, i int) int {
	for i < len(d) && isDigit(d[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// unquote decodes a string the walker checked, as encoding/json does (its
// unquote is not exported; FuzzWalk holds the two equal): a byte that is not
// UTF-8, or a surrogate that is not half of a pair, becomes U+FFFD. The
// common case, no escape and valid UTF-8, is one copy.
func unquote(raw []byte) string {
	s := raw[1 : len(raw)-1]
	if bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s) {
		return string(s)
	}
	b := make([]byte, 0, len(s)+utf8.UTFMax)
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '\\' && s[i+1] == 'u':
			r := hex4(s[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				low := rune(-1)
				if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					low = hex4(s[i+2:])
				}
				if r = utf16.DecodeRune(r, low); r != utf8.RuneError {
					i += 6
				}
			}
			b = utf8.AppendRune(b, r)
		case c == '\\':
			b = append(b, unescaped[s[i+1]])
			i += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			b = utf8.AppendRune(b, r)
			i += size
		}
	}
	return string(b)
}

// unescaped maps the letter of a one-letter escape to the byte it stands for.
var unescaped = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// hex4 reads the four hexadecimal digits at the start of b, which the walker checked.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c <= 'F':
			c -= 'A' - 10
		default:
			c -= 'a' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// Member is one member of an object: its name, decoded, and its value as written.
type Member struct {
	Key   string
	Value []byte
}

// ErrNotObject is Members' error for a document whose value is not an object.
var ErrNotObject = errors.New("the JSON value is not an object")

// Members lists the members of the object doc holds, in the order written
// (a duplicate name stays), each with its value as written.
func Members(doc []byte) ([]Member, error) {
	var out []Member
	w := New(doc)
	for w.Next() {
		switch t := w.Token(); {
		case t.Depth == 0 && t.StartsValue() && t.Kind != BeginObject:
			return nil, ErrNotObject
		case t.Depth == 1 && t.EndsValue():
			out = append(out, Member{Key: t.Key(), Value: t.Raw})
		}
	}
	if err := w.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
