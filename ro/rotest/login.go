package rotest

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// outcome is how a login attempt fared.
type outcome int

const (
	loginOK            outcome = iota
	loginWrong                 // wrong password, or no such user
	loginCodeWrong             // a wrong passwordless code, or a malformed phone number or e-mail
	loginBlocked               // the user is blocked
	loginLeaked                // the password was found in a breach
	loginVerify                // a suspicious login that needs verifying
	loginRule                  // a rule refused the login
	loginMFA                   // the password was right; MFA wants a code
	loginMFAEnroll             // the password was right; MFA is required but not enrolled
	loginMFAWrong              // the MFA code was wrong
	loginMFANotAllowed         // an MFA code for a user without MFA
	loginLocked                // brute-force protection: too many failures in a row
)

// refusal is an answer's status, error and error_description.
type refusal struct {
	status      int
	code        string
	description string
}

// Auth0's descriptions, word for word.
const (
	leakedPassword         = "This login has been blocked because your password has been leaked in another website. We've sent you an email with instructions on how to unblock it."
	tooManyAttemptsMessage = "Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it."
)

// roRefusals is /oauth/ro's answer to each outcome but loginOK and
// loginCodeWrong (whose words depend on the connection): the rows of
// reference/auth0-legacy-semantics.md.
var roRefusals = map[outcome]refusal{
	loginWrong:         {http.StatusUnauthorized, "invalid_user_password", "Wrong email or password."},
	loginBlocked:       {http.StatusUnauthorized, "unauthorized", "user is blocked"},
	loginLeaked:        {http.StatusUnauthorized, "password_leaked", leakedPassword},
	loginVerify:        {http.StatusUnauthorized, "requires_verification", "Suspicious request requires verification"},
	loginRule:          {http.StatusUnauthorized, "unauthorized", RuleMessage},
	loginMFA:           {http.StatusUnauthorized, "a0.mfa_required", "missing mfa_code parameter"},
	loginMFAEnroll:     {http.StatusUnauthorized, "a0.mfa_registration_required", "User is not enrolled with Google Authenticator"},
	loginMFAWrong:      {http.StatusUnauthorized, "a0.mfa_invalid_code", "Wrong or expired code."},
	loginMFANotAllowed: {http.StatusBadRequest, "invalid_request", "mfa_code not allowed"},
	loginLocked:        {http.StatusTooManyRequests, "too_many_attempts", tooManyAttemptsMessage},
}

// tokenRefusals is /oauth/token's answer to each outcome but loginOK,
// loginCodeWrong and the MFA ones (all 403 mfa_required with an
// mfa_token: the OIDC way sends the code to the MFA API, not here).
// Auth0 answers user errors there with 403; the statuses of the leaked,
// verification and rule rows are not documented.
var tokenRefusals = map[outcome]refusal{
	loginWrong:   {http.StatusForbidden, "invalid_grant", "Wrong email or password."},
	loginBlocked: {http.StatusForbidden, "invalid_grant", "user is blocked"},
	loginLeaked:  {http.StatusForbidden, "password_leaked", leakedPassword},
	loginVerify:  {http.StatusForbidden, "requires_verification", "Suspicious request requires verification"},
	loginRule:    {http.StatusForbidden, "access_denied", RuleMessage},
	loginLocked:  {http.StatusTooManyRequests, "too_many_attempts", tooManyAttemptsMessage},
}

// wrongCode is the wrong-code description of each passwordless connection.
var wrongCode = map[string]string{
	ConnectionSMS:   "Wrong phone number or verification code.",
	ConnectionEmail: "Wrong email or verification code.",
}

// authenticate checks a username and password, then the user's state and
// the MFA code (mfaCode "" when none was sent), counting failures in a row
// per username across every endpoint: a wrong password and a wrong MFA
// code are both failures. After MaxFailedLogins failures the user is
// locked until the tenant restarts, as Auth0's brute-force protection
// blocks the account; a login that succeeds resets the count.
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
		t.failLocked(key)
		return nil, loginWrong
	}
	if u.refusal != loginOK {
		return u, u.refusal
	}
	switch {
	case !u.mfa && mfaCode != "":
		return u, loginMFANotAllowed
	case u.mfa && mfaCode == "" && u.mfaEnroll:
		return u, loginMFAEnroll
	case u.mfa && mfaCode == "":
		return u, loginMFA
	case u.mfa && !t.mfaCodeFits(u, mfaCode):
		t.failLocked(key)
		return u, loginMFAWrong
	}
	delete(t.failures, key)
	return u, loginOK
}

// mfaCodeFits is true for MFACode, and for the user being enrolled also
// for a code of its authenticator app: Auth0 finishes an enrolment with
// the first code the app shows.
func (t *Tenant) mfaCodeFits(u *user, code string) bool {
	if subtle.ConstantTimeCompare([]byte(code), []byte(MFACode)) == 1 {
		return true
	}
	return u.mfaEnroll && totpFits(MFAEnrollKey, code, t.now())
}

// authenticateCode checks a passwordless login: a well-formed phone number
// (sms) or e-mail (email) and the code sent to it (passwordless users have
// no MFA, so an mfaCode is refused). Wrong codes count towards the lock as
// wrong passwords do, per connection and username. A number or address
// the tenant has not seen becomes a user at its first login, as Auth0
// signs passwordless users up on the fly.
func (t *Tenant) authenticateCode(connection, username, code, mfaCode string) (*user, outcome) {
	username = strings.TrimSpace(username)
	key := connection + ":" + strings.ToLower(username)

	t.mu.Lock()
	defer t.mu.Unlock()
	if t.failures[key] >= MaxFailedLogins {
		return nil, loginLocked
	}
	if !passwordlessAddress(connection, username) || subtle.ConstantTimeCompare([]byte(code), []byte(PasswordlessCode)) != 1 {
		t.failLocked(key)
		return nil, loginCodeWrong
	}
	u := t.passwordlessUserLocked(connection, username)
	if mfaCode != "" {
		return u, loginMFANotAllowed
	}
	delete(t.failures, key)
	return u, loginOK
}

// failLocked counts one failure for key. t.mu must be held.
func (t *Tenant) failLocked(key string) {
	if len(t.failures) >= maxFailureEntries {
		t.forgetUnlockedLocked()
	}
	t.failures[key]++
}

// tooManyAttempts is Auth0's brute-force protection answer.
func tooManyAttempts() *apiError {
	r := roRefusals[loginLocked]
	return newErr(r.status, r.code, r.description)
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
