package ro

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/rotui/rotui/internal/curltest"
)

// TestCurlLinesCopyAsTheCommand copies the lines as a mouse would (joined
// with newlines) and has a shell run them: curl gets the arguments of the
// one-string command, whatever the width, and a line is wider than the
// screen only where one value cannot be broken.
func TestCurlLinesCopyAsTheCommand(t *testing.T) {
	login := func(edit func(*Request)) SentRequest {
		r := validRO()
		if edit != nil {
			edit(&r)
		}
		s, err := r.Build()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	quoted := login(func(r *Request) {
		r.Username = `o'brien"$(touch /tmp/x)` + "`id`" + `@example.com`
		r.Password = "it's $HOME"
	})
	token := "eyJ" + strings.Repeat("a", 300) + ".eyJ" + strings.Repeat("b", 200) + ".sig"
	delegation := SentRequest{Method: "POST", URL: "https://acme.us.auth0.com/delegation",
		Header: http.Header{"Content-Type": {"application/json"}},
		Body:   []byte(`{"client_id":"abc","grant_type":"urn:ietf:params:oauth:grant-type:jwt-bearer","id_token":"` + token + `","scope":"openid"}`)}
	nested := SentRequest{Method: "POST", URL: "https://acme.us.auth0.com/x",
		Header: http.Header{"Content-Type": {"application/json"}},
		Body:   []byte(`{"a":{"b":[1,2,{"c":"dddddddddddddddddddd"}],"e":[]},"f":"g'h","i":{}}`)}
	form := SentRequest{Method: "POST", URL: "https://acme.us.auth0.com/oauth/token",
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		Body:   []byte("grant_type=password&username=alice%40example.com&password=secret&client_id=abc&scope=openid+profile+email")}
	body := func(b string) SentRequest {
		return SentRequest{Method: "POST", URL: "https://acme.us.auth0.com/x", Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(b)}
	}
	for _, c := range []struct {
		name   string
		req    SentRequest
		reveal bool
		width  int
	}{
		{"a login, wide screen", login(nil), false, 200},
		{"a login at 120", login(nil), false, 120},
		{"a login at 80", login(nil), false, 80},
		{"a login at 60", login(nil), false, 60},
		{"a login revealed at 60", login(nil), true, 60},
		{"quotes, dollars and backticks at 60", quoted, true, 60},
		{"quotes masked at 40", quoted, false, 40},
		{"a revealed token longer than the screen", delegation, true, 60},
		{"that token masked", delegation, false, 60},
		{"nested objects and arrays at 30", nested, false, 30},
		{"a form body cannot be broken", form, false, 60},
		{"a form body that fits", form, false, 200},
		{"a width of nothing", login(nil), true, 0},
		{"nesting deeper than is spread", body(strings.Repeat("[", 100) + strings.Repeat("]", 100)), true, 10},
		{"a body that is not JSON", body(`{"a":`), true, 20},
		{"a body that is one string", body(`"just text, long enough to be too wide"`), true, 20},
		{"a body with a line break", body("line one\nline two"), true, 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := c.req.CurlLines(c.reveal, c.width)
			copied := strings.Join(lines, "\n")
			if d := curltest.SameCurlArgs(curltest.CurlArgs(t, copied), curltest.CurlArgs(t, c.req.Curl(c.reveal))); d != "" {
				t.Fatalf("%s\ncopied:\n%s", d, copied)
			}
			// A line wider than the screen is one that cannot be
			// broken: the layout at one column has it too.
			narrowest := map[string]bool{}
			for _, l := range c.req.CurlLines(c.reveal, 1) {
				narrowest[l] = true
			}
			for _, l := range lines {
				if strings.Contains(l, "\n") {
					t.Errorf("a line holds a line break: %q", l)
				}
				if uniseg.StringWidth(l) > c.width && !narrowest[l] {
					t.Errorf("a line is wider than %d but could be broken: %q", c.width, l)
				}
			}
			if n := len(lines); c.width >= 200 && n != strings.Count(c.req.Curl(c.reveal), "\n")+1 {
				t.Errorf("a wide screen should show one argument a line, not %d lines:\n%s", n, copied)
			}
			if !c.reveal && strings.Contains(copied, "wonderland") || strings.Contains(copied, "$HOME") && !c.reveal {
				t.Errorf("masked lines show the password:\n%s", copied)
			}
		})
	}
}
