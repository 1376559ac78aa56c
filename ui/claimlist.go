package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/jwtview"
)

// The claim list: a token's header parameters and claims, or a /userinfo
// profile, one line each (name, value cut with …, and for a time its UTC
// time and how long ago or ahead), with a cursor. The note of the field
// under the cursor stands beside the list when the pane is wide, or under
// it; n shows every note under its field instead, with the value wrapped
// (three lines a claim). The notes are jwtview's: this file only draws them.

// maxValueLines is how many lines a long claim value may take before it is cut.
const maxValueLines = 4

// maxNoteLines is how many lines the word on a claim may take.
const maxNoteLines = 2

// The note beside the list: from a pane this wide, in a column this wide
// (a third of the pane or so), after a gap with a rule in it. A narrower
// pane keeps the list at its whole width and the note under it.
const (
	besideFrom   = 110
	noteColMin   = 32
	noteColMax   = 56
	besideGap    = 3  // " │ "
	besideLines  = 8  // lines of value and note beside the list, at most
	belowLines   = 2  // lines of the note under the list
	nameColMax   = 22 // phone_number_verified whole where a third of the list allows
	minValueCols = 12 // a value narrower than this goes under its name (every note shown)
)

// claimList is the cursor over the fields a pane lists, and what the
// width decided for them. The pane lays its rows out with fieldRows
// between begin and finish, and hands it the keys that move.
type claimList struct {
	all    bool // n: every note under its field
	cursor int  // into items
	items  []listItem
	keep   *fieldBlock // the field under the cursor across a new layout
	follow bool        // after the next layout, scroll to the cursor

	width  int  // the pane's
	listW  int  // the list's column: the pane's width unless the note is beside it
	beside bool // the note stands beside the list, from column listW+besideGap
	noteW  int
	noteH  int // lines under the window for the note (0 beside, or with every note)
	below  string
	st     *Styles
}

// listItem is one field as laid out.
type listItem struct {
	f    *fieldBlock
	g    *listGeom
	row  int    // its first row
	rows int    // how many rows it takes
	rest string // what follows the name on its first row (unless live)
	cut  bool   // its value does not show whole
}

// listGeom is how one list (the header, the claims) is laid out: its name
// column fits its longest name, up to nameColMax.
type listGeom struct {
	width, nameCol, valueW, indent int
	narrow                         bool // every note shown, the value under its name
}

// begin decides, for a pane of width×height, where the note goes, and
// returns the height left to the rows. Fields are laid out next.
func (l *claimList) begin(width, height int, hasFields bool, st *Styles) int {
	if c := l.current(); c != nil {
		l.keep = c.f
	}
	l.items = l.items[:0]
	l.width, l.st, l.listW, l.beside, l.noteW, l.noteH = width, st, width, false, 0, 0
	if !hasFields || l.all {
		return height
	}
	if width >= besideFrom {
		l.beside = true
		l.noteW = min(max((width-besideGap)*2/5, noteColMin), noteColMax)
		l.listW = width - besideGap - l.noteW
		return height
	}
	switch {
	case height >= 8:
		l.noteH = belowLines
	case height >= 4:
		l.noteH = 1
	}
	return height - l.noteH
}

// finish finds the field the cursor was on in the rows just laid out, and
// draws the cursor and its note.
func (l *claimList) finish(sc *scroller) {
	l.cursor = 0
	for i, it := range l.items {
		if it.f == l.keep {
			l.cursor = i
			break
		}
	}
	if l.follow {
		l.follow = false
		l.scrollTo(sc)
	}
	l.place(sc)
}

// current is the item under the cursor, or nil.
func (l *claimList) current() *listItem {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return nil
	}
	return &l.items[l.cursor]
}

// toggleNotes switches between one note (the cursor's) and every note; the
// rows are laid out again, and the window follows the cursor there.
func (l *claimList) toggleNotes() {
	l.all = !l.all
	l.follow = true
}

// heading is a list's heading, with the keys that act on the lists when
// keys is true (on the first list of the pane), and more hints after.
func (l *claimList) heading(st *Styles, title string, keys bool, more string) string {
	hint := ""
	switch {
	case keys && l.all:
		hint = " · ↑↓ choose · n one note"
	case keys:
		hint = " · ↑↓ choose · n every note"
	}
	return fit(st.Heading.Render(title)+st.Muted.Render(hint+more), l.listW)
}

