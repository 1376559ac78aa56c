package ro

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// answer is one canned reply of a fake tenant.
type answer struct {
	status int
	body   string
	header map[string]string
}

// TestEveryErrorRowHasAHint walks every row of
// reference/auth0-legacy-semantics.md (both /oauth/ro and /oauth/token, the
// rate limiter's shapes, 404 with legacy off, 5xx) over a real loopback
// socket, and checks the code, the description and a hint that speaks to
// that row rather than a generic one.
func TestEveryErrorRowHasAHint(t *testing.T) {
	reset := time.Now().Add(42 * time.Second).Truncate(time.Second)
	resetHdr := map[string]string{"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": itoa(reset.Unix())}
	rows := []struct {
		flow    Flow
		a       answer
		code    string
		hint    string // a phrase only this row's hint has
		realm   bool
		retryAt bool
		fault   bool
	}{
		// POST /oauth/ro
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"missing username parameter"}`, nil}, "invalid_request", "username field was not sent", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"missing connection parameter"}`, nil}, "invalid_request", "connection field was not sent", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"scope parameter must be a string"}`, nil}, "invalid_request", "single string of scopes", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"specified strategy does not support requested operation"}`, nil}, "invalid_request", "social connection", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"the connection was not found"}`, nil}, "invalid_request", "case-sensitive", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_connection","error_description":"the connection was not found"}`, nil}, "invalid_connection", "case-sensitive", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"missing device parameter"}`, nil}, "invalid_request", "device name", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"missing id_token parameter"}`, nil}, "invalid_request", "ID token to exchange", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_grant","error_description":"invalid id_token"}`, nil}, "invalid_grant", "delegation was refused", false, false, false},
		{FlowRO, answer{401, `{"error":"invalid_user_password","error_description":"Wrong email or password."}`, nil}, "invalid_user_password", "does not exist", false, false, false},
		{FlowRO, answer{401, `{"error":"invalid_user_password","error_description":"Wrong phone number or verification code."}`, nil}, "invalid_user_password", "ask the tenant to send a new code", false, false, false},
		{FlowRO, answer{401, `{"error":"invalid_user_password","error_description":"Wrong email or verification code."}`, nil}, "invalid_user_password", "ask the tenant to send a new code", false, false, false},
		{FlowRealm, answer{403, `{"error":"invalid_grant","error_description":"Wrong phone number or verification code."}`, nil}, "invalid_grant", "ask the tenant to send a new code", false, false, false},
		{FlowRealm, answer{403, `{"error":"unauthorized_client","error_description":"Grant type 'http://auth0.com/oauth/grant-type/passwordless/otp' not allowed for the client."}`, nil}, "unauthorized_client", "Passwordless OTP", false, false, false},
		{FlowRO, answer{401, `{"error":"unauthorized","error_description":"user is blocked"}`, nil}, "unauthorized", "administrator has blocked", false, false, false},
		{FlowRO, answer{401, `{"error":"unauthorized","error_description":"Only staff may log in"}`, nil}, "unauthorized", "the rule's own message", false, false, false},
		{FlowRO, answer{401, `{"error":"password_leaked","error_description":"This login has been blocked because your password has been leaked in another website."}`, nil}, "password_leaked", "breached password", false, false, false},
		{FlowRO, answer{401, `{"error":"requires_verification","error_description":"Suspicious request requires verification"}`, nil}, "requires_verification", "suspicious", false, false, false},
		{FlowRO, answer{401, `{"error":"a0.mfa_required","error_description":"missing mfa_code parameter"}`, nil}, "a0.mfa_required", "code the authenticator shows now", false, false, false},
		{FlowRO, answer{401, `{"error":"a0.mfa_invalid_code","error_description":"Wrong or expired code."}`, nil}, "a0.mfa_invalid_code", "fresh code", false, false, false},
		{FlowRO, answer{401, `{"error":"a0.mfa_registration_required","error_description":"User is not enrolled with Google Authenticator","mfa_settings":{}}`, nil}, "a0.mfa_registration_required", "authenticator app", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"mfa_code not allowed"}`, nil}, "invalid_request", "send again without one", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"Provider google-authenticator not supported"}`, nil}, "invalid_request", "one-time-code authenticator", false, false, false},
		{FlowRO, answer{429, `{"error":"too_many_attempts","error_description":"Your account has been blocked after multiple consecutive login attempts."}`, resetHdr}, "too_many_attempts", "10 failed logins", false, true, false},
		{FlowRO, answer{429, `{"error":"too_many_logins","error_description":"too many logins"}`, resetHdr}, "too_many_logins", "too many times", false, true, false},
		{FlowRO, answer{403, `{"error":"unauthorized_client","error_description":"invalid client"}`, nil}, "unauthorized_client", "No application with this client ID", false, false, false},
		{FlowRO, answer{403, `{"error":"unauthorized_client","error_description":"Grant type 'http://auth0.com/oauth/legacy/grant-type/ro' not allowed for the client."}`, nil}, "unauthorized_client", "Legacy: RO", true, false, false},
		{FlowRO, answer{403, `{"error":"access_denied","error_description":"not allowed"}`, nil}, "access_denied", "refused access", false, false, false},
		{FlowRO, answer{404, `{"error":"endpoint_disabled","error_description":"This endpoint is disabled for your tenant."}`, nil}, "endpoint_disabled", "realm flow", true, false, false},
		{FlowRO, answer{404, `Not Found`, nil}, "", "turned off", true, false, false},
		{FlowRO, answer{404, `Not Found`, map[string]string{"Content-Type": "text/plain; charset=utf-8"}}, "", "turned off", true, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"the connection was disabled"}`, nil}, "invalid_request", "turned off for this application", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"The connection is not yet configured. Please configure it first."}`, nil}, "invalid_request", "set-up is not finished", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"dotted fields are not allowed"}`, nil}, "invalid_request", "dot in its name", false, false, false},
		{FlowRO, answer{400, `{"error":"invalid_request","error_description":"OIDC conformant clients cannot use /oauth/ro"}`, nil}, "invalid_request", "OIDC Conformant", true, false, false},
		{FlowRO, answer{401, `{"error":"unauthorized","error_description":"Access denied: outside office hours"}`, nil}, "unauthorized", "the rule's own message", false, false, false},
		{FlowRO, answer{404, ``, nil}, "", "turned off", true, false, false},
		// Rate limiting, in both documented shapes.
		{FlowRO, answer{429, `{"message":"Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers."}`, resetHdr}, "", "rate limit", false, true, false},
		{FlowRO, answer{429, `{"error":"too_many_requests","error_description":"Too many requests"}`, resetHdr}, "too_many_requests", "rate limit", false, true, false},
		{FlowRO, answer{429, `{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"}`, map[string]string{"Retry-After": "30"}}, "", "rate limit", false, true, false},
		// 5xx
		{FlowRO, answer{500, `{"error":"server_error","error_description":"boom"}`, nil}, "server_error", "not caused by the fields", false, false, true},
		{FlowRO, answer{503, `upstream connect error`, nil}, "", "not caused by the fields", false, false, true},
		{FlowRO, answer{401, `{"error":"unauthorized","error_description":"missing Authorization: Bearer header; this tenant requires one on /oauth/ro"}`, nil}, "unauthorized", "as the bearer", false, false, false},
		// POST /oauth/token
		{FlowRealm, answer{400, `{"error":"invalid_request","error_description":"Missing required parameter: username"}`, nil}, "invalid_request", "username field was not sent", false, false, false},
		{FlowRealm, answer{403, `{"error":"invalid_grant","error_description":"Wrong email or password."}`, nil}, "invalid_grant", "does not exist", false, false, false},
		{FlowRealm, answer{403, `{"error":"invalid_grant","error_description":"user is blocked"}`, nil}, "invalid_grant", "administrator has blocked", false, false, false},
		{FlowRealm, answer{403, `{"error":"mfa_required","error_description":"Multi-factor authentication required","mfa_token":"Fe26.2*abc"}`, nil}, "mfa_required", "does not implement", false, false, false},
		{FlowRealm, answer{429, `{"error":"too_many_attempts","error_description":"Your account has been blocked after multiple consecutive login attempts."}`, resetHdr}, "too_many_attempts", "10 failed logins", false, true, false},
		{FlowRealm, answer{403, `{"error":"unauthorized_client","error_description":"Grant type 'http://auth0.com/oauth/grant-type/password-realm' not allowed for the client."}`, nil}, "unauthorized_client", "Grant Types, Password", false, false, false},
		{FlowRealm, answer{401, `{"error":"access_denied","error_description":"Unauthorized"}`, nil}, "access_denied", "client secret", false, false, false},
		{FlowRealm, answer{401, `{"error":"invalid_client","error_description":"Client authentication failed"}`, nil}, "invalid_client", "No application with this client ID", false, false, false},
		{FlowRealm, answer{403, `{"error":"access_denied","error_description":"Service not enabled within domain"}`, nil}, "access_denied", "refused access", false, false, false},
		{FlowRealm, answer{404, `{"error":"endpoint_disabled","error_description":"disabled"}`, nil}, "endpoint_disabled", "no such endpoint", false, false, false},
		{FlowRealm, answer{501, `{"error":"unsupported_grant_type","error_description":"Unsupported grant type: password-realm"}`, nil}, "unsupported_grant_type", "does not support this grant type", false, false, false},
		{FlowRealm, answer{500, `{"error":"server_error","error_description":"Authorization server not configured with default connection."}`, nil}, "server_error", "Default Directory", false, false, true},
	}
	var cur atomic.Pointer[answer]
	srv := loopback(t, func(w http.ResponseWriter, r *http.Request) {
		a := cur.Load()
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(a.status)
		_, _ = w.Write([]byte(a.body))
	})
	c := NewClient(ClientOptions{})
	for _, row := range rows {
		cur.Store(&row.a)
		r := reqFor(srv).AsFlow(row.flow)
		ex, err := c.Login(context.Background(), r)
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Errorf("%d %s: got %v, want an *APIError", row.a.status, row.a.body, err)
			continue
		}
		name := itoa(int64(row.a.status)) + " " + row.a.body
		if ae.Status != row.a.status || ae.Code != row.code {
			t.Errorf("%s: status %d code %q, want %q", name, ae.Status, ae.Code, row.code)
		}
		if strings.HasPrefix(row.a.body, "{") && ae.Description == "" {
			t.Errorf("%s: the description was lost", name)
		}
		if !strings.Contains(strings.ToLower(ae.Hint), strings.ToLower(row.hint)) {
			t.Errorf("%s: hint %q does not say %q", name, ae.Hint, row.hint)
		}
		if ae.SuggestRealm != row.realm {
			t.Errorf("%s: SuggestRealm %v", name, ae.SuggestRealm)
		}
		if row.retryAt {
			if ae.RetryAt.IsZero() {
				t.Errorf("%s: no RetryAt", name)
			} else if row.a.header["X-RateLimit-Reset"] != "" && !ae.RetryAt.Equal(reset) {
				t.Errorf("%s: RetryAt %v, want %v", name, ae.RetryAt, reset)
			} else if row.code == "too_many_attempts" {
				// Brute-force protection lasts until the user is unblocked:
				// the rate-limit window's reset is no time to try again.
				if strings.Contains(ae.Hint, ae.RetryAt.UTC().Format("15:04:05")) || !strings.Contains(ae.Hint, "until the user is unblocked") {
					t.Errorf("%s: the hint should not offer a time to retry: %q", name, ae.Hint)
				}
			} else if !strings.Contains(ae.Hint, ae.RetryAt.UTC().Format("15:04:05")) {
				t.Errorf("%s: the hint does not say when to retry: %q", name, ae.Hint)
			}
		}
		if ae.ServerFault() != row.fault {
			t.Errorf("%s: ServerFault %v", name, ae.ServerFault())
		}
		if row.code == "mfa_required" && ae.MFAToken != "Fe26.2*abc" {
			t.Errorf("mfa_token not kept: %q", ae.MFAToken)
		}
		if ex.Body == nil && row.a.body != "" {
			t.Errorf("%s: the raw body is not on the Exchange", name)
		}
		assertNoSecrets(t, err, r)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestEveryHintRowIsReached walks the hint table: for every row, and every
