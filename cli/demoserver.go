package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rotui/rotui/internal/safefile"
	"github.com/rotui/rotui/ro/rotest"
	"github.com/rotui/rotui/termsafe"
)

// demoServerOptions are the flags of `rotui demo-server`.
type demoServerOptions struct {
	Addr    string
	CertOut string // with TLS: where the self-signed certificate (PEM) is written
	Tenant  rotest.Options
	Grace   time.Duration // how long calls in flight may finish on stop; 0: 5s
}

func (o demoServerOptions) grace() time.Duration {
	if o.Grace <= 0 {
		return 5 * time.Second
	}
	return o.Grace
}

const demoServerUsage = `Usage: rotui demo-server [flags]

Runs only the demo tenant, on loopback, until interrupted (Ctrl+C or SIGTERM).
The first line of stdout is its base URL; the demo clients, users, passwords
and the HS256 client secret follow.

Flags:
`

// demoServerMain parses the flags of `rotui demo-server` and runs the
// tenant until SIGINT or SIGTERM.
func demoServerMain(args []string, s streams) int {
	opts, code, ok := parseDemoServerFlags(args, s)
	if !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// `rotui demo-server | head -1` closes stdout after the URL: the
	// server must keep serving, not die of SIGPIPE on the next line.
	signal.Ignore(syscall.SIGPIPE)
	return demoServerRun(ctx, opts, s)
}

// parseDemoServerFlags reads the flags; ok is false when the command
// should end at once with code (0 after --help, 2 for bad usage).
func parseDemoServerFlags(args []string, s streams) (opts demoServerOptions, code int, ok bool) {
	fs := flag.NewFlagSet("demo-server", flag.ContinueOnError)
	fs.SetOutput(s.Err)
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:0", "`address` to listen on (port 0: a free port)")
	fs.DurationVar(&opts.Tenant.TokenTTL, "token-ttl", rotest.DefaultTokenTTL, "lifetime of the tokens it issues")
	fs.BoolVar(&opts.Tenant.LegacyOff, "legacy-off", false, "answer 404 on /oauth/ro, as a tenant made after June 2017")
	fs.BoolVar(&opts.Tenant.RequireBearer, "require-bearer", false, "require an Authorization: Bearer header on /oauth/ro")
	fs.IntVar(&opts.Tenant.RateLimit, "rate-limit", 0, "answer 429 past `N` calls a minute (0: send the headers only)")
	fs.DurationVar(&opts.Tenant.Latency, "latency", 0, "delay every answer by this long (to watch a call in flight)")
	fs.StringVar(&opts.CertOut, "tls-cert", "", "serve https with a self-signed certificate, written to `FILE` (PEM) for clients to trust")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), demoServerUsage)
		// As PrintDefaults, with the double dashes the README uses.
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(fs.Output(), "  --%s", f.Name)
			if name != "" {
				fmt.Fprintf(fs.Output(), " %s", name)
			}
			fmt.Fprintf(fs.Output(), "\n    \t%s", usage)
			if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && f.DefValue != "0s" {
				fmt.Fprintf(fs.Output(), " (default %s)", f.DefValue)
			}
			fmt.Fprintln(fs.Output())
		})
	}
	// The flag package would print its error raw: a flag name typed with an
	// escape sequence in it would reach the terminal. Say it through Safe.
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(s.Err)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return opts, 0, false
		}
		fmt.Fprintf(s.Err, "rotui demo-server: %s\n\n", termsafe.Line(err.Error()))
		fs.Usage()
		return opts, 2, false
	}
	bad := func(format string, a ...any) (demoServerOptions, int, bool) {
		fmt.Fprintf(s.Err, "rotui demo-server: "+format+"\n", a...)
		return opts, 2, false
	}
	switch {
	case fs.NArg() > 0:
		return bad("unexpected argument %q; the demo server takes flags only (see --help).", termsafe.Line(fs.Arg(0)))
	case opts.Tenant.TokenTTL <= 0:
		return bad("--token-ttl must be a positive duration, such as 10m or 90s.")
	case opts.Tenant.RateLimit < 0:
		return bad("--rate-limit must be 0 (no limit) or a positive number of calls a minute.")
	case opts.Tenant.Latency < 0 || opts.Tenant.Latency > time.Minute:
		return bad("--latency must be between 0 and 1m.")
	}
	if _, _, err := net.SplitHostPort(opts.Addr); err != nil {
		return bad("--addr %q is not host:port; use e.g. 127.0.0.1:8080, or 127.0.0.1:0 for a free port.", termsafe.Line(opts.Addr))
	}
	opts.Tenant.TLS = opts.CertOut != ""
	return opts, 0, true
}

