package ui

import (
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

// sessionRefreshToken is the refresh token the echo tenant hands out; once
// f sends it, it is a credential.
const sessionRefreshToken = "Rt-v1.9qLw/secret_refresh+token"

// TestSessionCallsShowNoEcho: a tenant that quotes back every credential a
// call of the session sent (the refresh token to /delegation and
// /oauth/revoke, the ID token to /tokeninfo) and the client secret, in
// every form of echotest.Forms, has none of it on the refreshed result's
// panes, in the status line after a revocation or a code sent, or in
// /tokeninfo's answer, presenter mode or not.
func TestSessionCallsShowNoEcho(t *testing.T) {
	for _, as := range []string{"page", "ok"} {
		for _, redact := range []bool{false, true} {
			name := fmt.Sprintf("%s/redact=%v", as, redact)
			srv := httptest.NewServer(sessionEchoServer(as))
			req := ro.Request{Domain: srv.URL, ClientID: "c", Connection: "db", Username: "u", Password: "pw-0",
				Scope: "openid offline_access", Device: "d"}
			m := New(Options{Prefill: req, ClientSecret: echoClientSecret, Redact: redact, Now: func() time.Time { return ptNow }})
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			sendAndWait(t, m)
			leaks := func(where, text string, secrets ...string) {
				t.Helper()
				for _, s := range secrets {
					if l := echotest.Leaks(ansi.Strip(text), s); l != nil {
						t.Errorf("%s: %s shows %v", name, where, l)
					}
				}
			}

			// f: the refresh token sent, quoted back, is masked on every
			// pane of the new result.
			awaitMsg[refreshDoneMsg](t, m, press(m, "f"))
			if m.shown.result.subject.RefreshOf == 0 {
				t.Fatalf("%s: f opened no refresh:\n%s", name, view(m))
			}
			for _, p := range m.tabs {
				p.SetSize(1000, 400)
				leaks("the refresh's "+p.Title()+" pane", ptFullView(p, 400), sessionRefreshToken, echoClientSecret)
			}
			m.sizeTabs()
			leaks("the screen after f", view(m), sessionRefreshToken, echoClientSecret)

			// t: the ID token sent to /tokeninfo, quoted in the profile.
			if as == "ok" {
				press(m, "3")
				awaitMsg[tokeninfoMsg](t, m, press(m, "t"))
				u := m.shown.result.tokeninfo
				if u == nil || u.ex == nil {
					t.Fatalf("%s: /tokeninfo was not answered", name)
				}
				leaks("/tokeninfo's answer", tokeninfoPart(t, m.tabs[m.active], 400), u.token, echoClientSecret)
			}

			// X, y: the refresh token quoted in the refusal is masked in the
			// status line.
			press(m, "X")
			awaitMsg[revokeDoneMsg](t, m, press(m, "y"))
			if !strings.Contains(m.status, "revoke") {
				t.Errorf("%s: the status line says nothing of the revocation: %q", name, m.status)
			}
			leaks("the status line after X", view(m), sessionRefreshToken, echoClientSecret)

			// s: /passwordless/start quoting the client secret.
			m.form.SetValue(ro.FieldConnection, "sms")
			m.form.SetValue(ro.FieldUsername, "+15555550100")
			press(m, "1")
			m.setScreen(resultScreen)
			awaitMsg[codeSentMsg](t, m, press(m, "s"))
			leaks("the status line after s", view(m), echoClientSecret)
			srv.Close()
		}
	}
}

// awaitMsg runs cmd as the program would, hands the first message of type
// T it brings to m, and returns it.
func awaitMsg[T tea.Msg](t *testing.T, m *Model, cmd tea.Cmd) T {
	t.Helper()
	var zero T
	if cmd == nil {
		t.Fatalf("no command to wait for a %T:\n%s", zero, view(m))
	}
	msgs := make(chan tea.Msg, 16)
	var run func(c tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if b, ok := msg.(tea.BatchMsg); ok {
				for _, c := range b {
					run(c)
				}
				return
			}
			msgs <- msg
		}()
	}
	run(cmd)
	deadline := time.After(10 * time.Second)
	for {
		select {
		case msg := <-msgs:
			if want, ok := msg.(T); ok {
				m.Update(want)
				return want
			}
		case <-deadline:
			t.Fatalf("no %T came", zero)
			return zero
		}
	}
}

// sessionEchoServer is a tenant whose later calls quote back what they
// were sent: /oauth/ro logs in with a refresh token; /delegation quotes it
// (as a proxy's page, or in a successful answer and its ID token),
// /oauth/revoke and /passwordless/start in their JSON refusals, and
// /tokeninfo quotes the ID token in the profile; each quotes the client
// secret too, and in headers.
func sessionEchoServer(as string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fields := map[string]string{}
		_ = json.Unmarshal(body, &fields)
		echoes := echoSecrets(w.Header(), fields["refresh_token"], fields["token"], fields["id_token"], echoClientSecret)
		quoted, _ := json.Marshal(strings.Join(echoes, " | "))
		id := ptJWT(`{"alg":"RS256","kid":"k"}`, `{"sub":"auth0|1","aud":"c","note":`+string(quoted)+`}`)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/oauth/ro":
			fmt.Fprintf(w, `{"access_token":"opaque-0123456789abcdefghij","id_token":%q,"refresh_token":%q,"token_type":"bearer","expires_in":600}`,
				ptJWT(`{"alg":"RS256","kid":"k"}`, `{"sub":"auth0|1","aud":"c"}`), sessionRefreshToken)
		case "/delegation":
			if as == "page" {
				echoPage(w, echoes)
				return
			}
			fmt.Fprintf(w, `{"id_token":%q,"token_type":"Bearer","expires_in":600,"debug":%s}`, id, quoted)
		case "/tokeninfo":
			fmt.Fprintf(w, `{"user_id":"auth0|1","global_client_id":"g","note":%s}`, quoted)
		default: // /oauth/revoke, /passwordless/start
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error":"invalid_request","error_description":%s}`, quoted)
		}
	})
}
