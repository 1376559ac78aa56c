package jwtview

import "strings"

// ExplainClaim gives a word on a claim name: registered claims of RFC 7519,
// OpenID Connect's, and those Auth0 adds. A namespaced custom claim
// ("https://example.com/roles") is named as such. It returns "" for a name
// it does not know.
func ExplainClaim(name string) string {
	if note := claimNotes[name]; note != "" {
		return note
	}
	if namespaced(name) {
		return "a custom claim, namespaced with a URL as Auth0 requires of rules and Actions"
	}
	return ""
}

// namespaced reports whether name holds "://". Most unknown names have no
// colon at all, which IndexByte sees sooner than a search for the three.
func namespaced(name string) bool {
	i := strings.IndexByte(name, ':')
	return i >= 0 && (strings.HasPrefix(name[i:], "://") || strings.Contains(name[i+1:], "://"))
}

// Notes that more than one claim name has.
const (
	profileClaimNote  = "a profile claim of OpenID Connect (scope profile or address); as stored for the user, unverified"
	metadataClaimNote = "Auth0 metadata, sent by legacy tenants or added by a rule"
)

// claimNotes is ExplainClaim's word on each claim name it knows.
var claimNotes = map[string]string{
	// RFC 7519, registered claims.
	"iss": "issuer: who made and signed the token (an Auth0 tenant's is https://TENANT/, with the slash)",
	"sub": "subject: the user (or, with gty client-credentials, the client) the token is about",
	"aud": "audience: who the token is for (a client ID for an ID token, an API identifier for an access token); a string or a list",
	"exp": "expiry: the token must not be accepted on or after this time",
	"nbf": "not before: the token must not be accepted before this time",
	"iat": "issued at: when the token was made",
	"jti": "JWT ID: a unique identifier, to detect a replayed token",
	// OpenID Connect Core.
	"azp":                   "authorized party: the client the token was issued to",
	"auth_time":             "when the user last authenticated (not when this token was made)",
	"nonce":                 "the value the client sent with the login, echoed to tie the ID token to it and stop replay",
	"at_hash":               "access token hash: left half of the hash of the access token issued with this ID token",
	"c_hash":                "code hash: left half of the hash of the authorization code issued with this ID token",
	"acr":                   "authentication context class: how strongly the user authenticated (e.g. a multi-factor policy)",
	"amr":                   "authentication methods: how the user authenticated (pwd, mfa, otp, …)",
	"sid":                   "session ID: the login session, used for logout",
	"name":                  profileClaimNote,
	"given_name":            profileClaimNote,
	"family_name":           profileClaimNote,
	"middle_name":           profileClaimNote,
	"nickname":              profileClaimNote,
	"preferred_username":    profileClaimNote,
	"profile":               profileClaimNote,
	"picture":               profileClaimNote,
	"website":               profileClaimNote,
	"gender":                profileClaimNote,
	"birthdate":             profileClaimNote,
	"zoneinfo":              profileClaimNote,
	"locale":                profileClaimNote,
	"address":               profileClaimNote,
	"email":                 "the user's e-mail address (scope email)",
	"email_verified":        "whether the e-mail address was verified",
	"phone_number":          "the user's phone number (scope phone)",
	"phone_number_verified": "whether the phone number was verified",
	"updated_at":            "when the user's profile was last changed",
	// OAuth 2.0 access tokens (RFC 9068, RFC 8693) and Auth0.
	"scope":            "the scopes granted, space separated",
	"scp":              "the scopes granted, as a list",
	"client_id":        "the client the token was issued to",
	"gty":              "Auth0 grant type: how the token was obtained (password, client-credentials, refresh_token, …)",
	"permissions":      "Auth0 RBAC: the API permissions of the user, when the API adds them to access tokens",
	"org_id":           "Auth0 Organizations: the organization the user logged in to",
	"org_name":         "Auth0 Organizations: the name of that organization",
	"cnf":              "confirmation: the key the token is bound to (proof of possession)",
	"act":              "actor: who acts on behalf of the subject (token exchange)",
	"may_act":          "who may act on behalf of the subject (token exchange)",
	"identities":       "Auth0: the user's linked identities (provider, connection, user ID)",
	"user_id":          "Auth0 user ID (provider|id); legacy ID tokens carry it beside sub",
	"app_metadata":     metadataClaimNote,
	"user_metadata":    metadataClaimNote,
	"clientID":         "Auth0 legacy: the client ID, as the old /oauth/ro profile had it",
	"global_client_id": "Auth0 legacy (/tokeninfo): the tenant's global client, whose secret signed its own tokens",
	"created_at":       "Auth0: when the user was created",
	"last_login":       "Auth0: when the user last logged in",
	"logins_count":     "Auth0: how many times the user has logged in",
	"blocked":          "Auth0: whether the user is blocked",
	"roles":            "roles, as added by a rule or Action (not a standard claim)",
	"groups":           "groups, as added by a rule or Action (not a standard claim)",
	"tid":              "tenant ID",
	"ver":              "token format version",
}

