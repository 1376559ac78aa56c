package inspect

import "testing"

func TestFieldExposure(t *testing.T) {
	cases := []struct {
		name, value string
		want        Exposure
	}{
		{"name", "Alice Liddell", ExposurePerson},
		{"nickname", "alice", ExposurePerson},
		{"given_name", "Alice", ExposurePerson},
		{"family_name", "Liddell", ExposurePerson},
		{"picture", "https://s.gravatar.com/avatar/c160", ExposurePerson},
		{"email", "alice@example.com", ExposurePerson},
		{"phone_number", "+15555550100", ExposurePerson},
		{"address", `{"country":"UK"}`, ExposurePerson},
		{"birthdate", "1852-05-04", ExposurePerson},
		{"sub", "auth0|5f7c8ec7", ExposurePerson},
		{"user_id", "auth0|5f7c8ec7", ExposurePerson},
		{"identities", `[{"user_id":"5f7c"}]`, ExposurePerson},
		{"Username", "alice", ExposurePerson},
		{"https://example.com/contact", "bob@example.com", ExposurePerson}, // by its value
		{"access_token", "Zx8kQ2vLm4Np7RtA", ExposureToken},
		{"id_token", "eyJ…", ExposureToken},
		{"refresh_token", "Hn3q", ExposureToken},
		{"mfa_token", "Fe26", ExposureToken},
		{"password", "wonderland", ExposureSecret},
		{"client_secret", "s3cr3t", ExposureSecret},
		{"mfa_code", "123456", ExposureSecret},
		{"Authorization", "Bearer x", ExposureSecret},
		{"Set-Cookie", "did=1", ExposureSecret},
		{"key", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U", ExposureSecret},                      // mfa_settings' TOTP secret
		{"qr", "otpauth://totp/demo:enroll@example.com?secret=MFRGGZDF", ExposureSecret}, // the enrolment URI holds it too
		{"barcode_uri", "OTPAUTH://totp/x?secret=ABC", ExposureSecret},
		{"token_type", "Bearer", ExposureNone},
		{"expires_in", "600", ExposureNone},
		{"iss", "https://acme.us.auth0.com/", ExposureNone},
		{"aud", "rotui-demo", ExposureNone},
		{"exp", "1796167251", ExposureNone},
		{"email_verified", "true", ExposureNone},
		{"scope", "openid profile email", ExposureNone},
	}
	for _, c := range cases {
		if got := FieldExposure(c.name, c.value); got != c.want {
			t.Errorf("FieldExposure(%q, %q) = %d, want %d", c.name, c.value, got, c.want)
		}
	}
}