// fieldRows appends the rows of fields to rows, one line each or, with
// every note, name, value (wrapped up to maxValueLines), a live UTC and
// relative time for a time claim, and the note (up to maxNotes lines).
// A filter keeps the fields it matches.
func (l *claimList) fieldRows(rows []row, fields []fieldBlock, filter string, maxNotes int) []row {
	g := l.geom(fields)
	// Cached escape codes: lipgloss's Render per claim made a 5,000-claim
	// token take several times longer to lay out.
	lp := paintsOf(l.st)
	pad := strings.Repeat(" ", g.indent)
	for i := range fields {
		f := &fields[i]
		if filter != "" && !strings.Contains(f.match, filter) {
			continue
		}
		it := listItem{f: f, g: g, row: len(rows)}
		if !l.all {
			val := cutRunes(f.value, g.valueW+1)
			it.cut = len(val) < len(f.value) || cells(val) > g.valueW
			it.rest = val
			rows = append(rows, l.head(&it, false))
			it.rows = 1
			l.items = append(l.items, it)
			continue
		}
		val := cutRunes(f.value, maxValueLines*g.valueW)
		lines := wrap(val, g.valueW)
		if len(lines) == 0 {
			lines = []string{""}
		}
		it.cut = len(val) < len(f.value) || len(lines) > maxValueLines
		if len(lines) > maxValueLines {
			lines = lines[:maxValueLines]
		}
		if it.cut {
			lines[len(lines)-1] = ellipsize(lines[len(lines)-1], g.valueW)
			lines = append(lines, lp.muted.on(fit("("+itoa(chars(f.value))+" characters; y copies the claims)", g.valueW)))
		}
		if g.narrow {
			rows = append(rows, l.head(&it, false))
		} else {
			it.rest, lines = lines[0], lines[1:]
			rows = append(rows, l.head(&it, false))
		}
		for _, ln := range lines {
			rows = append(rows, row{text: fit(pad+ln, g.width)})
		}
		if f.isTime {
			t := f.t
			rows = append(rows, row{live: func(now time.Time, w int) string {
				return pad + t.UTC().Format(timeLayout) + " · " + jwtview.Relative(t, now)
			}})
		}
		if f.note != "" {
			notes := wrap(f.note, g.valueW)
			if len(notes) > maxNotes {
				notes = notes[:maxNotes]
				notes[maxNotes-1] = ellipsize(notes[maxNotes-1], g.valueW)
			}
			for _, n := range notes {
				rows = append(rows, row{text: fit(pad+lp.muted.on(n), g.width)})
			}
		}
		it.rows = len(rows) - it.row
		l.items = append(l.items, it)
	}
	return rows
}

// geom lays a list out at the list's width.
func (l *claimList) geom(fields []fieldBlock) *listGeom {
	g := &listGeom{width: l.listW}
	for i := range fields {
		g.nameCol = max(g.nameCol, cells(fields[i].name))
	}
	g.nameCol = min(g.nameCol, max(g.width/3, 4), nameColMax)
	g.indent = 2 + g.nameCol + 2
	g.valueW = max(g.width-g.indent, 1)
	if l.all && g.valueW < minValueCols {
		// Too narrow for two columns: the value goes under its name.
		g.narrow, g.indent, g.valueW = true, 4, max(g.width-4, 1)
	}
	return g
}

// head is the first row of an item, under the cursor or not: the name,
// then the value; on one line, a time claim's time and how long ago.
func (l *claimList) head(it *listItem, cursor bool) row {
	lp := paintsOf(l.st)
	g, f := it.g, it.f
	mark, name := "  ", lp.label
	if cursor {
		mark, name = lp.cursor.on("▸")+" ", lp.cursor
	}
	if g.narrow {
		return row{text: fit(mark+name.on(f.name), g.width)}
	}
	pre := mark + name.on(padRight(f.name, g.nameCol)) + "  "
	if l.all || !f.isTime {
		return row{text: fit(pre+it.rest, g.width)}
	}
	// The time first; the value as sent after it only when it fits whole
	// (the note beside or under the list has it): a number cut short
	// reads as another number.
	pre += f.t.UTC().Format(timeLayout) + " · "
	post := "  " + lp.muted.on(it.rest)
	t, w, room := f.t, g.width, g.width-cells(pre)-2-cells(it.rest)
	return row{live: func(now time.Time, _ int) string {
		rel := jwtview.Relative(t, now)
		if len(rel) > room {
			return fit(pre+rel, w)
		}
		return pre + rel + post
	}}
}

