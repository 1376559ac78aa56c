package inspect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"strings"

	"github.com/rotui/rotui/jwtview"
)

// Two tokens side by side: the rule of what differs between them, once, so
// that `rotui diff`, the TUI's Compare pane and the migration comparison
// say the same thing. A surface renders the rows and sentences of a
// Comparison; it compares nothing itself.

// Change says how one row (or one fact) of a comparison differs between the
// two sides.
type Change int

// The changes, as a row reads from the first side (A) to the second (B).
const (
	Same    Change = iota // both have it, with the same value
	Added                 // only B has it
	Removed               // only A has it
	Changed               // both have it, with different values
)

var changeWords = [...]string{Same: "same", Added: "added", Removed: "removed", Changed: "changed"}

// String names the change as the surfaces print it: "same", "added",
// "removed", "changed".
func (c Change) String() string {
	if c < 0 || int(c) >= len(changeWords) {
		return "changed"
	}
	return changeWords[c]
}

// MarshalText names the change for JSON, as String does.
func (c Change) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Part is where a compared row sits.
type Part int

// The parts: a token's header and payload, and (in a migration comparison)
// the request's body.
const (
	PartHeader Part = iota
	PartPayload
	PartRequest
)

var partWords = [...]string{PartHeader: "header", PartPayload: "payload", PartRequest: "request"}

// String names the part: "header", "payload", "request".
func (p Part) String() string {
	if p < 0 || int(p) >= len(partWords) {
		return "payload"
	}
	return partWords[p]
}

// MarshalText names the part for JSON, as String does.
func (p Part) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// Row is one header parameter, claim or request member of the two sides.
type Row struct {
	Part   Part
	Name   string
	Change Change
	// A and B are the member on each side, nil where that side has none.
	// Their Text is one line but not yet terminal-safe (it is what a token
	// or a server sent).
	A, B *jwtview.Field
	// Sentence says what the change means where the values alone do not:
	// a time claim compared as a time ("exp 10m0s later"), a member sent
	// twice, a request member renamed. Rotui's words, but it may quote a
	// name from the token, so renderers make it terminal-safe.
	Sentence string
}

// Fact is one aspect of the two tokens compared as a whole.
type Fact struct {
	Name   string // one of the Fact* names
	Change Change // Same or Changed
	Text   string // a sentence; it may quote the tokens, so renderers make it terminal-safe
}

// The names of a Comparison's facts, in the order they come.
const (
	FactKind      = "kind"
	FactLength    = "length"
	FactSignature = "signature"
	FactIssuer    = "issuer"
	FactLifetime  = "lifetime"
	// FactValue says whether the two are one token, where the rows cannot
	// show it: an opaque token or a JWE (no claims to compare), or two JWTs
	// whose header and claims are all the same but not their signature.
	FactValue = "value"
)

// Comparison is two tokens side by side: their header and payload row by
// row, in a stable order (the members in the order A sent them, then those
// only B has, in B's order), what they come to as a whole (kind, length,
// signature, issuer, lifetime), and why a part could not be compared.
type Comparison struct {
	A, B         *Token
	NameA, NameB string // what the sentences call each side: "A" and "B", or "ro" and "realm"
	Header       []Row  // nil when either header cannot be read
	Payload      []Row  // nil when either payload cannot be read
	Facts        []Fact
	// Limits say why a part was not compared: an opaque token has no
	// header or claims, a JWE's claims are encrypted, a malformed token's
	// broken part cannot be read. Rotui's words.
	Limits []string
}

// Compare compares two tokens, called A and B in its sentences. A nil token
// reads as no token at all (malformed); nothing panics.
func Compare(a, b *Token) *Comparison { return CompareNamed(a, b, "A", "B") }

