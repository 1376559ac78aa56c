package rotest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDescribeNamesEveryDemoFactInNarrowLines(t *testing.T) {
	var b strings.Builder
	Describe(&b)
	out := b.String()
	for _, want := range []string{ClientID, ClientIDHS256, ClientIDNoRO, Connection, UserAlice, UserBlocked, UserMFA, Password, HS256Secret, MFACode, DemoDevice} {
		if !strings.Contains(out, want) {
			t.Errorf("Describe does not mention %q", want)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(line) > 80 {
			t.Errorf("line wider than 80 columns: %q", line)
		}
	}
}