// inView reports whether the first row of it is in the window.
func inView(it *listItem, sc *scroller) bool {
	return it.row >= sc.offset && it.row < sc.offset+max(sc.bodyHeight(), 1)
}

// move takes a key that moves: ↑/↓ (and their twins) move the cursor, the
// window following it, and at either end scroll on; while the cursor is
// out of the window they scroll, until it comes in. pgup/pgdn scroll a
// page, taking the cursor along; home and end go to the top and the
// bottom, the cursor to the first or the last field. False for a key that
// does not move.
func (l *claimList) move(k tea.KeyPressMsg, keys ScrollKeys, sc *scroller) bool {
	cur := l.current()
	if cur == nil {
		return sc.scrollKey(k, keys)
	}
	last := len(l.items) - 1
	switch {
	case key.Matches(k, keys.Down):
		if inView(cur, sc) && l.cursor < last {
			l.cursor++
			l.scrollTo(sc)
		} else {
			sc.offset++
		}
	case key.Matches(k, keys.Up):
		if inView(cur, sc) && l.cursor > 0 {
			l.cursor--
			l.scrollTo(sc)
		} else {
			sc.offset--
		}
	case key.Matches(k, keys.PageDown):
		sc.offset += max(sc.bodyHeight(), 1)
		sc.clamp()
		l.pull(sc)
	case key.Matches(k, keys.PageUp):
		sc.offset -= max(sc.bodyHeight(), 1)
		sc.clamp()
		l.pull(sc)
	case key.Matches(k, keys.Top):
		sc.offset, l.cursor = 0, 0
	case key.Matches(k, keys.Bottom):
		sc.offset, l.cursor = len(sc.rows), last
	default:
		return false
	}
	sc.clamp()
	l.place(sc)
	return true
}

// scrollTo moves the window as little as shows the whole item under the
// cursor; on the first field, the rows above it too when they fit (the
// checks of a token).
func (l *claimList) scrollTo(sc *scroller) {
	cur := l.current()
	if cur == nil {
		return
	}
	body := max(sc.bodyHeight(), 1)
	end := cur.row + min(cur.rows, body)
	switch {
	case l.cursor == 0 && end <= body:
		sc.offset = 0
	case cur.row < sc.offset:
		sc.offset = cur.row
	case end > sc.offset+body:
		sc.offset = end - body
	}
	sc.clamp()
}

// pull brings the cursor into the window after a page key, onto the
// nearest field there; where the window shows none, it stays.
func (l *claimList) pull(sc *scroller) {
	cur := l.current()
	if cur == nil || inView(cur, sc) {
		return
	}
	best := -1
	for i := range l.items {
		if !inView(&l.items[i], sc) {
			continue
		}
		if best < 0 || cur.row > sc.offset {
			best = i // below the window: the last field in it
		}
		if cur.row < sc.offset {
			break // above: the first
		}
	}
	if best >= 0 {
		l.cursor = best
	}
}

// place draws the cursor's row and its note (beside the rows, or under the
// window) for where the cursor and the window are now.
func (l *claimList) place(sc *scroller) {
	cur := l.current()
	l.below = ""
	if cur == nil {
		sc.setOver(nil)
		return
	}
	over := []overRow{{i: cur.row, r: l.head(cur, true)}}
	switch {
	case l.beside && inView(cur, sc):
		over = l.besideRows(cur, sc, over[0])
	case l.noteH > 0 && inView(cur, sc):
		l.below = l.noteBelow(cur)
	case l.noteH > 0:
		l.below = fit(paintsOf(l.st).muted.on("↑↓ scroll to the claims, then choose one · n every note"), l.width)
	}
	sc.setOver(over)
}

