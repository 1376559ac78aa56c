package ui

import (
	"strings"
	"testing"

	"github.com/rotui/rotui/ro"
)

func TestRealmPreview(t *testing.T) {
	req, _ := ptExchange()
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

func TestMigrationPane(t *testing.T) {
	req, ex := ptExchange()
	req.Scope += " read:messages"
	panes := ptBuild(t, Subject{Exchange: ex, Request: req, Migration: true}, ptPlain(), 60, 16)
	p := ptPane(t, panes, "→ realm")
	v := ptFullView(p, 16)
	for _, want := range []string{"POST https://acme.us.auth0.com/oauth/token", `"realm": "Username-Password-Authentication"`, "password-realm", "read:messages"} {
		if !strings.Contains(v, want) {
			t.Errorf("the migration pane lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "wonderland") || strings.Contains(v, `"device"`) {
		t.Errorf("the migration pane shows the password or a device:\n%s", v)
	}
	cmd, ok := p.(Copier).CopyJSON()
	if !ok || !strings.Contains(cmd, "/oauth/token") || strings.Contains(cmd, "wonderland") {
		t.Errorf("y on the migration pane copies %q", cmd)
	}
	ptFits(t, "→ realm", p.View(), 60, 16)
	// Not for an answer of the realm flow itself.
	ex.Flow = ro.FlowRealm
	for _, q := range ptBuild(t, Subject{Exchange: ex, Request: req, Migration: true}, ptPlain(), 60, 16) {
		if q.Title() == "→ realm" {
			t.Error("a realm-flow answer gets a migration preview")
		}
	}
}
