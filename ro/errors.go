package ro

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// Error reads as a sentence: status, code, description.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the server answered %d", e.Status)
	if t := http.StatusText(e.Status); t != "" {
		b.WriteString(" " + t)
	}
	if e.Code != "" {
		b.WriteString(" (" + e.Code + ")")
	}
	if e.Description != "" {
		b.WriteString(": " + e.Description)
	} else if e.Location != "" {
		b.WriteString(": a redirect to " + e.Location + ", not followed")
	}
	return b.String()
}

// ServerFault is true for 5xx answers (exit status 3, not 1). A 501
// unsupported_grant_type is a refusal of the grant, not a fault.
func (e *APIError) ServerFault() bool {
	return e.Status >= 500 && e.Code != "unsupported_grant_type"
}

// Error says what failed and what to check.
func (e *NetworkError) Error() string {
	where := e.URL
	if where == "" {
		where = "the server"
	}
	switch {
	case e.Canceled:
		return fmt.Sprintf("the call to %s was cancelled before its answer was read", where)
	case e.Timeout:
		after := ""
		if e.After > 0 {
			after = " within " + e.After.String()
		}
		return fmt.Sprintf("no answer from %s%s; check that the domain is right and reachable, or allow more time", where, after)
	case e.TooLarge:
		return fmt.Sprintf("the answer from %s is larger than 1 MiB, so rotui stopped reading it; no Auth0 endpoint answers that much, so check the domain", where)
	}
	cause := "unknown error"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	switch e.Op {
	case "read body":
		return fmt.Sprintf("the connection closed while reading the answer from %s (%s); try again, and check any proxy in between", where, cause)
	case "parse":
		return fmt.Sprintf("the answer from %s could not be read as a token response: %s", where, cause)
	case "discover":
		return fmt.Sprintf("OIDC discovery at %s failed: %s", where, cause)
	}
	return fmt.Sprintf("could not reach %s: %s", where, cause)
}

// Unwrap returns the cause.
func (e *NetworkError) Unwrap() error { return e.Err }

// networkError classifies a transport failure. parent is the caller's
// context, call the one with the Client's timeout.
func networkError(op, rawURL string, err error, parent, call context.Context, timeout time.Duration) *NetworkError {
	ne := &NetworkError{Op: op, URL: rawURL, Err: unwrapURLError(err)}
	switch {
	case parent.Err() != nil && errors.Is(parent.Err(), context.DeadlineExceeded):
		ne.Timeout = true
	case parent.Err() != nil:
		ne.Canceled = true
	case errors.Is(call.Err(), context.DeadlineExceeded):
		ne.Timeout, ne.After = true, timeout
	default:
		var nerr net.Error
		if errors.As(err, &nerr) && nerr.Timeout() {
			ne.Timeout, ne.After = true, timeout
		}
	}
	if !ne.Timeout && !ne.Canceled {
		ne.Err = explainCause(ne.Err)
	}
	return ne
}

// unwrapURLError drops net/http's *url.Error wrapper, whose text repeats
// the method and URL that NetworkError already names.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// causeError keeps the original cause for errors.Is/As while reading better.
type causeError struct {
	msg   string
	cause error
}

func (c *causeError) Error() string { return c.msg }
func (c *causeError) Unwrap() error { return c.cause }

func explainCause(err error) error {
	if err == nil {
		return nil
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return &causeError{"the connection was refused; check the domain and port, and that the server is running", err}
	case errors.Is(err, syscall.ECONNRESET):
		return &causeError{"the connection was reset by the server or a proxy; try again", err}
	case errors.As(err, &dnsErr):
		return &causeError{fmt.Sprintf("the host %s could not be found (DNS); check the spelling of the domain", dnsErr.Name), err}
	case errors.As(err, &hostErr):
		return &causeError{fmt.Sprintf("the TLS certificate is not for this host (%v); rotui never skips this check", hostErr), err}
	case errors.As(err, &unknownAuth), errors.As(err, &certErr):
		return &causeError{fmt.Sprintf("the server's TLS certificate could not be verified (%v); rotui never skips this check", err), err}
	case errors.As(err, &recordErr):
		return &causeError{"the server did not answer with TLS; if it speaks plain http on loopback, type the domain as http://host:port", err}
	case errors.Is(err, errTooManyRedirects):
		return err
	}
	return err
}

var errTooManyRedirects = errors.New("redirect not followed")

