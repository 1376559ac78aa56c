package jwtview

import (
	"strings"
	"testing"
	"time"
)

// Lifetimes, countdowns and how long ago are counted in seconds where a
// time.Duration stops (about 292 years): exp 9999999999 with iat 1 lived
// "9223372036 s", the Duration's ceiling.
func TestLongLivedTokensAreCountedExactly(t *testing.T) {
	now := time.Unix(1_800_000_000, 0).UTC()
	cases := []struct {
		name          string
		iat, exp, nbf string
		total         int64
		expiry        string // part of Expiry.String at now
	}{
		{"exp 9999999999, iat 1", "1", "9999999999", "", 9999999998, "expires in 260y"},
		{"exp at the bound of times read", "0", "100000000000000", "", 100000000000000, "expires in 3170"},
		{"issued long before 1970", "-100000000000000", "1700000000", "", 100001700000000, "expired 3y62d"},
		{"not valid for millennia", "1", "100000000000000", "99999999999999", 1, "not valid for another 3170"},
		{"an hour", "1799999400", "1800003000", "", 3600, "expires in 50m0s"},
	}
	for _, tc := range cases {
		claims := `{"iat":` + tc.iat + `,"exp":` + tc.exp
		if tc.nbf != "" {
			claims += `,"nbf":` + tc.nbf
		}
		d := Decode(unsigned(`{"alg":"HS256"}`, claims+`}`))
		l := d.Lifetime()
		if got := l.TotalSeconds(); got != tc.total {
			t.Errorf("%s: TotalSeconds %d, want %d", tc.name, got, tc.total)
		}
		e := l.At(now)
		if got := e.String(); !strings.Contains(got, tc.expiry) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.expiry)
		}
		if e.HasBounds && (e.Used < 0 || e.Used > 1) {
			t.Errorf("%s: used %v", tc.name, e.Used)
		}
		if got := Relative(l.ExpiresAt, now); strings.Contains(got, "292y") {
			t.Errorf("%s: Relative %q stops at the Duration's ceiling", tc.name, got)
		}
	}
	if got := FormatSeconds(9999999998); got != "317y35d" {
		t.Errorf("FormatSeconds(9999999998) = %q", got)
	}
	// exp 9999999999 is some 260 years after 2027, with 18% of its life used.
	if e := Decode(unsigned(`{"alg":"HS256"}`, `{"iat":1,"exp":9999999999}`)).Lifetime().At(now); e.Used < 0.17 || e.Used > 0.19 || e.LeftSeconds != 9999999999-1_800_000_000 {
		t.Errorf("used %v, left %d s", e.Used, e.LeftSeconds)
	}
}
