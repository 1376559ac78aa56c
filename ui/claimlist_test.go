package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro/rotest"
)

// ptDemoIDClaims are the 17 claims of the demo tenant's ID token for scope
// "openid profile email", with the fixtures' tenant and clock.
func ptDemoIDClaims() string {
	iat := ptNow.Add(-time.Minute).Unix()
	return `{"iss":"` + ptTenant + `/","sub":"auth0|5f7c8ec7c33c6c004bbafe82","aud":"rotui-demo",` +
		`"exp":` + itoa(int(iat+600)) + `,"iat":` + itoa(int(iat)) + `,"name":"Alice Liddell","nickname":"alice",` +
		`"picture":"https://s.gravatar.com/avatar/c160f8cc69a4f0bf2b0362752353d060?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fal.png",` +
		`"email":"alice@example.com","email_verified":true,"given_name":"Alice","family_name":"Liddell",` +
		`"user_id":"auth0|5f7c8ec7c33c6c004bbafe82","clientID":"rotui-demo",` +
		`"identities":[{"connection":"Username-Password-Authentication","isSocial":false,"provider":"auth0","user_id":"5f7c8ec7c33c6c004bbafe82"}],` +
		`"updated_at":"2017-05-04T14:12:51.000Z","created_at":"2016-11-02T09:30:00.000Z"}`
}

// ptDemoIDModel is the program at w×h on the ID token's pane of a login
// whose ID token carries the demo's 17 claims, verified, at the fixed clock.
func ptDemoIDModel(t *testing.T, w, h int, redact bool) *Model {
	t.Helper()
	m := New(Options{Prefill: demoPrefill(), Redact: redact, Now: func() time.Time { return ptNow }})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.setStyles(NewStyles(true))
	press(m, "ctrl+s")
	req, ex := ptExchange()
	tok := ptJWT(`{"alg":"RS256","typ":"JWT","kid":"demo-key-1"}`, ptDemoIDClaims())
	ex.Body = []byte(strings.ReplaceAll(string(ex.Body), ex.Tokens.IDToken, tok))
	ex.Tokens.IDToken = tok
	m.Update(loginDoneMsg{id: m.call.id, req: req, ex: ex})
	m.shown.result.Apply(ptVerified(m.shown.result, inspect.RoleID))
	press(m, "3")
	return m
}

// ptScreenOf is the program's screen without colour.
func ptScreenOf(m *Model) string { return ansi.Strip(view(m)) }

// ptCursorOn is the name of the claim under the cursor on screen, or "".
func ptCursorOn(screen string) string {
	if m := regexp.MustCompile(`(?m)^▸ (\S+)`).FindStringSubmatch(screen); m != nil {
		return m[1]
	}
	return ""
}

// ptDownTo presses ↓ until the cursor is on the claim name (at most 60
// times), and returns the screen.
func ptDownTo(t *testing.T, m *Model, name string) string {
	t.Helper()
	for range 60 {
		if s := ptScreenOf(m); ptCursorOn(s) == name {
			return s
		}
		press(m, "down")
	}
	t.Fatalf("↓ never brought the cursor to %s:\n%s", name, ptScreenOf(m))
	return ""
}

