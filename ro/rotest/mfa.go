package rotest

import (
	"crypto/hmac"
	"crypto/sha1" // TOTP's HMAC is HMAC-SHA-1 (RFC 6238 §1.2), as authenticator apps use
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"time"
)

// mfaProvider is the provider a0.mfa_registration_required names.
const mfaProvider = "google-authenticator"

// mfaSettings is the mfa_settings member of a0.mfa_registration_required:
// the provider, the TOTP key (base32) and, as qr, the otpauth:// URI that
// an authenticator app takes from a QR code.
func mfaSettings(u *user) claim {
	return claim{"mfa_settings", object{
		{"provider", mfaProvider},
		{"key", MFAEnrollKey},
		{"qr", enrollURI(u.email)},
	}}
}

// enrollURI is the Key URI Format authenticator apps read:
// otpauth://totp/ISSUER:ACCOUNT?secret=KEY&issuer=ISSUER.
func enrollURI(account string) string {
	// Spaces as %20, not +: the format follows RFC 3986, and some apps
	// show a + in the issuer's name.
	label := url.PathEscape(MFAIssuer) + ":" + url.PathEscape(account)
	return "otpauth://totp/" + label + "?secret=" + MFAEnrollKey + "&issuer=" + url.PathEscape(MFAIssuer)
}

// totpStep is the period of a TOTP code, as authenticator apps use.
const totpStep = 30 * time.Second

// totpFits is true when code is the 6-digit TOTP (RFC 6238) of the base32
// key at now, or one step either side, for a phone's clock that is off.
func totpFits(key, code string, now time.Time) bool {
	secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(key)
	if err != nil || len(code) != 6 {
		return false
	}
	step := now.Unix() / int64(totpStep/time.Second)
	for _, s := range []int64{step - 1, step, step + 1} {
		if subtle.ConstantTimeCompare([]byte(totp(secret, s)), []byte(code)) == 1 {
			return true
		}
	}
	return false
}

// totp is the 6-digit HOTP (RFC 4226 §5.3) of secret for the step.
func totp(secret []byte, step int64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	mac := hmac.New(sha1.New, secret)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", bin%1_000_000)
}