// CompareNamed is Compare with the names the sentences give each side.
func CompareNamed(a, b *Token, nameA, nameB string) *Comparison {
	a, b = orEmpty(a), orEmpty(b)
	c := &Comparison{A: a, B: b, NameA: nameA, NameB: nameB}
	da, db := a.Decoded, b.Decoded
	c.Facts = append(c.Facts, c.kindFact(), c.lengthFact())
	for _, part := range []struct {
		name string
		rows *[]Row
		p    Part
		a, b []jwtview.Field
	}{
		{"header", &c.Header, PartHeader, da.Header, db.Header},
		{"payload", &c.Payload, PartPayload, da.Claims, db.Claims},
	} {
		ra, rb := Readable(da, part.name), Readable(db, part.name)
		if ra && rb {
			*part.rows = compareFields(part.p, part.a, part.b, nameA, nameB)
			continue
		}
		c.Limits = appendLimit(c.Limits, limitOf(da, part.name, nameA, ra))
		c.Limits = appendLimit(c.Limits, limitOf(db, part.name, nameB, rb))
	}
	if f, ok := c.valueFact(); ok {
		c.Facts = append(c.Facts, f)
	}
	if f, ok := c.signatureFact(); ok {
		c.Facts = append(c.Facts, f)
	}
	if f, ok := c.issuerFact(); ok {
		c.Facts = append(c.Facts, f)
	}
	if f, ok := c.lifetimeFact(); ok {
		c.Facts = append(c.Facts, f)
	}
	return c
}

// orEmpty is t, or an empty token (malformed: there is none) for nil.
func orEmpty(t *Token) *Token {
	if t != nil && t.Decoded != nil {
		return t
	}
	d := jwtview.Decode("")
	if t == nil {
		return &Token{Role: RolePasted, Decoded: d}
	}
	cp := *t
	cp.Decoded = d
	return &cp
}

// Readable reports whether the part of d named part ("header", "payload")
// was decoded as a JSON object that can be trusted to be what the token
// holds: an opaque token has neither, a JWE's payload is encrypted, and a
// malformed token shows only the parts that had no problem.
func Readable(d *jwtview.Token, part string) bool {
	if d == nil || d.Kind == jwtview.KindOpaque || d.Parts == nil {
		return false
	}
	if part == "payload" && d.Kind == jwtview.KindJWE {
		return false
	}
	for _, p := range d.Problems {
		if p.Part == part || p.Part == "token" {
			return false
		}
	}
	if part == "header" {
		return len(d.HeaderJSON) > 0
	}
	return len(d.ClaimsJSON) > 0
}

// limitOf says why the part of d (called name) is not compared, or "" when
// d's part was readable (the other side's limit says why).
func limitOf(d *jwtview.Token, part, name string, readable bool) string {
	if readable {
		return ""
	}
	switch {
	case d.Kind == jwtview.KindOpaque:
		return fmt.Sprintf("%s is opaque: it has no header or claims (only its issuer can look it up), so only its kind and length compare.", name)
	case d.Kind == jwtview.KindJWE && part == "payload":
		return fmt.Sprintf("%s is encrypted (JWE): its claims cannot be read without the recipient's private key, so only its header compares.", name)
	}
	for _, p := range d.Problems {
		if p.Part == "token" {
			return fmt.Sprintf("%s could not be read (%s), so only its kind and length compare.", name, strings.TrimSuffix(p.Message, "."))
		}
	}
	why := "it could not be read"
	for _, p := range d.Problems {
		if p.Part == part {
			why = p.Message
			break
		}
	}
	return fmt.Sprintf("%s's %s is not compared: %s.", name, part, strings.TrimSuffix(why, "."))
}

func appendLimit(ls []string, l string) []string {
	if l == "" {
		return ls
	}
	for _, x := range ls {
		if x == l {
			return ls
		}
	}
	return append(ls, l)
}

