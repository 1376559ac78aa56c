package ui

// The form is built from bubbles/textinput rather than huh: huh v2 shows a
// field's error only from its own Validate func and only for the focused
// field, while ro.Request.Validate judges the whole request at once and its
// errors must sit beside every field they concern; huh also takes ctrl+c
// and enter for itself and pages its groups, where rotui wants ctrl+s from
// any field, tab/shift+tab, a reveal key for the secrets, and all fourteen
// fields in one list that still works at 60×16. A list of text inputs with
// two choice rows does all of that in a few hundred lines.

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// Keys of the two form fields that are not part of ro.Request.
const (
	fieldClientSecret = "client_secret"
	fieldSecretBase64 = "secret_base64"
)

// scopeWords are the scope field's suggestions.
var scopeWords = []string{"openid", "profile", "email", "offline_access"}

// flows are the choices of the flow field, in order.
var flows = []ro.Flow{ro.FlowRO, ro.FlowRealm, ro.FlowPassword}

type fieldKind int

const (
	textField fieldKind = iota
	secretField
	flowField
	toggleField
)

// unusedIn is the fields a flow does not send (ro.Request.AsFlow drops
// them too); the form keeps their values, dimmed, for the other flows.
func unusedIn(f ro.Flow) map[string]bool {
	switch f {
	case ro.FlowRealm:
		return map[string]bool{ro.FieldDevice: true, ro.FieldIDToken: true, ro.FieldMFACode: true}
	case ro.FlowPassword:
		return map[string]bool{ro.FieldConnection: true, ro.FieldDevice: true, ro.FieldIDToken: true, ro.FieldMFACode: true}
	}
	return map[string]bool{ro.FieldAudience: true}
}

// formField is one row of the form.
type formField struct {
	key   string // ro.Field* or fieldClientSecret / fieldSecretBase64
	label string // its own label: ctrl+g's letter comes from it, whatever the field reads as now
	kind  fieldKind
	hint  string // shown under the form while the field has focus
	input textinput.Model
	flow  int  // index into flows (flowField)
	on    bool // toggleField
	err   string
	// placeholder: a curl command held a placeholder for this field
	// ({yourDomain}, ********): flagged until the person types in it.
	placeholder bool

	// example is the input's own placeholder, for when a passwordless
	// connection's has been put in its place.
	example string

	// quiet: rotui set this field itself (a code emptied for a new one, a
	// demo user's row): what is wrong with it is not the person's doing,
	// and is not said until they send again or type in it.
	quiet bool
}

// Form is the login form: every input of an ro.Request plus the client
// secret used only to verify HS256 ID tokens. It keeps its values while the
// answer is on screen, so that e brings every field back as it was.
type Form struct {
	fields     []*formField
	focus      int
	reveal     bool
	redact     bool // presenter mode: the username and ID token are masked too
	insecure   bool
	showErrors bool   // a send was refused: re-validate on every edit
	goingTo    bool   // ctrl+g was pressed: the next letter picks a field
	other      string // validation messages for no visible field
	width      int
	height     int
	st         *Styles
}