// demoServerRun starts the tenant, prints its base URL as the first line
// of s.Out, then the demo data, and serves until ctx ends.
func demoServerRun(ctx context.Context, opts demoServerOptions, s streams) int {
	srv, err := rotest.Start(opts.Addr, opts.Tenant)
	if err != nil {
		fmt.Fprintf(s.Err, "rotui demo-server: %v\n", err)
		return 3
	}
	if opts.CertOut != "" {
		// Public data, but the file is written where asked: never through a
		// link planted there, as a report is not.
		if _, err := safefile.Replace(opts.CertOut, srv.CertPEM(), 0o644); err != nil {
			srv.Close()
			fmt.Fprintf(s.Err, "rotui demo-server: cannot write the certificate: %v\n", err)
			return 3
		}
	}
	// Scripts read the first line: it is the URL and nothing else.
	fmt.Fprintln(s.Out, srv.URL)
	fmt.Fprintln(s.Out)
	rotest.Describe(s.Out)
	fmt.Fprintln(s.Out)
	fmt.Fprintf(s.Out, "Issuer %s · JWKS %s/.well-known/jwks.json · tokens live %s\n", srv.Issuer, srv.URL, opts.Tenant.TokenTTL)
	for _, note := range demoServerNotes(opts) {
		fmt.Fprintln(s.Out, note)
	}
	if host, _, _ := net.SplitHostPort(opts.Addr); !isLoopbackHost(host) {
		fmt.Fprintf(s.Err, "rotui demo-server: warning: listening on %s, not only on loopback; the demo passwords are public, so anyone who can reach it can log in.\n", opts.Addr)
	}
	fmt.Fprintln(s.Err, "rotui demo-server: running; press Ctrl+C to stop.")

	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), opts.grace())
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			fmt.Fprintf(s.Err, "rotui demo-server: stopped; calls still in flight after %s were cut.\n", opts.grace())
			return 0
		}
		fmt.Fprintf(s.Err, "rotui demo-server: stopping: %v\n", err)
		return 3
	}
	fmt.Fprintln(s.Err, "rotui demo-server: stopped.")
	return 0
}

// demoServerNotes says which non-default behaviours are on.
func demoServerNotes(opts demoServerOptions) []string {
	var notes []string
	if opts.Tenant.LegacyOff {
		notes = append(notes, "Legacy off: /oauth/ro answers 404 endpoint_disabled; use /oauth/token (password-realm).")
	}
	if opts.Tenant.RequireBearer {
		notes = append(notes, "Bearer required: /oauth/ro answers 401 without an Authorization: Bearer header (any value passes).")
	}
	if opts.Tenant.RateLimit > 0 {
		notes = append(notes, fmt.Sprintf("Rate limit: %d calls a minute, then 429 too_many_requests.", opts.Tenant.RateLimit))
	}
	if opts.Tenant.Latency > 0 {
		notes = append(notes, fmt.Sprintf("Latency: every answer is delayed by %s.", opts.Tenant.Latency))
	}
	if opts.CertOut != "" {
		notes = append(notes, fmt.Sprintf("TLS: self-signed certificate written to %s (e.g. NODE_EXTRA_CA_CERTS=%s, curl --cacert %s).", opts.CertOut, opts.CertOut, opts.CertOut))
	}
	return notes
}

// isLoopbackHost is true for localhost and loopback addresses.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
