package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// The Compare pane: two results side by side, as inspect compares them (d:
// this result's tokens against another's, like with like; m: an ro login
// against the same login through realm). It draws the rows, facts and
// findings of the comparison and folds the rows that are the same; it
// decides nothing. The pane numbers 1…9 are fixed, so a comparison is a
// tenth tab, 0, of the result it was opened from.

// compareStackBelow is the width under which the two columns stack, each
// value under its name, A above B.
const compareStackBelow = 80

// compareRequestNameMax is the widest the name column gets for the
// members of two requests ("connection → realm" whole); a token's rows
// have the claim lists' (nameColMax).
const compareRequestNameMax = 18

// compareSide is one result of a comparison: its entry, what the pane's
// sentences call it, and what it is (its History row).
type compareSide struct {
	e    *entry
	name string // "A", "B"; "ro", "realm"
	what historyRow
}

// comparePane shows one comparison. It reads its two results when it
// draws, so a verification that arrives later shows in its facts.
type comparePane struct {
	a, b      compareSide
	migration bool // m's comparison: the requests, the answers, the Summary
	st        *Styles
	keys      PaneKeys
	redact    bool
	width     int
	height    int
	sc        scroller

	pair   int  // the token pair shown
	unfold bool // n: the rows that are the same, one by one

	compared compareKey    // the results the comparison was made of
	laid     compareLayout // what the rows were laid out for
	pairs    []inspect.TokenComparison
	mig      *inspect.MigrationComparison
}

// compareKey is what the comparison depends on: each result as it is now.
type compareKey struct {
	ra, rb *Result
	va, vb int
}

// compareLayout is what the rows depend on besides the comparison.
type compareLayout struct {
	compared       compareKey
	width, height  int
	st             *Styles
	redact, unfold bool
	pair           int
}

func newComparePane(a, b compareSide, migration bool, st *Styles, redact bool) *comparePane {
	return &comparePane{a: a, b: b, migration: migration, st: st, keys: DefaultPaneKeys(), redact: redact,
		sc: scroller{now: b.e.result.subject.Now}}
}

// Title is the tab's label.
func (p *comparePane) Title() string { return "Compare" }

// SetSize takes the pane's rectangle; the rows follow when drawn.
func (p *comparePane) SetSize(width, height int) { p.width, p.height = max(width, 0), max(height, 0) }

// SetStyles takes the styles of a new background.
func (p *comparePane) SetStyles(st *Styles) { p.st = st }

// setRedact follows presenter mode: profile values hidden in both columns.
func (p *comparePane) setRedact(on bool) { p.redact = on }

// Tick moves the relative times in the window.
func (p *comparePane) Tick(now time.Time) { p.sc.tick(now) }

// Keys are scrolling, n for the same rows and, with several pairs of
// tokens, ←/→ to switch between them.
func (p *comparePane) Keys() []key.Binding {
	p.compare()
	keys := []key.Binding{p.keys.Scroll.Help()}
	if p.sameRows() > 0 {
		keys = append(keys, p.keys.Unfold)
	}
	if len(p.pairs) > 1 {
		keys = append(keys, p.keys.Pair)
	}
	return keys
}

// CopyToken gives nothing: the pane holds two results' tokens, not one
// (c on A's or B's own panes copies theirs).
func (p *comparePane) CopyToken() (string, bool) { return "", false }

// CopyJSON gives the comparison as the pane shows it, in plain text (rows
// and facts, the same rows folded or not as on screen): inspect has no
// JSON of it (rotui diff --json's is the command line's), and y here must
// never copy another pane's content in its place.
func (p *comparePane) CopyJSON() (string, bool) {
	if p.width <= 0 {
		return "", false
	}
	p.compare()
	if p.laid != p.layoutFor() {
		p.layout()
	}
	lines := make([]string, 0, len(p.sc.rows))
	for _, r := range p.sc.rows {
		t := r.text
		if r.live != nil {
			t = r.live(p.sc.now, p.width)
		}
		lines = append(lines, strings.TrimRight(ansi.Strip(t), " "))
	}
	return strings.Join(lines, "\n") + "\n", len(lines) > 0
}

