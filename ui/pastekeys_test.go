package ui

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/ro/rotest"
)

// pkDemoPEM writes the demo tenant's RS256 public key, taken from its JWKS,
// to a PEM file and returns its path.
func pkDemoPEM(t *testing.T, tenant string) string {
	t.Helper()
	resp, err := http.Get(tenant + "/.well-known/jwks.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var set struct{ Keys []struct{ N, E string } }
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil || len(set.Keys) == 0 {
		t.Fatalf("the demo's JWKS: %v", err)
	}
	n, _ := base64.RawURLEncoding.DecodeString(set.Keys[0].N)
	e, _ := base64.RawURLEncoding.DecodeString(set.Keys[0].E)
	der, err := x509.MarshalPKIXPublicKey(&rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pkSettle runs cmd as the program would, giving the model the key file
// read and the verifications it brings back, until nothing is left.
func pkSettle(m *Model, cmd tea.Cmd) {
	for _, msg := range ptRunCmd(cmd) {
		switch msg.(type) {
		case pemReadMsg, verifiedMsg:
			_, next := m.Update(msg)
			pkSettle(m, next)
		}
	}
}

// TestPasteScreenChecksWhatItIsToldToExpect pastes demo tokens with an
// issuer, an audience and a key typed in the fields under the paste area,
// as rotui decode takes them: the Summary and the token's pane show the
// issuer and audience checks and the signature verified with that key.
func TestPasteScreenChecksWhatItIsToldToExpect(t *testing.T) {
	rs := ptDemoLogin(t, rotest.ClientID)
	tenant := inspectTenant(rs)
	rsID := rs.Exchange.Tokens.IDToken
	hs := ptDemoLogin(t, rotest.ClientIDHS256)
	hsID := hs.Exchange.Tokens.IDToken
	pemFile := pkDemoPEM(t, tenant)
	jwks := tenant + "/.well-known/jwks.json"

	cases := []struct {
		name              string
		token             string
		issuer, audience  string
		jwks, pem, secret string
		want, not         []string
		pasteErr          string // the paste screen refuses, saying this
	}{
		{name: "RS256 with the demo's JWKS", token: rsID, issuer: tenant + "/", audience: rotest.ClientID, jwks: jwks,
			want: []string{"✓ signature", "✓ issuer", "✓ audience", jwks}, not: []string{"✗"}},
		{name: "RS256 with its PEM key", token: rsID, pem: pemFile,
			want: []string{"✓ signature"}, not: []string{"✗"}},
		{name: "RS256 for another audience", token: rsID, audience: "someone-else", jwks: jwks,
			want: []string{"✓ signature", "✗ audience", "someone-else"}},
		{name: "RS256 from another issuer", token: rsID, issuer: "https://other.example/", jwks: jwks,
			want: []string{"✗ issuer", "https://other.example/"}},
		{name: "HS256 with its secret", token: hsID, audience: rotest.ClientIDHS256, secret: rotest.HS256Secret,
			want: []string{"✓ signature", "✓ audience"}, not: []string{"✗", rotest.HS256Secret}},
		{name: "HS256 with a wrong secret", token: hsID, secret: "not-the-secret",
			want: []string{"✗ signature"}, not: []string{"not-the-secret"}},
		{name: "two keys", token: rsID, jwks: jwks, secret: "some-secret-value", pasteErr: "give one key to verify with"},
		{name: "a key file that is not there", token: rsID, pem: filepath.Join(t.TempDir(), "none.pem"), pasteErr: "PEM file"},
		{name: "a key file that holds no key", token: rsID, pem: "paste.go", pasteErr: "PEM file"},
		{name: "a JWKS URL that is no URL", token: rsID, jwks: "jwks.json", pasteErr: "JWKS URL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := New(Options{})
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
			press(m, "ctrl+p")
			m.Update(tea.PasteMsg{Content: c.token})
			for _, v := range []string{c.issuer, c.audience, c.jwks, c.pem, c.secret} {
				press(m, "tab")
				if v != "" {
					m.Update(tea.PasteMsg{Content: v})
				}
			}
			if c.secret != "" && strings.Contains(view(m), c.secret) {
				t.Errorf("the paste screen shows the secret:\n%s", view(m))
			}
			cmd := press(m, "enter")
			if c.pem != "" && (m.screen != pasteScreen || cmd == nil) {
				t.Errorf("the key file was read in Update, not in a command")
			}
			pkSettle(m, cmd)
			if c.pasteErr != "" {
				if m.screen != pasteScreen || !strings.Contains(view(m), c.pasteErr) {
					t.Errorf("the paste screen does not refuse with %q:\n%s", c.pasteErr, view(m))
				}
				return
			}
			if m.screen != resultScreen {
				t.Fatalf("no result:\n%s", view(m))
			}
			for _, pane := range []string{"Summary", "Token"} {
				var got string
				for _, p := range m.tabs {
					if p.Title() == pane || pane == "Token" && isPastedPane(p) {
						p.SetSize(120, 200)
						got = strings.Join(strings.Fields(ansiStrip(p.View())), " ")
					}
				}
				for _, w := range c.want {
					if !strings.Contains(got, w) {
						t.Errorf("the %s pane does not say %q:\n%s", pane, w, got)
					}
				}
				for _, n := range c.not {
					if strings.Contains(got, n) {
						t.Errorf("the %s pane says %q:\n%s", pane, n, got)
					}
				}
			}
		})
	}
}

// inspectTenant is the demo tenant's base URL a subject logged in to.
func inspectTenant(s Subject) string { return strings.TrimSuffix(s.Request.Domain, "/") }

// TestPasteSecretIsNeverDrawn: the secret typed under the paste area shows
// as dots, and in presenter mode as a mask that hides its length too.
func TestPasteSecretIsNeverDrawn(t *testing.T) {
	const secret = "rotui-demo-hs256-client-secret"
	for _, redact := range []bool{false, true} {
		m := New(Options{Redact: redact})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
		press(m, "ctrl+p", "shift+tab")
		m.Update(tea.PasteMsg{Content: secret})
		v := ansiStrip(view(m))
		if strings.Contains(v, secret) {
			t.Errorf("redact=%v: the paste screen shows the secret:\n%s", redact, v)
		}
		if !strings.Contains(v, "Typing here is hidden") {
			t.Errorf("redact=%v: the secret field does not say typing is hidden:\n%s", redact, v)
		}
		if long := strings.Repeat("•", len(secret)); strings.Contains(v, long) == redact {
			t.Errorf("redact=%v: the secret's length shows %v:\n%s", redact, !redact, v)
		}
	}
}