// status, code and description it lists, an answer made of them gets that
// row's hint, so no row hides behind an earlier one. The phrases are what a
// person must read for each row, written here apart from the table.
func TestEveryHintRowIsReached(t *testing.T) {
	phrases := map[string]string{
		"userinfo 401":                       "access token was refused",
		"userinfo invalid_token":             "access token was refused",
		"userinfo 403":                       "openid scope",
		"discovery 404":                      "publishes no OIDC discovery document",
		"redirect":                           "never follows a redirect",
		"too_many_attempts":                  "10 failed logins",
		"too_many_logins":                    "too many times",
		"rate limit":                         "rate limit",
		"invalid_user_password":              "does not exist",
		"delegation token from /oauth/token": "goes back to /oauth/token",
		"refresh grant token from /oauth/ro": "only the legacy /delegation takes",
		"delegation invalid_grant":           "was revoked, has expired, or was never issued",
		"refresh grant invalid_grant":        "was revoked, has expired, or was never issued",
		"delegation 404":                     "legacy grants are off",
		"delegation rate limit":              "10 calls a minute",
		"refresh grant not allowed":          "Legacy: Delegation",
		"revoke refused":                     "refused to revoke",
		"tokeninfo refused":                  "refused the ID token",
		"tokeninfo 404":                      "no /tokeninfo",
		"wrong one-time code":                "ask the tenant to send a new code",
		"passwordless grant not allowed":     "Passwordless OTP",
		"passwordless bad.phone_number":      "E.164",
		"passwordless bad.email":             "whole address",
		"passwordless bad.connection":        "use sms or email",
		"sms_provider_error":                 "SMS provider",
		"passwordless refused":               "refused to send a code",
		"invalid_grant wrong password":       "does not exist",
		"user is blocked":                    "administrator has blocked",
		"password_leaked":                    "breached password",
		"requires_verification":              "suspicious",
		"a0.mfa_required":                    "send again with the code",
		"a0.mfa_invalid_code":                "fresh code",
		"a0.mfa_registration_required":       "authenticator app",
		"mfa_required":                       "MFA API (POST /mfa/challenge",
		"mfa_code not allowed":               "send again without one",
		"mfa provider not supported":         "one-time-code authenticator",
		"bearer wanted":                      "as the bearer",
		"rule refused":                       "the rule's own message",
		"connection disabled":                "turned off for this application",
		"connection not configured":          "set-up is not finished",
		"dotted fields":                      "dot in its name",
		"oidc conformant":                    "OIDC Conformant",
		"ro grant not allowed":               "Legacy: RO",
		"password grant not allowed":         "Grant Types, Password",
		"unknown client":                     "No application with this client ID",
		"client secret wanted":               "client secret",
		"access_denied":                      "refused access",
		"unsupported_grant_type":             "does not support this grant type",
		"no default directory":               "Default Directory",
		"missing parameter":                  "field was not sent",
		"request too large":                  "too large",
		"scope not a string":                 "single string of scopes",
		"strategy cannot log in":             "social connection",
		"invalid_connection":                 "case-sensitive",
		"connection not found":               "case-sensitive",
		"ro invalid_grant":                   "delegation was refused",
		"invalid_grant":                      "refused the grant",
		"invalid_scope":                      "remove the scopes",
		"ro endpoint_disabled":               "realm flow",
		"ro 404":                             "turned off",
		"endpoint_disabled":                  "no such endpoint",
		"404":                                "no such endpoint",
		"405":                                "does not take a POST",
		"server fault":                       "not caused by the fields",
		"400":                                "malformed",
		"401":                                "did not accept the credentials",
		"403":                                "refused this login for this application",
	}
	seen := map[string]bool{}
	for i := range hintRows {
		row := &hintRows[i]
		if seen[row.name] {
			t.Errorf("two rows are named %q", row.name)
		}
		seen[row.name] = true
		phrase, ok := phrases[row.name]
		if !ok {
			t.Errorf("row %q: no phrase in this test says what its hint must tell", row.name)
			continue
		}
		for _, in := range hintRowAnswers(row) {
			name := fmt.Sprintf("row %q (%s %d %q %q)", row.name, in.flow, in.e.Status, in.e.Code, in.e.Description)
			if got := matchHint(in.flow, &in.e); got != row {
				t.Errorf("%s: taken by the row before it, %q", name, rowName(got))
			}
			if h := hint(in.flow, &in.e); !strings.Contains(strings.ToLower(h), strings.ToLower(phrase)) {
				t.Errorf("%s: hint %q does not say %q", name, h, phrase)
			}
		}
	}
	for name := range phrases {
		if !seen[name] {
			t.Errorf("the table has no row %q", name)
		}
	}
}

