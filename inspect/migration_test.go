package inspect

import (
	"strings"
	"testing"

	"github.com/rotui/rotui/internal/fixture"
	"github.com/rotui/rotui/ro"
)

func TestRealmPreview(t *testing.T) {
	req, _ := fixture.Exchange()
	req.Scope = "openid profile read:messages offline_access nickname"
	realm, changes := RealmPreview(req)
	if realm.Flow != ro.FlowRealm || realm.Device != "" || realm.Connection != req.Connection {
		t.Errorf("the realm request is %+v", realm)
	}
	if realm.Scope != "openid profile offline_access" {
		t.Errorf("the realm scope is %q, want the OIDC scopes only", realm.Scope)
	}
	byField := map[string]MigrationChange{}
	for _, c := range changes {
		byField[c.Field] = c
	}
	if c := byField["scope"]; !c.Warn || !strings.Contains(c.Text, "read:messages nickname") {
		t.Errorf("the non-OIDC scopes are not flagged: %+v", c)
	}
	if c := byField["device"]; !strings.Contains(c.Text, "dropped") {
		t.Errorf("the device is not said to be dropped: %+v", c)
	}
	if c := byField["audience"]; !c.Warn || !strings.Contains(c.Text, "opaque") {
		t.Errorf("an empty audience is not explained: %+v", c)
	}
	req.Audience = "https://api.example.com"
	if _, changes := RealmPreview(req); changes[len(changes)-2].Warn {
		t.Errorf("a named audience is still a warning: %+v", changes[len(changes)-2])
	}
}

// TestRealmPreviewOfAnMFALogin: the MFA code has no place in the realm
// flow; the preview drops it and says how /oauth/token does MFA instead.
func TestRealmPreviewOfAnMFALogin(t *testing.T) {
	req, _ := fixture.Exchange()
	req.MFACode = "123456"
	realm, changes := RealmPreview(req)
	if realm.MFACode != "" {
		t.Errorf("the realm request keeps the MFA code: %+v", realm)
	}
	var found bool
	for _, c := range changes {
		if c.Field == "mfa_code" {
			found = true
			if !c.Warn || !strings.Contains(c.Text, "mfa_token") || !strings.Contains(c.Text, "/mfa/challenge") {
				t.Errorf("the MFA change does not say what replaces it: %+v", c)
			}
		}
	}
	if !found {
		t.Errorf("no change names the MFA code: %+v", changes)
	}
}

// TestRealmPreviewOfAPasswordlessLogin: a passwordless /oauth/ro login
// (sms or email, the code as password) migrates to /oauth/token's
// passwordless/otp grant: the code as otp, the connection as realm, the
// phone number or e-mail as username.
func TestRealmPreviewOfAPasswordlessLogin(t *testing.T) {
	for _, c := range []struct{ connection, username string }{{"sms", "+15555550100"}, {"email", "alice@example.com"}} {
		req := ro.Request{Domain: "acme.us.auth0.com", ClientID: "abc", Connection: c.connection, Username: c.username, Password: "424242", Scope: "openid"}
		m := RealmMigration(req)
		if m.Request.EffectiveGrantType() != ro.GrantPasswordlessOTP || m.Request.Connection != c.connection || m.Request.Username != c.username {
			t.Errorf("%s: the realm request is %+v", c.connection, m.Request)
		}
		sent, err := m.Request.Build()
		if err != nil {
			t.Fatalf("%s: %v", c.connection, err)
		}
		for _, want := range []string{`"grant_type":"` + ro.GrantPasswordlessOTP + `"`, `"otp":"424242"`, `"realm":"` + c.connection + `"`, `"username":"` + c.username + `"`} {
			if !strings.Contains(string(sent.Body), want) {
				t.Errorf("%s: the realm body %s lacks %s", c.connection, sent.Body, want)
			}
		}
		byField := map[string]string{}
		for _, ch := range m.Changes {
			byField[ch.Field] += ch.Text
		}
		if !strings.Contains(byField["grant_type"], ro.GrantPasswordlessOTP) || strings.Contains(byField["grant_type"], ro.GrantPasswordRealm) {
			t.Errorf("%s: grant_type change: %q", c.connection, byField["grant_type"])
		}
		if !strings.Contains(byField["password"], "otp") {
			t.Errorf("%s: no change says the code is sent as otp: %+v", c.connection, m.Changes)
		}
		if !strings.Contains(byField["connection"], "realm") {
			t.Errorf("%s: no change says the connection is the realm: %+v", c.connection, m.Changes)
		}
	}
}
