package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/report"
	"github.com/rotui/rotui/termsafe"
)

// decodeOptions is what `rotui decode` was asked to do.
type decodeOptions struct {
	Token        string // the token, or "" / "-" to read it from stdin
	JSON         bool
	Verify       bool   // find keys from the token's iss (OIDC discovery)
	JWKSURL      string // --jwks
	KeyFile      string // --key, a PEM public key
	SecretStdin  bool   // read the HS secret from stdin
	SecretBase64 bool   // the secret is base64-encoded (Auth0 clients before Dec 2016)
	Issuer       string
	Audience     string
	Report       string // --report FILE: also write the shareable Markdown report there
}

// decodeDeps are what runDecode needs from outside; tests replace them.
type decodeDeps struct {
	Now        func() time.Time
	HTTPClient *http.Client // nil: jwtview's default, with a timeout
	ReadFile   func(string) ([]byte, error)
}

// decodeMain checks the options of `rotui decode` and runs it.
func decodeMain(ctx context.Context, o decodeOptions, s streams, d decodeDeps) int {
	if msg := o.problem(); msg != "" {
		fmt.Fprintf(s.Err, "rotui decode: %s\n", termsafe.Line(msg))
		return exitUsage
	}
	if o.Verify || o.JWKSURL != "" {
		// Only fetching keys takes long enough to be worth a clean Ctrl+C;
		// a decode without the network does not pay for the handler
		// (a signal thread started, then waited for).
		var stop context.CancelFunc
		ctx, stop = interruptible(ctx)
		defer stop()
	}
	return runDecode(ctx, o, s, d)
}

// problem is why the options cannot go together, or "".
func (o decodeOptions) problem() string {
	sources := 0
	for _, set := range []bool{o.JWKSURL != "", o.KeyFile != "", o.SecretStdin} {
		if set {
			sources++
		}
	}
	switch {
	case sources > 1:
		return "give one key source: --jwks, --key or --secret-stdin"
	case o.SecretStdin && (o.Token == "" || o.Token == "-"):
		return "--secret-stdin reads the secret from stdin, so give the token as an argument"
	case o.SecretBase64 && !o.SecretStdin:
		return "--secret-base64 goes with --secret-stdin"
	}
	if o.JWKSURL != "" {
		if err := jwtview.CheckKeyURL(o.JWKSURL); err != nil {
			return "--jwks: " + err.Error()
		}
	}
	return ""
}

func readDecodeKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A PEM key is a few KB; a larger file is the wrong file.
	b, err := io.ReadAll(io.LimitReader(f, 1<<20+1))
	if err == nil && len(b) > 1<<20 {
		err = fmt.Errorf("%s is larger than 1 MiB; that is no PEM key", path)
	}
	return b, err
}

// decodeResult is everything `rotui decode` found, for both renderings.
type decodeResult struct {
	Token    *jwtview.Token
	Expiry   jwtview.Expiry
	Checks   jwtview.Verification
	Asked    bool // verification was asked for
	Now      time.Time
	ExitCode int
	Verdict  string // a word for scripts: valid, invalid, unverified, unverifiable, keys_unavailable, opaque, encrypted, malformed
	Summary  string // the one-line verdict for people
}

