package cli

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rotui/rotui/internal/syncbuf"

	"github.com/rotui/rotui/ro/rotest"
)

var demoServerURLRE = regexp.MustCompile(`^https?://127\.0\.0\.1:[0-9]+$`)

// TestDemoServerHelperProcess is not a test: it is the demo server run as
// a child process by TestDemoServerStopsCleanlyOnSignal.
func TestDemoServerHelperProcess(t *testing.T) {
	if os.Getenv("ROTUI_DEMO_SERVER_HELPER") != "1" {
		t.Skip("runs only as a child of TestDemoServerStopsCleanlyOnSignal")
	}
	args := strings.Fields(os.Getenv("ROTUI_DEMO_SERVER_ARGS"))
	os.Exit(run(append([]string{"demo-server"}, args...), streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv,
	}))
}

// TestDemoServerStopsCleanlyOnSignal runs `rotui demo-server` as its own
// process, reads the URL from the first line, logs in, signals it, and
// checks that it stopped cleanly with status 0.
func TestDemoServerStopsCleanlyOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestDemoServerHelperProcess$")
			cmd.Env = append(os.Environ(), "ROTUI_DEMO_SERVER_HELPER=1", "ROTUI_DEMO_SERVER_ARGS=--token-ttl 90s")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { cmd.Process.Kill() })

			out := bufio.NewReader(stdout)
			first, err := out.ReadString('\n')
			if err != nil {
				t.Fatalf("no first line: %v; stderr: %s", err, stderr.String())
			}
			base := strings.TrimSuffix(first, "\n")
			if !demoServerURLRE.MatchString(base) {
				t.Fatalf("first line %q is not the base URL", first)
			}
			a := demoServerLogin(t, http.DefaultClient, base, rotest.ClientID)
			if a["token_type"] != "bearer" || a["expires_in"] != float64(90) {
				t.Errorf("login against the demo server: %v", a)
			}

			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(out)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("after %s: %v; stderr: %s", sig, err, stderr.String())
				}
			case <-time.After(15 * time.Second):
				t.Fatalf("still running 15s after %s", sig)
			}
			for _, want := range []string{rotest.ClientID, rotest.ClientIDHS256, rotest.ClientIDNoRO, rotest.Connection,
				rotest.UserAlice, rotest.UserBlocked, rotest.UserMFA, rotest.Password, rotest.HS256Secret, "1m30s"} {
				if !strings.Contains(string(rest), want) {
					t.Errorf("stdout does not mention %q:\n%s", want, rest)
				}
			}
			if !strings.Contains(stderr.String(), "stopped") {
				t.Errorf("stderr %q does not say it stopped", stderr.String())
			}
			if _, err := http.Get(base + "/.well-known/jwks.json"); err == nil {
				t.Errorf("still answering after it stopped")
			}
		})
	}
}

// TestDemoServerSurvivesAClosedStdout: `rotui demo-server | head -1`
// closes stdout after the URL; the server must keep serving rather than
// die of SIGPIPE on its next line. Here stdout is a pipe closed from the
// start, so every line it prints meets a closed pipe.
func TestDemoServerSurvivesAClosedStdout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDemoServerHelperProcess$")
	cmd.Env = append(os.Environ(), "ROTUI_DEMO_SERVER_HELPER=1", "ROTUI_DEMO_SERVER_ARGS=--addr "+addr)
	cmd.Stdout = w
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	base := "http://" + addr
	deadline := time.Now().Add(15 * time.Second)
	for {
		if resp, err := http.Get(base + "/.well-known/jwks.json"); err == nil {
			resp.Body.Close()
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the server died with stdout closed: %v; stderr: %s", err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never answered; stderr: %s", stderr.String())
		}
	}
	time.Sleep(100 * time.Millisecond) // its lines after the URL are written by now
	if a := demoServerLogin(t, http.DefaultClient, base, rotest.ClientID); a["status"] != float64(200) {
		t.Errorf("login after stdout closed: %v", a)
	}
	cmd.Process.Signal(syscall.SIGINT)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGINT: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("still running 15s after SIGINT")
	}
}

// demoServerLogin logs alice in through /oauth/ro and returns the answer.
func demoServerLogin(t *testing.T, c *http.Client, base, clientID string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]string{
		"client_id": clientID, "username": rotest.UserAlice, "password": rotest.Password,
		"connection": rotest.Connection, "grant_type": "password", "scope": "openid",
	})
	resp, err := c.Post(base+"/oauth/ro", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /oauth/ro: %v", err)
	}
	defer resp.Body.Close()
	var a map[string]any
	json.NewDecoder(resp.Body).Decode(&a)
	if a == nil {
		a = map[string]any{}
	}
	a["status"] = float64(resp.StatusCode)
	return a
}

