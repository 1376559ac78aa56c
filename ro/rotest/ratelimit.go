package rotest

import (
	"net/http"
	"strconv"
	"time"
)

// headerRateLimit is the limit the headers announce when none is
// enforced: the demo still shows what Auth0 sends.
const headerRateLimit = 100

// rateLimit counts the call in the current minute and sets the
// X-RateLimit-* headers (reset in UTC epoch seconds, as Auth0 sends). With
// Options.RateLimit set it answers 429 past the limit and returns false.
func (t *Tenant) rateLimit(w http.ResponseWriter) bool {
	limit := t.opts.RateLimit
	enforced := limit > 0
	if !enforced {
		limit = headerRateLimit
	}
	now := t.now()
	t.mu.Lock()
	if now.Before(t.window) || !now.Before(t.window.Add(time.Minute)) {
		t.window = now.Truncate(time.Minute)
		t.count = 0
	}
	t.count++
	count, reset := t.count, t.window.Add(time.Minute)
	t.mu.Unlock()

	remaining := max(limit-count, 0)
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	if enforced && count > limit {
		h.Set("Retry-After", strconv.Itoa(int(reset.Sub(now).Seconds()+0.999)))
		writeError(w, http.StatusTooManyRequests, "too_many_requests",
			"Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.")
		return false
	}
	return true
}
