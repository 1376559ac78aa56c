package inspect

import (
	"errors"
	"net/http"
	"testing"

	"github.com/rotui/rotui/ro"
)

// TestLockoutWarning is the brute-force warning as the Summary says it:
// nothing before the 7th wrong password in a row, then how many are left
// before Auth0's lock at 10, and what undoes the lock (a restart of the
// demo, or an administrator and Auth0's e-mail on a real tenant).
func TestLockoutWarning(t *testing.T) {
	const alice = "alice@example.com"
	for _, c := range []struct {
		failures int
		demo     bool
		want     string
	}{
		{0, true, ""},
		{1, true, ""},
		{6, true, ""},
		{6, false, ""},
		{7, true, "3 more wrong passwords lock alice@example.com until the demo restarts."},
		{8, true, "2 more wrong passwords lock alice@example.com until the demo restarts."},
		{9, true, "1 more wrong password locks alice@example.com until the demo restarts."},
		{7, false, "3 more wrong passwords lock alice@example.com until an administrator unblocks it or the user follows Auth0's e-mail."},
		{9, false, "1 more wrong password locks alice@example.com until an administrator unblocks it or the user follows Auth0's e-mail."},
		{10, true, "alice@example.com is locked until the demo restarts: 10 wrong passwords in a row, and every login now answers too_many_attempts, the right password too."},
		{12, false, "alice@example.com is locked until an administrator unblocks it or the user follows Auth0's e-mail: 10 wrong passwords in a row, and every login now answers too_many_attempts, the right password too."},
		{-1, true, ""},
	} {
		if got := LockoutWarning(c.failures, alice, c.demo); got != c.want {
			t.Errorf("LockoutWarning(%d, demo %v)\n got %q\nwant %q", c.failures, c.demo, got, c.want)
		}
	}
}

// TestLoginOutcome: which answers Auth0's brute-force protection counts
// (a wrong password, on /oauth/ro or /oauth/token), which reset the count
// (a login that got tokens), and which do neither.
func TestLoginOutcome(t *testing.T) {
	apiErr := func(status int, code, desc string) *ro.Exchange {
		return &ro.Exchange{Status: status, Err: &ro.APIError{Status: status, Code: code, Description: desc}}
	}
	for _, c := range []struct {
		name string
		ex   *ro.Exchange
		want Outcome
	}{
		{"nil", nil, OutcomeOther},
		{"ro wrong password", apiErr(401, "invalid_user_password", "Wrong email or password."), OutcomeWrongPassword},
		{"token wrong password", apiErr(403, "invalid_grant", "Wrong email or password."), OutcomeWrongPassword},
		{"token wrong username", apiErr(403, "invalid_grant", "Wrong username or password."), OutcomeWrongPassword},
		{"invalid_grant other", apiErr(403, "invalid_grant", "user is blocked"), OutcomeOther},
		{"locked", apiErr(429, "too_many_attempts", "Your account has been blocked"), OutcomeLocked},
		{"mfa", apiErr(403, "a0.mfa_required", "Multifactor authentication required"), OutcomeOther},
		{"network", &ro.Exchange{Err: &ro.NetworkError{Op: "connect", Err: errors.New("refused")}}, OutcomeOther},
		{"ok", &ro.Exchange{Status: http.StatusOK}, OutcomeSuccess},
		{"500", &ro.Exchange{Status: 500}, OutcomeOther},
	} {
		if got := LoginOutcome(c.ex); got != c.want {
			t.Errorf("%s: LoginOutcome = %v, want %v", c.name, got, c.want)
		}
	}
}
