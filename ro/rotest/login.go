package rotest

import (
	"crypto/subtle"
	"strings"
)

// outcome is how a username and password fared.
type outcome int

const (
	loginOK       outcome = iota
	loginWrong            // wrong password, or no such user
	loginBlocked          // the user is blocked
	loginMFA              // the password was right; MFA wants a code
	loginMFAWrong         // the MFA code was wrong
	loginLocked           // brute-force protection: too many failures in a row
)

// authenticate checks a username and password (and an MFA code for the MFA
// user), counting failures in a row per username across every endpoint.
// After MaxFailedLogins failures the user is locked until the tenant
// restarts, as Auth0's brute-force protection blocks the account; a
// success resets the count.
func (t *Tenant) authenticate(username, password, mfaCode string) (*user, outcome) {
	key := strings.ToLower(strings.TrimSpace(username))
	u := findUser(username)

	t.mu.Lock()
	defer t.mu.Unlock()
	if t.failures[key] >= MaxFailedLogins {
		return nil, loginLocked
	}
	// Auth0 answers the same for an unknown user as for a wrong password,
	// so that the answer does not tell which accounts exist.
	if u == nil || subtle.ConstantTimeCompare([]byte(password), []byte(u.password)) != 1 {
		if len(t.failures) >= maxFailureEntries {
			t.forgetUnlockedLocked()
		}
		t.failures[key]++
		return nil, loginWrong
	}
	if u.blocked {
		return u, loginBlocked
	}
	if u.mfa {
		if mfaCode == "" {
			return u, loginMFA
		}
		if subtle.ConstantTimeCompare([]byte(mfaCode), []byte(MFACode)) != 1 {
			return u, loginMFAWrong
		}
	}
	delete(t.failures, key)
	return u, loginOK
}

// tooManyAttempts is Auth0's brute-force protection answer.
func tooManyAttempts() *apiError {
	return newErr(429, "too_many_attempts",
		"Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it.")
}

// maxFailureEntries bounds the failure counts kept, so that a flood of
// made-up user names cannot grow the tenant without end.
const maxFailureEntries = 100000

// forgetUnlockedLocked drops the counts of users not locked yet; locked
// users stay locked. t.mu must be held.
func (t *Tenant) forgetUnlockedLocked() {
	for k, n := range t.failures {
		if n < MaxFailedLogins {
			delete(t.failures, k)
		}
	}
}
