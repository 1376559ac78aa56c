package ui

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/termsafe"
)

// subjectToken is one token of a result as the inspection decoded and
// planned it.
type subjectToken struct {
	*inspect.Token
	length string // how long it is, counted once: "1360 characters"
}

// noKey is why the signature is not checked, with how to give the secret
// here, or "".
func (t *subjectToken) noKey() string {
	if t.Plan.NoKey == "" {
		return ""
	}
	return t.Plan.NoKey + ": fill in the client secret field to verify it (" + inspect.SecretEncodingNote + ")"
}

// BuildPanes gives the panes of r: Summary, one per token that came back
// (access, ID, refresh) or the pasted token, Raw, and curl (the last two
// only for an Exchange), then /userinfo and "→ realm" when the subject asks
// for them. They read r when they draw; r.Verify starts its verifications.
func BuildPanes(r *Result, st *Styles) []Pane {
	if st == nil {
		st = NewStyles(true)
	}
	s := r.subject
	var toks []*subjectToken
	for _, t := range r.insp.Tokens {
		toks = append(toks, &subjectToken{Token: t, length: tokenLength(t.Decoded)})
	}
	panes := []Pane{newSummaryPane(r, toks, st)}
	for _, t := range toks {
		panes = append(panes, newTokenPane(r, t, st))
	}
	if s.Exchange != nil {
		panes = append(panes, newRawPane(r, st), newCurlPane(r, st))
	}
	if r.userinfo != nil {
		panes = append(panes, newUserinfoPane(r, st))
	}
	if s.Migration && r.insp.Migration != nil {
		panes = append(panes, newMigrationPane(r, st))
	}
	return panes
}

// --- rows and scrolling, shared by every pane ---

// row is one line of a pane: static text already fitted to the width, or a
// live line (a countdown) computed from the current time when drawn.
type row struct {
	text string
	live func(now time.Time, width int) string
	// joined rows are drawn as one with the row above (a QR code and the
	// text beside it): a window that a resize would start on one starts
	// at the first row of the block instead, where that keeps the row
	// that was on top in view, rather than show half a code.
	joined bool
}

// scroller shows a window of rows and moves it with the keys. Static rows are
// fitted once (on SetSize); only the live rows in the window are recomputed,
// on Tick, so a tick costs the same for a 5,000-claim token as for a small one.
type scroller struct {
	rows          []row
	width, height int
	offset        int
	laidWidth     int // the width the rows were fitted to (0: none yet)
	now           time.Time

	// liveCache holds the live rows of the window for now, indexed by row.
	liveCache map[int]string
	cacheNow  time.Time

	// over stands in for a few rows while they are drawn (the row under a
	// cursor, the rows a note stands beside), sorted by row; the pane sets
	// it with setOver when its cursor or the window moves, so that drawing
	// costs the same with it as without.
	over      []overRow
	liveStale bool // over changed: the live rows of the window are drawn again

	// drawn is the window as last drawn, and what it was drawn from: View
	// runs on every message the program gets, and most change nothing here.
	drawn    string
	drawnFor drawKey
	gen      int // counts the changes to the rows, their stand-ins and the live rows
}

// drawKey is what a drawn window depends on besides the rows.
type drawKey struct {
	gen, offset, width, height int
	st                         *Styles
	tail                       string
}

// overRow is what row i shows instead of its own.
type overRow struct {
	i int
	r row
}

// setOver replaces what stands in for rows (sorted by row).
func (sc *scroller) setOver(over []overRow) {
	sc.over = over
	sc.liveStale = true
	sc.gen++
}

// at is row i as drawn: its stand-in, if it has one.
func (sc *scroller) at(i int) row {
	for _, o := range sc.over {
		if o.i == i {
			return o.r
		}
	}
	return sc.rows[i]
}