// ExplainHeader gives a word on a header parameter name (RFC 7515, RFC
// 7516), or "" for a name it does not know.
func ExplainHeader(name string) string { return headerNotes[name] }

// headerNotes is ExplainHeader's word on each header parameter it knows.
var headerNotes = map[string]string{
	"alg":      "algorithm: how the token is signed (RS256, HS256, …) or, for a JWE, how its key is encrypted; none means unsigned",
	"kid":      "key ID: which key of the issuer's JWKS signed the token",
	"typ":      "type: JWT, or at+jwt for an access token (RFC 9068)",
	"cty":      "content type: JWT when the token wraps another token",
	"x5t":      "X.509 thumbprint (SHA-1) of the signing key's certificate",
	"x5t#S256": "X.509 thumbprint (SHA-256) of the signing key's certificate",
	"x5c":      "the signing key's certificate chain; never trust a key because the token carries it",
	"x5u":      "URL of the signing key's certificate chain; never trust a key because the token names it",
	"jku":      "URL of a JWKS chosen by the token; never trust a key because the token names it",
	"jwk":      "a public key carried in the token; never trust a key because the token carries it",
	"crit":     "extensions the recipient must understand to accept the token",
	"b64":      "false when the payload is not base64url encoded (RFC 7797)",
	"enc":      "content encryption algorithm of a JWE (A256GCM, …)",
	"zip":      "compression applied before encryption",
	"epk":      "ephemeral public key of an ECDH-ES key agreement",
	"apu":      "agreement party info of an ECDH-ES key agreement",
	"apv":      "agreement party info of an ECDH-ES key agreement",
	"iv":       "parameters of AES-GCM key wrapping",
	"tag":      "parameters of AES-GCM key wrapping",
	"p2s":      "parameters of PBES2 password-based key wrapping",
	"p2c":      "parameters of PBES2 password-based key wrapping",
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
		s, _ := v.(string)
		return algNotes[s]
	case "typ":
		if s, _ := v.(string); strings.EqualFold(s, "at+jwt") || strings.EqualFold(s, "application/at+jwt") {
			return "at+jwt: an access token in the RFC 9068 profile"
		}
	case "gty":
		s, _ := v.(string)
		return grantNotes[s]
	case "amr":
		list, _ := v.([]any)
		var words []string
		for _, e := range list {
			s, _ := e.(string)
			if w := amrNotes[s]; w != "" {
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

// Notes on alg values, each shared by a family of algorithms.
const (
	algNoneNote = "none: the token is unsigned and proves nothing"
	algHMACNote = "HMAC with a shared secret (for a legacy Auth0 ID token, the client secret)"
	algRSANote  = "an RSA signature, checked with the issuer's public key (its JWKS)"
	algECNote   = "an elliptic-curve signature, checked with the issuer's public key"
)

// algNotes is ExplainValue's word on each alg it knows.
var algNotes = map[string]string{
	"none": algNoneNote, "None": algNoneNote, "NONE": algNoneNote,
	"HS256": algHMACNote, "HS384": algHMACNote, "HS512": algHMACNote,
	"RS256": algRSANote, "RS384": algRSANote, "RS512": algRSANote,
	"PS256": algRSANote, "PS384": algRSANote, "PS512": algRSANote,
	"ES256": algECNote, "ES384": algECNote, "ES512": algECNote, "EdDSA": algECNote,
}

// grantNotes is ExplainValue's word on each Auth0 grant type (gty) it knows.
var grantNotes = map[string]string{
	"password":           "password: the Resource Owner password grant (what /oauth/ro and password-realm use)",
	"client-credentials": "client-credentials: a machine-to-machine token; sub is the client, not a user",
	"refresh_token":      "refresh_token: issued in exchange for a refresh token",
	"authorization_code": "authorization_code: issued after a browser login",
	"implicit":           "implicit: issued straight to the browser (a flow Auth0 no longer recommends)",
	"mfa":                "mfa: issued after a multi-factor challenge",
}

// amrNotes names each value of amr (RFC 8176) it knows.
var amrNotes = map[string]string{
	"pwd": "pwd: a password",
	"mfa": "mfa: more than one factor",
	"otp": "otp: a one-time password",
	"sms": "sms: a code sent by text message",
	"hwk": "hwk: a hardware key",
	"swk": "swk: a software key",
	"fed": "fed: a federated login",
}
