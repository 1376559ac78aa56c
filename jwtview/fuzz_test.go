package jwtview

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rotui/rotui/termsafe"
)

// FuzzDecode: Decode never panics, says what it found consistently, and
// its JSON reader agrees with encoding/json. CI runs the seeds only (go
// test); go test -fuzz FuzzDecode explores.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"", " ", "Bearer ", "kZfGcD8lS0Z6hN0g", rfc7515A1, rfc7515A2, rfc7516A3,
		"a.b.c", "..", "....", "eyJ", "eyJhbGciOiJIUzI1NiJ9",
		unsigned(`{"alg":"none"}`, `{"exp":"2023-11-14T22:13:20Z","aud":["a"],"x":{"y":[1,2,{"z":null}]}}`),
		unsigned(`{"alg":"HS256"}`, `{"exp":1e999,"iat":-1,"nbf":"NaN","auth_time":"0x10"}`),
		unsigned(`{"a":"\ud800"}`, `{"\u0000":"\u001b[2J"}`),
		unsigned(`{"alg":"HS256"}`, `{"a":1,"a":2}`),
		unsigned(`{"alg":"HS\u001b[2J","typ":"at+jwt\u202e"}`, `{"gty":"password\u0007","amr":["pwd","\u009b"]}`),
		unsigned(`{"alg":"HS256"}`, `{"o":{"a":[1,-2.5e+3,"x\"y",{},[]],"b":{"c":true,"d":false,"e":null}} , "s":"\u00e9\n"}`),
		unsigned(`{"alg":"HS256"}`, strings.Repeat(`[`, 70)),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Decode(s)
		if d == nil {
			t.Fatal("nil token")
		}
		if (d.Kind == KindMalformed) != (len(d.Problems) > 0) {
			t.Fatalf("kind %s with problems %v", d.Kind, d.Problems)
		}
		switch d.Kind {
		case KindJWS:
			if len(d.Parts) != 3 {
				t.Fatalf("JWS with %d parts", len(d.Parts))
			}
		case KindJWE:
			if len(d.Parts) != 5 {
				t.Fatalf("JWE with %d parts", len(d.Parts))
			}
		}
		for _, fs := range [][]Field{d.Header, d.Claims} {
			for _, f := range fs {
				if !json.Valid(f.Raw) {
					t.Fatalf("field %q raw %q is not JSON", f.Name, f.Raw)
				}
				_ = termsafe.Line(f.Name + f.Text)
				if termsafe.Line(f.Note) != f.Note {
					t.Fatalf("note of %q carries unsafe text: %q", f.Name, f.Note)
				}
				// Values are what encoding/json (with UseNumber) makes of the
				// same JSON; invalid UTF-8 is kept as sent rather than replaced.
				if utf8.Valid(f.Raw) {
					dec := json.NewDecoder(bytes.NewReader(f.Raw))
					dec.UseNumber()
					var want any
					if err := dec.Decode(&want); err != nil || !reflect.DeepEqual(want, f.Value) {
						t.Fatalf("field %q: value %#v, encoding/json %#v (%v)", f.Name, f.Value, want, err)
					}
				}
			}
		}
		// Whatever this reader accepts, encoding/json accepts too.
		if d.Kind == KindJWS || d.Kind == KindJWE {
			if !json.Valid(d.HeaderJSON) {
				t.Fatalf("accepted a header encoding/json refuses: %q", d.HeaderJSON)
			}
		}
		if d.Kind == KindJWS && !json.Valid(d.ClaimsJSON) {
			t.Fatalf("accepted claims encoding/json refuses: %q", d.ClaimsJSON)
		}
		// And what it refuses (short of the depth limit), encoding/json refuses.
		for _, p := range d.Problems {
			if strings.Contains(p.Message, "is not a JSON object") && !strings.Contains(p.Message, "nests more than") {
				data := d.ClaimsJSON
				if p.Part == "header" {
					data = d.HeaderJSON
				}
				var obj map[string]any
				if json.Unmarshal(data, &obj) == nil {
					t.Fatalf("refused a %s encoding/json reads: %q (%s)", p.Part, data, p.Message)
				}
			}
		}
		e := d.Lifetime().At(testNow)
		_ = e.String()
		if e.Used < 0 || e.Used > 1 {
			t.Fatalf("used %v", e.Used)
		}
		_ = d.Describe()
	})
}