// At 120×36 the demo's ID token shows its checks and every one of its 17
// claims on the first screen, one line each: the whole program, against
// the demo tenant.
func TestFlowDemoIDTokenFitsTheFirstScreen(t *testing.T) {
	srv := sharedDemo(t)
	req := demoRequest(srv.URL)
	req.Scope, req.Device = "openid profile email", ""
	tt := newTerm(t, New(Options{Prefill: req}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("Summary", "ID token", "200")
	tt.key("3")
	s := tt.waitFor("Claims (17)", "✓ signature", "verified")
	for _, want := range []string{`(?m)^✓ signature +RS256 signature verified`, `(?m)^✓ issuer `, `(?m)^✓ audience `, `(?m)^✓ expiry `,
		`(?m)^  email +alice@example\.com`, `(?m)^  created_at +2016-11-02 09:30:00 UTC · `} {
		if !regexp.MustCompile(want).MatchString(s) {
			t.Errorf("the first screen of the ID token at 120×36 lacks %s:\n%s", want, s)
		}
	}
}

// The claim list's cursor: ↑/↓ move it and the window follows, the note of
// the claim under it shows (beside the list when wide, under it when not)
// and no other note does; n shows every note under its claim, and again
// only the cursor's.
func TestClaimCursorShowsItsNote(t *testing.T) {
	const emailNote, issNote = "the user's e-mail address", "issuer: who made"
	for _, c := range []struct {
		w, h   int
		beside bool
	}{{120, 36, true}, {200, 50, true}, {100, 30, false}, {80, 24, false}, {60, 16, false}} {
		t.Run(itoa(c.w)+"x"+itoa(c.h), func(t *testing.T) {
			m := ptDemoIDModel(t, c.w, c.h, false)
			s := ptDownTo(t, m, "email")
			ptFits(t, "screen", view(m), c.w, c.h)
			line := regexp.MustCompile(`(?m)^▸ email +alice@example\.com.*$`).FindString(s)
			if line == "" {
				t.Fatalf("the cursor's claim is not on one line with its value:\n%s", s)
			}
			if got := strings.Contains(line, emailNote); got != c.beside {
				t.Errorf("the note beside the cursor's line: %v, want %v:\n%s", got, c.beside, s)
			}
			if !strings.Contains(ptFlat(s), emailNote) {
				t.Errorf("the note of the claim under the cursor is not on screen:\n%s", s)
			}
			if strings.Contains(s, issNote) {
				t.Errorf("another claim's note shows without n:\n%s", s)
			}
			press(m, "up")
			if s := ptScreenOf(m); ptCursorOn(s) != "picture" || strings.Contains(s, emailNote) {
				t.Errorf("↑ does not move the cursor to the claim above, with its note:\n%s", s)
			}
			press(m, "down", "n")
			s = ptScreenOf(m)
			ptFits(t, "screen with every note", view(m), c.w, c.h)
			if ptCursorOn(s) != "email" || !regexp.MustCompile(`(?m)^▸ email +alice@example\.com\n +the user's e-mail address`).MatchString(s) {
				t.Errorf("with n the cursor's claim is not shown with its note under it:\n%s", s)
			}
			press(m, "home")
			all := ptFullView(m.tabs[m.active], c.h)
			for _, note := range []string{issNote, emailNote, "whether the e-mail address was verified"} {
				if !strings.Contains(ptFlat(ansi.Strip(all)), note) {
					t.Errorf("with n the note %q is not under its claim:\n%s", note, ansi.Strip(all))
				}
			}
			ptDownTo(t, m, "email") // ptFullView went home, and took the cursor
			press(m, "n")
			if s := ptScreenOf(m); ptCursorOn(s) != "email" || strings.Contains(s, issNote) {
				t.Errorf("a second n does not go back to one note:\n%s", s)
			}
			// home shows the top of the pane, with the checks, again.
			press(m, "home")
			if s := ptScreenOf(m); !strings.Contains(s, "✓ signature") {
				t.Errorf("home does not show the checks:\n%s", s)
			}
		})
	}
}

// At 60×16 the cursor starts on the header's first parameter below the
// checks: ↓ scrolls the pane down to it before it moves, and ↑ on the first
// parameter scrolls back up to the checks.
func TestClaimCursorScrollsToTheListFirst(t *testing.T) {
	m := ptDemoIDModel(t, 60, 16, false)
	s := ptScreenOf(m)
	if !strings.Contains(s, "✓ signature") || ptCursorOn(s) != "" {
		t.Fatalf("the pane does not open on its checks:\n%s", s)
	}
	if !strings.Contains(s, "↑↓ scroll to the claims") {
		t.Errorf("with the cursor out of sight, the note's place does not say how to reach it:\n%s", s)
	}
	s = ptDownTo(t, m, "alg")
	if strings.Contains(s, "✓ signature") {
		t.Skip("the checks and the first parameter fit one screen here")
	}
	if !strings.Contains(ptFlat(s), "alg algorithm: how the token is signed") {
		t.Errorf("the note of alg is not under the list:\n%s", s)
	}
	for range 12 {
		press(m, "up")
	}
	if s := ptScreenOf(m); !strings.Contains(s, "ID token · signed JWT") {
		t.Errorf("↑ on the first parameter does not scroll back to the top:\n%s", s)
	}
}

// The ID token's pane of the demo's login, as a person meets it at 120×36
// and at 60×16: opened, with the cursor moved to email, and with every
// note; fixed clock, colours pinned to none (attributes kept).
func TestGoldenDemoIDTokenPane(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 36}, {60, 16}} {
		t.Run(itoa(size.w)+"x"+itoa(size.h), func(t *testing.T) {
			m := ptDemoIDModel(t, size.w, size.h, false)
			var b strings.Builder
			shot := func(title string) {
				v := view(m)
				ptFits(t, title, v, size.w, size.h)
				w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Ascii}
				b.WriteString("=== " + title + " ===\n")
				_, _ = w.Write([]byte(v + "\n"))
			}
			shot("opened")
			ptDownTo(t, m, "email")
			shot("cursor on email")
			press(m, "n")
			shot("n: every note")
			golden.RequireEqual(t, b.String())
		})
	}
}

