package jsonwalk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// describe writes a token as one line: depth/index, the member name, then
// the kind and the value ("1/0 "a": number 1").
func describe(t Token) string {
	s := fmt.Sprintf("%d/%d ", t.Depth, t.Index)
	if t.InObject {
		s += strconv.Quote(t.Key()) + ": "
	}
	switch t.Kind {
	case BeginObject:
		return s + "{"
	case EndObject:
		return s + fmt.Sprintf("} (%d)", t.Len)
	case BeginArray:
		return s + "["
	case EndArray:
		return s + fmt.Sprintf("] (%d)", t.Len)
	case String:
		return s + "string " + strconv.Quote(t.Value())
	case Number:
		return s + "number " + t.Value()
	case Bool:
		return s + "bool " + t.Value()
	case Null:
		return s + "null"
	}
	return s + "kind " + strconv.Itoa(int(t.Kind))
}

// walk reads doc to its end, checking that every token's Raw is the part of
// doc its Offset says, and describes the tokens.
func walk(t *testing.T, doc []byte) ([]string, error) {
	t.Helper()
	var got []string
	w := New(doc)
	for w.Next() {
		tok := w.Token()
		if tok.Offset < 0 || tok.Offset+len(tok.Raw) > len(doc) || !bytes.Equal(doc[tok.Offset:tok.Offset+len(tok.Raw)], tok.Raw) {
			t.Errorf("%q: token %s: Raw %q is not doc[%d:]", doc, describe(tok), tok.Raw, tok.Offset)
		}
		if tok.Kind == String {
			var want string
			if err := json.Unmarshal(tok.Raw, &want); err != nil || tok.Value() != want {
				t.Errorf("%q decoded to %q; json.Unmarshal: %q, %v", tok.Raw, tok.Value(), want, err)
			}
		}
		got = append(got, describe(tok))
	}
	return got, w.Err()
}

