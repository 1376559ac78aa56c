package cli

import "strings"

// Flags that do not exist on purpose, and where their secret goes instead:
// a secret on the command line lands in shell history and ps.
var (
	loginSecretFlags = map[string]string{
		"password": "use --password-stdin or ROTUI_PASSWORD",
	}
	decodeSecretFlags = map[string]string{
		"secret":    "pipe it to --secret-stdin",
		"key-stdin": "pipe it to --secret-stdin",
		"password":  "pipe it to --secret-stdin",
	}
)

// flagProblem words a flag parsing error for a person, without the value
// that was given: the flag package quotes it, and a secret typed as
// --password-stdin=… or --secret-stdin=… must not be echoed back. A flag in
// secretFlags says where that secret goes instead. The caller still passes
// the result through termsafe.Line (a flag name can hold escape sequences).
func flagProblem(err error, cmd string, secretFlags map[string]string) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		n := strings.TrimLeft(name, "-")
		if instead, ok := secretFlags[n]; ok {
			return "there is no --" + n + " flag (a secret on the command line lands in shell history and ps); " + instead
		}
		return "unknown flag --" + n + " (see rotui " + cmd + " --help)"
	}
	// "invalid value %q for flag -x: …" and "invalid boolean value %q for -x: …"
	for _, sep := range []string{" for flag ", " for -"} {
		if i := strings.LastIndex(msg, sep); i >= 0 {
			name, _, _ := strings.Cut(msg[i+len(sep):], ":")
			return "the value given to --" + strings.TrimLeft(name, "-") + " could not be read"
		}
	}
	if strings.Contains(msg, `"`) {
		return "the flags could not be read; see rotui " + cmd + " --help"
	}
	return msg
}
