package inspect

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