// NewForm returns a form filled from prefill (empty strings give empty
// fields), with the client secret and its base64 toggle as given.
func NewForm(prefill ro.Request, clientSecret string, secretBase64 bool, st *Styles) *Form {
	f := &Form{st: st, insecure: prefill.Insecure}
	add := func(key, label string, kind fieldKind, value, placeholder, hint string) *formField {
		fld := &formField{key: key, label: label, kind: kind, hint: hint, example: placeholder}
		if kind == textField || kind == secretField {
			in := textinput.New()
			in.Prompt = ""
			in.Placeholder = placeholder
			in.CharLimit = 512 << 10 // the token cap of DESIGN.md
			// A secret too: ctrl+r draws it in clear.
			in.SetValue(termsafe.Strip(value))
			in.CursorEnd()
			if kind == secretField {
				in.EchoMode = textinput.EchoPassword
				in.EchoCharacter = '•'
			}
			fld.input = in
		}
		f.fields = append(f.fields, fld)
		return fld
	}
	add(ro.FieldDomain, "Domain", textField, prefill.Domain, "e.g. acme.us.auth0.com",
		"acme.us.auth0.com, or http://127.0.0.1:PORT on loopback.")
	add(ro.FieldClientID, "Client ID", textField, prefill.ClientID, "e.g. 5yV0sYw…",
		"The application's Client ID (Dashboard → Applications).")
	add(ro.FieldConnection, "Connection", textField, prefill.Connection, "e.g. Username-Password-Authentication",
		"Database connection; sent as realm in the realm flow.")
	add(ro.FieldUsername, "Username", textField, prefill.Username, "e.g. user@example.com",
		"The user's email or username.")
	add(ro.FieldPassword, "Password", secretField, prefill.Password, "",
		"Masked: ctrl+r reveals. Never saved or shown on panes.")
	add(ro.FieldMFACode, "MFA code", secretField, prefill.MFACode, "(when MFA asks for one)",
		"The one-time code of the user's authenticator app, sent as mfa_code (ro flow only). Masked like the password: never saved or shown on panes.")
	scope := add(ro.FieldScope, "Scope", textField, prefill.Scope, "e.g. openid profile email",
		"Space-separated; → takes the grey suggestion.")
	scope.input.ShowSuggestions = true
	// tab moves between fields, so → (at the end of the text) takes the suggestion.
	scope.input.KeyMap.AcceptSuggestion = key.NewBinding(key.WithKeys("right"))
	add(ro.FieldDevice, "Device", textField, prefill.Device, "e.g. my-laptop",
		"A device name: with offline_access, a refresh token.")
	add(ro.FieldIDToken, "ID token", textField, prefill.IDToken, "(delegation only)",
		"For the jwt-bearer grant (delegation) instead of a password: leave the username and password empty; a device is needed.")
	add(ro.FieldBearer, "Bearer", secretField, prefill.Bearer, "(none)",
		"Sent as Authorization: Bearer …; usually empty.")
	fl := add(ro.FieldFlow, "Flow", flowField, "", "",
		"←/→: ro /oauth/ro · realm /oauth/token · password OIDC")
	for i, x := range flows {
		if x == prefill.Flow {
			fl.flow = i
		}
	}
	add(ro.FieldAudience, "Audience", textField, prefill.Audience, "e.g. https://api.example.com/",
		"API identifier (realm, password): a JWT access token.")
	add(fieldClientSecret, "Client secret", secretField, clientSecret, "(optional)",
		"Only to verify HS256 ID tokens here; never sent.")
	b64 := add(fieldSecretBase64, "Base64 secret", toggleField, "", "",
		"space: the secret is base64 (clients before Dec 2016).")
	b64.on = secretBase64
	f.applyStyles()
	f.updateScopeSuggestions()
	f.relabel()
	f.focusField(0)
	return f
}

// Request is the form as an ro.Request, holding only what its flow sends
// (ro.Request.AsFlow): a field the flow has no place for keeps its value in
// the form, dimmed, for when the flow changes back. White space around every
// value but the password is dropped: it is never meant and often pasted.
func (f *Form) Request() ro.Request {
	r := f.request()
	// Delegation: an ID token without a user is /oauth/ro's jwt-bearer
	// grant, as rotui login reads it too. Without this the ID token field
	// could never be used: a password was asked for, then sent instead.
	if r.Flow == ro.FlowRO && r.IDToken != "" && r.Username == "" && r.Password == "" {
		r.GrantType = ro.GrantJWTBearer
	}
	return r.AsFlow(r.Flow)
}