// hintAnswer is an error answer to one flow.
type hintAnswer struct {
	flow Flow
	e    APIError
}

// hintRowAnswers makes the answers row covers: each of its flows, codes and
// descriptions, at both ends of its statuses. What the row leaves open
// takes a value no earlier row looks at alone: the realm flow, status 400,
// no code and no description.
func hintRowAnswers(row *hintRow) []hintAnswer {
	flows := orZero(row.flows, FlowRealm)
	codes := orZero(row.codes, "")
	descs := orZero(row.desc, "")
	if row.missing {
		descs = []string{"missing username parameter", "Missing required parameter: realm"}
	}
	sts := []int{http.StatusBadRequest}
	if row.status != (statuses{}) {
		sts = []int{row.status.lo, min(row.status.hi, 599)}
	}
	var out []hintAnswer
	for _, f := range flows {
		for _, s := range sts {
			for _, c := range codes {
				for _, d := range descs {
					out = append(out, hintAnswer{f, APIError{Status: s, Code: c, Description: d}})
				}
			}
		}
	}
	return out
}

func orZero[T any](list []T, zero T) []T {
	if len(list) == 0 {
		return []T{zero}
	}
	return list
}

func rowName(r *hintRow) string {
	if r == nil {
		return "(none)"
	}
	return r.name
}