// setRows replaces the content, keeping the scroll position where it can:
// laid out again at another width, the window keeps the row that was on
// top (anchorAfterRewrap), not its index, which at a new width is other
// content, or past the end and so the bottom.
func (sc *scroller) setRows(rows []row) {
	for i := range rows {
		if rows[i].live == nil {
			rows[i].text = fit(rows[i].text, sc.width)
		}
	}
	anchor := -1
	if sc.laidWidth != 0 && sc.laidWidth != sc.width && sc.offset > 0 && sc.offset < len(sc.rows) {
		anchor = anchorAfterRewrap(sc.rows, rows, sc.offset)
		sc.offset = anchor
	}
	sc.laidWidth = sc.width
	sc.rows = rows
	sc.over = nil
	sc.liveCache = nil
	sc.gen++
	sc.clamp()
	for anchor >= 0 && sc.offset > 0 && sc.offset < len(rows) && rows[sc.offset].joined && sc.offset-1 > anchor-sc.bodyHeight() {
		sc.offset--
	}
}

// anchorAfterRewrap is where the window starts in rows (the content
// wrapped at a new width) so that the row on top of it in old (at offset)
// stays on top: its first words are found in the new rows, at the match
// nearest to where the proportion puts it; with no match, the proportion.
func anchorAfterRewrap(old, rows []row, offset int) int {
	guess := offset * len(rows) / max(len(old), 1)
	// The first row from the top with words enough to be told apart.
	for i := offset; i < len(old) && i < offset+8; i++ {
		key := []rune(strings.TrimSpace(ansi.Strip(old[i].text)))
		if len(key) < 6 {
			continue
		}
		needle := string(key[:min(len(key), 16)])
		best, bestD := -1, 0
		for j, r := range rows {
			if strings.Contains(ansi.Strip(r.text), needle) {
				if d := abs(j - guess); best < 0 || d < bestD {
					best, bestD = j, d
				}
			}
		}
		if best >= 0 {
			return max(best-(i-offset), 0)
		}
	}
	return guess
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// bodyHeight is the number of rows shown; one line goes to the position
// indicator when the content is taller than the pane.
func (sc *scroller) bodyHeight() int {
	if len(sc.rows) > sc.height && sc.height > 1 {
		return sc.height - 1
	}
	return sc.height
}

func (sc *scroller) clamp() {
	maxOff := len(sc.rows) - sc.bodyHeight()
	if maxOff < 0 {
		maxOff = 0
	}
	sc.offset = min(max(sc.offset, 0), maxOff)
}

// scrollKey moves the window for a scrolling key; false for any other key.
func (sc *scroller) scrollKey(msg tea.KeyPressMsg, keys ScrollKeys) bool {
	off, ok := keys.Move(msg, sc.offset, max(sc.bodyHeight(), 1), len(sc.rows))
	if ok {
		sc.offset = off
		sc.clamp()
	}
	return ok
}

// tick moves the clock and recomputes the live rows of the window.
func (sc *scroller) tick(now time.Time) {
	sc.now = now
	sc.refreshLive()
}

func (sc *scroller) refreshLive() {
	end := min(sc.offset+sc.bodyHeight(), len(sc.rows))
	if sc.liveCache == nil {
		sc.liveCache = map[int]string{}
	} else {
		clear(sc.liveCache)
	}
	for i := sc.offset; i < end; i++ {
		if f := sc.at(i).live; f != nil {
			sc.liveCache[i] = fit(f(sc.now, sc.width), sc.width)
		}
	}
	sc.cacheNow = sc.now
	sc.liveStale = false
	sc.gen++
}

// view draws the window: cached static rows plus the live ones.
func (sc *scroller) view(st *Styles) string { return sc.viewWith(st, "") }

// viewWith draws the window with tail under it (a pane's own last lines,
// drawn with the window).
func (sc *scroller) viewWith(st *Styles, tail string) string {
	if sc.width <= 0 || sc.height <= 0 {
		return tail
	}
	if sc.liveStale || !sc.cacheNow.Equal(sc.now) {
		sc.refreshLive()
	}
	k := drawKey{gen: sc.gen, offset: sc.offset, width: sc.width, height: sc.height, st: st, tail: tail}
	if k == sc.drawnFor && sc.drawn != "" {
		return sc.drawn
	}
	sc.drawn, sc.drawnFor = sc.draw(st, tail), k
	return sc.drawn
}

// draw builds the window's text.
func (sc *scroller) draw(st *Styles, tail string) string {
	body := sc.bodyHeight()
	end := min(sc.offset+body, len(sc.rows))
	// The stand-ins in the window, walked alongside the rows.
	over := sc.over
	for len(over) > 0 && over[0].i < sc.offset {
		over = over[1:]
	}
	n := 64 + len(tail)
	for i := sc.offset; i < end; i++ {
		n += len(sc.rows[i].text) + len(sc.liveCache[i]) + 1
	}
	for _, o := range over {
		n += len(o.r.text)
	}
	var b strings.Builder
	b.Grow(n)
	for i := sc.offset; i < end; i++ {
		if i > sc.offset {
			b.WriteByte('\n')
		}
		r := sc.rows[i]
		if len(over) > 0 && over[0].i == i {
			r = over[0].r
			over = over[1:]
		}
		if r.live == nil {
			b.WriteString(r.text)
			continue
		}
		s, ok := sc.liveCache[i]
		if !ok || !sc.cacheNow.Equal(sc.now) {
			sc.refreshLive()
			s = sc.liveCache[i]
		}
		b.WriteString(s)
	}
	if len(sc.rows) > sc.height && sc.height > 1 {
		pct := 100
		if span := len(sc.rows) - body; span > 0 {
			pct = sc.offset * 100 / span
		}
		ind := "↑↓ pgup pgdn · " + itoa(sc.offset+1) + "–" + itoa(end) + " of " + itoa(len(sc.rows)) + " · " + itoa(pct) + "%"
		b.WriteByte('\n')
		b.WriteString(paintsOf(st).muted.on(fit(ind, sc.width)))
	}
	if tail != "" {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(tail)
	}
	return b.String()
}

// --- text helpers ---

// safe makes one untrusted line safe for the terminal.
func safe(s string) string { return termsafe.Line(s) }

// safeLines splits untrusted text into lines and makes each safe; a
// carriage return before a newline is dropped.
func safeLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safe(strings.TrimSuffix(l, "\r"))
	}
	return lines
}

