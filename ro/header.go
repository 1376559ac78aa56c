package ro

import "net/http"

// headerValue is h.Get(key) for a key already in canonical form (as every
// key of a response's Header is): a map lookup, without the canonicalising
// that h.Get does on every call.
func headerValue(h http.Header, key string) string {
	if vs := h[key]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}
