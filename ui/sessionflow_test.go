package ui

import (
	"errors"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/rotui/rotui/internal/syncbuf"

	goqr "github.com/piglig/go-qr"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
)

// The flows of a whole legacy session through the program (teatest),
// against the demo tenant on loopback: an MFA code after a0.mfa_required,
// an enrolment's QR code, a refresh and a revocation, a passwordless code.

// MFA: the login of a user with MFA on is refused with a0.mfa_required;
// the Summary and the footer offer o, which puts the cursor in the MFA
// code field; ctrl+s sends the same login with the code, and tokens come.
func TestFlowMFACodeAfterMFARequired(t *testing.T) {
	srv := sharedDemo(t)
	req := demoRequest(srv.URL)
	req.Username = rotest.UserMFA
	tt := newTerm(t, New(Options{Prefill: req}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("a0.mfa_required", "o puts the cursor in the MFA code field", "o MFA code")
	tt.key("o")
	tt.waitFor("▸ MFA code", "ctrl+s sends the same login with it")
	tt.tm.Type(rotest.MFACode)
	tt.waitFor("▸ MFA code       ••••••")
	tt.key("ctrl+s")
	s := tt.waitFor("200 OK", "Access token", "ID token", "Refresh token")
	tt.key("5", "G") // Raw, at its end: the request as sent, the code masked
	s += tt.waitFor("Request", `"mfa_code": "********"`)
	if strings.Contains(s, rotest.MFACode) || strings.Contains(s, rotest.Password) {
		t.Errorf("the MFA code or the password is on screen:\n%s", s)
	}
}

// Enrolment: a0.mfa_registration_required shows the key, the otpauth://
// URI and the URI as a QR code at 120×36, whole, and the QR code drawn
// on the screen is the library's, module for module, and decodes to the
// URI. The program needs 60 columns: at 38 the Summary's pane says why it
// draws no QR code (checked on the pane).
func TestFlowEnrolmentDrawsTheURIAsAQRCode(t *testing.T) {
	srv := sharedDemo(t)
	req := demoRequest(srv.URL)
	req.Username = rotest.UserEnroll
	m := New(Options{Prefill: req})
	tt := newTerm(t, m, 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	s := tt.waitFor("Enrol an authenticator", rotest.MFAEnrollKey, "otpauth://", "█▀▀▀▀▀█", "o MFA code")
	grid, err := screenQR(s)
	if err != nil {
		t.Fatalf("no whole QR code on screen (%v):\n%s", err, s)
	}
	var api *ro.APIError
	if !errors.As(enrolSubject(t, srv.URL).Exchange.Err, &api) || api.MFASettings == nil || api.MFASettings.URI == "" {
		t.Fatal("the demo's enrolment answer has no otpauth:// URI")
	}
	uri := api.MFASettings.URI
	want, err := qrGrid(uri)
	if err != nil {
		t.Fatal(err)
	}
	if !sameGrid(grid, want) {
		t.Errorf("the QR code on screen (%d×%d) is not the library's (%d×%d) for %q:\n%s", len(grid), len(grid[0]), len(want), len(want[0]), uri, s)
	}
	if text, err := goqr.Decode(gridImage(grid, 4)); err != nil || text != uri {
		t.Errorf("the QR code on screen decodes to %q (%v), want %q", text, err, uri)
	}

	// At 38 columns the pane says why, and draws no half blocks.
	sum := ptBuild(t, enrolSubject(t, srv.URL), ptPlain(), 38, 40)
	v := ptFullView(ptPane(t, sum, "Summary"), 40)
	if strings.ContainsAny(v, "▀▄") || !strings.Contains(ptFlat(v), "columns and the pane has 38: widen the terminal to scan it") {
		t.Errorf("at 38 columns the Summary draws the QR code or does not say why:\n%s", v)
	}
}

// enrolSubject is the demo's enrolment answer for the enrol user.
func enrolSubject(t *testing.T, url string) Subject {
	t.Helper()
	req := demoRequest(url)
	req.Username = rotest.UserEnroll
	ex, _ := ro.NewClient(ro.ClientOptions{}).Login(t.Context(), req)
	if ex == nil {
		t.Fatal("no answer from the demo")
	}
	return Subject{Exchange: ex, Request: req}
}

// screenQR reads the QR code drawn in half blocks on a screen back into
// its modules, quiet zone included: the square whose top-left finder
// pattern is the first "█▀▀▀▀▀█" on screen, two lines of quiet zone above
// it, as wide as from there to the end of the top-right finder and the
// quiet zone after it.
func screenQR(screen string) ([][]bool, error) {
	lines := strings.Split(screen, "\n")
	top, left := -1, -1
	for i, l := range lines {
		if j := strings.Index(l, "█▀▀▀▀▀█"); j >= 0 {
			top, left = i, len([]rune(l[:j]))
			break
		}
	}
	if top < qrQuiet/2 {
		return nil, errNoQR
	}
	finders := string([]rune(lines[top])[left:])
	width := len([]rune(finders[:strings.LastIndex(finders, "█▀▀▀▀▀█")])) + 7 + 2*qrQuiet
	left -= qrQuiet
	first := top - qrQuiet/2
	if first+(width+1)/2 > len(lines) {
		return nil, errNoQR
	}
	var grid [][]bool
	for i := first; i < first+(width+1)/2; i++ {
		r := []rune(lines[i])
		upper, lower := make([]bool, width), make([]bool, width)
		for x := range width {
			c := ' '
			if left+x < len(r) {
				c = r[left+x]
			}
			upper[x], lower[x] = c == '▀' || c == '█', c == '▄' || c == '█'
		}
		grid = append(grid, upper, lower)
	}
	return grid[:width], nil // the last line's lower half is below the code
}

var errNoQR = &qrError{}

type qrError struct{}

func (*qrError) Error() string { return "no QR code's finder pattern on screen" }

// sameGrid reports whether two module grids are equal.
func sameGrid(a, b [][]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for y := range a {
		if len(a[y]) != len(b[y]) {
			return false
		}
		for x := range a[y] {
			if a[y][x] != b[y][x] {
				return false
			}
		}
	}
	return true
}

// gridImage is a module grid as a picture, scale pixels a module, dark on
// light, as a phone's camera would see the screen.
func gridImage(grid [][]bool, scale int) image.Image {
	n := len(grid) * scale
	img := image.NewGray(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			c := color.Gray{Y: 255}
			if grid[y/scale][x/scale] {
				c = color.Gray{}
			}
			img.SetGray(x, y, c)
		}
	}
	return img
}

// Refresh: f on a login's panes uses its refresh token at /delegation (ro's
// route for /oauth/ro); the answer opens as a new entry whose Summary says
// where it went and why and compares its ID token with the login's, and
// History marks it as a refresh of the login.
func TestFlowRefreshOpensANewEntry(t *testing.T) {
	srv := sharedDemo(t)
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL), UserInfo: true, Migration: true}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("200 OK", "4 Refresh token", "f refresh")
	tt.key("f")
	s := tt.waitFor("↻ a refresh of #1 at /delegation", "so it goes to the legacy POST /delegation",
		"Compared with the ID token of #1", "sub", "the same user", "↻ #2, a refresh of #1: 200 OK from /delegation")
	if strings.Contains(s, "an error") {
		t.Errorf("the refresh failed:\n%s", s)
	}
	tt.key("9")
	tt.waitFor("#2", "↻ of #1", "#1")
	tt.key("2") // /delegation answers no access token: its place says why
	tt.waitFor("No access token came back from /delegation")
	tt.key("X") // the refresh holds the login's refresh token, and says so
	tt.waitFor("Revoke #1's refresh token for good?")
	tt.key("n")
	tt.waitFor("Not revoked: #1's refresh token is kept.")
}

