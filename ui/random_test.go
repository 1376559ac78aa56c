package ui

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/ro"
)

// TestRandomUseNeverPanicsOrOverflows drives the root with the real panes
// through thousands of random keys, pastes, answers, ticks and resizes, and
// checks after each that the screen is exactly the terminal's size.
func TestRandomUseNeverPanicsOrOverflows(t *testing.T) {
	keys := []string{"ctrl+x", "ctrl+s", "tab", "shift+tab", "enter", "esc", "ctrl+r", "ctrl+p", "ctrl+d", "f1",
		"right", "backspace", "1", "2", "3", "5", "9", "e", "r", "p", "c", "y", "q", "?", "/", "j", "k", "m", "u", "a", "x"}
	answers := []*ro.Exchange{
		{Flow: ro.FlowRO, Status: 200, Latency: time.Millisecond, Body: []byte(`{"access_token":"opaque","id_token":"` + hostileToken() + `","token_type":"bearer","expires_in":600}`),
			Tokens: &ro.TokenResponse{AccessToken: "opaque", IDToken: hostileToken(), TokenType: "bearer", ExpiresIn: 600, HasExpiresIn: true}},
		{Flow: ro.FlowRO, Status: 401, Body: []byte("{\"error\":\"\x1b[2Jinvalid_user_password\"}"),
			Err: &ro.APIError{Status: 401, Code: "invalid_user_password", Description: "Wrong email or password.", Hint: "Check both."}},
		{Flow: ro.FlowRO, Status: 404, Err: &ro.APIError{Status: 404, SuggestRealm: true}},
		{Flow: ro.FlowRO, Err: &ro.NetworkError{Op: "connect", URL: "http://127.0.0.1:9/oauth/ro", Err: errors.New("refused")}},
	}
	pastes := []string{hostileToken(), "Bearer abc", "not.a.token", "", "\x1b]0;x\x07", strings.Repeat("A", 5000)}
	for seed := uint64(1); seed <= 4; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		m := New(Options{Prefill: demoPrefill(), Now: func() time.Time { return fixedNow }, Demo: &Demo{URL: "x"}, ConfigPath: "unused.toml"})
		w, h := 80, 24
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		now := fixedNow
		for step := 0; step < 300; step++ {
			var msg tea.Msg
			switch r := rng.IntN(100); {
			case r < 70:
				msg = keyMsg(keys[rng.IntN(len(keys))])
			case r < 76:
				msg = tea.PasteMsg{Content: pastes[rng.IntN(len(pastes))]}
			case r < 84:
				now = now.Add(time.Second)
				msg = tickMsg{id: m.tickID, now: now}
			case r < 92:
				w, h = 20+rng.IntN(120), 5+rng.IntN(45)
				msg = tea.WindowSizeMsg{Width: w, Height: h}
			default:
				if m.call == nil {
					continue
				}
				msg = loginDoneMsg{id: m.call.id, req: m.call.req, ex: answers[rng.IntN(len(answers))]}
			}
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("seed %d step %d: panic on %#v: %v", seed, step, msg, p)
					}
				}()
				m.Update(msg)
				if isQuitKey(msg) {
					return
				}
				v := m.View().Content
				lines := strings.Split(v, "\n")
				if len(lines) > h {
					t.Fatalf("seed %d step %d: %d lines on a %d-line terminal after %#v", seed, step, len(lines), h, msg)
				}
				for _, ln := range lines {
					if ansi.StringWidth(ln) > w {
						t.Fatalf("seed %d step %d: a line of %d cells on a %d-cell terminal after %#v:\n%q",
							seed, step, ansi.StringWidth(ln), w, msg, ln)
					}
					if strings.Contains(ln, "\x1b]") || strings.Contains(ln, "\x1b[2J") {
						t.Fatalf("seed %d step %d: an escape sequence from the data reached the screen: %q", seed, step, ln)
					}
				}
			}()
		}
	}
}

func isQuitKey(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && (k.String() == "q" || k.String() == "ctrl+c")
}
