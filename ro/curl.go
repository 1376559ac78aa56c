package ro

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/rotui/rotui/internal/jsonwalk"
)

// Mask is what a secret is shown as; it never depends on the secret's length.
const Mask = "********"

// secretFields are the body fields whose values are masked: the secrets a
// person typed, and the tokens sent as credentials (a refresh token to
// refresh or revoke, an ID token for delegation or /tokeninfo).
var secretFields = map[string]bool{
	"password":      true,
	"client_secret": true,
	"refresh_token": true,
	"id_token":      true,
	"mfa_code":      true,
	"otp":           true,
	"token":         true, // the token to revoke (POST /oauth/revoke)
}

// Secrets lists the credentials s carries: the credential of its
// Authorization and Proxy-Authorization headers (without the scheme), its
// cookies, and the values of the secret fields of its body (JSON or
// form-encoded) and of its URL's query. Its answer is searched for each of
// them (NewEchoes), whichever field carried it.
func (s SentRequest) Secrets() []string {
	var out []string
	for _, k := range []string{"Authorization", "Proxy-Authorization", "Cookie"} {
		for _, v := range s.Header.Values(k) {
			v = strings.TrimSpace(v)
			if _, cred, ok := strings.Cut(v, " "); ok && k != "Cookie" {
				v = strings.TrimSpace(cred)
			}
			out = append(out, v)
		}
	}
	fields := func(q url.Values) {
		for k, vs := range q {
			if secretFields[strings.ToLower(k)] {
				out = append(out, vs...)
			}
		}
	}
	if members, ok := jsonMembers(s.Body); ok {
		for _, m := range members {
			if secretFields[strings.ToLower(string(m.name))] {
				out = append(out, jsonString(m.value))
			}
		}
	} else if q, err := url.ParseQuery(string(s.Body)); err == nil {
		fields(q)
	}
	if _, query, ok := strings.Cut(s.URL, "?"); ok {
		if q, err := url.ParseQuery(query); err == nil {
			fields(q)
		}
	}
	return out
}

// Masked returns a copy with password, bearer, client_secret (and any other
// secret) masked, in the body (JSON or form-encoded) and in the headers.
// The field order of the body is kept.
func (s SentRequest) Masked() SentRequest {
	m := SentRequest{Method: s.Method, URL: maskURL(s.URL), Header: s.Header.Clone()}
	for k, vs := range m.Header {
		switch http.CanonicalHeaderKey(k) {
		case "Authorization", "Proxy-Authorization":
			for i, v := range vs {
				scheme, _, found := strings.Cut(v, " ")
				if found {
					vs[i] = scheme + " " + Mask
				} else {
					vs[i] = Mask
				}
			}
		case "Cookie":
			for i := range vs {
				vs[i] = Mask
			}
		}
	}
	m.Body = maskBody(s.Body, s.Header.Get("Content-Type"))
	return m
}

// maskURL hides secrets a query string might carry.
func maskURL(raw string) string {
	q := strings.IndexByte(raw, '?')
	if q < 0 {
		return raw
	}
	return raw[:q+1] + string(maskForm([]byte(raw[q+1:])))
}

func maskBody(body []byte, contentType string) []byte {
	if len(body) == 0 {
		return nil
	}
	if strings.Contains(strings.ToLower(contentType), "x-www-form-urlencoded") {
		return maskForm(body)
	}
	if masked, ok := maskJSON(body); ok {
		return masked
	}
	// A body that cannot be read cannot be proven free of secrets.
	return []byte("[body hidden: it could not be read to mask its secrets]")
}

// maskForm masks secret fields of a form-encoded body, keeping order and the rest byte for byte.
func maskForm(body []byte) []byte {
	parts := strings.Split(string(body), "&")
	for i, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if secretFields[strings.ToLower(name)] {
			parts[i] = k + "=" + Mask // '*' needs no escaping in a form
		}
	}
	return []byte(strings.Join(parts, "&"))
}

// maskJSON masks the secret fields of a JSON object, whatever their values,
// keeping its field order; ok is false when body is not exactly one object.
func maskJSON(body []byte) ([]byte, bool) {
	members, err := jsonwalk.Members(body)
	if err != nil {
		return nil, false
	}
	var out bytes.Buffer
	out.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			out.WriteByte(',')
		}
		name, _ := json.Marshal(m.Key)
		out.Write(name)
		out.WriteByte(':')
		if secretFields[strings.ToLower(m.Key)] {
			out.WriteString(`"` + Mask + `"`)
		} else if json.Compact(&out, m.Value) != nil {
			return nil, false // nested deeper than encoding/json reads
		}
	}
	out.WriteByte('}')
	return out.Bytes(), true
}

// Curl renders the request as a curl command a shell runs as is; secrets are
// masked unless reveal. Every argument is single-quoted, so nothing in it is
// expanded by the shell.
func (s SentRequest) Curl(reveal bool) string {
	args := s.curlArgs(reveal)
	var b strings.Builder
	b.WriteString("curl")
	for i, a := range args {
		if i > 0 {
			b.WriteString(" \\\n ")
		}
		b.WriteString(" " + a.flag + " " + ShellQuote(a.value))
	}
	return b.String()
}

// curlArg is one option of the curl command and its value, unquoted.
type curlArg struct{ flag, value string }

