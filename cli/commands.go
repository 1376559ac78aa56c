package cli

// The command tree: every command, flag, example and exit status declared
// once, with cobra; fang styles the help and cobra adds `rotui completion`.
// Help, completion and the man page are made from these declarations, so
// they cannot drift from the flags. Usage errors are one plain line on
// stderr (see usage), never styled: fang would query the terminal first.

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"charm.land/fang/v2"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/ro/rotest"
	"github.com/rotui/rotui/termsafe"
)

// deps are what the commands need from outside; tests replace them.
type deps struct {
	decode decodeDeps
	// demoServer runs the demo tenant; nil is demoServerRun.
	demoServer func(context.Context, demoServerOptions, streams) int
}

// run runs rotui with args and returns its exit status.
func run(args []string, s streams) int {
	return execute(args, s, deps{decode: decodeDeps{Now: time.Now, ReadFile: readDecodeKeyFile}})
}

// execute runs the command args name, with streams s and dependencies d.
func execute(args []string, s streams, d deps) int {
	if s.Getenv == nil {
		s.Getenv = func(string) string { return "" }
	}
	if s.Out == nil {
		s.Out = io.Discard
	}
	if s.Err == nil {
		s.Err = io.Discard
	}
	code := exitOK
	root := newRootCmd(s, d, &code)
	root.SetArgs(doubleDash(root, args))
	if s.In != nil {
		root.SetIn(s.In)
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	err := fang.Execute(context.Background(), root,
		// Our own --version: cobra's needs SetVersionTemplate to print
		// "rotui VERSION", and text/template's reflection keeps every
		// method in the binary (3.5 MB more to load, a slower start).
		fang.WithoutVersion(),
		fang.WithoutManpage(), // ours writes to the command's stdout, not os.Stdout
		fang.WithErrorHandler(showError),
	)
	if err != nil {
		// Every error that reaches here is one of usage: a flag, an
		// argument or a command that does not exist.
		return exitUsage
	}
	return code
}

// showError says an error cobra found (a command that does not exist, an
// argument a command does not take) on stderr, in one line made safe for
// the terminal: cobra quotes what was typed, and that may hold escape
// sequences. Flag and argument errors of rotui's own commands never come
// here: they are said where they are found (usage), so that fang does not
// query the terminal's colours, on stdout, for an error.
func showError(w io.Writer, _ fang.Styles, err error) {
	msg, _, _ := strings.Cut(err.Error(), "\n") // drop cobra's "Did you mean" block
	fmt.Fprintf(w, "%s\n", termsafe.Line(msg))
}

// usage says a usage error of the command path on stderr, made safe for the
// terminal, and sets the exit status to 2.
func usage(s streams, code *int, path, msg string) {
	fmt.Fprintf(s.Err, "%s: %s\n", path, termsafe.Line(msg))
	*code = exitUsage
}

// newRootCmd is rotui and its commands; code receives the exit status of
// the command that ran.
func newRootCmd(s streams, d deps, code *int) *cobra.Command {
	var (
		o       tuiOptions
		version bool
	)
	root := &cobra.Command{
		Use:   "rotui",
		Short: "Auth0 Resource Owner login (POST /oauth/ro) and token inspector",
		Long: `rotui: Auth0 Resource Owner login (POST /oauth/ro) and token inspector.

Without a command it opens the terminal UI (--demo: against the embedded demo
tenant on loopback, the form filled in for it).

Exit status, for all commands: 0 success; 1 the server said no, or the token
failed a check; 2 bad usage, or input that is not a token; 3 network or server fault.`,
		Example: `# the terminal UI against the embedded demo tenant
rotui --demo
# the terminal UI with a saved profile, tokens masked on screen
rotui --profile acme --redact`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				msg := fmt.Sprintf("unknown command %q", args[0])
				if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
					msg += "; did you mean " + strings.Join(near, " or ") + "?"
				}
				usage(s, code, "rotui", msg+"; run \"rotui help\" for the commands")
				return nil
			}
			if version {
				fmt.Fprintf(s.Out, "rotui %s\n", Version)
				return nil
			}
			*code = tuiMain(cmd.Context(), o, s)
			return nil
		},
	}
	f := root.Flags()
	f.BoolVarP(&version, "version", "v", false, "print rotui's version")
	f.BoolVar(&o.Demo, "demo", false, "start the embedded demo tenant on loopback and fill the form for it")
	f.BoolVar(&o.Insecure, "insecure", false, "allow plain http to a host that is not loopback (a warning stays on screen)")
	f.BoolVar(&o.Redact, "redact", false, "presenter mode: keep tokens, emails and secrets masked on screen (ctrl+x toggles it)")
	f.StringVar(&o.Profile, "profile", "", "fill the form from this saved profile (default: the profile used last)")
	f.StringVar(&o.Config, "config", "", "the config file of saved profiles (default: your config folder's rotui/config.toml)")
	// A flag error is said here, and returning nil ends the run: the
	// command does not run, and the status is 2.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		usage(s, code, c.CommandPath(), flagProblem(err, c.CommandPath(), secretFlagsOf[c.Name()]))
		return nil
	})
	root.AddCommand(
		newLoginCmd(s, code),
		newRefreshCmd(s, code),
		newRevokeCmd(s, code),
		newCodeCmd(s, code),
		newDecodeCmd(s, d, code),
		newDiffCmd(s, d, code),
		newDemoServerCmd(s, d, code),
		&cobra.Command{
			Use:   "version",
			Short: "Print rotui's version (as --version does)",
			Run: func(cmd *cobra.Command, _ []string) {
				fmt.Fprintf(s.Out, "rotui %s\n", Version)
			},
		},
		&cobra.Command{
			Use:     "man",
			Short:   "Print rotui's manual page (roff) on stdout",
			Example: "rotui man > rotui.1 && man ./rotui.1",
			RunE: func(cmd *cobra.Command, _ []string) error {
				page, err := mcobra.NewManPage(1, cmd.Root())
				if err != nil {
					fmt.Fprintf(s.Err, "rotui man: %v\n", err)
					*code = exitFault
					return nil
				}
				fmt.Fprint(s.Out, page.Build(roff.NewDocument()))
				return nil
			},
		},
	)
	return root
}

