package ro

// Echoes of secrets. A server, a proxy's error page or a debugging header
// may quote what it was sent, in whatever form its own code wrote it: raw,
// escaped for JSON, a URL or HTML (named or numeric entities), base64 (as
// HTTP Basic credentials carry a password), upper-cased, or wrapped across
// lines. Echoes finds a secret in all of those at once by reading the text
// several ways (as it is, and with its escapes decoded, up to three layers
// deep), each way also without white space and in one letter case, and
// mapping every match back to the bytes of the text it came from.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html"
	"math"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Minimum lengths of a secret searched for in what a server sent, in
// characters (white space, controls and invisible characters not counted).
// A shorter secret would mask ordinary text wherever it happens to occur;
// it is still masked wherever rotui itself shows the request (Masked,
// Curl), which does not search.
const (
	// MinEcho is the shortest secret searched for at all: a password of one
	// to three characters would blank out ordinary letters. From MinEcho
	// to MinFuzzyEcho a secret is found only letter for letter as it went
	// out, raw or escaped (JSON, URL, HTML).
	MinEcho = 4
	// MinFuzzyEcho is the shortest secret searched for in every form: any
	// letter case, split by white space, a line break or an invisible
	// character, and base64 at any offset. Six is the length of an MFA or
	// passwordless code and the minimum of Auth0's weakest password policy
	// ("low"); a chance match of six characters in an answer is rare, and
	// shorter ones in another case or split would mask ordinary words.
	MinFuzzyEcho = 6
)

// maxBase64Echo is the longest secret searched for in base64, in bytes:
// longer ones are tokens (a report's net holds every token that came
// back), which nobody encodes again, and their encodings would cost more
// to make than they could find.
const maxBase64Echo = 16 << 10

// maxLayers is how many times escapes are decoded in a row: enough for a
// password JSON-escaped in a body that a proxy quoted HTML-escaped.
const maxLayers = 3

// Echoes is a set of secrets made ready to be found in text, in every form
// a server may echo them (see secretForms). A nil *Echoes finds nothing.
type Echoes struct {
	exact  [][]byte // as sent: searched letter for letter in every reading
	folded [][]byte // without white space, case folded: searched in the folded readings
	base64 [][]byte // base64 at each offset, both alphabets: searched in readings without white space
}

// NewEchoes prepares secrets (a password, a bearer token, an MFA code, a
// client secret) to be found in text; each is taken as it went out. Empty
// and short secrets are left out (see MinEcho).
func NewEchoes(secrets ...string) *Echoes {
	e := &Echoes{}
	for _, sec := range secrets {
		f, ok := secretForms(sec)
		if !ok {
			continue
		}
		e.exact = appendNew(e.exact, f.exact)
		if f.folded != nil {
			e.folded = appendNew(e.folded, f.folded)
		}
		for _, b := range f.base64 {
			e.base64 = appendNew(e.base64, b)
		}
	}
	return e
}

func appendNew(list [][]byte, b []byte) [][]byte {
	if slices.ContainsFunc(list, func(x []byte) bool { return bytes.Equal(x, b) }) {
		return list
	}
	return append(list, b)
}

// Empty is true when there is nothing to find.
func (e *Echoes) Empty() bool { return e == nil || len(e.exact) == 0 }

// Mask returns s with every echo of the secrets replaced by Mask.
func (e *Echoes) Mask(s string) string { return e.Replace(s, Mask) }

// Replace returns s with every echo of the secrets replaced by with. An
// echo split across lines becomes one with.
func (e *Echoes) Replace(s, with string) string {
	return replaceSpans(s, e.find(s), with)
}

// MaskEchoes replaces in s every secret of secrets as a server may echo it
// (see Echoes); secrets shorter than MinEcho are left alone. APIError's
// server parts and an Exchange's answer are already masked so; this is for
// text a caller shows besides.
func MaskEchoes(s string, secrets ...string) string {
	return NewEchoes(secrets...).Mask(s)
}

// forms is one secret as Echoes searches for it.
type forms struct {
	exact  []byte   // as it went out
	folded []byte   // white space removed, case folded; nil under MinFuzzyEcho
	base64 [][]byte // nil under MinFuzzyEcho
}

