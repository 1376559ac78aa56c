package ro

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rotui/rotui/internal/echotest"
)

// echoKinds are the secrets a person types, one of each kind, each with
// characters that some encoding changes.
var echoKinds = []struct{ kind, secret string }{
	{"password", `S3cr&t<Pw>é+1"x`},
	{"bearer", "Br-9q1-Yy/secret.token_v2"},
	{"client secret", "Kx7/pQ+z9Lw2=Ab4Yc"},
	{"MFA code", "482913"},
	{"ID token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxMjMifQ.c2lnbmF0dXJlLWJ5dGVz"},
}

// TestEchoesOfEveryFormAreMasked: a secret quoted in any form a server or
// proxy uses (HTML-escaped, numeric entities, base64 at any offset, any
// letter case, split by a line break or an invisible character, escaped
// twice) is masked, for every kind of secret a person types.
func TestEchoesOfEveryFormAreMasked(t *testing.T) {
	for _, k := range echoKinds {
		for _, f := range echotest.Forms(k.secret) {
			t.Run(k.kind+"/"+f.Name, func(t *testing.T) {
				in := "before [" + f.Text + "] after"
				got := MaskEchoes(in, k.secret)
				if leaks := echotest.Leaks(got, k.secret); leaks != nil {
					t.Errorf("%q shows %v", got, leaks)
				}
				if !strings.Contains(got, Mask) || !strings.HasPrefix(got, "before [") || !strings.HasSuffix(got, "] after") {
					t.Errorf("%q: want the echo masked and the text around it kept", got)
				}
			})
		}
	}
}

// TestShortSecretsMaskOnlyWhatWasSent: a secret under 4 bytes masks
// nothing (it would blank ordinary letters); one of 4 or 5 bytes only as it
// went out, letter for letter (raw or escaped); from 6 bytes on (an MFA
// code) every form. Innocent text stays.
func TestShortSecretsMaskOnlyWhatWasSent(t *testing.T) {
	cases := []struct {
		secret, in, want string
	}{
		{"a", "a banana", "a banana"},
		{"abc", "abc ABC", "abc ABC"},
		{"wxyz", "raw wxyz", "raw " + Mask},
		{"wxyz", "entities &#119;&#120;yz", "entities " + Mask},
		{"wx&z", "html wx&amp;z", "html " + Mask},
		{"wxyz", "upper WXYZ, split wx yz, base64 d3h5eg==", "upper WXYZ, split wx yz, base64 d3h5eg=="},
		{"424242", "code 424 242, base64 NDI0MjQy", "code " + Mask + ", base64 " + Mask},
		{"424242", "order 42424, id 242424, 4242.42", "order 42424, id 242424, 4242.42"},
		{"Secret", "the SECRET word", "the " + Mask + " word"},
		{"", "anything", "anything"},
		{"    ", "a    b", "a    b"},
	}
	for _, c := range cases {
		if got := MaskEchoes(c.in, c.secret); got != c.want {
			t.Errorf("secret %q in %q: got %q, want %q", c.secret, c.in, got, c.want)
		}
	}
}

