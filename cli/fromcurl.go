package cli

// `rotui login --from-curl FILE|-`: the request's fields taken from a curl
// command (ro.ReadCurl), flags given winning over the command's values.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/rotui/rotui/ro"
	"github.com/rotui/rotui/termsafe"
)

// curlFieldFlags are, for each field a curl command may fill, the flag
// that wins over it, the flag or environment variable that stands in for
// that flag, and how the field is said on the command line.
var curlFieldFlags = []struct {
	field, flag, alsoFlag, env string
}{
	{ro.FieldDomain, "domain", "", ""},
	{ro.FieldClientID, "client-id", "", ""},
	{ro.FieldConnection, "connection", "", ""},
	{ro.FieldUsername, "username", "", ""},
	{ro.FieldPassword, "password-stdin", "", "ROTUI_PASSWORD"},
	{ro.FieldScope, "scope", "", ""},
	{ro.FieldDevice, "device", "", ""},
	{ro.FieldIDToken, "id-token", "id-token-stdin", "ROTUI_ID_TOKEN"},
	{ro.FieldBearer, "bearer", "", "ROTUI_BEARER"},
	{ro.FieldFlow, "flow", "", ""},
	{ro.FieldAudience, "audience", "", ""},
	{ro.FieldMFACode, "mfa-code", "", "ROTUI_MFA_CODE"},
}

// applyCurl reads the curl command that --from-curl names (a file, or
// stdin for -) and fills every field of r and flow whose flag was not
// given (nor its environment variable). It says on stderr what it filled,
// which placeholders are left to give, what it ignored and which flags won.
// It returns the given function to use from then on: a field the command
// filled counts as given, so a --profile does not replace it. code is
// non-zero (exitUsage) when the command could not be used.
func applyCurl(o loginOptions, s streams, r *ro.Request, flow *string) (given func(string) bool, code int) {
	if o.FromCurl == "-" && (o.PasswordStdin || o.IDTokenStdin) {
		fmt.Fprintln(s.Err, "rotui login: --from-curl - and --password-stdin (or --id-token-stdin) would both read stdin; give the command in a file (--from-curl FILE), or the password in ROTUI_PASSWORD")
		return o.Given, exitUsage
	}
	text, err := readCurlCommand(o.FromCurl, s.In)
	if err == nil {
		var c ro.CurlImport
		if c, err = ro.ReadCurl(text); err == nil {
			getenv := s.Getenv
			if getenv == nil {
				getenv = func(string) string { return "" }
			}
			if err = curlURLUnusable(o, c, r); err == nil {
				given := fillFromCurl(o, s, c, r, flow, getenv)
				if err = curlPasswordUnusable(o, c, getenv); err == nil {
					return given, exitOK
				}
			}
		}
	}
	fmt.Fprintf(s.Err, "rotui login: --from-curl: %s\n", termsafe.Line(err.Error()))
	return o.Given, exitUsage
}

// curlURLUnusable says, in the command line's words, why c's URL cannot
// be used, or nil: plain http to another machine wants --insecure (the
// TUI names its own switch), unless --domain replaces the command's.
func curlURLUnusable(o loginOptions, c ro.CurlImport, r *ro.Request) error {
	if c.PlainHTTP != "" && !r.Insecure && !o.Given("domain") {
		return fmt.Errorf("the command's URL is plain http to %s, which would send the password unencrypted; use https://, or add --insecure if you really mean it", termsafe.Line(c.PlainHTTP))
	}
	return nil
}

// curlPasswordUnusable says why a password the command left as a
// placeholder (********) cannot be given, or nil: with the command on
// stdin, --password-stdin cannot read it there, so only ROTUI_PASSWORD
// can.
func curlPasswordUnusable(o loginOptions, c ro.CurlImport, getenv func(string) string) error {
	if o.FromCurl == "-" && slices.Contains(c.Placeholders, ro.FieldPassword) && getenv("ROTUI_PASSWORD") == "" {
		return errors.New("the command's password is a placeholder, and the command is on stdin, so --password-stdin cannot give the password: set ROTUI_PASSWORD (or give the command in a file, --from-curl FILE, and pipe the password to --password-stdin); nothing was sent")
	}
	return nil
}

// readCurlCommand reads the command from the file path, or from in for "-".
func readCurlCommand(path string, in io.Reader) (string, error) {
	name := path
	if path == "-" {
		name = "stdin"
		if in == nil {
			return "", errors.New("stdin is not available")
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("the file could not be read: %v", err)
		}
		defer f.Close()
		in = f
	}
	b, err := io.ReadAll(io.LimitReader(in, ro.MaxCurl+1))
	switch {
	case err != nil:
		return "", fmt.Errorf("%s could not be read: %v", name, err)
	case len(b) > ro.MaxCurl:
		return "", fmt.Errorf("%s holds more than %d KiB; a curl command of a login is a few KB", name, ro.MaxCurl>>10)
	case strings.TrimSpace(string(b)) == "":
		return "", fmt.Errorf("%s is empty; it should hold a curl command", name)
	}
	return string(b), nil
}

// fillFromCurl puts c's values into r and flow where no flag (or its
// environment variable) gave one, and says so on stderr.
func fillFromCurl(o loginOptions, s streams, c ro.CurlImport, r *ro.Request, flow *string, getenv func(string) string) func(string) bool {
	given := o.Given
	filled := map[string]bool{}
	placeholder := map[string]bool{}
	for _, f := range c.Placeholders {
		placeholder[f] = true
	}
	var used, won, toGive []string
	for _, f := range curlFieldFlags {
		fromCurl := slices.Contains(c.Filled, f.field)
		if !fromCurl && !placeholder[f.field] {
			continue
		}
		if source := curlFieldSource(f.flag, f.alsoFlag, f.env, given, getenv); source != "" {
			won = append(won, source)
			continue
		}
		if placeholder[f.field] {
			how := "--" + f.flag
			if f.field == ro.FieldPassword && o.FromCurl == "-" {
				how = f.env // stdin holds the command
			}
			toGive = append(toGive, f.field+" ("+how+")")
			continue
		}
		filled[f.flag] = true
		used = append(used, f.field)
		if f.field == ro.FieldFlow {
			*flow = string(c.Request.Flow)
			continue
		}
		r.SetField(f.field, c.Request.FieldValue(f.field))
	}
	say := func(format string, a ...any) {
		fmt.Fprintf(s.Err, "rotui login: --from-curl: "+format+"\n", a...)
	}
	say("filled %s", strings.Join(used, ", "))
	if len(toGive) > 0 {
		say("placeholders, not values, in the command: %s", strings.Join(toGive, ", "))
	}
	if len(won) > 0 {
		say("given, so not taken from the command: %s", strings.Join(won, ", "))
	}
	for _, ig := range c.Ignored {
		say("ignored %s: %s", termsafe.Line(ig.What), ig.Why)
	}
	return func(flag string) bool { return given(flag) || filled[flag] }
}

// curlFieldSource names what gave a field instead of the command: its flag
// (--flag, or its other flag), else its environment variable; "" when
// none did. The name is the one actually used, so that a person reading
// "not taken from the command" knows which to change.
func curlFieldSource(flag, alsoFlag, env string, given func(string) bool, getenv func(string) string) string {
	switch {
	case given(flag):
		return "--" + flag
	case alsoFlag != "" && given(alsoFlag):
		return "--" + alsoFlag
	case env != "" && getenv(env) != "":
		return env
	}
	return ""
}
