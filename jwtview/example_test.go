package jwtview_test

import (
	"context"
	"fmt"
	"time"

	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/termsafe"
)

// The example token of RFC 7519, section 3.1, pasted with its header line.
const exampleToken = "Bearer eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." +
	"eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ." +
	"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\n"

func ExampleDecode() {
	t := jwtview.Decode(exampleToken)
	fmt.Println(t.Kind, t.Alg())
	now := time.Date(2011, 3, 22, 18, 0, 0, 0, time.UTC)
	for _, c := range t.Claims {
		line := termsafe.Line(c.Name) + " = " + termsafe.Line(c.Text)
		if c.IsTime {
			line += " (" + c.Time.Format(time.RFC3339) + ", " + jwtview.Relative(c.Time, now) + ")"
		}
		fmt.Println(line)
	}
	fmt.Println(t.Lifetime().At(now))
	// Output:
	// signed JWT (JWS) HS256
	// iss = joe
	// exp = 1300819380 (2011-03-22T18:43:00Z, in 43m0s)
	// http://example.com/is_root = true
	// expires in 43m0s
}

func ExampleVerify() {
	t := jwtview.Decode(exampleToken)
	v := jwtview.Verify(context.Background(), t, jwtview.VerifyOptions{
		// RFC 7515 A.1's key, base64url-encoded as old Auth0 client secrets were.
		Secret:       []byte("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"),
		SecretBase64: true,
		Issuer:       "joe",
		Now:          time.Date(2011, 3, 22, 18, 0, 0, 0, time.UTC),
	})
	for _, c := range v.Checks {
		fmt.Printf("%s: %s (%s)\n", c.Name, c.Outcome, c.Reason)
	}
	fmt.Println("ok:", v.OK())
	// Output:
	// signature: passed (HS256 signature verified with the client secret (base64-decoded))
	// issuer: passed (iss is joe, as expected)
	// audience: not checked (no audience expected)
	// expiry: passed (expires in 43m0s (2011-03-22T18:43:00Z))
	// not before: not checked (the token has no nbf claim)
	// ok: true
}