// runDecode decodes (and verifies) one token and writes the result.
func runDecode(ctx context.Context, o decodeOptions, s streams, d decodeDeps) int {
	raw := o.Token
	if raw == "" || raw == "-" {
		var err error
		if raw, err = readTokenStdin(s, "rotui decode"); err != nil {
			fmt.Fprintf(s.Err, "rotui decode: %v\n", err)
			return exitUsage
		}
	}
	in := inspect.Input{
		Pasted: raw, JWKSURL: o.JWKSURL, Discover: o.Verify,
		ExpectedIssuer: o.Issuer, ExpectedAudience: o.Audience,
		Now: d.Now(), HTTPClient: d.HTTPClient,
	}
	if o.KeyFile != "" {
		pem, err := d.ReadFile(o.KeyFile)
		if err != nil {
			fmt.Fprintf(s.Err, "rotui decode: --key: %s\n", termsafe.Line(err.Error()))
			return exitUsage
		}
		if _, err := jwtview.ParsePublicKeyPEM(pem); err != nil {
			fmt.Fprintf(s.Err, "rotui decode: --key %s: %s\n", termsafe.Line(o.KeyFile), termsafe.Line(err.Error()))
			return exitUsage
		}
		in.PEM = pem
	}
	if o.SecretStdin {
		line, err := readSecret(s, "Client secret: ")
		secret := []byte(line)
		if err != nil || len(secret) == 0 {
			fmt.Fprintln(s.Err, "rotui decode: --secret-stdin: no secret on stdin (give it as one line)")
			return exitUsage
		}
		if o.SecretBase64 {
			if _, err := jwtview.DecodeSecret(secret); err != nil {
				fmt.Fprintf(s.Err, "rotui decode: --secret-base64: %v\n", err)
				return exitUsage
			}
		}
		in.Secret, in.SecretBase64 = secret, o.SecretBase64
	}

	insp := inspect.New(in)
	tok := insp.Token(inspect.RolePasted)
	r := decodeResult{Token: tok.Decoded, Now: in.Now}
	r.Expiry = tok.Lifetime.At(r.Now)
	r.Checks = tok.Verify(ctx, nil)
	r.Asked = len(r.Checks.Requested) > 0
	if r.Asked {
		insp.Apply(inspect.RolePasted, r.Checks)
	}
	judgeDecode(&r)

	if o.JSON {
		if err := writeDecodeJSON(s.Out, &r); err != nil {
			fmt.Fprintf(s.Err, "rotui decode: %v\n", err)
			return exitUsage
		}
	} else {
		out := s.Out
		var st decodeStyles
		if s.OutTTY && !decodeNoColor(s.Getenv) {
			st = newDecodeStyles()
			if f, ok := s.Out.(*os.File); ok {
				// Downsample to what the terminal can show (TERM=dumb: none).
				out = colorprofile.NewWriter(f, os.Environ())
			}
		}
		renderDecode(out, &r, st)
	}
	if o.Report != "" {
		if err := writeDecodeReport(o.Report, insp, in.Secret, s.Err); err != nil {
			fmt.Fprintf(s.Err, "rotui decode: --report: %s\n", termsafe.Line(err.Error()))
			return max(r.ExitCode, exitUsage)
		}
	}
	return r.ExitCode
}

