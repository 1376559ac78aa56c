package inspect

import "strings"

// Exposure is what a field's value gives away on a shared screen, which is
// what presenter mode hides (DESIGN.md, "Keys": everything that identifies
// a person or grants access).
type Exposure int

// The exposures, from harmless to what must never show.
const (
	ExposureNone   Exposure = iota // harmless (token_type, exp, aud, …): shown
	ExposurePerson                 // identifies a person: hidden, nothing about it shown
	ExposureToken                  // a token, which grants access: hidden, its length may show
	ExposureSecret                 // a secret: hidden, nothing about it shown, not even its length
)

// personFields are the profile claims and fields that identify a person
// (OIDC Core §5.1, and Auth0's user ids and identities).
var personFields = map[string]bool{
	"name": true, "nickname": true, "given_name": true, "family_name": true, "middle_name": true,
	"preferred_username": true, "username": true, "picture": true, "profile": true, "website": true,
	"email": true, "phone_number": true, "phone": true, "address": true, "birthdate": true,
	"sub": true, "user_id": true, "identities": true, "upn": true, "unique_name": true,
	"street_address": true, "postal_code": true,
}

// secretFields are the fields whose value is a secret. "key" is
// mfa_settings' key in a0.mfa_registration_required: the shared TOTP
// secret, which lets whoever reads it make the user's codes.
var secretFields = map[string]bool{
	"password": true, "client_secret": true, "mfa_code": true, "otp": true, "code": true,
	"cookie": true, "set-cookie": true, "authorization": true, "proxy-authorization": true,
	"binding_code": true, "oob_code": true, "key": true,
}

// FieldExposure says what the value of the field name gives away: by its
// name (case does not matter), or, for any field, by a value that reads as
// an e-mail address or is an otpauth:// enrolment URI (it holds the TOTP
// secret, whatever the member is called: qr, uri, barcode_uri…).
func FieldExposure(name, value string) Exposure {
	n := strings.ToLower(name)
	switch {
	case secretFields[n] || strings.Contains(n, "secret") || strings.Contains(n, "password") ||
		len(value) >= 8 && strings.EqualFold(value[:8], "otpauth:"):
		return ExposureSecret
	case n == "token" || strings.HasSuffix(n, "_token") || strings.HasSuffix(n, "-token"):
		return ExposureToken
	case personFields[n] || looksLikeEmail(value):
		return ExposurePerson
	}
	return ExposureNone
}

// looksLikeEmail reports whether s reads as one e-mail address.
func looksLikeEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at < len(s)-1 && strings.IndexByte(s, ' ') < 0 && strings.IndexByte(s, '\t') < 0
}
