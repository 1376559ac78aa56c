package jwtview

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Limits of Decode. A token larger than MaxTokenSize is not decoded (Auth0's
// tokens are a few KB; 512 KiB is far beyond any header a server accepts),
// and JSON nested deeper than MaxDepth is reported rather than followed.
const (
	MaxTokenSize = 512 << 10
	MaxDepth     = 64
)

// minOpaqueLen is the shortest string taken for an opaque token. Auth0's
// legacy access tokens are 16 or 32 characters; anything shorter than 8 is
// more likely a slip of the mouse than a token.
const minOpaqueLen = 8

// Trim removes what comes with a token when a person copies it: surrounding
// white space, a leading "Authorization:" and "Bearer " (any case), one pair
// of surrounding double quotes (copied out of JSON), and line breaks inside
// (a token wrapped by an e-mail client or a terminal), and a byte-order
// mark (Notepad writes one). Several tokens given at once (one a line, or
// separated by spaces) are kept apart by one space, so that Decode says
// what they are instead of reading them joined as one.
func Trim(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	if hasFoldPrefix(s, "authorization:") {
		s = strings.TrimSpace(s[len("authorization:"):])
	}
	if hasFoldPrefix(s, "bearer") && len(s) > len("bearer") && isSpace(s[len("bearer")]) {
		s = strings.TrimSpace(s[len("bearer"):])
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if SeveralTokens(s) {
		return strings.Join(strings.Fields(s), " ")
	}
	// IndexByte is vectorised; ContainsAny walks a 512 KiB token byte by byte.
	if strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0 {
		lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		s = strings.Join(lines, "")
	}
	return s
}

// severalTokens reports whether the words of an input (split at white
// space) are more than one token: at least two of them are whole JWTs, a
// JSON header and three or five parts. A single JWT wrapped over lines
// never is: only one of its lines can hold its header and all its dots.
// Opaque tokens one a line cannot be told from one wrapped token, and
// separated by spaces they are already not a token (a space is in none).
func severalTokens(words []string) bool {
	jwts := 0
	for _, w := range words {
		if dots := strings.Count(w, "."); (dots == 2 || dots == 4) && w[0] != '.' && holdsJSONObject(w[:strings.IndexByte(w, '.')]) {
			jwts++
		}
	}
	return jwts > 1
}

// SeveralTokens reports whether s holds more than one token, separated by
// white space or line breaks (Decode then reads it as no token, saying
// so); a paste area that drops all white space asks first.
func SeveralTokens(s string) bool {
	words := strings.Fields(s)
	return len(words) > 1 && severalTokens(words)
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// Decode reads any token string; it never fails and never panics. The
// result says what the string is (Kind), holds every header parameter and
// claim that could be read, in the order sent, and lists in Problems each
// part that could not be decoded and why.
func Decode(s string) *Token {
	t := &Token{Raw: Trim(s)}
	raw := t.Raw
	switch {
	case len(raw) > MaxTokenSize:
		t.Raw = Head(raw, 64) + "…"
		t.Size = len(raw)
		t.problem("token", fmt.Sprintf("the token is %s, larger than the %s rotui reads; is this really one token?",
			byteSize(len(raw)), byteSize(MaxTokenSize)))
		return t
	case raw == "":
		t.problem("token", "there is no token: the input is empty")
		return t
	}
	t.Size = len(raw)
	parts := strings.Split(raw, ".")
	switch {
	case SeveralTokens(raw):
		t.problem("token", fmt.Sprintf("this is not a token: it holds %d tokens (one a line, or separated by spaces); give one at a time", len(strings.Fields(raw))))
	case len(parts) == 1:
		t.decodeOpaque(raw)
	case dottedOpaque(raw):
		// Auth0's refresh tokens from /oauth/token look like "v1.MRHbz1Vq…":
		// dots, but no JSON header in front, so not a JWT that broke.
		t.Kind = KindOpaque
	case len(parts) == 3:
		t.Kind = KindJWS
		t.Parts = parts
		t.decodeJWS(parts)
	case len(parts) == 5:
		t.Kind = KindJWE
		t.Parts = parts
		t.decodeJWE(parts)
	default:
		t.Parts = parts
		t.problem("token", fmt.Sprintf("a JWT has three parts separated by dots (five for an encrypted JWE), this has %d; it may have been cut or joined with something else", len(parts)))
		// Still show what can be read: a header and claims are often intact.
		t.Header, t.HeaderJSON = t.decodeObject("header", parts[0])
		if len(parts) > 1 {
			t.Claims, t.ClaimsJSON = t.decodeObject("payload", parts[1])
		}
	}
	if len(t.Problems) > 0 {
		t.Kind = KindMalformed
	}
	t.explainFields()
	return t
}

func (t *Token) problem(part, msg string) {
	t.Problems = append(t.Problems, Problem{Part: part, Message: msg})
}

// decodeOpaque takes a string without dots: an opaque token when it is made
// of the characters tokens are made of, otherwise not a token at all.
func (t *Token) decodeOpaque(raw string) {
	for i := 0; i < len(raw); i++ {
		if !isTokenChar(raw[i]) {
			t.problem("token", fmt.Sprintf("this is not a token: character %d is %s, which no token contains", i+1, quoteChar(raw[i:])))
			return
		}
	}
	if strings.HasPrefix(raw, "eyJ") {
		// base64url of `{"`: the start of a JWT whose dots are gone.
		t.Header, t.HeaderJSON = t.decodeObject("header", raw)
		t.problem("token", "this looks like the start of a JWT (it begins with eyJ, which is {\" in base64url) but has no dots: it may have been cut")
		return
	}
	if len(raw) < minOpaqueLen {
		t.problem("token", fmt.Sprintf("this is not a token: %d characters is too short for one", len(raw)))
		return
	}
	t.Kind = KindOpaque
}

// dottedOpaque reports whether a string with dots is an opaque token rather
// than a JWT: a JWT's header is a JSON object. Base64url of "{" begins with
// "e", but JSON may start with white space (" {" is "IH"), which JWT
// libraries accept; such a token is a JWT too, never left unchecked as
// opaque.
func dottedOpaque(raw string) bool {
	if raw[0] == 'e' || raw[0] == '.' || len(raw) < minOpaqueLen || holdsJSONObject(raw[:strings.IndexByte(raw, '.')]) {
		return false
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '.' && !isTokenChar(raw[i]) {
			return false
		}
	}
	return true
}

// holdsJSONObject reports whether a base64url part decodes to what starts
// a JSON object: "{" after any JSON white space, or after a byte-order
// mark, which JSON does not allow but careless writers add (the token is
// then a broken JWT, not an opaque one).
func holdsJSONObject(seg string) bool {
	data, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return false
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// isTokenChar reports whether c can appear in an opaque token: the
// base64url, base64 and hex alphabets, and "~" (RFC 3986 unreserved). A
// user ID such as "auth0|5f7c…" is thus not taken for a token.
func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	switch c {
	case '-', '_', '~', '+', '/', '=':
		return true
	}
	return false
}

func (t *Token) decodeJWS(parts []string) {
	t.Header, t.HeaderJSON = t.decodeObject("header", parts[0])
	t.Claims, t.ClaimsJSON = t.decodeObject("payload", parts[1])
	sig, err := decodeSegment("signature", parts[2])
	if err != "" {
		t.problem("signature", err)
		return
	}
	t.Signature = sig
}

func (t *Token) decodeJWE(parts []string) {
	t.Header, t.HeaderJSON = t.decodeObject("header", parts[0])
	if t.HeaderJSON != nil && len(t.Problems) == 0 {
		if why := notJWEHeader(t.Alg(), t.headerString("enc")); why != "" {
			t.problem("token", "this is not an encrypted JWT (JWE), though it has five parts: "+why+"; two signed JWTs run together also have five parts")
		}
	}
	names := [...]string{"", "encrypted key", "initialization vector", "ciphertext", "authentication tag"}
	for i := 1; i < 5; i++ {
		if _, err := decodeSegment(names[i], parts[i]); err != "" {
			t.problem(names[i], err)
		}
	}
}

// notJWEHeader says why a five-part token's header is not a JWE's, or "":
// a JWE names its content encryption in enc, and its alg encrypts a key,
// which a signing algorithm (RS256, HS256, none) does not.
func notJWEHeader(alg, enc string) string {
	if alg == "none" || slices.Contains(supportedAlgs[:], alg) {
		return fmt.Sprintf("its header's alg %s signs, it does not encrypt", alg) // alg is one of a fixed list
	}
	if enc == "" {
		return "its header has no enc, which names a JWE's encryption"
	}
	return ""
}

// decodeObject decodes one base64url part holding a JSON object; problems
// are recorded on t. It returns what could be read.
func (t *Token) decodeObject(part, seg string) ([]Field, []byte) {
	data, msg := decodeSegment(part, seg)
	if msg != "" {
		t.problem(part, msg)
		return nil, nil
	}
	fields, spaced, err := parseObject(data)
	switch {
	case err != nil:
		t.problem(part, fmt.Sprintf("the %s is not a JSON object: %s", part, err.msg))
	case spaced:
		t.Notes = append(t.Notes, fmt.Sprintf("The %s JSON holds white space outside its strings: valid JSON, which JWT libraries accept, so rotui reads it as usual; issuers' libraries send it compact, so this %s was probably written by hand.", part, part))
	}
	return fields, data
}

// decodeSegment decodes one base64url part. Padding ("=") is tolerated
// though RFC 7515 leaves it out; the error names the first character that
// does not belong, counted from 1 within the part.
func decodeSegment(part, seg string) ([]byte, string) {
	if seg == "" {
		if part == "signature" || part == "encrypted key" {
			return nil, ""
		}
		return nil, fmt.Sprintf("the %s is empty", part)
	}
	trimmed := strings.TrimRight(seg, "=")
	data, err := base64.RawURLEncoding.DecodeString(trimmed)
	if err == nil {
		return data, ""
	}
	for i := 0; i < len(trimmed); i++ {
		c := trimmed[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			msg := fmt.Sprintf("the %s is not valid base64url at character %d: %s does not belong", part, i+1, quoteChar(trimmed[i:]))
			if c == '+' || c == '/' {
				msg += " (it is standard base64; a JWT uses - and _ instead of + and /)"
			}
			return nil, msg
		}
	}
	return nil, fmt.Sprintf("the %s is not valid base64url: no base64url text is %d characters long, so a character is missing or extra (was the token cut?)", part, len(trimmed))
}

// quoteChar quotes the character at the start of s for an error message,
// escaping controls so the message itself is safe to print.
func quoteChar(s string) string {
	for _, r := range s {
		return fmt.Sprintf("%q", string(r))
	}
	return `""`
}

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// explainFields adds the notes and times to the fields, once.
func (t *Token) explainFields() {
	for i := range t.Header {
		f := &t.Header[i]
		f.Note = ExplainHeader(f.Name)
		// The alg note already names none; its value note (ExplainValue)
		// is for callers with room for it.
		if f.Name == "typ" {
			f.Note = joinNote(f.Note, ExplainValue(f.Name, f.Value))
		}
	}
	explainClaims(t.Claims)
	markDuplicates(t.Header)
	markDuplicates(t.Claims)
	t.life = lifetimeOf(t.Claims)
}

// DecodeClaims reads a JSON object of claims that came without a token
// around it (the profile /userinfo answers) into fields in the order they
// were sent, explained and read as times as a token's claims are, so that
// a profile reads like the ID token it came with. The error says why data
// is not one JSON object.
func DecodeClaims(data []byte) ([]Field, error) {
	fields, _, err := parseObject(data)
	if err != nil {
		return nil, errors.New("the profile is not a JSON object: " + err.msg)
	}
	explainClaims(fields)
	markDuplicates(fields)
	return fields, nil
}

// explainClaims adds the notes and times to claims.
func explainClaims(claims []Field) {
	for i := range claims {
		f := &claims[i]
		f.Note = ExplainClaim(f.Name)
		if f.Name == "gty" || f.Name == "amr" || f.Name == "email_verified" || f.Name == "phone_number_verified" {
			f.Note = joinNote(f.Note, ExplainValue(f.Name, f.Value))
		}
		if isTimeClaim(f.Name) {
			f.Time, f.IsTime = readTime(f.Value)
			switch {
			case !f.IsTime:
				f.Note = joinNote(f.Note, "rotui could not read this as a time")
			case f.Time.Year() > 5000:
				f.Note = joinNote(f.Note, "this looks like milliseconds; RFC 7519 counts seconds")
			}
		}
	}
}

func joinNote(note, more string) string {
	switch {
	case note == "":
		return more
	case more == "":
		return note
	}
	return note + "; " + more
}

// markDuplicates notes a name sent more than once: libraries disagree on
// which one counts, so a person should know.
func markDuplicates(fs []Field) {
	const note = "sent more than once; most libraries (and rotui's checks) take the last"
	if len(fs) <= 32 {
		for i := range fs {
			for j := range i {
				if fs[i].Name == fs[j].Name {
					fs[i].Note, fs[j].Note = joinNote(fs[i].Note, note), joinNote(fs[j].Note, note)
				}
			}
		}
		return
	}
	seen := make(map[string]int, len(fs))
	for i := range fs {
		if j, ok := seen[fs[i].Name]; ok {
			fs[i].Note = joinNote(fs[i].Note, note)
			if !strings.HasSuffix(fs[j].Note, note) {
				fs[j].Note = joinNote(fs[j].Note, note)
			}
		}
		seen[fs[i].Name] = i
	}
}

// HeaderField returns a header parameter by name. When a name was sent
// twice, the last one wins, as in most JWT libraries.
func (t *Token) HeaderField(name string) (Field, bool) { return lastField(t.Header, name) }

// Claim returns a claim by name. When a name was sent twice, the last one
// wins, as in most JWT libraries.
func (t *Token) Claim(name string) (Field, bool) { return lastField(t.Claims, name) }

func lastField(fs []Field, name string) (Field, bool) {
	for i := len(fs) - 1; i >= 0; i-- {
		if fs[i].Name == name {
			return fs[i], true
		}
	}
	return Field{}, false
}

// Alg is the header's alg, or "".
func (t *Token) Alg() string { return t.headerString("alg") }

// Kid is the header's kid, or "".
func (t *Token) Kid() string { return t.headerString("kid") }

func (t *Token) headerString(name string) string {
	f, ok := t.HeaderField(name)
	if !ok {
		return ""
	}
	s, _ := f.Value.(string)
	return s
}

// ClaimString returns a claim that was sent as a string, or "".
func (t *Token) ClaimString(name string) string {
	f, ok := t.Claim(name)
	if !ok {
		return ""
	}
	s, _ := f.Value.(string)
	return s
}

// Audience returns the aud claim as a list, whether it was sent as one
// string or as a list of strings; nil when absent.
func (t *Token) Audience() []string {
	f, ok := t.Claim("aud")
	if !ok {
		return nil
	}
	switch v := f.Value.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// Lifetime returns the token's time bounds (read once at decode).
func (t *Token) Lifetime() Lifetime { return t.life }

// String names the kind: "signed JWT (JWS)", "encrypted JWT (JWE)", "opaque", "malformed".
func (k Kind) String() string {
	switch k {
	case KindJWS:
		return "signed JWT (JWS)"
	case KindJWE:
		return "encrypted JWT (JWE)"
	case KindOpaque:
		return "opaque"
	}
	return "malformed"
}

// MarshalText names the kind for JSON output: "jws", "jwe", "opaque", "malformed".
func (k Kind) MarshalText() ([]byte, error) {
	switch k {
	case KindJWS:
		return []byte("jws"), nil
	case KindJWE:
		return []byte("jwe"), nil
	case KindOpaque:
		return []byte("opaque"), nil
	}
	return []byte("malformed"), nil
}

// Describe says in a sentence or two what the token is and what can be
// known from it: for an opaque token why such tokens exist, for a JWE what
// is hidden, for a malformed one that nothing in it can be trusted. The
// text is not yet terminal-safe (it quotes the header's alg and enc).
func (t *Token) Describe() string {
	switch t.Kind {
	case KindJWS:
		alg := t.Alg()
		if alg == "" {
			alg = "an unnamed algorithm"
		}
		if strings.EqualFold(alg, "none") {
			return "An unsigned JWT (alg none): anyone can read its claims, and anyone could have written them; rotui never accepts it as verified."
		}
		return fmt.Sprintf("A signed JWT: anyone can read its claims; only its signature (%s), checked with the issuer's key, shows they are genuine.", alg)
	case KindJWE:
		if len(t.Parts) != 5 {
			return "An encrypted JWT: the claims are encrypted for the recipient."
		}
		return fmt.Sprintf("An encrypted JWT: its header is readable (key management %s, content encryption %s); the claims are encrypted for the recipient and cannot be shown without its private key. Parts: encrypted key %d bytes, initialization vector %d, ciphertext %d, authentication tag %d.",
			orUnknown(t.Alg()), orUnknown(t.headerString("enc")),
			decodedLen(t.Parts[1]), decodedLen(t.Parts[2]), decodedLen(t.Parts[3]), decodedLen(t.Parts[4]))
	case KindOpaque:
		return fmt.Sprintf("An opaque token of %d characters: a reference that only its issuer can look up, with no claims inside. Auth0 returns its access token this way from the legacy /oauth/ro (and from /oauth/token without an audience), good only for calling /userinfo; refresh tokens are opaque too.", len(t.Raw))
	}
	return "Not a token rotui can read; see the problems below. Nothing shown from it can be trusted."
}

// decodedLen is the number of bytes a base64url part decodes to.
func decodedLen(seg string) int {
	return base64.RawURLEncoding.DecodedLen(len(strings.TrimRight(seg, "=")))
}

func orUnknown(s string) string {
	if s == "" {
		return "not named"
	}
	return s
}

func isTimeClaim(name string) bool {
	switch name {
	case "exp", "iat", "nbf", "auth_time", "updated_at", "created_at", "last_login":
		return true
	}
	return false
}

// maxUnixSeconds bounds the numbers read as times (about the year 3 170 000,
// so that a time sent in milliseconds is still read, and noted);
// beyond it a number is not a time anyone meant.
const maxUnixSeconds = 1e14

// readTime reads a time claim sent as seconds since the epoch (an integer,
// a float, or either as a string), or as an RFC 3339 date (Auth0 sends
// updated_at that way).
func readTime(v any) (time.Time, bool) {
	var num string
	switch x := v.(type) {
	case json.Number:
		num = string(x)
	case string:
		if tm, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return tm.UTC(), true
		}
		num = strings.TrimSpace(x)
	default:
		return time.Time{}, false
	}
	return parseUnix(num)
}

func parseUnix(num string) (time.Time, bool) {
	if n, err := strconv.ParseInt(num, 10, 64); err == nil {
		if n > maxUnixSeconds || n < -maxUnixSeconds {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f != f || f > maxUnixSeconds || f < -maxUnixSeconds {
		return time.Time{}, false
	}
	sec := math.Floor(f)
	return time.Unix(int64(sec), int64((f-sec)*1e9)).UTC(), true
}
