package inspect

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rotui/rotui/ro"
)

// Auth0's brute-force protection: after LockoutAfter wrong passwords in a
// row for one user, every login of that user is answered too_many_attempts
// (the right password too) until the user is unblocked; a successful login
// resets the count. The Summary warns from the LockoutWarnFrom-th one.
const (
	LockoutAfter    = 10
	LockoutWarnFrom = 7
)

// Outcome is how one login answer counts towards the lock.
type Outcome int

const (
	OutcomeOther         Outcome = iota // neither counts nor resets: MFA, a blocked user, no answer…
	OutcomeWrongPassword                // counts: the username or password was wrong
	OutcomeSuccess                      // resets the count: tokens came back
	OutcomeLocked                       // the lock itself: too_many_attempts, whatever the password
)

// wrongPasswordAnswers are the answers Auth0 gives a wrong password (or an
// unknown user, answered alike): the error code and, when the code is
// shared with other failures, words of the description (lower case).
var wrongPasswordAnswers = []struct {
	code string
	desc []string
}{
	{code: "invalid_user_password"}, // /oauth/ro
	{code: "invalid_grant", desc: []string{"wrong email or password", "wrong username or password"}}, // /oauth/token
}

// LoginOutcome is how the login answer ex counts towards the lock.
func LoginOutcome(ex *ro.Exchange) Outcome {
	if ex == nil {
		return OutcomeOther
	}
	var api *ro.APIError
	if errors.As(ex.Err, &api) {
		code, desc := strings.ToLower(api.Code), strings.ToLower(api.Description)
		if code == "too_many_attempts" {
			return OutcomeLocked
		}
		for _, a := range wrongPasswordAnswers {
			if a.code == code && (len(a.desc) == 0 || slices.ContainsFunc(a.desc, func(w string) bool { return strings.Contains(desc, w) })) {
				return OutcomeWrongPassword
			}
		}
		return OutcomeOther
	}
	if ex.Err == nil && ex.Status >= 200 && ex.Status < 300 {
		return OutcomeSuccess
	}
	return OutcomeOther
}

// LockoutWarning is what to tell the person after failures wrong passwords
// in a row for user (this one included), on the demo tenant or a real one;
// "" while the lock is still far off. The user is named as given: a caller
// in presenter mode gives a mask.
func LockoutWarning(failures int, user string, demo bool) string {
	until := "until an administrator unblocks it or the user follows Auth0's e-mail"
	if demo {
		until = "until the demo restarts"
	}
	switch left := LockoutAfter - failures; {
	case failures < LockoutWarnFrom:
		return ""
	case left <= 0:
		return fmt.Sprintf("%s is locked %s: %d wrong passwords in a row, and every login now answers too_many_attempts, the right password too.", user, until, LockoutAfter)
	case left == 1:
		return fmt.Sprintf("1 more wrong password locks %s %s.", user, until)
	default:
		return fmt.Sprintf("%d more wrong passwords lock %s %s.", left, user, until)
	}
}
