package rotest

import (
	"fmt"
	"io"
	"strings"
)

// EntryKind is what an Entry names.
type EntryKind int

// The kinds of Entry, in the order Describe lists them.
const (
	KindClient EntryKind = iota
	KindConnection
	KindUser
)

// Entry is one client, connection or user of the demo tenant: what to type
// and what trying it shows. Describe prints them, and the TUI's demo
// overlay lists them, so the two cannot disagree.
type Entry struct {
	Kind       EntryKind
	Name       string // a client ID, a connection's name, or a username (e-mail or phone number)
	Connection string // a user's connection
	Password   string // a user's password or one-time code; "" for clients and connections
	Secret     string // a client's secret, printed for the HS256 client
	Shows      string // what trying it shows, in a few words
}

// Entries lists the demo tenant's clients, connections and users, in the
// order Describe prints them.
func Entries() []Entry {
	db := func(name, shows string) Entry {
		return Entry{Kind: KindUser, Name: name, Connection: Connection, Password: Password, Shows: shows}
	}
	return []Entry{
		{Kind: KindClient, Name: ClientID, Shows: "ID tokens RS256 (verify with the JWKS)"},
		{Kind: KindClient, Name: ClientIDHS256, Secret: HS256Secret, Shows: "ID tokens HS256, signed with the client secret"},
		{Kind: KindClient, Name: ClientIDNoRO, Shows: "no legacy grant: /oauth/ro answers 403 unauthorized_client; /oauth/token accepts it"},
		{Kind: KindClient, Name: ClientIDOIDC, Shows: "OIDC Conformant: /oauth/ro, /delegation and /tokeninfo refuse it (400); /oauth/token accepts it"},

		{Kind: KindConnection, Name: Connection, Shows: "the database, with the users below"},
		{Kind: KindConnection, Name: ConnectionSMS, Shows: "passwordless: a phone number, and the code as password"},
		{Kind: KindConnection, Name: ConnectionEmail, Shows: "passwordless: an e-mail, and the code as password"},
		{Kind: KindConnection, Name: ConnectionDisabled, Shows: `switched off: 400 "the connection was disabled"`},

		db(UserAlice, "logs in; profile: name, nickname, picture, email_verified"),
		db(UserBlocked, `401 unauthorized "user is blocked"`),
		db(UserMFA, "MFA: 401 a0.mfa_required; mfa_code "+MFACode+" passes"),
		db(UserEnroll, "MFA, not enrolled: 401 a0.mfa_registration_required with a key and an otpauth:// URI; mfa_code "+MFACode+" passes"),
		db(UserLeaked, "401 password_leaked"),
		db(UserVerify, "401 requires_verification"),
		db(UserRule, `401 unauthorized "`+RuleMessage+`"`),
		{Kind: KindUser, Name: PhoneAlice, Connection: ConnectionSMS, Password: PasswordlessCode, Shows: "alice by SMS code"},
		{Kind: KindUser, Name: UserAlice, Connection: ConnectionEmail, Password: PasswordlessCode, Shows: "alice by e-mail code"},
	}
}

// Column widths of Describe: names, then what they show, within 80.
const (
	describeName  = 20
	describeWidth = 80
)

// Describe writes the demo clients, connections, users, passwords, codes
// and secret, for humans, in lines of at most 80 columns.
func Describe(w io.Writer) {
	var b strings.Builder
	b.WriteString("Demo tenant: behaves like an Auth0 tenant with the legacy /oauth/ro endpoint.\n")
	sections := []struct {
		title string
		keep  func(Entry) bool
	}{
		{"Clients", func(e Entry) bool { return e.Kind == KindClient }},
		{"Connections", func(e Entry) bool { return e.Kind == KindConnection }},
		{"Users of " + Connection + ", all with the password " + Password,
			func(e Entry) bool { return e.Kind == KindUser && e.Connection == Connection }},
		{"Passwordless: every code is " + PasswordlessCode + "; demo-server prints each one it sends",
			func(e Entry) bool { return e.Kind == KindUser && e.Connection != Connection }},
	}
	for _, sec := range sections {
		fmt.Fprintf(&b, "\n%s\n", sec.title)
		for _, e := range Entries() {
			if !sec.keep(e) {
				continue
			}
			shows := e.Shows
			if e.Kind == KindUser && e.Connection != Connection {
				shows = "connection " + e.Connection + ": " + shows
			}
			describeRow(&b, e.Name, shows)
			if e.Secret != "" {
				describeRow(&b, "", e.Secret)
			}
		}
		if strings.HasPrefix(sec.title, "Users") {
			describeRow(&b, "any user", fmt.Sprintf("a wrong password: 401 invalid_user_password; %d in a row for one user (wrong MFA codes count too): 429, %s", MaxFailedLogins, unbroken("locked until the demo restarts")))
		}
		if strings.HasPrefix(sec.title, "Passwordless") {
			describeRow(&b, "any other", "a well-formed phone number or e-mail signs up at its first login with the code")
		}
	}
	fmt.Fprintf(&b, `
Refresh: a refresh_token from /oauth/ro works at POST /delegation; one from
/oauth/token only with its refresh_token grant; POST /oauth/revoke forgets
either. POST /tokeninfo answers an ID token's legacy profile.

Scope decides what comes back: an id_token only with "openid"; profile claims
with "profile" or "email"; a refresh_token only with "offline_access" and a
device (any string, e.g. %s).
`, DemoDevice)
	io.WriteString(w, b.String())
}

// nbsp joins words that describeRow keeps on one line.
const nbsp = "\u00a0"

// unbroken keeps a phrase on one line of Describe: people (and a test)
// look for its words together.
func unbroken(phrase string) string { return strings.ReplaceAll(phrase, " ", nbsp) }

// describeRow writes a name and its text, the text wrapped in a column of
// its own; a name too long for its column puts the text on the next line.
func describeRow(b *strings.Builder, name, text string) {
	indent := strings.Repeat(" ", 2+describeName+1)
	line := "  " + name
	if len(name) > describeName {
		b.WriteString(line + "\n")
		line = indent
	} else {
		line += strings.Repeat(" ", describeName+1-len(name))
	}
	start := true
	for _, word := range strings.Fields(strings.ReplaceAll(text, nbsp, "\x00")) {
		word = strings.ReplaceAll(word, "\x00", " ")
		if !start && len(line)+1+len(word) > describeWidth {
			b.WriteString(line + "\n")
			line, start = indent, true
		}
		if !start {
			line += " "
		}
		line += word
		start = false
	}
	b.WriteString(line + "\n")
}
