package report

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rotui/rotui/internal/echotest"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// TestSecondNetCatchesEveryForm: a report made of an exchange nobody masked
// (a caller that skipped ro's masking, or a secret ro never knew) still
// holds no secret in any form a server echoes it in: each kind of secret a
// person types, quoted in every form, in the body, a header, the error and
// the scope of an answer with tokens, and in a claim.
func TestSecondNetCatchesEveryForm(t *testing.T) {
	kinds := []struct {
		kind, secret string
		set          func(ex *ro.Exchange, r *Report, secret string)
	}{
		{"password", `S3cr&t<Pw>é+1"x`, func(ex *ro.Exchange, _ *Report, s string) { ex.Request.Body = jsonBody("password", s) }},
		{"bearer", "Br-9q1-Yy/secret.token_v2", func(ex *ro.Exchange, _ *Report, s string) { ex.Request.Header.Set("Authorization", "Bearer "+s) }},
		{"client secret", "Kx7/pQ+z9Lw2=Ab4Yc", func(_ *ro.Exchange, r *Report, s string) { r.Secrets = append(r.Secrets, s) }},
		{"MFA code", "482913", func(ex *ro.Exchange, _ *Report, s string) { ex.Request.Body = jsonBody("mfa_code", s) }},
		{"ID token", jwt(`{"alg":"RS256"}`, `{"sub":"auth0|123"}`, b64("id-token-signature")), func(ex *ro.Exchange, _ *Report, s string) { ex.Request.Body = jsonBody("id_token", s) }},
	}
	for _, k := range kinds {
		for _, f := range echotest.Forms(k.secret) {
			for _, ok := range []bool{false, true} {
				ex := &ro.Exchange{
					Flow:    ro.FlowRO,
					Request: ro.SentRequest{Method: "POST", URL: "https://acme.test/oauth/ro", Header: http.Header{"Content-Type": {"application/json"}}, Body: jsonBody("username", "u")},
					Status:  502,
					Header:  http.Header{"X-Echo": {f.Text}, "Location": {"https://elsewhere.test/?e=" + f.Text}},
					Body:    []byte("<html><pre>\n" + f.Text + "\n</pre></html>"),
					Err:     &ro.APIError{Status: 502, Description: "you sent " + f.Text, Body: "quoted: " + f.Text},
				}
				if ok {
					claims := `{"sub":"u","note":` + jsonQuote(f.Text) + `}`
					ex.Status, ex.Err = 200, nil
					ex.Tokens = &ro.TokenResponse{AccessToken: "opaque-access-0123456789", IDToken: jwt(`{"alg":"RS256"}`, claims, b64("sig")), TokenType: "Bearer", Scope: "openid " + f.Text}
					ex.Body = []byte(`{"access_token":"opaque-access-0123456789","scope":` + jsonQuote("openid "+f.Text) + `,"debug":` + jsonQuote(f.Text) + `}`)
				}
				r := New(ex, now)
				k.set(ex, r, k.secret)
				r.Tokens = append(r.Tokens, Token{Label: LabelPasted, Token: jwtview.Decode(jwt(`{"alg":"HS256"}`, `{"echo":`+jsonQuote(f.Text)+`}`, b64("sig-0123456789")))})
				md := r.Markdown()
				if leaks := echotest.Leaks(md, k.secret); leaks != nil {
					t.Errorf("%s, %s, tokens=%v: the report shows %v", k.kind, f.Name, ok, leaks)
				}
			}
		}
	}
}

func jsonBody(k, v string) []byte {
	return []byte(`{"client_id":"abc",` + jsonQuote(k) + `:` + jsonQuote(v) + `}`)
}

func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s))
	b.WriteByte('"')
	return b.String()
}
