// Package echotest lists the forms in which a careless server, a proxy's
// error page or a debugging header may quote a secret it was sent, and
// finds any of them in what rotui printed. The leak tests of every surface
// (ro's answers, login's stderr and --json, the report, the TUI's panes)
// run over the same table, so a form added here is checked everywhere.
//
// Only tests import it.
package echotest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rotui/rotui/termsafe"
)

// Echo is a secret in one form a server may send it back in.
type Echo struct {
	Name string // what the form is: "HTML-escaped", "base64url, unpadded", …
	Text string // the secret in that form
}

// Forms lists secret as a server may echo it: raw and escaped (JSON, URL,
// HTML, HTML numeric entities), base64 in both alphabets, padded or not and
// at every offset inside a longer encoded string, in another letter case,
// split by a line break or an invisible character, and escaped twice.
func Forms(secret string) []Echo {
	a, b := Halves(secret)
	var dec, hexLower, hexUpper, some strings.Builder
	for i, r := range secret {
		fmt.Fprintf(&dec, "&#%d;", r)
		fmt.Fprintf(&hexLower, "&#x%x;", r)
		fmt.Fprintf(&hexUpper, "&#X%X;", r)
		if i%2 == 0 {
			fmt.Fprintf(&some, "&#%d;", r)
		} else {
			some.WriteString(html.EscapeString(string(r)))
		}
	}
	forms := []Echo{
		{"raw", secret},
		{"JSON-escaped", jsonInner(secret, false)},
		{"JSON-escaped with <>& as \\u escapes", jsonInner(secret, true)},
		{"URL query-escaped", url.QueryEscape(secret)},
		{"URL path-escaped", url.PathEscape(secret)},
		{"URL-escaped, every byte", percentAll(secret)},
		{"HTML-escaped", html.EscapeString(secret)},
		{"HTML decimal entities", dec.String()},
		{"HTML hex entities", hexLower.String()},
		{"HTML hex entities in upper case", hexUpper.String()},
		{"HTML entities on every other character", some.String()},
		{"base64", base64.StdEncoding.EncodeToString([]byte(secret))},
		{"base64, unpadded", base64.RawStdEncoding.EncodeToString([]byte(secret))},
		{"base64url", base64.URLEncoding.EncodeToString([]byte(secret))},
		{"base64url, unpadded", base64.RawURLEncoding.EncodeToString([]byte(secret))},
		// Inside a longer encoded string, as HTTP Basic credentials carry a
		// password ("user:password"): one prefix for each offset modulo 3.
		{"base64 after 1 byte", base64.StdEncoding.EncodeToString([]byte("u" + secret))},
		{"base64 after 2 bytes", base64.StdEncoding.EncodeToString([]byte("u:" + secret))},
		{"base64 after 3 bytes, unpadded", base64.RawStdEncoding.EncodeToString([]byte("us:" + secret))},
		{"base64url after 4 bytes", base64.URLEncoding.EncodeToString([]byte("usr:" + secret))},
		{"base64url after 5 bytes, unpadded", base64.RawURLEncoding.EncodeToString([]byte("user:" + secret))},
		{"MIME base64, wrapped every 8 characters", wrap(base64.StdEncoding.EncodeToString([]byte(secret)), 8, "\r\n")},
		{"upper case", strings.ToUpper(secret)},
		{"lower case", strings.ToLower(secret)},
		{"swapped case", swapCase(secret)},
		{"upper case, URL query-escaped", url.QueryEscape(strings.ToUpper(secret))},
		{"split by a line break", a + "\n" + b},
		{"split by CRLF and an indent", a + "\r\n    " + b},
		{"split by a JSON \\n", a + `\n` + b},
		{"split by a space", a + " " + b},
		{"split by a tab", a + "\t" + b},
		{"split by a zero-width space", a + "\u200b" + b},
		{"split by a soft hyphen", a + "\u00ad" + b},
		{"split by an HTML <br>", a + "<br>" + b},
		{"split by a line break, upper case", strings.ToUpper(a) + "\n" + strings.ToUpper(b)},
		{"HTML-escaped, then JSON-escaped", jsonInner(html.EscapeString(secret), true)},
		{"JSON-escaped, then HTML-escaped", html.EscapeString(jsonInner(secret, false))},
		{"URL query-escaped, then HTML-escaped", html.EscapeString(url.QueryEscape(secret))},
	}
	return forms
}

// Halves cuts secret in two on a character boundary, for a secret split
// across two lines or two headers.
func Halves(secret string) (string, string) {
	i := len(secret) / 2
	for i > 0 && !utf8.RuneStart(secret[i]) {
		i--
	}
	return secret[:i], secret[i:]
}

// Page is an HTML error page quoting secret in every form of Forms, one a
// line, as a proxy in front of a tenant might.
func Page(secret string) string {
	var b strings.Builder
	b.WriteString("<html><body><h1>502 Bad Gateway</h1><pre>\n")
	for _, f := range Forms(secret) {
		fmt.Fprintf(&b, "%s: [%s]\n", f.Name, f.Text)
	}
	b.WriteString("</pre></body></html>\n")
	return b.String()
}

// Leaks names each form of secret found in out, as it was sent or as rotui
// would render it (made terminal-safe, JSON-escaped), and reports the
// secret itself in any letter case: nil when out shows none.
func Leaks(out, secret string) []string {
	var found []string
	for _, f := range Forms(secret) {
		for _, shown := range renderings(f.Text) {
			if shown != "" && strings.Contains(out, shown) {
				found = append(found, fmt.Sprintf("%s (%q)", f.Name, shown))
				break
			}
		}
	}
	if secret != "" && strings.Contains(strings.ToLower(out), strings.ToLower(secret)) {
		found = append(found, "the secret itself, in some letter case")
	}
	return found
}

// renderings are the ways a renderer of rotui may have written s.
func renderings(s string) []string {
	return []string{
		s,
		termsafe.Line(s),
		termsafe.Multiline(s),
		jsonInner(s, false),
		string(termsafe.EscapeJSON([]byte(jsonInner(s, false)))),
		jsonInner(s, true),
	}
}

// jsonInner is s as encoding/json writes it inside a string, without the quotes.
func jsonInner(s string, escapeHTML bool) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(s)
	out := strings.TrimSuffix(b.String(), "\n")
	return out[1 : len(out)-1]
}

func percentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

func wrap(s string, n int, sep string) string {
	var parts []string
	for len(s) > n {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(append(parts, s), sep)
}

// Fields reads the members of a request body an echo server received,
// JSON or form-encoded, as strings (a member that is not a string in a
// JSON body makes it read as a form, as a tenant that took it would).
func Fields(body []byte) map[string]string {
	fields := map[string]string{}
	if json.Unmarshal(body, &fields) != nil {
		q, _ := url.ParseQuery(string(body))
		for k := range q {
			fields[k] = q.Get(k)
		}
	}
	return fields
}