// TestLoginMasksEveryFormInEveryAnswer: whatever the flow and whichever
// secret was sent (password, bearer, an ID token for delegation, an MFA
// code), an answer
// quoting it in any form has it masked in the error, its raw body and its
// headers, including a secret split across two headers.
func TestLoginMasksEveryFormInEveryAnswer(t *testing.T) {
	const password, bearer = `S3cr&t<Pw>é+1"x`, "Br-9q1-Yy/secret.token_v2"
	idToken, mfaCode := echoKinds[4].secret, echoKinds[3].secret
	srv := httptest.NewServer(echoServer())
	defer srv.Close()
	for _, as := range []string{"json", "page"} {
		for _, f := range []Flow{FlowRO, FlowRealm, FlowPassword} {
			reqs := map[string]Request{
				"password": {Password: password},
				"bearer":   {Password: "pw", Bearer: bearer},
			}
			if f == FlowRO {
				reqs["id_token"] = Request{IDToken: idToken, GrantType: GrantJWTBearer, Device: "d"}
				reqs["mfa_code"] = Request{Password: "pw", MFACode: mfaCode}
			}
			for kind, req := range reqs {
				// The client ID tells the server what to quote, and how.
				req.Domain, req.ClientID, req.Flow = srv.URL, as+"."+kind, f
				req.Connection = "db"
				if req.GrantType == "" {
					req.Username = "u"
				}
				if f == FlowPassword {
					req.Connection = ""
				}
				secret := map[string]string{"password": password, "bearer": bearer, "id_token": idToken, "mfa_code": mfaCode}[kind]
				name := fmt.Sprintf("%s/%s/%s", as, f, kind)
				ex, err := NewClient(ClientOptions{}).Login(context.Background(), req)
				var ae *APIError
				if ex == nil || !errors.As(err, &ae) {
					t.Fatalf("%s: want an APIError, got %v", name, err)
				}
				shown := strings.Join([]string{ae.Error(), ae.Code, ae.Description, ae.Body, ae.Location, ae.Hint,
					string(ex.Body), fmt.Sprint(ex.Header)}, "\n")
				if leaks := echotest.Leaks(shown, secret); leaks != nil {
					t.Errorf("%s: the answer shows %v", name, leaks)
				}
				if !strings.Contains(string(ex.Body), Mask) || !strings.Contains(ex.Header.Get("X-Echo-A")+ex.Header.Get("X-Echo-B"), Mask) {
					t.Errorf("%s: nothing masked where the echoes were:\n%s\n%v", name, ex.Body, ex.Header)
				}
			}
		}
	}
}

// echoServer answers every POST by quoting back one secret it was sent in
// every form of echotest.Forms: in its body (a JSON error, or a proxy's
// HTML page with a redirect), and in headers, one split across two. The
// client ID says which secret and which body: "json.password",
// "page.bearer", "page.id_token".
func echoServer() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			fmt.Fprintf(w, `{"issuer":"http://%s/","token_endpoint":"http://%s/oauth/token"}`, r.Host, r.Host)
			return
		}
		body, _ := io.ReadAll(r.Body)
		fields := echotest.Fields(body)
		as, kind, _ := strings.Cut(fields["client_id"], ".")
		echo := fields[kind]
		if kind == "bearer" {
			echo = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		}
		a, b := echotest.Halves(echo)
		w.Header().Set("X-Echo-A", a)
		w.Header().Set("X-Echo-B", b)
		w.Header().Set("X-Echo-Base64", base64.StdEncoding.EncodeToString([]byte(echo)))
		w.Header().Add("X-Echo-Upper", strings.ToUpper(a))
		w.Header().Add("X-Echo-Upper", strings.ToUpper(b))
		if as == "json" {
			var forms []string
			for _, f := range echotest.Forms(echo) {
				forms = append(forms, f.Text)
			}
			desc, _ := json.Marshal(strings.Join(forms, " | "))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error":"invalid_request","error_description":%s}`, desc)
			return
		}
		w.Header().Set("Location", "https://elsewhere.example/?b="+base64.URLEncoding.EncodeToString([]byte(echo)))
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusFound)
		fmt.Fprint(w, echotest.Page(echo))
	})
}

