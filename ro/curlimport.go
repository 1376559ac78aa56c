package ro

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rotui/rotui/internal/jsonwalk"
)

// This file reads a curl command back into a Request: a login copied from
// a browser ("Copy as cURL"), from Auth0's reference page, or from rotui's
// own curl pane. Curl (curl.go) writes one; the two agree on the fields of
// each flow's body, on Mask, and on which fields are secrets.

// MaxCurl is the longest curl command ReadCurl reads (1 MiB): a login's
// command is a few KB, a revealed token in it at most 512 KiB.
const MaxCurl = 1 << 20

// CurlImport is what ReadCurl took from a curl command: the request it
// fills, and what it did with each part of the command.
type CurlImport struct {
	Request Request
	// Filled are the fields given a value from the command (Field* names,
	// in the order of the form); FieldFlow is always one of them.
	Filled []string
	// Placeholders are the fields the command holds a placeholder for
	// rather than a value ({yourDomain}, <string>, YOUR_CLIENT_ID, rotui's
	// own ********): left empty, for a person to fill.
	Placeholders []string
	// Ignored is each part of the command that fills nothing, and why.
	Ignored []CurlIgnored
	// PlainHTTP is the host of a URL in plain http to another machine
	// (not loopback): the domain is filled, but a login goes there only
	// with the insecure switch on, which each surface names (and checks)
	// itself, as it does for a domain typed. "" for https or loopback.
	PlainHTTP string
}

// CurlIgnored is one part of a curl command that fills no field. Neither
// part ever holds a value from the command, only names (an option, a
// header's name, a body field's name).
type CurlIgnored struct {
	What string // "--compressed", "header Accept", "body field nonce"
	Why  string // "rotui asks for no compression"
}

