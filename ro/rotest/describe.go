package rotest

import (
	"fmt"
	"io"
)

// Describe writes the demo clients, users, passwords and secret, for humans.
func Describe(w io.Writer) {
	fmt.Fprintf(w, `Demo tenant (behaves like an Auth0 tenant with the legacy /oauth/ro endpoint)

Clients
  %-30s password grant allowed; ID tokens RS256 (verify with the JWKS)
  %-30s ID tokens HS256, signed with the client secret:
  %-30s   %s
  %-30s legacy grant not allowed: /oauth/ro answers 403 unauthorized_client
  %-30s (it may use /oauth/token, the migration path)

Connection
  %s

Users (password %q)
  %-30s logs in; profile: name, nickname, picture, email_verified
  %-30s 401 unauthorized "user is blocked"
  %-30s 401 a0.mfa_required; send mfa_code %s to get through
  %-30s a wrong password gives 401 invalid_user_password; after %d failures
  %-30s in a row for one user, 429 too_many_attempts until the demo restarts

Scope decides what comes back: an id_token only with "openid"; profile claims with
"profile"/"email"; a refresh_token only with "offline_access" and a device (e.g. %q).
`,
		ClientID, ClientIDHS256, "", HS256Secret, ClientIDNoRO, "",
		Connection, Password,
		UserAlice, UserBlocked, UserMFA, MFACode, "any user", MaxFailedLogins, "",
		DemoDevice)
}
