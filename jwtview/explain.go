package jwtview

import "strings"

// The notes are switch statements rather than maps so that importing the
// package costs nothing at start-up.

// ExplainClaim gives a word on a claim name: registered claims of RFC 7519,
// OpenID Connect's, and those Auth0 adds. A namespaced custom claim
// ("https://example.com/roles") is named as such. It returns "" for a name
// it does not know.
func ExplainClaim(name string) string {
	switch name {
	// RFC 7519, registered claims.
	case "iss":
		return "issuer: who made and signed the token (an Auth0 tenant's is https://TENANT/, with the slash)"
	case "sub":
		return "subject: the user (or, with gty client-credentials, the client) the token is about"
	case "aud":
		return "audience: who the token is for (a client ID for an ID token, an API identifier for an access token); a string or a list"
	case "exp":
		return "expiry: the token must not be accepted on or after this time"
	case "nbf":
		return "not before: the token must not be accepted before this time"
	case "iat":
		return "issued at: when the token was made"
	case "jti":
		return "JWT ID: a unique identifier, to detect a replayed token"
	// OpenID Connect Core.
	case "azp":
		return "authorized party: the client the token was issued to"
	case "auth_time":
		return "when the user last authenticated (not when this token was made)"
	case "nonce":
		return "the value the client sent with the login, echoed to tie the ID token to it and stop replay"
	case "at_hash":
		return "access token hash: left half of the hash of the access token issued with this ID token"
	case "c_hash":
		return "code hash: left half of the hash of the authorization code issued with this ID token"
	case "acr":
		return "authentication context class: how strongly the user authenticated (e.g. a multi-factor policy)"
	case "amr":
		return "authentication methods: how the user authenticated (pwd, mfa, otp, …)"
	case "sid":
		return "session ID: the login session, used for logout"
	case "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
		"profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "address":
		return "a profile claim of OpenID Connect (scope profile or address); as stored for the user, unverified"
	case "email":
		return "the user's e-mail address (scope email)"
	case "email_verified":
		return "whether the e-mail address was verified"
	case "phone_number":
		return "the user's phone number (scope phone)"
	case "phone_number_verified":
		return "whether the phone number was verified"
	case "updated_at":
		return "when the user's profile was last changed"
	// OAuth 2.0 access tokens (RFC 9068, RFC 8693) and Auth0.
	case "scope":
		return "the scopes granted, space separated"
	case "scp":
		return "the scopes granted, as a list"
	case "client_id":
		return "the client the token was issued to"
	case "gty":
		return "Auth0 grant type: how the token was obtained (password, client-credentials, refresh_token, …)"
	case "permissions":
		return "Auth0 RBAC: the API permissions of the user, when the API adds them to access tokens"
	case "org_id":
		return "Auth0 Organizations: the organization the user logged in to"
	case "org_name":
		return "Auth0 Organizations: the name of that organization"
	case "cnf":
		return "confirmation: the key the token is bound to (proof of possession)"
	case "act":
		return "actor: who acts on behalf of the subject (token exchange)"
	case "may_act":
		return "who may act on behalf of the subject (token exchange)"
	case "identities":
		return "Auth0: the user's linked identities (provider, connection, user ID)"
	case "user_id":
		return "Auth0 user ID (provider|id); legacy ID tokens carry it beside sub"
	case "app_metadata", "user_metadata":
		return "Auth0 metadata, sent by legacy tenants or added by a rule"
	case "clientID":
		return "Auth0 legacy: the client ID, as the old /oauth/ro profile had it"
	case "created_at":
		return "Auth0: when the user was created"
	case "last_login":
		return "Auth0: when the user last logged in"
	case "logins_count":
		return "Auth0: how many times the user has logged in"
	case "blocked":
		return "Auth0: whether the user is blocked"
	case "roles":
		return "roles, as added by a rule or Action (not a standard claim)"
	case "groups":
		return "groups, as added by a rule or Action (not a standard claim)"
	case "tid":
		return "tenant ID"
	case "ver":
		return "token format version"
	}
	if strings.Contains(name, "://") {
		return "a custom claim, namespaced with a URL as Auth0 requires of rules and Actions"
	}
	return ""
}

