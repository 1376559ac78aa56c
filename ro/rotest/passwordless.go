package rotest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Passwordless over the legacy endpoint: POST /passwordless/start "sends"
// a one-time code (the demo prints it on Options.Log), then /oauth/ro with
// connection sms or email takes the phone number or e-mail as username and
// the code as password; /oauth/token's passwordless/otp grant takes the
// same code as otp. The code is always PasswordlessCode, and the demo does
// not insist on a start before the login (a real tenant does: its codes
// are made by the start and expire).

// grantPasswordlessOTP is /oauth/token's passwordless grant, the OIDC
// replacement of the passwordless /oauth/ro login.
const grantPasswordlessOTP = "http://auth0.com/oauth/grant-type/passwordless/otp"

var (
	// e164 is a phone number as Auth0's sms connection wants it.
	e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	// emailAddress is deliberately plain: printable ASCII, one @, a dot in
	// the domain. What it lets through is printed on the log as is.
	emailAddress = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)
)

// passwordlessAddress is true for a well-formed phone number (sms) or
// e-mail address (email); false for any other connection.
func passwordlessAddress(connection, address string) bool {
	switch connection {
	case ConnectionSMS:
		return e164.MatchString(address)
	case ConnectionEmail:
		return len(address) <= 254 && emailAddress.MatchString(address)
	}
	return false
}

// passwordlessID is the id of the identity a phone number or e-mail has on
// a passwordless connection: the same at every start and login, so the
// `_id` /passwordless/start answers is the one in the ID token's sub.
func passwordlessID(connection, address string) string {
	sum := sha256.Sum256([]byte(connection + "\x00" + strings.ToLower(address)))
	return hex.EncodeToString(sum[:12]) // 24 hex digits, as Auth0's ids
}

// knownPasswordless are the passwordless identities the demo starts with:
// alice's phone and e-mail, with her name and picture.
var knownPasswordless = func() map[string]*user {
	alice := users[UserAlice]
	m := map[string]*user{}
	for _, id := range []struct{ connection, address string }{{ConnectionSMS, PhoneAlice}, {ConnectionEmail, UserAlice}} {
		u := &user{
			id:         id.connection + "|" + passwordlessID(id.connection, id.address),
			connection: id.connection,
			name:       alice.name, givenName: alice.givenName, familyName: alice.familyName,
			nickname: alice.nickname, picture: alice.picture,
			created: alice.created, updated: alice.updated,
		}
		if id.connection == ConnectionSMS {
			u.phone = id.address
		} else {
			u.email, u.emailVerified = id.address, true
		}
		m[u.id] = u
	}
	return m
}()

// maxSignups bounds the passwordless users made on the fly.
const maxSignups = 10000

// passwordlessUserLocked is the user of a phone number or e-mail on a
// passwordless connection: alice's, one signed up earlier, or a new one,
// named after the address as Auth0 names them. t.mu must be held.
func (t *Tenant) passwordlessUserLocked(connection, address string) *user {
	id := connection + "|" + passwordlessID(connection, address)
	if u := knownPasswordless[id]; u != nil {
		return u
	}
	if u := t.signups[id]; u != nil {
		return u
	}
	now := t.now().UTC()
	u := &user{id: id, connection: connection, name: address, created: now, updated: now}
	if connection == ConnectionSMS {
		u.phone, u.nickname = address, strings.TrimPrefix(address, "+")
	} else {
		u.email, u.emailVerified = strings.ToLower(address), true
		u.nickname, _, _ = strings.Cut(u.email, "@")
	}
	// Past the bound a new user still logs in; its tokens are just not
	// recognised by /tokeninfo and /delegation afterwards.
	if len(t.signups) < maxSignups {
		t.signups[id] = u
	}
	return u
}