// secretForms is sec in the forms searched for; ok is false when sec is too
// short to search for at all. The escaped forms (JSON, URL, HTML, entities)
// need no entry: the text is read with its escapes decoded instead, which
// also finds a secret escaped only in part or twice.
//
// base64 lists, for the standard and the URL alphabet, the whole encoding
// (padded and not), and the characters that encode only the secret's bytes
// when it starts 0, 1 or 2 bytes into a longer encoded string
// ("user:password" in HTTP Basic credentials).
func secretForms(sec string) (forms, bool) {
	n := 0
	for _, r := range sec {
		if !isGap(r) {
			n++
		}
	}
	if n < MinEcho {
		return forms{}, false
	}
	f := forms{exact: []byte(sec)}
	if n < MinFuzzyEcho {
		return f, true
	}
	f.folded = foldCompact(sec)
	if len(sec) > maxBase64Echo {
		return f, true
	}
	// One buffer for every encoding: this runs once per call.
	shifted := make([]byte, 2+len(sec))
	copy(shifted[2:], sec)
	buf := make([]byte, 0, 2*8*(base64.StdEncoding.EncodedLen(len(sec)+2)))
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		at := len(buf)
		buf = enc.AppendEncode(buf, f.exact)
		f.base64 = append(f.base64, buf[at:len(buf):len(buf)])
		raw := enc.WithPadding(base64.NoPadding)
		for k := range 3 {
			at = len(buf)
			buf = raw.AppendEncode(buf, shifted[2-k:])
			whole := buf[at:len(buf):len(buf)]
			if k == 0 {
				f.base64 = append(f.base64, whole)
			}
			// Characters that hold bits of the k leading bytes, or of what
			// follows the secret, differ from one string to another.
			start, end := (8*k+5)/6, 8*(k+len(sec))/6
			f.base64 = append(f.base64, whole[start:end:end])
		}
	}
	return f, true
}

// span is the bytes [start, end) of a text.
type span struct{ start, end int }

// reading is a text read one way (escapes decoded, white space dropped,
// case folded), each of its bytes knowing the bytes of the original text it
// came from.
type reading struct {
	b        []byte
	from, to []int32 // nil: b is the original (byte i came from [i, i+1))
}

// source is the span of the original text that bytes [a, b) of r came from.
func (r *reading) source(a, b int) span {
	if r.from == nil {
		return span{a, b}
	}
	return span{int(r.from[a]), int(r.to[b-1])}
}

func (r *reading) push(c byte, from span) {
	r.b = append(r.b, c)
	r.from = append(r.from, int32(from.start))
	r.to = append(r.to, int32(from.end))
}

func (r *reading) pushAll(p []byte, from span) {
	for _, c := range p {
		r.push(c, from)
	}
}

// newReading has room for size bytes: no reading is longer than the one it
// is read from (an escape is longer than what it stands for, and a folded
// character is never longer than the character).
func newReading(size int) reading {
	spans := make([]int32, 2*size)
	return reading{b: make([]byte, 0, size), from: spans[:0:size], to: spans[size : size : 2*size]}
}

// find returns the spans of s that are echoes, sorted, merged, and widened
// to whole characters.
func (e *Echoes) find(s string) []span {
	if e.Empty() || len(s) == 0 {
		return nil
	}
	var found []span
	if len(s) > math.MaxInt32 { // more than any body rotui reads: letter for letter only
		for _, n := range e.exact {
			indexAll([]byte(s), n, &reading{}, &found)
		}
		return merge(found, s)
	}
	r0 := reading{b: []byte(s)}
	e.search(&r0, &found)
	// A '+' is a space only in a form or a query string: that reading is
	// one of its own, so a '+' in a password JSON-escaped still reads '+'.
	for _, plus := range []bool{false, true} {
		if plus && strings.IndexByte(s, '+') < 0 {
			break
		}
		cur := &r0
		for layer := range maxLayers {
			next, changed := decode(cur, plus && layer == 0)
			if !changed {
				break
			}
			e.search(&next, &found)
			cur = &next
		}
	}
	return merge(found, s)
}

// search adds to found the spans of the original text where r shows a secret.
func (e *Echoes) search(r *reading, found *[]span) {
	for _, n := range e.exact {
		indexAll(r.b, n, r, found)
	}
	if len(e.folded) == 0 || !e.mayHaveFuzzy(r.b) {
		return
	}
	plain, folded := compact(r)
	for _, n := range e.base64 {
		indexAll(plain.b, n, &plain, found)
	}
	for _, n := range e.folded {
		indexAll(folded.b, n, &folded, found)
	}
}

// mayHaveFuzzy is false when b cannot hold any folded or base64 form: some
// byte of each is missing from it, in either letter case. Reading a header
// or a scope without white space and in one case costs more than looking;
// most never come close. A text with bytes past ASCII is always read, since
// a character such as the Kelvin sign folds to an ASCII letter.
func (e *Echoes) mayHaveFuzzy(b []byte) bool {
	var present [256]bool
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
		present[c] = true
	}
	has := func(n []byte, anyCase bool) bool {
		for _, c := range n {
			if !present[c] && !(anyCase && (c|0x20 >= 'a' && c|0x20 <= 'z') && present[c^0x20]) {
				return false
			}
		}
		return true
	}
	for _, n := range e.base64 {
		if has(n, false) {
			return true
		}
	}
	for _, n := range e.folded {
		if has(n, true) {
			return true
		}
	}
	return false
}

