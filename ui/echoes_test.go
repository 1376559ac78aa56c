package ui

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rotui/rotui/internal/echotest"
	"github.com/rotui/rotui/ro"
)

// echoClientSecret is the application's secret, which the server knows:
// a careless one dumps it in a debugging page or header.
const echoClientSecret = "Kx7/pQ+z9Lw2=Ab4Yc"

// TestPanesShowNoEcho: a server that quotes back what it was sent (and the
// client secret it knows) in every form of echotest.Forms, in an error or
// in a successful answer (its scope, another member, a header, a claim of
// the ID token), has none of it on any pane, in presenter mode or not, nor
// in the report the Summary gives: for each kind of secret typed in the
// form (password, bearer, client secret, an ID token for delegation, an
// MFA code, a passwordless code).
func TestPanesShowNoEcho(t *testing.T) {
	const password, bearer = `S3cr&t<Pw>é+1"x`, "Br-9q1-Yy/secret.token_v2"
	idToken := ptJWT(`{"alg":"RS256"}`, `{"sub":"auth0|123","aud":"c"}`)
	kinds := []struct {
		name, secret string
		req          ro.Request
	}{
		{"password", password, ro.Request{Username: "u", Password: password}},
		{"bearer", bearer, ro.Request{Username: "u", Password: "pw-0", Bearer: bearer}},
		{"client secret", echoClientSecret, ro.Request{Username: "u", Password: "pw-0"}},
		{"ID token", idToken, ro.Request{IDToken: idToken, Device: "d"}},
		{"MFA code", "Mf-7Q2-code9", ro.Request{Username: "u", Password: "pw-0", MFACode: "Mf-7Q2-code9"}},
		{"passwordless code", "Pl-4242-code", ro.Request{Connection: "sms", Username: "+15555550100", Password: "Pl-4242-code"}},
	}
	for _, as := range []string{"page", "ok"} {
		srv := httptest.NewServer(formsEchoServer(as))
		for _, k := range kinds {
			for _, redact := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/redact=%v", as, k.name, redact)
				req := k.req
				req.Domain, req.ClientID, req.Scope = srv.URL, "c", "openid"
				if req.Connection == "" {
					req.Connection = "db"
				}
				m := New(Options{Prefill: req, ClientSecret: echoClientSecret, Redact: redact, Now: func() time.Time { return ptNow }})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				sendAndWait(t, m)
				if len(m.tabs) == 0 {
					t.Fatalf("%s: no panes after the answer:\n%s", name, view(m))
				}
				for _, p := range m.tabs {
					p.SetSize(1000, 400)
					if leaks := echotest.Leaks(ansi.Strip(ptFullView(p, 400)), k.secret); leaks != nil {
						t.Errorf("%s: the %s pane shows %v", name, p.Title(), leaks)
					}
				}
				if leaks := echotest.Leaks(ansi.Strip(view(m)), k.secret); leaks != nil {
					t.Errorf("%s: the screen shows %v", name, leaks)
				}
				for _, p := range m.tabs {
					if r, ok := p.(Reporter); ok {
						if leaks := echotest.Leaks(r.Report().Markdown(), k.secret); leaks != nil {
							t.Errorf("%s: the report shows %v", name, leaks)
						}
					}
				}
			}
		}
		srv.Close()
	}
}

// TestDelegationIDTokenIsMaskedOnRawAndCurl: the ID token sent for
// delegation is a credential: the Raw and curl panes mask it, and only R
// on the curl pane shows it (not in presenter mode).
func TestDelegationIDTokenIsMaskedOnRawAndCurl(t *testing.T) {
	idToken := ptJWT(`{"alg":"RS256"}`, `{"sub":"auth0|123","aud":"c"}`)
	req := ro.Request{Domain: ptTenant, ClientID: "c", Connection: "db", GrantType: ro.GrantJWTBearer, IDToken: idToken, Device: "d", Scope: "openid"}
	sent, err := req.Build()
	if err != nil {
		t.Fatal(err)
	}
	ex := &ro.Exchange{Flow: ro.FlowRO, Request: sent, Started: ptNow, Status: 400, Header: http.Header{},
		Body: []byte(`{"error":"invalid_grant"}`), Err: &ro.APIError{Status: 400, Code: "invalid_grant"}}
	for _, redact := range []bool{false, true} {
		panes := ptBuild(t, Subject{Exchange: ex, Request: req, Redact: redact}, ptPlain(), 1000, 60)
		for _, title := range []string{"Raw", "curl"} {
			if v := ptFullView(ptPane(t, panes, title), 60); strings.Contains(v, idToken) || strings.Contains(v, ptB64("not-a-real-signature")) {
				t.Errorf("redact=%v: the %s pane shows the ID token sent:\n%s", redact, title, v)
			}
		}
		c := ptPane(t, panes, "curl")
		c.Update(ptKey("R"))
		if shown := strings.Contains(c.View(), idToken); shown == redact {
			t.Errorf("redact=%v: after R the curl pane shows the ID token: %v", redact, shown)
		}
	}
}