// demoServerInProcess runs demoServerRun with args until the test ends
// and returns the base URL it printed first.
func demoServerInProcess(t *testing.T, args ...string) string {
	t.Helper()
	return demoServerInProcessTalking(t, io.Discard, args...)
}

// demoServerInProcessTalking is demoServerInProcess with its stderr
// written to errw.
func demoServerInProcessTalking(t *testing.T, errw io.Writer, args ...string) string {
	t.Helper()
	var errBuf bytes.Buffer
	opts, code, ok := parseDemoServerFlags(args, streams{Err: &errBuf})
	if !ok {
		t.Fatalf("flags %v: exit %d: %s", args, code, errBuf.String())
	}
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- demoServerRun(ctx, opts, streams{Out: pw, Err: errw})
		pw.Close()
	}()
	out := bufio.NewReader(pr)
	first, err := out.ReadString('\n')
	if err != nil {
		t.Fatalf("no first line: %v", err)
	}
	go io.Copy(io.Discard, out)
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("demoServerRun returned %d, want 0", code)
		}
	})
	return strings.TrimSuffix(first, "\n")
}

func TestDemoServerFlagsChangeTheTenant(t *testing.T) {
	// --legacy-off alone is the bare 404 real tenants answered; =json
	// keeps the JSON body; the boolean spellings it had still work.
	for _, tc := range []struct {
		flag   string
		status float64
		json   bool
	}{
		{"--legacy-off", 404, false},
		{"--legacy-off=text", 404, false},
		{"--legacy-off=true", 404, false},
		{"--legacy-off=json", 404, true},
		{"--legacy-off=false", 200, true},
	} {
		t.Run(tc.flag, func(t *testing.T) {
			base := demoServerInProcess(t, tc.flag)
			resp, err := http.Post(base+"/oauth/ro", "application/json", strings.NewReader(`{"client_id":"rotui-demo","username":"alice@example.com","password":"wonderland","connection":"Username-Password-Authentication","grant_type":"password"}`))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			isJSON := strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json")
			if float64(resp.StatusCode) != tc.status || isJSON != tc.json || (!tc.json && string(body) != "Not Found") {
				t.Errorf("%d %s %q; want %v, JSON %v", resp.StatusCode, resp.Header.Get("Content-Type"), body, tc.status, tc.json)
			}
		})
	}
	t.Run("require bearer", func(t *testing.T) {
		base := demoServerInProcess(t, "--require-bearer")
		if a := demoServerLogin(t, http.DefaultClient, base, rotest.ClientID); a["status"] != float64(401) {
			t.Errorf("with --require-bearer: %v, want 401", a)
		}
	})
	t.Run("rate limit", func(t *testing.T) {
		base := demoServerInProcess(t, "--rate-limit", "1")
		demoServerLogin(t, http.DefaultClient, base, rotest.ClientID)
		if a := demoServerLogin(t, http.DefaultClient, base, rotest.ClientID); a["status"] != float64(429) {
			t.Errorf("second call with --rate-limit 1: %v, want 429", a)
		}
	})
	t.Run("tls", func(t *testing.T) {
		certFile := filepath.Join(t.TempDir(), "demo.pem")
		base := demoServerInProcess(t, "--tls-cert", certFile)
		if !strings.HasPrefix(base, "https://") {
			t.Fatalf("base %q, want https", base)
		}
		pemBytes, err := os.ReadFile(certFile)
		if err != nil {
			t.Fatal(err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pemBytes) {
			t.Fatalf("certificate file holds no PEM certificate")
		}
		c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
		if a := demoServerLogin(t, c, base, rotest.ClientID); a["status"] != float64(200) {
			t.Errorf("https login trusting the written certificate: %v", a)
		}
	})
}

func TestDemoServerRejectsBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"extra"},
		{"--token-ttl", "0s"},
		{"--token-ttl", "soon"},
		{"--rate-limit", "-1"},
		{"--addr", "8080"},
		{"--no-such-flag"},
		{"--legacy-off=xml"},
	} {
		var errBuf bytes.Buffer
		if code := run(append([]string{"demo-server"}, args...), streams{Out: io.Discard, Err: &errBuf}); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if errBuf.Len() == 0 {
			t.Errorf("%v: nothing said on stderr", args)
		}
	}
	// What was typed is said back escaped, never raw to the terminal.
	for _, args := range [][]string{{"--\x1b[2Jx"}, {"--addr", "\x1b]0;t\x07"}, {"\u202eextra"}} {
		var errBuf bytes.Buffer
		if code := run(append([]string{"demo-server"}, args...), streams{Out: io.Discard, Err: &errBuf}); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		if strings.ContainsAny(errBuf.String(), "\x1b\x07\u202e") || !strings.Contains(errBuf.String(), `\x`) && !strings.Contains(errBuf.String(), `\u202e`) {
			t.Errorf("%q: stderr %q", args, errBuf.String())
		}
	}
	var out bytes.Buffer
	if code := run([]string{"demo-server", "--help"}, streams{Out: &out, Err: io.Discard}); code != 0 || !strings.Contains(out.String(), "--legacy-off") {
		t.Errorf("--help: exit %d, %q", code, out.String())
	}
}