// TestMissingFieldHints checks each field that has its own words, in both
// of Auth0's phrasings.
func TestMissingFieldHints(t *testing.T) {
	for field, phrase := range map[string]string{"device": "device name", "id_token": "ID token to exchange"} {
		if missingFieldHints[field] == "" {
			t.Errorf("no hint of its own for a missing %s", field)
		}
		for _, desc := range []string{"missing " + field + " parameter", "Missing required parameter: " + field} {
			e := &APIError{Status: http.StatusBadRequest, Code: "invalid_request", Description: desc}
			if h := hint(FlowRO, e); !strings.Contains(h, phrase) {
				t.Errorf("%q: hint %q does not say %q", desc, h, phrase)
			}
		}
	}
	if len(missingFieldHints) != 2 {
		t.Errorf("missingFieldHints has %d rows; this test checks 2", len(missingFieldHints))
	}
}

// TestHintsAreSurfaceNeutral: a hint is shown by every surface (the TUI's
// Summary, `rotui login` and `refresh`, --json, the report), so it says
// what to do, never which flag, key, form field or command does it there:
// each surface adds its own "try:" from Fix, Clear and TryFlow. Every row,
// for every answer it covers, and every missing field's own words.
func TestHintsAreSurfaceNeutral(t *testing.T) {
	tools := []struct{ what, pattern string }{
		{"a flag", `--[a-z]`},
		{"a form field", `(?i)\b(mfa code|bearer|device|id_token) field\b`},
		{"a field to fill or clear", `(?i)\b(fill in|clear) the\b`},
		{"a command", `\brotui (login|refresh|code|decode|diff|revoke|demo-server)\b`},
		{"a key", `(?i)\bpress\b|\bctrl\+|\bkey [a-z]\b|\([a-z]\)`},
		{"a QR code only the TUI draws", `(?i)QR code`},
	}
	var res []*regexp.Regexp
	for _, tool := range tools {
		res = append(res, regexp.MustCompile(tool.pattern))
	}
	check := func(name, h string) {
		for i, re := range res {
			if m := re.FindString(h); m != "" {
				t.Errorf("%s names %s (%q): %q", name, tools[i].what, m, h)
			}
		}
	}
	for i := range hintRows {
		row := &hintRows[i]
		for _, in := range hintRowAnswers(row) {
			check(fmt.Sprintf("row %q (%s)", row.name, in.flow), hint(in.flow, &in.e))
		}
	}
	for field, h := range missingFieldHints {
		check("the missing "+field+" hint", h)
	}
	// A row that covers every flow speaks of no one endpoint as the one used.
	for _, flow := range []Flow{FlowRO, FlowRealm, FlowPassword} {
		e := &APIError{Status: http.StatusUnauthorized, Code: "requires_verification", Description: "Suspicious request requires verification"}
		if h := hint(flow, e); strings.Contains(h, "legacy endpoint") || strings.Contains(h, "/oauth/ro") {
			t.Errorf("requires_verification on the %s flow: %q", flow, h)
		}
	}
}
