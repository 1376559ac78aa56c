// Package config keeps rotui's named profiles: the non-secret fields of the
// login form (domain, client, connection, user, scope, device, flow,
// audience, expected issuer), saved in a TOML file under the user's config
// directory, and the name of the profile used last.
//
// A Profile has no field that could hold a password, a bearer token, an
// ID token or a client secret, so no code path can write one to disk.
// The file is written atomically with mode 0600 in a 0700 folder, and a
// file rotui could not read or parse is never overwritten.
//
// Pure Go: no terminal, no bubbletea. Both main (--profile) and ui (the
// picker and the save key) use it.
package config

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// Profile is one saved form: everything needed to log in again except the
// secrets, which are typed (or piped) every time. Empty fields are unset.
type Profile struct {
	Name       string // the key under [profiles]; see Validate
	Domain     string // as typed: acme.us.auth0.com, https://…, http://127.0.0.1:PORT
	ClientID   string
	Connection string // the database connection (sent as realm in the realm flow)
	Username   string
	Scope      string
	Device     string
	Flow       string // "ro", "realm" or "password"; empty means ro
	Audience   string // realm and password flows
	Issuer     string // the expected issuer when the tenant is behind a custom domain; empty: the domain's
}

// MaxNameLength is the longest profile name Validate accepts.
const MaxNameLength = 64

// maxValueLength caps each field: a form value longer than this is a paste gone wrong.
const maxValueLength = 2048

