package ro

import (
	"encoding/json"
	"net/url"
	"strings"
)

// MFASettings is what Auth0's a0.mfa_registration_required answer carries
// in mfa_settings, for enrolling the user's authenticator: the provider,
// the key to type into an authenticator app, and the otpauth:// URI its QR
// code holds. Every field is the server's text: a renderer passes it
// through termsafe like any other.
type MFASettings struct {
	Provider string // e.g. google-authenticator
	Key      string // the shared secret, base32, to type into an authenticator
	// URI is an otpauth://totp/… or otpauth://hotp/… URI with a secret,
	// all printable ASCII; "" when the answer had none fit to draw as a
	// QR code (another scheme, an image, no secret, a control character).
	URI string
}

// otpauthMembers are the members of mfa_settings that may hold the
// otpauth:// URI: the legacy answer's qr (which the docs do not spell
// out), and the names the MFA API uses for it.
var otpauthMembers = []string{"qr", "uri", "barcode_uri", "otpauth", "url"}

// parseMFASettings reads mfa_settings; nil when it is absent, not an
// object, or says nothing rotui can use.
func parseMFASettings(raw json.RawMessage) *MFASettings {
	var m map[string]json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil || m == nil {
		return nil
	}
	s := &MFASettings{Provider: cut(jsonString(m["provider"])), Key: cut(jsonString(m["key"]))}
	for _, name := range otpauthMembers {
		if u := otpauthURI(jsonString(m[name])); u != "" {
			s.URI = u
			break
		}
	}
	if *s == (MFASettings{}) {
		return nil
	}
	return s
}

// maxOTPAuthURI is the longest otpauth:// URI kept: a QR code holds about
// 4 KB at most, and a real one is under 200 bytes.
const maxOTPAuthURI = 1024

// otpauthURI returns s when it is an otpauth:// URI an authenticator app
// can enrol from (Google's Key Uri Format: totp or hotp, a secret), written
// in printable ASCII only, so that no control or invisible character can
// reach a terminal or a QR code; else "".
func otpauthURI(s string) string {
	if s == "" || len(s) > maxOTPAuthURI {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return ""
		}
	}
	u, err := url.Parse(s)
	if err != nil || !strings.EqualFold(u.Scheme, "otpauth") || u.User != nil {
		return ""
	}
	if h := strings.ToLower(u.Host); h != "totp" && h != "hotp" {
		return ""
	}
	if q, err := url.ParseQuery(u.RawQuery); err != nil || strings.TrimSpace(q.Get("secret")) == "" {
		return ""
	}
	return s
}