// writeDecodeReport writes the shareable report of insp to path and says
// where on stderr (stdout is the data). The checks are in only when
// verification was asked for (they were applied to insp); the HS secret, if
// one was given, is scrubbed like a token.
func writeDecodeReport(path string, insp *inspect.Inspection, secret []byte, talk io.Writer) error {
	rep := report.FromInspection(insp)
	rep.Version = Version
	if len(secret) > 0 {
		rep.Secrets = append(rep.Secrets, string(secret))
	}
	abs, err := rep.Write(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(talk, "rotui decode: report written to %s (token shortened, signature and secrets cut)\n", termsafe.Line(abs))
	return nil
}

func decodeNoColor(getenv func(string) string) bool {
	return getenv != nil && getenv("NO_COLOR") != ""
}

// judgeDecode sets the exit status and verdict of DESIGN.md's command line
// from the verification's verdict (jwtview decides what counts): a token
// that is not one is 2; a check that failed, or one asked for that could
// not be made, is 1; keys that could not be fetched are 3.
func judgeDecode(r *decodeResult) {
	t, v := r.Token, r.Checks
	if t.Kind == jwtview.KindMalformed {
		r.ExitCode, r.Verdict = exitUsage, "malformed"
		parts := make([]string, 0, len(t.Problems))
		for _, p := range t.Problems {
			if !slices.Contains(parts, p.Part) {
				parts = append(parts, p.Part)
			}
		}
		r.Summary = "MALFORMED: not a token rotui can read (" + strings.Join(parts, ", ") + ")"
		return
	}
	verdict := v.Verdict()
	r.Verdict = verdict.String()
	switch verdict {
	case jwtview.VerdictInvalid:
		r.ExitCode, r.Summary = exitCheckFailed, "INVALID: "+checksText(v.Failures())
	case jwtview.VerdictUnverifiable:
		r.ExitCode, r.Summary = exitCheckFailed, "NOT VERIFIED: "+checksText(v.Failures())
	case jwtview.VerdictKeysUnavailable:
		r.ExitCode = exitFault
		r.Summary = "NOT VERIFIED: " + v.FetchError.Error() + "; " + r.Expiry.String()
	case jwtview.VerdictValid:
		r.ExitCode = exitOK
		r.Summary = "VALID: " + r.Expiry.String() + "; " + v.Check(jwtview.CheckSignature).Reason
	default:
		r.ExitCode = exitOK
		unchecked(r)
	}
}

// unchecked words the verdict of a token nothing was asked of, by kind.
func unchecked(r *decodeResult) {
	switch r.Token.Kind {
	case jwtview.KindOpaque:
		r.Verdict = "opaque"
		r.Summary = "OPAQUE: nothing inside to check; only its issuer can say whether it is valid (for Auth0, call /userinfo with it)"
	case jwtview.KindJWE:
		r.Verdict = "encrypted"
		r.Summary = "ENCRYPTED: only the header can be read without the recipient's private key"
	default:
		hint := "decoded only, signature not checked (add --verify, --jwks, --key or --secret-stdin)"
		if r.Asked {
			hint = "signature not checked: " + r.Checks.Check(jwtview.CheckSignature).Reason
		}
		r.Summary = "NOT VERIFIED: " + r.Expiry.String() + "; " + hint
	}
}

// checksText lists checks as "name: reason; name: reason".
func checksText(cs []jwtview.Check) string {
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		parts = append(parts, c.Name+": "+c.Reason)
	}
	return strings.Join(parts, "; ")
}

// decodeStyles colour the plain rendering; the zero value prints no colour.
// Basic ANSI colours follow the terminal's own theme, light or dark.
type decodeStyles struct {
	on                        bool
	title, muted, ok, bad, na lipgloss.Style
}

func newDecodeStyles() decodeStyles {
	return decodeStyles{
		on:    true,
		title: lipgloss.NewStyle().Bold(true),
		muted: lipgloss.NewStyle().Faint(true),
		ok:    lipgloss.NewStyle().Foreground(lipgloss.Green),
		bad:   lipgloss.NewStyle().Foreground(lipgloss.Red).Bold(true),
		na:    lipgloss.NewStyle().Foreground(lipgloss.Yellow),
	}
}

func (st decodeStyles) paint(s lipgloss.Style, text string) string {
	if !st.on {
		return text
	}
	return s.Render(text)
}

const decodeTimeLayout = "2006-01-02 15:04:05 UTC"