// TestSuccessfulAnswersAreMaskedTooButNotTheirTokens: an answer with tokens
// that echoes the password (in scope, another member, a header) has it
// masked like any other; the tokens themselves are the data asked for and
// come through byte for byte, even when the password is inside one.
func TestSuccessfulAnswersAreMaskedTooButNotTheirTokens(t *testing.T) {
	const password = "Pw-in-4-token"
	access := "opaque-" + password + "-x"
	id := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`)) + "." +
		base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"u","note":"`+password+`"}`)) + ".c2ln"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Debug", base64.StdEncoding.EncodeToString([]byte("u:"+password)))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":%q,"id_token":%q,"token_type":"Bearer %s","scope":"openid %s","debug":"%s"}`,
			access, id, strings.ToUpper(password), password, strings.ReplaceAll(password, "-", `\u002d`))
	}))
	defer srv.Close()
	req := Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: password, Scope: "openid"}
	ex, err := NewClient(ClientOptions{}).Login(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Tokens.AccessToken != access || ex.Tokens.IDToken != id {
		t.Errorf("the tokens were changed: %q %q", ex.Tokens.AccessToken, ex.Tokens.IDToken)
	}
	if ex.Tokens.Scope != "openid "+Mask || ex.Tokens.TokenType != "Bearer "+Mask {
		t.Errorf("scope %q, token_type %q: want the password masked", ex.Tokens.Scope, ex.Tokens.TokenType)
	}
	body := string(ex.Body)
	if !strings.Contains(body, `"access_token":"`+access+`"`) || !strings.Contains(body, `"id_token":"`+id+`"`) {
		t.Errorf("the raw body no longer carries the tokens whole:\n%s", body)
	}
	rest := strings.NewReplacer(access, "", id, "").Replace(body) + fmt.Sprint(ex.Header)
	if leaks := echotest.Leaks(rest, password); leaks != nil {
		t.Errorf("the answer shows %v:\n%s", leaks, rest)
	}
}

// TestSentRequestSecrets: the credentials a request carries, whatever the
// field (an MFA code and a one-time code too), are what its answer is
// searched for.
func TestSentRequestSecrets(t *testing.T) {
	s := SentRequest{
		Method: "POST", URL: "https://acme.example/oauth/token?client_secret=Qs-secret-1",
		Header: http.Header{"Authorization": {"Bearer Br-token-1"}, "Content-Type": {"application/json"}},
		Body:   []byte(`{"password":"Pw-1","mfa_code":"482913","otp":"424242","client_secret":"Cs-1","refresh_token":"Rt-1","id_token":"It-1","username":"alice"}`),
	}
	got := strings.Join(s.Secrets(), " ")
	for _, want := range []string{"Qs-secret-1", "Br-token-1", "Pw-1", "482913", "424242", "Cs-1", "Rt-1", "It-1"} {
		if !strings.Contains(got, want) {
			t.Errorf("Secrets() = %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "alice") {
		t.Errorf("Secrets() = %q holds the username", got)
	}
	form := SentRequest{Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, Body: []byte("username=a&password=p%26w+1&mfa_code=123456")}
	if got := strings.Join(form.Secrets(), " "); !strings.Contains(got, "p&w 1") || !strings.Contains(got, "123456") {
		t.Errorf("form Secrets() = %q", got)
	}
}

// TestIDTokenIsMaskedWhereTheRequestIsShown: the ID token sent for
// delegation is a credential: masked in the request shown and its curl,
// sent and revealed only on purpose.
func TestIDTokenIsMaskedWhereTheRequestIsShown(t *testing.T) {
	idToken := echoKinds[4].secret
	r := Request{Domain: "acme.us.auth0.com", ClientID: "c", Connection: "db", GrantType: GrantJWTBearer, IDToken: idToken, Device: "d"}
	s, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(s.Body), idToken) {
		t.Fatalf("the ID token is not sent: %s", s.Body)
	}
	m := s.Masked()
	for name, shown := range map[string]string{"masked body": string(m.Body), "curl": s.Curl(false)} {
		if strings.Contains(shown, idToken) || !strings.Contains(shown, `"id_token":"`+Mask+`"`) {
			t.Errorf("%s shows the ID token: %s", name, shown)
		}
	}
	if !strings.Contains(s.Curl(true), idToken) {
		t.Error("Curl(true) should reveal the ID token when asked")
	}
}

// TestEchoAcrossTheCutIsMasked: an error's body is cut for the screen; a
// password quoted where the cut falls does not leave its first half.
func TestEchoAcrossTheCutIsMasked(t *testing.T) {
	const password = "Pw-cut-in-half-42"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, strings.Repeat("x", maxText-6)+password+strings.Repeat("y", 100))
	}))
	defer srv.Close()
	req := Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: password}
	_, err := NewClient(ClientOptions{}).Login(context.Background(), req)
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want an APIError, got %v", err)
	}
	if strings.Contains(ae.Body, password[:3]) || !strings.Contains(ae.Body, "***") {
		t.Errorf("the cut body ends %q", ae.Body[len(ae.Body)-40:])
	}
}

// FuzzMaskEchoes: whatever the text and the secret, masking never panics,
// keeps valid UTF-8 valid, and leaves no occurrence of a secret long
// enough to be searched for (white space and controls not counted; one
// without '*', which the mask is made of).
func FuzzMaskEchoes(f *testing.F) {
	f.Add("you sent S3cr&amp;t&lt;Pw&gt;", `S3cr&t<Pw>`)
	f.Add("&#83;&#51;cr \\u0026 %2 %zz \\ud83d\\ude00 &#x110000; &#0; <br", "S3cr&t")
	f.Add("dTpTM2NyJnQ8UHc+ S3CR\n&T", `S3cr&t<Pw>`)
	f.Add("\xff\xfe abc\u200bdef \u017f", "abcdef")
	f.Fuzz(func(t *testing.T, text, secret string) {
		got := MaskEchoes(text, secret)
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Errorf("MaskEchoes(%q, %q) = %q: not UTF-8", text, secret, got)
		}
		n := 0
		for _, r := range secret {
			if !isGap(r) {
				n++
			}
		}
		if n >= MinEcho && !strings.Contains(secret, "*") && strings.Contains(got, secret) {
			t.Errorf("MaskEchoes(%q, %q) = %q still holds the secret", text, secret, got)
		}
	})
}

// sessionSecrets are the credentials the calls after a login send, one of
// each kind: a refresh token as Auth0's legacy ones look (45 characters),
// a passwordless code (it is the password), an ID token.
var sessionSecrets = struct{ refreshToken, code, idToken string }{
	refreshToken: "Rt7Qz9xW2kP-vN4bL8mR1tY5sD3fG6hJ0cX_aB2eK9mPq",
	code:         "424242",
	idToken:      echoKinds[4].secret,
}

// echoEverySecret answers every POST by quoting back each secret field it
// was sent (any of secretFields, JSON or form-encoded) in every form of
// echotest.Forms: in a JSON error (as "json") or a proxy's page with a
// redirect (as "page"), and in headers, each split across two. A GET is
// the discovery document, naming the same server's endpoints.
func echoEverySecret(as string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			fmt.Fprintf(w, `{"issuer":"http://%s/","token_endpoint":"http://%s/token","revocation_endpoint":"http://%s/revoke"}`, r.Host, r.Host, r.Host)
			return
		}
		body, _ := io.ReadAll(r.Body)
		var echoes []string
		fields := echotest.Fields(body)
		for k, v := range fields {
			if secretFields[k] {
				echoes = append(echoes, v)
			}
		}
		var forms []string
		for i, e := range echoes {
			a, b := echotest.Halves(e)
			w.Header().Set(fmt.Sprintf("X-Echo-%d-A", i), a)
			w.Header().Set(fmt.Sprintf("X-Echo-%d-B", i), b)
			w.Header().Set(fmt.Sprintf("X-Echo-%d-Base64", i), base64.StdEncoding.EncodeToString([]byte(e)))
			for _, f := range echotest.Forms(e) {
				forms = append(forms, f.Text)
			}
		}
		if as == "json" {
			desc, _ := json.Marshal(strings.Join(forms, " | "))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error":"invalid_request","error_description":%s}`, desc)
			return
		}
		if len(echoes) > 0 {
			w.Header().Set("Location", "https://elsewhere.example/?b="+base64.URLEncoding.EncodeToString([]byte(echoes[0])))
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusFound)
		for _, e := range echoes {
			fmt.Fprint(w, echotest.Page(e))
		}
	})
}

