package ro

import (
	"strings"
	"testing"
)

func TestBaseURL(t *testing.T) {
	ok := []struct{ in, want string }{
		{"acme.us.auth0.com", "https://acme.us.auth0.com"},
		{"  acme.us.auth0.com  ", "https://acme.us.auth0.com"},
		{"https://acme.us.auth0.com/", "https://acme.us.auth0.com"},
		{"https://ACME.us.auth0.com", "https://acme.us.auth0.com"},
		{"login.example.org", "https://login.example.org"},
		{"https://login.example.org:8443", "https://login.example.org:8443"},
		{"http://127.0.0.1:41234", "http://127.0.0.1:41234"},
		{"http://127.9.9.9:41234/", "http://127.9.9.9:41234"},
		{"http://localhost:3000", "http://localhost:3000"},
		{"http://[::1]:9000", "http://[::1]:9000"},
	}
	for _, c := range ok {
		u, err := BaseURL(c.in, false)
		if err != nil {
			t.Errorf("BaseURL(%q): %v", c.in, err)
			continue
		}
		if u.String() != c.want {
			t.Errorf("BaseURL(%q) = %q, want %q", c.in, u, c.want)
		}
	}
	bad := []struct{ in, says string }{
		{"", "enter the tenant's domain"},
		{"https://acme.us.auth0.com/oauth/ro", "has a path"},
		{"acme.us.auth0.com/api", "has a path"},
		{"https://acme.us.auth0.com/?x=1", "query"},
		{"https://acme.us.auth0.com#frag", "fragment"},
		{"http://acme.us.auth0.com", "unencrypted"},
		{"http://10.0.0.1:8080", "unencrypted"},
		{"http://127.0.0.1.evil.example", "unencrypted"},
		{"ftp://acme.us.auth0.com", "use https://"},
		{"https://user:pw@acme.us.auth0.com", "user name or password"},
		{"https://acme.us.auth0.com:99999", "port"},
		{"acme us.auth0.com", "space"},
		{"acme.us.auth0.com\n", ""}, // trimmed: fine
	}
	for _, c := range bad {
		_, err := BaseURL(c.in, false)
		if c.says == "" {
			if err != nil {
				t.Errorf("BaseURL(%q): %v", c.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("BaseURL(%q) = %v, want an error saying %q", c.in, err, c.says)
		}
	}
	// The insecure switch allows plain http anywhere, and nothing else.
	if u, err := BaseURL("http://acme.us.auth0.com", true); err != nil || u.String() != "http://acme.us.auth0.com" {
		t.Errorf("insecure http: %v, %v", u, err)
	}
	if _, err := BaseURL("http://acme.us.auth0.com/path", true); err == nil {
		t.Error("insecure must not allow a path")
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST": true, "app.localhost": false, "127.0.0.1": true, "127.255.0.3": true,
		"::1": true, "[::1]": true, "10.0.0.1": false, "localhost.example.com": false, "128.0.0.1": false, "": false,
	} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}