// ExplainHeader gives a word on a header parameter name (RFC 7515, RFC
// 7516), or "" for a name it does not know.
func ExplainHeader(name string) string {
	switch name {
	case "alg":
		return "algorithm: how the token is signed (RS256, HS256, …) or, for a JWE, how its key is encrypted; none means unsigned"
	case "kid":
		return "key ID: which key of the issuer's JWKS signed the token"
	case "typ":
		return "type: JWT, or at+jwt for an access token (RFC 9068)"
	case "cty":
		return "content type: JWT when the token wraps another token"
	case "x5t":
		return "X.509 thumbprint (SHA-1) of the signing key's certificate"
	case "x5t#S256":
		return "X.509 thumbprint (SHA-256) of the signing key's certificate"
	case "x5c":
		return "the signing key's certificate chain; never trust a key because the token carries it"
	case "x5u":
		return "URL of the signing key's certificate chain; never trust a key because the token names it"
	case "jku":
		return "URL of a JWKS chosen by the token; never trust a key because the token names it"
	case "jwk":
		return "a public key carried in the token; never trust a key because the token carries it"
	case "crit":
		return "extensions the recipient must understand to accept the token"
	case "b64":
		return "false when the payload is not base64url encoded (RFC 7797)"
	case "enc":
		return "content encryption algorithm of a JWE (A256GCM, …)"
	case "zip":
		return "compression applied before encryption"
	case "epk":
		return "ephemeral public key of an ECDH-ES key agreement"
	case "apu", "apv":
		return "agreement party info of an ECDH-ES key agreement"
	case "iv", "tag":
		return "parameters of AES-GCM key wrapping"
	case "p2s", "p2c":
		return "parameters of PBES2 password-based key wrapping"
	}
	return ""
}

// ExplainValue gives a word on a value where the value itself means
// something a person may not know ("gty": "password", "alg": "none"), or ""
// when there is nothing to add. It is used for header parameters and claims
// alike. Like every note it is fixed text: it never repeats what the token
// sent.
func ExplainValue(name string, v any) string {
	switch name {
	case "alg":
		// Only known values are named: a note never repeats token text.
		switch s, _ := v.(string); s {
		case "none", "None", "NONE":
			return "none: the token is unsigned and proves nothing"
		case "HS256", "HS384", "HS512":
			return "HMAC with a shared secret (for a legacy Auth0 ID token, the client secret)"
		case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512":
			return "an RSA signature, checked with the issuer's public key (its JWKS)"
		case "ES256", "ES384", "ES512", "EdDSA":
			return "an elliptic-curve signature, checked with the issuer's public key"
		}
	case "typ":
		if s, _ := v.(string); strings.EqualFold(s, "at+jwt") || strings.EqualFold(s, "application/at+jwt") {
			return "at+jwt: an access token in the RFC 9068 profile"
		}
	case "gty":
		switch s, _ := v.(string); s {
		case "password":
			return "password: the Resource Owner password grant (what /oauth/ro and password-realm use)"
		case "client-credentials":
			return "client-credentials: a machine-to-machine token; sub is the client, not a user"
		case "refresh_token":
			return "refresh_token: issued in exchange for a refresh token"
		case "authorization_code":
			return "authorization_code: issued after a browser login"
		case "implicit":
			return "implicit: issued straight to the browser (a flow Auth0 no longer recommends)"
		case "mfa":
			return "mfa: issued after a multi-factor challenge"
		}
	case "amr":
		list, _ := v.([]any)
		var words []string
		for _, e := range list {
			if w := amrWord(e); w != "" {
				words = append(words, w)
			}
		}
		return strings.Join(words, "; ")
	case "email_verified", "phone_number_verified":
		if b, ok := v.(bool); ok && !b {
			return "not verified: do not trust it to identify the user"
		}
	}
	return ""
}

// amrWord names one value of amr (RFC 8176).
func amrWord(v any) string {
	switch s, _ := v.(string); s {
	case "pwd":
		return "pwd: a password"
	case "mfa":
		return "mfa: more than one factor"
	case "otp":
		return "otp: a one-time password"
	case "sms":
		return "sms: a code sent by text message"
	case "hwk":
		return "hwk: a hardware key"
	case "swk":
		return "swk: a software key"
	case "fed":
		return "fed: a federated login"
	}
	return ""
}
