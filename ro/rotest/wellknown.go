package rotest

import "net/http"

// handleDiscovery is GET /.well-known/openid-configuration, with the
// fields Auth0's document has; issuer ends with a slash, as Auth0's does.
func (t *Tenant) handleDiscovery(w http.ResponseWriter, r *http.Request) {
	base := t.base(r)
	writeJSON(w, http.StatusOK, []claim{
		{"issuer", t.issuer(r)},
		{"authorization_endpoint", base + "/authorize"},
		{"token_endpoint", base + "/oauth/token"},
		{"userinfo_endpoint", base + "/userinfo"},
		{"jwks_uri", base + "/.well-known/jwks.json"},
		{"revocation_endpoint", base + "/oauth/revoke"},
		{"scopes_supported", []string{"openid", "profile", "offline_access", "name", "given_name", "family_name", "nickname", "email", "email_verified", "picture", "created_at", "identities", "phone", "phone_number", "address"}},
		{"response_types_supported", []string{"code", "token", "id_token", "code token", "code id_token", "token id_token", "code token id_token"}},
		{"subject_types_supported", []string{"public"}},
		{"id_token_signing_alg_values_supported", []string{"HS256", "RS256"}},
		{"token_endpoint_auth_methods_supported", []string{"client_secret_basic", "client_secret_post", "none"}},
		{"grant_types_supported", []string{grantPassword, grantPasswordRealm, grantRefreshToken, grantPasswordlessOTP}},
		{"claims_supported", []string{"aud", "auth_time", "created_at", "email", "email_verified", "exp", "family_name", "given_name", "iat", "identities", "iss", "name", "nickname", "phone_number", "phone_number_verified", "picture", "sub"}},
	})
}
