package rotest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// start runs a demo tenant on a loopback port for one test.
func start(t *testing.T, opts Options) *Server {
	t.Helper()
	s, err := Start("", opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// answer is one response, read whole.
type answer struct {
	status int
	header http.Header
	raw    string
	json   map[string]any // nil when the body is not a JSON object
}

// str returns a string member of the JSON body ("" when absent).
func (a answer) str(name string) string {
	s, _ := a.json[name].(string)
	return s
}

// call sends one request with a body and extra headers (name, value, …).
func call(t *testing.T, c *http.Client, method, url, contentType, body string, headers ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s %s: %v", method, url, err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &a.json)
	return a
}

// postJSON posts fields as a JSON object.
func postJSON(t *testing.T, url string, fields map[string]any, headers ...string) answer {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return call(t, nil, http.MethodPost, url, "application/json", string(b), headers...)
}

// roFieldsFor is a valid /oauth/ro body for alice, changed by overrides;
// an override of nil removes the field.
func roFieldsFor(overrides map[string]any) map[string]any {
	f := map[string]any{
		"client_id":  ClientID,
		"username":   UserAlice,
		"password":   Password,
		"connection": Connection,
		"grant_type": "password",
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

// wantError checks Auth0's error answer: status, error, error_description.
func wantError(t *testing.T, a answer, status int, code, description string) {
	t.Helper()
	if a.status != status || a.str("error") != code || a.str("error_description") != description {
		t.Errorf("got %d %s, want %d {error: %q, error_description: %q}", a.status, a.raw, status, code, description)
	}
}