// CopyNames says that y copies the comparison as text, and c nothing.
func (p *comparePane) CopyNames() (token, json string) {
	return "", "comparison (as the pane shows it, in plain text)"
}

// sameRows is how many rows on show are the same on both sides: what n
// unfolds (the request's rows of m's comparison, the pair's header and
// claims).
func (p *comparePane) sameRows() int {
	p.compare()
	var rows []inspect.Row
	if p.migration && p.mig != nil {
		rows = append(rows, p.mig.Request...)
	}
	if p.pair < len(p.pairs) && p.pairs[p.pair].Comparison != nil {
		rows = append(rows, p.pairs[p.pair].Comparison.Rows()...)
	}
	return inspect.CountChanges(rows)[inspect.Same]
}

// Idle says why key k does nothing on this pane ("" when it acts): n with
// no rows the same, ← or → with one pair of tokens or none.
func (p *comparePane) Idle(k tea.KeyPressMsg) string {
	p.compare()
	switch {
	case key.Matches(k, p.keys.Unfold) && p.sameRows() == 0:
		return "n shows the rows that are the same: here every row differs."
	case key.Matches(k, p.keys.Pair) && len(p.pairs) == 1:
		return "← → switch the pair of tokens compared: these results have only their " + strings.TrimPrefix(pastedWhat(p.pairs[0].Role), "pasted ") + "s in common."
	case key.Matches(k, p.keys.Pair) && len(p.pairs) == 0:
		return "← → switch the pair of tokens compared: these results have no token of a kind in common."
	}
	return ""
}

// Update scrolls, unfolds (n) and switches the pair of tokens (←/→).
func (p *comparePane) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	p.compare()
	switch {
	case key.Matches(k, p.keys.Unfold):
		p.unfold = !p.unfold
	case key.Matches(k, p.keys.Pair) && len(p.pairs) > 1:
		step := 1
		if k.String() == "left" {
			step = len(p.pairs) - 1
		}
		// The rows above the pair stay as they are, and so does the window.
		p.pair = (p.pair + step) % len(p.pairs)
	default:
		if p.laid != p.layoutFor() {
			p.layout() // scroll over the rows as they will be drawn
		}
		p.sc.scrollKey(k, p.keys.Scroll)
	}
	return nil
}

// View draws the window, laying the rows out first when the results, the
// size, the styles or what is unfolded changed.
func (p *comparePane) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	p.compare()
	if p.laid != p.layoutFor() {
		p.layout()
	}
	return p.sc.view(p.st)
}

// compare makes the comparison again when either result changed (a
// verification came back, the tokens were checked again): a few
// microseconds for a typical pair, and never on a tick.
func (p *comparePane) compare() {
	k := compareKey{ra: p.a.e.result, rb: p.b.e.result}
	k.va, k.vb = k.ra.version, k.rb.version
	if k == p.compared && (p.pairs != nil || p.mig != nil) {
		return
	}
	p.compared = k
	if p.migration {
		var realmErr error
		if ex := k.rb.subject.Exchange; ex != nil {
			realmErr = ex.Err
		}
		p.mig = inspect.CompareMigration(k.ra.insp, k.rb.insp, realmErr)
		p.pairs = p.mig.Tokens
	} else {
		p.pairs = inspect.CompareResults(k.ra.insp, k.rb.insp, p.a.name, p.b.name)
	}
	p.pair = min(p.pair, max(len(p.pairs)-1, 0))
}

// layoutFor is what the rows would be laid out for now.
func (p *comparePane) layoutFor() compareLayout {
	return compareLayout{compared: p.compared, width: p.width, height: p.height, st: p.st, redact: p.redact, unfold: p.unfold, pair: p.pair}
}

