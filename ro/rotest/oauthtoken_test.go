package rotest

// realmFields is a valid password-realm body for alice, changed by
// overrides; an override of nil removes the field.
func realmFields(overrides map[string]any) map[string]any {
	f := map[string]any{
		"grant_type": grantPasswordRealm,
		"client_id":  ClientID,
		"username":   UserAlice,
		"password":   Password,
		"realm":      Connection,
		"scope":      "openid",
	}
	for k, v := range overrides {
		if v == nil {
			delete(f, k)
		} else {
			f[k] = v
		}
	}
	return f
}