// curlArgs are the options of the curl command, in the order written:
// method, URL, headers sorted by name, body.
func (s SentRequest) curlArgs(reveal bool) []curlArg {
	if !reveal {
		s = s.Masked()
	}
	args := []curlArg{{"--request", s.Method}, {"--url", s.URL}}
	keys := make([]string, 0, len(s.Header))
	for k := range s.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range s.Header[k] {
			args = append(args, curlArg{"--header", k + ": " + v})
		}
	}
	if len(s.Body) > 0 {
		args = append(args, curlArg{"--data-raw", string(s.Body)})
	}
	return args
}

// CurlLines lays the command Curl gives out in lines of at most width
// cells, for a screen a person copies from with the mouse. A line breaks
// only between arguments (continued with " \", as Curl's are), and a JSON
// body too long for its line is spread over lines inside its single quotes,
// a member a line (nested values too, as far as needed, and a long value
// on the line after its name): a shell keeps the breaks inside the quotes
// and JSON allows them between tokens. An option whose value does not fit
// on its line has the value on the next. So the
// lines joined with "\n" are a command a shell runs with the arguments of
// Curl's, the body differing only in whitespace between JSON tokens.
//
// Nothing is ever inserted into an argument to make it fit: a line stays
// longer than width where one piece of it cannot be broken (a long JSON
// string such as a revealed token, a URL, a header, a form body). Each line
// holds no newline; the caller cuts what is still too wide.
func (s SentRequest) CurlLines(reveal bool, width int) []string {
	args := s.curlArgs(reveal)
	var out []string
	for i, a := range args {
		first, last := "curl ", " \\"
		if i > 0 {
			first = "  "
		}
		if i == len(args)-1 {
			last = ""
		}
		line := first + a.flag + " " + ShellQuote(a.value) + last
		if textWidth(line) > width && a.flag == "--data-raw" {
			if lines, ok := jsonLines([]byte(a.value), first, a.flag+" '", "'"+last, width, 0); ok {
				out = append(out, lines...)
				continue
			}
		}
		if textWidth(line) > width && i > 0 {
			// The option and its value are two words: the value
			// may start a line of its own.
			line = first + a.flag + " \\\n" + first + "  " + ShellQuote(a.value) + last
		}
		// A value with a line break (never a header or URL; a body
		// that is not JSON might) keeps it inside its quotes.
		out = append(out, strings.Split(line, "\n")...)
	}
	return out
}

// jsonDepth is how deep jsonLines spreads nested values; deeper ones stay
// on one line, which no login body comes near.
const jsonDepth = 32

// jsonLines lays out the JSON value v
// from indent pad, after lead and before trail on its first and last
// lines: on one line when that fits in width, else an object or array a
// member a line, each laid out the same way two cells further in. lead and
// trail are shell text; the JSON is single-quote escaped here. ok is false
// when v is not well-formed JSON.
func jsonLines(v []byte, pad, lead, trail string, width, depth int) ([]string, bool) {
	var compact bytes.Buffer
	if json.Compact(&compact, v) != nil {
		return nil, false
	}
	one := pad + lead + shellEscape(compact.String()) + trail
	if textWidth(one) <= width || depth >= jsonDepth {
		return []string{one}, true
	}
	type item struct {
		lead  string
		value []byte
	}
	var items []item
	var open, closing string
	switch compact.Bytes()[0] {
	case '{':
		members, err := jsonwalk.Members(compact.Bytes())
		if err != nil {
			return nil, false
		}
		for _, m := range members {
			name, _ := json.Marshal(m.Key)
			items = append(items, item{shellEscape(string(name)) + ": ", m.Value})
		}
		open, closing = "{", "}"
	case '[':
		var elems []json.RawMessage
		if json.Unmarshal(compact.Bytes(), &elems) != nil {
			return nil, false
		}
		for _, e := range elems {
			items = append(items, item{"", e})
		}
		open, closing = "[", "]"
	}
	if len(items) == 0 {
		// A string, number or literal cannot be broken, but a member's
		// name and value can be, after the colon.
		if name := strings.TrimSuffix(lead, " "); name != lead && strings.HasSuffix(name, ":") {
			return []string{pad + name, pad + "  " + shellEscape(compact.String()) + trail}, true
		}
		return []string{one}, true
	}
	out := []string{pad + lead + open}
	for i, it := range items {
		comma := ","
		if i == len(items)-1 {
			comma = ""
		}
		lines, ok := jsonLines(it.value, pad+"  ", it.lead, comma, width, depth+1)
		if !ok {
			return nil, false
		}
		out = append(out, lines...)
	}
	return append(out, pad+closing+trail), true
}

// shellEscape makes s safe inside single quotes: a single quote closes
// them, is written escaped, and opens them again.
func shellEscape(s string) string { return strings.ReplaceAll(s, "'", `'\''`) }

// textWidth is the cells a line of the command takes on a terminal.
func textWidth(s string) int { return uniseg.StringWidth(s) }

// ShellQuote is s as one word of a POSIX shell: as it is when no shell
// treats any of its characters specially, else wrapped in single quotes; a single quote
// inside becomes '\” (close, escaped quote, reopen).
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+,-") == "" {
		return s // nothing a shell would touch
	}
	return "'" + shellEscape(s) + "'"
}
