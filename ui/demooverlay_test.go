package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// The demo overlay (ctrl+d): what choosing a row puts in the form, and how
// the list draws at 60×16 and 120×36.

// demoLines are the overlay's rows as rotui --demo lists them (cli's
// demoOptions), long notes and all.
func demoLines() *Demo {
	return &Demo{URL: "http://127.0.0.1:9", Secret: rotest.HS256Secret, Entries: []DemoLine{
		{Who: rotest.UserAlice, Password: rotest.Password, Shows: "logs in; profile: name, nickname, picture, email_verified", Connection: rotest.Connection},
		{Who: rotest.UserBlocked, Password: rotest.Password, Shows: `401 unauthorized "user is blocked"`, Connection: rotest.Connection},
		{Who: rotest.UserMFA, Password: rotest.Password, Shows: "MFA: 401 a0.mfa_required; mfa_code 123456 passes", Connection: rotest.Connection},
		{Who: rotest.UserEnroll, Password: rotest.Password, Shows: "MFA, not enrolled: 401 a0.mfa_registration_required with a key and an otpauth:// URI; mfa_code 123456 passes", Connection: rotest.Connection},
		{Who: rotest.UserLeaked, Password: rotest.Password, Shows: "401 password_leaked", Connection: rotest.Connection},
		{Who: rotest.UserVerify, Password: rotest.Password, Shows: "401 requires_verification", Connection: rotest.Connection},
		{Who: rotest.UserRule, Password: rotest.Password, Shows: `401 unauthorized "Access denied: outside office hours"`, Connection: rotest.Connection},
		{Who: "any of them", Password: "(wrong)", Shows: "401; after 10: locked until the demo restarts"},
		{Who: rotest.PhoneAlice, Password: rotest.PasswordlessCode, Shows: "connection sms: alice by SMS code", Connection: rotest.ConnectionSMS},
		{Who: rotest.UserAlice, Password: rotest.PasswordlessCode, Shows: "connection email: alice by e-mail code", Connection: rotest.ConnectionEmail},
		{Who: "rotui-demo", Shows: "ID tokens RS256 (verify with the JWKS)"},
		{Who: "rotui-demo-hs256", Shows: "ID tokens HS256, signed with the client secret"},
		{Who: "rotui-no-ro", Shows: "no legacy grant: /oauth/ro answers 403 unauthorized_client; /oauth/token accepts it"},
		{Who: "rotui-oidc", Shows: "OIDC Conformant: /oauth/ro, /delegation and /tokeninfo refuse it (400); /oauth/token accepts it"},
	}}
}

// Choosing a user fills every field that user's login needs and empties
// the ones that belonged to the user before: after an MFA login, the MFA
// code typed for it would have the next user's login refused ("mfa_code
// not allowed"). Each row, from a form left by an MFA login by SMS code in
// the password flow.
func TestTheDemoListFillsEveryFieldAUserNeeds(t *testing.T) {
	d := demoLines()
	for i, e := range d.Entries {
		if e.Password == "" || strings.HasPrefix(e.Password, "(") {
			continue
		}
		t.Run(e.Who+"/"+e.Connection, func(t *testing.T) {
			m := New(Options{Prefill: demoRequest("http://127.0.0.1:9"), Demo: d})
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
			m.form.SetValue(ro.FieldMFACode, rotest.MFACode)
			m.form.SetValue(ro.FieldConnection, "sms")
			m.form.SetFlow(ro.FlowPassword)
			press(m, "ctrl+d")
			for range i {
				press(m, "down")
			}
			press(m, "enter")
			r := m.form.request()
			if r.Username != e.Who || r.Password != e.Password || r.Connection != e.Connection {
				t.Errorf("filled user %q, password %q, connection %q; want %q, %q, %q", r.Username, r.Password, r.Connection, e.Who, e.Password, e.Connection)
			}
			if r.MFACode != "" {
				t.Errorf("the MFA code of the user before stayed: %q", r.MFACode)
			}
			if unusedIn(r.Flow)[ro.FieldConnection] {
				t.Errorf("the flow %s does not send the connection the row needs", r.Flow)
			}
			if err := m.form.Request().Validate(); err != nil {
				t.Errorf("the row's login does not validate: %v", err)
			}
		})
	}
}

