package main

import "fmt"

// tuiMain is not built yet.
func tuiMain(args []string, s streams) int {
	fmt.Fprintln(s.Err, "rotui: this command is not built yet")
	return 2
}
