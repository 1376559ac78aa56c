package main

import "fmt"

// demoServerMain is not built yet.
func demoServerMain(args []string, s streams) int {
	fmt.Fprintln(s.Err, "rotui: this command is not built yet")
	return 2
}
