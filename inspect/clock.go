package inspect

import (
	"time"

	"github.com/rotui/rotui/ro"
)

// MaxClockSkew is how far the server's clock may be from this machine's
// before rotui warns: every countdown on screen depends on this clock.
const MaxClockSkew = 30 * time.Second

// arrival is when the answer arrived by this machine's clock; now stands
// in when the exchange does not say.
func arrival(ex *ro.Exchange, now time.Time) time.Time {
	if ex == nil || ex.Started.IsZero() {
		return now
	}
	return ex.Started.Add(ex.Latency)
}

// ClockSkew is the server's Date minus this machine's clock when the answer
// arrived, in whole seconds (Date has no finer grain); ok is false when the
// server sent no Date. Beyond MaxClockSkew either way it is a warning.
func ClockSkew(ex *ro.Exchange, now time.Time) (skew time.Duration, ok bool) {
	if ex == nil || ex.ServerDate.IsZero() {
		return 0, false
	}
	return ex.ServerDate.Truncate(time.Second).Sub(arrival(ex, now).Truncate(time.Second)), true
}

// SkewTooLarge reports whether skew is beyond MaxClockSkew, either way.
func SkewTooLarge(skew time.Duration) bool { return absDur(skew) > MaxClockSkew }
