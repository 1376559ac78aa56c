package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/termsafe"
)

// diffOptions is what `rotui diff` was asked to do.
type diffOptions struct {
	A, B string // each a token, a file holding one, or "-" for stdin
	JSON bool
}

// diffSide is one token of a diff and where it came from.
type diffSide struct {
	Name   string // "A" or "B"
	Arg    string // the argument as given
	Source string // fromArgument, fromFile, fromStdin
	Token  *inspect.Token
}

// diffMain reads both tokens, compares them and writes the comparison. Its
// status is 0 whatever differs, and 2 when an argument is not a token.
func diffMain(_ context.Context, o diffOptions, s streams, d decodeDeps) int {
	if o.A == "-" && o.B == "-" {
		fmt.Fprintln(s.Err, "rotui diff: stdin holds one token: give at most one of A and B as -")
		return exitUsage
	}
	now := d.Now()
	sides := []*diffSide{{Name: "A", Arg: o.A}, {Name: "B", Arg: o.B}}
	for _, side := range sides {
		raw, source, err := readTokenArg(s, "rotui diff", side.Arg)
		if err != nil {
			fmt.Fprintf(s.Err, "rotui diff: %s: %s\n", side.Name, termsafe.Line(err.Error()))
			return exitUsage
		}
		side.Source = source
		side.Token = inspect.New(inspect.Input{Pasted: raw, Now: now}).Token(inspect.RolePasted)
	}
	c := inspect.Compare(sides[0].Token, sides[1].Token)
	code := exitOK
	for _, side := range sides {
		switch t := side.Token.Decoded; {
		case t.Kind == jwtview.KindMalformed:
			code = exitUsage
			fmt.Fprintf(s.Err, "rotui diff: %s is not a token rotui can read: %s\n", side.Name, termsafe.Line(notTokenWhy(side)))
		case t.Kind == jwtview.KindOpaque && side.Source == fromArgument && looksLikePath(side.Arg):
			// A path to no file, not a token: comparing it as one would
			// answer a question nobody asked, with exit 0.
			code = exitUsage
			fmt.Fprintf(s.Err, "rotui diff: %s: no file is named %s, and it does not read as a token: give a file that holds the token, the token itself, or - for stdin\n",
				side.Name, termsafe.Line(side.Arg))
		}
	}
	if o.JSON {
		out := diffJSON{comparisonJSON: newComparisonJSON(c, nil), A: newDiffSideJSON(sides[0]), B: newDiffSideJSON(sides[1]), ExitCode: code}
		if err := writeJSON(s.Out, out); err != nil {
			fmt.Fprintf(s.Err, "rotui diff: %v\n", err)
			return exitUsage
		}
		return code
	}
	var b strings.Builder
	for _, side := range sides {
		fmt.Fprintf(&b, "%s  %s\n", side.Name, termsafe.Line(sideText(side)))
	}
	writeComparison(&b, c, termsafe.Line)
	io.WriteString(s.Out, b.String())
	return code
}

// notTokenWhy is the first problem of a side that is no token, and, for an
// argument, that no file has its name either.
func notTokenWhy(side *diffSide) string {
	why := "it could not be read"
	if ps := side.Token.Decoded.Problems; len(ps) > 0 {
		why = ps[0].Message
	}
	if side.Source == fromArgument {
		why += " (and no file has that name)"
	}
	return why
}

