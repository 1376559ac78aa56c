package ui

import (
	"errors"
	"net/http"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/ro"
)

// What the Summary says of a legacy session's later steps: the key that
// answers an MFA or passwordless refusal, an MFA enrolment (key, URI, QR
// code), and for a refresh where it went, why, and how its ID token
// compares with the one it replaces. ro and inspect decide all of it; these
// functions only draw.

// sessionOfferLines are the keys that answer a refusal: o for an MFA code,
// s for a new passwordless code.
func sessionOfferLines(api *ro.APIError, width int, st *Styles) []string {
	var out []string
	if api.SuggestMFACode {
		out = append(out, wrapIndent("  ", st.Accent.Render("o puts the cursor in the MFA code field; ctrl+s then sends the same login with the code."), 2, width)...)
	}
	if api.SuggestNewCode {
		out = append(out, wrapIndent("  ", st.Accent.Render("s asks the tenant for a new code; type it in the Code field, then ctrl+s."), 2, width)...)
	}
	return out
}

// enrolmentLines show what a0.mfa_registration_required hands out to enrol
// the user's authenticator: the provider, the key, the otpauth:// URI and
// the URI as a QR code, beside the text where the pane is wide enough and
// under it where not. The key and URI let anyone make the user's codes:
// presenter mode shows neither, nor the code.
func enrolmentLines(s *ro.MFASettings, redact bool, width, height int, st *Styles) []string {
	out := []string{"", st.Heading.Render("Enrol an authenticator")}
	const col = 11 // "  Provider " and the values after it
	field := func(name, value string, w int) []string {
		return wrapIndent("  "+st.Label.Render(padRight(name, col-3))+" ", value, col, w)
	}
	var text []string
	if s.Provider != "" {
		text = append(text, field("Provider", safe(s.Provider), width)...)
	}
	if redact {
		text = append(text, wrapIndent("  ", st.Muted.Render("Presenter mode: the key, the otpauth:// URI and its QR code are hidden, since they let anyone make this user's codes (ctrl+x shows them)."), 2, width)...)
		return append(out, text...)
	}
	scan := "Scan the code with an authenticator app (Google Authenticator, Authy…) or type the key into it; then o, and the code it shows."
	if s.URI == "" {
		scan = "The answer holds no otpauth:// URI to draw as a QR code: type the key into an authenticator app; then o, and the code it shows."
		if s.Key == "" {
			scan = "The answer holds neither a key nor an otpauth:// URI: enrol the user in Universal Login, or in the dashboard."
		}
	}
	var qr []string
	why := ""
	if s.URI != "" {
		qr, why = qrLines(s.URI, 2, width, height, st)
	}
	if why != "" {
		// No code to scan here: the key is the way, and why comes after.
		scan = "Type the key into an authenticator app (Google Authenticator, Authy…); then o, and the code it shows."
	}
	// Beside: the code on the left, the text in what is left, when that
	// is room enough for a sentence a line.
	qrW := 0
	if len(qr) > 0 {
		qrW = lipgloss.Width(qr[0]) + 2
	}
	beside := len(qr) > 0 && width-qrW >= 40
	tw := width
	if beside {
		tw = width - qrW
	}
	if s.Key != "" {
		text = append(text, field("Key", safe(s.Key), tw)...)
	}
	if s.URI != "" {
		text = append(text, field("URI", safe(s.URI), tw)...)
	}
	text = append(text, "")
	text = append(text, wrapIndent("  ", st.Muted.Render(scan), 2, tw)...)
	if why != "" {
		text = append(text, wrapIndent("  ", st.Warning.Render(why), 2, tw)...)
	}
	if !beside {
		return append(append(out, text...), qr...)
	}
	for i := 0; i < max(len(qr), len(text)); i++ {
		left := strings.Repeat(" ", qrW)
		if i < len(qr) {
			left = qr[i] + "  "
		}
		right := ""
		if i < len(text) {
			right = strings.TrimPrefix(text[i], "  ")
		}
		out = append(out, left+right)
	}
	return out
}

// revokedByRotui says that rotui itself revoked the refresh token, when
// and on which result: the one reason a refusal of it is sure to have.
func revokedByRotui(v *revocation) string {
	return "rotui revoked this refresh token at " + v.at.Format("15:04:05") + " (#" + itoa(v.of) + ")"
}

// revocationLines show how X went on this result's refresh token: when,
// the endpoint and the status; on a refusal the error and ro's hint, on a
// 200 what it does not tell (ro.RevokedMeans). They stay here, where a
// status line would be cut and overwritten.
func revocationLines(v *revocation, width int, st *Styles) []string {
	out := []string{"", st.Heading.Render("Refresh token revoked (X)")}
	if !v.ok() {
		out[1] = st.Heading.Render("Refresh token not revoked (X)")
	}
	call := "POST /oauth/revoke"
	if v.ex != nil && v.ex.Request.URL != "" {
		call = v.ex.Request.Method + " " + v.ex.Request.URL
	}
	status := st.Error.Render("no answer")
	if v.ex != nil && v.ex.Status != 0 {
		status = itoa(v.ex.Status) + " " + http.StatusText(v.ex.Status)
		if v.ok() {
			status = st.Success.Render(status)
		} else {
			status = st.Error.Render(status)
		}
		status += st.Muted.Render(" in " + fmtLatency(v.ex.Latency))
	}
	out = append(out, wrapIndent("  ", st.Muted.Render(v.at.Format("15:04:05")+" · ")+safe(call)+st.Muted.Render(" · ")+status, 4, width)...)
	if v.ok() {
		return append(out, wrapIndent("  ", st.Muted.Render(ro.RevokedMeans+" f with it now shows the refusal."), 2, width)...)
	}
	var api *ro.APIError
	if errors.As(v.err, &api) {
		what := api.Code
		if api.Description != "" {
			what += " (" + api.Description + ")"
		}
		if what != "" {
			out = append(out, wrapIndent("  "+st.Error.Render("✗ "), safe(what), 4, width)...)
		}
		if api.Hint != "" {
			out = append(out, wrapIndent("  ", safe(api.Hint), 2, width)...)
		}
		return out
	}
	return append(out, wrapIndent("  "+st.Error.Render("✗ "), safe(v.err.Error()), 4, width)...)
}