// secretFlagsOf are, for each command, the flags that do not exist on
// purpose (see flags.go).
var secretFlagsOf = map[string]map[string]string{
	"login":   loginSecretFlags,
	"decode":  decodeSecretFlags,
	"refresh": refreshSecretFlags,
	"revoke":  refreshSecretFlags,
}

func newLoginCmd(s streams, code *int) *cobra.Command {
	var o loginOptions
	cmd := &cobra.Command{
		Use:   "login",
		Short: "One login call, no UI; --json for scripts",
		Long: `One login call, no TUI. The password comes from --password-stdin or the
ROTUI_PASSWORD environment variable, never from a flag (it would land in shell
history and ps). ROTUI_ID_TOKEN, ROTUI_BEARER and ROTUI_MFA_CODE stand in for
--id-token, --bearer and --mfa-code the same way (a flag given wins).

Exit status: 0 tokens came back; 1 the server said no; 2 bad usage; 3 network
or server fault. With --userinfo the /userinfo call counts too (refused 1,
fault 3); a --report file that cannot be written is 2. With --compare-realm
the /oauth/ro answer decides; a realm login that is refused is shown in the
comparison, one that met a network or server fault makes it 3.`,
		Example: `# against the demo tenant (rotui demo-server prints its URL)
printf '%s\n' "$PW" | rotui login --domain http://127.0.0.1:PORT --client-id ` + rotest.ClientID + ` \
  --connection ` + rotest.Connection + ` --username ` + rotest.UserAlice + ` --password-stdin --json
# a saved profile, the password from the environment, then GET /userinfo
ROTUI_PASSWORD=… rotui login --profile acme --userinfo
# what migrating to the realm flow changes for this user, as one JSON object
ROTUI_PASSWORD=… rotui login --profile acme --compare-realm --json | jq -r '.comparison.summary[]'
# a user with MFA on: the code the authenticator app shows now
ROTUI_PASSWORD=… rotui login --profile acme --username mfa@example.com --mfa-code 123456
# the fields of a curl command copied from the browser (flags given win)
pbpaste | rotui login --from-curl -
# the token endpoint's password-realm grant, with an API audience
rotui login --flow realm --domain acme.us.auth0.com --client-id ID --connection db \
  --username u@example.com --audience https://api.example.com --password-stdin`,
		Args: cobra.ArbitraryArgs,
		RunE: flagsOnly(s, code, "rotui login", "--password-stdin, --id-token-stdin and --json", func(cmd *cobra.Command) int {
			o.Given = cmd.Flags().Changed
			return loginMain(cmd.Context(), o, s)
		}),
	}
	f := cmd.Flags()
	r := &o.Request
	callFlags{&r.Domain, &r.ClientID, &o.Timeout, &o.JSON, &r.Insecure}.bind(f, "the application's client ID")
	f.StringVar(&r.Connection, "connection", "", "the connection (sent as realm in the realm flow; not used by password)")
	f.StringVar(&r.Username, "username", "", "the user's username or email")
	f.BoolVar(&o.PasswordStdin, "password-stdin", false, "read the password from the first line of stdin (or ROTUI_PASSWORD)")
	f.StringVar(&r.Scope, "scope", "openid", "scopes, space-separated")
	f.StringVar(&r.Device, "device", "", "device name (a refresh token needs it and offline_access; ro flow only)")
	f.StringVar(&r.IDToken, "id-token", "", "an ID token to exchange (jwt-bearer delegation, ro flow, without --username); masked in all output")
	f.BoolVar(&o.IDTokenStdin, "id-token-stdin", false, "read that ID token from the first line of stdin instead (or ROTUI_ID_TOKEN), so ps and the shell history do not keep it")
	f.StringVar(&r.Bearer, "bearer", "", "sent as Authorization: Bearer token (or ROTUI_BEARER); masked in all output")
	f.StringVar(&o.Flow, "flow", "ro", "which call: ro (POST /oauth/ro), realm (POST /oauth/token, password-realm), or password (the token endpoint from OIDC discovery)")
	f.StringVar(&r.Audience, "audience", "", "the API audience (realm and password flows)")
	f.StringVar(&r.MFACode, "mfa-code", "", "the one-time code of a user with MFA on, sent as mfa_code (ro flow); or ROTUI_MFA_CODE, which this flag wins over; masked in all output")
	f.BoolVar(&o.CompareRealm, "compare-realm", false, "then send the same login through the realm flow and show what migrating changes (ro flow; --audience goes to the realm call only)")
	f.StringVar(&o.FromCurl, "from-curl", "", "fill the fields from the curl command in this file (- for stdin): a browser's Copy as cURL, Auth0's docs, rotui's curl pane; flags given win")
	o.Extras.bind(f)
	_ = cmd.RegisterFlagCompletionFunc("flow", flowCompletions)
	return cmd
}