// besideRows stand the note of cur beside the rows from its own down (or
// up, when the window or the list ends first), within the list and the
// window.
func (l *claimList) besideRows(cur *listItem, sc *scroller, head overRow) []overRow {
	lines := l.noteBeside(cur)
	lo := max(l.items[0].row, sc.offset)
	lastIt := l.items[len(l.items)-1]
	hi := min(lastIt.row+lastIt.rows, sc.offset+max(sc.bodyHeight(), 1))
	start := cur.row
	if start+len(lines) > hi {
		start = max(hi-len(lines), lo)
	}
	n := min(len(lines), hi-start)
	if n < len(lines) && n > 0 {
		lines[n-1] = ellipsize(lines[n-1], l.noteW)
	}
	rule := paintsOf(l.st).muted.on("│") + " "
	out := make([]overRow, 0, n+1)
	if head.i < start {
		out = append(out, head)
	}
	for k := range n {
		i := start + k
		base := sc.rows[i]
		if i == head.i {
			base = head.r
		}
		out = append(out, overRow{i: i, r: besideRow(base, l.listW, " "+rule+lines[k])})
	}
	if head.i >= start+n {
		out = append(out, head)
	}
	return out
}

// besideRow is r at the list's width with text after it.
func besideRow(r row, listW int, text string) row {
	if r.live == nil {
		return row{text: padTo(fit(r.text, listW), listW) + text}
	}
	f := r.live
	return row{live: func(now time.Time, w int) string { return padTo(fit(f(now, listW), listW), listW) + text }}
}

// padTo fills s with spaces to width cells.
func padTo(s string, width int) string {
	if n := width - cells(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// noteBeside is what stands beside the list for an item: its name when the
// list cuts it, its value when the list cuts that, and its note.
func (l *claimList) noteBeside(it *listItem) []string {
	lp := paintsOf(l.st)
	w := l.noteW
	var out []string
	if cells(it.f.name) > it.g.nameCol {
		for _, ln := range wrap(it.f.name, w) {
			out = append(out, lp.label.on(ln))
		}
	}
	if it.cut || it.f.isTime {
		val := cutRunes(it.f.value, maxValueLines*w)
		lines := wrap(val, w)
		if len(lines) > maxValueLines || len(val) < len(it.f.value) {
			lines = lines[:min(len(lines), maxValueLines)]
			lines[len(lines)-1] = ellipsize(lines[len(lines)-1], w)
			lines = append(lines, lp.muted.on(fit(cutNote(it.f.value), w)))
		}
		out = append(out, lines...)
	}
	note := it.f.note
	if note == "" {
		note = "rotui has no note on this name"
	}
	for _, ln := range wrap(note, w) {
		out = append(out, lp.muted.on(ln))
	}
	if len(out) > besideLines {
		out = out[:besideLines]
		out[besideLines-1] = ellipsize(out[besideLines-1], w)
	}
	return out
}

// noteBelow is the note of an item under the window: its name, then its
// note, in noteH lines at most.
func (l *claimList) noteBelow(it *listItem) string {
	lp := paintsOf(l.st)
	note := it.f.note
	if note == "" {
		note = "rotui has no note on this name"
	}
	switch {
	case it.f.isTime:
		note = it.f.value + " · " + note
	case it.cut:
		note = cutNote(it.f.value) + " " + note
	}
	lines := wrap(it.f.name+"  "+note, l.width)
	if len(lines) > l.noteH {
		lines = lines[:l.noteH]
		lines[l.noteH-1] = ellipsize(lines[l.noteH-1], l.width)
	}
	for i, ln := range lines {
		if i == 0 && strings.HasPrefix(ln, it.f.name) {
			lines[i] = fit(lp.label.on(it.f.name)+lp.muted.on(ln[len(it.f.name):]), l.width)
			continue
		}
		lines[i] = fit(lp.muted.on(ln), l.width)
	}
	return strings.Join(lines, "\n")
}

// fieldRows lays out header parameters or claims with every note, for a
// pane without a cursor (the Summary's few claims).
func fieldRows(fields []fieldBlock, filter string, maxNotes, width int, st *Styles) []row {
	l := &claimList{all: true, width: width, listW: width, st: st}
	return l.fieldRows(nil, fields, filter, maxNotes)
}

// notesKey is n's binding saying what it does now: every note, or one.
func notesKey(b key.Binding, all bool) key.Binding {
	if all {
		b.SetHelp("n", "one note")
	}
	return b
}

// cutNote says how long a value that does not show whole is, and how to
// have it.
func cutNote(v string) string {
	return "(" + itoa(chars(v)) + " characters; n shows more, y copies the claims)"
}
