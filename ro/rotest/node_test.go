package rotest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nodePackages are the npm packages the SDK test installs: the last
// node-auth0 with the legacy signIn (v2) and the jose JOSE library.
var nodePackages = []string{"auth0@2", "jose@6"}

// TestNodeAuth0SDK runs the real node-auth0 v2 SDK against the tenant:
// oauth.signIn (POST /oauth/ro, with and without mfa_code),
// oauth.passwordGrant (POST /oauth/token), the passwordless calls
// (/passwordless/start, then passwordless.signIn over /oauth/ro, or with
// otp over /oauth/token), getDelegationToken (POST /delegation),
// tokens.getInfo (/tokeninfo) and revokeRefreshToken must work unchanged,
// and the ID tokens must verify with jose against the JWKS, issuer and
// audience.
//
// node-auth0 v2 always calls https://{domain} (and expects the issuer
// https://{domain}/), so the tenant runs with Options.TLS and node trusts
// its self-signed certificate through NODE_EXTRA_CA_CERTS; the SDK gets
// domain "127.0.0.1:PORT".
func TestNodeAuth0SDK(t *testing.T) {
	if testing.Short() {
		t.Skip("installs npm packages; skipped with -short")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; this test needs node and npm")
	}
	prefix := installNodePackages(t)

	s := start(t, Options{TLS: true})
	certFile := filepath.Join(t.TempDir(), "tenant.pem")
	if err := os.WriteFile(certFile, s.CertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "auth0sdk.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Env = append(os.Environ(),
		"ROTUI_NODE_PREFIX="+prefix,
		"ROTUI_DOMAIN="+strings.TrimPrefix(s.URL, "https://"),
		"NODE_EXTRA_CA_CERTS="+certFile,
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\nstderr: %s", script, err, stderr.String())
	}

	type result struct {
		OK      bool
		Value   map[string]any
		Error   string
		Status  int
		Message string
	}
	t.Logf("node: %s", stdout.String())
	var results map[string]result
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		t.Fatalf("node printed %q: %v\nstderr: %s", stdout.String(), err, stderr.String())
	}
	succeeded := func(name string) map[string]any {
		t.Helper()
		r, ok := results[name]
		if !ok {
			t.Fatalf("%s: no result", name)
		}
		if !r.OK {
			t.Errorf("%s: failed with %s (%d): %s", name, r.Error, r.Status, r.Message)
		}
		return r.Value
	}
	refused := func(name string, status int, code string) {
		t.Helper()
		r := results[name]
		if r.OK || r.Status != status || r.Error != code {
			t.Errorf("%s: got ok=%v %s (%d) %s; want the SDK to reject with %s (%d)", name, r.OK, r.Error, r.Status, r.Message, code, status)
		}
	}

	v := succeeded("signIn")
	if !legacyAccessRE.MatchString(str(v["access_token"])) || v["token_type"] != "bearer" || v["has_refresh"] != false {
		t.Errorf("signIn answer %v", v)
	}
	if v["alg"] != "RS256" || v["kid"] != s.Tenant.KeyID() || v["sub"] != users[UserAlice].id || v["email"] != UserAlice || v["name"] != "Alice Liddell" {
		t.Errorf("signIn ID token as jose read it: %v", v)
	}
	if v := succeeded("signInRefresh"); !legacyRefreshRE.MatchString(str(v["refresh_token"])) {
		t.Errorf("signIn with offline_access and device: %v", v)
	}
	refused("signInWrongPassword", 401, "invalid_user_password")
	refused("signInBlocked", 401, "unauthorized")
	refused("signInNoRO", 403, "unauthorized_client")

	for _, name := range []string{"passwordRealm", "password"} {
		if v := succeeded(name); v["token_type"] != "Bearer" || v["email"] != UserAlice || v["expires_in"] != DefaultTokenTTL.Seconds() {
			t.Errorf("%s: %v", name, v)
		}
	}
	refused("passwordGrantWrongPassword", 403, "invalid_grant")

	if v := succeeded("signInHS256"); v["alg"] != "HS256" || v["sub"] != users[UserAlice].id {
		t.Errorf("signIn with the HS256 client: %v", v)
	}
	if r := results["signInHS256RawSecret"]; r.OK || !strings.Contains(r.Message, "signature") {
		t.Errorf("the SDK took an HS256 token with the wrong key (%+v): it may not verify at all", r)
	}
	if r := results["tampered"]; r.OK {
		t.Errorf("jose accepted an ID token with a changed payload: the check proves nothing")
	}
	if v := succeeded("userinfo"); v["email"] != UserAlice {
		t.Errorf("getProfile: %v", v)
	}

	if v := succeeded("signInMFA"); v["has_id_token"] != true {
		t.Errorf("signIn with mfa_code: %v", v)
	}
	refused("signInMFAMissing", 401, "a0.mfa_required")

	// Passwordless: node-auth0 v2's passwordless.signIn goes through
	// /oauth/ro (and, given otp, /oauth/token).
	if v := succeeded("requestSMSCode"); v["phone_number"] != PhoneAlice || str(v["_id"]) == "" {
		t.Errorf("requestSMSCode: %v", v)
	}
	if v := succeeded("requestEmailCode"); v["email"] != UserAlice {
		t.Errorf("requestEmailCode: %v", v)
	}
	if v := succeeded("passwordlessSMS"); v["phone_number"] != PhoneAlice || !strings.HasPrefix(str(v["sub"]), "sms|") || v["token_type"] != "bearer" {
		t.Errorf("passwordless.signIn over /oauth/ro: %v", v)
	}
	if v := succeeded("passwordlessEmail"); v["email"] != UserAlice || !strings.HasPrefix(str(v["sub"]), "email|") {
		t.Errorf("passwordless.signIn by e-mail over /oauth/ro: %v", v)
	}
	refused("passwordlessWrongCode", 401, "invalid_user_password")
	if v := succeeded("passwordlessOTP"); v["phone_number"] != PhoneAlice || v["token_type"] != "Bearer" {
		t.Errorf("passwordless.signIn with otp (/oauth/token): %v", v)
	}

	// The legacy refresh, /tokeninfo and revoke through the SDK.
	v = succeeded("delegation")
	if v["token_type"] != "Bearer" || v["expires_in"] != DefaultTokenTTL.Seconds() || v["sub"] != users[UserAlice].id || v["email"] != UserAlice {
		t.Errorf("getDelegationToken with a refresh token: %v", v)
	}
	if v["tokeninfo_email"] != UserAlice || v["global_client_id"] != GlobalClientID || v["after_revoke"] != "403 invalid_grant" {
		t.Errorf("tokens.getInfo, then revokeRefreshToken: %v", v)
	}
	if v := succeeded("delegationIDToken"); v["sub"] != users[UserAlice].id {
		t.Errorf("getDelegationToken with an ID token: %v", v)
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// installNodePackages installs nodePackages once into the user's cache
// folder (a temporary folder when there is none) and returns the folder
// holding node_modules. A finished install is marked; an unfinished one
// is done again in a fresh folder and renamed into place, so that two test
// processes never see half an install.
func installNodePackages(t *testing.T) string {
	t.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm is not installed; this test needs node and npm")
	}
	root, err := os.UserCacheDir()
	if err != nil {
		root = t.TempDir()
	}
	root = filepath.Join(root, "rotui-test")
	dir := filepath.Join(root, "node-"+strings.NewReplacer("@", "-", "/", "-").Replace(strings.Join(nodePackages, "-")))
	marker := filepath.Join(dir, "installed")
	if _, err := os.Stat(marker); err == nil {
		return dir
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(root, "installing-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	// A package.json of its own keeps npm from walking up to another project.
	if err := os.WriteFile(filepath.Join(tmp, "package.json"), []byte(`{"name":"rotui-sdk-test","private":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"install", "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error"}, nodePackages...)
	cmd := exec.CommandContext(ctx, npm, args...)
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	if err := os.WriteFile(filepath.Join(tmp, "installed"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); err == nil {
		return dir // another process finished first
	}
	os.RemoveAll(dir) // an unfinished earlier install
	if err := os.Rename(tmp, dir); err != nil {
		// Another process finished first: use its install.
		if _, statErr := os.Stat(marker); statErr != nil {
			t.Fatalf("moving the npm install into place: %v", err)
		}
	}
	return dir
}
