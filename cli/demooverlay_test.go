package cli

import (
	"bytes"
	"testing"

	"github.com/creack/pty"

	"github.com/rotui/rotui/ro/rotest"
)

// TestDemoOverlayListsEveryDemoUserAndClient: the --demo overlay (ctrl+d)
// lists what demo-server prints, each user with its password or code, the
// passwordless ones with their connection.
func TestDemoOverlayListsEveryDemoUserAndClient(t *testing.T) {
	_, d := demoOptions("http://127.0.0.1:1")
	rows := map[string]bool{}
	for _, l := range d.Entries {
		rows[l.Who+"|"+l.Password] = true
		rows[l.Who+"|"+l.Password+"|"+l.Connection] = true
		if l.Who == rotest.PhoneAlice && !bytes.Contains([]byte(l.Shows), []byte("connection "+rotest.ConnectionSMS)) {
			t.Errorf("the phone's row %q does not name its connection", l.Shows)
		}
	}
	for _, e := range rotest.Entries() {
		// A connection's row carries it, for the form's connection field.
		if e.Kind == rotest.KindConnection && !rows[e.Name+"||"+e.Name] {
			t.Errorf("the overlay lacks the connection %s", e.Name)
		}
		if !rows[e.Name+"|"+e.Password] {
			t.Errorf("the overlay lacks %s (%q)", e.Name, e.Password)
		}
		// Choosing a user's row puts its connection in the form: sms for
		// the phone number, email for alice's code, the database for the
		// others (after a passwordless row).
		if e.Kind == rotest.KindUser && !rows[e.Name+"|"+e.Password+"|"+e.Connection] {
			t.Errorf("the overlay's row of %s does not carry its connection %q", e.Name, e.Connection)
		}
	}
	if d.Secret != rotest.HS256Secret {
		t.Errorf("secret %q", d.Secret)
	}
}

// The embedded tenant's "sent" lines go to stderr only when it is not the
// terminal the TUI draws on.
func TestDemoLogStaysOffTheScreen(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if w := demoLog(tty); w != nil {
		t.Errorf("demoLog(a terminal) = %v, want nothing", w)
	}
	var b bytes.Buffer
	if w := demoLog(&b); w != &b {
		t.Errorf("demoLog(a buffer) = %v, want the buffer", w)
	}
}
