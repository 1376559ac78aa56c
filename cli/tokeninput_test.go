package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// Two tokens on two lines (or two words) are not one encrypted JWT: decode
// and diff say the input holds two tokens and exit 2, whether it came as
// an argument, a file or stdin.
func TestTwoTokensGivenAsOneAreNotAToken(t *testing.T) {
	a, b := diffPair()
	dir := t.TempDir()
	two := filepath.Join(dir, "two.txt")
	if err := os.WriteFile(two, []byte(a+"\n"+b+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	runs := map[string]decodeRun{
		"decode, stdin":        runDecodeArgs(t, a+"\n"+b+"\n", false, nil, nil),
		"decode, argument":     runDecodeArgs(t, "", false, nil, nil, a+" "+b),
		"diff, file":           runDiffArgs(t, "", two, b),
		"diff, stdin":          runDiffArgs(t, a+"\r\n"+b, b, "-"),
		"decode, run into one": runDecodeArgs(t, "", false, nil, nil, a+b),
	}
	for name, r := range runs {
		if r.code != exitUsage {
			t.Errorf("%s: exit %d, want 2\n%s%s", name, r.code, r.out, r.err)
		}
		if strings.Contains(r.out+r.err, "encrypted") && !strings.Contains(r.out+r.err, "not an encrypted") {
			t.Errorf("%s: read as encrypted:\n%s%s", name, r.out, r.err)
		}
		if name != "decode, run into one" && !strings.Contains(r.out+r.err, "holds 2 tokens") {
			t.Errorf("%s: does not say it holds 2 tokens:\n%s%s", name, r.out, r.err)
		}
	}
}

// A token file saved by Notepad (a UTF-8 byte-order mark) or by
// PowerShell's > (UTF-16 with its mark) is read as the token it holds.
func TestTokenFilesWithByteOrderMarks(t *testing.T) {
	a, b := diffPair()
	utf16le := func(s string) []byte {
		out := []byte{0xff, 0xfe}
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u), byte(u>>8))
		}
		return out
	}
	dir := t.TempDir()
	for name, content := range map[string][]byte{
		"notepad.txt":    []byte("\ufeff" + a + "\r\n"),
		"powershell.txt": utf16le(a + "\r\n"),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		if r := runDiffArgs(t, "", path, b); r.code != 0 || !strings.Contains(r.out, "A  signed JWT (JWS)") {
			t.Errorf("diff %s: exit %d\n%s%s", name, r.code, r.out, r.err)
		}
		if r := runDecodeArgs(t, string(content), false, nil, nil, "-"); r.code == exitUsage || !strings.Contains(r.out, "alice") {
			t.Errorf("decode < %s: exit %d\n%s%s", name, r.code, r.out, r.err)
		}
	}
}
