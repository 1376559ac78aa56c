package ro

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