// flowCompletions are the values of --flow, each with what it calls.
var flowCompletions = cobra.FixedCompletions(
	[]string{"ro\tPOST /oauth/ro", "realm\tPOST /oauth/token, password-realm", "password\tthe token endpoint of OIDC discovery"},
	cobra.ShellCompDirectiveNoFileComp)

// issuedByCompletions are the values of refresh's and revoke's --flow:
// the flow whose login gave the refresh token.
var issuedByCompletions = cobra.FixedCompletions(
	[]string{"ro\ta refresh token from /oauth/ro", "realm\tone from /oauth/token (password-realm)",
		"password\tone from the token endpoint of OIDC discovery"},
	cobra.ShellCompDirectiveNoFileComp)

// flagsOnly is the RunE of the command path that takes flags only (noValue
// names its flags that take no value): an argument is a usage error said
// without saying back what was typed, since after a flag that takes no
// value (--password-stdin hunter2) it may be the secret itself; else run
// runs the command and gives its exit status.
func flagsOnly(s streams, code *int, path, noValue string, run func(*cobra.Command) int) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			usage(s, code, path, fmt.Sprintf("unexpected argument (%d of them, not said back: one may be a secret); every input is a flag, and %s take no value (see %s --help)", len(args), noValue, path))
			return nil
		}
		*code = run(cmd)
		return nil
	}
}

