package report_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rotui/rotui/report"
)

// `rotui decode --report FILE`: a pasted token, written to a file.
func Example() {
	const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHxhbGljZSIsImV4cCI6MTc5NTYyODQwMH0.c2lnbmF0dXJlLW5ldmVyLXNob3du"
	now := time.Date(2026, 11, 25, 17, 30, 0, 0, time.UTC)
	r := report.ForToken(token, now)

	dir, _ := os.MkdirTemp("", "rotui-example")
	defer os.RemoveAll(dir)
	path, err := r.Write(filepath.Join(dir, report.DefaultFileName(now)))
	if err != nil {
		fmt.Println(err)
		return
	}
	data, _ := os.ReadFile(path)
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "- **"):
			fmt.Println(line)
		case strings.HasPrefix(line, "| `sub`"):
			cells := strings.Split(line, " | ")
			fmt.Println(cells[0], "|", cells[1], "| …") // the third cell is jwtview's note on sub
		}
	}
	fmt.Println(filepath.Base(path), strings.Contains(string(data), "c2lnbmF0dXJl"))
	// Output:
	// - **Kind:** signed JWT (JWS), alg `HS256`
	// - **Token:** `eyJhbGciOiJI… (101 characters)` (shortened, signature removed)
	// - **Expiry:** expires 2026-11-25 17:40:00 UTC (10m0s after this report was written)
	// | `sub` | `auth0\|alice` | …
	// rotui-report-20261125-173000.md false
}