// Summary says in one line of at most width characters (when it can) what
// the command filled, what it left to fill and what it ignored, for a
// status line: field and option names only, never a value. Where the line
// would be too long the names give way to counts, the fields filled
// first, then the parts ignored, then the placeholders, and last the head
// shortens; a list is never cut part-way.
func (c CurlImport) Summary(width int) string {
	var filled []string
	for _, f := range c.Filled {
		if f != FieldFlow {
			filled = append(filled, f)
		}
	}
	flow := c.Request.EffectiveFlow().String()
	var line string
	for _, short := range []struct{ filled, ignored, placeholders, head bool }{
		{}, {filled: true}, {filled: true, ignored: true}, {true, true, true, false}, {true, true, true, true},
	} {
		head := "Curl command (" + flow + " flow): "
		if short.head {
			head = "Curl (" + flow + "): "
		}
		parts := []string{"no value filled"}
		switch {
		case len(filled) > 0 && short.filled:
			parts[0] = fmt.Sprintf("%d %s filled", len(filled), plural(len(filled), "field", "fields"))
		case len(filled) > 0:
			parts[0] = "filled " + strings.Join(filled, ", ")
		}
		switch {
		case len(c.Placeholders) > 0 && short.placeholders:
			parts = append(parts, fmt.Sprintf("%d to fill", len(c.Placeholders)))
		case len(c.Placeholders) > 0:
			parts = append(parts, "placeholders to fill: "+strings.Join(c.Placeholders, ", "))
		}
		switch {
		case len(c.Ignored) > 0 && short.placeholders:
			parts = append(parts, fmt.Sprintf("%d ignored", len(c.Ignored)))
		case len(c.Ignored) > 0 && short.ignored:
			parts = append(parts, fmt.Sprintf("%d %s ignored", len(c.Ignored), plural(len(c.Ignored), "part", "parts")))
		case len(c.Ignored) > 0:
			parts = append(parts, "ignored: "+c.ignoredShort())
		}
		line = head + strings.Join(parts, " · ") + "."
		if utf8.RuneCountInString(line) <= width {
			break
		}
	}
	return line
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ignoredShort names what was ignored, headers counted when there are
// many (a browser's copy sends a dozen).
func (c CurlImport) ignoredShort() string {
	var names, headers []string
	for _, ig := range c.Ignored {
		if h, ok := strings.CutPrefix(ig.What, "header "); ok {
			headers = append(headers, h)
			continue
		}
		names = append(names, ig.What)
	}
	switch {
	case len(headers) > 3:
		names = append(names, fmt.Sprintf("%d headers", len(headers)))
	case len(headers) > 0:
		names = append(names, "headers "+strings.Join(headers, ", "))
	}
	return strings.Join(names, ", ")
}

// curlFieldOrder is the order of the form's fields, for Filled and
// Placeholders.
var curlFieldOrder = []string{
	FieldDomain, FieldClientID, FieldConnection, FieldUsername, FieldPassword, FieldScope,
	FieldDevice, FieldIDToken, FieldBearer, FieldFlow, FieldAudience, FieldMFACode,
}

// curlBodyFields are, for each flow, the body's fields a login sends and
// the Request field each fills (body name -> Field*). They are learnt from
// Request.build itself, by building each flow's request with every field
// set to its own name and reading the body back, so the reader knows the
// bodies the writer writes, and no second list can drift from them.
var curlBodyFields = sync.OnceValue(func() map[Flow]map[string]string {
	out := map[Flow]map[string]string{}
	for _, flow := range []Flow{FlowRO, FlowRealm, FlowPassword} {
		r := Request{Flow: flow}
		for field := range requestFields {
			r.SetField(field, "\x00"+field)
		}
		sent := r.build("https://example.com", "https://example.com/oauth/token")
		fields, _ := readCurlBody(string(sent.Body), sent.Header.Get("Content-Type"), false)
		out[flow] = map[string]string{}
		for _, f := range fields {
			if field, ok := strings.CutPrefix(f.value, "\x00"); ok {
				out[flow][f.name] = field
			}
		}
	}
	return out
})

// curlBodyIgnored says why a body field rotui knows but does not fill is
// left out; any other field is "not a field of the login form".
var curlBodyIgnored = map[string]string{
	"client_secret": "rotui sends no client secret (the form's Client secret only checks HS256 ID tokens, on this machine)",
	"mfa_code":      "only /oauth/ro takes an MFA code in the login; /oauth/token answers mfa_required with an mfa_token for the MFA API instead",
	"otp":           "send the one-time code when the answer asks for it",
	"connection":    "this flow does not send a connection",
	"realm":         "this flow does not send a realm",
	"device":        "this flow does not send a device",
	"id_token":      "this flow does not send an ID token",
	"audience":      "/oauth/ro takes no audience",
}

// curlEndpoints name the Auth0 endpoints whose calls are not a login by
// password, and where in rotui each one's job is done.
var curlEndpoints = map[string]string{
	"/delegation":                       "is the legacy refresh: use rotui refresh, or f on a login's answer",
	"/passwordless/start":               "asks the tenant to send a one-time code: use rotui code (or s in the TUI); the login after it is /oauth/ro with connection sms or email",
	"/userinfo":                         "is called with a login's access token: use rotui login --userinfo, or u on the answer",
	"/oauth/revoke":                     "revokes a refresh token; it is not a login",
	"/tokeninfo":                        "reads an ID token; paste the token itself to inspect it",
	"/authorize":                        "is the browser's redirect login, which has no password to send",
	"/co/authenticate":                  "is the cross-origin login of embedded Lock; its login is /oauth/ro or /oauth/token",
	"/dbconnections/signup":             "creates a user; it is not a login",
	"/dbconnections/change_password":    "sends a password-change e-mail; it is not a login",
	"/.well-known/openid-configuration": "is the discovery document; the password flow reads it itself",
	"/.well-known/jwks.json":            "is the tenant's keys; rotui fetches them to verify tokens",
	"/mfa/challenge":                    "is the MFA API; send the code with the login instead",
}

// curlGrantsElsewhere say where a grant of /oauth/token that is not a
// login by password belongs.
var curlGrantsElsewhere = map[string]string{
	"refresh_token":      "use rotui refresh, or f on a login's answer",
	"client_credentials": "it logs in an application, not a user",
	"authorization_code": "it finishes a browser login",
	"http://auth0.com/oauth/grant-type/passwordless/otp": "send the one-time code with the ro flow (connection sms or email, the code as password)",
	"http://auth0.com/oauth/grant-type/mfa-otp":          "send the MFA code with the login instead",
}

// LooksLikeCurl reports whether text is meant as a curl command rather
// than a token: its first word is curl (curl.exe, or a path to curl),
// after a shell prompt's "$" if one was copied too. A token never starts
// so, so a paste area can tell the two apart.
func LooksLikeCurl(text string) bool {
	f := strings.Fields(text)
	if len(f) > 0 && (f[0] == "$" || f[0] == "%" || f[0] == ">") {
		f = f[1:]
	}
	return len(f) > 0 && isCurlName(f[0])
}

func isCurlName(w string) bool {
	w = strings.ToLower(w)
	if i := strings.LastIndexAny(w, `/\`); i >= 0 {
		w = w[i+1:]
	}
	return w == "curl" || w == "curl.exe"
}

// isPlaceholder is the one rule of what stands for a value in a command
// copied from documentation, or from rotui masking a secret: {yourDomain}
// (and Postman's {{var}}), <string> and <token>, an ALL_CAPS name with an
// underscore (YOUR_CLIENT_ID, API_IDENTIFIER), a shell variable or
// substitution ($TOKEN, ${PW}, $(cat pw), `cat pw`, cmd's %PW%), and a mask made of
// asterisks or dots, rotui's own ******** among them. A real client ID or
// password is none of these, and a field holding one is left for a
// person to fill rather than sent as typed.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	switch {
	case len(v) < 2:
		return false
	case v[0] == '{' && v[len(v)-1] == '}', v[0] == '<' && v[len(v)-1] == '>':
		return true
	case v[0] == '`' && v[len(v)-1] == '`':
		return true
	case v[0] == '$' && isShellVariable(v[1:]):
		return true
	case len(v) > 2 && v[0] == '%' && v[len(v)-1] == '%' && isShellVariable(v[1:len(v)-1]):
		return true // cmd's %NAME%
	case isMask(v):
		return true
	}
	return isAllCapsName(v)
}

// isDocPlaceholder is a placeholder a documentation page writes
// ({yourDomain}, <string>, YOUR_CLIENT_ID), which stands for no value in
// particular; a shell variable or a mask (rotui's own ********) stands for
// a value the person has, or had and sent.
func isDocPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	return isPlaceholder(v) && !isMask(v) && !strings.HasPrefix(v, "$") && !strings.HasPrefix(v, "`") && !strings.HasPrefix(v, "%")
}

// isMask is a value masked rather than left out: rotui's own ********, or
// three or more asterisks or dots.
func isMask(v string) bool {
	return v == Mask || strings.Trim(v, "*•") == "" && utf8.RuneCountInString(v) >= 3
}

// isShellVariable is what follows a $ when a shell would expand it: a
// name, {…} or (…).
func isShellVariable(s string) bool {
	switch {
	case s == "":
		return false
	case s[0] == '{' && s[len(s)-1] == '}', s[0] == '(' && s[len(s)-1] == ')':
		return true
	}
	for i, c := range s {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// isAllCapsName is YOUR_CLIENT_ID: capitals and digits in two or more
// words joined by underscores, starting with a capital.
func isAllCapsName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' || !strings.Contains(s, "_") {
		return false
	}
	for _, w := range strings.Split(s, "_") {
		if w == "" {
			return false
		}
		for _, c := range w {
			if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// ReadCurl reads a curl command (as a POSIX shell would split it: line
// continuations, single and double quotes, $'…'; or, when it was written
// for Windows' cmd.exe, as cmd and curl.exe would: ^) into the Request it
// sends, and says what it filled, what it left as a placeholder and what
// it ignored. A command it cannot use as a whole (not curl, another
// endpoint, a body it cannot read, an unclosed quote, an option it does
// not know) is an error naming the part, and no request: never a request
// filled in part without saying so. Nothing is read from a file or stdin
// that the command names (-d @file). No value of the command appears in an
// error, since any of them may be a secret.
func ReadCurl(cmd string) (CurlImport, error) {
	if len(cmd) > MaxCurl {
		return CurlImport{}, fmt.Errorf("the curl command is %d KiB; rotui reads commands of up to %d KiB", len(cmd)>>10, MaxCurl>>10)
	}
	split := shellWords
	if looksLikeCmd(cmd) {
		split = cmdWords // Windows' "Copy as cURL (cmd)"
	}
	words, rest, err := split(cmd)
	if err != nil {
		return CurlImport{}, err
	}
	if len(words) > 0 && (words[0] == "$" || words[0] == "%" || words[0] == ">") {
		words = words[1:] // a shell prompt copied with the command
	}
	if len(words) == 0 || !isCurlName(words[0]) {
		return CurlImport{}, errors.New("this is not a curl command: it does not start with curl")
	}
	var c curlCommand
	if rest != "" {
		c.ignore(fmt.Sprintf("what follows %q", rest[:1]), "it is another command or a redirection, not part of curl's")
	}
	if err := c.parse(words[1:]); err != nil {
		return CurlImport{}, err
	}
	return c.read()
}

// curlCommand is a curl command's options as parsed, before reading.
type curlCommand struct {
	url      string
	hasURL   bool
	method   string
	data     []string // the pieces of the body, in order
	dataJSON bool     // --json gave a piece of the body
	lastJSON bool     // the last piece came from --json
	headers  []curlHeader
	ignored  []CurlIgnored
}

// curlHeader is one -H option: its name as written and its value.
type curlHeader struct{ name, value string }

func (c *curlCommand) ignore(what, why string) {
	c.ignored = append(c.ignored, CurlIgnored{What: what, Why: why})
}

// curlOption is one of curl's options rotui knows: its long name, its
// short letter (0: none), whether it takes a value, and what it does here
// (nil: ignored, for why).
type curlOption struct {
	long  string
	short byte
	value bool
	use   func(c *curlCommand, name, v string) error
	why   string
}

// Reasons shared by several options. Each says what rotui does instead
// of what the option asks, in words that fit every surface (no flag or
// key of one of them): the command line and the TUI both show them.
const (
	whyOutput    = "it shapes curl's output, not the request"
	whyAuth      = "rotui sends no other credentials than the login's own"
	whyHTTP      = "rotui speaks the HTTP version its client agrees with the tenant"
	whyIP        = "rotui connects to whichever address the tenant's name gives"
	whyTime      = "rotui gives a call its own time limit"
	whyRetry     = "rotui sends a login once: retried, a wrong password counts again toward the tenant's lockout"
	whyRoute     = "rotui connects to the host the URL names (through the proxy the environment names, if any)"
	whyConn      = "a connection setting, which rotui leaves to its HTTP client"
	whyRate      = "a transfer limit: a login's answer is a few KB"
	whyTLSParams = "rotui uses TLS 1.2 or later with its client's own ciphers"
)

// curlOptions are the options of curl that a login's command may hold.
// One that is not here is refused by name: without knowing whether it
// takes a value, the words after it cannot be read.
var curlOptions = []curlOption{
	{long: "url", value: true, use: (*curlCommand).setURL},
	{long: "request", short: 'X', value: true, use: func(c *curlCommand, _, v string) error { c.method = v; return nil }},
	{long: "header", short: 'H', value: true, use: (*curlCommand).addHeader},
	{long: "data", short: 'd', value: true, use: (*curlCommand).addData},
	{long: "data-ascii", value: true, use: (*curlCommand).addData},
	{long: "data-binary", value: true, use: (*curlCommand).addData},
	{long: "data-raw", value: true, use: (*curlCommand).addData},
	{long: "data-urlencode", value: true, use: (*curlCommand).addData},
	{long: "json", value: true, use: (*curlCommand).addData},
	{long: "oauth2-bearer", value: true, use: func(c *curlCommand, _, v string) error {
		c.headers = append(c.headers, curlHeader{"Authorization", "Bearer " + v})
		return nil
	}},
	{long: "form", short: 'F', value: true, use: refuse("sends a multipart form, which a login endpoint does not read; use --data")},
	{long: "form-string", value: true, use: refuse("sends a multipart form, which a login endpoint does not read; use --data")},
	{long: "get", short: 'G', use: refuse("sends the data as a GET query; a login is a POST with a body")},
	{long: "head", short: 'I', use: refuse("asks with HEAD; a login is a POST with a body")},
	{long: "upload-file", short: 'T', value: true, use: refuse("sends a file; rotui reads no file a pasted command names: paste the body itself (--data-raw '…')")},
	{long: "config", short: 'K', value: true, use: refuse("reads curl's options from a file, which rotui does not read: paste the options themselves")},
	{long: "variable", value: true, use: refuse("sets curl variables, which rotui does not expand: paste the values themselves")},

	{long: "compressed", why: "rotui asks for no compression"},
	{long: "silent", short: 's', why: whyOutput},
	{long: "show-error", short: 'S', why: whyOutput},
	{long: "include", short: 'i', why: whyOutput + "; rotui shows the answer's headers on the Raw pane"},
	{long: "verbose", short: 'v', why: whyOutput + "; rotui shows the exchange on the Raw pane"},
	{long: "insecure", short: 'k', why: "rotui always verifies TLS"},
	{long: "location", short: 'L', why: "rotui never follows a redirect with credentials (it shows the 3xx)"},
	{long: "location-trusted", why: "rotui never follows a redirect with credentials (it shows the 3xx)"},
	{long: "fail", short: 'f', why: whyOutput},
	{long: "fail-with-body", why: whyOutput},
	{long: "progress-bar", short: '#', why: whyOutput},
	{long: "no-progress-meter", why: whyOutput},
	{long: "no-buffer", short: 'N', why: whyOutput},
	{long: "globoff", short: 'g', why: "rotui reads the URL as written"},
	{long: "http1.0", short: '0', why: whyHTTP},
	{long: "http1.1", why: whyHTTP},
	{long: "http2", why: whyHTTP},
	{long: "http2-prior-knowledge", why: whyHTTP},
	{long: "http3", why: whyHTTP},
	{long: "ipv4", short: '4', why: whyIP},
	{long: "ipv6", short: '6', why: whyIP},
	{long: "tcp-nodelay", why: whyConn},
	{long: "no-keepalive", why: whyConn},
	{long: "path-as-is", why: "rotui reads the URL as written"},
	{long: "styled-output", why: whyOutput},
	{long: "raw", why: whyOutput},
	{long: "tr-encoding", why: "rotui asks for no transfer encoding"},
	{long: "ssl-no-revoke", why: "rotui always verifies TLS"},
	{long: "netrc", short: 'n', why: whyAuth},
	{long: "basic", why: whyAuth},
	{long: "digest", why: whyAuth},
	{long: "anyauth", why: whyAuth},
	{long: "ntlm", why: whyAuth},
	{long: "negotiate", why: whyAuth},
	{long: "remote-name", short: 'O', why: whyOutput},
	{long: "remote-header-name", short: 'J', why: whyOutput},
	{long: "create-dirs", why: whyOutput},
	{long: "disable", short: 'q', why: "curl's own settings play no part"},
	{long: "junk-session-cookies", short: 'j', why: "cookies are not sent"},
	{long: "post301", why: "rotui never follows a redirect"},
	{long: "post302", why: "rotui never follows a redirect"},
	{long: "post303", why: "rotui never follows a redirect"},

	{long: "user", short: 'u', value: true, why: whyAuth + " (Auth0's login takes the client and the user in the body)"},
	{long: "proxy-user", short: 'U', value: true, why: whyAuth},
	{long: "oauth2-bearer-file", value: true, why: "rotui reads no file a pasted command names"},
	{long: "cookie", short: 'b', value: true, why: "cookies are not sent"},
	{long: "cookie-jar", short: 'c', value: true, why: "cookies are not kept"},
	{long: "user-agent", short: 'A', value: true, why: "rotui sends its own User-Agent"},
	{long: "referer", short: 'e', value: true, why: "a login endpoint does not read it"},
	{long: "output", short: 'o', value: true, why: whyOutput},
	{long: "write-out", short: 'w', value: true, why: whyOutput},
	{long: "dump-header", short: 'D', value: true, why: whyOutput},
	{long: "stderr", value: true, why: whyOutput},
	{long: "trace", value: true, why: whyOutput},
	{long: "trace-ascii", value: true, why: whyOutput},
	{long: "max-time", short: 'm', value: true, why: whyTime},
	{long: "connect-timeout", value: true, why: whyTime},
	{long: "retry", value: true, why: whyRetry},
	{long: "retry-delay", value: true, why: whyRetry},
	{long: "retry-max-time", value: true, why: whyRetry},
	{long: "max-redirs", value: true, why: "rotui never follows a redirect"},
	{long: "limit-rate", value: true, why: whyRate},
	{long: "proxy", short: 'x', value: true, why: whyRoute},
	{long: "noproxy", value: true, why: whyRoute},
	{long: "resolve", value: true, why: whyRoute},
	{long: "connect-to", value: true, why: whyRoute},
	{long: "interface", value: true, why: "rotui lets the system pick the local address"},
	{long: "local-port", value: true, why: "rotui lets the system pick the local port"},
	{long: "keepalive-time", value: true, why: whyConn},
	{long: "cacert", value: true, why: "rotui verifies TLS with this machine's roots"},
	{long: "capath", value: true, why: "rotui verifies TLS with this machine's roots"},
	{long: "cert", short: 'E', value: true, why: whyAuth},
	{long: "key", value: true, why: whyAuth},
	{long: "cert-type", value: true, why: whyAuth},
	{long: "pinnedpubkey", value: true, why: "rotui verifies TLS with this machine's roots"},
	{long: "tlsv1.2", why: whyTLSParams},
	{long: "tlsv1.3", why: whyTLSParams},
	{long: "ciphers", value: true, why: whyTLSParams},
	{long: "proto", value: true, why: "rotui sends a login over https (or plain http to this machine) only"},
	{long: "unix-socket", value: true, why: whyRoute},
	{long: "range", short: 'r', value: true, why: "a login endpoint does not read it"},
	{long: "time-cond", short: 'z', value: true, why: "a login endpoint does not read it"},
	{long: "expect100-timeout", value: true, why: whyTime},
	{long: "max-filesize", value: true, why: whyRate},
	{long: "speed-limit", short: 'Y', value: true, why: whyRate},
	{long: "speed-time", short: 'y', value: true, why: whyRate},
}

func refuse(why string) func(*curlCommand, string, string) error {
	return func(_ *curlCommand, name, _ string) error {
		return fmt.Errorf("the command's %s %s", name, why)
	}
}

// curlOptionBy finds an option by long name ("data") or short letter.
func curlOptionBy(long string, short byte) (curlOption, bool) {
	for _, o := range curlOptions {
		if long != "" && o.long == long || short != 0 && o.short == short {
			return o, true
		}
	}
	return curlOption{}, false
}

// parse reads curl's arguments (after "curl"): long options take their
// value from the next word (curl knows no --name=value), short ones may be
// grouped (-sS) and have their value glued on (-XPOST, -sXPOST).
func (c *curlCommand) parse(args []string) error {
	endOfOptions := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		next := func(name string) (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("the command's %s has no value after it", name)
			}
			i++
			return args[i], nil
		}
		switch {
		case endOfOptions || a == "-" || !strings.HasPrefix(a, "-"):
			if err := c.setURL("the URL", a); err != nil {
				return err
			}
		case a == "--":
			endOfOptions = true
		case strings.HasPrefix(a, "--"):
			name := a[2:]
			o, ok := curlOptionBy(name, 0)
			if !ok && strings.HasPrefix(name, "no-") {
				// curl turns a switch off with --no-NAME: off or on, it is ignored here.
				if o, ok = curlOptionBy(name[3:], 0); ok && !o.value && o.use == nil {
					c.ignore(a, o.why)
					continue
				}
				ok = false
			}
			if !ok {
				return unknownCurlOption(a)
			}
			v := ""
			if o.value {
				var err error
				if v, err = next(a); err != nil {
					return err
				}
			}
			if err := c.apply(o, a, v); err != nil {
				return err
			}
		default:
			for j := 1; j < len(a); j++ {
				o, ok := curlOptionBy("", a[j])
				if !ok {
					return unknownCurlOption("-" + string(a[j]))
				}
				name := "-" + string(a[j])
				v := ""
				if o.value {
					if j+1 < len(a) {
						v = a[j+1:]
					} else {
						var err error
						if v, err = next(name); err != nil {
							return err
						}
					}
				}
				if err := c.apply(o, name, v); err != nil {
					return err
				}
				if o.value {
					break
				}
			}
		}
	}
	return nil
}

func unknownCurlOption(name string) error {
	k, _, withValue := strings.Cut(name, "=")
	if len(k) > 40 || curlValueProblem(k) != "" {
		k = "an option"
	}
	if withValue {
		// --data-raw=… is no option of curl's, and what follows = may be a secret.
		return fmt.Errorf("the command's %s=… is not how curl takes a value: write the option, then the value as the next word", k)
	}
	name = k
	return fmt.Errorf("the command's %s is not a curl option rotui knows, so the words after it cannot be read; remove it and try again", name)
}

// apply uses option o, given as name with value v, or notes it ignored.
func (c *curlCommand) apply(o curlOption, name, v string) error {
	if o.use != nil {
		return o.use(c, name, v)
	}
	c.ignore(name, o.why)
	return nil
}

func (c *curlCommand) setURL(_, v string) error {
	if c.hasURL {
		return errors.New("the command names two URLs; rotui reads one login at a time")
	}
	c.url, c.hasURL = v, true
	return nil
}

func (c *curlCommand) addHeader(name, v string) error {
	if strings.HasPrefix(v, "@") {
		return fmt.Errorf("the command's %s reads headers from a file (@…), which rotui does not read: paste the headers themselves", name)
	}
	k, val, ok := strings.Cut(v, ":")
	if !ok || strings.TrimSpace(k) == "" {
		// "Name;" sends an empty header and "Name:" removes one: neither is a value.
		c.ignore("a header that is not Name: value", "nothing in it fills a field")
		return nil
	}
	c.headers = append(c.headers, curlHeader{strings.TrimSpace(k), strings.TrimSpace(val)})
	return nil
}

// addData adds a piece of the body as curl makes it: -d, --data-ascii and
// --data-binary read a file named after @, which rotui refuses; --data-raw
// takes its text as it is; --data-urlencode encodes its content; --json
// sets a JSON body.
func (c *curlCommand) addData(name, v string) error {
	fileRefused := fmt.Errorf("the command's %s reads the body from a file or stdin (@…), which rotui does not read from a pasted command: paste the body itself (--data-raw '…')", name)
	switch name {
	case "--data-raw":
	case "--json":
		if strings.HasPrefix(v, "@") {
			return fileRefused
		}
		c.dataJSON = true
		if n := len(c.data); n > 0 && c.lastJSON {
			c.data[n-1] += v // curl joins --json pieces with nothing between
			return nil
		}
	case "--data-urlencode":
		enc, err := urlencodeData(v)
		if err != nil {
			return fileRefused
		}
		v = enc
	default:
		if strings.HasPrefix(v, "@") {
			return fileRefused
		}
	}
	c.data = append(c.data, v)
	c.lastJSON = name == "--json"
	return nil
}

// urlencodeData is --data-urlencode's piece as curl sends it: "content" and
// "=content" encode the content, "name=content" encodes the content after
// the name; "@file" and "name@file" read a file (an error here).
func urlencodeData(v string) (string, error) {
	i := strings.IndexByte(v, '=')
	if i < 0 {
		if strings.IndexByte(v, '@') >= 0 {
			return "", errors.New("a file")
		}
		return curlEscape(v), nil
	}
	if j := strings.IndexByte(v[:i], '@'); j >= 0 {
		return "", errors.New("a file")
	}
	if i == 0 {
		return curlEscape(v[1:]), nil
	}
	return v[:i] + "=" + curlEscape(v[i+1:]), nil
}

// curlEscape is curl's URL encoding: every byte but letters, digits and
// -._~ as %XX.
func curlEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
	}
	return b.String()
}

// read turns the parsed command into the request it sends.
func (c *curlCommand) read() (CurlImport, error) {
	out := CurlImport{Ignored: c.ignored}
	if !c.hasURL {
		return CurlImport{}, errors.New("the command names no URL; a login's command has https://TENANT/oauth/ro (or /oauth/token)")
	}
	u, err := readCurlURL(c.url)
	if err != nil {
		return CurlImport{}, err
	}
	// The endpoint first: a call to /userinfo is a GET without a body, and
	// what helps is where rotui makes that call, not that it has no body.
	if u.path != "/oauth/ro" && u.path != "/oauth/token" {
		_, err := curlFlow(u.path, nil)
		return CurlImport{}, err
	}
	if m := c.method; m != "" && !strings.EqualFold(m, "POST") {
		return CurlImport{}, fmt.Errorf("the command asks with %s (-X); a login is a POST", methodName(m))
	}
	if len(c.data) == 0 {
		return CurlImport{}, errors.New("the command sends no body, so there is no login in it: its fields go in --data (or -d)")
	}
	out.Ignored = append(out.Ignored, u.ignored...)
	contentType := ""
	set := map[string]string{} // Request field -> value
	for _, h := range c.headers {
		switch strings.ToLower(h.name) {
		case "content-type":
			contentType = h.value
		case "authorization":
			scheme, cred, _ := strings.Cut(h.value, " ")
			if !strings.EqualFold(scheme, "bearer") {
				out.ignore("header "+h.name, "rotui sends only Authorization: Bearer (this one is not a bearer)")
				continue
			}
			if _, dup := set[FieldBearer]; dup {
				out.ignore("another header "+h.name, "one bearer is sent; the first is kept")
				continue
			}
			set[FieldBearer] = strings.TrimSpace(cred)
		case "accept", "user-agent":
			out.ignore("header "+h.name, "rotui sends its own")
		case "cookie":
			out.ignore("header "+h.name, "cookies are not sent")
		case "content-length", "host":
			out.ignore("header "+h.name, "set from the request itself")
		default:
			out.ignore("header "+h.name, "a login endpoint does not read it")
		}
	}
	body := strings.Join(c.data, "&")
	fields, err := readCurlBody(body, contentType, c.dataJSON)
	if err != nil {
		return CurlImport{}, err
	}
	flow, err := curlFlow(u.path, fields)
	if err != nil {
		return CurlImport{}, err
	}
	out.Request.Flow = flow
	out.PlainHTTP = u.plainHTTP
	out.readFields(flow, fields, set)
	if u.placeholder {
		set[FieldDomain] = "{yourDomain}"
	} else {
		set[FieldDomain] = u.domain
	}
	for _, field := range curlFieldOrder {
		if field == FieldFlow {
			out.Filled = append(out.Filled, field)
			continue
		}
		v, ok := set[field]
		if field != FieldPassword {
			v = strings.TrimSpace(v)
		}
		switch {
		case !ok || v == "":
		case isPlaceholder(v):
			if why, ok := curlNotTaken[out.Request.EffectiveGrantType()][field]; ok && isDocPlaceholder(v) {
				out.ignore(curlPartOf(flow, field), why)
				continue
			}
			out.Placeholders = append(out.Placeholders, field)
		default:
			if problem := curlValueProblem(v); problem != "" {
				return CurlImport{}, fmt.Errorf("the %s in the command %s; rotui takes none from a pasted command", fieldWords(field), problem)
			}
			out.Request.SetField(field, v)
			out.Filled = append(out.Filled, field)
		}
	}
	return out, nil
}

// whyBearerPlaceholder is why a placeholder bearer is not flagged to fill.
const whyBearerPlaceholder = "a placeholder, as Auth0's reference shows on every endpoint: a login sends no Authorization header unless the tenant asks for one (a real token here is kept)"

// curlNotTaken are, by grant, the fields a login of that grant does not
// send, and why a documentation's placeholder for one is ignored rather
// than flagged for a person to fill. A value (or a shell variable, or a
// mask, which stand for one) is still read as the command gives it.
var curlNotTaken = map[string]map[string]string{
	GrantPassword: {
		FieldIDToken: "a placeholder for an ID token, which only delegation (the jwt-bearer grant) sends: a password login takes none",
		FieldBearer:  whyBearerPlaceholder,
	},
	GrantPasswordRealm:   {FieldBearer: whyBearerPlaceholder},
	GrantPasswordlessOTP: {FieldBearer: whyBearerPlaceholder},
	GrantJWTBearer: {
		FieldUsername: "a placeholder for a username, which delegation (the jwt-bearer grant) does not send: it sends an ID token",
		FieldPassword: "a placeholder for a password, which delegation (the jwt-bearer grant) does not send: it sends an ID token",
		FieldBearer:   whyBearerPlaceholder,
	},
}

// curlPartOf names the part of a command that fills field in flow: the
// Authorization header for the bearer, else the body field.
func curlPartOf(flow Flow, field string) string {
	if field == FieldBearer {
		return "header Authorization"
	}
	for name, f := range curlBodyFields()[flow] {
		if f == field {
			return "body field " + name
		}
	}
	return "body field " + field
}

func (out *CurlImport) ignore(what, why string) {
	out.Ignored = append(out.Ignored, CurlIgnored{What: what, Why: why})
}

// methodName is -X's value when it reads as a method, for an error.
func methodName(m string) string {
	if len(m) > 10 || strings.Trim(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != "" {
		return "another method"
	}
	return strings.ToUpper(m)
}

// readFields puts the body's fields that flow sends into set (Request
// field -> value), and notes the others ignored.
func (out *CurlImport) readFields(flow Flow, fields []curlBodyField, set map[string]string) {
	known := curlBodyFields()[flow]
	seen := map[string]bool{}
	after := "" // the secret field just before f in a form body
	for _, f := range fields {
		name := strings.ToLower(f.name)
		prev := after
		after = ""
		if f.form && secretFields[name] {
			after = name
		}
		switch {
		case name == "grant_type":
			if flow == FlowRO && f.value == GrantJWTBearer {
				out.Request.GrantType = GrantJWTBearer
			}
			continue
		case seen[name]:
			out.ignoreField(f, prev, "another body field ", "the first one is kept")
			continue
		}
		seen[name] = true
		field, ok := known[name]
		switch {
		case !ok:
			why, known := curlBodyIgnored[name]
			if !known {
				why = "it is not a field of the login form"
			}
			out.ignoreField(f, prev, "body field ", why)
		case !f.isString:
			out.ignoreField(f, prev, "body field ", "it is not a string")
		default:
			set[field] = f.value
		}
	}
}

// ignoreField notes the body field f ignored (what is "body field " or
// "another body field "), by its name only when the name cannot be part
// of a secret. In a form body an & left unencoded in a value cuts it in
// two, and what follows the & reads as a field of its own: the rest of
// the password, right after it (prev names that secret field), or a
// piece with no = or no name. Such a piece is said by where it stands,
// with what to do, never by its name.
func (out *CurlImport) ignoreField(f curlBodyField, prev, what, why string) {
	switch {
	case prev != "":
		out.ignore("a body field after the "+prev,
			"it may be the rest of the "+prev+", cut at an & written as it is: an & in the "+prev+" must be written %26 (or sent with --data-urlencode "+prev+"=…)")
	case f.form && (f.bare || f.name == ""):
		out.ignore("a body field with no name",
			"a body piece needs name=value (--data-urlencode '=…' sends a value with no name); if it is the rest of a value cut at an &, write that & as %26")
	default:
		out.ignore(what+f.name, why)
	}
}

// curlValueProblem says what makes v unfit for a field, or "".
func curlValueProblem(v string) string {
	if !utf8.ValidString(v) {
		return "is not UTF-8 text"
	}
	for _, r := range v {
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return "holds a control character"
		}
	}
	return ""
}

// fieldWords names a field in a sentence: "client_id" reads as "client ID".
func fieldWords(field string) string {
	switch field {
	case FieldClientID:
		return "client ID"
	case FieldIDToken:
		return "ID token"
	case FieldMFACode:
		return "MFA code"
	}
	return field
}

// FieldValue is the value r holds for the text field named field (a Field*
// constant: what a form shows in that field); "" for any other name.
func (r Request) FieldValue(field string) string {
	if at, ok := requestFields[field]; ok {
		return *at(&r)
	}
	return ""
}

// SetField puts v in the text field named field (a Field* constant); false,
// and nothing changed, for any other name.
func (r *Request) SetField(field, v string) bool {
	at, ok := requestFields[field]
	if ok {
		*at(r) = v
	}
	return ok
}

// requestFields are where each text field of the form lives in a Request.
var requestFields = map[string]func(*Request) *string{
	FieldDomain:     func(r *Request) *string { return &r.Domain },
	FieldClientID:   func(r *Request) *string { return &r.ClientID },
	FieldConnection: func(r *Request) *string { return &r.Connection },
	FieldUsername:   func(r *Request) *string { return &r.Username },
	FieldPassword:   func(r *Request) *string { return &r.Password },
	FieldScope:      func(r *Request) *string { return &r.Scope },
	FieldDevice:     func(r *Request) *string { return &r.Device },
	FieldIDToken:    func(r *Request) *string { return &r.IDToken },
	FieldBearer:     func(r *Request) *string { return &r.Bearer },
	FieldAudience:   func(r *Request) *string { return &r.Audience },
	FieldMFACode:    func(r *Request) *string { return &r.MFACode },
}

// curlURL is what the command's URL says: the tenant (or a placeholder
// for it) and the endpoint's path.
type curlURL struct {
	domain      string // as the form's domain field takes it
	placeholder bool   // the host is a placeholder ({yourDomain})
	path        string
	plainHTTP   string // the host, when plain http goes to another machine
	ignored     []CurlIgnored
}

// readCurlURL reads the tenant and the endpoint from a command's URL. The
// host may be a placeholder ({yourDomain}, which is no host name url.Parse
// takes); otherwise it must pass the domain field's rules, plain http to
// another machine noted (plainHTTP) for the surface to allow or refuse.
func readCurlURL(raw string) (curlURL, error) {
	var u curlURL
	raw = strings.TrimSpace(raw)
	scheme, rest, found := strings.Cut(raw, "://")
	if !found {
		scheme, rest = "https", raw // curl would guess http; rotui sends a password over https only
	}
	scheme = strings.ToLower(scheme)
	if scheme != "https" && scheme != "http" {
		return u, errors.New("the command's URL is not http or https; a login goes to https://TENANT/oauth/ro (or /oauth/token)")
	}
	authority, path := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		if path[i] == '?' {
			u.ignored = append(u.ignored, CurlIgnored{"the URL's query (?…)", "a login endpoint reads the body"})
		}
		path = path[:i]
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		u.ignored = append(u.ignored, CurlIgnored{"the user in the URL (user@host)", whyAuth})
		authority = authority[i+1:]
	}
	if authority == "" {
		return u, errors.New("the command's URL has no host; a login goes to https://TENANT/oauth/ro (or /oauth/token)")
	}
	if p := curlValueProblem(authority); p != "" {
		return u, fmt.Errorf("the host of the command's URL %s", p)
	}
	if strings.ContainsAny(authority, "{}<>$`") || isPlaceholder(authority) {
		u.placeholder = true
	} else {
		d := scheme + "://" + authority
		// Plain http to another machine is the domain field's rule, and
		// its switch is each surface's own (--insecure, the TUI's badge):
		// it is noted here, for the surface to word, not refused.
		base, err := BaseURL(d, true)
		if err != nil {
			return u, fmt.Errorf("the command's URL cannot be used: %v", err)
		}
		if _, err := BaseURL(d, false); err != nil {
			u.plainHTTP = base.Hostname()
		}
		u.domain = base.String()
		if base.Scheme == "https" && base.Port() == "" {
			u.domain = base.Host
		}
	}
	p, err := url.PathUnescape(path)
	if err != nil {
		p = path
	}
	u.path = strings.TrimSuffix(p, "/")
	return u, nil
}

