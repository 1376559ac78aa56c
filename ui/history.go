package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/termsafe"
)

// historyRow is one call of the session (or one pasted token) as History lists it.
type historyRow struct {
	id      int // the entry whose panes enter shows again; 0 for a cancelled call
	at      time.Time
	flow    string // "ro", "realm", "password", or "paste"
	user    string
	client  string // the client ID the call used, or a pasted token was issued to
	status  string // "200", "401 invalid_user_password", "cancelled", "JWS"…
	failed  bool
	latency time.Duration // zero for a pasted token
	// refreshOf is the number of the call whose refresh token this one
	// used (f), shown as "↻ of #2" in place of the flow; 0 for any other.
	refreshOf int
}

// History is the pane that lists every call of the session, newest first;
// enter on one shows its panes again. The root owns one History for the
// whole session and puts it last among the tabs of every result.
type History struct {
	rows   []historyRow // oldest first, as they came
	cursor int          // index into the newest-first view
	offset int
	shown  int  // the entry on screen, marked
	redact bool // presenter mode: users are masked
	width  int
	height int
	st     *Styles
	keys   PaneKeys
}

// NewHistory returns an empty history.
func NewHistory(st *Styles) *History { return &History{st: st, keys: DefaultPaneKeys()} }

// Title is the tab's label.
func (h *History) Title() string { return "History" }

// SetSize gives the pane its rectangle.
func (h *History) SetSize(width, height int) {
	h.width, h.height = width, height
	h.clamp()
}

// SetStyles redraws the pane for a new background.
func (h *History) SetStyles(st *Styles) { h.st = st }

// Tick does nothing: the history has no countdown.
func (h *History) Tick(time.Time) {}

// Keys are moving the cursor and reopening a call.
func (h *History) Keys() []key.Binding { return []key.Binding{h.keys.Scroll.Help(), h.keys.Reopen} }

// Len is the number of entries.
func (h *History) Len() int { return len(h.rows) }

// add puts a row at the top and moves the cursor onto it.
func (h *History) add(r historyRow) {
	h.rows = append(h.rows, r)
	h.cursor = 0
	if r.id != 0 {
		h.shown = r.id
	}
	h.clamp()
}

// row returns the i-th row of the newest-first view.
func (h *History) row(i int) historyRow { return h.rows[len(h.rows)-1-i] }

// Update moves the cursor, and on enter asks the root to show that entry.
func (h *History) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || len(h.rows) == 0 {
		return nil
	}
	if key.Matches(k, h.keys.Reopen) {
		id := h.row(h.cursor).id
		return func() tea.Msg { return historyChooseMsg{id: id} }
	}
	if c, ok := h.keys.Scroll.Move(k, h.cursor, max(1, h.height-2), len(h.rows)); ok {
		h.cursor = c
		h.clamp()
	}
	return nil
}

func (h *History) clamp() {
	h.cursor = max(0, min(h.cursor, len(h.rows)-1))
	room := max(1, h.height-2)
	if h.cursor < h.offset {
		h.offset = h.cursor
	}
	if h.cursor >= h.offset+room {
		h.offset = h.cursor - room + 1
	}
	h.offset = max(0, min(h.offset, max(0, len(h.rows)-room)))
}

// View lists the calls, a header and then one line each.
func (h *History) View() string {
	if h.width <= 0 || h.height <= 0 {
		return ""
	}
	st := h.st
	if len(h.rows) == 0 {
		return st.Muted.Render("No call yet in this session.")
	}
	// The user and the status share what the fixed columns leave: the user
	// first (up to 32), the status the rest (up to 40), so that at 120
	// columns "401 invalid_user_password" is whole and at 60 the user is
	// more than its first letters.
	// Each row has its number, so that "↻ of #2" can be found; the
	// latency column is as wide as its header ("latency"), which is wider
	// than fmtLatency's longest ("123.4s").
	// Where the user and the status would get less than 8 and 10, the
	// latency column goes: cut, "12ms" reads "12" and its header "latenc".
	latW := len("latency")
	numW := 1 + len(itoa(h.maxID()))
	avail := h.width - (3 + numW + 1 + 8 + 2 + 8 + 2 + 2 + 1 + latW)
	if avail < 8+10 {
		avail += 1 + latW
		latW = 0
	}
	userW := max(8, min(32, avail*3/5, avail-10))
	statusW := max(10, min(40, avail-userW))
	line := func(mark, num, at, flow, user, status, lat string) string {
		s := fmt.Sprintf("%-3s%*s %-8s  %-8s  %-*s  %-*s", mark, numW, num, at, flow, userW, clipText(user, userW), statusW, clipText(status, statusW))
		if latW > 0 {
			s += fmt.Sprintf(" %*s", latW, lat)
		}
		return s
	}
	out := []string{
		st.Muted.Render(fit(line("", "#", "time", "flow", "user · client", "status", "latency"), h.width)),
	}
	room := max(1, h.height-2)
	for i := h.offset; i < len(h.rows) && i < h.offset+room; i++ {
		r := h.row(i)
		// Two marks, so that the one on screen stays marked when the
		// cursor is on it too.
		mark := " "
		if i == h.cursor {
			mark = "▸"
		}
		if r.id == h.shown {
			mark += "●"
		}
		lat := ""
		if r.latency > 0 {
			lat = fmtLatency(r.latency)
		}
		user := termsafe.Line(r.user)
		if h.redact {
			user = maskWho(r.user)
		}
		if r.client != "" {
			user += " · " + termsafe.Line(r.client)
		}
		num, flow := "", termsafe.Line(r.flow)
		if r.id != 0 {
			num = "#" + itoa(r.id)
		}
		if r.refreshOf != 0 {
			flow = "↻ of #" + itoa(r.refreshOf)
			if chars(flow) > 8 {
				flow = "↻ #" + itoa(r.refreshOf) // from the 100th call on
			}
		}
		s := fit(line(mark, num, r.at.Format("15:04:05"), flow, user, termsafe.Line(r.status), lat), h.width)
		switch {
		case i == h.cursor:
			s = st.Accent.Bold(true).Render(s)
		case r.failed:
			s = st.Error.Render(s)
		}
		out = append(out, s)
	}
	out = append(out, st.Muted.Render(fit(count(len(h.rows), "call", "calls")+" · ↑/↓ choose · enter show it again · ● on screen", h.width)))
	return strings.Join(out, "\n")
}

// maxID is the highest number in the list, for the width of its column.
func (h *History) maxID() int {
	n := 0
	for _, r := range h.rows {
		n = max(n, r.id, r.refreshOf)
	}
	return n
}

// clipText cuts plain text to n runes with an ellipsis, between characters.
func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return jwtview.Head(s, n)
	}
	return jwtview.Head(s, n-1) + "…"
}

// fmtLatency reads like "123ms" or "2.4s"; a loopback answer faster than a
// millisecond reads "<1ms", not "0s" as if nothing had been timed.
func fmtLatency(d time.Duration) string {
	if d < time.Millisecond {
		return "<1ms"
	}
	if d < time.Second {
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

// maskWho hides a user (an email, a name, a subject) for presenter mode.
func maskWho(u string) string {
	if u == "" {
		return ""
	}
	return "•••••"
}