func (f *Form) request() ro.Request {
	v := func(key string) string {
		fld := f.field(key)
		if fld == nil {
			return ""
		}
		if key == ro.FieldPassword {
			return fld.input.Value()
		}
		return strings.TrimSpace(fld.input.Value())
	}
	return ro.Request{
		Domain:     v(ro.FieldDomain),
		ClientID:   v(ro.FieldClientID),
		Connection: v(ro.FieldConnection),
		Username:   v(ro.FieldUsername),
		Password:   v(ro.FieldPassword),
		Scope:      strings.Join(strings.Fields(v(ro.FieldScope)), " "),
		Device:     v(ro.FieldDevice),
		IDToken:    v(ro.FieldIDToken),
		Bearer:     v(ro.FieldBearer),
		Audience:   v(ro.FieldAudience),
		MFACode:    v(ro.FieldMFACode),
		Flow:       flows[f.field(ro.FieldFlow).flow],
		Insecure:   f.insecure,
	}
}

// Fill sets every field a profile holds from r (domain, client ID,
// connection, username, scope, device, flow, audience); the password, MFA
// code, bearer, ID token and client secret stay as typed.
func (f *Form) Fill(r ro.Request) {
	for key, v := range map[string]string{
		ro.FieldDomain: r.Domain, ro.FieldClientID: r.ClientID, ro.FieldConnection: r.Connection,
		ro.FieldUsername: r.Username, ro.FieldScope: r.Scope, ro.FieldDevice: r.Device, ro.FieldAudience: r.Audience,
	} {
		fld := f.field(key)
		fld.input.SetValue(termsafe.Strip(v)) // a profile file is text anyone could have edited
		fld.input.CursorEnd()
		fld.placeholder = false
	}
	f.updateScopeSuggestions()
	f.SetFlow(r.Flow)
}

// FillFromCurl makes the form the login of a curl command (ro.ReadCurl):
// every field of the request takes the command's value, empty where it has
// none, and the flow its flow, so that ctrl+s sends what the command sent;
// the client secret, never sent, stays. The password and bearer are kept
// in their masked fields only. A field that held a placeholder in the
// command is flagged until typed in, and the first of them gets the focus.
func (f *Form) FillFromCurl(c ro.CurlImport) {
	for _, fld := range f.fields {
		fld.placeholder = false
		if fld.kind != textField && fld.kind != secretField || fld.key == fieldClientSecret {
			continue
		}
		fld.input.SetValue(termsafe.Strip(c.Request.FieldValue(fld.key)))
		fld.input.CursorEnd()
	}
	for _, key := range c.Placeholders {
		if fld := f.field(key); fld != nil {
			fld.placeholder = true
		}
	}
	f.updateScopeSuggestions()
	f.SetFlow(c.Request.Flow)
	for i, fld := range f.fields {
		if fld.placeholder {
			f.focusField(i)
			break
		}
	}
}

// Placeholders are the keys of the fields flagged as holding a placeholder
// of a curl command, in the form's order.
func (f *Form) Placeholders() []string {
	var out []string
	for _, fld := range f.fields {
		if fld.placeholder {
			out = append(out, fld.key)
		}
	}
	return out
}

// jumpLetters are the letters that ctrl+g takes to each field, in the
// order of the fields: a letter of the label, the first not taken before.
func (f *Form) jumpLetters() []rune {
	taken := map[rune]bool{}
	out := make([]rune, len(f.fields))
	for i, fld := range f.fields {
		for _, r := range strings.ToLower(fld.label) {
			if (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') && !taken[r] {
				out[i], taken[r] = r, true
				break
			}
		}
	}
	return out
}

// StartGoTo waits for a field's letter: the foot lists them.
func (f *Form) StartGoTo() { f.goingTo = true }

// GoingTo reports whether the form waits for a field's letter.
func (f *Form) GoingTo() bool { return f.goingTo }

// GoTo focuses the field whose letter is r; false when none has it. Either
// way the form stops waiting for a letter.
func (f *Form) GoTo(r rune) bool {
	f.goingTo = false
	for i, l := range f.jumpLetters() {
		if l != 0 && l == unicode.ToLower(r) {
			f.focusField(i)
			return true
		}
	}
	return false
}

