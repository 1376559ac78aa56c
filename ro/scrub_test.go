package ro

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/rotui/rotui/internal/echotest"
)

// TestServerEchoOfSecretsIsMaskedAtTheSource: a server that puts the
// password or bearer in its error (description, body, redirect target) gets
// them masked in the APIError itself, so every renderer (CLI, TUI, report)
// is safe; rotui's own hint is never masked.
func TestServerEchoOfSecretsIsMaskedAtTheSource(t *testing.T) {
	const password, bearer = "Pw-echo-9x", "Br-echo-7y"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"error":"invalid_user_password","error_description":"Wrong password %s for bearer %s"}`, password, bearer)
	}))
	defer srv.Close()
	req := Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: password, Bearer: bearer, Scope: "openid"}
	_, err := NewClient(ClientOptions{}).Login(context.Background(), req)
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want an APIError, got %v", err)
	}
	all := ae.Code + ae.Description + ae.Body + ae.Location + ae.Hint + ae.Error()
	if strings.Contains(all, password) || strings.Contains(all, bearer) {
		t.Errorf("a secret the server echoed survived: %+v", ae)
	}
	if !strings.Contains(ae.Description, "Wrong password "+Mask) {
		t.Errorf("description %q should keep the server's words with the secret masked", ae.Description)
	}

	// A password that is a word of rotui's own hint leaves the hint alone.
	req.Password = "wrong"
	_, err = NewClient(ClientOptions{}).Login(context.Background(), req)
	if !errors.As(err, &ae) || !strings.Contains(ae.Hint, "password is wrong") {
		t.Errorf("the hint was masked where the password is an everyday word: %q", ae.Hint)
	}
}

// A server that quotes the request in a page that is not JSON carries the
// password JSON-escaped (the ro and realm bodies) or form-encoded (the
// password flow): those forms are masked too.
func TestEncodedEchoOfSecretsIsMasked(t *testing.T) {
	const password = `p"w\<Sec> &+é-1`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			fmt.Fprintf(w, `{"issuer":"http://%s/","token_endpoint":"http://%s/oauth/token"}`, r.Host, r.Host)
			return
		}
		body, _ := io.ReadAll(r.Body)
		html, _ := json.Marshal(string(body)) // as a Go proxy would quote it, <>& escaped
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprintf(w, "<pre>%s</pre><pre>%s</pre>", body, html)
	}))
	defer srv.Close()
	for _, f := range []Flow{FlowRO, FlowRealm, FlowPassword} {
		req := Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: password, Flow: f}
		if f == FlowPassword {
			req.Connection = ""
		}
		_, err := NewClient(ClientOptions{}).Login(context.Background(), req)
		var ae *APIError
		if !errors.As(err, &ae) || ae.Body == "" {
			t.Fatalf("%s: want an APIError with the page, got %v", f, err)
		}
		if leaks := echotest.Leaks(ae.Body, password); leaks != nil {
			t.Errorf("%s: the password survived as %v in %q", f, leaks, ae.Body)
		}
		if !strings.Contains(ae.Body, Mask) {
			t.Errorf("%s: nothing masked in %q", f, ae.Body)
		}
	}
}

func TestMaskEchoes(t *testing.T) {
	const pw = "p w!secret"
	in := "raw " + pw + " form p+w%21secret path p%20w%21secret json p w!secret short ab"
	got := MaskEchoes(in, pw, "ab", "")
	if strings.Contains(got, "secret") || !strings.Contains(got, "short ab") {
		t.Errorf("%q", got)
	}
}

// The raw answer of a refusal is masked too (its body and every header
// value), since login --json and the TUI's Raw pane show it as it came;
// the tokens of an answer are left as they came.
func TestRawAnswerOfARefusalIsMasked(t *testing.T) {
	const password, bearer = `p w!"Sec-4`, "Br-raw-8z"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Location", "https://elsewhere.example/?pw="+url.QueryEscape(password))
		w.Header().Set("X-Echo", r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusFound)
		fmt.Fprintf(w, "<pre>%s</pre>", body)
	}))
	defer srv.Close()
	req := Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: password, Bearer: bearer}
	ex, err := NewClient(ClientOptions{}).Login(context.Background(), req)
	if err == nil || ex == nil {
		t.Fatalf("want a refusal, got %v", err)
	}
	raw := string(ex.Body) + fmt.Sprint(ex.Header)
	for _, secret := range []string{password, bearer} {
		if leaks := echotest.Leaks(raw, secret); leaks != nil {
			t.Errorf("the raw answer shows %v: %s", leaks, raw)
		}
	}
	if !strings.Contains(ex.Header.Get("Location"), "pw="+Mask) || !strings.Contains(string(ex.Body), Mask) {
		t.Errorf("not masked where expected: %s", raw)
	}

	// Tokens are never touched, even when a short secret is inside one.
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"access_token":"xxabcdxx","token_type":"Bearer"}`)
	}))
	defer ok.Close()
	req.Domain, req.Password = ok.URL, "abcd"
	ex, err = NewClient(ClientOptions{}).Login(context.Background(), req)
	if err != nil || ex.Tokens.AccessToken != "xxabcdxx" || !strings.Contains(string(ex.Body), "xxabcdxx") {
		t.Errorf("a successful answer was changed: %v %s", err, ex.Body)
	}
}