// indexAll adds the source of every occurrence of needle in hay (bytes of r).
func indexAll(hay, needle []byte, r *reading, found *[]span) {
	for off := 0; off+len(needle) <= len(hay); {
		i := bytes.Index(hay[off:], needle)
		if i < 0 {
			return
		}
		a := off + i
		sp := r.source(a, a+len(needle))
		// Overlapping matches (a periodic text) extend the last one.
		if n := len(*found); n > 0 && (*found)[n-1].start <= sp.start && sp.start <= (*found)[n-1].end {
			(*found)[n-1].end = max((*found)[n-1].end, sp.end)
		} else {
			*found = append(*found, sp)
		}
		off = a + 1
	}
}

// merge sorts spans, joins those that overlap or touch, and widens each to
// whole UTF-8 characters of s.
func merge(spans []span, s string) []span {
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.start <= last.end {
			last.end = max(last.end, sp.end)
			continue
		}
		out = append(out, sp)
	}
	for i := range out {
		for out[i].start > 0 && !utf8.RuneStart(s[out[i].start]) {
			out[i].start--
		}
		for out[i].end < len(s) && !utf8.RuneStart(s[out[i].end]) {
			out[i].end++
		}
	}
	return out
}

// replaceSpans replaces each of spans (sorted, apart) in s with with.
func replaceSpans(s string, spans []span, with string) string {
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := 0
	for _, sp := range spans {
		if sp.start < prev {
			sp.start = prev
		}
		if sp.end <= sp.start {
			continue
		}
		b.WriteString(s[prev:sp.start])
		b.WriteString(with)
		prev = sp.end
	}
	b.WriteString(s[prev:])
	return b.String()
}

// decode reads r with one layer of escapes decoded: JSON and C-style
// backslash escapes (\" \n \u00e9 \x41), URL percent escapes, HTML
// entities (named, decimal, hex), and with plus a '+' as a space. changed
// is false when r has none.
func decode(r *reading, plus bool) (reading, bool) {
	b := r.b
	if bytes.IndexAny(b, `\%&`) < 0 && (!plus || bytes.IndexByte(b, '+') < 0) {
		return reading{}, false
	}
	out := newReading(len(b))
	changed := false
	var buf [8]byte
	for i := 0; i < len(b); {
		dec, n := escapeAt(b, i, plus, buf[:0])
		if n == 0 {
			out.push(b[i], r.source(i, i+1))
			i++
			continue
		}
		out.pushAll(dec, r.source(i, i+n))
		i += n
		changed = true
	}
	return out, changed
}

// escapeAt decodes the escape starting at b[i] into buf: the bytes it
// stands for, and how many bytes of b it took (0: none starts there).
func escapeAt(b []byte, i int, plus bool, buf []byte) ([]byte, int) {
	switch b[i] {
	case '+':
		if plus {
			return append(buf, ' '), 1
		}
	case '%':
		if i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
			return append(buf, unhex(b[i+1])<<4|unhex(b[i+2])), 3
		}
	case '\\':
		return backslashAt(b, i, buf)
	case '&':
		return entityAt(b, i, buf)
	}
	return nil, 0
}

// backslashEscapes are the one-letter escapes of JSON, JavaScript and C.
var backslashEscapes = map[byte]byte{
	'"': '"', '\\': '\\', '/': '/', '\'': '\'',
	'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f',
}

func backslashAt(b []byte, i int, buf []byte) ([]byte, int) {
	if i+1 >= len(b) {
		return nil, 0
	}
	if c, ok := backslashEscapes[b[i+1]]; ok {
		return append(buf, c), 2
	}
	switch b[i+1] {
	case 'x':
		if i+3 < len(b) && isHex(b[i+2]) && isHex(b[i+3]) {
			return append(buf, unhex(b[i+2])<<4|unhex(b[i+3])), 4
		}
	case 'u':
		r, ok := hex4(b, i+2)
		if !ok {
			return nil, 0
		}
		n := 6
		// A character outside the BMP is a surrogate pair: \ud83d\ude00.
		if utf16.IsSurrogate(r) && i+11 < len(b) && b[i+6] == '\\' && b[i+7] == 'u' {
			if lo, ok := hex4(b, i+8); ok {
				if pair := utf16.DecodeRune(r, lo); pair != unicode.ReplacementChar {
					r, n = pair, 12
				}
			}
		}
		return utf8.AppendRune(buf, r), n
	}
	return nil, 0
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		if !isHex(c) {
			return 0, false
		}
		r = r<<4 | rune(unhex(c))
	}
	return r, true
}

