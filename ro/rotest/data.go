package rotest

import (
	"strings"
	"time"
)

// MFACode is the one-time code the demo's MFA user accepts as mfa_code.
const MFACode = "123456"

// client is one application registered on the tenant.
type client struct {
	id     string
	secret string // empty: a public client
	hs256  bool   // ID tokens signed HS256 with the secret, as legacy clients had
	legacy bool   // the legacy grant http://auth0.com/oauth/legacy/grant-type/ro is enabled
}

var clients = map[string]*client{
	ClientID:      {id: ClientID, legacy: true},
	ClientIDHS256: {id: ClientIDHS256, secret: HS256Secret, hs256: true, legacy: true},
	// A client made after the legacy grants were retired: /oauth/ro refuses
	// it, /oauth/token (the migration path) accepts it.
	ClientIDNoRO: {id: ClientIDNoRO},
}

// socialConnections are names of social connections, which cannot take a
// password: Auth0 answers "specified strategy does not support requested
// operation" for them.
var socialConnections = map[string]bool{
	"google-oauth2": true, "facebook": true, "github": true, "twitter": true,
	"apple": true, "windowslive": true, "linkedin": true,
}

// user is one account of the database connection.
type user struct {
	id            string // Auth0's user_id, e.g. auth0|5f…
	email         string
	password      string
	name          string
	givenName     string
	familyName    string
	nickname      string
	picture       string
	emailVerified bool
	blocked       bool
	mfa           bool
	created       time.Time
	updated       time.Time
}

var users = map[string]*user{
	UserAlice: {
		id: "auth0|5f7c8ec7c33c6c004bbafe82", email: UserAlice, password: Password,
		name: "Alice Liddell", givenName: "Alice", familyName: "Liddell", nickname: "alice",
		picture:       "https://s.gravatar.com/avatar/c160f8cc69a4f0bf2b0362752353d060?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fal.png",
		emailVerified: true,
		created:       time.Date(2016, 11, 2, 9, 30, 0, 0, time.UTC),
		updated:       time.Date(2017, 5, 4, 14, 12, 51, 0, time.UTC),
	},
	UserBlocked: {
		id: "auth0|5f7c8ec7c33c6c004bbafe83", email: UserBlocked, password: Password,
		name: "Bill the Lizard", nickname: "blocked",
		picture: "https://s.gravatar.com/avatar/0c8ba4ab6a3a1b0cbd1f1b9f5b0a86e2?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fbl.png",
		blocked: true,
		created: time.Date(2016, 11, 2, 9, 31, 0, 0, time.UTC),
		updated: time.Date(2017, 3, 1, 8, 0, 0, 0, time.UTC),
	},
	UserMFA: {
		id: "auth0|5f7c8ec7c33c6c004bbafe84", email: UserMFA, password: Password,
		name: "Mad Hatter", nickname: "mfa",
		picture:       "https://s.gravatar.com/avatar/5b3c2e5bfb2d0b0b6f0f9a2b3e0e8e1c?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fmh.png",
		emailVerified: true,
		mfa:           true,
		created:       time.Date(2016, 11, 2, 9, 32, 0, 0, time.UTC),
		updated:       time.Date(2017, 4, 12, 16, 45, 0, 0, time.UTC),
	},
}

// findUser looks a username up as Auth0 does: e-mail addresses are not
// case-sensitive.
func findUser(username string) *user {
	return users[strings.ToLower(strings.TrimSpace(username))]
}

// claim is one JSON member, kept in order so that tokens and profiles
// read the way Auth0's do.
type claim struct {
	name  string
	value any
}

// identities is the legacy profile's identities array.
func (u *user) identities() []map[string]any {
	return []map[string]any{{
		"user_id":    strings.TrimPrefix(u.id, "auth0|"),
		"provider":   "auth0",
		"connection": Connection,
		"isSocial":   false,
	}}
}

// attributes is the whole legacy profile (without sub), in Auth0's order.
func (u *user) attributes(clientID string) []claim {
	attrs := []claim{
		{"name", u.name},
		{"nickname", u.nickname},
		{"picture", u.picture},
		{"email", u.email},
		{"email_verified", u.emailVerified},
	}
	if u.givenName != "" {
		attrs = append(attrs, claim{"given_name", u.givenName}, claim{"family_name", u.familyName})
	}
	attrs = append(attrs,
		claim{"user_id", u.id},
		claim{"clientID", clientID},
		claim{"identities", u.identities()},
		claim{"updated_at", u.updated.Format("2006-01-02T15:04:05.000Z")},
		claim{"created_at", u.created.Format("2006-01-02T15:04:05.000Z")},
	)
	return attrs
}

// legacyScopeClaims is what a legacy ID token carries beyond iss, sub,
// aud, exp and iat: `openid profile` puts in every attribute; naming
// attributes (`openid email nickname`) adds those the user has; `email`
// brings email_verified with it.
func (u *user) legacyScopeClaims(scope []string, clientID string) []claim {
	all := u.attributes(clientID)
	if has(scope, "profile") {
		return all
	}
	want := map[string]bool{}
	for _, s := range scope {
		want[s] = true
	}
	if want["email"] {
		want["email_verified"] = true
	}
	var out []claim
	for _, c := range all {
		if want[c.name] {
			out = append(out, c)
		}
	}
	return out
}

// oidcScopeClaims is what an OIDC-conformant ID token (from /oauth/token)
// carries for the standard scopes.
func (u *user) oidcScopeClaims(scope []string) []claim {
	var out []claim
	if has(scope, "profile") {
		if u.givenName != "" {
			out = append(out, claim{"given_name", u.givenName}, claim{"family_name", u.familyName})
		}
		out = append(out,
			claim{"nickname", u.nickname},
			claim{"name", u.name},
			claim{"picture", u.picture},
			claim{"updated_at", u.updated.Format("2006-01-02T15:04:05.000Z")},
		)
	}
	if has(scope, "email") {
		out = append(out, claim{"email", u.email}, claim{"email_verified", u.emailVerified})
	}
	return out
}

// scopes splits a scope string on white space.
func scopes(s string) []string { return strings.Fields(s) }

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