// oneCell are the non-ASCII symbols of rotui's own text, each one cell wide.
const oneCell = "·…–—✓✗█░↑↓→•−▸│"

// cells is the width of a (possibly styled) line. Lines of ASCII text with
// SGR styling, most of a pane, are measured without grapheme segmentation,
// which is what makes laying out a 5,000-claim token slow.
func cells(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			// The few symbols rotui itself draws are one cell; anything
			// else (a token's text) is measured properly.
			r, size := utf8.DecodeRuneInString(s[i:])
			if !strings.ContainsRune(oneCell, r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size - 1
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// A CSI sequence: skip to its final byte.
			i += 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
				i++
			}
		case c < 0x20 || c == 0x7f:
			return ansi.StringWidth(s)
		default:
			n++
		}
	}
	return n
}

// fit cuts a (possibly styled) line to width cells, ending it with an ellipsis.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if cells(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// wrap breaks a (possibly styled) line into lines of at most width cells,
// between words where it can and inside a word (a token, a URL) only where
// it must. Unlike ansi.Wrap it never breaks at a hyphen: in a URL or a key
// ID a break there reads as a hyphen that is not in the value.
func wrap(s string, width int) []string {
	if width <= 0 {
		return nil
	}
	if cells(s) <= width {
		return []string{s}
	}
	var (
		lines []string
		cur   strings.Builder
		curW  int
	)
	for i, w := range strings.Split(s, " ") {
		ww := cells(w)
		if i > 0 && curW+1+ww <= width {
			cur.WriteByte(' ')
			cur.WriteString(w)
			curW += 1 + ww
			continue
		}
		if i > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		for ww > width {
			// A long word: break after its last "/" that fits (a URL reads
			// well that way), else at the width.
			cutAt := width
			if !strings.ContainsRune(w, 0x1b) && w[:min(len(w), width)] == ansi.Cut(w, 0, width) {
				if j := strings.LastIndexByte(w[:width], '/'); j >= width/2 {
					cutAt = j + 1
				}
			}
			head := ansi.Cut(w, 0, cutAt)
			if cells(head) == 0 {
				// A character wider than the line (a CJK one in one
				// column): it goes alone, and fit cuts it later.
				head = ansi.Cut(w, 0, cutAt+1)
				if cells(head) == 0 {
					break // nothing can be cut off: keep the rest whole
				}
			}
			lines = append(lines, head)
			w = ansi.Cut(w, cells(head), ww)
			ww = cells(w)
		}
		cur.WriteString(w)
		curW = ww
	}
	return dropBrokenJoins(append(lines, cur.String()))
}

