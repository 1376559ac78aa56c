package ro

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxText is how much of a non-JSON body, or of one error string, an
// APIError keeps: enough to read a proxy's page, not enough to flood a screen.
const maxText = 2048

// OK is true when the call returned tokens.
func (x *Exchange) OK() bool { return x != nil && x.Err == nil && x.Tokens != nil }

// ExpiresAt is when the access token expires by expires_in, counted from
// when the request was sent (the server issued it later, so this is never
// later than the real expiry); zero when expires_in was not sent.
func (x *Exchange) ExpiresAt() time.Time {
	if x == nil || x.Tokens == nil || !x.Tokens.HasExpiresIn {
		return time.Time{}
	}
	return x.Started.Add(time.Duration(x.Tokens.ExpiresIn) * time.Second)
}

// ExpiresInOf names the token expires_in gives the life of, for a
// sentence: the access token, or the ID token when it is the answer's only
// token (/delegation answers an ID token alone).
func (t *TokenResponse) ExpiresInOf() string {
	if t != nil && t.AccessToken == "" && t.IDToken != "" {
		return "the ID token (the answer's only token)"
	}
	return "the access token"
}

// ParseTokenResponse reads a successful answer leniently: expires_in as a
// number or a string, token_type in any case, member names in any case,
// unknown members ignored, a member of the wrong type treated as absent. It
// fails only when body is not a JSON object or carries no token at all.
func ParseTokenResponse(body []byte) (*TokenResponse, error) {
	// Checked whole first, so the scan below can trust the structure. The
	// scan replaces encoding/json's reflection, which was the largest share
	// of the client's own cost in a loopback round trip.
	if !json.Valid(body) {
		var v any
		return nil, errors.New("the body is not a JSON object: " + jsonProblem(json.Unmarshal(body, &v)))
	}
	i := skipSpace(body, 0)
	if body[i] != '{' {
		return nil, errors.New("the body is not a JSON object: JSON " + jsonKind(body[i]) + " where an object was expected")
	}
	t := &TokenResponse{}
	i++
	for {
		i = skipSpace(body, i)
		if body[i] == '}' {
			break
		}
		ks := i
		i = skipValue(body, i)
		key := body[ks:i]
		i = skipSpace(body, i) + 1 // the colon
		i = skipSpace(body, i)
		vs := i
		i = skipValue(body, i)
		val := body[vs:i]
		switch name := memberName(key); {
		case bytes.EqualFold(name, nameAccessToken):
			t.AccessToken, t.AccessTokenProblem = tokenString("access_token", val)
		case bytes.EqualFold(name, nameIDToken):
			t.IDToken, t.IDTokenProblem = tokenString("id_token", val)
		case bytes.EqualFold(name, nameRefreshToken):
			t.RefreshToken, t.RefreshTokenProblem = tokenString("refresh_token", val)
		case bytes.EqualFold(name, nameTokenType):
			t.TokenType = jsonString(val)
		case bytes.EqualFold(name, nameScope):
			t.Scope = jsonString(val)
		case bytes.EqualFold(name, nameExpiresIn):
			t.ExpiresIn, t.HasExpiresIn, t.ExpiresInProblem = jsonSeconds(val)
		}
		i = skipSpace(body, i)
		if body[i] == ',' {
			i++
		}
	}
	if t.AccessToken == "" && t.IDToken == "" {
		if p := t.Problems(); len(p) > 0 {
			return nil, errors.New("the JSON has no token that can be read: " + strings.Join(p, "; "))
		}
		return nil, errors.New("the JSON has neither an access_token nor an id_token")
	}
	return t, nil
}

// tokenString reads a token member: a string, else the problem of one
// sent as another JSON type (null is not sent).
func tokenString(member string, raw []byte) (string, string) {
	if len(raw) == 0 || raw[0] == '"' || raw[0] == 'n' {
		return jsonString(raw), ""
	}
	kind := jsonKind(raw[0])
	article := "a "
	if kind == "object" || kind == "array" {
		article = "an "
	}
	return "", member + " is " + article + kind + ", not a string"
}

