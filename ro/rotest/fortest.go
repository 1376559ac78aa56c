package rotest

// TB is the part of testing.TB that StartForTest needs; *testing.T and
// *testing.B are ones. (The interface keeps the testing package out of the
// rotui binary, which runs this tenant for --demo.)
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// StartForTest starts the demo tenant on a loopback port for one test and
// stops it when the test ends; a tenant that cannot start fails the test.
func StartForTest(tb TB, opts Options) *Server {
	tb.Helper()
	srv, err := Start("127.0.0.1:0", opts)
	if err != nil {
		tb.Fatalf("the demo tenant did not start: %v", err)
	}
	tb.Cleanup(func() { srv.Close() })
	return srv
}