// curlFlow is the flow a call to path with these body fields makes:
// /oauth/ro is the ro flow, /oauth/token the realm or password flow by its
// grant_type (the realm flow when it names a realm and no grant). Another
// endpoint or grant is an error naming it.
func curlFlow(path string, fields []curlBodyField) (Flow, error) {
	switch path {
	case "/oauth/ro":
		for _, f := range fields {
			if strings.EqualFold(f.name, "grant_type") && f.value != GrantPassword && f.value != GrantJWTBearer && !isPlaceholder(f.value) {
				return "", fmt.Errorf("the body's grant_type is %s; /oauth/ro takes password (or %s for delegation)", grantName(f.value), GrantJWTBearer)
			}
		}
		return FlowRO, nil
	case "/oauth/token":
		grant, realm := "", false
		for _, f := range fields {
			switch strings.ToLower(f.name) {
			case "grant_type":
				grant = f.value
			case "realm":
				realm = true
			}
		}
		switch {
		case grant == GrantPasswordRealm:
			return FlowRealm, nil
		case grant == GrantPassword:
			return FlowPassword, nil
		case grant == "" || isPlaceholder(grant):
			if realm {
				return FlowRealm, nil
			}
			return FlowPassword, nil
		}
		where, ok := curlGrantsElsewhere[grant]
		if !ok {
			where = "rotui's form makes the password and password-realm grants only"
		}
		return "", fmt.Errorf("the body's grant_type is %s, which is not a login with a password: %s", grantName(grant), where)
	case "":
		return "", errors.New("the command's URL names no endpoint; a login goes to https://TENANT/oauth/ro (or /oauth/token)")
	}
	name := path
	if len(name) > 60 || curlValueProblem(name) != "" {
		name = "another endpoint"
	}
	if why, ok := curlEndpoints[path]; ok {
		return "", fmt.Errorf("the command calls %s, which %s; rotui fills the form from a call to /oauth/ro or /oauth/token", name, why)
	}
	return "", fmt.Errorf("the command calls %s, which is not a login endpoint; rotui fills the form from a call to /oauth/ro or /oauth/token", name)
}

