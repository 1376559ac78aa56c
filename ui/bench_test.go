package ui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro"
)

// BenchmarkRootViewAfterTick is what each second costs on the panes of a
// real demo login: one countdown tick, then the whole screen drawn (tabs,
// the ID token pane, status and help lines).
func BenchmarkRootViewAfterTick(b *testing.B) {
	srv := sharedDemoB(b)
	req := demoRequest(srv)
	ex, err := ro.NewClient(ro.ClientOptions{}).Login(context.Background(), req)
	if err != nil {
		b.Fatal(err)
	}
	m := New(Options{Prefill: req})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	m.call = &call{id: 1, req: req, started: time.Now(), cancel: func() {}}
	m.Update(loginDoneMsg{id: 1, req: req, ex: ex})
	m.Update(keyMsg("3")) // the ID token
	now := time.Now()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.Update(tickMsg{id: m.tickID, now: now.Add(time.Duration(i) * time.Second)})
		_ = m.View()
	}
}

func sharedDemoB(b *testing.B) string {
	shared.once.Do(func() { shared.srv, shared.err = startShared() })
	if shared.err != nil {
		b.Fatal(shared.err)
	}
	return shared.srv.URL
}
