package rotest

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestConcurrentCalls hammers every endpoint from many goroutines; run
// with -race it proves the tenant's state is guarded.
func TestConcurrentCalls(t *testing.T) {
	var log logBuffer
	s := start(t, Options{Log: &log})
	c := s.Client()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 6; i++ {
				login := postJSONWith(c, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"scope": "openid offline_access", "device": DemoDevice}))
				if login.status != 200 {
					errs <- fmt.Errorf("login: %d %s", login.status, login.raw)
					return
				}
				// Failures for users of their own, so no lock is hit.
				wrong := postJSONWith(c, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"username": fmt.Sprintf("user%d@example.com", g), "password": "x"}))
				if wrong.status != 401 {
					errs <- fmt.Errorf("wrong password: %d", wrong.status)
					return
				}
				req, _ := http.NewRequest(http.MethodGet, s.URL+"/userinfo", nil)
				req.Header.Set("Authorization", "Bearer "+login.str("access_token"))
				resp, err := c.Do(req)
				if err != nil {
					errs <- err
					return
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs <- fmt.Errorf("userinfo: %d", resp.StatusCode)
					return
				}
				delegated := postJSONWith(c, s.URL+"/delegation", map[string]any{"client_id": ClientID, "grant_type": grantJWTBearer, "refresh_token": login.str("refresh_token")})
				if delegated.status != 200 {
					errs <- fmt.Errorf("delegation: %d %s", delegated.status, delegated.raw)
					return
				}
				// Passwordless users signed up on the fly, one per goroutine.
				phone := fmt.Sprintf("+4420794600%02d", g)
				postJSONWith(c, s.URL+"/passwordless/start", map[string]any{"client_id": ClientID, "connection": ConnectionSMS, "phone_number": phone, "send": "code"})
				code := postJSONWith(c, s.URL+"/oauth/ro", roFieldsFor(map[string]any{"connection": ConnectionSMS, "username": phone, "password": PasswordlessCode}))
				if info := postJSONWith(c, s.URL+"/tokeninfo", map[string]any{"id_token": code.str("id_token")}); info.status != 200 {
					errs <- fmt.Errorf("passwordless login, then tokeninfo: %d %s / %d %s", code.status, code.raw, info.status, info.raw)
					return
				}
				realm := postJSONWith(c, s.URL+"/oauth/token", realmFields(map[string]any{"scope": "openid offline_access"}))
				refreshed := postJSONWith(c, s.URL+"/oauth/token", map[string]any{"grant_type": "refresh_token", "client_id": ClientID, "refresh_token": realm.str("refresh_token")})
				if refreshed.status != 200 {
					errs <- fmt.Errorf("refresh: %d %s", refreshed.status, refreshed.raw)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