// Problems are the token members sent but not read, as sentences, in the
// order access_token, id_token, refresh_token.
func (t *TokenResponse) Problems() []string {
	if t == nil {
		return nil
	}
	var out []string
	for _, p := range []string{t.AccessTokenProblem, t.IDTokenProblem, t.RefreshTokenProblem} {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// The member names a token response is read for.
var (
	nameAccessToken  = []byte("access_token")
	nameIDToken      = []byte("id_token")
	nameRefreshToken = []byte("refresh_token")
	nameTokenType    = []byte("token_type")
	nameScope        = []byte("scope")
	nameExpiresIn    = []byte("expires_in")
)

// memberName is a member's name without its quotes; only a name with an
// escape in it is decoded (which allocates).
func memberName(key []byte) []byte {
	if len(key) >= 2 && bytes.IndexByte(key, '\\') < 0 {
		return key[1 : len(key)-1]
	}
	return []byte(jsonString(key))
}

// skipSpace returns the index of the first byte at or after i that is not JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just past the JSON value starting at i; b is valid JSON.
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		for i++; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return i
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipValue(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n' {
		i++
	}
	return i
}

// jsonKind names the JSON type of a value starting with c.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// jsonProblem words a decoding error without echoing the body.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "invalid JSON at byte " + strconv.FormatInt(se.Offset, 10)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "JSON " + te.Value + " where an object was expected"
	}
	return "invalid JSON"
}

// jsonString returns raw as a string when it is a JSON string, else "".
func jsonString(raw []byte) string {
	if len(raw) < 2 || raw[0] != '"' {
		return ""
	}
	// The common case, no escapes, needs no decoder.
	if inner := raw[1 : len(raw)-1]; raw[len(raw)-1] == '"' && bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 && utf8.Valid(inner) && !hasCtl(inner) {
		return string(inner)
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

func hasCtl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// MaxExpiresIn is the largest expires_in, in seconds either way, that is
// read: about 292 years, the longest a time.Duration counts. A larger one
// (a server's 1e308 for "never") is out of range rather than an expiry
// that overflowed into the past.
const MaxExpiresIn = math.MaxInt64 / int64(time.Second)

// jsonSeconds reads 3600, 3600.0, "3600" or " 3600 " as seconds. problem
// says why a value that was sent was not read; null is as if not sent.
func jsonSeconds(raw []byte) (n int64, ok bool, problem string) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, false, ""
	}
	s := string(raw)
	if raw[0] == '"' {
		s = strings.TrimSpace(jsonString(raw))
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && -MaxExpiresIn <= n && n <= MaxExpiresIn {
		return n, true, ""
	}
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case err == nil && -float64(MaxExpiresIn) <= f && f <= float64(MaxExpiresIn):
		return int64(f), true, ""
	case err == nil && !math.IsNaN(f), errors.Is(err, strconv.ErrRange):
		// Named only when it reads as a number, which no password does.
		what := "expires_in"
		if len(s) <= 32 && strings.Trim(s, "0123456789+-.eE") == "" {
			what += " " + s
		}
		return 0, false, what + " is out of range (more than " + strconv.FormatInt(MaxExpiresIn/(365*24*3600), 10) + " years): no expiry can be worked out from it"
	}
	return 0, false, "expires_in is not a number of seconds (a JSON " + jsonKind(raw[0]) + ")"
}

// parseAPIError reads an error answer: Auth0's {"error","error_description"},
// the rate limiter's {"message"} (and {"statusCode","error","message"}), the
// WWW-Authenticate header of /userinfo, or a body that is not JSON at all.
// The caller masks the secrets that were sent (Exchange.MaskEchoes), which
// writes the hint again from what is left, so a server that echoes the
// password cannot put it on screen, and rotui's own words are never masked
// (which would point at the password).
// refuseUnlessOK records an answer outside 2xx as its APIError, with the
// hints of flow, unless sending it already failed.
func (x *Exchange) refuseUnlessOK(flow Flow) {
	if x.Err == nil && (x.Status < 200 || x.Status >= 300) {
		x.Err = parseAPIError(flow, x.Status, x.Header, x.Body, x.Started.Add(x.Latency))
	}
}

