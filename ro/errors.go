package ro

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/rotui/rotui/internal/netcause"
)

// Error reads as a sentence: status, code, description.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the server answered %d", e.Status)
	if t := http.StatusText(e.Status); t != "" {
		b.WriteString(" " + t)
	}
	if e.Code != "" {
		b.WriteString(" (" + e.Code + ")")
	}
	if e.Description != "" {
		b.WriteString(": " + e.Description)
	} else if e.Location != "" {
		b.WriteString(": a redirect to " + e.Location + ", not followed")
	}
	return b.String()
}

// ServerFault is true for 5xx answers (exit status 3, not 1). A 501
// unsupported_grant_type is a refusal of the grant, not a fault.
func (e *APIError) ServerFault() bool {
	return e.Status >= 500 && e.Code != "unsupported_grant_type"
}

// Error says what failed and what to check.
func (e *NetworkError) Error() string {
	where := e.URL
	if where == "" {
		where = "the server"
	}
	switch {
	case e.Canceled:
		return fmt.Sprintf("the call to %s was cancelled before its answer was read", where)
	case e.Timeout:
		after := ""
		if e.After > 0 {
			after = " within " + e.After.String()
		}
		return fmt.Sprintf("no answer from %s%s; check that the domain is right and reachable, or allow more time", where, after)
	case e.TooLarge:
		return fmt.Sprintf("the answer from %s is larger than 1 MiB, so rotui stopped reading it; no Auth0 endpoint answers that much, so check the domain", where)
	}
	cause := "unknown error"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	switch e.Op {
	case "read body":
		return fmt.Sprintf("the connection closed while reading the answer from %s (%s); try again, and check any proxy in between", where, cause)
	case "parse":
		return fmt.Sprintf("the answer from %s could not be read as a token response: %s", where, cause)
	case "parse answer":
		return fmt.Sprintf("the answer from %s could not be read: %s", where, cause)
	case "discover":
		return fmt.Sprintf("OIDC discovery at %s failed: %s", where, cause)
	}
	return fmt.Sprintf("could not reach %s: %s", where, cause)
}

// Unwrap returns the cause.
func (e *NetworkError) Unwrap() error { return e.Err }

// networkError classifies a transport failure. parent is the caller's
// context, call the one with the Client's timeout.
func networkError(op, rawURL string, err error, parent, call context.Context, timeout time.Duration) *NetworkError {
	ne := &NetworkError{Op: op, URL: rawURL, Err: unwrapURLError(err)}
	switch {
	case parent.Err() != nil && errors.Is(parent.Err(), context.DeadlineExceeded):
		ne.Timeout = true
	case parent.Err() != nil:
		ne.Canceled = true
	case errors.Is(call.Err(), context.DeadlineExceeded):
		ne.Timeout, ne.After = true, timeout
	default:
		var nerr net.Error
		if errors.As(err, &nerr) && nerr.Timeout() {
			ne.Timeout, ne.After = true, timeout
		}
	}
	if !ne.Timeout && !ne.Canceled {
		ne.Err = netcause.Explain(ne.Err)
	}
	return ne
}

// unwrapURLError drops net/http's *url.Error wrapper, whose text repeats
// the method and URL that NetworkError already names.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

var errTooManyRedirects = errors.New("redirect not followed")