// goToFoot lists the fields' letters, for the foot while ctrl+g waits.
func (f *Form) goToFoot() string {
	var parts []string
	for i, l := range f.jumpLetters() {
		if l != 0 {
			parts = append(parts, string(l)+" "+f.labelOf(f.fields[i]))
		}
	}
	return "Go to: " + strings.Join(parts, " · ") + " (esc: stay)"
}

// SetValue puts v in the text field key (the demo list fills the user and
// the password this way), its cursor at the end. rotui did it, not the
// person: until they send again or type there, the field is not marked ✗.
func (f *Form) SetValue(key, v string) {
	if fld := f.field(key); fld != nil && (fld.kind == textField || fld.kind == secretField) {
		fld.input.SetValue(termsafe.Strip(v))
		fld.input.CursorEnd()
		fld.placeholder = false
		fld.quiet = true
		f.edited()
	}
}

// FillUser makes the form log in as another user (a row of the demo
// list): the connection (when given), the username and the password, and
// a flow that sends the connection; what belonged to the user before goes
// (an MFA code typed for one user only has the next one's login refused,
// "mfa_code not allowed").
func (f *Form) FillUser(connection, username, password string) {
	if connection != "" {
		f.SetValue(ro.FieldConnection, connection)
		if unusedIn(flows[f.field(ro.FieldFlow).flow])[ro.FieldConnection] {
			f.SetFlow(ro.FlowRO)
		}
	}
	f.SetValue(ro.FieldUsername, username)
	f.SetValue(ro.FieldPassword, password)
	f.SetValue(ro.FieldMFACode, "")
}

// SetFlow chooses the flow, keeping every field as it is.
func (f *Form) SetFlow(fl ro.Flow) {
	if fl == "" {
		fl = ro.FlowRO
	}
	for i, x := range flows {
		if x == fl {
			f.field(ro.FieldFlow).flow = i
		}
	}
	f.edited()
}

// ClientSecret is the secret to verify HS256 ID tokens with, and whether it
// is base64-encoded. It never leaves this machine.
func (f *Form) ClientSecret() (string, bool) {
	return strings.TrimSpace(f.field(fieldClientSecret).input.Value()), f.field(fieldSecretBase64).on
}

// Validate checks the request as ro would and shows each problem beside its
// field; it reports whether the request may be sent. After a refusal the
// form re-validates on every edit, so an error goes away once fixed.
func (f *Form) Validate() bool {
	f.showErrors = true
	f.unquiet()
	ok := f.applyValidation(f.Request().Validate())
	if !ok {
		for i, fld := range f.fields {
			if fld.err != "" {
				f.focusField(i)
				break
			}
		}
	}
	return ok
}

// SetError shows err beside the field it concerns, when it is a
// *ro.ValidationError (Login may return one); it reports whether it was.
func (f *Form) SetError(err error) bool {
	var ve *ro.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	f.showErrors = true
	f.unquiet()
	f.applyValidation(ve)
	return true
}

// unquiet says again what is wrong with every field: a send was tried.
func (f *Form) unquiet() {
	for _, fld := range f.fields {
		fld.quiet = false
	}
}

// applyValidation spreads err over the fields; true when there was nothing to say.
func (f *Form) applyValidation(err error) bool {
	for _, fld := range f.fields {
		fld.err = ""
	}
	f.other = ""
	if err == nil {
		return true
	}
	var ve *ro.ValidationError
	if !errors.As(err, &ve) {
		f.other = err.Error()
		return false
	}
	var other []string
	for _, fe := range ve.Fields {
		if fld := f.field(fe.Field); fld != nil {
			if fld.quiet {
				continue // rotui's doing, not the person's: said at the next send
			}
			if fld.err == "" {
				fld.err = fe.Message
			}
			continue
		}
		other = append(other, fe.Message)
	}
	f.other = strings.Join(other, " ")
	return len(ve.Fields) == 0
}

