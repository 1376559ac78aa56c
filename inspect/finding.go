package inspect

import (
	"fmt"
	"strings"

	"github.com/rotui/rotui/ro"
)

// Level says how a Finding reads: a fact, a match, a doubt, or a fault.
type Level int

// The levels, from harmless to serious.
const (
	LevelInfo Level = iota // worth knowing, nothing wrong
	LevelOK                // consistent
	LevelWarn              // inconsistent in a way that often matters
	LevelBad               // wrong: a careful client would reject this
)

// String names the level as the surfaces print it ("ok", "warning",
// "failed", "info"); `rotui login --json` and the report use these words.
func (l Level) String() string {
	switch l {
	case LevelOK:
		return "ok"
	case LevelWarn:
		return "warning"
	case LevelBad:
		return "failed"
	}
	return "info"
}

// FindingClaims names the finding on a /delegation refresh asked scope
// openid alone: the new ID token lacks the first one's profile claims, and
// scope passthrough would keep them.
const FindingClaims = "claims"

// Finding is one consistency check and what it found.
type Finding struct {
	Name   string // "expires_in", "scope", "audience", "azp", "issuer", "token_type", "clock", "refresh_token", "id_token", "claims"
	Level  Level
	Detail string // a sentence; may quote server text, so renderers make it terminal-safe
}

// Tally counts the findings that failed and those that warn.
func Tally(fs []Finding) (failed, warnings int) {
	for _, f := range fs {
		switch f.Level {
		case LevelBad:
			failed++
		case LevelWarn:
			warnings++
		}
	}
	return failed, warnings
}

// TallyText says in a few words how the checks of ex's answer went, and
// what they covered: "all consistent", "1 failed, 2 warnings"; for an
// answer that brought no token (a refusal, a 429, a 200 that could not be
// read) only the clock (and a discovery document) could be compared, so it
// says that instead of a pass: "only the clock, since no tokens came back",
// or "1 warning; only the clock, …". Every surface prints these words.
func TallyText(fs []Finding, ex *ro.Exchange) string {
	failed, warnings := Tally(fs)
	var parts []string
	if failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", failed))
	}
	switch {
	case warnings == 1:
		parts = append(parts, "1 warning")
	case warnings > 1:
		parts = append(parts, fmt.Sprintf("%d warnings", warnings))
	}
	tally := strings.Join(parts, ", ")
	if ex == nil || ex.Tokens != nil {
		if tally == "" {
			return "all consistent"
		}
		return tally
	}
	var checked []string
	for _, f := range fs {
		w, ok := checkedWords[f.Name]
		if !ok {
			w = f.Name
		}
		checked = append(checked, w)
	}
	why := "no tokens came back"
	if ex.Err != nil && ex.Status >= 200 && ex.Status < 300 {
		why = "the answer's tokens could not be read"
	}
	only := "only " + strings.Join(checked, " and ") + ", since " + why
	if tally == "" {
		return only
	}
	return tally + "; " + only
}

// checkedWords name, in a sentence, the checks that run without tokens.
var checkedWords = map[string]string{"clock": "the clock", "discovery": "the discovery document"}
