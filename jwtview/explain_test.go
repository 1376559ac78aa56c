package jwtview

import (
	"strings"
	"testing"
)

// Each table of notes is tested row by row: every name it knows has a
// phrase here that its note must say, written apart from the table, and
// every name here must be in the table.

func TestClaimNotes(t *testing.T) {
	checkNotes(t, "claim", claimNotes, ExplainClaim, map[string]string{
		"iss": "issuer", "sub": "subject", "aud": "audience", "exp": "expiry", "nbf": "not before",
		"iat": "issued at", "jti": "JWT ID", "azp": "authorized party", "auth_time": "last authenticated",
		"nonce": "replay", "at_hash": "access token hash", "c_hash": "code hash", "acr": "context class",
		"amr": "authentication methods", "sid": "session ID",
		"name": "profile claim", "given_name": "profile claim", "family_name": "profile claim", "middle_name": "profile claim",
		"nickname": "profile claim", "preferred_username": "profile claim", "profile": "profile claim", "picture": "profile claim",
		"website": "profile claim", "gender": "profile claim", "birthdate": "profile claim", "zoneinfo": "profile claim",
		"locale": "profile claim", "address": "profile claim",
		"email": "e-mail address", "email_verified": "e-mail address was verified", "phone_number": "phone number",
		"phone_number_verified": "phone number was verified", "updated_at": "profile was last changed",
		"scope": "space separated", "scp": "as a list", "client_id": "client the token was issued to",
		"gty": "grant type", "permissions": "RBAC", "org_id": "organization the user logged in to",
		"org_name": "name of that organization", "cnf": "proof of possession", "act": "actor", "may_act": "who may act",
		"identities": "linked identities", "user_id": "Auth0 user ID", "app_metadata": "metadata", "user_metadata": "metadata",
		"clientID": "legacy", "global_client_id": "global client", "created_at": "user was created", "last_login": "last logged in",
		"logins_count": "how many times", "blocked": "blocked", "roles": "roles", "groups": "groups",
		"tid": "tenant", "ver": "version",
	})
	// A name no row has: a namespaced custom claim, or nothing.
	for name, want := range map[string]string{
		"https://example.com/roles": "namespaced", "urn:x://y": "namespaced", "a:b://c": "namespaced",
		"favourite_colour": "", "ISS": "", "": "", "a:b": "", "http:/x": "",
	} {
		if got := ExplainClaim(name); want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("claim %q: %q, want %q", name, got, want)
		}
	}
}

func TestHeaderNotes(t *testing.T) {
	checkNotes(t, "header", headerNotes, ExplainHeader, map[string]string{
		"alg": "algorithm", "kid": "key ID", "typ": "at+jwt", "cty": "content type", "x5t": "SHA-1",
		"x5t#S256": "SHA-256", "x5c": "never trust", "x5u": "never trust", "jku": "never trust", "jwk": "never trust",
		"crit": "must understand", "b64": "RFC 7797", "enc": "content encryption", "zip": "compression",
		"epk": "ephemeral", "apu": "agreement party", "apv": "agreement party", "iv": "AES-GCM", "tag": "AES-GCM",
		"p2s": "PBES2", "p2c": "PBES2",
	})
}

func TestAlgNotes(t *testing.T) {
	checkNotes(t, "alg", algNotes, func(s string) string { return ExplainValue("alg", s) }, map[string]string{
		"none": "unsigned", "None": "unsigned", "NONE": "unsigned",
		"HS256": "HMAC", "HS384": "HMAC", "HS512": "HMAC",
		"RS256": "RSA", "RS384": "RSA", "RS512": "RSA", "PS256": "RSA", "PS384": "RSA", "PS512": "RSA",
		"ES256": "elliptic-curve", "ES384": "elliptic-curve", "ES512": "elliptic-curve", "EdDSA": "elliptic-curve",
	})
}

func TestGrantNotes(t *testing.T) {
	checkNotes(t, "gty", grantNotes, func(s string) string { return ExplainValue("gty", s) }, map[string]string{
		"password": "Resource Owner", "client-credentials": "machine-to-machine", "refresh_token": "refresh token",
		"authorization_code": "browser login", "implicit": "no longer recommends", "mfa": "multi-factor",
	})
}