// dropBrokenJoins takes off a zero-width joiner (or non-joiner) that a
// break left at the end of a line: what it joined is on the next line, so
// it joins nothing, and alone it is an invisible character, which
// termsafe would have escaped there.
func dropBrokenJoins(lines []string) []string {
	for i, l := range lines {
		if !strings.Contains(l, "\u200d") && !strings.Contains(l, "\u200c") {
			continue
		}
		end := len(l)
		for end > 0 && l[end-1] == 'm' { // SGR sequences closing the line
			k := strings.LastIndexByte(l[:end], 0x1b)
			if k < 0 || !isSGR(l[k:end]) {
				break
			}
			end = k
		}
		body := l[:end]
		for strings.HasSuffix(body, "\u200d") || strings.HasSuffix(body, "\u200c") {
			body = body[:len(body)-len("\u200d")]
		}
		lines[i] = body + l[end:]
	}
	return lines
}

// isSGR reports whether s is exactly one SGR sequence (ESC [ params m).
func isSGR(s string) bool {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' || s[len(s)-1] != 'm' {
		return false
	}
	for _, c := range []byte(s[2 : len(s)-1]) {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// hardwrap breaks a (possibly styled) line every width cells, for code and
// JSON, where a break between words helps nobody.
func hardwrap(s string, width int) []string {
	if width <= 0 {
		return nil
	}
	if cells(s) <= width {
		return []string{s}
	}
	return dropBrokenJoins(strings.Split(ansi.Hardwrap(s, width, true), "\n"))
}

// hardwrapIndented is hardwrap for a line of code or JSON that keeps its
// indentation: what is wrapped goes on two cells deeper than the line
// starts, not back at column 0, where a JSON string's end read as a line
// of its own. Where the width leaves too little room, it is hardwrap.
func hardwrapIndented(s string, width int) []string {
	if width <= 0 || cells(s) <= width {
		return hardwrap(s, width)
	}
	plain := ansi.Strip(s)
	ind := len(plain) - len(strings.TrimLeft(plain, " ")) + 2
	if width-ind < 16 {
		return hardwrap(s, width)
	}
	out := dropBrokenJoins([]string{ansi.Truncate(s, width, "")})
	pad := strings.Repeat(" ", ind)
	for _, l := range hardwrap(ansi.Cut(s, cells(out[0]), cells(s)), width-ind) {
		out = append(out, pad+l)
	}
	return out
}

// wrapIndent wraps s to width after the prefix first, and indents every
// following line by indent cells (a hanging indent).
func wrapIndent(first, s string, indent, width int) []string {
	fw := cells(first)
	w := width - indent
	if w < 8 || fw >= width {
		return wrap(first+s, width)
	}
	// When the prefix is wider than the indent, the first line has fw-indent
	// cells fewer: a filler word holds their place while wrapping, and is cut
	// off afterwards. (A narrower prefix just leaves the first line short.)
	k := max(fw-indent, 0)
	text := s
	if k > 0 {
		text = strings.Repeat("x", k-1) + " " + s
	}
	lines := wrap(text, w)
	if len(lines) == 0 {
		return []string{fit(first, width)}
	}
	pad := strings.Repeat(" ", indent)
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		if i == 0 {
			if k > 0 {
				l = ansi.Cut(l, k, ansi.StringWidth(l))
			}
			out = append(out, fit(first+l, width))
			continue
		}
		out = append(out, pad+l)
	}
	return out
}

// cut shortens plain text to n runes with an ellipsis, between characters.
func cut(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	return jwtview.Head(s, n) + "…"
}

// chars is the length of s in characters (runes), as rotui counts a token.
func chars(s string) int { return utf8.RuneCountInString(s) }

// tokenLength says how long a token is: in characters, or in bytes for one
// too large to decode, of which Decode kept only the start.
func tokenLength(tok *jwtview.Token) string {
	if tok.Size > len(tok.Raw) {
		return itoa(tok.Size) + " bytes"
	}
	return itoa(chars(tok.Raw)) + " characters"
}

// staticRows turns lines into static rows.
func staticRows(lines ...string) []row {
	out := make([]row, len(lines))
	for i, l := range lines {
		out[i] = row{text: l}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// count is n and its noun, one or many: "1 call", "3 calls".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
