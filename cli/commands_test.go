package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// runArgs runs rotui with args and empty stdin, and returns the exit
// status, stdout and stderr.
func runArgs(args ...string) (int, string, string) {
	var out, errb strings.Builder
	s := streams{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }}
	code := run(args, s)
	return code, out.String(), errb.String()
}

// Every command's help is on stdout, with its examples and every flag's
// usage line: the help is made from the flags, so it cannot leave one out.
func TestHelpShowsExamplesAndEveryFlag(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		example string
		flags   []string
	}{
		{[]string{"--help"}, "rotui --demo", []string{"--demo", "--insecure", "--redact", "--profile", "--config", "--version"}},
		{[]string{"login", "--help"}, "--password-stdin --json", []string{"--domain", "--client-id", "--connection", "--username",
			"--password-stdin", "--scope", "--device", "--id-token", "--id-token-stdin", "--bearer", "--flow", "--audience",
			"--timeout", "--json", "--insecure", "--profile", "--config", "--userinfo", "--report", "--compare-realm", "--mfa-code",
			"ROTUI_PASSWORD", "ROTUI_MFA_CODE"}},
		{[]string{"refresh", "--help"}, "--refresh-token-stdin", []string{"--domain", "--client-id", "--flow", "--refresh-token-stdin",
			"--scope", "--api-type", "--target", "--timeout", "--json", "--insecure", "ROTUI_REFRESH_TOKEN", "/delegation"}},
		{[]string{"revoke", "--help"}, "--refresh-token-stdin", []string{"--domain", "--client-id", "--flow", "--refresh-token-stdin",
			"--timeout", "--json", "--insecure", "ROTUI_REFRESH_TOKEN", "does not know"}},
		{[]string{"code", "--help"}, "--connection sms --username +15555550100", []string{"--domain", "--client-id", "--connection",
			"--username", "--timeout", "--json", "--insecure", "/passwordless/start"}},
		{[]string{"diff", "--help"}, `rotui diff "$OLD_TOKEN" "$NEW_TOKEN"`, []string{"--json", "Exit status: 0 whatever differs"}},
		{[]string{"decode", "--help"}, `rotui decode --json "$TOKEN"`, []string{"--json", "--verify", "--jwks", "--key",
			"--secret-stdin", "--secret-base64", "--issuer", "--audience", "--report"}},
		{[]string{"demo-server", "--help"}, "head -1", []string{"--addr", "--token-ttl", "--legacy-off", "--require-bearer",
			"--rate-limit", "--latency", "--tls-cert"}},
		{[]string{"help", "decode"}, "rotui decode", []string{"--verify"}},
		{[]string{"login", "-h"}, "rotui login", []string{"--domain"}},
	} {
		code, out, errs := runArgs(tc.args...)
		if code != exitOK || errs != "" {
			t.Errorf("rotui %v: exit %d, stderr %q", tc.args, code, errs)
		}
		if !strings.Contains(out, "EXAMPLES") || !strings.Contains(out, tc.example) {
			t.Errorf("rotui %v: no example %q in\n%s", tc.args, tc.example, out)
		}
		for _, f := range tc.flags {
			if !strings.Contains(out, f) {
				t.Errorf("rotui %v: %s is not in the help", tc.args, f)
			}
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		code, out, errs := runArgs(args...)
		if code != exitOK || out != "rotui "+Version+"\n" || errs != "" {
			t.Errorf("rotui %v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// Each shell gets a completion script that knows rotui's commands.
func TestCompletionScripts(t *testing.T) {
	for _, tc := range []struct{ shell, marker string }{
		{"bash", "complete -o default -F __start_rotui rotui"},
		{"zsh", "#compdef rotui"},
		{"fish", "complete -c rotui"},
		{"powershell", "Register-ArgumentCompleter"},
	} {
		code, out, errs := runArgs("completion", tc.shell)
		if code != exitOK || !strings.Contains(out, tc.marker) || errs != "" {
			t.Errorf("completion %s: exit %d, stderr %q, script lacks %q", tc.shell, code, errs, tc.marker)
		}
	}
	// What the scripts ask rotui at the prompt: its commands, and a command's flags.
	_, out, _ := runArgs("__complete", "")
	for _, c := range []string{"login", "refresh", "revoke", "code", "decode", "diff", "demo-server", "version", "completion", "man"} {
		if !strings.Contains(out, c) {
			t.Errorf("completing a command: %s missing from %q", c, out)
		}
	}
	_, out, _ = runArgs("__complete", "login", "--flow", "")
	if !strings.Contains(out, "ro\t") || !strings.Contains(out, "realm\t") || !strings.Contains(out, "password\t") {
		t.Errorf("completing --flow: %q", out)
	}
	_, out, _ = runArgs("__complete", "refresh", "--flow", "")
	if !strings.Contains(out, "ro\ta refresh token from /oauth/ro") || !strings.Contains(out, "realm\t") || !strings.Contains(out, "password\t") {
		t.Errorf("completing refresh --flow: %q", out)
	}
	_, out, _ = runArgs("__complete", "refresh", "--api-type", "")
	if !strings.HasPrefix(out, "app\t") {
		t.Errorf("completing refresh --api-type: %q", out)
	}
	_, out, _ = runArgs("__complete", "code", "--connection", "")
	if !strings.HasPrefix(out, "sms\t") || !strings.Contains(out, "\nemail\t") {
		t.Errorf("completing code --connection: %q", out)
	}
	_, out, _ = runArgs("__complete", "diff", "--")
	if !strings.Contains(out, "--json") {
		t.Errorf("completing diff's flags: %q", out)
	}
	_, out, _ = runArgs("__complete", "decode", "--")
	if !strings.Contains(out, "--secret-stdin") || !strings.Contains(out, "--verify") {
		t.Errorf("completing decode's flags: %q", out)
	}
}

func TestManPage(t *testing.T) {
	code, out, errs := runArgs("man")
	if code != exitOK || errs != "" || !strings.Contains(out, ".TH ROTUI 1") {
		t.Fatalf("rotui man: exit %d, stderr %q, stdout starts %.80q", code, errs, out)
	}
	for _, s := range []string{"login", "decode", "diff", "demo-server", "--password-stdin", "--secret-stdin", "--tls-cert", "--compare-realm", "refresh", "--refresh-token-stdin", "--mfa-code"} {
		if !strings.Contains(out, s) {
			t.Errorf("the man page lacks %s", s)
		}
	}
}

// A flag error exits 2 with nothing on stdout, even with --json (a script
// reads stdout as data), and never says back a value, which may be the
// secret itself; a flag that does not exist on purpose says where its
// secret goes.
func TestFlagErrorsExit2QuietlyWithoutEchoingTheValue(t *testing.T) {
	const secret = "hunter2-s3cr3t"
	for _, tc := range []struct {
		args []string
		say  string // in stderr
	}{
		{[]string{"login", "--json", "--password", secret}, "--password-stdin or ROTUI_PASSWORD"},
		{[]string{"login", "--json", "--password=" + secret}, "--password-stdin or ROTUI_PASSWORD"},
		{[]string{"login", "--json", "--password-stdin=" + secret}, "--password-stdin could not be read"},
		{[]string{"login", "--json", "-p" + secret}, "unknown flag -p"},
		{[]string{"login", "--json", "--timeout", secret}, "--timeout could not be read"},
		{[]string{"login", "--json", "--bogus=" + secret}, "unknown flag --bogus"},
		{[]string{"login", "--json", "--domain"}, "--domain needs a value"},
		{[]string{"login", "--json", secret}, "unexpected argument"},
		{[]string{"login", "--password-stdin", secret}, "unexpected argument"},
		{[]string{"decode", "--json", "--secret=" + secret, "t"}, "pipe it to --secret-stdin"},
		{[]string{"decode", "--json", "--secret-stdin=" + secret, "t"}, "--secret-stdin could not be read"},
		{[]string{"decode", "--json", "-s" + secret, "t"}, "unknown flag -s"},
		{[]string{"refresh", "--json", "--refresh-token=" + secret}, "pipe it to --refresh-token-stdin or set ROTUI_REFRESH_TOKEN"},
		{[]string{"refresh", "--json", "--refresh-token-stdin=" + secret}, "--refresh-token-stdin could not be read"},
		{[]string{"refresh", "--refresh-token-stdin", secret}, "unexpected argument"},
		{[]string{"demo-server", "--rate-limit", secret}, "--rate-limit could not be read"},
		{[]string{"--json", secret}, "unknown flag --json"},
		{[]string{"--profile"}, "--profile needs a value"},
		{[]string{"decod", secret}, `unknown command "decod"; did you mean decode?`},
	} {
		code, out, errs := runArgs(tc.args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d", tc.args, code, exitUsage)
		}
		if out != "" {
			t.Errorf("%q: stdout %q, want nothing", tc.args, out)
		}
		if !strings.Contains(errs, tc.say) {
			t.Errorf("%q: stderr %q lacks %q", tc.args, errs, tc.say)
		}
		if strings.Contains(errs, secret) {
			t.Errorf("%q: stderr echoes the value: %q", tc.args, errs)
		}
	}
}

// The standard flag package rotui used before took a long flag with one
// dash too (rotui -demo, decode -json): scripts that typed it still work.
func TestLongFlagsWithOneDash(t *testing.T) {
	// Empty stdin is no token (exit 2), but the flags were read: JSON, with
	// the issuer check asked for.
	code, out, errs := runArgs("decode", "-json", "-", "-issuer=x")
	if code != exitUsage || !strings.HasPrefix(out, "{") || !strings.Contains(out, `"issuer"`) {
		t.Errorf("decode -json -issuer=x with empty stdin: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if _, out, _ := runArgs("-help"); !strings.Contains(out, "EXAMPLES") {
		t.Errorf("rotui -help: %q", out)
	}
	if c, _, errs := runArgs("-demo"); c != exitUsage || !strings.Contains(errs, "needs a terminal") {
		t.Errorf("rotui -demo without a terminal: exit %d, %q", c, errs)
	}
}

// docs/cli.md documents every command and every flag the help shows, so
// that the manual cannot fall behind the declarations.
func TestCLIDocCoversEveryCommandAndFlag(t *testing.T) {
	b, err := os.ReadFile("../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	code := 0
	root := newRootCmd(streams{}, deps{}, &code)
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		if !strings.Contains(doc, "`"+c.CommandPath()) {
			t.Errorf("docs/cli.md does not show %q", c.CommandPath())
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && !strings.Contains(doc, "`--"+f.Name) {
				t.Errorf("docs/cli.md does not document %s --%s", c.CommandPath(), f.Name)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, v := range []string{"ROTUI_PASSWORD", "ROTUI_ID_TOKEN", "ROTUI_BEARER", "ROTUI_MFA_CODE", "ROTUI_REFRESH_TOKEN", "NO_COLOR"} {
		if !strings.Contains(doc, "`"+v+"`") {
			t.Errorf("docs/cli.md does not document %s", v)
		}
	}
}

// At a terminal too, a flag error writes nothing on stdout: not even the
// colour query fang sends before styling an error (the real binary, its
// stdout a pseudo-terminal, its stderr a pipe).
func TestFlagErrorAtATerminalWritesNothingOnStdout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildRotui(t)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var screen bytes.Buffer
	read := make(chan struct{})
	go func() { io.Copy(&screen, ptmx); close(read) }()
	for _, args := range [][]string{
		{"login", "--json", "--password=hunter2-s3cr3t"},
		{"decode", "--json", "--nope", "t"},
		{"--bogus"},
	} {
		var errb bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, &errb
		cmd.Env = append(os.Environ(), "TERM=xterm-256color")
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != exitUsage {
			t.Errorf("rotui %q: %v, want exit %d", args, err, exitUsage)
		}
		if errb.Len() == 0 || strings.Contains(errb.String(), "hunter2") {
			t.Errorf("rotui %q: stderr %q", args, errb.String())
		}
	}
	time.Sleep(100 * time.Millisecond)
	tty.Close()
	ptmx.Close()
	<-read
	if screen.Len() != 0 {
		t.Errorf("flag errors wrote %q on the terminal's stdout", screen.String())
	}
}

// BenchmarkDecodeCommand is `rotui decode TOKEN` after package init: the
// command tree, flag parsing, decoding and the text written. Its start as a
// whole process is measured beside golang-jwt's `jwt -show` with hyperfine.
func BenchmarkDecodeCommand(b *testing.B) {
	tok := auth0IDToken()
	s := streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard, Getenv: func(string) string { return "" }}
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"decode", tok}, s); code > 1 {
			b.Fatalf("exit %d", code)
		}
	}
}