// compareFields lines up two lists of members by name: A's names in the
// order A sent them, then B's new ones in B's order. A name sent twice is
// compared by its last value, as JWT libraries read it, and says so.
func compareFields(part Part, a, b []jwtview.Field, nameA, nameB string) []Row {
	lastA, countA := lastIndex(a)
	lastB, countB := lastIndex(b)
	rows := make([]Row, 0, max(len(lastA), len(lastB)))
	add := func(name string) {
		r := Row{Part: part, Name: name}
		if i, ok := lastA[name]; ok {
			r.A = &a[i]
		}
		if i, ok := lastB[name]; ok {
			r.B = &b[i]
		}
		r.Change, r.Sentence = compareRow(r.A, r.B)
		var twice []string
		if countA[name] > 1 {
			twice = append(twice, nameA)
		}
		if countB[name] > 1 {
			twice = append(twice, nameB)
		}
		if len(twice) > 0 {
			r.Sentence = joinSentences(r.Sentence, "sent more than once by "+strings.Join(twice, " and ")+"; the last counts, as in most JWT libraries")
		}
		rows = append(rows, r)
	}
	for i, f := range a {
		if countA[f.Name] == 1 || firstIndex(a, f.Name) == i {
			add(f.Name)
		}
	}
	for i, f := range b {
		if _, inA := lastA[f.Name]; !inA && (countB[f.Name] == 1 || firstIndex(b, f.Name) == i) {
			add(f.Name)
		}
	}
	return rows
}

// lastIndex maps each name to where it was last sent, and counts each.
func lastIndex(fs []jwtview.Field) (map[string]int, map[string]int) {
	last := make(map[string]int, len(fs))
	count := make(map[string]int, len(fs))
	for i, f := range fs {
		last[f.Name] = i
		count[f.Name]++
	}
	return last, count
}

func firstIndex(fs []jwtview.Field, name string) int {
	for i, f := range fs {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// compareRow decides how one member differs, and the sentence that goes with
// a time compared as a time.
func compareRow(a, b *jwtview.Field) (Change, string) {
	switch {
	case a == nil && b == nil:
		return Same, ""
	case a == nil:
		return Added, ""
	case b == nil:
		return Removed, ""
	}
	same := bytes.Equal(a.Raw, b.Raw) || SameJSON(a.Value, b.Value)
	if !a.IsTime || !b.IsTime {
		if same {
			return Same, ""
		}
		return Changed, ""
	}
	// In seconds: a Duration stops at about 292 years.
	d := jwtview.SecondsBetween(a.Time, b.Time)
	switch {
	case same:
		return Same, ""
	case b.Time.Equal(a.Time):
		return Changed, a.Name + " the same time, written differently"
	case b.Time.After(a.Time):
		return Changed, a.Name + " " + jwtview.FormatSeconds(d) + " later"
	}
	return Changed, a.Name + " " + jwtview.FormatSeconds(d) + " earlier"
}

func joinSentences(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// SameJSON reports whether two JSON values as jwtview decodes them
// (map[string]any, []any, string, json.Number, bool, nil) are the same
// value: numbers by value (1, 1.0 and 1e0 are one number), objects whatever
// the order of their members.
func SameJSON(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case json.Number:
		y, ok := b.(json.Number)
		return ok && sameNumber(x, y)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !SameJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !SameJSON(v, w) {
				return false
			}
		}
		return true
	}
	return false
}

func sameNumber(a, b json.Number) bool {
	if a == b {
		return true
	}
	ka, okA := canonicalNumber(string(a))
	kb, okB := canonicalNumber(string(b))
	return okA && okB && ka == kb
}

// canonicalNumber writes a JSON number as its sign, its significant digits
// and a decimal exponent ("12e3" for 12000, 1.2e4 and 12000.0), so that
// one value reads the same whatever its form. The exponent is a big.Int:
// a hostile 1e99999999999999999999 costs a few bytes, never a power of ten.
func canonicalNumber(s string) (string, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, expText := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expText = s[:i], s[i+1:]
	}
	whole, frac, _ := strings.Cut(mant, ".")
	digits := whole + frac
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", false
		}
	}
	exp := big.NewInt(-int64(len(frac)))
	if expText != "" {
		e, ok := new(big.Int).SetString(expText, 10)
		if !ok {
			return "", false
		}
		exp.Add(exp, e)
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return "0", true // -0 and 0e5 are zero
	}
	trimmed := strings.TrimRight(digits, "0")
	exp.Add(exp, big.NewInt(int64(len(digits)-len(trimmed))))
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + trimmed + "e" + exp.String(), true
}

