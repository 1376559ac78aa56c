package ui

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/rotui/rotui/internal/jsonwalk"
)

// A pretty, coloured renderer for untrusted JSON. It streams tokens (so key
// order is kept and deep nesting costs no recursion), escapes every string
// through jwtview.Safe, and gives lines that are not yet fitted to a width.

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
			if redact && shouldRedact(key, v) {
				text = mask(v)
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

// mask hides a secret or personal value, keeping only its size.
func mask(v string) string {
	return "•••• (" + strconv.Itoa(len(v)) + " bytes hidden)"
}

// emailLike finds e-mail addresses in free text.
var emailLike = regexp.MustCompile(`[^\s"'<>,;:=&]+@[^\s"'<>,;:=&]+`)

// redactText masks the e-mail addresses of text that is not JSON (a proxy's
// page, a form-encoded body), for presenter mode.
func redactText(s string) string {
	return emailLike.ReplaceAllStringFunc(s, mask)
}