// Errors is every message shown beside a field, by field key, plus "" for
// those that concern no field; for tests and the status line.
func (f *Form) Errors() map[string]string {
	m := map[string]string{}
	for _, fld := range f.fields {
		if fld.err != "" {
			m[fld.key] = fld.err
		}
	}
	if f.other != "" {
		m[""] = f.other
	}
	return m
}

// Focused is the key of the field that has the keyboard.
func (f *Form) Focused() string { return f.fields[f.focus].key }

// Revealed reports whether the secrets are shown in clear.
func (f *Form) Revealed() bool { return f.reveal }

// ToggleReveal shows or masks the password, bearer and client secret
// (and, in presenter mode, the username and ID token).
func (f *Form) ToggleReveal() {
	f.reveal = !f.reveal
	f.applyEcho()
}

// SetRedact turns presenter mode on or off: the username and the ID token
// are masked like the secrets until ctrl+r reveals them on purpose.
func (f *Form) SetRedact(on bool) {
	f.redact = on
	f.applyEcho()
}

// presenterMask stands for a masked field's value in presenter mode, the
// same whatever its length: one dot per character would show the password's
// length on the shared screen.
const presenterMask = "••••••••"

// hidesLength reports whether fld is drawn as presenterMask: a masked field
// with a value, in presenter mode, not revealed on purpose.
func (f *Form) hidesLength(fld *formField) bool {
	return f.redact && !f.reveal && fld.input.EchoMode == textinput.EchoPassword && fld.input.Value() != ""
}

func (f *Form) applyEcho() {
	for _, fld := range f.fields {
		masked := fld.kind == secretField ||
			(f.redact && (fld.key == ro.FieldUsername || fld.key == ro.FieldIDToken))
		if masked && !f.reveal {
			fld.input.EchoMode = textinput.EchoPassword
			fld.input.EchoCharacter = '•'
		} else {
			fld.input.EchoMode = textinput.EchoNormal
		}
	}
}

// SetSize gives the form its rectangle.
func (f *Form) SetSize(width, height int) {
	f.width, f.height = width, height
	w := f.inputWidth()
	for _, fld := range f.fields {
		if fld.kind == textField || fld.kind == secretField {
			fld.input.SetWidth(w)
		}
	}
}

// SetStyles redraws the form for a new background.
func (f *Form) SetStyles(st *Styles) {
	f.st = st
	f.applyStyles()
}

func (f *Form) applyStyles() {
	ts := f.st.inputStyles()
	for _, fld := range f.fields {
		if fld.kind == textField || fld.kind == secretField {
			fld.input.SetStyles(ts)
		}
	}
}

// formLabelWidth is the width of the marker and label column.
const formLabelWidth = 2 + 14 + 1

func (f *Form) inputWidth() int {
	return max(8, min(f.width-formLabelWidth-1, 56))
}

// Next moves the focus to the next field (wrapping).
func (f *Form) Next() { f.focusField((f.focus + 1) % len(f.fields)) }

// Prev moves the focus to the previous field (wrapping).
func (f *Form) Prev() { f.focusField((f.focus + len(f.fields) - 1) % len(f.fields)) }

// FocusField moves the focus to the field with key, if there is one.
func (f *Form) FocusField(key string) {
	for i, fld := range f.fields {
		if fld.key == key {
			f.focusField(i)
		}
	}
}

func (f *Form) focusField(i int) {
	if cur := f.fields[f.focus]; cur.kind == textField || cur.kind == secretField {
		cur.input.Blur()
	}
	f.focus = i
	if fld := f.fields[i]; fld.kind == textField || fld.kind == secretField {
		fld.input.Focus()
	}
}

