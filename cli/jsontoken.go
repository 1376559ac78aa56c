package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"time"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
)

// tokenJSON is one decoded token as every --json shows it (`rotui decode`
// at the top level, `rotui login` under tokens.decoded): the header and
// payload as the token holds them, so that `jq .payload.email` reads what a
// peer tool would, beside rotui's annotations of the same members. Field
// names are documented in docs/json.md; a test holds the two together.
type tokenJSON struct {
	Kind        jwtview.Kind `json:"kind"`
	Description string       `json:"description"`
	Length      int          `json:"length"`
	// Header and Payload are the token's own JSON objects, member for
	// member in the order sent, each value exactly as written (1e400 stays
	// 1e400); null when the token has none that could be read (an opaque
	// token; a JWE's payload is encrypted).
	Header       *memberObject    `json:"header"`
	Payload      *memberObject    `json:"payload"`
	Signature    signatureJSON    `json:"signature"`
	Annotations  annotationsJSON  `json:"annotations"`
	Problems     []problemJSON    `json:"problems"`
	Notes        []string         `json:"notes"`
	Expiry       *expiryJSON      `json:"expiry,omitempty"`
	Verification verificationJSON `json:"verification"`
}

type (
	signatureJSON struct {
		Present   bool   `json:"present"`
		Algorithm string `json:"algorithm"`
		Length    int    `json:"length"` // bytes, decoded
		Verified  bool   `json:"verified"`
		Reason    string `json:"reason"` // why it is (not) verified
	}
	annotationsJSON struct {
		Header  []fieldJSON `json:"header"`
		Payload []fieldJSON `json:"payload"`
	}
	verificationJSON struct {
		Requested  bool            `json:"requested"`
		AskedFor   []string        `json:"asked_for"`
		OK         bool            `json:"ok"`
		Verdict    jwtview.Verdict `json:"verdict"`
		KeyID      string          `json:"key_id,omitempty"`
		KeySource  string          `json:"key_source,omitempty"`
		FetchError string          `json:"fetch_error,omitempty"`
		Checks     []checkJSON     `json:"checks"`
	}
	checkJSON struct {
		Name    string          `json:"name"`
		Outcome jwtview.Outcome `json:"outcome"`
		Reason  string          `json:"reason"`
		Unmade  bool            `json:"unmade"` // asked for, but it could not be made
	}
	problemJSON struct {
		Part    string `json:"part"`
		Message string `json:"message"`
	}
	fieldJSON struct {
		Name     string          `json:"name"`
		Value    json.RawMessage `json:"value"`
		Text     string          `json:"text"`
		Note     string          `json:"note,omitempty"`
		Time     *time.Time      `json:"time,omitempty"`
		Relative string          `json:"relative,omitempty"`
	}
	expiryJSON struct {
		State       jwtview.ExpiryState `json:"state"`
		Text        string              `json:"text"`
		IssuedAt    *time.Time          `json:"issued_at,omitempty"`
		NotBefore   *time.Time          `json:"not_before,omitempty"`
		ExpiresAt   *time.Time          `json:"expires_at,omitempty"`
		SecondsLeft *int64              `json:"seconds_left,omitempty"`
		SecondsAgo  *int64              `json:"seconds_ago,omitempty"`
		Used        *float64            `json:"used,omitempty"`
		// FromExpiresIn: an opaque access token's life, from the answer's
		// expires_in counted from when the request went out.
		FromExpiresIn bool `json:"from_expires_in,omitempty"`
	}
)

// memberObject writes fields as one JSON object in their order, each value
// its raw bytes: encoding/json would sort a map and round a float64.
type memberObject []memberJSON

type memberJSON struct {
	Name string
	Raw  json.RawMessage
}

// MarshalJSON writes {"name":raw,…}; a name sent twice is written twice, as
// the token holds it (its annotation carries the note).
func (m memberObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(f.Name)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(f.Raw)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// tokenJSONOptions are what differs between the commands rendering a token.
type tokenJSONOptions struct {
	Now time.Time
	// Checks is the verification to show: decode's, or the one a login's
	// --report made; nil makes the checks that need no key (times).
	Checks *jwtview.Verification
	// Clean masks the request's secrets in what a server sent (login); nil
	// leaves text as it is.
	Clean func(string) string
}

// newTokenJSON renders t for --json; t must not be nil.
func newTokenJSON(t *inspect.Token, o tokenJSONOptions) tokenJSON {
	clean := o.Clean
	if clean == nil {
		clean = func(s string) string { return s }
	}
	d := t.Decoded
	v := jwtview.Verification{}
	if o.Checks != nil {
		v = *o.Checks
	} else if t.Verification != nil {
		v = *t.Verification
	} else {
		// No key source: jwtview makes the time checks and reaches no network.
		v = jwtview.Verify(context.Background(), d, jwtview.VerifyOptions{Now: o.Now})
	}
	out := tokenJSON{
		Kind:        d.Kind,
		Description: d.Describe(),
		Length:      d.Size,
		Annotations: annotationsJSON{
			Header:  fieldsJSON(d.Header, o.Now, clean),
			Payload: fieldsJSON(d.Claims, o.Now, clean),
		},
		Problems:     []problemJSON{},
		Notes:        append([]string{}, d.Notes...),
		Signature:    signatureOf(d, v),
		Verification: verificationOf(v, clean),
	}
	if inspect.Readable(d, "header") {
		out.Header = membersOf(d.Header, clean)
	}
	if inspect.Readable(d, "payload") {
		out.Payload = membersOf(d.Claims, clean)
	}
	for _, p := range d.Problems {
		out.Problems = append(out.Problems, problemJSON{Part: p.Part, Message: clean(p.Message)})
	}
	if d.Kind == jwtview.KindJWS || t.LifeFromExpiresIn {
		out.Expiry = expiryOf(t.Lifetime, t.Lifetime.At(o.Now))
		out.Expiry.FromExpiresIn = t.LifeFromExpiresIn
	}
	return out
}

// membersOf is fields as an object; a value in which clean finds a secret
// is masked, as a JSON string when the masked text is no longer JSON.
func membersOf(fs []jwtview.Field, clean func(string) string) *memberObject {
	m := make(memberObject, 0, len(fs))
	for _, f := range fs {
		m = append(m, memberJSON{Name: f.Name, Raw: cleanRaw(f.Raw, clean)})
	}
	return &m
}

func cleanRaw(raw json.RawMessage, clean func(string) string) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	s := clean(string(raw))
	if s == string(raw) {
		return raw
	}
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}