// callFlags are where the flags every command that makes one call has
// (login, refresh, revoke, code) are stored: the tenant, the application,
// the time the call may take, --json and --insecure.
type callFlags struct {
	Domain, ClientID *string
	Timeout          *time.Duration
	JSON, Insecure   *bool
}

// issuedToHelp is --client-id's help where the call carries a refresh token.
const issuedToHelp = "the client ID of the application the refresh token was issued to"

// bind declares the call's flags on f; clientIDHelp says which application
// --client-id names for this command.
func (c callFlags) bind(f *pflag.FlagSet, clientIDHelp string) {
	f.StringVar(c.Domain, "domain", "", "tenant: acme.us.auth0.com, https://acme.us.auth0.com/, or http://127.0.0.1:PORT")
	f.StringVar(c.ClientID, "client-id", "", clientIDHelp)
	f.DurationVar(c.Timeout, "timeout", ro.DefaultTimeout, "time allowed for the whole call")
	f.BoolVar(c.JSON, "json", false, "print one JSON object on stdout instead of text")
	f.BoolVar(c.Insecure, "insecure", false, "allow plain http to a host that is not this machine")
}

func newRefreshCmd(s streams, code *int) *cobra.Command {
	var o refreshOptions
	cmd := &cobra.Command{
		Use:   "refresh",
		Short: "Use a refresh token the way its flow allows (/delegation or /oauth/token); --json",
		Long: `Use a refresh token, no TUI: one from /oauth/ro (--flow ro, the default) goes to
the legacy POST /delegation, which answers a new ID token; one from the realm
or password flow goes back to its token endpoint with the refresh_token grant.
Each endpoint refuses the other's tokens, so --flow names the flow whose login
gave the token. rotui says which endpoint and why, then shows the new tokens
and their checks as rotui login does.

The refresh token comes from --refresh-token-stdin or the ROTUI_REFRESH_TOKEN
environment variable (the flag wins), never from a flag's value: it would land
in shell history and ps, and it works until it is revoked. It is masked in all
output.

Exit status: 0 tokens came back; 1 the server said no (revoked, unknown, from
another flow); 2 bad usage; 3 network or server fault.`,
		Example: `# a refresh token from rotui login --json (offline_access and a device, ro flow)
jq -r .tokens.refresh_token login.json | rotui refresh --domain acme.us.auth0.com \
  --client-id ID --refresh-token-stdin
# one from the realm flow, the new tokens for a script
ROTUI_REFRESH_TOKEN=… rotui refresh --flow realm --domain acme.us.auth0.com --client-id ID --json
# /delegation: keep the first login's claims in the new ID token
ROTUI_REFRESH_TOKEN=… rotui refresh --domain acme.us.auth0.com --client-id ID --scope "openid passthrough"`,
		Args: cobra.ArbitraryArgs,
		RunE: flagsOnly(s, code, "rotui refresh", "--refresh-token-stdin and --json", func(cmd *cobra.Command) int {
			return refreshMain(cmd.Context(), o, s)
		}),
	}
	f := cmd.Flags()
	r := &o.Refresh
	callFlags{&r.Domain, &r.ClientID, &o.Timeout, &o.JSON, &r.Insecure}.bind(f, issuedToHelp)
	f.StringVar(&o.Flow, "flow", "ro", "the flow whose login gave the refresh token: ro (refreshed at /delegation), realm or password (the refresh_token grant)")
	f.BoolVar(&o.RefreshTokenStdin, "refresh-token-stdin", false, "read the refresh token from the first line of stdin (or ROTUI_REFRESH_TOKEN)")
	f.StringVar(&r.Scope, "scope", "", "scopes to ask for; /delegation: default openid, passthrough keeps the first login's claims; /oauth/token: default the scope first granted")
	f.StringVar(&r.APIType, "api-type", "", "for /delegation only: the kind of token asked for; app (the default), an ID token for an application")
	f.StringVar(&r.Target, "target", "", "for /delegation only: the client ID the new ID token is for (default: --client-id)")
	_ = cmd.RegisterFlagCompletionFunc("flow", issuedByCompletions)
	_ = cmd.RegisterFlagCompletionFunc("api-type", cobra.FixedCompletions(
		[]string{"app\tan ID token for an application (add-on types need the add-on on the tenant)"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func newRevokeCmd(s streams, code *int) *cobra.Command {
	var o revokeOptions
	cmd := &cobra.Command{
		Use:   "revoke",
		Short: "Revoke a refresh token (POST /oauth/revoke); --json",
		Long: `Revoke a refresh token, so that the tenant takes it no more: POST /oauth/revoke
(for one from the password flow, the revocation endpoint OIDC discovery
finds). The tenant answers 200 for a token it does not know too, so a 200
does not tell whether the token was live.

The refresh token comes from --refresh-token-stdin or the ROTUI_REFRESH_TOKEN
environment variable (the flag wins), never from a flag's value. It is masked
in all output.

Exit status: 0 revoked (or never known); 1 the server said no; 2 bad usage;
3 network or server fault.`,
		Example: `jq -r .tokens.refresh_token login.json | rotui revoke --domain acme.us.auth0.com \
  --client-id ID --refresh-token-stdin
ROTUI_REFRESH_TOKEN=… rotui revoke --domain acme.us.auth0.com --client-id ID --json`,
		Args: cobra.ArbitraryArgs,
		RunE: flagsOnly(s, code, "rotui revoke", "--refresh-token-stdin and --json", func(cmd *cobra.Command) int {
			return revokeMain(cmd.Context(), o, s)
		}),
	}
	f := cmd.Flags()
	r := &o.Refresh
	callFlags{&r.Domain, &r.ClientID, &o.Timeout, &o.JSON, &r.Insecure}.bind(f, issuedToHelp)
	f.StringVar(&o.Flow, "flow", "ro", "the flow whose login gave the refresh token: ro or realm (POST /oauth/revoke), or password (the revocation endpoint of OIDC discovery)")
	f.BoolVar(&o.RefreshTokenStdin, "refresh-token-stdin", false, "read the refresh token from the first line of stdin (or ROTUI_REFRESH_TOKEN)")
	_ = cmd.RegisterFlagCompletionFunc("flow", issuedByCompletions)
	return cmd
}

func newCodeCmd(s streams, code *int) *cobra.Command {
	var o codeOptions
	cmd := &cobra.Command{
		Use:   "code",
		Short: "Passwordless: ask the tenant to send a one-time code (POST /passwordless/start)",
		Long: `Ask the tenant to send a one-time code by text message (--connection sms, the
phone number in E.164 form as --username) or by e-mail (--connection email):
POST /passwordless/start with send "code". rotui says where it went, and the
rotui login command to type the code into: the ro flow, with the phone number
or e-mail as the username and the code as the password.

Exit status: 0 the tenant said it sent the code; 1 the server said no; 2 bad
usage; 3 network or server fault.`,
		Example: `rotui code --domain acme.us.auth0.com --client-id ID --connection sms --username +15555550100
# then the login it prints, the code typed at its prompt
rotui login --domain acme.us.auth0.com --client-id ID --connection sms --username +15555550100 --password-stdin
rotui code --domain acme.us.auth0.com --client-id ID --connection email --username alice@example.com --json`,
		Args: cobra.ArbitraryArgs,
		RunE: flagsOnly(s, code, "rotui code", "--json and --insecure", func(cmd *cobra.Command) int {
			return codeMain(cmd.Context(), o, s)
		}),
	}
	f := cmd.Flags()
	r := &o.Request
	callFlags{&r.Domain, &r.ClientID, &o.Timeout, &o.JSON, &r.Insecure}.bind(f, "the application's client ID")
	f.StringVar(&r.Connection, "connection", "", "the passwordless connection: sms (a text message) or email")
	f.StringVar(&r.Recipient, "username", "", "where the code goes, the username of the login after it: a phone number in E.164 form (+15555550100) for sms, an e-mail address for email")
	_ = cmd.RegisterFlagCompletionFunc("connection", cobra.FixedCompletions(
		[]string{"sms\ta text message to a phone number", "email\tan e-mail"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func newDecodeCmd(s streams, d deps, code *int) *cobra.Command {
	var o decodeOptions
	cmd := &cobra.Command{
		Use:   "decode [TOKEN|-]",
		Short: "Inspect a token (JWT, JWE or opaque); --verify to check its signature",
		Long: `Decode a token (JWT, JWE or opaque) and explain it; with - or no TOKEN it is
read from stdin. Nothing goes over the network unless keys are asked for.

Exit status: 0 the token decoded (and passed every check asked for; an opaque
token or a JWE decodes with 0 when no check is asked of it); 1 a check failed
(expired or not yet valid, always; signature, issuer, audience when asked
for), or one asked for could not be made (an opaque token or a JWE has
nothing to check: never a pass); 2 bad usage, or the input is not a token, or
the --report file could not be written; 3 keys could not be fetched.`,
		Example: `rotui decode "$TOKEN"
pbpaste | rotui decode
# check the signature with keys found from the token's iss, and who it is for
rotui decode --verify --issuer https://acme.us.auth0.com/ --audience CLIENT_ID "$TOKEN"
# an HS256 token with its client secret, from stdin
printf '%s\n' "$SECRET" | rotui decode --secret-stdin "$TOKEN"
rotui decode --json "$TOKEN" | jq .`,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) > 1:
				usage(s, code, "rotui decode", fmt.Sprintf("give one token, not %d (quote it if it holds spaces)", len(args)))
				return nil
			case len(args) == 1:
				o.Token = args[0]
			}
			*code = decodeMain(cmd.Context(), o, s, d.decode)
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.JSON, "json", false, "one JSON object on stdout")
	f.BoolVar(&o.Verify, "verify", false, "check the signature with keys found from the token's iss (OIDC discovery, then {iss}/.well-known/jwks.json)")
	f.StringVar(&o.JWKSURL, "jwks", "", "check the signature with the keys of this JWKS URL")
	f.StringVar(&o.KeyFile, "key", "", "check the signature with this PEM public key or certificate file")
	f.BoolVar(&o.SecretStdin, "secret-stdin", false, "check an HS256/384/512 signature with the secret read from stdin (one line); the token must then be an argument")
	f.BoolVar(&o.SecretBase64, "secret-base64", false, "the secret is base64-encoded (Auth0 clients made before December 2016 showed it so)")
	f.StringVar(&o.Issuer, "issuer", "", "expect this iss (Auth0: https://TENANT/, with the slash)")
	f.StringVar(&o.Audience, "audience", "", "expect this aud (a client ID or an API identifier)")
	f.StringVar(&o.Report, "report", "", "also write a shareable Markdown report (the token shortened, its signature and any secret cut) to file; a regular file there is replaced, a link or anything else refused")
	return cmd
}

func newDiffCmd(s streams, d deps, code *int) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff A B",
		Short: "Compare two tokens: header and claims added, removed, changed",
		Long: `Compare two tokens side by side: the header and the claims added, removed and
changed (with both values), times compared as times ("exp 10m0s later"), the
lifetimes, the signatures and the issuers. Each of A and B is a token, a file
holding one, or - for stdin (one of them at most). An opaque token or a JWE
compares what it can (its kind, its length, a JWE's header) and says why the
rest cannot. Nothing goes over the network.

Exit status: 0 whatever differs; 2 bad usage, or an argument that is not a
token (the comparison of what could be read is still written).`,
		Example: `rotui diff "$OLD_TOKEN" "$NEW_TOKEN"
# a token in a file against one on stdin
pbpaste | rotui diff before.jwt -
rotui diff --json "$A" "$B" | jq '.changed[] | {name, a, b}'`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				usage(s, code, "rotui diff", fmt.Sprintf("give two tokens to compare (A and B), not %d; each a token, a file holding one, or - for stdin", len(args)))
				return nil
			}
			o.A, o.B = args[0], args[1]
			*code = diffMain(cmd.Context(), o, s, d.decode)
			return nil
		},
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "one JSON object on stdout: added, removed, changed (with both values) and same")
	return cmd
}

func newDemoServerCmd(s streams, d deps, code *int) *cobra.Command {
	var o demoServerOptions
	cmd := &cobra.Command{
		Use:   "demo-server",
		Short: "Only the demo tenant; the first stdout line is its base URL",
		Long: `Runs only the demo tenant, on loopback, until interrupted (Ctrl+C or SIGTERM).
The first line of stdout is its base URL; the demo clients, users, passwords
and the HS256 client secret follow.`,
		Example: `URL=$(rotui demo-server | head -1)
rotui demo-server --addr 127.0.0.1:8080 --legacy-off
rotui demo-server --tls-cert demo.pem --rate-limit 10 --latency 2s`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				usage(s, code, "rotui demo-server", fmt.Sprintf("unexpected argument %q; the demo server takes flags only (see --help)", args[0]))
				return nil
			}
			if msg := o.problem(); msg != "" {
				usage(s, code, "rotui demo-server", msg)
				return nil
			}
			o.Tenant.TLS = o.CertOut != ""
			runServer := d.demoServer
			if runServer == nil {
				runServer = demoServerMain
			}
			*code = runServer(cmd.Context(), o, s)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Addr, "addr", "127.0.0.1:0", "address to listen on (port 0: a free port)")
	f.DurationVar(&o.Tenant.TokenTTL, "token-ttl", rotest.DefaultTokenTTL, "lifetime of the tokens it issues")
	f.Var(legacyOffFlag{&o.Tenant}, "legacy-off", "answer a bare 404 \"Not Found\" on /oauth/ro and /delegation, as a tenant made after June 2017; =json: an endpoint_disabled JSON body")
	f.Lookup("legacy-off").NoOptDefVal = "text"
	f.BoolVar(&o.Tenant.RequireBearer, "require-bearer", false, "require an Authorization: Bearer header on /oauth/ro")
	f.IntVar(&o.Tenant.RateLimit, "rate-limit", 0, "answer 429 past N calls a minute (0: send the headers only)")
	f.DurationVar(&o.Tenant.Latency, "latency", 0, "delay every answer by this long (to watch a call in flight)")
	f.StringVar(&o.CertOut, "tls-cert", "", "serve https with a self-signed certificate, written to FILE (PEM) for clients to trust")
	return cmd
}

// interruptible is ctx ended by Ctrl+C (and the other signals given).
func interruptible(ctx context.Context, sig ...os.Signal) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	return signal.NotifyContext(ctx, append([]os.Signal{os.Interrupt}, sig...)...)
}

// doubleDash lets a long flag be typed with one dash, as the standard flag
// package that rotui used before allowed (rotui -demo, decode -json): each
// argument before "--" that is "-NAME" or "-NAME=…" for a long flag NAME of
// some command becomes "--NAME…". Shorthands (-h, -v) stay as they are.
func doubleDash(root *cobra.Command, args []string) []string {
	if !slices.ContainsFunc(args, oneDashWord) {
		return args // the usual case: nothing to look up
	}
	long := map[string]bool{"help": true, "version": true}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { long[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	out := make([]string, len(args))
	copy(out, args)
	for i, a := range out {
		if a == "--" {
			break
		}
		if !oneDashWord(a) {
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		if long[name] {
			out[i] = "-" + a
		}
	}
	return out
}

// oneDashWord is "-xy…": a dash and at least two characters, not "--…".
func oneDashWord(a string) bool { return len(a) >= 3 && a[0] == '-' && a[1] != '-' }