// Update takes a key or a paste for the focused field; navigation and the
// form-wide keys (ctrl+s, ctrl+r…) are the root's, which calls Next/Prev.
func (f *Form) Update(msg tea.Msg) tea.Cmd {
	fld := f.fields[f.focus]
	switch fld.kind {
	case flowField, toggleField:
		k, ok := msg.(tea.KeyPressMsg)
		if !ok {
			return nil
		}
		switch k.String() {
		case "left", "h":
			if fld.kind == flowField {
				fld.flow = (fld.flow + len(flows) - 1) % len(flows)
			} else {
				fld.on = !fld.on
			}
		case "right", "l", "space":
			if fld.kind == flowField {
				fld.flow = (fld.flow + 1) % len(flows)
			} else {
				fld.on = !fld.on
			}
		default:
			return nil
		}
		f.edited()
		return nil
	}
	before := fld.input.Value()
	var cmd tea.Cmd
	fld.input, cmd = fld.input.Update(msg)
	if v := fld.input.Value(); v != before {
		fld.placeholder, fld.quiet = false, false
		// textinput drops C0 controls but keeps bidirectional and invisible
		// characters: a pasted value must not reorder what the form shows,
		// a secret's neither (ctrl+r draws it in clear).
		if clean := termsafe.Strip(v); clean != v {
			fld.input.SetValue(clean)
		}
		if fld.key == ro.FieldScope {
			f.updateScopeSuggestions()
		}
		f.edited()
	}
	return cmd
}

// edited re-validates after a refused send, so that fixed errors disappear,
// and relabels the fields a passwordless connection reads differently.
func (f *Form) edited() {
	f.relabel()
	if f.showErrors {
		f.applyValidation(f.Request().Validate())
	}
}

// Passwordless is the passwordless connection the form logs in with, by
// ro's rule (ro.Passwordless), when the connection is one and the flow
// sends it: the username is then where the code goes, the password the code.
func (f *Form) Passwordless() (ro.PasswordlessConnection, bool) {
	r := f.request()
	if unusedIn(r.Flow)[ro.FieldConnection] {
		return ro.PasswordlessConnection{}, false
	}
	return ro.Passwordless(r.Connection)
}

// labelOf is what fld reads as now: a passwordless connection calls the
// username the phone number or e-mail, and the password the code.
func (f *Form) labelOf(fld *formField) string {
	if pl, ok := f.Passwordless(); ok {
		switch fld.key {
		case ro.FieldUsername:
			return pl.UsernameLabel
		case ro.FieldPassword:
			return pl.PasswordLabel
		}
	}
	return fld.label
}

// hintOf is fld's hint as it reads now (see labelOf); a passwordless
// field names the key that asks the tenant for a code.
func (f *Form) hintOf(fld *formField) string {
	pl, ok := f.Passwordless()
	switch {
	case !ok:
	case fld.key == ro.FieldUsername:
		return "Where the " + pl.Name + " connection sends its one-time code (e.g. " + pl.UsernameExample + "); ctrl+t asks the tenant to send one."
	case fld.key == ro.FieldPassword:
		return "The one-time code the tenant sent, taken as the password; ctrl+t asks for one. Never saved or shown on panes."
	}
	return fld.hint
}

// relabel gives the username and password the placeholders of what they
// hold now: a phone number, an e-mail, a code, or the usual.
func (f *Form) relabel() {
	pl, ok := f.Passwordless()
	for _, key := range []string{ro.FieldUsername, ro.FieldPassword} {
		fld := f.field(key)
		if fld == nil {
			continue
		}
		fld.input.Placeholder = fld.example
		switch {
		case ok && key == ro.FieldUsername:
			fld.input.Placeholder = "e.g. " + pl.UsernameExample
		case ok && key == ro.FieldPassword:
			fld.input.Placeholder = "(ctrl+t sends one)"
		}
	}
}