// missingParam matches Auth0's "missing username parameter" and its kin.
// /oauth/token says "Missing required parameter: username".
var missingParam = regexp.MustCompile(`(?i)missing (?:required parameter:? )?([a-z_]+)(?: parameter)?`)

// hint returns the plain-language explanation of an error answer: what
// usually causes it and what to change. It follows
// reference/auth0-legacy-semantics.md row by row.
func hint(flow Flow, e *APIError) string {
	code := strings.ToLower(e.Code)
	desc := strings.ToLower(e.Description)
	grantEnable := "Enable it in the Auth0 dashboard: Applications, the application, Advanced Settings, Grant Types, Password."
	switch {
	case flow == flowUserInfo && (e.Status == http.StatusUnauthorized || code == "invalid_token"):
		return "The access token was refused: it has expired, or it is not from this tenant. Log in again for a fresh one, and call /userinfo on the domain that issued it."
	case flow == flowUserInfo && e.Status == http.StatusForbidden:
		return "The access token is not allowed to read the profile; ask for the openid scope when logging in."
	case flow == flowDiscovery && e.Status == http.StatusNotFound:
		return "This server publishes no OIDC discovery document, so the password flow cannot find its token endpoint. Check the domain, or use the realm flow (Auth0's /oauth/token)."
	case e.Status >= 300 && e.Status < 400:
		where := "another address"
		if e.Location != "" {
			where = e.Location
		}
		return "The server redirected to " + where + ". rotui never follows a redirect with credentials: check the domain (https rather than http, the tenant's own host or its custom domain) and type the final address."

	// Rate limits and brute-force protection.
	case code == "too_many_attempts":
		return "Brute-force protection has locked this user after 10 failed logins in a row; Auth0 emailed the user how to unblock. An administrator can unblock the user in the dashboard (User Management, Users, the user). Waiting does not help: the lock lasts until the user is unblocked, whatever the rate-limit headers say."
	case code == "too_many_logins":
		return "This user logged in too many times in a short while; wait before trying again." + retryText(e.RetryAt)
	case e.Status == http.StatusTooManyRequests:
		return "The tenant's rate limit for this endpoint was reached (see the X-RateLimit-* headers); wait until it resets before sending again." + retryText(e.RetryAt)

	// Credentials.
	case code == "invalid_user_password",
		code == "invalid_grant" && strings.Contains(desc, "wrong email or password"),
		code == "invalid_grant" && strings.Contains(desc, "wrong username or password"):
		return "The username or password is wrong. Auth0 answers the same for a user that does not exist, so check both, and that the user belongs to this connection. After 10 failures in a row the user is locked out (too_many_attempts)."
	case strings.Contains(desc, "user is blocked"):
		return "An administrator has blocked this user. Unblock it in the Auth0 dashboard (User Management, Users, the user), or log in as another user."
	case code == "password_leaked":
		return "Auth0's breached password detection found this password in a leak from another site and blocked the login; the user was emailed how to unblock. Change the password, or an administrator can unblock the user."
	case code == "requires_verification":
		return "Auth0 found the request suspicious (bot or anomaly detection) and wants it verified, which the legacy endpoint cannot do. Try again later or from another network, or log in through Universal Login once."
	case code == "a0.mfa_required":
		return "This user has multi-factor authentication on: /oauth/ro wants an mfa_code, which rotui does not send. Use a user without MFA, or turn MFA off for this test."
	case code == "a0.mfa_invalid_code":
		return "The MFA code is wrong or has expired; use a fresh code from the authenticator."
	case code == "a0.mfa_registration_required":
		return "MFA is required but this user has not enrolled an authenticator; enrol through Universal Login first, then log in here."
	case code == "mfa_required":
		return "This user has multi-factor authentication on. The answer carries an mfa_token to continue with Auth0's MFA API (/mfa/challenge); rotui stops here. Use a user without MFA to test the password login."
	case strings.Contains(desc, "authorization: bearer"), strings.Contains(desc, "bearer header"):
		return "This tenant wants an Authorization: Bearer header on the call; fill in the bearer field (--bearer) with the token it expects."
	case code == "unauthorized" && e.Status == http.StatusUnauthorized:
		return "A rule or action on the tenant refused this login; its message is the description. Look for that message in the tenant's rules and actions."

	// The client (application).
	case code == "unauthorized_client" && strings.Contains(desc, "grant type"):
		switch flow {
		case FlowRO:
			return "This application does not allow the legacy Resource Owner grant. Enable it in the dashboard: Applications, the application, Advanced Settings, Grant Types, Legacy: RO (tenants made after June 2017 cannot). Otherwise use the realm flow, which needs the Password grant."
		default:
			return "This application does not allow the password grant. " + grantEnable
		}
	case code == "unauthorized_client", code == "invalid_client":
		return "No application with this client ID was found on this tenant, or it needs a client secret. Check the client ID, and that the domain is the tenant the application lives in."
	case code == "access_denied" && e.Status == http.StatusUnauthorized:
		return "The tenant wants a client secret for this application (a confidential client), and rotui does not send one. Use a native or single-page application, or a public client, for password logins."
	case code == "access_denied":
		return "The tenant refused access: a rule or action, or the application is not enabled for this connection or API. The description says which."
	case code == "unsupported_grant_type":
		return "The server does not support this grant type. " + grantEnable + " Or pick another flow."
	case strings.Contains(desc, "default connection"), strings.Contains(desc, "default directory"):
		return "The password flow logs in against the tenant's default directory, which is not set. Set it in the tenant settings (API Authorization Settings, Default Directory), or use the realm flow with a connection."

	// The request's fields.
	case code == "invalid_request" && missingParam.MatchString(e.Description):
		field := missingParam.FindStringSubmatch(e.Description)[1]
		switch field {
		case "device":
			return "The server wants a device name with this grant; fill in the device field."
		case "id_token":
			return "The jwt-bearer grant needs the ID token to exchange; paste it in the id_token field."
		}
		return "The server says the " + field + " field was not sent; fill it in."
	case e.Status == http.StatusRequestEntityTooLarge:
		return "The server found the request too large; a field holds far more than a login needs (a pasted file?)."
	case strings.Contains(desc, "scope parameter must be a string"):
		return "The scope must be a single string of scopes separated by spaces, e.g. \"openid profile email\"."
	case strings.Contains(desc, "does not support requested operation"):
		return "This connection cannot log in with a username and password (a social connection, say). Use a database, passwordless, AD/LDAP or enterprise connection."
	case code == "invalid_connection", strings.Contains(desc, "connection was not found"), strings.Contains(desc, "connection does not exist"), strings.Contains(desc, "connection is not enabled"):
		return "No connection of that name is enabled for this application. Check its spelling (names are case-sensitive, e.g. Username-Password-Authentication) and that it is enabled under the application's Connections."
	case code == "invalid_grant" && flow == FlowRO:
		return "The ID token sent for delegation was refused: it has expired, belongs to another client, or is not from this tenant. Log in again for a fresh one."
	case code == "invalid_grant":
		return "The server refused the grant; the description says why (often wrong credentials or a blocked user)."
	case code == "invalid_scope":
		return "The scope asks for something this application or API does not allow; remove the scopes the description names."

	// Where the request went.
	case code == "endpoint_disabled", e.Status == http.StatusNotFound:
		if flow == FlowRO {
			return "This tenant has /oauth/ro turned off: tenants made after June 2017 never had it, and others may have switched legacy grants off (or the domain is not an Auth0 tenant). Try the realm flow (POST /oauth/token, password-realm) with the same fields."
		}
		return "The server has no such endpoint here. Check the domain: it must be the tenant's (acme.us.auth0.com) or its custom domain, without a path."
	case e.Status == http.StatusMethodNotAllowed:
		return "The server does not take a POST here, so the domain is probably not an Auth0 tenant or OAuth server; check it."

	// The server itself.
	case e.Status >= 500:
		proxy := ""
		if e.Body != "" && looksHTML(e.Body) {
			proxy = " The body is an HTML page, so it probably came from a proxy or load balancer in front of the tenant, not from Auth0."
		}
		return "The server failed with " + statusWords(e.Status) + "; this is not caused by the fields you sent. Try again in a moment; if it lasts, check status.auth0.com or the tenant's logs." + proxy

	// By status when the body said nothing useful.
	case e.Status == http.StatusBadRequest:
		return "The server found the request malformed; the description (or the body) names the field to fix."
	case e.Status == http.StatusUnauthorized:
		return "The server did not accept the credentials; check the username, password and client ID."
	case e.Status == http.StatusForbidden:
		return "The server refused this login for this application; check that the application allows the grant and the connection."
	}
	return "The server said no with " + statusWords(e.Status) + "; the description and body above are all it said."
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
