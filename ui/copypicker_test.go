package ui

import (
	"fmt"
	"strings"
	"testing"
)

// goToPane presses the number of the pane titled title.
func goToPane(t *testing.T, m *Model, title string) {
	t.Helper()
	for i, p := range m.tabs {
		if p.Title() == title {
			m.switchPane(i)
			return
		}
	}
	t.Fatalf("no %s pane", title)
}

// On a login's Summary and Raw panes, which hold three tokens, c asks which
// to copy: a picker with a key each, enter or the key copies and says
// which, esc closes without copying.
func TestCopyAsksWhichTokenOnAPaneWithSeveral(t *testing.T) {
	_, ex := ptExchange()
	tok := ex.Tokens
	for _, c := range []struct {
		pane, name string
		keys       []string
		want       string // copied; "" for nothing
		said       string
	}{
		{"Summary", "a copies the access token", []string{"a"}, tok.AccessToken, "Copied the access token from the Summary pane"},
		{"Summary", "i copies the ID token", []string{"i"}, tok.IDToken, "Copied the ID token from the Summary pane"},
		{"Summary", "r copies the refresh token", []string{"r"}, tok.RefreshToken, "Copied the refresh token from the Summary pane"},
		{"Summary", "enter copies the first", []string{"enter"}, tok.AccessToken, "Copied the access token"},
		{"Summary", "↓ enter copies the second", []string{"down", "enter"}, tok.IDToken, "Copied the ID token"},
		{"Summary", "esc closes", []string{"esc"}, "", ""},
		{"Summary", "a key of no token says which are", []string{"x"}, "", "Press a, i or r to copy a token"},
		{"Raw", "i on Raw copies the ID token", []string{"i"}, tok.IDToken, "Copied the ID token from the Raw pane"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := realAnswer(t)
			goToPane(t, m, c.pane)
			if cmd := press(m, "c"); cmd != nil {
				t.Fatalf("c copied %q before a token was chosen", fmt.Sprint(cmd()))
			}
			v := ansiStrip(view(m))
			for _, want := range []string{"Copy which token?", "a  access token", "i  ID token", "r  refresh token", "esc closes"} {
				if !strings.Contains(v, want) {
					t.Fatalf("the picker does not show %q:\n%s", want, v)
				}
			}
			cmd := press(m, c.keys...)
			got := ""
			if cmd != nil {
				got = fmt.Sprint(cmd())
			}
			if got != c.want {
				t.Errorf("copied %.20q, want %.20q", got, c.want)
			}
			v = ansiStrip(view(m))
			if open := strings.Contains(v, "Copy which token?"); open != (c.keys[0] == "x") {
				t.Errorf("after %v the picker is open: %v\n%s", c.keys, open, v)
			}
			if c.said != "" && !strings.Contains(v, c.said) {
				t.Errorf("the status does not say %q:\n%s", c.said, v)
			}
			if c.said == "" && strings.Contains(v, "Copied") {
				t.Errorf("esc copied:\n%s", v)
			}
		})
	}
}

// On a token's own pane c copies that token at once, as before.
func TestCopyOnATokenPaneCopiesIt(t *testing.T) {
	m := realAnswer(t)
	_, ex := ptExchange()
	goToPane(t, m, "ID token")
	cmd := press(m, "c")
	if cmd == nil || fmt.Sprint(cmd()) != ex.Tokens.IDToken {
		t.Fatal("c on the ID token pane did not copy its token")
	}
	if v := ansiStrip(view(m)); strings.Contains(v, "Copy which token?") || !strings.Contains(v, "Copied the") {
		t.Errorf("c on a token's pane should copy without asking:\n%s", v)
	}
}

// The picker tells tokens apart by their first characters, but in presenter
// mode by name and length only; and what it copied is no longer said once
// the person leaves the pane.
func TestCopyPickerInPresenterModeShowsNoToken(t *testing.T) {
	_, ex := ptExchange()
	tok := ex.Tokens
	for _, redact := range []bool{false, true} {
		m := realAnswer(t)
		goToPane(t, m, "Summary")
		press(m, "c")
		if redact {
			press(m, "ctrl+x") // presenter mode turned on with the picker open
		}
		v := ansiStrip(view(m))
		for _, s := range []string{tok.AccessToken, tok.IDToken, tok.RefreshToken} {
			if shown := strings.Contains(v, s[:12]); shown == redact {
				t.Errorf("presenter mode %v: the picker shows %.12s… %v:\n%s", redact, s, shown, v)
			}
		}
		if !strings.Contains(v, fmt.Sprintf("%d chars", len(tok.IDToken))) {
			t.Errorf("the picker does not give the ID token's length:\n%s", v)
		}
		if !strings.Contains(v, "Copy which token?") {
			t.Fatalf("the picker closed:\n%s", v)
		}
		press(m, "r")
		goToPane(t, m, "Raw")
		if v := ansiStrip(view(m)); strings.Contains(v, "Copied the") {
			t.Errorf("the copy status stayed on another pane:\n%s", v)
		}
	}
}