// refreshLines say where a refresh went and why (ro's route), after the
// Summary's first line.
func refreshLines(s Subject, route *ro.RefreshRoute, width int, st *Styles) []string {
	head := "↻ a refresh"
	if s.RefreshOf != 0 {
		head += " of " + refreshName(s.RefreshOf, s.PreviousOf)
	}
	head += " at " + route.Endpoint + " (grant " + route.Grant + ")"
	out := wrapIndent("", st.Accent.Render(safe(head)), 2, width)
	return append(out, wrapIndent("  ", st.Muted.Render(safe(route.Why)), 2, width)...)
}

// comparedLines compare a refresh's new ID token with the one it replaces
// (inspect.CompareNamed): the subject first (the same user, or not), then
// each claim that changed, came or went, with its time sentence, and what
// changed of the tokens as a whole. Only names and rotui's sentences are
// drawn, so presenter mode needs nothing hidden here.
func comparedLines(s Subject, now *inspect.Token, findings []inspect.Finding, width int, st *Styles) []string {
	if s.RefreshOf == 0 {
		return nil
	}
	// The ID token compared is the one on screen when f was pressed
	// (PreviousOf), which need not be that of the result whose refresh
	// token was used: then the heading says both.
	old := "#" + itoa(s.RefreshOf)
	heading := "Compared with the ID token of " + old
	if s.PreviousOf != 0 && s.PreviousOf != s.RefreshOf {
		old = "#" + itoa(s.PreviousOf)
		heading = "Compared with the ID token of " + old + ", on screen at f (the refresh token is #" + itoa(s.RefreshOf) + "'s)"
	}
	out := append([]string{""}, wrapIndent("", st.Heading.Render(heading), 2, width)...)
	switch {
	case s.Previous == nil:
		return append(out, wrapIndent("  ", st.Muted.Render(old+" had no ID token to compare with."), 2, width)...)
	case now == nil:
		return append(out, wrapIndent("  ", st.Muted.Render("No new ID token came back to compare."), 2, width)...)
	}
	c := inspect.CompareNamed(s.Previous, now, old, "this one")
	const col = 19 // "  ~ " and a name of 14, email_verified's
	line := func(mark, name, text string) {
		out = append(out, wrapIndent("  "+mark+" "+st.Label.Render(padRight(safe(name), col-5))+" ", text, col, width)...)
	}
	lp := paintsOf(st)
	same, removed := 0, 0
	switch same, ok := c.SameSubject(); {
	case ok && same:
		line(changeMark(inspect.Same, lp), "sub", "the same user")
	case ok:
		line(st.Error.Render("✗"), "sub", st.Error.Render("another user"))
	}
	for _, r := range c.Payload {
		switch {
		case r.Name == "sub":
			// Said above, as the same user or not.
		case r.Change == inspect.Same:
			same++
		case r.Change == inspect.Added:
			line(changeMark(r.Change, lp), r.Name, "only in this one")
		case r.Change == inspect.Removed:
			removed++
			line(changeMark(r.Change, lp), r.Name, "only in "+old)
		case r.Sentence != "":
			// "exp 10m0s later" beside exp reads "10m0s later".
			line(changeMark(r.Change, lp), r.Name, safe(strings.TrimPrefix(r.Sentence, r.Name+" ")))
		default:
			line(changeMark(r.Change, lp), r.Name, "changed")
		}
	}
	if same > 0 {
		out = append(out, wrapIndent("  ", st.Muted.Render(count(same, "other claim", "other claims")+" the same"), 2, width)...)
	}
	if removed > 0 {
		// Why the claims went, beside them: inspect's finding on the
		// claims (also under Checks), then the key that keeps them.
		for _, f := range findings {
			if f.Name == inspect.FindingClaims {
				out = append(out, wrapIndent("  ", st.Muted.Render("Why: "+safe(f.Detail)+"."), 2, width)...)
				out = append(out, wrapIndent("  ", st.Accent.Render("F refreshes with scope passthrough: /delegation then keeps "+old+"'s claims."), 2, width)...)
			}
		}
	}
	for _, f := range c.Facts {
		if f.Change != inspect.Same && f.Name != inspect.FactLength {
			out = append(out, wrapIndent("  ", st.Muted.Render(safe(f.Text)), 2, width)...)
		}
	}
	for _, l := range c.Limits {
		out = append(out, wrapIndent("  ", st.Muted.Render(safe(l)), 2, width)...)
	}
	return out
}
