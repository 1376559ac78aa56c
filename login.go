package main

import "fmt"

// loginMain is not built yet.
func loginMain(args []string, s streams) int {
	fmt.Fprintln(s.Err, "rotui: this command is not built yet")
	return 2
}
