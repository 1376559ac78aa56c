package jwtview

import (
	"bytes"
	"unicode/utf16"
)

// Text turns the bytes of a file holding a token into text: a UTF-8
// byte-order mark (Notepad) is dropped, and UTF-16 (PowerShell's >, with
// its mark, or without one when every other byte is zero) is decoded.
// Anything else is taken as UTF-8 as it is; Decode says what is wrong.
func Text(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return string(b[3:])
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return decodeUTF16(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return decodeUTF16(b[2:], true)
	case len(b) >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0 && zeroAt(b, 1):
		return decodeUTF16(b, false)
	case len(b) >= 4 && b[0] == 0 && b[1] != 0 && zeroAt(b, 0):
		return decodeUTF16(b, true)
	}
	return string(b)
}

// zeroAt reports whether every other byte from the first at i is zero: ASCII
// text written as UTF-16 without a mark.
func zeroAt(b []byte, i int) bool {
	for ; i < len(b); i += 2 {
		if b[i] != 0 {
			return false
		}
	}
	return true
}

// decodeUTF16 decodes UTF-16 in the given byte order; an odd last byte is
// dropped and a lone surrogate becomes U+FFFD.
func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
	}
	return string(utf16.Decode(u))
}