// layout turns the comparison into rows at the pane's width: what is
// compared, then (for m) the Summary, the answers and the requests, then
// the pair of tokens shown: its findings, its facts, its header and claims.
func (p *comparePane) layout() {
	p.laid = p.layoutFor()
	p.sc.width, p.sc.height = p.width, p.height
	if p.width <= 0 {
		p.sc.setRows(nil)
		return
	}
	st, w := p.st, p.width
	var rows []row
	add := func(lines ...string) { rows = append(rows, staticRows(lines...)...) }
	if p.migration {
		add(wrapIndent("", st.Title.Render("ro against realm: what migrating changes")+st.Muted.Render(" · the same login through both flows"), 2, w)...)
		add("", st.Heading.Render("What a client must change"))
		for i, line := range p.mig.Summary {
			add(wrapIndent("  "+itoa(i+1)+". ", p.safeText(line), 5, w)...)
		}
		add("")
		rows = append(rows, p.sideRows()...)
		if len(p.mig.Findings) > 0 {
			add("", st.Heading.Render("Answers"))
			rows = append(rows, p.findingRows(p.mig.Findings)...)
		}
		rows = append(rows, p.partRows("Request", p.mig.Request, p.geom(p.mig.Request))...)
	} else {
		add(wrapIndent("", st.Title.Render("Compare "+p.a.name+" with "+p.b.name)+st.Muted.Render(" · each token with the token of its kind"), 2, w)...)
		rows = append(rows, p.sideRows()...)
	}
	rows = append(rows, p.pairRows()...)
	p.sc.setRows(rows)
}

// sideRows say what each side is: its number, time, flow, user and status.
func (p *comparePane) sideRows() []row {
	nameW := max(cells(p.a.name), cells(p.b.name))
	var out []string
	for _, s := range []compareSide{p.a, p.b} {
		// One line each, as in the picker: the client goes first where it
		// does not fit, then the user is cut, never the status.
		out = append(out, fit(p.st.Label.Render(padRight(s.name, nameW))+"  "+describeEntryIn(s.what, s.e, p.redact, p.width-nameW-2), p.width))
	}
	return staticRows(out...)
}

// pairRows are the pair of tokens shown: which pairs there are (←/→
// switches), how many rows differ, the findings, the header and the
// claims, then the facts and why a part is not compared.
func (p *comparePane) pairRows() []row {
	st, w := p.st, p.width
	var rows []row
	add := func(lines ...string) { rows = append(rows, staticRows(lines...)...) }
	if len(p.pairs) == 0 {
		add("", st.Muted.Render("No token to compare: neither result has a token of the other's kinds."))
		return rows
	}
	add("", p.pairLine())
	tc := p.pairs[p.pair]
	c := tc.Comparison
	if c != nil {
		if t := tallyText(c, st); t != "" {
			add(fit(t, w))
		}
	}
	rows = append(rows, p.findingRows(tc.Findings)...)
	if c == nil {
		return rows
	}
	g := p.geom(c.Rows())
	rows = append(rows, p.partRows("Header", c.Header, g)...)
	rows = append(rows, p.partRows("Claims", c.Payload, g)...)
	// What the tokens come to as a whole, after their rows: at 60×16 the
	// rows that differ come first.
	if len(c.Header)+len(c.Payload) > 0 {
		add("")
	}
	lp := paintsOf(st)
	for _, f := range c.Facts {
		first := "  " + changeMark(f.Change, lp) + " " + st.Label.Render(padRight(f.Name, 9)) + "  "
		add(wrapIndent(first, p.safeText(f.Text), 15, w)...)
	}
	for _, l := range c.Limits {
		add(wrapIndent("  "+st.Muted.Render("·")+" ", st.Muted.Render(p.safeText(l)), 4, w)...)
	}
	return rows
}