// updateScopeSuggestions offers each scope word not yet typed, as a
// completion of the word being typed.
func (f *Form) updateScopeSuggestions() {
	fld := f.field(ro.FieldScope)
	v := fld.input.Value()
	prefix, partial := "", v // what is typed before the word being typed, and that word
	if i := strings.LastIndex(v, " "); i >= 0 {
		prefix, partial = v[:i+1], v[i+1:]
	}
	have := map[string]bool{}
	for _, w := range strings.Fields(prefix) {
		have[w] = true
	}
	var sugs []string
	for _, w := range scopeWords {
		if have[w] || w == partial {
			continue
		}
		sugs = append(sugs, prefix+w)
	}
	fld.input.SetSuggestions(sugs)
}

func (f *Form) field(key string) *formField {
	for _, fld := range f.fields {
		if fld.key == key {
			return fld
		}
	}
	return nil
}

// View draws the fields that fit, the focused one always among them, and
// under them the focused field's hint.
// fieldValue draws a field's value: the flows to choose from, a toggle, or
// the text input (eight dots for a hidden one in presenter mode).
func (f *Form) fieldValue(fld *formField, focused bool) string {
	st := f.st
	switch fld.kind {
	case flowField:
		var parts []string
		for j, x := range flows {
			if j == fld.flow {
				parts = append(parts, st.Accent.Bold(true).Render("["+string(x)+"]"))
			} else {
				parts = append(parts, st.Muted.Render(" "+string(x)+" "))
			}
		}
		return strings.Join(parts, " ")
	case toggleField:
		value := "[ ] no"
		if fld.on {
			value = "[x] yes"
		}
		if focused {
			value = st.Accent.Render(value)
		}
		return value
	}
	value := fld.input.View()
	if f.hidesLength(fld) {
		shown := presenterMask
		if focused {
			shown = st.Accent.Render(shown)
		}
		value = padRight(shown, lipgloss.Width(value))
	}
	return value
}

// footLines are what goes under the fields: the focused field's error in
// full (wrapped), or its hint, or what ro said about no field in particular.
func (f *Form) footLines() []string {
	st := f.st
	switch {
	case f.goingTo:
		return wrapText(f.goToFoot(), f.width, 3, st.Accent)
	case f.fields[f.focus].err != "":
		return wrapText("✗ "+f.fields[f.focus].err, f.width, 3, st.Error)
	case f.other != "":
		return wrapText("✗ "+f.other, f.width, 3, st.Error)
	}
	hint := f.hintOf(f.fields[f.focus])
	if f.fields[f.focus].placeholder {
		return wrapText("The curl command held a placeholder here, not a value: type the real one. "+hint, f.width, 2, st.Warning)
	}
	if flow := flows[f.field(ro.FieldFlow).flow]; unusedIn(flow)[f.fields[f.focus].key] {
		hint = "Not sent in the " + string(flow) + " flow. " + hint
	}
	switch fld := f.fields[f.focus]; {
	case f.hidesLength(fld):
		hint = "Presenter mode: what you type stays hidden, its length too. " + hint
	case fld.input.EchoMode == textinput.EchoPassword && !f.redact:
		hint = "Typing here is hidden; ctrl+r shows it. " + hint
	}
	return wrapText(hint, f.width, 2, st.Muted)
}

