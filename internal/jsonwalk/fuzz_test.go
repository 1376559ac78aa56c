package jsonwalk

import (
	"bytes"
	"encoding/json"
	"testing"
)

// jsonMaxDepth is the nesting encoding/json refuses beyond (its scanner's
// maxNestingDepth); the walker has no such limit.
const jsonMaxDepth = 10000

// FuzzWalk holds the walker to encoding/json: a document is read iff
// json.Valid accepts it, the tokens written back compactly are what
// json.Compact makes of it, every string and member name decodes as
// json.Unmarshal decodes it, every value's Raw is that value in the
// document, and every end counts the members or elements read.
//
//	go test ./internal/jsonwalk -run X -fuzz FuzzWalk -fuzztime 60s
func FuzzWalk(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `"x"`, `0`, `true`, `null`, ` {"a" : [1, {"b":null}], "a":"\u00e9\ud83d\ude00\ud800"} `,
		`[1e400,12345678901234567890,-0,0.1E-2]`, `{"k\"ey":"\"\\\/\b\f\n\r\t"}`, "[\"a\xffb\"]",
		`["\ud800\u0041","\udc00","\ud800\ud800\udc00","\ud800"]`, "[\"\xed\xa0\x80\xef\xbf\xbd\"]",
		`1 2`, `{"a":1} x`, `{"a":`, `[1,]`, `01`, `"\u12`, `tru`, "\"\x01\"", `[[[[[]]]]]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		var compact bytes.Buffer
		var counts []int // members or elements read, per open object or array
		deepest := 0
		w := New(doc)
		for w.Next() {
			tok := w.Token()
			deepest = max(deepest, tok.Depth)
			// The same bytes, not a copy (and in constant time, however deep).
			if len(tok.Raw) == 0 || tok.Offset < 0 || tok.Offset+len(tok.Raw) > len(doc) || &tok.Raw[0] != &doc[tok.Offset] {
				t.Fatalf("Raw %q is not doc[%d:]", tok.Raw, tok.Offset)
			}
			if tok.StartsValue() {
				if len(counts) > 0 {
					if tok.Index != counts[len(counts)-1] {
						t.Fatalf("index %d, want %d", tok.Index, counts[len(counts)-1])
					}
					counts[len(counts)-1]++
				}
				if tok.Index > 0 {
					compact.WriteByte(',')
				}
				if tok.InObject {
					compact.Write(tok.RawKey)
					compact.WriteByte(':')
					assertDecodes(t, tok.RawKey, tok.Key())
				}
			}
			switch tok.Kind {
			case BeginObject, BeginArray:
				compact.Write(tok.Raw)
				counts = append(counts, 0)
			case EndObject, EndArray:
				if tok.Len != counts[len(counts)-1] {
					t.Fatalf("Len %d, want %d", tok.Len, counts[len(counts)-1])
				}
				counts = counts[:len(counts)-1]
				compact.WriteByte(tok.Raw[len(tok.Raw)-1])
			case String:
				assertDecodes(t, tok.Raw, tok.Value())
				compact.Write(tok.Raw)
			default:
				compact.Write(tok.Raw)
			}
		}
		read := w.Err() == nil
		if deepest >= jsonMaxDepth {
			return // encoding/json refuses what the walker reads
		}
		if read != json.Valid(doc) {
			t.Fatalf("walker read it: %v (%v); json.Valid: %v", read, w.Err(), !read)
		}
		if !read {
			return
		}
		var want bytes.Buffer
		if err := json.Compact(&want, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(compact.Bytes(), want.Bytes()) {
			t.Fatalf("written back\n%q\njson.Compact\n%q", compact.Bytes(), want.Bytes())
		}
		members, err := Members(doc)
		if isObject := bytes.TrimLeft(doc, " \t\r\n")[0] == '{'; isObject != (err == nil) {
			t.Fatalf("Members: %v for an object: %v", err, isObject)
		}
		for _, m := range members {
			if !json.Valid(m.Value) {
				t.Fatalf("member %q: value %q", m.Key, m.Value)
			}
		}
	})
}

// assertDecodes fails unless raw (a JSON string) decodes to got with json.Unmarshal.
func assertDecodes(t *testing.T, raw []byte, got string) {
	t.Helper()
	var want string
	if err := json.Unmarshal(raw, &want); err != nil || got != want {
		t.Fatalf("%q decoded to %q; json.Unmarshal: %q, %v", raw, got, want, err)
	}
}
