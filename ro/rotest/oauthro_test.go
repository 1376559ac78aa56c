package rotest

import (
	"regexp"
	"testing"
)

var (
	legacyAccessRE  = regexp.MustCompile(`^[A-Za-z0-9]{16}$`)
	legacyRefreshRE = regexp.MustCompile(`^[A-Za-z0-9]{45}$`)
)

func TestROLoginSucceedsWithOpaqueAccessToken(t *testing.T) {
	s := start(t, Options{})
	a := postJSON(t, s.URL+"/oauth/ro", roFieldsFor(nil))
	if a.status != 200 {
		t.Fatalf("status %d: %s", a.status, a.raw)
	}
	if !legacyAccessRE.MatchString(a.str("access_token")) {
		t.Errorf("access_token %q is not 16 alphanumerics", a.str("access_token"))
	}
	if a.str("token_type") != "bearer" {
		t.Errorf("token_type %q, want bearer", a.str("token_type"))
	}
	if a.str("id_token") == "" {
		t.Errorf("no id_token for scope openid: %s", a.raw)
	}
	if _, ok := a.json["refresh_token"]; ok {
		t.Errorf("refresh_token without offline_access: %s", a.raw)
	}
	if got := a.json["expires_in"]; got != float64(DefaultTokenTTL.Seconds()) {
		t.Errorf("expires_in %v, want %v", got, DefaultTokenTTL.Seconds())
	}
}