// grantName is a grant_type for an error: short and printable, or not said.
func grantName(g string) string {
	if len(g) > 80 || curlValueProblem(g) != "" {
		return "another grant"
	}
	return g
}

// curlBodyField is one field of a body, in order.
type curlBodyField struct {
	name, value string
	isString    bool
	form        bool // from a form body, which an unencoded & may have cut
	bare        bool // a form piece with no =
}

// readCurlBody reads a body as its Content-Type says: JSON, or
// form-encoded (curl's own default for --data). Without a Content-Type, a
// body that starts with { is read as JSON, as its writer meant.
func readCurlBody(body, contentType string, jsonFlag bool) ([]curlBodyField, error) {
	mediaType, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	mediaType = strings.TrimSpace(mediaType)
	switch {
	case mediaType == "" && (jsonFlag || strings.HasPrefix(strings.TrimSpace(body), "{")),
		mediaType == "application/json", strings.HasSuffix(mediaType, "+json"):
		return readJSONBody(body)
	case mediaType == "" || mediaType == "application/x-www-form-urlencoded":
		return readFormBody(body)
	}
	name := mediaType
	if len(name) > 60 || curlValueProblem(name) != "" {
		name = "another type"
	}
	return nil, fmt.Errorf("the body's Content-Type is %s, which rotui does not read: a login's body is JSON or form-encoded", name)
}

func readJSONBody(body string) ([]curlBodyField, error) {
	members, err := jsonwalk.Members([]byte(body))
	if err != nil {
		return nil, errors.New("the body is not a JSON object (its Content-Type says JSON): check its quotes, commas and braces")
	}
	out := make([]curlBodyField, 0, len(members))
	for _, m := range members {
		var s string
		isString := json.Unmarshal(m.Value, &s) == nil && len(m.Value) > 0 && m.Value[0] == '"'
		out = append(out, curlBodyField{name: m.Key, value: s, isString: isString})
	}
	return out, nil
}

func readFormBody(body string) ([]curlBodyField, error) {
	var out []curlBodyField
	for _, part := range strings.Split(body, "&") {
		if part == "" {
			continue
		}
		k, v, hasEquals := strings.Cut(part, "=")
		name, err1 := url.QueryUnescape(k)
		value, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return nil, errors.New("the form body has a broken % escape (a % not followed by two hex digits); fix the body and try again")
		}
		out = append(out, curlBodyField{name: name, value: value, isString: true, form: true, bare: !hasEquals})
	}
	return out, nil
}