func parseAPIError(flow Flow, status int, h http.Header, body []byte, now time.Time) *APIError {
	e := &APIError{Status: status, flow: flow}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) == nil && m != nil {
		e.Code = cut(jsonString(m["error"]))
		e.Description = cut(jsonString(m["error_description"]))
		msg := cut(jsonString(m["message"]))
		if e.Description == "" {
			e.Description = msg
		}
		if e.Code == "" {
			e.Code = cut(jsonString(m["code"]))
		}
		// The management-API style puts the reason phrase in "error".
		if e.Code != "" && e.Code == http.StatusText(status) {
			e.Code = ""
		}
		e.MFAToken = jsonString(m["mfa_token"])
		e.MFASettings = parseMFASettings(m["mfa_settings"])
	} else if len(bytes.TrimSpace(body)) > 0 {
		e.Body = cut(string(body))
	}
	if e.Code == "" && e.Description == "" {
		code, desc := parseWWWAuthenticate(h.Get("WWW-Authenticate"))
		e.Code, e.Description = cut(code), cut(desc)
	}
	if status >= 300 && status < 400 {
		e.Location = cut(h.Get("Location"))
	}
	if status == http.StatusTooManyRequests {
		e.RetryAt = retryAt(h, now)
	}
	// The realm flow is the way forward when /oauth/ro is off (404), and the
	// way out when the application does not allow the legacy grant or is
	// OIDC conformant (which closes /oauth/ro to it, not /oauth/token).
	desc := strings.ToLower(e.Description)
	e.SuggestRealm = flow == FlowRO && (status == http.StatusNotFound || e.Code == "endpoint_disabled" ||
		e.Code == "unauthorized_client" && strings.Contains(desc, "grant type") ||
		strings.Contains(desc, "oidc conformant"))
	e.SuggestMFACode = flow == FlowRO && mfaCodeWanted[strings.ToLower(e.Code)]
	// Auth0 says "Wrong phone number or verification code." (or email) on
	// both endpoints, only for a passwordless code.
	e.SuggestNewCode = (flow == FlowRO || flow == FlowRealm) && strings.Contains(desc, "verification code")
	if e.SuggestRealm {
		e.TryFlow = FlowRealm
	}
	explain(flow, e)
	return e
}

// mfaCodeWanted are the /oauth/ro answers that the MFA code answers.
var mfaCodeWanted = map[string]bool{"a0.mfa_required": true, "a0.mfa_invalid_code": true, "a0.mfa_registration_required": true}

// cut keeps at most maxText bytes of s, on a rune boundary, marked when cut.
func cut(s string) string {
	if len(s) <= maxText {
		return s
	}
	i := maxText
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "… (cut)"
}

// parseWWWAuthenticate reads error and error_description from a Bearer challenge.
func parseWWWAuthenticate(v string) (code, desc string) {
	if v == "" {
		return "", ""
	}
	return authParam(v, "error"), authParam(v, "error_description")
}

func authParam(v, name string) string {
	for i := 0; i < len(v); {
		j := strings.Index(strings.ToLower(v[i:]), name+"=")
		if j < 0 {
			return ""
		}
		j += i
		// The name must start a parameter, not end another (error vs error_description).
		if j > 0 && v[j-1] != ' ' && v[j-1] != ',' {
			i = j + len(name)
			continue
		}
		rest := v[j+len(name)+1:]
		if strings.HasPrefix(rest, `"`) {
			var b strings.Builder
			for k := 1; k < len(rest); k++ {
				switch rest[k] {
				case '\\':
					if k+1 < len(rest) {
						k++
						b.WriteByte(rest[k])
					}
				case '"':
					return b.String()
				default:
					b.WriteByte(rest[k])
				}
			}
			return b.String()
		}
		if k := strings.IndexAny(rest, ", "); k >= 0 {
			return rest[:k]
		}
		return rest
	}
	return ""
}

