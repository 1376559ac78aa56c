package netcause

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

func TestExplainSaysWhatToChange(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	_, refused := net.DialTimeout("tcp", addr, time.Second)
	cases := []struct {
		name        string
		err         error
		want        string
		unreachable bool
	}{
		{"refused", refused, "the connection was refused", true},
		{"unknown host", &net.DNSError{Name: "acme.example", Err: "no such host", IsNotFound: true}, "the host acme.example could not be found (DNS)", true},
		{"timeout", context.DeadlineExceeded, "context deadline exceeded", true},
		{"anything else", errors.New("boom"), "boom", false},
	}
	for _, c := range cases {
		got := Explain(c.err)
		if !strings.Contains(got.Error(), c.want) || !errors.Is(got, c.err) {
			t.Errorf("%s: Explain = %q (keeps the cause: %v)", c.name, got, errors.Is(got, c.err))
		}
		if Unreachable(c.err) != c.unreachable {
			t.Errorf("%s: Unreachable = %v", c.name, !c.unreachable)
		}
		if strings.Contains(got.Error(), "127.0.0.53") || strings.Contains(got.Error(), "dial tcp") {
			t.Errorf("%s: the words quote the resolver or the dial: %q", c.name, got)
		}
	}
}