// userBySub finds the user of an ID token's sub: a database user, a
// passwordless one, or one signed up on the fly; nil for none.
func (t *Tenant) userBySub(sub string) *user {
	for _, u := range users {
		if u.id == sub {
			return u
		}
	}
	if u := knownPasswordless[sub]; u != nil {
		return u
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.signups[sub]
}

// passwordlessFields are the string fields of POST /passwordless/start.
var passwordlessFields = []string{"client_id", "client_secret", "connection", "email", "phone_number", "send"}

// startRefusal is /passwordless/start's error: Auth0 answered 400 with
// codes of its own (bad.client_id, bad.connection, bad.email,
// bad.phone_number, bad.send, bad.authParams: the keys of Lock's
// passwordless error messages).
func startRefusal(code, description string) *apiError {
	return newErr(http.StatusBadRequest, code, description)
}

// handlePasswordlessStart is POST /passwordless/start: it "sends" the
// one-time code (or, for e-mail with send "link", a sign-in link) by
// writing it on Options.Log, and answers the identity it went to.
func (t *Tenant) handlePasswordlessStart(w http.ResponseWriter, r *http.Request) {
	body, err := t.passwordlessStart(w, r)
	writeAnswer(w, body, err)
}

func (t *Tenant) passwordlessStart(w http.ResponseWriter, r *http.Request) ([]claim, error) {
	p, err := readParams(w, r)
	if err != nil {
		return nil, bodyError(err)
	}
	if f := p.notString(passwordlessFields); f != "" {
		return nil, startRefusal("bad.request", f+" must be a string")
	}
	if v, ok := p.values["authParams"]; ok && v != nil {
		if _, isObject := v.(map[string]any); !isObject {
			return nil, startRefusal("bad.authParams", "authParams must be an object")
		}
	}
	clientID := p.str("client_id")
	c := clients[clientID]
	switch {
	case clientID == "":
		return nil, startRefusal("bad.client_id", "Missing required property: client_id")
	case c == nil:
		return nil, startRefusal("bad.client_id", "Unknown client: "+cut(clientID, 100))
	}
	connection := p.str("connection")
	if connection != ConnectionSMS && connection != ConnectionEmail {
		return nil, startRefusal("bad.connection", "Connection must be sms or email; the demo has no other passwordless connection.")
	}
	send := p.str("send")
	switch {
	case send == "":
		send = "link" // Auth0's default
	case send != "code" && send != "link":
		return nil, startRefusal("bad.send", `send must be "code" or "link"`)
	}
	if connection == ConnectionSMS {
		phone := strings.TrimSpace(p.str("phone_number"))
		if !passwordlessAddress(connection, phone) {
			return nil, startRefusal("bad.phone_number", "phone_number must be in E.164 format, such as "+PhoneAlice)
		}
		t.logSend("by SMS to %s: the code %s (client %s)", phone, PasswordlessCode, c.id)
		return []claim{
			{"_id", passwordlessID(connection, phone)},
			{"phone_number", phone},
			{"request_language", requestLanguage(r)},
		}, nil
	}
	email := strings.TrimSpace(p.str("email"))
	if !passwordlessAddress(connection, email) {
		return nil, startRefusal("bad.email", "email must be an e-mail address, such as "+UserAlice)
	}
	if send == "link" {
		t.logSend("by e-mail to %s: a sign-in link (the demo has no /authorize to follow it; log in with the code %s) (client %s)", email, PasswordlessCode, c.id)
	} else {
		t.logSend("by e-mail to %s: the code %s (client %s)", email, PasswordlessCode, c.id)
	}
	return []claim{
		{"_id", passwordlessID(connection, email)},
		{"email", email},
		{"email_verified", false},
	}, nil
}

// languageTag is an Accept-Language tag echoed as request_language.
var languageTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

// requestLanguage is the first language of Accept-Language, or nil.
func requestLanguage(r *http.Request) any {
	first, _, _ := strings.Cut(r.Header.Get("Accept-Language"), ",")
	first, _, _ = strings.Cut(first, ";")
	if first = strings.TrimSpace(first); languageTag.MatchString(first) {
		return first
	}
	return nil
}

// logSend writes one "sent" line on Options.Log. Every value in it was
// checked first (a client the tenant knows, a well-formed address), so
// nothing a caller typed freely reaches the terminal.
func (t *Tenant) logSend(format string, args ...any) {
	if t.opts.Log == nil {
		return
	}
	t.logMu.Lock()
	defer t.logMu.Unlock()
	fmt.Fprintf(t.opts.Log, "%s demo tenant: sent "+format+"\n", append([]any{t.now().Format(time.TimeOnly)}, args...)...)
}
