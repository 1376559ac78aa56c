package cli

import (
	"errors"
	"strings"

	"github.com/spf13/pflag"
)

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
// that was given: pflag quotes it, and a secret typed as
// --password-stdin=… or --secret-stdin=… (or glued to a shorthand, -pSECRET)
// must not be echoed back. A flag in secretFlags says where that secret goes
// instead. cmd is the command's path ("rotui decode"). The caller still
// passes the result through termsafe.Line (a flag name can hold escape
// sequences).
func flagProblem(err error, cmd string, secretFlags map[string]string) string {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		badValue *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		name := notExist.GetSpecifiedName()
		if notExist.GetSpecifiedShortnames() != "" {
			// The rest of "-pSECRET" may be a value: name the letter only.
			return "unknown flag -" + name + " (see " + cmd + " --help)"
		}
		if instead, ok := secretFlags[name]; ok {
			return "there is no --" + name + " flag (a secret on the command line lands in shell history and ps); " + instead
		}
		return "unknown flag --" + name + " (see " + cmd + " --help)"
	case errors.As(err, &noValue):
		return "--" + noValue.GetFlag().Name + " needs a value (see " + cmd + " --help)"
	case errors.As(err, &badValue):
		return "the value given to --" + badValue.GetFlag().Name + " could not be read"
	case errors.As(err, &syntax):
		return "the flags could not be read; see " + cmd + " --help"
	}
	msg := err.Error()
	if strings.Contains(msg, `"`) {
		return "the flags could not be read; see " + cmd + " --help"
	}
	return msg
}
