package ro

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/rotui/rotui/internal/jsonwalk"
)

// Mask is what a secret is shown as; it never depends on the secret's length.
const Mask = "********"

// secretFields are the body fields whose values are masked: the secrets a
// person typed, and the tokens sent as credentials (a refresh token to
// refresh, an ID token for delegation).
var secretFields = map[string]bool{
	"password":      true,
	"client_secret": true,
	"refresh_token": true,
	"id_token":      true,
	"mfa_code":      true,
	"otp":           true,
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
	if !reveal {
		s = s.Masked()
	}
	var b strings.Builder
	b.WriteString("curl --request " + shellQuote(s.Method))
	b.WriteString(" \\\n  --url " + shellQuote(s.URL))
	keys := make([]string, 0, len(s.Header))
	for k := range s.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range s.Header[k] {
			b.WriteString(" \\\n  --header " + shellQuote(k+": "+v))
		}
	}
	if len(s.Body) > 0 {
		b.WriteString(" \\\n  --data-raw " + shellQuote(string(s.Body)))
	}
	return b.String()
}

// shellQuote wraps s in single quotes for a POSIX shell; a single quote
// inside becomes '\” (close, escaped quote, reopen).
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+,-") == "" {
		return s // nothing a shell would touch
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