// kindWords name a kind in a sentence, with its article.
var kindWords = [...]string{
	jwtview.KindMalformed: "malformed (not a token rotui can read)",
	jwtview.KindJWS:       "a signed JWT (JWS)",
	jwtview.KindJWE:       "an encrypted JWT (JWE)",
	jwtview.KindOpaque:    "opaque",
}

// bothKindWords name two tokens of one kind.
var bothKindWords = [...]string{
	jwtview.KindMalformed: "malformed",
	jwtview.KindJWS:       "signed JWTs (JWS)",
	jwtview.KindJWE:       "encrypted JWTs (JWE)",
	jwtview.KindOpaque:    "opaque",
}

// The words of a JWS with alg none, which nothing signed (KindText).
const (
	unsignedWords     = "an unsigned JWT (alg none)"
	bothUnsignedWords = "unsigned JWTs (alg none)"
)

// kindText names d's kind in a sentence, with its article.
func kindText(d *jwtview.Token) string {
	k := d.Kind
	switch {
	case Unsigned(d):
		return unsignedWords
	case k < 0 || int(k) >= len(kindWords):
		return "malformed"
	}
	return kindWords[k]
}

func (c *Comparison) kindFact() Fact {
	da, db := c.A.Decoded, c.B.Decoded
	ka, kb := da.Kind, db.Kind
	// A JWS with alg none is another kind to a reader: nothing signed it.
	if ka == kb && Unsigned(da) == Unsigned(db) && ka >= 0 && int(ka) < len(bothKindWords) {
		both := bothKindWords[ka]
		if Unsigned(da) {
			both = bothUnsignedWords
		}
		return Fact{Name: FactKind, Change: Same, Text: "Both are " + both + "."}
	}
	return Fact{Name: FactKind, Change: Changed, Text: fmt.Sprintf("%s is %s, %s is %s.", c.NameA, kindText(da), c.NameB, kindText(db))}
}

func (c *Comparison) lengthFact() Fact {
	la, lb := c.A.Decoded.Size, c.B.Decoded.Size
	if la == lb {
		return Fact{Name: FactLength, Change: Same, Text: fmt.Sprintf("Both are %s long.", Characters(la))}
	}
	return Fact{Name: FactLength, Change: Changed, Text: fmt.Sprintf("%s is %s long, %s %s.", c.NameA, Characters(la), c.NameB, Characters(lb))}
}

// SameSubject says whether A and B are about the same user: both carry sub
// and it did not change. ok is false when either lacks a readable sub.
func (c *Comparison) SameSubject() (same, ok bool) {
	for _, r := range c.Payload {
		if r.Name == "sub" && r.A != nil && r.B != nil {
			return r.Change == Same, true
		}
	}
	return false, false
}

// Characters is a token's length in words: "1 character", "684 characters".
func Characters(n int) string {
	if n == 1 {
		return "1 character"
	}
	return fmt.Sprintf("%d characters", n)
}

