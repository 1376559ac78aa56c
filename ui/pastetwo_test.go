package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Two tokens pasted at once (one a line) are inspected as what they are,
// two tokens and not one, rather than joined into an "encrypted JWT (JWE)
// · RS256"; the Token pane says so.
func TestPastingTwoTokensIsNotOneEncryptedJWT(t *testing.T) {
	a := ptB64(`{"alg":"RS256","typ":"JWT"}`) + "." + ptB64(`{"sub":"a"}`) + "." + ptB64("sig")
	b := ptB64(`{"alg":"RS256","typ":"JWT"}`) + "." + ptB64(`{"sub":"b"}`) + "." + ptB64("sig")
	m, bl := newTestModel(t, demoPrefill())
	press(m, "ctrl+p")
	m.Update(tea.PasteMsg{Content: a + "\n" + b + "\n"})
	press(m, "enter")
	if len(bl.subjects) != 1 {
		t.Fatalf("enter did not inspect the paste:\n%s", view(m))
	}
	panes := ptBuild(t, bl.subjects[0], ptPlain(), 100, 40)
	got := ptFullView(ptPane(t, panes, "Token"), 40)
	if strings.Contains(got, "encrypted") || !strings.Contains(got, "holds 2 tokens") {
		t.Errorf("two pasted tokens should read as not a token, holding 2:\n%s", got)
	}
}
