package rotest

import (
	"fmt"
	"io"
)

// Describe writes the demo clients, users, passwords and secret, for
// humans, in lines of at most 80 columns.
func Describe(w io.Writer) {
	fmt.Fprintf(w, `Demo tenant: behaves like an Auth0 tenant with the legacy /oauth/ro endpoint.

Clients
  %-20s ID tokens RS256 (verify with the JWKS)
  %-20s ID tokens HS256, signed with the client secret
  %-20s   %s
  %-20s no legacy grant: /oauth/ro answers 403
  %-20s unauthorized_client; /oauth/token accepts it

Connection
  %s

Users, all with the password %s
  %-20s logs in; profile: name, nickname, picture, email_verified
  %-20s blocked: 401 unauthorized "user is blocked"
  %-20s MFA: 401 a0.mfa_required; send mfa_code %s to pass
  %-20s a wrong password: 401 invalid_user_password; %d in a row
  %-20s for one user: 429, locked until the demo restarts

Scope decides what comes back: an id_token only with "openid"; profile claims
with "profile" or "email"; a refresh_token only with "offline_access" and a
device (any string, e.g. %s).
`,
		ClientID, ClientIDHS256, "", HS256Secret, ClientIDNoRO, "",
		Connection, Password,
		UserAlice, UserBlocked, UserMFA, MFACode, "any user", MaxFailedLogins, "",
		DemoDevice)
}
