package ui

import (
	"strings"
	"testing"

	"github.com/rotui/rotui/inspect"
)

func TestFindingsTally(t *testing.T) {
	st := ptPlain()
	cases := []struct {
		fs   []inspect.Finding
		want string
	}{
		{[]inspect.Finding{{Level: inspect.LevelOK}, {Level: inspect.LevelInfo}}, "· all consistent"},
		{[]inspect.Finding{{Level: inspect.LevelWarn}, {Level: inspect.LevelOK}}, "· 1 warning"},
		{[]inspect.Finding{{Level: inspect.LevelBad}, {Level: inspect.LevelWarn}, {Level: inspect.LevelWarn}}, "· 1 failed, 2 warnings"},
	}
	for _, c := range cases {
		if got := findingsTally(c.fs, nil, st); got != c.want {
			t.Errorf("findingsTally = %q, want %q", got, c.want)
		}
	}
}

// FuzzPrettyJSON: any body renders without a panic, and nothing it draws
// holds a control character (plain styles add none of their own).
func FuzzPrettyJSON(f *testing.F) {
	for _, seed := range []string{`{"a":1}`, `[1,"x",null,true,{"b":[]}]`, `"\u001b[2J"`, `{"k\u202e":"\u009b"}`, `{`, `[]`, `1e999`, "{\"a\":\"\xff\"}"} {
		f.Add([]byte(seed))
	}
	st := ptPlain()
	f.Fuzz(func(t *testing.T, b []byte) {
		lines, _ := prettyJSON(b, st, false)
		for _, l := range lines {
			for _, r := range l {
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' {
					t.Fatalf("prettyJSON drew %U in %q", r, l)
				}
			}
		}
	})
}

// A pasted token's Summary points at the pane that has the rest by the
// name its tab shows ("Pasted ID token"), not "Token", which no tab reads.
func TestPastedSummaryNamesThePaneAsItsTabDoes(t *testing.T) {
	jwe := ptB64(`{"alg":"RSA-OAEP","enc":"A256GCM","kid":"k1"}`) + "." + ptB64("encrypted-key") + "." + ptB64("iv-iv-iv-iv") + "." + ptB64("ciphertext-ciphertext") + "." + ptB64("tag-tag-tag-tag")
	access := ptJWT(`{"alg":"RS256"}`, `{"iss":"`+ptTenant+`/","sub":"auth0|1","aud":"https://api.example.com/","scope":"read:messages","exp":2000000000}`)
	for _, tok := range []string{ptIDToken(), access, jwe} {
		panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), 120, 40)
		tab := panes[1].Title()
		v := ptFlat(ptFullView(panes[0], 40))
		if strings.Contains(v, "The Token pane") || !strings.Contains(v, "The "+tab+" pane has") {
			t.Errorf("the Summary does not name the %q tab:\n%s", tab, v)
		}
	}
}
