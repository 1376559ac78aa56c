package ro

import (
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
