package jwtview

import (
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Shortening text for people. A token or a claim cut to its first bytes can
// end in half a character, which a terminal draws as a replacement box and
// Safe as "\xe2"; cut to its first runes it can still lose an accent
// ("e" + U+0301), leave half a flag (one regional indicator of two) or a
// dangling joiner of an emoji sequence. Head and Tail cut only between
// user-perceived characters (Unicode grapheme clusters), and count the
// budget in runes so that one pathological cluster (a letter under a
// thousand combining marks) cannot make a shortened string long: such a
// cluster is left out whole rather than cut.

// Head is the start of s, at most n runes long, cut between characters as a
// person sees them, so that no character is split: valid UTF-8 stays valid.
// A byte of s that is not UTF-8 counts as one rune and is kept as it is (Safe
// shows it as \xNN).
func Head(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s // n runes take at least n bytes
	}
	end, runes, state := 0, 0, -1
	for rest := s; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		runes += utf8.RuneCountInString(cluster)
		if runes > n {
			break
		}
		end += len(cluster)
	}
	return s[:end]
}

// Tail is the end of s, at most n runes long, cut as Head cuts.
func Tail(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	// Cluster boundaries are found from the front (a flag's two regional
	// indicators pair up counting from the start of a run), but not from
	// the very front of a 512 KiB token: from the last place before the
	// last n+1 runes where one is certain, between two ASCII bytes.
	from := certainBoundaryBefore(s, n+1)
	type cluster struct{ start, runes int }
	var window []cluster
	off, runes, state := from, 0, -1
	for rest := s[from:]; rest != ""; {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		k := utf8.RuneCountInString(c)
		window = append(window, cluster{off, k})
		off += len(c)
		runes += k
		for runes > n {
			runes -= window[0].runes
			window = window[1:]
		}
	}
	if len(window) == 0 {
		return ""
	}
	return s[window[0].start:]
}

// certainBoundaryBefore is a byte offset of s, before its last k runes, at
// which a grapheme cluster surely begins: two ASCII bytes other than CR LF
// always have a boundary between them (and after one, no earlier state
// matters). It is 0 when there is none.
func certainBoundaryBefore(s string, k int) int {
	i := len(s)
	for ; k > 0 && i > 0; k-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	for ; i > 0; i-- {
		if i < len(s) && s[i] < utf8.RuneSelf && s[i-1] < utf8.RuneSelf && !(s[i-1] == '\r' && s[i] == '\n') {
			return i
		}
	}
	return 0
}