// valueFact says whether A and B, of one kind, are the same token, when no
// row can: the claims of an opaque token or a JWE are not compared, so two
// different ones would otherwise read as alike, and two JWTs with every row
// the same may still carry different signatures. None when the rows (or
// the kinds) show it.
func (c *Comparison) valueFact() (Fact, bool) {
	if c.A.Decoded.Kind != c.B.Decoded.Kind {
		return Fact{}, false // two kinds are two tokens: the kind says so
	}
	same := c.A.Decoded.Raw == c.B.Decoded.Raw
	switch {
	case c.Payload == nil && same:
		return Fact{Name: FactValue, Change: Same, Text: "The same token."}, true
	case c.Payload == nil:
		return Fact{Name: FactValue, Change: Changed, Text: "Different tokens."}, true
	case !same && c.Count(Same) == len(c.Header)+len(c.Payload):
		return Fact{Name: FactValue, Change: Changed, Text: "Different tokens, though every header member and claim is the same: another signature, or the same values written differently."}, true
	}
	return Fact{}, false
}

// signatureFact compares how each token is signed (alg and kid, for a JWS
// or a JWE's header) and, where a verification was made, its outcome.
// None when neither token has a header to read.
func (c *Comparison) signatureFact() (Fact, bool) {
	ha, hb := Readable(c.A.Decoded, "header"), Readable(c.B.Decoded, "header")
	if !ha && !hb {
		return Fact{}, false
	}
	sa, sb := signingOf(c.A, ha), signingOf(c.B, hb)
	if sa == sb {
		return Fact{Name: FactSignature, Change: Same, Text: "Both " + sa + "."}, true
	}
	return Fact{Name: FactSignature, Change: Changed, Text: fmt.Sprintf("%s %s; %s %s.", c.NameA, sa, c.NameB, sb)}, true
}

// signingOf words how t is signed: "signed RS256 with key k1, verified".
func signingOf(t *Token, readable bool) string {
	d := t.Decoded
	if !readable {
		if d.Kind == jwtview.KindOpaque {
			return "has no signature (opaque)"
		}
		return "has no header that could be read"
	}
	if Unsigned(d) {
		return "unsigned (alg none)" // never verified, whatever was asked
	}
	verb := "signed"
	if d.Kind == jwtview.KindJWE {
		verb = "encrypted"
	}
	alg := d.Alg()
	if alg == "" {
		alg = "with no alg named"
	}
	s := verb + " " + alg
	if kid := d.Kid(); kid != "" {
		s += " with key " + kid
	}
	if d.Kind != jwtview.KindJWS {
		return s
	}
	if t.Verification == nil {
		return s + ", not checked"
	}
	switch t.Verification.Check(jwtview.CheckSignature).Outcome {
	case jwtview.Passed:
		return s + ", verified"
	case jwtview.Failed:
		return s + ", failed verification"
	}
	return s + ", not checked"
}

// issuerFact compares the iss claims: the same issuer, the same tenant
// written differently (a check expecting one refuses the other), or two
// tenants. None when neither payload can be read.
func (c *Comparison) issuerFact() (Fact, bool) {
	pa, pb := Readable(c.A.Decoded, "payload"), Readable(c.B.Decoded, "payload")
	if !pa || !pb {
		return Fact{}, false
	}
	ia, ib := c.A.Decoded.ClaimString("iss"), c.B.Decoded.ClaimString("iss")
	switch {
	case ia == "" && ib == "":
		return Fact{Name: FactIssuer, Change: Same, Text: "Neither names an issuer (iss)."}, true
	case ia == ib:
		return Fact{Name: FactIssuer, Change: Same, Text: "The same issuer (" + ia + ") in both."}, true
	case ia == "" || ib == "":
		name, iss := c.NameA, ia
		if ia == "" {
			name, iss = c.NameB, ib
		}
		return Fact{Name: FactIssuer, Change: Changed, Text: fmt.Sprintf("Only %s names an issuer (%s).", name, iss)}, true
	case sameTenant(ia, ib):
		return Fact{Name: FactIssuer, Change: Changed, Text: fmt.Sprintf("The same tenant, but iss is written differently (%s against %s): a check that expects one refuses the other.", ia, ib)}, true
	}
	return Fact{Name: FactIssuer, Change: Changed, Text: fmt.Sprintf("Different issuers: %s against %s; a client that trusts one does not accept the other's tokens.", ia, ib)}, true
}

