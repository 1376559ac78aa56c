package jwtview

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Head and Tail never split what a person sees as one character, and never
// give more than n runes.
func TestHeadAndTailKeepCharactersWhole(t *testing.T) {
	zalgo := "a" + strings.Repeat("\u0301", 1000)
	cases := []struct {
		name, in   string
		n          int
		head, tail string
	}{
		{"ascii", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", 10, "eyJhbGciOi", "9.e30.c2ln"},
		{"short", "abc", 10, "abc", "abc"},
		{"nothing asked", "abc", 0, "", ""},
		{"three-byte runes", strings.Repeat("€", 20), 4, "€€€€", "€€€€"},
		{"four-byte runes", strings.Repeat("🔑", 20), 3, "🔑🔑🔑", "🔑🔑🔑"},
		{"a combining accent stays on its letter", strings.Repeat("e\u0301", 10), 5, "e\u0301e\u0301", "e\u0301e\u0301"},
		{"a flag is two runes, never one", strings.Repeat("🇫🇷", 10), 5, "🇫🇷🇫🇷", "🇫🇷🇫🇷"},
		{"an emoji sequence is kept whole or left out", "ab👨\u200d👩\u200d👧cd", 6, "ab", "cd"},
		{"a CR LF is one character", "ab\r\ncd", 3, "ab", "cd"},
		{"an endless cluster is left out, not cut", zalgo + "b", 8, "", "b"},
		{"bytes that are not UTF-8 count one each", "\xff\xfeabc\xfd", 3, "\xff\xfea", "bc\xfd"},
		{"CJK", "東京都庁舎東京都庁舎", 4, "東京都庁", "京都庁舎"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, tl := Head(c.in, c.n), Tail(c.in, c.n)
			if h != c.head || tl != c.tail {
				t.Errorf("Head = %q, Tail = %q; want %q, %q", h, tl, c.head, c.tail)
			}
			for _, got := range []string{h, tl} {
				if utf8.ValidString(c.in) && !utf8.ValidString(got) {
					t.Errorf("%q: a character was split", got)
				}
				if utf8.RuneCountInString(got) > c.n {
					t.Errorf("%q: more than %d runes", got, c.n)
				}
			}
		})
	}
}

func BenchmarkTailOfAHugeToken(b *testing.B) {
	s := strings.Repeat("eyJhbGciOiJSUzI1NiJ9", MaxTokenSize/20)
	for b.Loop() {
		_ = Tail(s, 6)
	}
}

// Tail starts looking for characters near the end; it must agree with a
// count from the very front on strings mixing every kind of cluster.
func TestTailAgreesWithACountFromTheFront(t *testing.T) {
	pieces := []string{"a", "Z", "\r", "\n", "€", "🇫", "🇷", "\u0301", "\u200d", "👩", "\xff", "한", "\u1161", "#", "\ufe0f", "\u20e3"}
	reference := func(s string, n int) string {
		var starts, sizes []int
		off, state := 0, -1
		for rest := s; rest != ""; {
			var c string
			c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			starts, sizes = append(starts, off), append(sizes, utf8.RuneCountInString(c))
			off += len(c)
		}
		start, runes := len(s), 0
		for i := len(starts) - 1; i >= 0 && runes+sizes[i] <= n; i-- {
			runes += sizes[i]
			start = starts[i]
		}
		return s[start:]
	}
	seed := uint32(1)
	for range 5000 {
		var b strings.Builder
		seed = seed*1664525 + 1013904223
		for range seed % 40 {
			seed = seed*1664525 + 1013904223
			b.WriteString(pieces[seed>>16%uint32(len(pieces))])
		}
		s, n := b.String(), int(seed>>8%12)
		if got, want := Tail(s, n), reference(s, n); got != want {
			t.Fatalf("Tail(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}
