package rotest

import (
	"strings"
	"time"
)

// client is one application registered on the tenant.
type client struct {
	id     string
	secret string // empty: a public client
	hs256  bool   // ID tokens signed HS256 with the secret, as legacy clients had
	legacy bool   // the legacy grant http://auth0.com/oauth/legacy/grant-type/ro is enabled
	// oidc: "OIDC Conformant" is on, which takes /oauth/ro, /delegation and
	// /tokeninfo away from the client whatever its grants say.
	oidc bool
}

var clients = map[string]*client{
	ClientID:      {id: ClientID, legacy: true},
	ClientIDHS256: {id: ClientIDHS256, secret: HS256Secret, hs256: true, legacy: true},
	// A client made after the legacy grants were retired: /oauth/ro refuses
	// it, /oauth/token (the migration path) accepts it.
	ClientIDNoRO: {id: ClientIDNoRO},
	ClientIDOIDC: {id: ClientIDOIDC, legacy: true, oidc: true},
}

// socialConnections are names of social connections, which cannot take a
// password: Auth0 answers "specified strategy does not support requested
// operation" for them.
var socialConnections = map[string]bool{
	"google-oauth2": true, "facebook": true, "github": true, "twitter": true,
	"apple": true, "windowslive": true, "linkedin": true,
}

// user is one account: of the database connection, or a passwordless
// identity (sms or email).
type user struct {
	id            string // Auth0's user_id, e.g. auth0|5f… or sms|…
	connection    string // the connection the identity belongs to
	email         string
	phone         string // E.164, passwordless sms users
	password      string // database users only
	name          string
	givenName     string
	familyName    string
	nickname      string
	picture       string
	emailVerified bool
	mfa           bool // MFA on: /oauth/ro wants mfa_code
	mfaEnroll     bool // MFA on but not enrolled yet: the answer carries mfa_settings
	// refusal is how the tenant refuses the user once the password is
	// right: loginBlocked, loginLeaked, loginVerify, loginRule; loginOK
	// for none.
	refusal outcome
	created time.Time
	updated time.Time
}

// demoPassword is a database user of the demo with the shared password.
func demoPassword(id, email, name, nickname string, created, updated time.Time) *user {
	return &user{
		id: "auth0|" + id, connection: Connection, email: email, password: Password,
		name: name, nickname: nickname,
		picture: "https://s.gravatar.com/avatar/" + id + "?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F" + nickname[:2] + ".png",
		created: created, updated: updated,
	}
}

// users are the database connection's accounts, by lower-cased e-mail.
var users = func() map[string]*user {
	alice := &user{
		id: "auth0|5f7c8ec7c33c6c004bbafe82", connection: Connection, email: UserAlice, password: Password,
		name: "Alice Liddell", givenName: "Alice", familyName: "Liddell", nickname: "alice",
		picture:       "https://s.gravatar.com/avatar/c160f8cc69a4f0bf2b0362752353d060?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fal.png",
		emailVerified: true,
		created:       time.Date(2016, 11, 2, 9, 30, 0, 0, time.UTC),
		updated:       time.Date(2017, 5, 4, 14, 12, 51, 0, time.UTC),
	}
	blocked := &user{
		id: "auth0|5f7c8ec7c33c6c004bbafe83", connection: Connection, email: UserBlocked, password: Password,
		name: "Bill the Lizard", nickname: "blocked",
		picture: "https://s.gravatar.com/avatar/0c8ba4ab6a3a1b0cbd1f1b9f5b0a86e2?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fbl.png",
		refusal: loginBlocked,
		created: time.Date(2016, 11, 2, 9, 31, 0, 0, time.UTC),
		updated: time.Date(2017, 3, 1, 8, 0, 0, 0, time.UTC),
	}
	mfa := &user{
		id: "auth0|5f7c8ec7c33c6c004bbafe84", connection: Connection, email: UserMFA, password: Password,
		name: "Mad Hatter", nickname: "mfa",
		picture:       "https://s.gravatar.com/avatar/5b3c2e5bfb2d0b0b6f0f9a2b3e0e8e1c?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fmh.png",
		emailVerified: true,
		mfa:           true,
		created:       time.Date(2016, 11, 2, 9, 32, 0, 0, time.UTC),
		updated:       time.Date(2017, 4, 12, 16, 45, 0, 0, time.UTC),
	}
	day := func(d int) time.Time { return time.Date(2016, 11, d, 10, 0, 0, 0, time.UTC) }
	enroll := demoPassword("5f7c8ec7c33c6c004bbafe85", UserEnroll, "March Hare", "enroll", day(3), day(20))
	enroll.mfa, enroll.mfaEnroll = true, true
	leaked := demoPassword("5f7c8ec7c33c6c004bbafe86", UserLeaked, "Dormouse", "leaked", day(4), day(21))
	leaked.refusal = loginLeaked
	verify := demoPassword("5f7c8ec7c33c6c004bbafe87", UserVerify, "Cheshire Cat", "verify", day(5), day(22))
	verify.refusal = loginVerify
	rule := demoPassword("5f7c8ec7c33c6c004bbafe88", UserRule, "White Rabbit", "rule", day(6), day(23))
	rule.refusal = loginRule
	m := map[string]*user{}
	for _, u := range []*user{alice, blocked, mfa, enroll, leaked, verify, rule} {
		m[u.email] = u
	}
	return m
}()

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

// identities is the legacy profile's identities array: provider auth0
// for the database, the connection's own name for passwordless.
func (u *user) identities() []map[string]any {
	provider, id, _ := strings.Cut(u.id, "|")
	return []map[string]any{{
		"user_id":    id,
		"provider":   provider,
		"connection": u.connection,
		"isSocial":   false,
	}}
}

// attributes is the whole legacy profile (without sub), in Auth0's order.
func (u *user) attributes(clientID string) []claim {
	attrs := []claim{
		{"name", u.name},
		{"nickname", u.nickname},
	}
	if u.picture != "" {
		attrs = append(attrs, claim{"picture", u.picture})
	}
	if u.email != "" {
		attrs = append(attrs, claim{"email", u.email}, claim{"email_verified", u.emailVerified})
	}
	if u.phone != "" {
		attrs = append(attrs, claim{"phone_number", u.phone}, claim{"phone_number_verified", true})
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
// brings email_verified with it, `phone_number` (or OIDC's `phone`)
// phone_number and phone_number_verified.
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
	if want["phone"] || want["phone_number"] {
		want["phone_number"], want["phone_number_verified"] = true, true
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
		)
		if u.picture != "" {
			out = append(out, claim{"picture", u.picture})
		}
		out = append(out,
			claim{"updated_at", u.updated.Format("2006-01-02T15:04:05.000Z")},
		)
	}
	if has(scope, "email") && u.email != "" {
		out = append(out, claim{"email", u.email}, claim{"email_verified", u.emailVerified})
	}
	if has(scope, "phone") && u.phone != "" {
		out = append(out, claim{"phone_number", u.phone}, claim{"phone_number_verified", true})
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
