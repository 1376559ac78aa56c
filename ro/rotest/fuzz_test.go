package rotest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

var (
	fuzzTenantOnce sync.Once
	fuzzTenant     *Tenant
)

// FuzzTenant sends any body to the POST endpoints: the tenant must never
// panic nor fail with a 500, and must always send its rate-limit headers.
func FuzzTenant(f *testing.F) {
	f.Add(uint8(0), "application/json", `{"client_id":"rotui-demo","username":"alice@example.com","password":"wonderland","connection":"Username-Password-Authentication","grant_type":"password","scope":"openid profile offline_access","device":"d"}`)
	f.Add(uint8(0), "application/x-www-form-urlencoded", "client_id=rotui-demo&username=alice%40example.com&password=wonderland&connection=Username-Password-Authentication&grant_type=password&scope=openid")
	f.Add(uint8(0), "", `{"client_id":"rotui-demo","connection":"Username-Password-Authentication","grant_type":"urn:ietf:params:oauth:grant-type:jwt-bearer","id_token":"a.b.c","device":"d"}`)
	f.Add(uint8(1), "application/json", `{"grant_type":"refresh_token","client_id":"rotui-demo","refresh_token":"v1.x"}`)
	f.Add(uint8(1), "application/json", `{"grant_type":"http://auth0.com/oauth/grant-type/password-realm","client_id":"rotui-demo","username":"alice@example.com","password":"wonderland","realm":"Username-Password-Authentication","audience":"x","scope":"openid"}`)
	f.Add(uint8(2), "application/json", `{"id_token":"eyJhbGciOiJub25lIn0.e30."}`)
	f.Add(uint8(0), "application/json", `[1,2,3]`)
	f.Add(uint8(0), "application/json", `{"scope":{"a":1},"client_id":null}`)
	f.Add(uint8(1), "text/plain", "%zz=%%")
	f.Add(uint8(4), "application/json", `{"client_id":"rotui-demo","connection":"sms","phone_number":"+15555550100","send":"code","authParams":{"scope":"openid"}}`)
	f.Add(uint8(5), "application/json", `{"client_id":"rotui-demo","grant_type":"urn:ietf:params:oauth:grant-type:jwt-bearer","refresh_token":"x","api_type":"app","scope":"passthrough"}`)
	f.Add(uint8(0), "application/json", `{"client_id":"rotui-demo","username":"mfa@example.com","password":"wonderland","connection":"Username-Password-Authentication","grant_type":"password","mfa_code":1e300}`)
	f.Add(uint8(1), "application/json", `{"grant_type":"http://auth0.com/oauth/grant-type/passwordless/otp","client_id":"rotui-demo","realm":"email","username":"a@b.c","otp":"424242"}`)
	f.Fuzz(func(t *testing.T, endpoint uint8, contentType, body string) {
		fuzzTenantOnce.Do(func() { fuzzTenant = NewHandler(Options{keys: testKeys(t)}) })
		paths := []string{"/oauth/ro", "/oauth/token", "/tokeninfo", "/oauth/revoke", "/passwordless/start", "/delegation"}
		path := paths[int(endpoint)%len(paths)]
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1"+path, strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		fuzzTenant.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusNotImplemented {
			t.Errorf("%s answered %d: %s", path, rec.Code, rec.Body.String())
		}
		if rec.Header().Get("X-RateLimit-Limit") == "" {
			t.Errorf("%s answered without rate-limit headers", path)
		}
	})
}
