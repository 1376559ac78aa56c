package ui

import (
	"strings"
	"testing"

	"github.com/rotui/rotui/ro"
)

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