// pairLine names the pairs of tokens compared, the one shown in brackets
// (which reads without colour), and the key that switches.
func (p *comparePane) pairLine() string {
	st := p.st
	if len(p.pairs) == 1 {
		return st.Heading.Render(p.pairs[0].Role.String() + "s")
	}
	for _, short := range []bool{false, true} {
		parts := []string{st.Heading.Render("Tokens")}
		for i, tc := range p.pairs {
			name := tc.Role.String()
			if short {
				name = strings.TrimSuffix(name, " token")
			}
			if i == p.pair {
				parts = append(parts, st.Accent.Bold(true).Render("["+name+"]"))
			} else {
				parts = append(parts, st.Muted.Render(name))
			}
		}
		line := strings.Join(parts, "  ") + st.Muted.Render("  ←/→ switches")
		if cells(line) <= p.width || short {
			return fit(line, p.width)
		}
	}
	return ""
}

// tallyText counts a comparison's rows by change, each with its mark, or
// says that the two are one token.
func tallyText(c *inspect.Comparison, st *Styles) string {
	if c.Identical() {
		return st.Muted.Render("The same token, character for character.")
	}
	lp := paintsOf(st)
	var parts []string
	for _, ch := range []inspect.Change{inspect.Changed, inspect.Added, inspect.Removed, inspect.Same} {
		if n := c.Count(ch); n > 0 {
			parts = append(parts, changeMark(ch, lp)+" "+itoa(n)+" "+ch.String())
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}

// findingRows are findings, each with its level's mark.
func (p *comparePane) findingRows(fs []inspect.Finding) []row {
	var out []string
	for _, f := range fs {
		out = append(out, wrapIndent("  "+levelMark(f.Level, p.st)+" ", p.safeText(f.Detail), 4, p.width)...)
	}
	return staticRows(out...)
}

// changeMark is a row's sign in its colour: = same, + added, - removed,
// ~ changed (the sign says it without colour). The Compare pane and a
// refresh's Summary mark their rows with it alike.
func changeMark(ch inspect.Change, lp *livePaints) string {
	switch ch {
	case inspect.Added:
		return lp.ok.on("+")
	case inspect.Removed:
		return lp.bad.on("-")
	case inspect.Changed:
		return lp.warn.on("~")
	}
	return lp.muted.on("=")
}

// partNouns name the rows of a part, one and many, for the folded line.
var partNouns = map[inspect.Part][2]string{
	inspect.PartHeader:  {"header parameter", "header parameters"},
	inspect.PartPayload: {"claim", "claims"},
	inspect.PartRequest: {"request member", "request members"},
}

// compareGeom is how one part's rows are laid out: a name column as wide
// as its longest name (up to nameColMax), then A's and B's values in
// two columns, or (stacked, when narrow) each value under the name.
type compareGeom struct {
	nameW, colW, indent int
	stacked             bool
}

// geom lays out rows (the header's and the claims' together, so that
// their columns line up).
func (p *comparePane) geom(rs []inspect.Row) compareGeom {
	g := compareGeom{stacked: p.width < compareStackBelow}
	for _, r := range rs {
		g.nameW = max(g.nameW, cells(safe(r.Name)))
	}
	most := nameColMax
	if len(rs) > 0 && rs[0].Part == inspect.PartRequest {
		most = compareRequestNameMax // "connection → realm" whole
	}
	g.nameW = min(g.nameW, most, max(p.width/4, 4))
	g.indent = 4 + g.nameW + 2
	g.colW = max((p.width-g.indent-2)/2, 1)
	if g.stacked {
		g.indent = 6
	}
	return g
}

// partRows lay out the rows of one part at g: a heading (with the
// columns' names over the rows shown), each row that differs, and the rows that are the
// same folded into one line, or each shown (n). Nil when the part was not
// compared (the comparison's limits say why).
func (p *comparePane) partRows(title string, rs []inspect.Row, g compareGeom) []row {
	if rs == nil {
		return nil
	}
	st, lp := p.st, paintsOf(p.st)
	head := st.Heading.Render(title)
	shown := p.unfold
	for _, r := range rs {
		shown = shown || r.Change != inspect.Same
	}
	if !g.stacked && shown {
		head = padTo(head, g.indent) + lp.label.on(padRight(p.a.name, g.colW)) + "  " + lp.label.on(p.b.name)
	}
	rows := staticRows("", fit(head, p.width))
	if len(rs) == 0 {
		return append(rows, staticRows(fit(st.Muted.Render("  Empty on both sides."), p.width))...)
	}
	var same []string
	part := rs[0].Part
	for _, r := range rs {
		if r.Change == inspect.Same && !p.unfold {
			same = append(same, safe(r.Name))
			continue
		}
		rows = append(rows, p.rowRows(g, r)...)
	}
	if len(same) > 0 {
		noun := partNouns[part][1]
		if len(same) == 1 {
			noun = partNouns[part][0]
		}
		line := "  " + lp.muted.on("= "+itoa(len(same))+" "+noun+" the same (n shows them): "+strings.Join(same, ", "))
		rows = append(rows, row{text: fit(line, p.width)})
	}
	return rows
}

// rowRows are one row: its mark, its name, each side's value (wrapped up to
// maxValueLines when it differs, one line when the same), and the
// sentence that says what the change means.
func (p *comparePane) rowRows(g compareGeom, r inspect.Row) []row {
	lp := paintsOf(p.st)
	name := safe(r.Name)
	mark := "  " + changeMark(r.Change, lp) + " "
	lines := maxValueLines
	if r.Change == inspect.Same {
		lines = 1
	}
	var out []row
	switch {
	case g.stacked && r.Change == inspect.Same:
		pre := mark + lp.label.on(padRight(name, g.nameW)) + "  "
		out = append(out, p.valueRows(pre, r.A, p.a.e.result.echoes, p.width-cells(pre), 1, "")...)
	case g.stacked && (r.Change == inspect.Added || r.Change == inspect.Removed):
		// One side has it: its value beside the name, the sign says whose.
		f, e := r.B, p.b.e.result.echoes
		if r.Change == inspect.Removed {
			f, e = r.A, p.a.e.result.echoes
		}
		pre := mark + lp.label.on(padRight(name, g.nameW)) + "  "
		out = append(out, p.valueRows(pre, f, e, p.width-cells(pre), lines, strings.Repeat(" ", cells(pre)))...)
	case g.stacked:
		out = append(out, row{text: fit(mark+lp.label.on(name), p.width)})
		sideW := max(cells(p.a.name), cells(p.b.name))
		for _, s := range []struct {
			name string
			f    *jwtview.Field
			e    *ro.Echoes
		}{{p.a.name, r.A, p.a.e.result.echoes}, {p.b.name, r.B, p.b.e.result.echoes}} {
			pre := "      " + lp.muted.on(padRight(s.name, sideW)) + "  "
			out = append(out, p.valueRows(pre, s.f, s.e, p.width-cells(pre), lines, strings.Repeat(" ", cells(pre)))...)
		}
	default:
		pre := mark + lp.label.on(padRight(name, g.nameW)) + "  "
		a := p.valueRows("", r.A, p.a.e.result.echoes, g.colW, lines, "")
		b := p.valueRows("", r.B, p.b.e.result.echoes, g.colW, lines, "")
		pad := strings.Repeat(" ", g.indent)
		for i := range max(len(a), len(b)) {
			lead := pad
			if i == 0 {
				lead = pre
			}
			out = append(out, besideCols(lead, colRow(a, i), colRow(b, i), g.colW, p.width))
		}
	}
	if r.Sentence != "" {
		for _, l := range wrapIndent(strings.Repeat(" ", g.indent), lp.muted.on(p.safeText(r.Sentence)), g.indent, p.width) {
			out = append(out, row{text: l})
		}
	}
	return out
}

// colRow is the i-th row of a column, or an empty one past its end.
func colRow(rs []row, i int) row {
	if i < len(rs) {
		return rs[i]
	}
	return row{}
}

// besideCols draws lead, then a and b in two columns of colW cells; a live
// side (a time) makes the line live.
func besideCols(lead string, a, b row, colW, width int) row {
	if a.live == nil && b.live == nil {
		if b.text == "" {
			return row{text: fit(lead+a.text, width)} // nothing after it to line up
		}
		return row{text: fit(lead+padTo(fit(a.text, colW), colW)+"  "+b.text, width)}
	}
	return row{live: func(now time.Time, _ int) string {
		at, bt := a.text, b.text
		if a.live != nil {
			at = a.live(now, colW)
		}
		if b.live != nil {
			bt = b.live(now, colW)
		}
		return fit(lead+padTo(fit(at, colW), colW)+"  "+bt, width)
	}}
}

// valueRows are one side's value after pre, in w cells: a time as its UTC
// time and how long ago or ahead (live), anything else made safe (masked
// in presenter mode where it names a person or grants access) and cut
// after lines lines; an absent value is a dash. Lines after the first start
// with indent.
func (p *comparePane) valueRows(pre string, f *jwtview.Field, echoes *ro.Echoes, w, lines int, indent string) []row {
	lp := paintsOf(p.st)
	w = max(w, 1)
	if f == nil {
		return []row{{text: pre + lp.muted.on("—")}}
	}
	if f.IsTime && !f.Time.IsZero() {
		t := f.Time
		return []row{{live: func(now time.Time, _ int) string {
			s := t.UTC().Format(timeLayout)
			// How long ago only when it fits whole: "in 9…" reads as another time.
			if rel := " · " + jwtview.Relative(t, now); cells(s)+cells(rel) <= w {
				s += rel
			}
			return pre + fit(s, w)
		}}}
	}
	v := p.fieldText(f, echoes)
	if lines <= 1 {
		return []row{{text: pre + fit(v, w)}}
	}
	ls := wrap(cutRunes(v, lines*w+1), w)
	if len(ls) == 0 {
		ls = []string{""}
	}
	if len(ls) > lines {
		ls = ls[:lines]
		ls[lines-1] = ellipsize(ls[lines-1], w)
	}
	out := make([]row, len(ls))
	for i, l := range ls {
		lead := indent
		if i == 0 {
			lead = pre
		}
		out[i] = row{text: lead + l}
	}
	return out
}

// fieldText is a field's value as the pane may show it: as sent (a string
// without its quotes), with the secrets of its result masked, hidden in
// presenter mode when it names a person or grants access, and safe.
func (p *comparePane) fieldText(f *jwtview.Field, echoes *ro.Echoes) string {
	v := f.Text
	if v == "" && len(f.Raw) > 0 {
		v = string(f.Raw)
	}
	if !echoes.Empty() {
		v = echoes.Mask(v)
	}
	if p.redact {
		if m, ok := redactValue(f.Name, strings.Trim(v, `"`)); ok {
			v = m
		}
	}
	return safe(cutBytes(v, 64<<10))
}

// safeText is rotui's sentence about both results (a fact, a finding, a
// limit, the Summary): it may quote either, so both results' secrets are
// masked in it, and it is made safe.
func (p *comparePane) safeText(s string) string {
	for _, e := range []*ro.Echoes{p.a.e.result.echoes, p.b.e.result.echoes} {
		if !e.Empty() {
			s = e.Mask(s)
		}
	}
	return safe(s)
}

// tabNumber is the key of tab i: 1…9 for the fixed panes, 0 for a
// comparison.
func tabNumber(i int, p Pane) string {
	if _, ok := p.(*comparePane); ok {
		return "0"
	}
	return itoa(i + 1)
}

// shortTitle is a tab's label when the row is narrow, for a pane with no
// fixed place: the comparison's "Cmp", beside "Sum", "Acc", "Hist".
func shortTitle(p Pane, title string) string {
	if _, ok := p.(*comparePane); ok {
		return "Cmp"
	}
	return title
}