// sameTenant reports whether two issuers name one host (Auth0's issuer is
// its base URL; a trailing slash or a letter's case is a difference in
// writing, not in tenant).
func sameTenant(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	return errA == nil && errB == nil && ua.Host != "" && strings.EqualFold(ua.Host, ub.Host)
}

// lifetimeFact compares exp − iat of each token, or the life an
// opaque access token's expires_in gave it. None when neither is known.
func (c *Comparison) lifetimeFact() (Fact, bool) {
	la, lb := lifetimeLength(c.A.Lifetime), lifetimeLength(c.B.Lifetime)
	switch {
	case la <= 0 && lb <= 0:
		return Fact{}, false
	case la <= 0 || lb <= 0:
		name, l := c.NameA, la
		if la <= 0 {
			name, l = c.NameB, lb
		}
		return Fact{Name: FactLifetime, Change: Changed, Text: fmt.Sprintf("Only %s's lifetime is known: %s.", name, jwtview.FormatSeconds(l))}, true
	case la == lb:
		return Fact{Name: FactLifetime, Change: Same, Text: "Both live " + jwtview.FormatSeconds(la) + "."}, true
	}
	longer, by := c.NameB, lb-la
	if lb < la {
		longer, by = c.NameA, la-lb
	}
	return Fact{Name: FactLifetime, Change: Changed, Text: fmt.Sprintf("%s lives %s, %s %s: %s's is %s longer.",
		c.NameA, jwtview.FormatSeconds(la), c.NameB, jwtview.FormatSeconds(lb), longer, jwtview.FormatSeconds(by))}, true
}

// lifetimeLength is exp − iat in seconds (a Duration stops at about 292
// years), or from nbf when there is no iat; zero when either end is
// unknown (or exp comes first: no lifetime at all).
func lifetimeLength(l jwtview.Lifetime) int64 {
	if !l.IssuedAt.IsZero() && !l.ExpiresAt.IsZero() {
		return jwtview.SecondsBetween(l.IssuedAt, l.ExpiresAt)
	}
	return l.TotalSeconds()
}

// Identical reports whether A and B are the same token, character for
// character.
func (c *Comparison) Identical() bool { return c.A.Decoded.Raw == c.B.Decoded.Raw }

// Differences counts the rows and facts that are not the same; a token
// compared with itself has none.
func (c *Comparison) Differences() int {
	n := len(c.Header) + len(c.Payload) - c.Count(Same)
	for _, f := range c.Facts {
		if f.Change != Same {
			n++
		}
	}
	return n
}

// Rows are the header's rows, then the payload's.
func (c *Comparison) Rows() []Row {
	out := make([]Row, 0, len(c.Header)+len(c.Payload))
	return append(append(out, c.Header...), c.Payload...)
}

// Count is how many rows changed as ch.
func (c *Comparison) Count(ch Change) int {
	return CountChanges(c.Header)[ch] + CountChanges(c.Payload)[ch]
}

// CountChanges counts rows by how they changed: a comparison's part, or a
// migration's request rows.
func CountChanges(rows []Row) map[Change]int {
	n := map[Change]int{}
	for _, r := range rows {
		n[r.Change]++
	}
	return n
}

// Times are the sentences of the time claims that differ ("exp 10m0s
// later"), in the order of the rows.
func (c *Comparison) Times() []string {
	var out []string
	for _, r := range c.Payload {
		if r.Change == Changed && r.A != nil && r.A.IsTime && r.B != nil && r.B.IsTime {
			out = append(out, r.Sentence)
		}
	}
	return out
}

// Fact is the fact named name, and whether the comparison has it.
func (c *Comparison) Fact(name string) (Fact, bool) {
	for _, f := range c.Facts {
		if f.Name == name {
			return f, true
		}
	}
	return Fact{}, false
}
