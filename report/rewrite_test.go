package report

import "testing"

// rewriteJSON writes a body back compactly and in order, rewriting the
// string values of object members at any depth and nothing else, and
// refuses what is not exactly one JSON value.
func TestRewriteJSON(t *testing.T) {
	hide := func(key, value string) (string, bool) { return "X", key == "secret" }
	for _, c := range []struct{ name, in, want string }{
		{"at any depth, only members", `{"z":1,"secret":"a","o":{"secret":"b","list":["secret",{"secret":"c"}]}}`,
			`{"z":1,"secret":"X","o":{"secret":"X","list":["secret",{"secret":"X"}]}}`},
		{"only string values", `{"secret":1,"list":{"secret":[true,null]}}`, `{"secret":1,"list":{"secret":[true,null]}}`},
		{"escaped member name", `{"s\u0065cret":"a"}`, `{"secret":"X"}`},
		{"duplicate names", `{"secret":"a","secret":"b"}`, `{"secret":"X","secret":"X"}`},
		{"strings escaped as encoding/json escapes them", `{"h":"<a&b>\u00e9\n\"\/"}`, `{"h":"\u003ca\u0026b\u003eé\n\"/"}`},
		{"numbers exact, white space dropped", " [ 1e400 , 12345678901234567890 ,\n-0.0 ] ", `[1e400,12345678901234567890,-0.0]`},
		{"a string alone", `"secret"`, `"secret"`},
		{"empty containers", `{"a":{},"b":[]}`, `{"a":{},"b":[]}`},
	} {
		out, ok := rewriteJSON([]byte(c.in), hide)
		if !ok || string(out) != c.want {
			t.Errorf("%s: rewriteJSON(%s)\n got %s (%v)\nwant %s", c.name, c.in, out, ok, c.want)
		}
	}
	for _, bad := range []string{`{"a":1} {"b":2}`, `{"secret":"a"}x`, `[1,]`, `{"a":`, `not json`, ``, ` `} {
		if out, ok := rewriteJSON([]byte(bad), hide); ok {
			t.Errorf("rewriteJSON(%q) = %s; it is not one JSON value", bad, out)
		}
	}
}