func TestWalkReadsEveryTokenInOrder(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		want      []string
	}{
		{"empty object", `{}`, []string{`0/0 {`, `0/0 } (0)`}},
		{"empty array", `[]`, []string{`0/0 [`, `0/0 ] (0)`}},
		{"string", `"x"`, []string{`0/0 string "x"`}},
		{"integer", `0`, []string{`0/0 number 0`}},
		{"true", `true`, []string{`0/0 bool true`}},
		{"false", `false`, []string{`0/0 bool false`}},
		{"null", `null`, []string{`0/0 null`}},
		{"object", `{"a":1,"b":"x","c":true,"d":null}`, []string{
			`0/0 {`, `1/0 "a": number 1`, `1/1 "b": string "x"`, `1/2 "c": bool true`, `1/3 "d": null`, `0/0 } (4)`}},
		{"array", `[1,"x",false,null]`, []string{
			`0/0 [`, `1/0 number 1`, `1/1 string "x"`, `1/2 bool false`, `1/3 null`, `0/0 ] (4)`}},
		{"nesting", `{"a":{"b":[1,{"c":null}]},"d":[[]]}`, []string{
			`0/0 {`, `1/0 "a": {`, `2/0 "b": [`, `3/0 number 1`, `3/1 {`, `4/0 "c": null`, `3/1 } (1)`,
			`2/0 "b": ] (2)`, `1/0 "a": } (1)`, `1/1 "d": [`, `2/0 [`, `2/0 ] (0)`, `1/1 "d": ] (1)`, `0/0 } (2)`}},
		{"white space everywhere", " \t\r\n{ \"a\" :\n[ 1 , 2 ] ,\"b\" : { } } \n", []string{
			`0/0 {`, `1/0 "a": [`, `2/0 number 1`, `2/1 number 2`, `1/0 "a": ] (2)`, `1/1 "b": {`, `1/1 "b": } (0)`, `0/0 } (2)`}},
		{"escapes", `["\"\\\/\b\f\n\r\t\u0041\u001b"]`, []string{
			`0/0 [`, `1/0 string "\"\\/\b\f\n\r\tA\x1b"`, `0/0 ] (1)`}},
		{"escaped member names", `{"k\"ey":1,"":2,"\u00e9":3}`, []string{
			`0/0 {`, `1/0 "k\"ey": number 1`, `1/1 "": number 2`, `1/2 "é": number 3`, `0/0 } (3)`}},
		{"unicode", `["café ☕","caf\u00e9","\ud83d\ude00","\u202e"]`, []string{
			`0/0 [`, `1/0 string "café ☕"`, `1/1 string "café"`, `1/2 string "😀"`, `1/3 string "\u202e"`, `0/0 ] (4)`}},
		{"lone surrogate and a byte that is not UTF-8 read as encoding/json reads them", "[\"\\ud800\",\"a\xffb\"]", []string{
			`0/0 [`, "1/0 string \"\ufffd\"", "1/1 string \"a\ufffdb\"", `0/0 ] (2)`}},
		{"surrogates read as encoding/json reads them", `["\ud800\u0041","\udc00","\ud83d\ude00","\ud800\ud800\udc00","\ud800"]`, []string{
			`0/0 [`, "1/0 string \"\ufffdA\"", "1/1 string \"\ufffd\"", `1/2 string "😀"`, "1/3 string \"\ufffd\U00010000\"",
			"1/4 string \"\ufffd\"", `0/0 ] (5)`}},
		{"UTF-8 of a surrogate and of U+FFFD", "[\"\xed\xa0\x80\",\"\xef\xbf\xbd\"]", []string{
			`0/0 [`, "1/0 string \"\ufffd\ufffd\ufffd\"", "1/1 string \"\ufffd\"", `0/0 ] (2)`}},
		{"numbers kept exactly as written", `[1e400,12345678901234567890,-0,0.1E-2,-12.5e+3,1E2]`, []string{
			`0/0 [`, `1/0 number 1e400`, `1/1 number 12345678901234567890`, `1/2 number -0`, `1/3 number 0.1E-2`,
			`1/4 number -12.5e+3`, `1/5 number 1E2`, `0/0 ] (6)`}},
		{"duplicate member names kept in order", `{"a":1,"a":2}`, []string{
			`0/0 {`, `1/0 "a": number 1`, `1/1 "a": number 2`, `0/0 } (2)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := walk(t, []byte(c.doc))
			if err != nil {
				t.Fatalf("%q: %v", c.doc, err)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("%q:\n got %s\nwant %s", c.doc, strings.Join(got, "\n     "), strings.Join(c.want, "\n     "))
			}
		})
	}
}

// A document that is not exactly one JSON value is refused, at the byte
// where that shows, whatever was read before it.
func TestWalkRefusesWhatIsNotOneValue(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		at        int
	}{
		{"nothing", ``, 0},
		{"white space only", " \n", 2},
		{"two numbers", `1 2`, 2},
		{"two objects", `{"a":1}{"b":2}`, 7},
		{"two strings", `"x" "y"`, 4},
		{"an array and an object", `[] {}`, 3},
		{"trailing word", `{"a":1} x`, 8},
		{"letters after a number", `1x`, 1},
		{"letters after a literal", `truex`, 4},
		{"a stray end", `]`, 0},
		{"an end that does not match", `[}`, 1},
		{"an end that does not match an object", `{"a":1]`, 6},
		{"two elements without a comma", `[1 2]`, 3},
		{"a trailing comma in an array", `[1,]`, 3},
		{"a trailing comma in an object", `{"a":1,}`, 7},
		{"a leading comma", `[,1]`, 1},
		{"a number as a member name", `{1:2}`, 1},
		{"no colon", `{"a" 1}`, 5},
		{"a leading zero", `01`, 1},
		{"a plus sign", `+1`, 0},
		{"no integer part", `.5`, 0},
		{"NaN", `NaN`, 0},
		{"a single-quoted string", `'a'`, 0},
		{"a control character in a string", "\"a\x01\"", 2},
		{"an unknown escape", `"\q"`, 2},
		{"a short unicode escape", `"\u00zz"`, 2},
		{"a byte order mark", "\ufeff{}", 0},
		{"truncated: open object", `{`, 1},
		{"truncated: after a member name", `{"a"`, 4},
		{"truncated: after the colon", `{"a":`, 5},
		{"truncated: after a member", `{"a":1`, 6},
		{"truncated: after a comma", `[1,`, 3},
		{"truncated: inside a string", `"abc`, 4},
		{"truncated: after a backslash", `"ab\`, 4},
		{"truncated: inside a unicode escape", `"\u12`, 5},
		{"truncated: literal", `tru`, 0},
		{"truncated: minus", `-`, 1},
		{"truncated: decimal point", `1.`, 2},
		{"truncated: exponent", `1e`, 2},
		{"truncated: exponent sign", `1e+`, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := walk(t, []byte(c.doc))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("%q was read as one JSON value (%v): %q", c.doc, err, got)
			}
			if se.Offset != c.at {
				t.Errorf("%q: %v, want the problem at byte %d", c.doc, err, c.at)
			}
			if json.Valid([]byte(c.doc)) {
				t.Errorf("%q: encoding/json accepts it; the table is wrong", c.doc)
			}
		})
	}
}

// A caller that stops early (a pane that shows the first lines) is not
// failed by what it did not read.
func TestWalkStopsWhereTheCallerStops(t *testing.T) {
	w := New([]byte(`[1, this is not JSON`))
	if !w.Next() || !w.Next() || w.Token().Value() != "1" {
		t.Fatalf("the first two tokens were not read: %v", w.Err())
	}
	if w.Err() != nil {
		t.Errorf("an error before the rest was read: %v", w.Err())
	}
}

// Deep nesting costs no recursion: a 1 MiB document of nested arrays is read
// to its end.
func TestWalkDeepNesting(t *testing.T) {
	const depth = 1 << 19
	doc := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
	w := New(doc)
	deepest, n := 0, 0
	for w.Next() {
		deepest = max(deepest, w.Token().Depth)
		n++
	}
	if w.Err() != nil || deepest != depth-1 || n != 2*depth {
		t.Errorf("deepest %d, %d tokens, err %v; want %d, %d, nil", deepest, n, w.Err(), depth-1, 2*depth)
	}
}

func TestMembers(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		want      string // "key=value" a line
		err       error
	}{
		{"values as written", `{"a": [1, 2] , "b":"x\n","c":{"d":null}, "e":1e400}`,
			"a=[1, 2]\nb=\"x\\n\"\nc={\"d\":null}\ne=1e400", nil},
		{"duplicates in order", `{"a":1,"b":2,"a":3}`, "a=1\nb=2\na=3", nil},
		{"empty object", ` {} `, "", nil},
		{"escaped names decoded", `{"p\u0061ssword":"x"}`, `password="x"`, nil},
		{"an array", `[{"a":1}]`, "", ErrNotObject},
		{"a string", `"x"`, "", ErrNotObject},
		{"null", `null`, "", ErrNotObject},
	} {
		t.Run(c.name, func(t *testing.T) {
			members, err := Members([]byte(c.doc))
			if !errors.Is(err, c.err) {
				t.Fatalf("%q: error %v, want %v", c.doc, err, c.err)
			}
			var got []string
			for _, m := range members {
				got = append(got, m.Key+"="+string(m.Value))
			}
			if strings.Join(got, "\n") != c.want {
				t.Errorf("%q:\n got %q\nwant %q", c.doc, strings.Join(got, "\n"), c.want)
			}
		})
	}
	for _, doc := range []string{`{"a":1} {"password":"x"}`, `{"a":1`, `{"a":1,}`, ``} {
		var se *SyntaxError
		if m, err := Members([]byte(doc)); !errors.As(err, &se) || m != nil {
			t.Errorf("Members(%q) = %q, %v; want a syntax error", doc, m, err)
		}
	}
}