// The /userinfo profile is drawn as the ID token's claims are: one line
// each, the note of the claim under the cursor, n for every note.
func TestUserinfoProfileOneLineAClaim(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 36}, {60, 16}} {
		s := ptDemoLogin(t, rotest.ClientID)
		s.UserInfo = true
		panes, _ := ptBuildPanes(s, ptPlain())
		ui := ptPane(t, panes, "/userinfo")
		ui.SetSize(size.w, size.h-3)
		for _, m := range ptRunCmd(ptResultOf(panes).startUserinfo()) {
			deliver(panes, m)
		}
		v := ui.View()
		ptFits(t, "/userinfo", v, size.w, size.h-3)
		for _, want := range []string{`(?m)^▸ sub +auth0\|`, `(?m)^  name +Alice Liddell`, `subject: the user`} {
			if !regexp.MustCompile(want).MatchString(ptFlat(v) + "\n" + v) {
				t.Errorf("at %dx%d the profile lacks %s:\n%s", size.w, size.h, want, v)
			}
		}
		if strings.Contains(v, `"name": "Alice Liddell"`) || strings.Contains(v, "profile claim of OpenID") {
			t.Errorf("at %dx%d the profile is drawn as JSON, or with every note:\n%s", size.w, size.h, v)
		}
		ui.Update(ptKey("down"))
		if v := ui.View(); ptCursorOn(v) != "name" || !strings.Contains(ptFlat(v), "profile claim of OpenID") {
			t.Errorf("at %dx%d ↓ does not move to name, with its note:\n%s", size.w, size.h, v)
		}
		ui.Update(ptKey("n"))
		if v := ptFlat(ptFullView(ui, size.h-3)); !strings.Contains(v, "subject: the user") || !strings.Contains(v, "e-mail address was verified") {
			t.Errorf("at %dx%d n does not show every note:\n%s", size.w, size.h, v)
		}
	}
}

// The help and the pane's own hints name ↑/↓ and n where a list has them.
func TestClaimListKeysAreInTheHelp(t *testing.T) {
	m := ptDemoIDModel(t, 120, 36, false)
	s := ptScreenOf(m)
	if !strings.Contains(s, "↑↓ choose · n every note") {
		t.Errorf("the pane does not say that ↑↓ choose a claim and n shows every note:\n%s", s)
	}
	press(m, "n")
	if s := ptScreenOf(m); !strings.Contains(s, "n one note") {
		t.Errorf("with every note, the pane does not say n goes back to one:\n%s", s)
	}
	press(m, "?")
	h := ptScreenOf(m)
	for _, want := range []string{"↑/↓", "choose a claim", "n", "one note", "/ filter claims"} {
		if !strings.Contains(h, want) {
			t.Errorf("the help of the ID token's pane lacks %q:\n%s", want, h)
		}
	}
	press(m, "esc", "n", "1", "?")
	if h := ptScreenOf(m); strings.Contains(h, "choose a claim") || strings.Contains(h, "every note") {
		t.Errorf("the Summary's help lists the claim list's keys:\n%s", h)
	}
}

// No escape sequence from a claim reaches the screen through the one-line
// list or the note of the claim under the cursor: not from a name cut to
// the name column (the note beside repeats it whole), nor from a value cut
// on its line (the note beside shows more of it), at any size, with one
// note or every note.
func TestHostileClaimsUnderTheCursor(t *testing.T) {
	evil := strings.Repeat(`ab\u202e\u001b[2J\u009b31m`, 40)
	tok := ptJWT(`{"alg":"RS256","typ":"JWT\u001b[2J","x\u202ey\u001b[5m":1}`,
		`{"iss":"https://evil/\u001b]52;c;ZXZpbA==\u0007","na\u001b[31mme":"x\u009b2Jy",`+
			`"https://evil.example/\u001b]0;pwned\u0007/a-claim-name-longer-than-its-column":"`+evil+`",`+
			`"exp":"`+evil+`","updated_at":"2017-05-04T14:12:51.000Z","bel":"\u0007\u007f"}`)
	for _, size := range []struct{ w, h int }{{120, 36}, {200, 50}, {60, 16}, {61, 9}} {
		panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), size.w, size.h)
		p := ptPane(t, panes, "Token")
		var b strings.Builder
		for _, k := range []string{"", "down", "down", "down", "down", "down", "down", "down", "down", "down", "n", "up", "up", "up", "n", "end", "up", "home"} {
			if k != "" {
				p.Update(ptKey(k))
			}
			v := p.View()
			ptFits(t, "Token after "+k, v, size.w, size.h)
			b.WriteString(v + "\n")
		}
		v := b.String()
		if !strings.Contains(v, "a-claim-name-longer") || !strings.Contains(v, `\u202e`) {
			t.Fatalf("at %dx%d the hostile claims are not drawn:\n%s", size.w, size.h, v)
		}
		for i, r := range v {
			if r == '\n' {
				continue
			}
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' || r == utf8.RuneError {
				t.Fatalf("at %dx%d the pane draws the raw control %U at byte %d:\n%q", size.w, size.h, r, i, v)
			}
		}
	}
}

