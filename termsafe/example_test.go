package termsafe_test

import (
	"fmt"

	"github.com/rotui/rotui/termsafe"
)

func ExampleLine() {
	fmt.Println(termsafe.Line("Bob\x1b[2J\nsignature: verified \u202eexe.txt"))
	// Output:
	// Bob\x1b[2J\nsignature: verified \u202eexe.txt
}