// Revoke: X asks once in the status line, y revokes (the login's Summary
// keeps how it went), and f with the token afterwards shows the tenant's
// refusal, which rotui knows the reason for.
func TestFlowRevokeThenRefreshIsRefused(t *testing.T) {
	srv := sharedDemo(t)
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL)}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("200 OK", "X revoke")
	tt.key("X")
	tt.waitFor("Revoke #1's refresh token for good? y yes, n or esc no", "y yes")
	tt.key("esc")
	tt.waitFor("Not revoked: #1's refresh token is kept.")
	tt.key("X")
	tt.waitFor("Revoke #1's refresh token for good?")
	tt.key("y")
	tt.waitFor("#1's refresh token revoked (200): see #1's Summary.", "Refresh token revoked (X)", "/oauth/revoke · 200 OK")
	tt.key("f")
	tt.waitFor("403 Forbidden", "invalid_grant", "Hint", "rotui revoked this refresh token at", "↻ a refresh of #1")
}

// Passwordless: with connection sms, ctrl+t asks the tenant to send a code
// to the phone number, the status line says where it went, a wrong code is
// refused and s asks for another; with 424242, ctrl+s logs in and the ID
// token carries the phone number.
func TestFlowPasswordlessCodeThenLogin(t *testing.T) {
	var sent syncBuffer
	srv := rotest.StartForTest(t, rotest.Options{Log: &sent})
	req := demoRequest(srv.URL)
	req.Connection, req.Username, req.Password = rotest.ConnectionSMS, rotest.PhoneAlice, ""
	tt := newTerm(t, New(Options{Prefill: req}), 120, 36)
	tt.waitFor("Phone number", "ctrl+t send a code")
	tt.key("ctrl+t")
	tt.waitFor("Code sent to " + rotest.PhoneAlice + " by sms: type it, then ctrl+s")
	if !strings.Contains(sent.String(), rotest.PhoneAlice) {
		t.Errorf("the tenant sent no code to the phone: %q", sent.String())
	}
	tt.tm.Type("000000")
	tt.key("ctrl+s")
	tt.waitFor("401", "s asks the tenant for a new code", "s send a code")
	tt.key("s")
	tt.waitFor("Code sent to "+rotest.PhoneAlice, "▸ Code")
	tt.tm.Type(rotest.PasswordlessCode)
	tt.key("ctrl+s")
	tt.waitFor("200 OK", "ID token")
	tt.key("3", "/")
	tt.tm.Type("phone")
	tt.key("enter")
	s := tt.waitFor("phone_number", rotest.PhoneAlice)
	if strings.Contains(s, rotest.PasswordlessCode) {
		t.Errorf("the code is on screen:\n%s", s)
	}
}

