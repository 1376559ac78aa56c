package inspect

import (
	"slices"
	"strings"

	"github.com/rotui/rotui/ro"
)

// The migration preview: the login on screen as it would go to /oauth/token
// with the password-realm grant (the passwordless/otp grant for an sms or
// email login), the endpoint Auth0 replaced /oauth/ro with (deprecated 8
// July 2017), and what changes on the way.

// oidcScopes are the scopes /oauth/token grants without an API audience.
var oidcScopes = []string{"openid", "profile", "email", "address", "phone", "offline_access"}

// MigrationChange is one difference between a login in the ro flow and the
// same login in the realm flow.
type MigrationChange struct {
	Field string // "endpoint", "grant_type", "username", "password", "connection", "device", "mfa_code", "scope", "audience", "refresh_token"
	Text  string // what changes and why, as a sentence
	Warn  bool   // something the person must act on
}

// Migration is an ro-flow login as the realm flow would send it, and what
// changes on the way.
type Migration struct {
	Request ro.Request // the same login for POST /oauth/token: password-realm grant, or passwordless/otp
	Changes []MigrationChange
}

// RealmMigration is RealmPreview as a value.
func RealmMigration(r ro.Request) *Migration {
	req, ch := RealmPreview(r)
	return &Migration{Request: req, Changes: ch}
}

// RealmPreview returns r as the realm flow would send it (ro.Request.AsRealm,
// with the scope cut to OIDC scopes; a passwordless login becomes the
// passwordless/otp grant) and every change, in the order of the body.
func RealmPreview(r ro.Request) (ro.Request, []MigrationChange) {
	out := r.AsRealm()
	ch := []MigrationChange{
		{Field: "endpoint", Text: "POST /oauth/ro becomes POST /oauth/token, which every tenant has; /oauth/ro is off on tenants made after June 2017."},
	}
	if p, ok := ro.Passwordless(r.Connection); ok {
		ch = append(ch,
			MigrationChange{Field: "grant_type", Text: "password becomes " + ro.GrantPasswordlessOTP + "; the application needs the Passwordless OTP grant (Advanced Settings, Grant Types)."},
			MigrationChange{Field: "username", Text: "stays the " + strings.ToLower(p.UsernameLabel) + " the code was sent to."},
			MigrationChange{Field: "password", Text: "the one-time code is sent as otp, not as password."},
			MigrationChange{Field: "connection", Text: "is sent as realm (" + p.Name + "); the code is still asked for with POST /passwordless/start, as before."},
		)
	} else {
		ch = append(ch,
			MigrationChange{Field: "grant_type", Text: "password becomes " + ro.GrantPasswordRealm + "."},
			MigrationChange{Field: "connection", Text: "is sent as realm (the same value)."},
		)
	}
	if strings.TrimSpace(r.Device) != "" {
		ch = append(ch, MigrationChange{Field: "device", Text: "is dropped: /oauth/token has no device; offline_access alone asks for a refresh token."})
	}
	if r.IDToken != "" || (r.GrantType != "" && r.GrantType != ro.GrantPassword) {
		ch = append(ch, MigrationChange{Field: "grant_type", Warn: true, Text: "the jwt-bearer delegation (id_token) has no realm equivalent: log in with the password, or use a refresh token."})
	}
	if r.MFACode != "" {
		ch = append(ch, MigrationChange{Field: "mfa_code", Warn: true, Text: "is dropped: /oauth/token answers mfa_required with an mfa_token instead, and the client goes on with Auth0's MFA API (POST /mfa/challenge, then /oauth/token with the mfa-otp grant, the mfa_token and the code)."})
	}
	var kept, dropped []string
	for _, s := range strings.Fields(r.Scope) {
		if slices.Contains(oidcScopes, s) {
			kept = append(kept, s)
		} else {
			dropped = append(dropped, s)
		}
	}
	out.Scope = strings.Join(kept, " ")
	if len(dropped) > 0 {
		ch = append(ch, MigrationChange{Field: "scope", Warn: true, Text: "not OIDC scopes, left out: " + strings.Join(dropped, " ") +
			". Legacy ID tokens took user attributes as scopes; on /oauth/token profile and email bring them, and API scopes need an audience."})
	}
	if strings.TrimSpace(r.Audience) == "" {
		ch = append(ch, MigrationChange{Field: "audience", Warn: true, Text: "is empty: the access token stays opaque, good only for /userinfo. Name your API's identifier to get a JWT for it."})
	} else {
		ch = append(ch, MigrationChange{Field: "audience", Text: "is sent: the access token will be a JWT for that API."})
	}
	ch = append(ch, MigrationChange{Field: "refresh_token", Text: "issued by /oauth/ro does not work at /oauth/token: everyone logs in once more after the switch."})
	return out, ch
}
