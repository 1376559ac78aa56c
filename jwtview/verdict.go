package jwtview

// Verdict is what a Verification comes to as a whole. It is decided here,
// once, so that `rotui decode`'s exit status, its --json and every other
// surface that sums a verification up cannot disagree.
type Verdict int

// The verdicts, from the best to the worst a script should act on.
const (
	// VerdictUnverified: nothing that counts failed, and no key was asked
	// for, so the signature was not checked.
	VerdictUnverified Verdict = iota
	// VerdictValid: the signature passed and nothing that counts failed.
	VerdictValid
	// VerdictInvalid: a check failed.
	VerdictInvalid
	// VerdictUnverifiable: a check was asked for and could not be made (an
	// opaque token, a JWE, an unreadable token), and none failed outright.
	VerdictUnverifiable
	// VerdictKeysUnavailable: the keys could not be fetched (a network or
	// server fault), and nothing else failed.
	VerdictKeysUnavailable
)

var verdictWords = [...]string{
	VerdictUnverified:      "unverified",
	VerdictValid:           "valid",
	VerdictInvalid:         "invalid",
	VerdictUnverifiable:    "unverifiable",
	VerdictKeysUnavailable: "keys_unavailable",
}

// String names the verdict as --json does: "valid", "invalid",
// "unverified", "unverifiable", "keys_unavailable".
func (d Verdict) String() string {
	if d < 0 || int(d) >= len(verdictWords) {
		return "unverified"
	}
	return verdictWords[d]
}

// MarshalText names the verdict for JSON, as String does.
func (d Verdict) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Failures lists the failed checks that count against the token: expiry
// and not-before always (a token past its time is no good to anyone), the
// others only when a check was asked for (an alg none token decoded
// without a key is shown as such, not judged).
func (v Verification) Failures() []Check {
	var out []Check
	for _, c := range v.Checks {
		timeCheck := c.Name == CheckExpiry || c.Name == CheckNotBefore
		if c.Outcome == Failed && (timeCheck || len(v.Requested) > 0) {
			out = append(out, c)
		}
	}
	return out
}

// Verdict applies the rule: a check that failed makes the token invalid; a
// check asked for and not made makes it unverifiable, never valid; keys
// that could not be fetched are a fault, not a pass; only a signature that
// passed makes it valid.
func (v Verification) Verdict() Verdict {
	unmade := false
	for _, c := range v.Failures() {
		if !c.Unmade {
			return VerdictInvalid
		}
		unmade = true
	}
	switch {
	case unmade:
		return VerdictUnverifiable
	case v.FetchError != nil:
		return VerdictKeysUnavailable
	case v.Check(CheckSignature).Outcome == Passed:
		return VerdictValid
	}
	return VerdictUnverified
}