func fieldsJSON(fs []jwtview.Field, now time.Time, clean func(string) string) []fieldJSON {
	out := make([]fieldJSON, 0, len(fs))
	for _, f := range fs {
		j := fieldJSON{Name: f.Name, Value: cleanRaw(f.Raw, clean), Text: clean(f.Text), Note: f.Note}
		if f.IsTime {
			tm := f.Time
			j.Time, j.Relative = &tm, jwtview.Relative(tm, now)
		}
		out = append(out, j)
	}
	return out
}

// signatureKinds word what a token without a signature to check is. An
// array, not a map: it costs nothing at start-up.
var signatureKinds = [...]string{
	jwtview.KindJWE:       "a JWE is encrypted, not signed: only its recipient's private key opens it",
	jwtview.KindOpaque:    "an opaque token carries no signature: only its issuer can say whether it is valid",
	jwtview.KindMalformed: "the token could not be read",
}

func signatureOf(d *jwtview.Token, v jwtview.Verification) signatureJSON {
	s := signatureJSON{Length: len(d.Signature), Present: len(d.Signature) > 0}
	if d.Kind == jwtview.KindJWS {
		for _, f := range d.Header {
			if a, ok := f.Value.(string); ok && f.Name == "alg" {
				s.Algorithm = a
			}
		}
	}
	c := v.Check(jwtview.CheckSignature)
	s.Verified = c.Outcome == jwtview.Passed
	s.Reason = c.Reason
	if s.Reason == "" && int(d.Kind) >= 0 && int(d.Kind) < len(signatureKinds) {
		s.Reason = signatureKinds[d.Kind]
	}
	if s.Reason == "" {
		s.Reason = "not checked: no key was given"
	}
	return s
}

func verificationOf(v jwtview.Verification, clean func(string) string) verificationJSON {
	out := verificationJSON{
		Requested: len(v.Requested) > 0,
		AskedFor:  append([]string{}, v.Requested...),
		OK:        v.OK(),
		Verdict:   v.Verdict(),
		KeyID:     v.KeyID,
		KeySource: v.KeySource,
		Checks:    []checkJSON{},
	}
	if v.FetchError != nil {
		out.FetchError = clean(v.FetchError.Error())
	}
	for _, c := range v.Checks {
		out.Checks = append(out.Checks, checkJSON{Name: c.Name, Outcome: c.Outcome, Reason: clean(c.Reason), Unmade: c.Unmade})
	}
	return out
}

func expiryOf(l jwtview.Lifetime, e jwtview.Expiry) *expiryJSON {
	j := &expiryJSON{State: e.State, Text: e.String()}
	ptr := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		return &t
	}
	j.IssuedAt, j.NotBefore, j.ExpiresAt = ptr(l.IssuedAt), ptr(l.NotBefore), ptr(l.ExpiresAt)
	switch e.State {
	case jwtview.Valid, jwtview.NotYetValid:
		s := max(int64(e.Left/time.Second), e.LeftSeconds)
		j.SecondsLeft = &s
	case jwtview.Expired:
		s := max(int64(e.Ago/time.Second), e.AgoSeconds)
		j.SecondsAgo = &s
	}
	if e.HasBounds {
		// A share of the lifetime, to a millionth: float noise such as
		// 0.0000030842650000000004 says nothing more.
		u := math.Round(e.Used*1e6) / 1e6
		j.Used = &u
	}
	return j
}

// decodedTokensJSON is tokens.decoded of `rotui login --json`: each token
// of the answer, named as the answer names it.
type decodedTokensJSON struct {
	AccessToken  *tokenJSON `json:"access_token,omitempty"`
	IDToken      *tokenJSON `json:"id_token,omitempty"`
	RefreshToken *tokenJSON `json:"refresh_token,omitempty"`
}

// newDecodedTokensJSON renders every token of insp; the request's secrets are
// masked in them as in the rest of the answer (a hostile server may put the
// password in a claim). Nil when insp holds none.
func newDecodedTokensJSON(insp *inspect.Inspection, rd redactor, now time.Time) *decodedTokensJSON {
	if insp == nil || len(insp.Tokens) == 0 {
		return nil
	}
	out := &decodedTokensJSON{}
	slots := map[inspect.Role]**tokenJSON{
		inspect.RoleAccess: &out.AccessToken, inspect.RoleID: &out.IDToken, inspect.RoleRefresh: &out.RefreshToken,
	}
	for _, t := range insp.Tokens {
		if slot := slots[t.Role]; slot != nil {
			j := newTokenJSON(t, tokenJSONOptions{Now: now, Clean: rd.clean})
			*slot = &j
		}
	}
	return out
}
