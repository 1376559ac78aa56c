package ro

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// expires_in is read from a number or a string; a value that was sent but
// cannot be a lifetime is said to be out of range or not a number, never
// taken for one that was not sent, and never turned into an expiry that a
// time.Duration overflowed.
func TestParseTokenResponseReadsExpiresIn(t *testing.T) {
	cases := []struct {
		value   string // the JSON member's value; "" leaves it out
		n       int64
		read    bool
		problem string // a phrase of ExpiresInProblem; "" for none
	}{
		{"", 0, false, ""},
		{"null", 0, false, ""},
		{"3600", 3600, true, ""},
		{"3600.9", 3600, true, ""},
		{`"3600"`, 3600, true, ""},
		{`" 3600 "`, 3600, true, ""},
		{"-1", -1, true, ""},
		{"9223372036", 9223372036, true, ""}, // 292 years: the longest a time.Duration counts
		{"9223372037", 0, false, "expires_in 9223372037 is out of range"},
		{"1e308", 0, false, "expires_in 1e308 is out of range"},
		{"-1e308", 0, false, "expires_in -1e308 is out of range"},
		{"1e400", 0, false, "expires_in 1e400 is out of range"},
		{"99999999999999999999", 0, false, "expires_in 99999999999999999999 is out of range"},
		{`"1e308"`, 0, false, "expires_in 1e308 is out of range"},
		{`"Infinity"`, 0, false, "expires_in is out of range"},
		{`"soon"`, 0, false, "expires_in is not a number of seconds (a JSON string)"},
		{`"NaN"`, 0, false, "expires_in is not a number of seconds (a JSON string)"},
		{"true", 0, false, "expires_in is not a number of seconds (a JSON bool)"},
		{`{"s":1}`, 0, false, "expires_in is not a number of seconds (a JSON object)"},
		{"[1]", 0, false, "expires_in is not a number of seconds (a JSON array)"},
	}
	for _, c := range cases {
		body := `{"access_token":"abc"`
		if c.value != "" {
			body += `,"expires_in":` + c.value
		}
		body += "}"
		tr, err := ParseTokenResponse([]byte(body))
		if err != nil {
			t.Errorf("%s: %v", body, err)
			continue
		}
		if tr.ExpiresIn != c.n || tr.HasExpiresIn != c.read {
			t.Errorf("%s: read %d (%v), want %d (%v)", body, tr.ExpiresIn, tr.HasExpiresIn, c.n, c.read)
		}
		if c.problem == "" && tr.ExpiresInProblem != "" || !strings.Contains(tr.ExpiresInProblem, c.problem) {
			t.Errorf("%s: problem %q, want one saying %q", body, tr.ExpiresInProblem, c.problem)
		}
		ex := &Exchange{Started: time.Unix(1800000000, 0), Tokens: tr}
		if at := ex.ExpiresAt(); c.read && (at.Before(ex.Started) != (c.n < 0) || at.IsZero()) {
			t.Errorf("%s: expires at %v", body, at)
		}
	}
}

// A token member that is not a string is said to be one, never taken for
// a token that was not sent (which would send the person after a scope or
// a device): the problems name the member and what it was; an answer with
// no token that can be read says which ones were of the wrong type.
func TestParseTokenResponseSaysATokenIsNotAString(t *testing.T) {
	cases := []struct {
		body     string
		problems []string // Problems(), in order
		err      string   // a phrase of the error; "" for none
	}{
		{`{"access_token":"a","refresh_token":123}`, []string{"refresh_token is a number, not a string"}, ""},
		{`{"access_token":"a","refresh_token":null}`, nil, ""},
		{`{"access_token":"a","id_token":{"x":1},"refresh_token":true}`, []string{"id_token is an object, not a string", "refresh_token is a bool, not a string"}, ""},
		{`{"id_token":"a.b.c","access_token":[1]}`, []string{"access_token is an array, not a string"}, ""},
		{`{"access_token":7,"access_token":"a"}`, nil, ""}, // the last one counts
		{`{"id_token":["x"]}`, nil, "id_token is an array, not a string"},
		{`{"access_token":1,"id_token":false}`, nil, "access_token is a number, not a string; id_token is a bool, not a string"},
		{`{"token_type":"Bearer"}`, nil, "neither an access_token nor an id_token"},
	}
	for _, c := range cases {
		tr, err := ParseTokenResponse([]byte(c.body))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want one saying %q", c.body, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.body, err)
			continue
		}
		if got := tr.Problems(); strings.Join(got, "|") != strings.Join(c.problems, "|") {
			t.Errorf("%s: problems %q, want %q", c.body, got, c.problems)
		}
	}
}

// X-RateLimit-* headers that cannot be read are said to be unreadable, as
// sent, never shown as counts they are not ("rate limit -5 of 0 left") nor
// dropped without a word (a reset past any date).
func TestRateLimitSaysWhatCannotBeRead(t *testing.T) {
	now := time.Unix(1800000000, 0)
	cases := []struct {
		limit, remaining, reset string // "" leaves the header out
		present                 bool
		summary                 string
		reset0                  bool // the reset is not read
	}{
		{"100", "99", "1800000060", true, "99 of 100 left", false},
		{"100", "", "", true, "limit 100", true},
		{"", "7", "", true, "7 left", true},
		{"abc", "-5", "", false, `unreadable: X-RateLimit-Limit "abc", X-RateLimit-Remaining "-5"`, true},
		{"100", "-5", "", true, `limit 100; unreadable: X-RateLimit-Remaining "-5"`, true},
		{"100", "99", "99999999999999999999", true, `99 of 100 left; unreadable: X-RateLimit-Reset "99999999999999999999"`, true},
		{"100", "99", "NaN", true, `99 of 100 left; unreadable: X-RateLimit-Reset "NaN"`, true},
		{"1e3", "99.5", "soon", false, `unreadable: X-RateLimit-Limit "1e3", X-RateLimit-Remaining "99.5", X-RateLimit-Reset "soon"`, true},
		{"99999999999999999999", "", "", false, `unreadable: X-RateLimit-Limit "99999999999999999999"`, true},
	}
	for _, c := range cases {
		h := http.Header{}
		for name, v := range map[string]string{"X-Ratelimit-Limit": c.limit, "X-Ratelimit-Remaining": c.remaining, "X-Ratelimit-Reset": c.reset} {
			if v != "" {
				h.Set(name, v)
			}
		}
		rl := parseRateLimit(h, now)
		if rl.Present != c.present || rl.Summary() != c.summary || rl.Reset.IsZero() != c.reset0 {
			t.Errorf("%q %q %q: present %v, %q, reset %v; want %v, %q", c.limit, c.remaining, c.reset, rl.Present, rl.Summary(), rl.Reset, c.present, c.summary)
		}
		if !rl.Shown() {
			t.Errorf("%q %q %q: not shown", c.limit, c.remaining, c.reset)
		}
	}
}