// renderDecode writes the plain rendering: the kind, header, claims with
// their notes and times, problems, checks and the verdict. Every string
// from the token goes through termsafe.Line.
func renderDecode(w io.Writer, r *decodeResult, st decodeStyles) {
	t := r.Token
	b := &strings.Builder{}
	fmt.Fprintf(b, "%s, %s\n", st.paint(st.title, inspect.KindText(t)), inspect.Characters(t.Size))
	fmt.Fprintf(b, "%s\n", st.paint(st.muted, termsafe.Line(t.Describe())))
	for _, n := range t.Notes {
		fmt.Fprintf(b, "%s\n", st.paint(st.muted, "Note: "+termsafe.Line(n)))
	}

	section := func(title string, fields []jwtview.Field) {
		if len(fields) == 0 {
			return
		}
		fmt.Fprintf(b, "\n%s\n", st.paint(st.title, title))
		width := 0
		for _, f := range fields {
			width = max(width, min(len(termsafe.Line(f.Name)), 24))
		}
		for _, f := range fields {
			name := termsafe.Line(f.Name)
			fmt.Fprintf(b, "  %-*s  %s\n", width, name, termsafe.Line(f.Text))
			indent := strings.Repeat(" ", width+4)
			if f.IsTime {
				fmt.Fprintf(b, "%s%s (%s)\n", indent, f.Time.Format(decodeTimeLayout), jwtview.Relative(f.Time, r.Now))
			}
			if f.Note != "" {
				fmt.Fprintf(b, "%s%s\n", indent, st.paint(st.muted, termsafe.Line(f.Note)))
			}
		}
	}
	section("Header", t.Header)
	section("Claims", t.Claims)

	if len(t.Problems) > 0 {
		fmt.Fprintf(b, "\n%s\n", st.paint(st.title, "Problems"))
		for _, p := range t.Problems {
			fmt.Fprintf(b, "  %s %s: %s\n", st.paint(st.bad, "✗"), p.Part, termsafe.Line(p.Message))
		}
	}
	if t.Kind == jwtview.KindJWS {
		fmt.Fprintf(b, "\n%s\n  %s\n", st.paint(st.title, "Lifetime"), lifetimeText(r))
	}
	// The checks of any token a check was asked of: an opaque one shows
	// which could not be made, and why.
	if t.Kind == jwtview.KindJWS || r.Asked {
		fmt.Fprintf(b, "\n%s\n", st.paint(st.title, "Checks"))
		for _, c := range r.Checks.Checks {
			mark := st.paint(st.na, "-")
			switch c.Outcome {
			case jwtview.Passed:
				mark = st.paint(st.ok, "✓")
			case jwtview.Failed:
				mark = st.paint(st.bad, "✗")
			}
			fmt.Fprintf(b, "  %s %-10s  %s\n", mark, c.Name, termsafe.Line(c.Reason))
		}
	}
	verdict := st.paint(st.ok, termsafe.Line(r.Summary))
	switch r.Verdict {
	case "invalid", "unverifiable", "malformed":
		verdict = st.paint(st.bad, termsafe.Line(r.Summary))
	case "unverified", "keys_unavailable":
		verdict = st.paint(st.na, termsafe.Line(r.Summary))
	}
	fmt.Fprintf(b, "\n%s\n", verdict)
	io.WriteString(w, b.String())
}

// lifetimeText is the expiry standing in words, with the share used.
func lifetimeText(r *decodeResult) string {
	e := r.Expiry
	s := e.String()
	if total := r.Token.Lifetime().TotalSeconds(); e.HasBounds && e.State != jwtview.NotYetValid {
		s += fmt.Sprintf(" (%.0f%% of its %s lifetime used)", e.Used*100, jwtview.FormatSeconds(total))
	}
	return s
}

// decodeJSON is the object of `rotui decode --json`: the token as every
// --json shows one, then what decode made of it. Field names are
// documented in docs/json.md.
type decodeJSON struct {
	tokenJSON
	Verdict  string    `json:"verdict"`
	Summary  string    `json:"summary"`
	ExitCode int       `json:"exit_code"`
	Now      time.Time `json:"now"`
}

func writeDecodeJSON(w io.Writer, r *decodeResult) error {
	tok := &inspect.Token{Role: inspect.RolePasted, Decoded: r.Token, Lifetime: r.Token.Lifetime()}
	out := decodeJSON{
		tokenJSON: newTokenJSON(tok, tokenJSONOptions{Now: r.Now, Checks: &r.Checks}),
		Verdict:   r.Verdict,
		Summary:   r.Summary,
		ExitCode:  r.ExitCode,
		Now:       r.Now.UTC(),
	}
	return writeJSON(w, out)
}