// entityAt decodes an HTML character reference: &#83; &#x53; (the
// semicolon optional, as browsers read it) or a named one, &amp;.
func entityAt(b []byte, i int, buf []byte) ([]byte, int) {
	j := i + 1
	if j < len(b) && b[j] == '#' {
		j++
		base := rune(10)
		if j < len(b) && (b[j] == 'x' || b[j] == 'X') {
			base, j = 16, j+1
		}
		start := j
		var r rune
		for j < len(b) && j-start < 8 && (isHex(b[j]) && base == 16 || b[j] >= '0' && b[j] <= '9') {
			r = r*base + rune(unhex(b[j]))
			j++
		}
		if j == start || r == 0 || !utf8.ValidRune(r) {
			return nil, 0
		}
		if j < len(b) && b[j] == ';' {
			j++
		}
		return utf8.AppendRune(buf, r), j - i
	}
	for j < len(b) && j-i <= 32 && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9') {
		j++
	}
	if j == i+1 || j >= len(b) || b[j] != ';' {
		return nil, 0
	}
	ref := string(b[i : j+1])
	dec := html.UnescapeString(ref)
	if dec == ref || len(dec) > cap(buf)-len(buf) {
		return nil, 0
	}
	return append(buf, dec...), j + 1 - i
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// compact reads r without white space, controls, invisible characters
// and HTML line breaks (<br>, <wbr>), which is how a secret split across
// lines reads whole; folded is the same in one letter case.
func compact(r *reading) (plain, folded reading) {
	b := r.b
	plain, folded = newReading(len(b)), newReading(len(b))
	for i := 0; i < len(b); {
		if n := lineBreakTag(b, i); n > 0 {
			i += n
			continue
		}
		c, size := utf8.DecodeRune(b[i:])
		src := r.source(i, i+size)
		switch {
		case c == utf8.RuneError && size == 1:
			plain.push(b[i], src)
			folded.push(b[i], src)
		case isGap(c):
		default:
			plain.pushAll(b[i:i+size], src)
			var enc [utf8.UTFMax]byte
			folded.pushAll(utf8.AppendRune(enc[:0], foldRune(c)), src)
		}
		i += size
	}
	return plain, folded
}

