package main

import "fmt"

// decodeMain is not built yet.
func decodeMain(args []string, s streams) int {
	fmt.Fprintln(s.Err, "rotui: this command is not built yet")
	return 2
}