// syncBuffer is a buffer the demo tenant writes from its own goroutines.
type syncBuffer = syncbuf.Buffer

// /tokeninfo: t on the ID token's pane calls it with that token and shows
// the legacy profile at the foot of the pane, global_client_id included.
func TestFlowTokenInfoShowsTheLegacyProfile(t *testing.T) {
	srv := sharedDemo(t)
	tt := newTerm(t, New(Options{Prefill: demoRequest(srv.URL)}), 120, 36)
	tt.waitFor("Resource Owner login")
	tt.key("ctrl+s")
	tt.waitFor("200 OK")
	tt.key("t")
	tt.waitFor("t calls /tokeninfo with the ID token: on its pane (3).")
	tt.key("3")
	tt.waitFor("t tokeninfo")
	tt.key("t")
	tt.waitFor("POST /tokeninfo", "global_client_id", rotest.GlobalClientID, "/tokeninfo answered 200")
}

// The → realm pane of a passwordless login shows inspect's passwordless
// migration: the passwordless/otp grant, the code as otp, the connection
// as realm; the code itself masked. At 60×16 it fits.
func TestMigrationPaneOfAPasswordlessLogin(t *testing.T) {
	s := ptDemoLogin(t, rotest.ClientID, func(r *ro.Request) {
		r.Connection, r.Username, r.Password = rotest.ConnectionSMS, rotest.PhoneAlice, rotest.PasswordlessCode
	})
	s.Migration = true
	p := ptPane(t, ptBuild(t, s, ptPlain(), 60, 16), "→ realm")
	v := ptFlat(ptFullView(p, 16))
	for _, want := range []string{ro.GrantPasswordlessOTP, `"otp": "********"`, `"realm": "sms"`, "the one-time code is sent as otp"} {
		if !strings.Contains(v, ptFlat(want)) {
			t.Errorf("the → realm pane lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, rotest.PasswordlessCode) {
		t.Errorf("the → realm pane shows the code:\n%s", v)
	}
	ptFits(t, "→ realm", p.View(), 60, 16)
}

// /tokeninfo's refusal is shown as /userinfo's is: the status, the error
// and its hint (the demo refuses an OIDC conformant client's ID token).
func TestTokenInfoRefusalShowsItsHint(t *testing.T) {
	s := ptDemoLogin(t, rotest.ClientIDOIDC, func(r *ro.Request) { *r = r.AsFlow(ro.FlowRealm) })
	panes := ptBuild(t, s, ptPlain(), 120, 200)
	for _, msg := range ptRunCmd(ptResultOf(panes).startTokenInfo()) {
		deliver(panes, msg)
	}
	v := ptFlat(ptFullView(ptPane(t, panes, "ID token"), 200))
	for _, want := range []string{"POST /tokeninfo", "400 Bad Request", "✗ invalid_request", "Hint"} {
		if !strings.Contains(v, want) {
			t.Errorf("the ID token's pane lacks %q after /tokeninfo refused:\n%s", want, v)
		}
	}
}