// looksLikePath reports whether an argument read as an opaque token looks
// more like a file name that was mistyped: a slash, or a short extension
// (token.jwt). A refresh token such as v1.MRHbz1Vq… has a long one, and a
// JWT's dots make it a JWS or JWE, never opaque.
func looksLikePath(arg string) bool {
	if strings.ContainsAny(arg, `/\`) {
		return true
	}
	ext := filepath.Ext(arg)
	return len(ext) >= 2 && len(ext) <= 5 && strings.ToLower(ext) == ext
}

// sideText says what a side is and where it came from: "signed JWT (JWS),
// 812 characters, from the file a.jwt".
func sideText(side *diffSide) string {
	t := side.Token.Decoded
	s := inspect.KindText(t) + ", " + inspect.Characters(t.Size)
	switch side.Source {
	case fromFile:
		s += ", from the file " + side.Arg
	case fromStdin:
		s += ", from stdin"
	}
	return s
}

// changeMarks are the marks of rows as the text output draws them.
var changeMarks = map[inspect.Change]string{inspect.Added: "+", inspect.Removed: "-", inspect.Changed: "~", inspect.Same: "="}

// writeComparison writes a comparison for people: each part's rows that
// differ (added, removed, changed, with both values), the names of those
// that are the same on one line, then the facts and why a part could not
// be compared. safe makes text from the tokens fit for a terminal (and,
// for a login, free of the secrets sent).
func writeComparison(b *strings.Builder, c *inspect.Comparison, safe func(string) string) {
	for _, part := range []struct {
		title string
		rows  []inspect.Row
	}{{"Header", c.Header}, {"Payload", c.Payload}} {
		if part.rows == nil {
			continue
		}
		fmt.Fprintf(b, "\n%s  %s\n", part.title, countsText(part.rows))
		writeRows(b, part.rows, safe)
	}
	b.WriteString("\n")
	for _, f := range c.Facts {
		fmt.Fprintf(b, "%-10s %s\n", f.Name, safe(f.Text))
	}
	if len(c.Limits) > 0 {
		b.WriteString("\nNot compared\n")
		for _, l := range c.Limits {
			fmt.Fprintf(b, "  %s\n", safe(l))
		}
	}
}

// writeRows writes the rows that differ, one a line with a mark and both
// values, then the names of the same ones. A same row with a note (a claim
// sent twice) has its own line too, so that the note is read.
func writeRows(b *strings.Builder, rows []inspect.Row, safe func(string) string) {
	width := 0
	for _, r := range rows {
		if ownLine(r) {
			width = max(width, min(utf8.RuneCountInString(safe(r.Name)), 24))
		}
	}
	var same []string
	for _, r := range rows {
		name := safe(r.Name)
		if !ownLine(r) {
			same = append(same, name)
			continue
		}
		var value string
		switch r.Change {
		case inspect.Added:
			value = safe(r.B.Text)
		case inspect.Removed, inspect.Same:
			value = safe(r.A.Text)
		default:
			value = safe(r.A.Text) + " → " + safe(r.B.Text)
		}
		fmt.Fprintf(b, "  %s %-*s  %s", changeMarks[r.Change], width, name, value)
		if r.Sentence != "" {
			fmt.Fprintf(b, "  (%s)", safe(r.Sentence))
		}
		b.WriteString("\n")
	}
	if len(same) > 0 {
		fmt.Fprintf(b, "  = same: %s\n", strings.Join(same, ", "))
	}
}

// ownLine reports whether a row is written on a line of its own rather
// than named among the same ones: it differs, or it carries a note.
func ownLine(r inspect.Row) bool { return r.Change != inspect.Same || r.Sentence != "" }

// countsText is "1 added, 2 changed, 5 same", or "nothing to compare".
func countsText(rows []inspect.Row) string {
	n := inspect.CountChanges(rows)
	var parts []string
	for _, ch := range []inspect.Change{inspect.Added, inspect.Removed, inspect.Changed, inspect.Same} {
		if n[ch] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[ch], ch))
		}
	}
	if len(parts) == 0 {
		return "empty on both sides"
	}
	return strings.Join(parts, ", ")
}

// The comparison object of --json: `rotui diff` at the top level, and each
// token of `rotui login --compare-realm` under comparison.tokens[]. Field
// names are documented in docs/json.md.
type (
	comparisonJSON struct {
		Identical   bool       `json:"identical"`
		Differences int        `json:"differences"`
		Added       []rowJSON  `json:"added"`
		Removed     []rowJSON  `json:"removed"`
		Changed     []rowJSON  `json:"changed"`
		Same        []rowJSON  `json:"same"`
		Header      *partJSON  `json:"header"`
		Payload     *partJSON  `json:"payload"`
		Times       []string   `json:"times"`
		Lifetime    string     `json:"lifetime,omitempty"`
		Facts       []factJSON `json:"facts"`
		Limits      []string   `json:"limits"`
	}
	rowJSON struct {
		Part     inspect.Part    `json:"part"`
		Name     string          `json:"name"`
		Change   inspect.Change  `json:"change"`
		A        json.RawMessage `json:"a,omitempty"`
		B        json.RawMessage `json:"b,omitempty"`
		Sentence string          `json:"sentence,omitempty"`
	}
	partJSON struct {
		Added   []string `json:"added"`
		Removed []string `json:"removed"`
		Changed []string `json:"changed"`
		Same    []string `json:"same"`
	}
	factJSON struct {
		Name   string         `json:"name"`
		Change inspect.Change `json:"change"`
		Text   string         `json:"text"`
	}
)

// newComparisonJSON renders c; clean masks secrets in what came from a
// server (login), nil leaves text as it is.
func newComparisonJSON(c *inspect.Comparison, clean func(string) string) comparisonJSON {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	out := comparisonJSON{
		Identical: c.Identical(), Differences: c.Differences(),
		Added: []rowJSON{}, Removed: []rowJSON{}, Changed: []rowJSON{}, Same: []rowJSON{},
		Times: []string{}, Facts: []factJSON{}, Limits: []string{},
	}
	lists := map[inspect.Change]*[]rowJSON{inspect.Added: &out.Added, inspect.Removed: &out.Removed, inspect.Changed: &out.Changed, inspect.Same: &out.Same}
	for _, part := range []struct {
		rows []inspect.Row
		dst  **partJSON
	}{{c.Header, &out.Header}, {c.Payload, &out.Payload}} {
		if part.rows == nil {
			continue
		}
		p := &partJSON{Added: []string{}, Removed: []string{}, Changed: []string{}, Same: []string{}}
		names := map[inspect.Change]*[]string{inspect.Added: &p.Added, inspect.Removed: &p.Removed, inspect.Changed: &p.Changed, inspect.Same: &p.Same}
		for _, r := range part.rows {
			*lists[r.Change] = append(*lists[r.Change], newRowJSON(r, clean))
			*names[r.Change] = append(*names[r.Change], r.Name)
		}
		*part.dst = p
	}
	for _, t := range c.Times() {
		out.Times = append(out.Times, clean(t))
	}
	for _, f := range c.Facts {
		out.Facts = append(out.Facts, factJSON{Name: f.Name, Change: f.Change, Text: clean(f.Text)})
		if f.Name == inspect.FactLifetime {
			out.Lifetime = clean(f.Text)
		}
	}
	for _, l := range c.Limits {
		out.Limits = append(out.Limits, clean(l))
	}
	return out
}

func newRowJSON(r inspect.Row, clean func(string) string) rowJSON {
	j := rowJSON{Part: r.Part, Name: r.Name, Change: r.Change, Sentence: clean(r.Sentence)}
	if r.A != nil {
		j.A = cleanRaw(r.A.Raw, clean)
	}
	if r.B != nil {
		j.B = cleanRaw(r.B.Raw, clean)
	}
	return j
}

// diffJSON is the object of `rotui diff --json`.
type diffJSON struct {
	comparisonJSON
	A        diffSideJSON `json:"a"`
	B        diffSideJSON `json:"b"`
	ExitCode int          `json:"exit_code"`
}

type diffSideJSON struct {
	Source   string        `json:"source"`
	File     string        `json:"file,omitempty"`
	Kind     jwtview.Kind  `json:"kind"`
	Length   int           `json:"length"`
	Problems []problemJSON `json:"problems"`
}

func newDiffSideJSON(side *diffSide) diffSideJSON {
	t := side.Token.Decoded
	j := diffSideJSON{Source: side.Source, Kind: t.Kind, Length: t.Size, Problems: []problemJSON{}}
	if side.Source == fromFile {
		j.File = side.Arg
	}
	for _, p := range t.Problems {
		j.Problems = append(j.Problems, problemJSON{Part: p.Part, Message: p.Message})
	}
	return j
}