func TestAMRNotes(t *testing.T) {
	checkNotes(t, "amr", amrNotes, func(s string) string { return ExplainValue("amr", []any{s}) }, map[string]string{
		"pwd": "password", "mfa": "more than one factor", "otp": "one-time password", "sms": "text message",
		"hwk": "hardware key", "swk": "software key", "fed": "federated",
	})
}

// checkNotes checks every row of table through explain, the function that
// reads it, against phrases.
func checkNotes(t *testing.T, what string, table map[string]string, explain func(string) string, phrases map[string]string) {
	t.Helper()
	for name := range table {
		phrase, ok := phrases[name]
		if !ok {
			t.Errorf("%s %q: no phrase in this test says what its note must tell", what, name)
			continue
		}
		// A copy, as a decoded token's names are: no string the linker shares.
		if got := explain(strings.Clone(name)); !strings.Contains(got, phrase) {
			t.Errorf("%s %q: %q does not say %q", what, name, got, phrase)
		}
	}
	for name := range phrases {
		if table[name] == "" {
			t.Errorf("%s %q: not in the table", what, name)
		}
	}
}

// BenchmarkExplain looks up the notes Decode adds to every field: the
// claims of a typical ID token, the custom and unknown names of a large
// one, and the header.
//
//	go test ./jwtview -run XXX -bench Explain -benchmem
func BenchmarkExplain(b *testing.B) {
	claims := []string{"https://acme.example.com/roles", "https://acme.example.com/org", "nickname", "name", "picture",
		"updated_at", "email", "email_verified", "iss", "aud", "iat", "exp", "sub", "auth_time", "sid", "nonce", "at_hash", "amr",
		"claim_00000", "n_00002", "https://example.com/c00003", "list_00004", "favourite_colour", "x"}
	header := []string{"alg", "typ", "kid", "x5t#S256", "foo"}
	values := []struct {
		name string
		v    any
	}{{"alg", "RS256"}, {"typ", "JWT"}, {"gty", "password"}, {"amr", []any{"pwd", "mfa"}}, {"email_verified", true}}
	// Names and values come out of a token's JSON, not from constants the
	// linker may share with the tables.
	for i := range claims {
		claims[i] = strings.Clone(claims[i])
	}
	for i := range header {
		header[i] = strings.Clone(header[i])
	}
	for i := range values {
		if s, ok := values[i].v.(string); ok {
			values[i].v = strings.Clone(s)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range claims {
			_ = ExplainClaim(n)
		}
		for _, n := range header {
			_ = ExplainHeader(n)
		}
		for _, v := range values {
			_ = ExplainValue(v.name, v.v)
		}
	}
}

// A /userinfo profile reads like the claims of the ID token it came with:
// the same notes, updated_at read as a time, a name sent twice marked; what
// is not one JSON object is an error that says so, never a panic.
func TestDecodeClaims(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       map[string]string // claim → a phrase of its note
		times      []string          // claims read as times
		err        string
	}{
		{"auth0 profile", `{"sub":"auth0|1","email":"a@b.co","email_verified":true,"updated_at":"2017-05-04T14:12:51.000Z","favourite":1}`,
			map[string]string{"sub": "subject", "email": "e-mail address", "email_verified": "was verified", "updated_at": "last changed", "favourite": ""},
			[]string{"updated_at"}, ""},
		{"a name twice", `{"email":"a@b.co","email":"c@d.co"}`, map[string]string{"email": "more than once"}, nil, ""},
		{"a time that is not one", `{"updated_at":"yesterday"}`, map[string]string{"updated_at": "could not read this as a time"}, nil, ""},
		{"empty object", `{}`, map[string]string{}, nil, ""},
		{"an array", `[{"sub":"x"}]`, nil, nil, "not a JSON object"},
		{"html", `<html>502</html>`, nil, nil, "not a JSON object"},
		{"cut", `{"sub":"x",`, nil, nil, "not a JSON object"},
		{"empty", ``, nil, nil, "not a JSON object"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fields, err := DecodeClaims([]byte(c.body))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one saying %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fields {
				want, ok := c.want[f.Name]
				if !ok {
					t.Errorf("unexpected field %q", f.Name)
				}
				if want == "" && f.Note != "" || !strings.Contains(f.Note, want) {
					t.Errorf("%s: note %q, want %q", f.Name, f.Note, want)
				}
			}
			for _, name := range c.times {
				for _, f := range fields {
					if f.Name == name && !f.IsTime {
						t.Errorf("%s is not read as a time", name)
					}
				}
			}
		})
	}
}
