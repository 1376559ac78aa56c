package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
	"github.com/rotui/rotui/ui"
)

// runCmd runs a command and every command it batches, returning the
// messages, as the bubbletea program would deliver them.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch m := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, runCmd(c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{m}
	}
}

// `rotui login --report` and the TUI's w write the same report of the same
// exchange: both render one inspection, so neither can leave out the
// consistency checks or verify a token differently.
func TestLoginReportAndTUIReportAgree(t *testing.T) {
	srv := rotest.StartForTest(t, rotest.Options{})
	client := ro.NewClient(ro.ClientOptions{})
	for _, c := range []struct {
		name string
		req  ro.Request
	}{
		{"ro flow", ro.Request{Scope: "openid profile email offline_access", Device: "laptop", Flow: ro.FlowRO}},
		{"realm flow", ro.Request{Scope: "openid profile email", Flow: ro.FlowRealm}},
		{"wrong password", ro.Request{Scope: "openid", Flow: ro.FlowRO, Password: "not-the-password"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := c.req
			req.Domain, req.ClientID, req.Connection, req.Username = srv.URL, rotest.ClientID, rotest.Connection, rotest.UserAlice
			if req.Password == "" {
				req.Password = rotest.Password
			}
			ex, err := client.Login(context.Background(), req)
			if ex == nil {
				t.Fatalf("no exchange: %v", err)
			}
			now := ex.Started.Add(ex.Latency)

			path := filepath.Join(t.TempDir(), "login.md")
			insp := inspect.New(inspect.Input{Request: req, Exchange: ex, Now: now})
			a := loginExtras{Report: path}.after(context.Background(), client, req, insp, ex, err)
			if a.ReportErr != nil {
				t.Fatal(a.ReportErr)
			}
			b, rerr := os.ReadFile(path)
			if rerr != nil {
				t.Fatal(rerr)
			}
			fromLogin := string(b)

			r := ui.NewResult(1, ui.Subject{Exchange: ex, Request: req, Now: now})
			panes := ui.BuildPanes(r, nil)
			for _, msg := range runCmd(r.Verify()) {
				r.Apply(msg)
			}
			rep := panes[0].(ui.Reporter).Report()
			rep.Version = Version
			fromTUI := rep.Markdown()

			if fromLogin != fromTUI {
				t.Errorf("the reports differ\n--- login --report ---\n%s\n--- TUI w ---\n%s", fromLogin, fromTUI)
			}
			headings := regexp.MustCompile(`(?m)^## .*$`).FindAllString(fromLogin, -1)
			want := "## Consistency checks"
			if ex.Tokens == nil {
				want = "## Call"
			}
			if !strings.Contains(strings.Join(headings, "\n"), want) {
				t.Errorf("the report lacks %q: %q", want, headings)
			}
			if ex.Tokens != nil && !strings.Contains(fromLogin, "| signature | ✓") && !strings.Contains(fromLogin, "verified") {
				t.Errorf("the ID token's signature is not verified in the report:\n%s", fromLogin)
			}
		})
	}
}