// sendAndWait sends the form (ctrl+s), runs the call, and hands its answer
// to the model, as the program would.
func sendAndWait(t *testing.T, m *Model) {
	t.Helper()
	cmd := press(m, "ctrl+s")
	if cmd == nil {
		t.Fatalf("nothing was sent:\n%s", view(m))
	}
	awaitMsg[loginDoneMsg](t, m, cmd)
}

// echoSecrets is every form (echotest.Forms) of each of secrets long
// enough to be told apart (six characters or more), for a server to quote
// back; it also puts each in h as a proxy might: split across two headers
// (X-Echo-A, X-Echo-B) and in a Basic credential (X-Echo-Base64).
func echoSecrets(h http.Header, secrets ...string) []string {
	var echoes []string
	for _, secret := range secrets {
		if len(secret) < 6 {
			continue
		}
		for _, f := range echotest.Forms(secret) {
			echoes = append(echoes, f.Text)
		}
		a, b := echotest.Halves(secret)
		h.Add("X-Echo-A", a)
		h.Add("X-Echo-B", b)
		h.Add("X-Echo-Base64", base64.StdEncoding.EncodeToString([]byte("u:"+secret)))
	}
	return echoes
}

// echoPage answers echoes as a proxy's 502 page does: HTML, one a line.
func echoPage(w http.ResponseWriter, echoes []string) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusBadGateway)
	fmt.Fprintf(w, "<html><pre>\n%s\n</pre></html>", strings.Join(echoes, "\n"))
}

// formsEchoServer quotes back the credentials of each request (password,
// id_token, the bearer) and the client secret in every form of
// echotest.Forms (and the MFA code): as a proxy's 502 page ("page"), or in a successful answer
// ("ok": its scope, a member, an ID token's claim), and in headers, one
// split across two.
func formsEchoServer(as string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fields := map[string]string{}
		_ = json.Unmarshal(body, &fields)
		echoes := echoSecrets(w.Header(), fields["password"], fields["id_token"], fields["mfa_code"], strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "), echoClientSecret)
		quoted, _ := json.Marshal(strings.Join(echoes, " | "))
		if as == "page" {
			echoPage(w, echoes)
			return
		}
		id := ptJWT(`{"alg":"RS256","kid":"k"}`, `{"sub":"auth0|1","aud":"c","note":`+string(quoted)+`}`)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"opaque-0123456789abcdefghij","id_token":%q,"token_type":"Bearer","expires_in":600,"scope":%s,"debug":%s}`, id, quoted, quoted)
	})
}

// TestUserinfoAnswerShowsNoEcho: a /userinfo profile that quotes the
// password or the client secret typed in the form (a careless rule storing
// it in the user's metadata) has it masked on the /userinfo pane.
func TestUserinfoAnswerShowsNoEcho(t *testing.T) {
	const password = `S3cr&t<Pw>é+1"x`
	var echoes []string
	for _, secret := range []string{password, echoClientSecret} {
		for _, f := range echotest.Forms(secret) {
			echoes = append(echoes, f.Text)
		}
	}
	quoted, _ := json.Marshal(strings.Join(echoes, " | "))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"sub":"auth0|1","user_metadata":{"note":%s}}`, quoted)
	}))
	defer srv.Close()
	req, ex := ptExchange()
	req.Domain, req.Password = srv.URL, password
	panes, _ := ptBuildPanes(Subject{Exchange: ex, Request: req, ClientSecret: echoClientSecret, Now: ptNow, UserInfo: true}, ptPlain())
	for _, p := range panes {
		p.SetSize(1000, 400)
	}
	for _, m := range ptRunCmd(ptResultOf(panes).startUserinfo()) {
		deliver(panes, m)
	}
	v := ansi.Strip(ptFullView(ptPane(t, panes, "/userinfo"), 400))
	if !strings.Contains(v, "auth0|1") {
		t.Fatalf("the /userinfo pane does not show the profile:\n%s", v)
	}
	for _, secret := range []string{password, echoClientSecret} {
		if leaks := echotest.Leaks(v, secret); leaks != nil {
			t.Errorf("the /userinfo pane shows %v", leaks)
		}
	}
}