// View draws the fields with their labels, values and errors, scrolled so
// the focused one shows, and the foot under them.
func (f *Form) View() string {
	if f.width <= 0 || f.height <= 0 {
		return ""
	}
	st := f.st
	iw := f.inputWidth()
	beside := f.width-formLabelWidth-iw-2 >= 24
	var lines []string
	focusTop, focusBottom := 0, 0
	for i, fld := range f.fields {
		focused := i == f.focus
		marker := "  "
		name := f.labelOf(fld)
		label := st.Muted.Render(fmt.Sprintf("%-14s", name))
		if focused {
			marker = st.Accent.Render("▸ ")
			label = st.Title.Render(fmt.Sprintf("%-14s", name))
		}
		value := f.fieldValue(fld, focused)
		unused := unusedIn(flows[f.field(ro.FieldFlow).flow])[fld.key]
		switch {
		case fld.placeholder:
			// Without colour too, and where the note beside does not fit.
			if !focused {
				marker = st.Warning.Render("? ")
			}
			label = st.Warning.Render(fmt.Sprintf("%-14s", name))
		case unused && !focused:
			label = st.Muted.Faint(true).Render(fmt.Sprintf("%-14s", name))
		}
		row := marker + label + " " + value
		switch {
		case fld.err != "" || !beside:
		case fld.placeholder:
			row += "  " + st.Warning.Render("◂ a placeholder: fill in")
		case unused:
			row += "  " + st.Muted.Render("not sent in "+string(flows[f.field(ro.FieldFlow).flow]))
		}
		if i == f.focus {
			focusTop = len(lines)
		}
		if fld.err != "" {
			// Cut to the room left; the focused field's whole message is
			// under the form, where the hint goes.
			if beside {
				room := f.width - lipgloss.Width(row) - 2
				row = clipLine(row+"  "+st.Error.Render(clipText("✗ "+fld.err, room)), f.width)
				lines = append(lines, row)
			} else {
				lines = append(lines, clipLine(row, f.width))
				msg := st.Error.Render(clipText("✗ "+fld.err, f.width-formLabelWidth))
				lines = append(lines, clipLine(strings.Repeat(" ", formLabelWidth)+msg, f.width))
			}
		} else {
			lines = append(lines, clipLine(row, f.width))
		}
		if i == f.focus {
			focusBottom = len(lines) - 1
		}
	}
	foot := f.footLines()
	room := max(1, f.height-len(foot))
	// When the fields do not all fit, the line under them (blank
	// otherwise) says that more are above or below, and how to reach them.
	hidden := len(lines) > room
	if hidden {
		room = max(1, room-1)
	}
	offset := 0
	if focusBottom >= room {
		offset = focusBottom - room + 1
	}
	if focusTop < offset {
		offset = focusTop
	}
	end := min(len(lines), offset+room)
	shown := append([]string(nil), lines[offset:end]...)
	switch {
	case hidden:
		shown = append(shown, st.Muted.Render(clipText(moreFields(offset > 0, end < len(lines), f.focus+1, len(f.fields)), f.width)))
	case len(shown) < room:
		shown = append(shown, "") // the hint sits one line under the fields
	}
	shown = append(shown, foot...)
	return strings.Join(shown, "\n")
}

// moreFields says which way the fields off screen lie, and where the
// cursor is among them.
func moreFields(above, below bool, at, of int) string {
	where := fmt.Sprintf("field %d of %d", at, of)
	switch {
	case above && below:
		return "↑↓ more fields (shift+tab, tab) · " + where
	case above:
		return "↑ more fields above (shift+tab) · " + where
	}
	return "↓ more fields below (tab) · " + where
}

// wrapText wraps plain text to width in at most n lines (the last cut with
// an ellipsis when there is more), each styled with st.
func wrapText(s string, width, n int, st lipgloss.Style) []string {
	var out []string
	line := ""
	var words []string
	for _, w := range strings.Fields(s) {
		// A word wider than the line (a path, a URL) is broken, not cut.
		for r := []rune(w); len(r) > 0; {
			k := min(len(r), max(1, width))
			words = append(words, string(r[:k]))
			r = r[k:]
		}
	}
	for _, w := range words {
		switch {
		case line == "":
			line = w
		case lipgloss.Width(line)+1+lipgloss.Width(w) > width:
			out = append(out, line)
			line = w
		default:
			line += " " + w
		}
	}
	if line != "" {
		out = append(out, line)
	}
	if len(out) > n {
		out = append(out[:n-1], clipText(strings.Join(out[n-1:], " "), width))
	}
	for i := range out {
		out[i] = st.Render(clipText(out[i], width))
	}
	return out
}
