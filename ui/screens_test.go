package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/rotui/rotui/inspect"
)

// The screens a person meets, as golden files with their colours, at the
// three sizes the TUI is judged at, on a dark and a light background: the
// form, the Summary and the ID token's pane of the fixture's login.
func TestScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 36}, {100, 30}, {60, 16}} {
		for _, dark := range []bool{true, false} {
			theme := "light"
			if dark {
				theme = "dark"
			}
			t.Run(fmt.Sprintf("%dx%d_%s", size.w, size.h, theme), func(t *testing.T) {
				m := New(Options{Prefill: demoPrefill(), Now: func() time.Time { return ptNow }})
				m.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
				m.setStyles(NewStyles(dark))
				form := view(m)
				press(m, "ctrl+s")
				req, ex := ptExchange()
				m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
				m.shown.result.Apply(ptVerified(m.shown.result, inspect.RoleID))
				summary := view(m)
				press(m, "3")
				idToken := view(m)
				for _, s := range []string{form, summary, idToken} {
					ptFits(t, "screen", s, size.w, size.h)
				}
				golden.RequireEqual(t, "=== form ===\n"+form+"\n=== Summary ===\n"+summary+"\n=== ID token ===\n"+idToken+"\n")
			})
		}
	}
}
