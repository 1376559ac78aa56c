package ui

import (
	"strings"
	"testing"
)

// A pasted JWT whose header JSON starts with white space is shown as the
// signed JWT it is, with jwtview's note, not as an opaque token.
func TestPastedJWTWithSpacedJSONIsAJWT(t *testing.T) {
	tok := ptB64(` {"alg":"HS256"}`) + "." + ptB64(`{"sub":"alice"}`) + "." + ptB64("sig")
	panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), 100, 40)
	got := ptFullView(ptPane(t, panes, "Token"), 40)
	for _, want := range []string{"signed JWT", "alice", "white space"} {
		if !strings.Contains(got, want) {
			t.Errorf("the pane lacks %q:\n%s", want, got)
		}
	}
}
