// Command rotui is a terminal tool for Auth0's Resource Owner login
// (POST /oauth/ro) and for the tokens it returns. See README.md and docs/.
package main

import (
	"os"

	"github.com/rotui/rotui/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
