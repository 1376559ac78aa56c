package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/ro"
)

// run executes cmd and feeds its message back, as the program would.
func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if msg := cmd(); msg != nil {
		if _, ok := msg.(tea.BatchMsg); ok {
			return
		}
		m.Update(msg)
	}
}

func TestSaveTheFormAsAProfileAndLoadItBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rotui", "config.toml")
	req := demoPrefill()
	req.Domain = "acme.us.auth0.com"
	req.Bearer = "bearer-secret"
	m := New(Options{Prefill: req, ClientSecret: "client-secret", ConfigPath: path, Build: (&fakeBuilder{}).build,
		ExpectedIssuer: "https://login.acme.com/", Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})

	run(m, press(m, "ctrl+o"))
	if !strings.Contains(view(m), "No profile saved yet") {
		t.Fatalf("empty picker:\n%s", view(m))
	}
	press(m, "ctrl+s")
	if !strings.Contains(view(m), "Save the form as a profile") {
		t.Fatalf("no name prompt:\n%s", view(m))
	}
	m.profiles.name.SetValue("")
	typeText(m, "acme")
	run(m, press(m, "enter"))
	if !strings.Contains(view(m), "Saved the form as profile acme") {
		t.Fatalf("not saved:\n%s", view(m))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"wonderland", "bearer-secret", "client-secret"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the config file holds a secret %q:\n%s", secret, data)
		}
	}
	if !strings.Contains(string(data), "acme.us.auth0.com") || !strings.Contains(string(data), "login.acme.com") {
		t.Errorf("the profile lacks the domain or issuer:\n%s", data)
	}

	// Change the form, then load the profile back: every profile field
	// returns, the password typed stays.
	m.form.Fill(ro.Request{Domain: "other.example.com", Flow: ro.FlowRealm})
	m.issuer = ""
	run(m, press(m, "ctrl+o"))
	if !strings.Contains(view(m), "acme") {
		t.Fatalf("the saved profile is not listed:\n%s", view(m))
	}
	run(m, press(m, "enter"))
	got := m.form.Request()
	if got.Domain != "acme.us.auth0.com" || got.Flow != ro.FlowRO || got.Password != "wonderland" || m.issuer != "https://login.acme.com/" {
		t.Errorf("loaded: %+v issuer %q", got, m.issuer)
	}
	if f, err := config.Load(path); err != nil || f.LastName() != "acme" {
		t.Errorf("acme not remembered as the last used: %v", err)
	}
}

func TestProfilePickerEscAndBrokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("[profiles\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Prefill: demoPrefill(), ConfigPath: path, Build: (&fakeBuilder{}).build})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	run(m, press(m, "ctrl+o"))
	v := strings.Join(strings.Fields(ansiStrip(view(m))), " ")
	joined := strings.ReplaceAll(v, " ", "") // the path may be broken over lines
	if !strings.Contains(v, "Profiles not read") || !strings.Contains(joined, path) || !strings.Contains(v, "line 2") {
		t.Errorf("a broken file is not named with its line:\n%s", view(m))
	}
	press(m, "enter") // nothing to choose
	press(m, "esc")
	if m.overlay != noOverlay {
		t.Error("esc did not close the picker")
	}
	if b, _ := os.ReadFile(path); string(b) != "[profiles\n" {
		t.Error("the broken file was changed")
	}
	m2 := New(Options{Prefill: demoPrefill(), Build: (&fakeBuilder{}).build})
	m2.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	press(m2, "ctrl+o")
	if !strings.Contains(view(m2), "Profiles are off") {
		t.Errorf("no config path:\n%s", view(m2))
	}
	if isQuit(press(m2, "ctrl+c")) == false {
		t.Error("ctrl+c does not quit")
	}
}