// TestDemoServerPrintsTheCodesItSends: each /passwordless/start shows on
// stderr with its code, as a real tenant's SMS would arrive; stdout keeps
// only the URL and the demo data.
func TestDemoServerPrintsTheCodesItSends(t *testing.T) {
	var errBuf syncBuffer
	base := demoServerInProcessTalking(t, &errBuf)
	resp, err := http.Post(base+"/passwordless/start", "application/json",
		strings.NewReader(`{"client_id":"rotui-demo","connection":"sms","phone_number":"+15555550100","send":"code"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("start: %d", resp.StatusCode)
	}
	if got := errBuf.String(); !strings.Contains(got, "by SMS to "+rotest.PhoneAlice+": the code "+rotest.PasswordlessCode) {
		t.Errorf("stderr %q does not show the code sent", got)
	}
}

// syncBuffer is a buffer the server's goroutines write to while a test reads it.
type syncBuffer = syncbuf.Buffer

func TestDemoServerCannotListen(t *testing.T) {
	base := demoServerInProcess(t)
	var errBuf bytes.Buffer
	addr := strings.TrimPrefix(base, "http://")
	code := run([]string{"demo-server", "--addr", addr}, streams{Out: io.Discard, Err: &errBuf})
	if code != 3 || !strings.Contains(errBuf.String(), addr) {
		t.Errorf("port in use: exit %d, %q; want 3 naming the address", code, errBuf.String())
	}
}

// TestDemoServerStopsWhenACallOutlastsTheGrace: a call held by --latency
// does not turn a Ctrl+C into a failure.
func TestDemoServerStopsWhenACallOutlastsTheGrace(t *testing.T) {
	opts, _, ok := parseDemoServerFlags([]string{"--latency", "1m"}, streams{Err: io.Discard})
	if !ok {
		t.Fatal("flags refused")
	}
	opts.Grace = 300 * time.Millisecond
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	var errBuf bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- demoServerRun(ctx, opts, streams{Out: pw, Err: &errBuf})
		pw.Close()
	}()
	out := bufio.NewReader(pr)
	first, _ := out.ReadString('\n')
	go io.Copy(io.Discard, out)
	go http.Get(strings.TrimSpace(first) + "/.well-known/jwks.json") // held for a minute
	time.Sleep(200 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(errBuf.String(), "were cut") {
			t.Errorf("exit %d, stderr %q; want 0 and a word on the cut call", code, errBuf.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("still running 15 s after the interrupt")
	}
}

// --tls-cert FILE is written where asked, but never through a symbolic link
// planted there: the demo stops with the reason, and the file the link
// points at is untouched.
func TestDemoServerNeverWritesTheCertificateThroughALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	shared, private := t.TempDir(), t.TempDir()
	victim := filepath.Join(private, "notes.txt")
	if err := os.WriteFile(victim, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(shared, "demo.pem")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	var errBuf bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"demo-server", "--tls-cert", link}, streams{Out: io.Discard, Err: &errBuf})
	}()
	select {
	case code := <-done:
		if code == 0 || !strings.Contains(errBuf.String(), "symbolic link") || !strings.Contains(errBuf.String(), link) {
			t.Errorf("exit %d, stderr %q; want a refusal naming the link", code, errBuf.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the demo server wrote through the link and kept running")
	}
	if b, _ := os.ReadFile(victim); string(b) != "mine" {
		t.Errorf("the certificate was written through the link: %.40q", b)
	}
}

// parseDemoServerFlags reads args as `rotui demo-server` does and returns
// the options it would run with; ok is false when it would not run.
func parseDemoServerFlags(args []string, s streams) (opts demoServerOptions, code int, ok bool) {
	code = execute(append([]string{"demo-server"}, args...), s, deps{
		demoServer: func(_ context.Context, o demoServerOptions, _ streams) int {
			opts, ok = o, true
			return exitOK
		},
	})
	return opts, code, ok
}