// A name cut in the name column keeps the values in a straight column,
// also when the cut falls inside a wide (CJK) character; a value cut on its
// line is cut between characters, never inside one.
func TestClaimColumnsStayStraight(t *testing.T) {
	tok := ptJWT(`{"alg":"RS256"}`, `{"iss":"x","日本語日本語日本語":"テキスト テキスト テキストテキストテキスト テキストテキストテキスト 👩‍💻👩‍💻 end","exp":2000000000}`)
	for _, w := range []int{60, 61, 80, 120} {
		panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), w, 30)
		v := ptPane(t, panes, "Token").View()
		col := -1
		for _, line := range strings.Split(v, "\n") {
			for _, name := range []string{"  iss ", "  日本語", "  exp "} {
				if !strings.HasPrefix(line, name) {
					continue
				}
				head := strings.TrimRight(line[:strings.Index(line[2:], "  ")+4], " ")
				at := ansi.StringWidth(head)
				rest := strings.TrimLeft(line[len(head):], " ")
				at += ansi.StringWidth(line[len(head):]) - ansi.StringWidth(rest)
				if col >= 0 && at != col {
					t.Errorf("at %d columns the value of %q starts at column %d, the others at %d:\n%s", w, name, at, col, v)
				}
				col = at
				if !utf8.ValidString(line) {
					t.Errorf("at %d columns a line is cut inside a character: %q", w, line)
				}
			}
		}
		if col < 0 {
			t.Fatalf("at %d columns no claim line found:\n%s", w, v)
		}
	}
}

// While the claim filter has the keys, the footer lists what leaves it
// (enter keeps, esc clears), not the panes' keys, which type into it; after
// enter the panes' footer is back.
func TestTheFilterHasItsOwnFooter(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 36}, {60, 16}} {
		m := ptDemoIDModel(t, size.w, size.h, false)
		press(m, "/")
		lines := strings.Split(ptScreenOf(m), "\n")
		foot := lines[len(lines)-1]
		for _, bad := range []string{"edit form", "compare", "q quit", "1…9"} {
			if strings.Contains(foot, bad) {
				t.Errorf("at %d×%d the filter's footer lists %q, a key that types into the filter: %q", size.w, size.h, bad, foot)
			}
		}
		if !strings.Contains(foot, "enter keep") || !strings.Contains(foot, "esc clear") {
			t.Errorf("at %d×%d the filter's footer does not say enter keeps and esc clears: %q", size.w, size.h, foot)
		}
		press(m, "e", "enter")
		lines = strings.Split(ptScreenOf(m), "\n")
		if foot := lines[len(lines)-1]; !strings.Contains(foot, "edit") {
			t.Errorf("at %d×%d after enter the panes' footer is not back: %q", size.w, size.h, foot)
		}
	}
}

// A claim name of Auth0's passwordless profile is read whole where the
// list has room (a third of it), and cut with … only where it has not.
func TestLongClaimNamesShowWholeWhereThereIsRoom(t *testing.T) {
	tok := ptJWT(`{"alg":"RS256"}`, `{"sub":"sms|1","phone_number":"+15555550100","phone_number_verified":true}`)
	for _, c := range []struct {
		w, h  int
		whole bool
	}{{120, 36, true}, {60, 16, false}} {
		panes := ptBuild(t, Subject{Pasted: tok}, ptPlain(), c.w, c.h)
		v := ptFullView(panes[len(panes)-1], c.h)
		if got := strings.Contains(v, "phone_number_verified "); got != c.whole {
			t.Errorf("%dx%d: phone_number_verified whole: %v, want %v\n%s", c.w, c.h, got, c.whole, v)
		}
		if !c.whole && !strings.Contains(v, "…") {
			t.Errorf("%dx%d: the cut name has no …:\n%s", c.w, c.h, v)
		}
	}
}
