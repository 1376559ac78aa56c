package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/inspect"
)

// A result's panes have fixed numbers (DESIGN.md, "Keys"): 1 always goes
// to the Summary and 9 to the History, whatever came back, so the keys a
// person learns keep working. A pane that does not apply to a result is a
// missingPane in its place: dimmed on the tab row, and saying why when
// chosen.

// paneSlot is one of the fixed places of the tab row.
type paneSlot struct {
	title string // the pane's title, as its pane gives it
	short string // its label when the row is narrow: short, and the same whichever tab is active
}

// paneSlots are the nine places, in their numbers' order.
var paneSlots = [...]paneSlot{
	{"Summary", "Sum"},
	{"Access token", "Acc"},
	{"ID token", "ID"},
	{"Refresh token", "Ref"},
	{"Raw", "Raw"},
	{"curl", "curl"},
	{"/userinfo", "info"},
	{"→ realm", "realm"},
	{"History", "Hist"},
}

// pastedTitle is the title of a pasted token's pane, by the kind it reads
// as: "Pasted ID token", "Pasted access token"; the picker and the Compare
// pane name it the same (pastedWhat).
func pastedTitle(role inspect.Role) string {
	return "Pasted " + strings.TrimPrefix(pastedWhat(role), "pasted ")
}

// historySlot is the History's place.
const historySlot = len(paneSlots) - 1

// slotOf is the place of a pane with title; a pasted token's pane
// ("Pasted ID token") takes the place of its kind; -1 for a title with no
// place.
func slotOf(title string, pastedRole inspect.Role) int {
	if title == pastedTitle(pastedRole) {
		title = pastedRole.String()
	}
	for i, s := range paneSlots {
		if s.title == title {
			return i
		}
	}
	return -1
}

// slotted puts panes in their fixed places, with History last and a
// missingPane wherever a result has no pane; a pane with no place of its
// own takes the first free one.
func slotted(panes []Pane, history Pane, why func(slot int) string, pastedRole inspect.Role) []Pane {
	tabs := make([]Pane, len(paneSlots))
	var homeless []Pane
	for _, p := range panes {
		if i := slotOf(p.Title(), pastedRole); i >= 0 && i != historySlot && tabs[i] == nil {
			tabs[i] = p
		} else {
			homeless = append(homeless, p)
		}
	}
	tabs[historySlot] = history
	for i := range tabs {
		if tabs[i] == nil && len(homeless) > 0 {
			tabs[i], homeless = homeless[0], homeless[1:]
		}
	}
	for i := range tabs {
		if tabs[i] == nil {
			tabs[i] = &missingPane{title: paneSlots[i].title, why: why(i)}
		}
	}
	return append(tabs, homeless...)
}

// missingPane holds the place of a pane that does not apply to the result
// on screen, and says why.
type missingPane struct {
	title         string
	why           string
	st            *Styles
	width, height int
}

func (p *missingPane) Title() string              { return p.title }
func (p *missingPane) SetSize(width, height int)  { p.width, p.height = width, height }
func (p *missingPane) SetStyles(st *Styles)       { p.st = st }
func (p *missingPane) Update(msg tea.Msg) tea.Cmd { return nil }
func (p *missingPane) Tick(time.Time)             {}
func (p *missingPane) Keys() []key.Binding        { return nil }
func (p *missingPane) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	st := p.st
	if st == nil {
		st = &Styles{}
	}
	return clipRect(st.Muted.Render(strings.Join(wrap(p.why, p.width), "\n")), p.width, p.height)
}

// isMissing reports whether p only holds the place of a pane.
func isMissing(p Pane) bool { _, ok := p.(*missingPane); return ok }

// missingWhy says why the pane of slot does not apply to r.
func missingWhy(r *Result, slot int) string {
	s := r.subject
	pasted := s.Exchange == nil
	if why := refreshMissingWhy(s, paneSlots[slot].title); why != "" {
		return why
	}
	switch paneSlots[slot].title {
	case "Access token", "ID token":
		if pasted {
			return "A pasted token has one pane, numbered as its kind: the other token panes are for a login's answer."
		}
		if paneSlots[slot].title == "ID token" {
			return "No ID token came back: ask for the openid scope to get one."
		}
		return "No access token came back: the Summary says why the call did not succeed."
	case "Refresh token":
		if pasted {
			return "A pasted token has one pane, numbered as its kind."
		}
		return "No refresh token came back: ask for the offline_access scope, and on /oauth/ro name a device too."
	case "Raw", "curl":
		if pasted {
			return "A pasted token has no request or answer to show: log in to see them."
		}
	case "/userinfo":
		if pasted {
			return "/userinfo needs the tenant that issued the token: log in to call it."
		}
		if s.Exchange.Tokens == nil || s.Exchange.Tokens.AccessToken == "" {
			return "/userinfo needs an access token, and none came back."
		}
		return "/userinfo is not offered in this session."
	case "→ realm":
		if pasted {
			return "The migration preview shows a login through /oauth/ro as the realm flow would send it: log in to see it."
		}
		if !s.Migration {
			return "The migration preview is not offered in this session."
		}
		return "The migration preview is for logins through /oauth/ro (the ro flow); this one went another way."
	}
	return "Nothing to show here for this result."
}