// foldCompact is s as the folded reading of compact reads it.
func foldCompact(s string) []byte {
	out := make([]byte, 0, len(s))
	b := []byte(s)
	for i := 0; i < len(b); {
		if n := lineBreakTag(b, i); n > 0 {
			i += n
			continue
		}
		c, size := utf8.DecodeRune(b[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			out = append(out, b[i])
		case !isGap(c):
			out = utf8.AppendRune(out, foldRune(c))
		}
		i += size
	}
	return out
}

// isGap is true for what may split a secret without being part of it:
// white space, control characters, and invisible format characters (zero
// width spaces and joiners, soft hyphens, bidirectional controls, tags).
func isGap(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' || r == 0x7f
	}
	return r <= 0xa0 || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// lineBreakTag is the length of an HTML <br>, <br/>, <br /> or <wbr> at
// b[i], in any letter case; 0 when there is none.
func lineBreakTag(b []byte, i int) int {
	if b[i] != '<' {
		return 0
	}
	for _, tag := range []string{"<br>", "<br/>", "<br />", "<wbr>", "<wbr/>"} {
		if i+len(tag) <= len(b) && strings.EqualFold(string(b[i:i+len(tag)]), tag) {
			return len(tag)
		}
	}
	return 0
}

// foldRune is the smallest rune of r's case orbit ('a' and 'A' give 'A';
// 's', 'S' and 'ſ' give 'S'), so two texts that differ only in letter
// case fold alike.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

// MaskEchoes masks the secrets of e wherever the answer echoed them: its
// body and header values (a header split in two is read as one), the
// scope and token type of a token response, and the server's parts of an
// APIError (whose hint is then written again from what is left, so that
// rotui's own words are never masked). The tokens themselves, in the body
// and in Tokens, are left byte for byte: they are the data the person
// asked for, signed, and a secret inside one is its data too.
func (x *Exchange) MaskEchoes(e *Echoes) {
	if x == nil || e.Empty() {
		return
	}
	changed := false
	if len(x.Body) > 0 {
		s := string(x.Body)
		if spans := e.find(s); len(spans) > 0 {
			x.Body = []byte(replaceSpans(s, without(spans, tokenValueSpans(x.Body)), Mask))
			changed = true
		}
	}
	changed = maskHeader(x.Header, e) || changed
	if t := x.Tokens; t != nil {
		t.Scope, t.TokenType = e.Mask(t.Scope), e.Mask(t.TokenType)
	}
	if ae, ok := x.Err.(*APIError); ok {
		// Read again from the masked answer: the error's parts are cut to
		// length, and an echo the cut falls across would leave its start.
		if changed && x.Status != 0 {
			*ae = *parseAPIError(ae.flow, x.Status, x.Header, x.Body, x.Started.Add(x.Latency))
		}
		ae.maskEchoes(e)
	}
}

// maskEchoes masks the server's parts of e; when any changed, the hint is
// written again from what is left (it quotes the redirect target).
func (ae *APIError) maskEchoes(e *Echoes) {
	changed := false
	fields := []*string{&ae.Code, &ae.Description, &ae.Body, &ae.Location, &ae.MFAToken}
	if s := ae.MFASettings; s != nil {
		fields = append(fields, &s.Provider, &s.Key, &s.URI)
	}
	for _, f := range fields {
		if m := e.Mask(*f); m != *f {
			*f, changed = m, true
		}
	}
	if s := ae.MFASettings; s != nil && s.URI != "" {
		s.URI = otpauthURI(s.URI) // a masked secret leaves no URI to enrol from
	}
	if changed {
		ae.Hint = hint(ae.flow, ae)
	}
}

// maskHeader masks echoes in the values of h, read as the Raw pane and the
// report list them (names sorted, values in order, one a line), so that a
// secret split across two values or two headers is found whole. It says
// whether it masked any.
func maskHeader(h http.Header, e *Echoes) bool {
	if len(h) == 0 {
		return false
	}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	type place struct {
		name     string
		i, start int
	}
	var all strings.Builder
	var places []place
	for _, k := range names {
		for i, v := range h[k] {
			places = append(places, place{k, i, all.Len()})
			all.WriteString(v)
			all.WriteByte('\n')
		}
	}
	spans := e.find(all.String())
	if len(spans) == 0 {
		return false
	}
	for _, p := range places {
		v := h[p.name][p.i]
		var local []span
		for _, sp := range spans {
			a, b := max(sp.start, p.start)-p.start, min(sp.end, p.start+len(v))-p.start
			if a < b {
				local = append(local, span{a, b})
			}
		}
		h[p.name][p.i] = replaceSpans(v, local, Mask)
	}
	return true
}

// tokenValueSpans are the spans of body holding the value of a token
// member (access_token, id_token, refresh_token, in any case) of a JSON
// object, inside the quotes.
func tokenValueSpans(body []byte) []span {
	members, _ := jsonMembers(body)
	var out []span
	for _, m := range members {
		if len(m.value) >= 2 && m.value[0] == '"' && (bytes.EqualFold(m.name, nameAccessToken) || bytes.EqualFold(m.name, nameIDToken) || bytes.EqualFold(m.name, nameRefreshToken)) {
			out = append(out, span{m.at + 1, m.at + len(m.value) - 1})
		}
	}
	return out
}

// jsonMember is one member of a JSON object: its name (unquoted), its raw
// value, and where the value starts in the object.
type jsonMember struct {
	name, value []byte
	at          int
}

// jsonMembers lists the members of the JSON object b, in order; ok is false
// when b is not one JSON object. It scans rather than decodes (see
// ParseTokenResponse).
func jsonMembers(b []byte) (members []jsonMember, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' || !json.Valid(b) {
		return nil, false
	}
	for i++; ; {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] == '}' {
			return members, true
		}
		ks := i
		i = skipValue(b, i)
		name := memberName(b[ks:i])
		i = skipSpace(b, skipSpace(b, i)+1)
		vs := i
		i = skipValue(b, i)
		members = append(members, jsonMember{name, b[vs:i], vs})
		if i = skipSpace(b, i); i < len(b) && b[i] == ',' {
			i++
		}
	}
}

// without cuts the protected spans out of spans (both sorted).
func without(spans, protected []span) []span {
	if len(protected) == 0 {
		return spans
	}
	var out []span
	for _, sp := range spans {
		for _, p := range protected {
			if p.end <= sp.start || p.start >= sp.end {
				continue
			}
			if p.start > sp.start {
				out = append(out, span{sp.start, p.start})
			}
			sp.start = p.end
			if sp.start >= sp.end {
				break
			}
		}
		if sp.start < sp.end {
			out = append(out, sp)
		}
	}
	return out
}