// The overlay scrolls with its cursor: at 60×16 every row the cursor
// reaches is on screen, marked ▸, and enter fills that row. No row is
// cut mid-word without …, and the row under the cursor says what it shows
// in full; at 120×36, where everything fits, every note is whole.
func TestTheDemoListScrollsWithItsCursorAndKeepsItsNotes(t *testing.T) {
	for _, size := range []struct{ w, h int }{{60, 16}, {120, 36}} {
		d := demoLines()
		noteCol := 0 // where the notes start: after the widest name and the passwords
		for _, e := range d.Entries {
			noteCol = max(noteCol, len(e.Who))
		}
		noteCol = 2 + noteCol + 1 + 11 + 1
		m := New(Options{Prefill: demoRequest("http://127.0.0.1:9"), Demo: d})
		m.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
		press(m, "ctrl+d")
		for i, e := range d.Entries {
			if i > 0 {
				press(m, "down")
			}
			v := ansiStrip(view(m))
			lines := strings.Split(v, "\n")
			at := -1
			for j, l := range lines {
				if strings.HasPrefix(l, "▸") {
					at = j
				}
			}
			if at < 0 || !strings.Contains(lines[at], e.Who) {
				t.Fatalf("%dx%d: row %d (%s) is not under a visible ▸:\n%s", size.w, size.h, i, e.Who, v)
			}
			if !strings.Contains(ptFlat(v), ptFlat(e.Shows)) {
				t.Errorf("%dx%d: what %s shows is not on screen in full:\n%s", size.w, size.h, e.Who, v)
			}
			// The row's note is whole (wrapped on the lines under it), or
			// cut with ….
			note := strings.TrimRight(string([]rune(lines[at])[noteCol:]), " ")
			rest := note
			for _, l := range lines[at+1:] {
				if !strings.HasPrefix(l, strings.Repeat(" ", noteCol)) {
					break
				}
				rest += " " + strings.TrimSpace(l)
			}
			whole := strings.Contains(ptFlat(rest), ptFlat(e.Shows))
			if !whole && (!strings.HasSuffix(note, "…") || !strings.HasPrefix(e.Shows, strings.TrimSuffix(note, "…"))) {
				t.Errorf("%dx%d: %s's note is cut without …: %q", size.w, size.h, e.Who, note)
			}
		}
		if size.w == 120 {
			v := ansiStrip(view(m))
			for _, e := range d.Entries {
				if !strings.Contains(ptFlat(v), ptFlat(e.Shows)) {
					t.Errorf("120x36: %s's note is not whole:\n%s", e.Who, v)
				}
			}
		}
		// The last row is under the cursor: enter fills that one.
		press(m, "enter")
		if got := m.form.Request().ClientID; got != d.Entries[len(d.Entries)-1].Who {
			t.Errorf("%dx%d: enter on the last row filled client %q", size.w, size.h, got)
		}
	}
}

// In presenter mode the demo overlay shows no code or secret anywhere: not
// in the password column, nor in a note ("mfa_code 123456 passes"), nor in
// the cursor's note under the list, at either size, whatever row is chosen.
func TestPresenterModeMasksEveryCodeInTheDemoList(t *testing.T) {
	secrets := []string{rotest.Password, rotest.PasswordlessCode, rotest.MFACode, rotest.HS256Secret}
	for _, size := range []struct{ w, h int }{{60, 16}, {120, 36}} {
		d := demoLines()
		m := New(Options{Prefill: demoRequest("http://127.0.0.1:9"), Demo: d, Redact: true})
		m.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
		press(m, "ctrl+d")
		for i := range d.Entries {
			if i > 0 {
				press(m, "down")
			}
			v := ansiStrip(view(m))
			for _, s := range secrets {
				if strings.Contains(v, s) {
					t.Fatalf("%dx%d, row %d: presenter mode shows %q:\n%s", size.w, size.h, i, s, v)
				}
			}
		}
	}
}