// TestSessionCallsMaskEveryFormInEveryAnswer: every call after a login
// (a refresh through each route, a revocation, /tokeninfo) and the
// passwordless login in both flows sends a credential; an answer quoting
// it in any form has it masked in the error, its raw body and its headers,
// and the request shown (Masked, Curl, CurlLines) never holds it.
func TestSessionCallsMaskEveryFormInEveryAnswer(t *testing.T) {
	s := sessionSecrets
	for _, as := range []string{"json", "page"} {
		srv := httptest.NewServer(echoEverySecret(as))
		c := NewClient(ClientOptions{})
		ctx := context.Background()
		refresh := Refresh{Domain: srv.URL, ClientID: "abc", RefreshToken: s.refreshToken}
		passwordless := Request{Domain: srv.URL, ClientID: "abc", Connection: "sms", Username: "+15555550100", Password: s.code, Scope: "openid"}
		calls := []struct {
			name   string
			secret string
			call   func() (*Exchange, error)
		}{
			{"refresh via /delegation", s.refreshToken, func() (*Exchange, error) { return c.Refresh(ctx, refresh) }},
			{"refresh via /oauth/token", s.refreshToken, func() (*Exchange, error) { r := refresh; r.From = FlowRealm; return c.Refresh(ctx, r) }},
			{"refresh via discovery", s.refreshToken, func() (*Exchange, error) { r := refresh; r.From = FlowPassword; return c.Refresh(ctx, r) }},
			{"revoke", s.refreshToken, func() (*Exchange, error) { return c.Revoke(ctx, refresh) }},
			{"revoke via discovery", s.refreshToken, func() (*Exchange, error) { r := refresh; r.From = FlowPassword; return c.Revoke(ctx, r) }},
			{"tokeninfo", s.idToken, func() (*Exchange, error) { return c.TokenInfo(ctx, srv.URL, false, s.idToken) }},
			{"passwordless ro", s.code, func() (*Exchange, error) { return c.Login(ctx, passwordless) }},
			{"passwordless realm (otp)", s.code, func() (*Exchange, error) { return c.Login(ctx, passwordless.AsRealm()) }},
			{"mfa code", s.code, func() (*Exchange, error) {
				r := reqFor(srv)
				r.MFACode = s.code
				return c.Login(ctx, r)
			}},
		}
		for _, k := range calls {
			name := as + "/" + k.name
			ex, err := k.call()
			var ae *APIError
			if ex == nil || !errors.As(err, &ae) {
				t.Fatalf("%s: want an APIError, got %v", name, err)
			}
			shown := strings.Join([]string{ae.Error(), ae.Code, ae.Description, ae.Body, ae.Location, ae.Hint,
				string(ex.Body), fmt.Sprint(ex.Header)}, "\n")
			if leaks := echotest.Leaks(shown, k.secret); leaks != nil {
				t.Errorf("%s: the answer shows %v", name, leaks)
			}
			if !strings.Contains(string(ex.Body), Mask) || !strings.Contains(ex.Header.Get("X-Echo-0-A")+ex.Header.Get("X-Echo-0-B"), Mask) {
				t.Errorf("%s: nothing masked where the echoes were:\n%s\n%v", name, ex.Body, ex.Header)
			}
			m := ex.Request.Masked()
			request := strings.Join([]string{m.URL, string(m.Body), fmt.Sprint(m.Header), ex.Request.Curl(false),
				strings.Join(ex.Request.CurlLines(false, 40), "\n")}, "\n")
			if strings.Contains(request, k.secret) {
				t.Errorf("%s: the request shown holds the secret:\n%s", name, request)
			}
			if !strings.Contains(ex.Request.Curl(true), k.secret) {
				t.Errorf("%s: the secret was not sent, or Curl(true) does not reveal it", name)
			}
		}
		srv.Close()
	}
}
