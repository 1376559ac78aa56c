package ui

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/internal/jsonwalk"
	"github.com/rotui/rotui/ro"
)

// A pretty, coloured renderer for untrusted JSON. It streams tokens (so key
// order is kept and deep nesting costs no recursion), escapes every string
// through termsafe.Line, and gives lines that are not yet fitted to a width.

// jsonIndent is the indentation per level.
const jsonIndent = "  "

// maxJSONLines stops a huge body from becoming a huge pane; what is cut is said.
const maxJSONLines = 20000

// prettyJSON renders b as indented, coloured lines. ok is false when b is
// not one JSON value (the caller shows it as text then): a body of two
// ("1 2", "{}{}") drawn as one would read as something the server did not
// send ("12"). With redact, the values of token and secret fields and
// e-mail addresses are masked.
func prettyJSON(b []byte, st *Styles, redact bool) (lines []string, ok bool) {
	lp := paintsOf(st) // a 1 MiB body has tens of thousands of tokens to colour
	var cur strings.Builder
	newLine := func(depth int) {
		lines = append(lines, cur.String())
		cur.Reset()
		for range depth {
			cur.WriteString(jsonIndent)
		}
	}
	w := jsonwalk.New(b)
	for w.Next() {
		t := w.Token()
		// Every value inside another starts a line, after its name in an object.
		var key string
		if t.StartsValue() && t.Depth > 0 {
			if t.Index > 0 {
				cur.WriteByte(',')
			}
			newLine(t.Depth)
			if t.InObject {
				key = t.Key()
				cur.WriteString(lp.key.on(`"` + safe(jsonEscaper.Replace(key)) + `"`))
				cur.WriteString(": ")
			}
		}
		switch t.Kind {
		case jsonwalk.BeginObject, jsonwalk.BeginArray:
			cur.WriteByte(t.Raw[0])
		case jsonwalk.EndObject, jsonwalk.EndArray:
			if t.Len > 0 {
				newLine(t.Depth)
			}
			cur.WriteByte(t.Raw[len(t.Raw)-1])
		case jsonwalk.String:
			v := t.Value()
			text := safe(jsonEscaper.Replace(v))
			if redact {
				if m, ok := redactValue(key, v); ok {
					text = m
				}
			}
			cur.WriteString(lp.str.on(`"` + text + `"`))
		case jsonwalk.Number:
			cur.WriteString(lp.num.on(safe(string(t.Raw))))
		default: // true, false, null
			cur.WriteString(lp.lit.on(string(t.Raw)))
		}
		if len(lines) >= maxJSONLines {
			return append(lines, st.Muted.Render("… cut: the rest of the body is not shown")), true
		}
	}
	if w.Err() != nil {
		return nil, false
	}
	return append(lines, cur.String()), true
}

// jsonEscaper puts back the escapes of a JSON string that the decoder
// took out, so that a quote in a value does not read as its end and what
// is drawn is the JSON that came (control characters are termsafe.Line's).
var jsonEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

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
	switch inspect.FieldExposure(key, v) {
	case inspect.ExposureNone:
		return "", false
	case inspect.ExposureToken:
		if v != ro.Mask {
			return maskToken(v), true
		}
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
// Compiled on first use, so that commands without a screen start faster.
var emailLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^\s"'<>,;:=&]+@[^\s"'<>,;:=&]+`) })

// redactText masks the e-mail addresses of text that is not JSON (a proxy's
// page, a form-encoded body), for presenter mode.
func redactText(s string) string {
	return emailLike().ReplaceAllStringFunc(s, mask)
}
