package jwtview

import (
	"strconv"
	"time"
)

// lifetimeOf reads exp, iat and nbf from claims already explained.
func lifetimeOf(claims []Field) Lifetime {
	var l Lifetime
	for _, f := range claims {
		if !f.IsTime {
			continue
		}
		switch f.Name {
		case "exp":
			l.ExpiresAt = f.Time
		case "iat":
			l.IssuedAt = f.Time
		case "nbf":
			l.NotBefore = f.Time
		}
	}
	return l
}

// At computes the expiry standing at now. It is a pure function of now and
// allocates nothing, so a countdown can call it every second. A token is
// expired at exp itself (RFC 7519 4.1.4: "on or after"), and not yet valid
// before nbf; no leeway is applied here.
func (l Lifetime) At(now time.Time) Expiry {
	var e Expiry
	start := l.NotBefore
	if start.IsZero() {
		start = l.IssuedAt
	}
	if !start.IsZero() && !l.ExpiresAt.IsZero() && l.ExpiresAt.After(start) {
		e.HasBounds = true
		used := secondsBetween(start, now) / secondsBetween(start, l.ExpiresAt)
		e.Used = min(max(used, 0), 1)
	}
	switch {
	case !l.NotBefore.IsZero() && now.Before(l.NotBefore):
		e.State = NotYetValid
		e.Left = l.NotBefore.Sub(now)
		e.LeftSeconds = int64(secondsBetween(now, l.NotBefore))
	case l.ExpiresAt.IsZero():
		e.State = NoExpiry
	case now.Before(l.ExpiresAt):
		e.State = Valid
		e.Left = l.ExpiresAt.Sub(now)
		e.LeftSeconds = int64(secondsBetween(now, l.ExpiresAt))
	default:
		e.State = Expired
		e.Ago = now.Sub(l.ExpiresAt)
		e.AgoSeconds = int64(secondsBetween(l.ExpiresAt, now))
	}
	return e
}

// secondsBetween is to − from in seconds, exact where time.Time.Sub
// saturates (beyond about 292 years); it allocates nothing.
func secondsBetween(from, to time.Time) float64 {
	return float64(to.Unix()-from.Unix()) + float64(to.Nanosecond()-from.Nanosecond())/1e9
}

// ceilSeconds is to − from in whole seconds, rounded up, as a countdown
// shows it.
func ceilSeconds(from, to time.Time) int64 {
	s := to.Unix() - from.Unix()
	if to.Nanosecond() > from.Nanosecond() {
		s++
	}
	return s
}

// Total is the token's whole lifetime, from nbf (or iat) to exp; zero when
// either end is unknown. It saturates at about 292 years: TotalSeconds is
// exact.
func (l Lifetime) Total() time.Duration {
	start := l.NotBefore
	if start.IsZero() {
		start = l.IssuedAt
	}
	if start.IsZero() || l.ExpiresAt.IsZero() {
		return 0
	}
	return l.ExpiresAt.Sub(start)
}

// TotalSeconds is Total in whole seconds, exact however long the token
// lives (exp 9999999999 and iat 1 is some 317 years).
func (l Lifetime) TotalSeconds() int64 {
	start := l.NotBefore
	if start.IsZero() {
		start = l.IssuedAt
	}
	if start.IsZero() || l.ExpiresAt.IsZero() {
		return 0
	}
	return int64(secondsBetween(start, l.ExpiresAt))
}

// SecondsBetween is to − from in whole seconds, exact where to.Sub(from)
// saturates; zero when either is unknown.
func SecondsBetween(from, to time.Time) int64 {
	if from.IsZero() || to.IsZero() {
		return 0
	}
	return int64(secondsBetween(from, to))
}

// String reads as "expires in 9m59s", "expired 12s ago", "not valid for
// another 3m", "no expiry". Time left is rounded up to the second, so the
// countdown never shows 0s while the token is still valid.
func (e Expiry) String() string {
	switch e.State {
	case NotYetValid:
		return "not valid for another " + FormatSeconds(max(int64(ceilSecond(e.Left)/time.Second), e.LeftSeconds))
	case Valid:
		return "expires in " + FormatSeconds(max(int64(ceilSecond(e.Left)/time.Second), e.LeftSeconds))
	case Expired:
		if e.Ago < time.Second {
			return "expired just now"
		}
		return "expired " + FormatSeconds(max(int64(e.Ago/time.Second), e.AgoSeconds)) + " ago"
	}
	return "no expiry"
}

// String names the state: "no expiry", "not yet valid", "valid", "expired".
func (s ExpiryState) String() string {
	switch s {
	case NotYetValid:
		return "not yet valid"
	case Valid:
		return "valid"
	case Expired:
		return "expired"
	}
	return "no expiry"
}

// MarshalText names the state for JSON: "no_expiry", "not_yet_valid", "valid", "expired".
func (s ExpiryState) MarshalText() ([]byte, error) {
	switch s {
	case NotYetValid:
		return []byte("not_yet_valid"), nil
	case Valid:
		return []byte("valid"), nil
	case Expired:
		return []byte("expired"), nil
	}
	return []byte("no_expiry"), nil
}

func ceilSecond(d time.Duration) time.Duration {
	if r := d % time.Second; r > 0 {
		d += time.Second - r
	}
	return d
}

// Relative renders t against now: "in 3m12s" or "3m12s ago" ("now" within
// a second). Like Expiry.String, time ahead is rounded up to the second, so
// "in 10m0s" and "expires in 10m0s" agree.
func Relative(t, now time.Time) string {
	// In seconds, not t.Sub(now): a Duration stops at about 292 years.
	switch d := secondsBetween(now, t); {
	case d >= 1:
		return "in " + FormatSeconds(ceilSeconds(now, t))
	case d <= -1:
		return FormatSeconds(int64(-d)) + " ago"
	}
	return "now"
}

// FormatDuration writes a duration the way a person reads a countdown,
// whole seconds only: "12s", "3m12s", "23h59m12s", "2d3h4m", "312d5h", "2y82d".
// Below a day every unit down to the second is shown; from a day on the
// seconds are dropped, from 100 days on the minutes too, and from a year on
// it counts years and days.
func FormatDuration(d time.Duration) string { return FormatSeconds(int64(d / time.Second)) }

// FormatSeconds is FormatDuration for a number of seconds, which, unlike a
// time.Duration, holds the life of a token that lives past 292 years.
func FormatSeconds(secs int64) string {
	if secs < 0 {
		secs = -secs
	}
	days, secs := secs/86400, secs%86400
	h, secs := secs/3600, secs%3600
	m, s := secs/60, secs%60
	var buf [48]byte
	b := buf[:0]
	unit := func(n int64, u byte) {
		b = strconv.AppendInt(b, n, 10)
		b = append(b, u)
	}
	switch {
	case days >= 365:
		// "15y251d" reads at a glance where "5726d22h" needs arithmetic;
		// a year is 365 days here, close enough for "how long ago".
		unit(days/365, 'y')
		unit(days%365, 'd')
	case days >= 100:
		unit(days, 'd')
		unit(h, 'h')
	case days > 0:
		unit(days, 'd')
		unit(h, 'h')
		unit(m, 'm')
	case h > 0:
		unit(h, 'h')
		unit(m, 'm')
		unit(s, 's')
	case m > 0:
		unit(m, 'm')
		unit(s, 's')
	default:
		unit(s, 's')
	}
	return string(b)
}