// parseRateLimit reads X-RateLimit-Limit, -Remaining and -Reset (looked up
// by their canonical spelling, which spares a conversion per call). Auth0 sends
// Reset as UTC epoch seconds; a small number is read as seconds from now,
// as some proxies send it.
//
// A value that is no count (not a whole number, negative, beyond an int32)
// or no time is not guessed at: it is kept in Unreadable, as sent.
func parseRateLimit(h http.Header, now time.Time) RateLimit {
	var rl RateLimit
	rl.Limit, rl.HasLimit = rl.count(h, "X-Ratelimit-Limit")
	rl.Remaining, rl.HasRemaining = rl.count(h, "X-Ratelimit-Remaining")
	if v := strings.TrimSpace(headerValue(h, "X-Ratelimit-Reset")); v != "" {
		if rl.Reset = resetTime(v, now); rl.Reset.IsZero() {
			rl.unreadable("X-RateLimit-Reset", v)
		}
	}
	rl.Present = rl.HasLimit || rl.HasRemaining || !rl.Reset.IsZero()
	return rl
}

// count reads the count header name sends, noting a value that is none.
func (rl *RateLimit) count(h http.Header, name string) (int, bool) {
	v := strings.TrimSpace(headerValue(h, name))
	if v == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil || n < 0 {
		rl.unreadable(strings.Replace(name, "Ratelimit", "RateLimit", 1), v)
		return 0, false
	}
	return int(n), true
}

// unreadable notes header name's value v, quoted (control characters
// escaped) and cut to a status line's share.
func (rl *RateLimit) unreadable(name, v string) {
	if r := []rune(v); len(r) > 40 {
		v = string(r[:40]) + "…"
	}
	rl.Unreadable = append(rl.Unreadable, name+" "+strconv.Quote(v))
}

// Shown is whether there is anything to say of the rate limit: a header
// read, or one sent that could not be.
func (rl RateLimit) Shown() bool { return rl.Present || len(rl.Unreadable) > 0 }

// Summary says what the headers said, without the reset (a surface words
// its time): "99 of 100 left", "7 left", "limit 100", and the headers that
// could not be read, as sent: `unreadable: X-RateLimit-Limit "abc"`. The
// values quoted are the server's text: a surface makes them safe.
func (rl RateLimit) Summary() string {
	var parts []string
	switch {
	case rl.HasLimit && rl.HasRemaining:
		parts = append(parts, fmt.Sprintf("%d of %d left", rl.Remaining, rl.Limit))
	case rl.HasRemaining:
		parts = append(parts, fmt.Sprintf("%d left", rl.Remaining))
	case rl.HasLimit:
		parts = append(parts, fmt.Sprintf("limit %d", rl.Limit))
	}
	if len(rl.Unreadable) > 0 {
		parts = append(parts, "unreadable: "+strings.Join(rl.Unreadable, ", "))
	}
	return strings.Join(parts, "; ")
}

func resetTime(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 1e11 {
		return time.Time{}
	}
	if f < 1e9 { // not an epoch: a delta in seconds
		return now.Add(time.Duration(f * float64(time.Second))).UTC()
	}
	return time.Unix(int64(f), 0).UTC()
}

// retryAt is when a 429 may be retried: X-RateLimit-Reset, else Retry-After.
func retryAt(h http.Header, now time.Time) time.Time {
	if t := resetTime(headerValue(h, "X-Ratelimit-Reset"), now); !t.IsZero() {
		return t
	}
	ra := strings.TrimSpace(headerValue(h, "Retry-After"))
	if ra == "" {
		return time.Time{}
	}
	if n, err := strconv.Atoi(ra); err == nil && n >= 0 && n < 1e7 {
		return now.Add(time.Duration(n) * time.Second).UTC()
	}
	if t, err := http.ParseTime(ra); err == nil {
		return t.UTC()
	}
	return time.Time{}
}
