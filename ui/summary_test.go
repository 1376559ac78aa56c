package ui

import (
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
		if got := findingsTally(c.fs, st); got != c.want {
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
