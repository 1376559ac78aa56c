package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/rotui/rotui/ro"
)

// A pretty, coloured renderer for untrusted JSON. It streams tokens (so key
// order is kept and deep nesting costs no recursion), escapes every string
// through jwtview.Safe, and gives lines that are not yet fitted to a width.

// jsonIndent is the indentation per level.
const jsonIndent = "  "

// maxJSONLines stops a huge body from becoming a huge pane; what is cut is said.
const maxJSONLines = 20000

// prettyJSON renders b as indented, coloured lines. ok is false when b is
// not one JSON value (the caller shows it as text then). With redact, the
// values of token and secret fields and e-mail addresses are masked.
func prettyJSON(b []byte, st *Styles, redact bool) (lines []string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	lp := paintsOf(st) // a 1 MiB body has tens of thousands of tokens to colour

	type frame struct {
		obj      bool
		n        int    // elements so far
		wantKey  bool   // in an object, the next token is a key
		lastKey  string // the key of the value being read
		inObjVal bool
	}
	var (
		stack []frame
		cur   strings.Builder
		// values counts the values begun at the top level: a body of two
		// ("1 2", "{}{}") is not one JSON value, and drawn as one it would
		// read as something the server did not send ("12").
		values int
	)
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
	}
	indent := func(depth int) {
		for range depth {
			cur.WriteString(jsonIndent)
		}
	}
	// beginValue starts a value: on its own line in an array (or at the top),
	// after "key": in an object. It returns the key it belongs to.
	beginValue := func() string {
		if len(stack) == 0 {
			values++
			return ""
		}
		top := &stack[len(stack)-1]
		if top.obj {
			top.wantKey = true
			return top.lastKey
		}
		if top.n > 0 {
			cur.WriteByte(',')
		}
		flush()
		indent(len(stack))
		top.n++
		return ""
	}
	for {
		if len(lines) >= maxJSONLines {
			lines = append(lines, st.Muted.Render("… cut: the rest of the body is not shown"))
			return lines, true
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false
		}
		if len(stack) > 0 {
			if top := &stack[len(stack)-1]; top.obj && top.wantKey {
				if d, isDelim := tok.(json.Delim); isDelim && d == '}' {
					// closing an object, handled below
				} else if k, isKey := tok.(string); isKey {
					if top.n > 0 {
						cur.WriteByte(',')
					}
					flush()
					indent(len(stack))
					top.n++
					top.wantKey = false
					top.lastKey = k
					cur.WriteString(lp.key.on(`"` + safe(jsonEscaper.Replace(k)) + `"`))
					cur.WriteString(": ")
					continue
				}
			}
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				beginValue()
				cur.WriteByte(byte(v))
				stack = append(stack, frame{obj: v == '{', wantKey: v == '{'})
			case '}', ']':
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if top.n > 0 {
					flush()
					indent(len(stack))
				}
				cur.WriteByte(byte(v))
			}
		case string:
			key := beginValue()
			text := safe(jsonEscaper.Replace(v))
			if m, ok := redactValue(key, v); redact && ok {
				text = m
			}
			cur.WriteString(lp.str.on(`"` + text + `"`))
		case json.Number:
			beginValue()
			cur.WriteString(lp.num.on(safe(v.String())))
		case bool:
			beginValue()
			cur.WriteString(lp.lit.on(strconv.FormatBool(v)))
		case nil:
			beginValue()
			cur.WriteString(lp.lit.on("null"))
		}
	}
	if len(stack) != 0 || values != 1 {
		return nil, false
	}
	flush()
	// The first line is the empty one flushed before the top value.
	if len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	return lines, len(lines) > 0
}

// jsonEscaper puts back the escapes of a JSON string that the decoder
// took out, so that a quote in a value does not read as its end and what
// is drawn is the JSON that came (control characters are jwtview.Safe's).
var jsonEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// shouldRedact says whether presenter mode hides a JSON string value.
func shouldRedact(key, v string) bool {
	k := strings.ToLower(key)
	return strings.Contains(k, "token") || strings.Contains(k, "secret") ||
		strings.Contains(k, "password") || k == "code" || looksLikeEmail(v)
}

func looksLikeEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t")
}

// Presenter mode masks by kind. A token keeps its length: it says next to
// nothing (its format fixes it) and tells two tokens apart. A secret (a
// password, a client secret, a code, a cookie or credential header) or a
// person's detail (an e-mail address) shows nothing about itself, not even
// its length, which narrows a guess or names someone; nor does a token
// sent as a credential, already masked as ro.Mask, whose length would be
// the mask's.

// redactValue is how presenter mode shows the string value v of a field
// named key; ok is false when it is shown as it is.
func redactValue(key, v string) (shown string, ok bool) {
	if !shouldRedact(key, v) {
		return "", false
	}
	if strings.HasSuffix(strings.ToLower(key), "token") && v != ro.Mask && !looksLikeEmail(v) {
		return maskToken(v), true
	}
	return mask(v), true
}

// mask hides a secret or a person's detail: nothing of it shows, not even
// its length.
func mask(string) string { return "•••• (hidden)" }

// maskToken hides a token, keeping its length in characters.
func maskToken(v string) string {
	return "•••• (" + strconv.Itoa(chars(v)) + " characters hidden)"
}

// emailLike finds e-mail addresses in free text.
var emailLike = regexp.MustCompile(`[^\s"'<>,;:=&]+@[^\s"'<>,;:=&]+`)

// redactText masks the e-mail addresses of text that is not JSON (a proxy's
// page, a form-encoded body), for presenter mode.
func redactText(s string) string {
	return emailLike.ReplaceAllStringFunc(s, mask)
}