// nameRE is a bare TOML key that cannot be mistaken for a flag: it starts
// with a letter or digit and holds only letters, digits, '-' and '_'.
// Compiled on first use: most runs of rotui name no profile.
var nameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`) })

// ValidateName checks that name can be used as a profile name: written as
// a bare TOML key and typed after --profile without quoting.
func ValidateName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("a profile needs a name: letters, digits, '-' and '_', such as acme-dev")
	case len(name) > MaxNameLength:
		return fmt.Errorf("the profile name is %d characters long; use at most %d", len(name), MaxNameLength)
	case !nameRE().MatchString(name):
		return fmt.Errorf("the profile name %s may hold only letters, digits, '-' and '_', and must start with a letter or digit (for example acme-dev)", quote(name))
	}
	return nil
}

// fields lists a profile's values with the TOML key each is stored under,
// in the order they are written and shown.
func (p Profile) fields() []struct{ key, value string } {
	return []struct{ key, value string }{
		{"domain", p.Domain},
		{"client_id", p.ClientID},
		{"connection", p.Connection},
		{"username", p.Username},
		{"scope", p.Scope},
		{"device", p.Device},
		{"flow", p.Flow},
		{"audience", p.Audience},
		{"issuer", p.Issuer},
	}
}

// Validate checks that p can be saved: a usable name, a known flow, and
// values that are one line of printable text.
func (p Profile) Validate() error {
	if err := ValidateName(p.Name); err != nil {
		return err
	}
	switch ro.Flow(p.Flow) {
	case "", ro.FlowRO, ro.FlowRealm, ro.FlowPassword:
	default:
		return fmt.Errorf("profile %s: the flow %s is not one rotui knows; use ro, realm or password", p.Name, quote(p.Flow))
	}
	for _, f := range p.fields() {
		if len(f.value) > maxValueLength {
			return fmt.Errorf("profile %s: %s is %d characters long; a profile keeps at most %d", p.Name, f.key, len(f.value), maxValueLength)
		}
		if !utf8.ValidString(f.value) {
			return fmt.Errorf("profile %s: %s is not valid UTF-8 text; retype it", p.Name, f.key)
		}
		if i := strings.IndexFunc(f.value, unprintable); i >= 0 {
			r, _ := utf8.DecodeRuneInString(f.value[i:])
			return fmt.Errorf("profile %s: %s holds the control character %U at byte %d; a profile keeps one line of plain text", p.Name, f.key, r, i)
		}
	}
	return nil
}

// FlowValue returns the profile's flow as an ro.Flow (empty means ro).
func (p Profile) FlowValue() ro.Flow {
	if p.Flow == "" {
		return ro.FlowRO
	}
	return ro.Flow(p.Flow)
}

// Request returns a login request filled from the profile. Secrets
// (password, bearer, id_token) are empty: the caller asks for them.
// Flags given on the command line are applied after, so they win.
func (p Profile) Request() ro.Request {
	return ro.Request{
		Domain:     p.Domain,
		ClientID:   p.ClientID,
		Connection: p.Connection,
		Username:   p.Username,
		Scope:      p.Scope,
		Device:     p.Device,
		Flow:       p.FlowValue(),
		Audience:   p.Audience,
	}
}

// FromRequest makes a profile named name from a login form, keeping only
// the fields a profile may hold: the password, bearer, id_token and the
// Insecure switch are left behind (plain http to a remote host is a choice
// made each run, never saved). issuer is the expected issuer, if any.
func FromRequest(name string, r ro.Request, issuer string) Profile {
	flow := string(r.Flow)
	if r.Flow == ro.FlowRO {
		flow = "" // the default; keeps the file short
	}
	return Profile{
		Name:       name,
		Domain:     strings.TrimSpace(r.Domain),
		ClientID:   strings.TrimSpace(r.ClientID),
		Connection: strings.TrimSpace(r.Connection),
		Username:   strings.TrimSpace(r.Username),
		Scope:      strings.TrimSpace(r.Scope),
		Device:     strings.TrimSpace(r.Device),
		Flow:       flow,
		Audience:   strings.TrimSpace(r.Audience),
		Issuer:     strings.TrimSpace(issuer),
	}
}

// Summary is a one-line description for a picker: "user @ domain (flow)".
// It is built from file contents: pass it through termsafe.Line before drawing.
func (p Profile) Summary() string {
	var b strings.Builder
	if p.Username != "" {
		b.WriteString(p.Username)
		b.WriteString(" @ ")
	}
	if p.Domain != "" {
		b.WriteString(p.Domain)
	} else {
		b.WriteString("(no domain)")
	}
	if p.ClientID != "" {
		b.WriteString(" · client ")
		b.WriteString(p.ClientID)
	}
	b.WriteString(" · ")
	b.WriteString(string(p.FlowValue()))
	return b.String()
}

// unprintable is true for a rune that must not sit in a one-line value:
// C0 and C1 controls, DEL, and the bidirectional controls that reorder text.
func unprintable(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}

// hidden is true for a rune an error message shows as an escape: what
// unprintable refuses, and every character that draws nothing (format
// controls such as tags and joiners, soft hyphens, fillers; the same as
// termsafe.Line, without the emoji it keeps, which a profile has no use for).
func hidden(r rune) bool {
	return unprintable(r) || termsafe.AlwaysEscaped(r) || unicode.Is(unicode.Cf, r)
}

// writeEscape writes r as \uXXXX, or \UXXXXXXXX beyond U+FFFF.
func writeEscape(b *strings.Builder, r rune) {
	if r > 0xffff {
		fmt.Fprintf(b, `\U%08X`, r)
		return
	}
	fmt.Fprintf(b, `\u%04X`, r)
}

// quote renders text from a file or a person for an error message: quoted,
// with every control, bidirectional and invisible character escaped.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case hidden(r):
			writeEscape(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// SuggestName proposes a name for saving p, for the TUI's save prompt: the
// tenant's first label ("acme" for acme.us.auth0.com, "local-8080" for a
// loopback URL), made a valid name, with -2, -3… added when f already has a
// profile of that name for another tenant. It returns "default" when the
// domain gives nothing usable.
func (f *File) SuggestName(p Profile) string {
	base := nameFromDomain(p.Domain)
	if base == "" {
		base = "default"
	}
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		old, taken := f.profiles[name]
		if !taken || old.Domain == p.Domain && old.ClientID == p.ClientID {
			return name
		}
	}
}

// nameFromDomain turns a domain as typed into a profile name.
func nameFromDomain(domain string) string {
	host := strings.TrimSpace(strings.ToLower(domain))
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	host, _, _ = strings.Cut(host, "/")
	port := ""
	if h, p, ok := strings.Cut(host, "]:"); ok && strings.HasPrefix(h, "[") {
		host, port = h+"]", p
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[:i], ":") {
		host, port = host[:i], host[i+1:]
	}
	label := host
	switch {
	case host == "localhost", strings.HasPrefix(host, "127."), host == "[::1]":
		label = "local"
	default:
		label, _, _ = strings.Cut(host, ".")
	}
	if port != "" {
		label += "-" + port
	}
	var b strings.Builder
	for _, r := range label {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-_")
	if len(name) > MaxNameLength {
		name = strings.TrimRight(name[:MaxNameLength], "-_")
	}
	return name
}
