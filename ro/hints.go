package ro

import (
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// hint returns the plain-language explanation of an error answer: what
// usually causes it and what to change. It follows
// reference/auth0-legacy-semantics.md row by row, through hintRows.
func hint(flow Flow, e *APIError) string {
	if r := matchHint(flow, e); r != nil {
		return r.hint(e)
	}
	return fallbackHint(e)
}

// explain sets e's Hint and what a surface offers to try next (Fix, Clear,
// TryFlow), from the row of the hint table that covers it.
func explain(flow Flow, e *APIError) {
	r := matchHint(flow, e)
	if r == nil {
		e.Hint = fallbackHint(e)
		return
	}
	e.Hint, e.Fix, e.Clear = r.hint(e), r.fixOf(e), r.clear
	if r.tryFlow != "" {
		e.TryFlow = r.tryFlow
	}
}

func fallbackHint(e *APIError) string {
	return "The server said no with " + statusWords(e.Status) + "; the description and body above are all it said."
}

// matchHint returns the first row of hintRows that covers e, or nil.
func matchHint(flow Flow, e *APIError) *hintRow {
	code, desc := strings.ToLower(e.Code), strings.ToLower(e.Description)
	for i := range hintRows {
		if r := &hintRows[i]; r.matches(flow, e, code, desc) {
			return r
		}
	}
	return nil
}

// hintRow is one row of the hint table: which error answers it covers and
// what to tell the person about them. Every condition that is set must
// hold; one left empty holds for any answer.
type hintRow struct {
	name    string   // what the row is about, unique: tests name rows by it
	flows   []Flow   // the flows it is for
	status  statuses // the HTTP statuses it is for
	codes   []string // the error codes it is for (lower case), any one of them
	desc    []string // words of the description (lower case), any one of them
	missing bool     // the description says a parameter was not sent (missingParam)
	text    string   // the hint
	// say writes the hint instead of text when it names something from
	// the answer (a redirect's target, when to retry, a field).
	say func(e *APIError) string
	// fix is the request field (a Field* name) the hint asks to give, or
	// with clear to take away; tryFlow the flow to send through instead.
	// A surface words them as its own tool (a flag, a form field, a key),
	// which the hint, shown by every surface, never names.
	fix     string
	clear   bool
	tryFlow Flow
}

// statuses is an inclusive range of HTTP statuses; the zero value is any.
type statuses struct{ lo, hi int }

// statusIs is the range of the one status s.
func statusIs(s int) statuses { return statuses{s, s} }

func (s statuses) has(status int) bool {
	return s == statuses{} || s.lo <= status && status <= s.hi
}

func (r *hintRow) matches(flow Flow, e *APIError, code, desc string) bool {
	return (len(r.flows) == 0 || slices.Contains(r.flows, flow)) &&
		r.status.has(e.Status) &&
		(len(r.codes) == 0 || slices.Contains(r.codes, code)) &&
		(len(r.desc) == 0 || slices.ContainsFunc(r.desc, func(w string) bool { return strings.Contains(desc, w) })) &&
		(!r.missing || missingParam().MatchString(e.Description))
}

// fixOf is the request field the hint of r asks to change for e, or "":
// the row's own, or the missing parameter's when it is a field of the form.
func (r *hintRow) fixOf(e *APIError) string {
	if r.fix != "" || !r.missing {
		return r.fix
	}
	field := missingParam().FindStringSubmatch(e.Description)[1]
	if _, ok := requestFields[field]; ok {
		return field
	}
	return ""
}

func (r *hintRow) hint(e *APIError) string {
	if r.say != nil {
		return r.say(e)
	}
	return r.text
}

// Hints that more than one row gives.
const (
	hintUserInfoRefused = "The access token was refused: it has expired, or it is not from this tenant. Log in again for a fresh one, and call /userinfo on the domain that issued it."
	hintWrongPassword   = "The username or password is wrong. Auth0 answers the same for a user that does not exist, so check both, and that the user belongs to this connection. After 10 failures in a row the user is locked out (too_many_attempts)."
	hintNoConnection    = "No connection of that name is enabled for this application. Check its spelling (names are case-sensitive, e.g. Username-Password-Authentication) and that it is enabled under the application's Connections."
	hintLegacyOff       = "This tenant has /oauth/ro turned off: tenants made after June 2017 never had it, and others may have switched legacy grants off (or the domain is not an Auth0 tenant). Try the realm flow (POST /oauth/token, password-realm) with the same fields."
	hintNoEndpoint      = "The server has no such endpoint here. Check the domain: it must be the tenant's (acme.us.auth0.com) or its custom domain, without a path."
	hintGrantEnable     = "Enable it in the Auth0 dashboard: Applications, the application, Advanced Settings, Grant Types, Password."
	hintOIDCConformant  = "This application has OIDC Conformant on (Applications, the application, Advanced Settings, OAuth), which closes /oauth/ro, /delegation, /tokeninfo and /oauth/access_token to it. Turn it off to use the legacy endpoints, or use the realm flow (POST /oauth/token) with this application, and refresh there with the refresh_token grant."
)

// hintRows is the hint table. The first row that covers an answer gives its
// hint, so a narrower row comes before a wider one (access_denied with 401
// before any access_denied; a code before the bare status).
var hintRows = []hintRow{
	{name: "userinfo 401", flows: []Flow{flowUserInfo}, status: statusIs(http.StatusUnauthorized), text: hintUserInfoRefused},
	{name: "userinfo invalid_token", flows: []Flow{flowUserInfo}, codes: []string{"invalid_token"}, text: hintUserInfoRefused},
	{name: "userinfo 403", flows: []Flow{flowUserInfo}, status: statusIs(http.StatusForbidden),
		text: "The access token is not allowed to read the profile; ask for the openid scope when logging in."},
	{name: "discovery 404", flows: []Flow{flowDiscovery}, status: statusIs(http.StatusNotFound),
		text: "This server publishes no OIDC discovery document, so the password flow cannot find its token endpoint. Check the domain, or use the realm flow (Auth0's /oauth/token)."},

	// Using a refresh token: POST /delegation (one from /oauth/ro), or a
	// token endpoint's refresh_token grant (one from /oauth/token). Only an
	// answer that says the token came from the other flow offers it
	// (TryFlow); Auth0's "Unknown or invalid refresh token." is also what a
	// revoked or expired one gets, and offering the other flow then sends
	// the person back and forth between the two.
	{name: "delegation token from /oauth/token", flows: []Flow{flowDelegation}, codes: []string{"invalid_grant", "invalid_refresh_token"}, desc: []string{"issued by /oauth/token"},
		text:    "/delegation refused the refresh token because it came from /oauth/token (the realm or password flow), whose refresh tokens /delegation does not take: it goes back to /oauth/token with its refresh_token grant.",
		tryFlow: FlowRealm},
	{name: "refresh grant token from /oauth/ro", flows: []Flow{flowRefreshGrant}, codes: []string{"invalid_grant", "invalid_refresh_token"}, desc: []string{"issued by /oauth/ro"},
		text:    "The token endpoint refused the refresh token because it came from /oauth/ro, whose refresh tokens only the legacy /delegation takes: it goes there.",
		tryFlow: FlowRO},
	{name: "delegation invalid_grant", flows: []Flow{flowDelegation}, codes: []string{"invalid_grant", "invalid_refresh_token"},
		text: "/delegation does not know this refresh token: it was revoked, has expired, or was never issued to this application. Log in again for a new one. (Auth0 answers the same for a token from /oauth/token, the realm or password flow, which only /oauth/token takes.)"},
	{name: "refresh grant invalid_grant", flows: []Flow{flowRefreshGrant}, codes: []string{"invalid_grant", "invalid_refresh_token"},
		text: "The token endpoint does not know this refresh token: it was revoked, has expired, or was never issued to this application. Log in again for a new one. (Auth0 answers the same for a token from /oauth/ro, which only the legacy /delegation takes.)"},
	{name: "delegation 404", flows: []Flow{flowDelegation}, status: statusIs(http.StatusNotFound), codes: []string{"", "endpoint_disabled"},
		text: "This tenant has no /delegation: legacy grants are off (tenants made after June 2017 never had them), so a refresh token from /oauth/ro cannot be used here: log in again through the realm flow (POST /oauth/token), whose refresh tokens work with the refresh_token grant."},
	{name: "delegation rate limit", flows: []Flow{flowDelegation}, status: statusIs(http.StatusTooManyRequests), say: func(e *APIError) string {
		return "/delegation allows 10 calls a minute for each IP address and user; wait before refreshing again." + retryText(e.RetryAt)
	}},
	{name: "refresh grant not allowed", flows: []Flow{flowDelegation, flowRefreshGrant}, codes: []string{"unauthorized_client"}, desc: []string{"grant type"},
		text: "This application does not allow this way of refreshing. Enable it in the Auth0 dashboard: Applications, the application, Advanced Settings, Grant Types (Legacy: Delegation for /delegation, Refresh Token for /oauth/token)."},
	{name: "revoke refused", flows: []Flow{flowRevoke}, status: statuses{401, 403},
		text: "The tenant refused to revoke the token: the client ID is not the application the token was issued to, or the application is confidential and revoking needs its client secret, which rotui does not send. An administrator can revoke it in the dashboard (User Management, Users, the user, Authorized Applications)."},
	{name: "tokeninfo refused", flows: []Flow{flowTokenInfo}, status: statuses{400, 403}, codes: []string{"invalid_token", "unauthorized", ""},
		text: "/tokeninfo refused the ID token: it has expired (refresh it, or log in again, for a fresh one), its signature does not check out, or it was issued by another tenant."},
	{name: "tokeninfo 404", flows: []Flow{flowTokenInfo}, status: statusIs(http.StatusNotFound),
		text: "This tenant has no /tokeninfo: it is a legacy endpoint, off on tenants made after June 2017 and where legacy grants are off. Call /userinfo with the access token instead."},

	// POST /passwordless/start (its own error codes: bad.*, sms_provider_error).
	{name: "passwordless bad.phone_number", flows: []Flow{flowPasswordless}, codes: []string{"bad.phone_number"},
		text: "The tenant refused the phone number: type it in E.164 form, a + and the country code, then digits only (e.g. +15555550100)."},
	{name: "passwordless bad.email", flows: []Flow{flowPasswordless}, codes: []string{"bad.email"},
		text: "The tenant refused the e-mail address: check it, and type the whole address (e.g. alice@example.com)."},
	{name: "passwordless bad.connection", flows: []Flow{flowPasswordless}, codes: []string{"bad.connection", "invalid_connection"},
		text: "No passwordless connection of that name is enabled for this application: use sms or email, and turn it on in the dashboard (Authentication, Passwordless) and under the application's Connections."},
	{name: "sms_provider_error", flows: []Flow{flowPasswordless}, codes: []string{"sms_provider_error"},
		text: "The tenant's SMS provider (Twilio, or a custom gateway) could not send the code; its message is the description. Check the phone number, then the provider's settings (Authentication, Passwordless, SMS)."},
	{name: "passwordless refused", flows: []Flow{flowPasswordless},
		codes: []string{"bad.request", "bad.authparams", "bad.client_id", "bad.tenant", "bad.send"},
		text:  "The tenant refused to send a code; the description says which part of the request it did not take. Check the client ID, the connection (sms or email) and the phone number or e-mail."},
	{name: "redirect", status: statuses{300, 399}, say: func(e *APIError) string {
		where := "another address"
		if e.Location != "" {
			where = e.Location
		}
		return "The server redirected to " + where + ". rotui never follows a redirect with credentials: check the domain (https rather than http, the tenant's own host or its custom domain) and type the final address."
	}},

	// Rate limits and brute-force protection.
	{name: "too_many_attempts", codes: []string{"too_many_attempts"},
		text: "Brute-force protection has locked this user after 10 failed logins in a row; Auth0 emailed the user how to unblock. An administrator can unblock the user in the dashboard (User Management, Users, the user). Waiting does not help: the lock lasts until the user is unblocked, whatever the rate-limit headers say."},
	{name: "too_many_logins", codes: []string{"too_many_logins"}, say: func(e *APIError) string {
		return "This user logged in too many times in a short while; wait before trying again." + retryText(e.RetryAt)
	}},
	{name: "rate limit", status: statusIs(http.StatusTooManyRequests), say: func(e *APIError) string {
		return "The tenant's rate limit for this endpoint was reached (see the X-RateLimit-* headers); wait until it resets before sending again." + retryText(e.RetryAt)
	}},

	// Credentials.
	// Passwordless: "Wrong phone number or verification code." (also from /oauth/token's otp grant).
	{name: "wrong one-time code", desc: []string{"verification code"},
		text: "The one-time code is wrong or has expired, or it was sent to another phone number or e-mail than the username: ask the tenant to send a new code, and log in with it soon, with the same phone number or e-mail."},
	{name: "invalid_user_password", codes: []string{"invalid_user_password"}, text: hintWrongPassword},
	// /oauth/token says invalid_grant for a wrong password.
	{name: "invalid_grant wrong password", codes: []string{"invalid_grant"},
		desc: []string{"wrong email or password", "wrong username or password"}, text: hintWrongPassword},
	{name: "user is blocked", desc: []string{"user is blocked"},
		text: "An administrator has blocked this user. Unblock it in the Auth0 dashboard (User Management, Users, the user), or log in as another user."},
	{name: "password_leaked", codes: []string{"password_leaked"},
		text: "Auth0's breached password detection found this password in a leak from another site and blocked the login; the user was emailed how to unblock. Change the password, or an administrator can unblock the user."},
	{name: "requires_verification", codes: []string{"requires_verification"},
		text: "Auth0 found the request suspicious (bot or anomaly detection) and wants it verified (a CAPTCHA), which a login by password cannot answer. Try again later or from another network, or log in through Universal Login once."},
	{name: "a0.mfa_required", codes: []string{"a0.mfa_required"},
		text: "This user has multi-factor authentication on: /oauth/ro wants the one-time code from the user's authenticator in the same call (sent as mfa_code). Send again with the code the authenticator shows now."},
	{name: "a0.mfa_invalid_code", codes: []string{"a0.mfa_invalid_code"},
		text: "The MFA code is wrong or has expired (a code lasts about 30 seconds); send again with a fresh code from the authenticator."},
	{name: "a0.mfa_registration_required", codes: []string{"a0.mfa_registration_required"},
		text: "MFA is required but this user has not enrolled an authenticator yet. Add the key (or the otpauth:// URI) shown to an authenticator app such as Google Authenticator, then send again with the code it shows."},
	{name: "mfa_required", codes: []string{"mfa_required"},
		text: "This user has multi-factor authentication on. /oauth/token answers the OIDC way, with an mfa_token to go on with Auth0's MFA API (POST /mfa/challenge, then /oauth/token with the mfa-otp grant), which rotui does not implement. To test an MFA login here, use the ro flow, which sends the code as mfa_code in the login."},
	{name: "mfa_code not allowed", desc: []string{"mfa_code not allowed"},
		text: "This user has no MFA, so the tenant refuses an mfa_code: send again without one.",
		fix:  FieldMFACode, clear: true},
	// "Provider google-authenticator not supported": the MFA provider set up cannot take mfa_code.
	{name: "mfa provider not supported", flows: []Flow{FlowRO}, codes: []string{"invalid_request"}, desc: []string{"provider"},
		text: "The user's MFA provider (the description names it) cannot be used with /oauth/ro's mfa_code, which takes one-time codes only: enrol the user with a one-time-code authenticator (Google Authenticator, Guardian's code), or log in through Universal Login."},
	{name: "bearer wanted", desc: []string{"authorization: bearer", "bearer header"},
		text: "This tenant wants an Authorization: Bearer header on the call: send again with the token it expects as the bearer.",
		fix:  FieldBearer},
	// Auth0's own unauthorized says "user is blocked" (the row above); any
	// other description is the message a rule wrote when it refused.
	{name: "rule refused", codes: []string{"unauthorized"}, status: statusIs(http.StatusUnauthorized),
		text: "A rule or action on the tenant refused this login, and the description is the rule's own message, not Auth0's: do what it asks, or find that message in the tenant's rules and actions (Auth Pipeline) to see why it refused."},

	// The client (application).
	{name: "oidc conformant", desc: []string{"oidc conformant"}, text: hintOIDCConformant},
	{name: "ro grant not allowed", flows: []Flow{FlowRO}, codes: []string{"unauthorized_client"}, desc: []string{"grant type"},
		text: "This application does not allow the legacy Resource Owner grant. Enable it in the dashboard: Applications, the application, Advanced Settings, Grant Types, Legacy: RO (tenants made after June 2017 cannot). Otherwise use the realm flow, which needs the Password grant."},
	{name: "passwordless grant not allowed", codes: []string{"unauthorized_client"}, desc: []string{"passwordless"},
		text: "This application does not allow passwordless logins. Enable it in the Auth0 dashboard: Applications, the application, Advanced Settings, Grant Types, Passwordless OTP."},
	{name: "password grant not allowed", codes: []string{"unauthorized_client"}, desc: []string{"grant type"},
		text: "This application does not allow the password grant. " + hintGrantEnable},
	{name: "unknown client", codes: []string{"unauthorized_client", "invalid_client"},
		text: "No application with this client ID was found on this tenant, or it needs a client secret. Check the client ID, and that the domain is the tenant the application lives in."},
	{name: "client secret wanted", codes: []string{"access_denied"}, status: statusIs(http.StatusUnauthorized),
		text: "The tenant wants a client secret for this application (a confidential client), and rotui does not send one. Use a native or single-page application, or a public client, for password logins."},
	{name: "access_denied", codes: []string{"access_denied"},
		text: "The tenant refused access: a rule or action, or the application is not enabled for this connection or API. Read the description, then check the tenant's rules and actions, and that the application is enabled under the connection's Applications (and the API's, when an audience is asked)."},
	{name: "unsupported_grant_type", codes: []string{"unsupported_grant_type"},
		text: "The server does not support this grant type. " + hintGrantEnable + " Or pick another flow."},
	{name: "no default directory", desc: []string{"default connection", "default directory"},
		text: "The password flow logs in against the tenant's default directory, which is not set. Set it in the tenant settings (API Authorization Settings, Default Directory), or use the realm flow with a connection."},

	// The request's fields.
	{name: "missing parameter", codes: []string{"invalid_request"}, missing: true, say: func(e *APIError) string {
		field := missingParam().FindStringSubmatch(e.Description)[1]
		if h, ok := missingFieldHints[field]; ok {
			return h
		}
		return "The server says the " + field + " field was not sent; give it a value."
	}},
	{name: "request too large", status: statusIs(http.StatusRequestEntityTooLarge),
		text: "The server found the request too large; a field holds far more than a login needs (a pasted file?)."},
	{name: "scope not a string", desc: []string{"scope parameter must be a string"},
		text: "The scope must be a single string of scopes separated by spaces, e.g. \"openid profile email\"."},
	{name: "strategy cannot log in", desc: []string{"does not support requested operation"},
		text: "This connection cannot log in with a username and password (a social connection, say). Use a database, passwordless, AD/LDAP or enterprise connection."},
	{name: "connection disabled", desc: []string{"connection was disabled", "connection is disabled"},
		text: "The connection exists but is turned off for this application: enable it in the dashboard (Applications, the application, Connections), or pick another connection."},
	{name: "connection not configured", desc: []string{"not yet configured"},
		text: "The connection exists but its set-up is not finished (an enterprise or AD/LDAP connection without its settings, a passwordless one without its SMS or e-mail provider): finish it in the dashboard (Authentication, the connection), or pick another connection."},
	{name: "dotted fields", desc: []string{"dotted fields"},
		text: "The request carried a field with a dot in its name (such as user.name), which Auth0 refuses. rotui sends only the endpoint's own fields, so look at whatever built or changed the request on the way (a proxy, a pasted command) and send only those."},
	{name: "invalid_connection", codes: []string{"invalid_connection"}, text: hintNoConnection},
	// Some tenants say invalid_request, and only the description names the connection.
	{name: "connection not found", desc: []string{"connection was not found", "connection does not exist", "connection is not enabled"},
		text: hintNoConnection},
	{name: "ro invalid_grant", flows: []Flow{FlowRO}, codes: []string{"invalid_grant"},
		text: "The ID token sent for delegation was refused: it has expired, belongs to another client, or is not from this tenant. Log in again for a fresh one."},
	{name: "invalid_grant", codes: []string{"invalid_grant"},
		text: "The server refused the grant; the description says why (often wrong credentials or a blocked user)."},
	{name: "invalid_scope", codes: []string{"invalid_scope"},
		text: "The scope asks for something this application or API does not allow; remove the scopes the description names."},

	// Where the request went. A tenant with legacy grants off answers
	// /oauth/ro with a bare 404 "Not Found", seldom endpoint_disabled.
	{name: "ro endpoint_disabled", flows: []Flow{FlowRO}, codes: []string{"endpoint_disabled"}, text: hintLegacyOff},
	{name: "ro 404", flows: []Flow{FlowRO}, status: statusIs(http.StatusNotFound), text: hintLegacyOff},
	{name: "endpoint_disabled", codes: []string{"endpoint_disabled"}, text: hintNoEndpoint},
	{name: "404", status: statusIs(http.StatusNotFound), text: hintNoEndpoint},
	{name: "405", status: statusIs(http.StatusMethodNotAllowed),
		text: "The server does not take a POST here, so the domain is probably not an Auth0 tenant or OAuth server; check it."},

	// The server itself.
	{name: "server fault", status: statuses{500, math.MaxInt}, say: func(e *APIError) string {
		proxy := ""
		if e.Body != "" && looksHTML(e.Body) {
			proxy = " The body is an HTML page, so it probably came from a proxy or load balancer in front of the tenant, not from Auth0."
		}
		return "The server failed with " + statusWords(e.Status) + "; this is not caused by the fields you sent. Try again in a moment; if it lasts, check status.auth0.com or the tenant's logs." + proxy
	}},

	// By status when the body said nothing useful.
	{name: "400", status: statusIs(http.StatusBadRequest),
		text: "The server found the request malformed; the description (or the body) names the field to fix."},
	{name: "401", status: statusIs(http.StatusUnauthorized),
		text: "The server did not accept the credentials; check the username, password and client ID."},
	{name: "403", status: statusIs(http.StatusForbidden),
		text: "The server refused this login for this application; check that the application allows the grant and the connection."},
}

// missingParam matches Auth0's "missing username parameter" and its kin.
// /oauth/token says "Missing required parameter: username".
// Compiled on first use: only a refusal needs it, and rotui decode starts faster.
var missingParam = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)missing (?:required parameter:? )?([a-z_]+)(?: parameter)?`)
})

// missingFieldHints are the hints for a missing parameter that needs more
// than "fill it in", by the parameter's name as the server wrote it.
var missingFieldHints = map[string]string{
	"device":   "The server wants a device name with this grant (any name for the device that keeps the refresh token); give one.",
	"id_token": "The jwt-bearer grant needs the ID token to exchange; give it.",
}

func statusWords(status int) string {
	if t := http.StatusText(status); t != "" {
		return fmt.Sprintf("HTTP %d (%s)", status, t)
	}
	return fmt.Sprintf("HTTP %d", status)
}

func retryText(at time.Time) string {
	if at.IsZero() {
		return ""
	}
	return " It may be tried again after " + at.UTC().Format("15:04:05 UTC") + "."
}

func looksHTML(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(t, "<!doctype html") || strings.HasPrefix(t, "<html") || strings.Contains(t, "<body")
}
