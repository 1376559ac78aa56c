package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Benchmarks of the token pane: View must stay cheap (it runs on every key
// and every tick), and a tick must cost the same on a 5,000-claim token as on
// a typical ID token, because only the countdowns in view are recomputed.
//
//	go test ./ui -run X -bench . -benchmem -count 3

// benchLargeToken has 5,000 claims (every hundredth a time claim) besides iss, exp and iat.
func benchLargeToken() string {
	var b strings.Builder
	iat := ptNow.Add(-time.Minute).Unix()
	b.WriteString(`{"iss":"` + ptTenant + `/","aud":"rotui-demo","iat":` + strconv.FormatInt(iat, 10) + `,"exp":` + strconv.FormatInt(iat+600, 10))
	for i := range 5000 {
		b.WriteString(`,"claim_` + strconv.Itoa(i) + `":`)
		if i%100 == 0 {
			b.WriteString(strconv.FormatInt(iat-int64(i), 10))
		} else {
			b.WriteString(`"value number ` + strconv.Itoa(i) + ` of a very large token"`)
		}
	}
	b.WriteString("}")
	return ptJWT(`{"alg":"RS256","typ":"JWT","kid":"demo-key-1"}`, b.String())
}

func benchTokenPane(b *testing.B, tok string) Pane {
	b.Helper()
	panes, _ := ptBuildPanes(Subject{Pasted: tok, Now: ptNow}, NewStyles(true))
	for _, p := range panes {
		if p.Title() == "Token" {
			p.SetSize(100, 40)
			p.Tick(ptNow)
			return p
		}
	}
	b.Fatal("no token pane")
	return nil
}

var benchSink string

// benchView measures p's View, drawn again with nothing changed.
func benchView(b *testing.B, p Pane) {
	b.ReportAllocs()
	for b.Loop() {
		benchSink = p.View()
	}
}

// benchTickView measures a second's Tick of p and the View after it.
func benchTickView(b *testing.B, p Pane) {
	now := ptNow
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(time.Second)
		p.Tick(now)
		benchSink = p.View()
	}
}

func BenchmarkTokenPaneView(b *testing.B) {
	for _, c := range []struct{ name, tok string }{{"typical", ptIDToken()}, {"5000claims", benchLargeToken()}} {
		b.Run(c.name, func(b *testing.B) {
			benchView(b, benchTokenPane(b, c.tok))
		})
	}
}

func BenchmarkTokenPaneTickView(b *testing.B) {
	for _, c := range []struct{ name, tok string }{{"typical", ptIDToken()}, {"5000claims", benchLargeToken()}} {
		b.Run(c.name, func(b *testing.B) {
			benchTickView(b, benchTokenPane(b, c.tok))
		})
	}
}

// BenchmarkTokenPaneCursorView is a key that moves the claims' cursor (its
// note moves with it) and the View after it: the window is drawn again.
func BenchmarkTokenPaneCursorView(b *testing.B) {
	for _, c := range []struct{ name, tok string }{{"typical", ptIDToken()}, {"5000claims", benchLargeToken()}} {
		b.Run(c.name, func(b *testing.B) {
			p := benchTokenPane(b, c.tok)
			for range 12 {
				p.Update(tea.KeyPressMsg{Code: tea.KeyDown}) // into the claims
			}
			keys := []tea.KeyPressMsg{{Code: tea.KeyDown}, {Code: tea.KeyUp}}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				p.Update(keys[i%2])
				i++
				benchSink = p.View()
			}
		})
	}
}

// BenchmarkBuildPanes is the one-time cost when an answer arrives: decoding,
// explaining, styling and laying out every pane.
func BenchmarkBuildPanes(b *testing.B) {
	for _, c := range []struct{ name, tok string }{{"typical", ptIDToken()}, {"5000claims", benchLargeToken()}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				panes, _ := ptBuildPanes(Subject{Pasted: c.tok, Now: ptNow}, NewStyles(true))
				for _, p := range panes {
					p.SetSize(100, 40)
					benchSink = p.View() // panes lay out when first drawn
				}
			}
		})
	}
}

// BenchmarkRawPaneBigBody is the one-time cost of a 1 MiB JSON answer in the Raw pane.
func BenchmarkRawPaneBigBody(b *testing.B) {
	var body strings.Builder
	body.WriteString(`{"items":[`)
	for i := 0; body.Len() < 1<<20; i++ {
		if i > 0 {
			body.WriteByte(',')
		}
		body.WriteString(`{"id":` + strconv.Itoa(i) + `,"name":"item number ` + strconv.Itoa(i) + `","ok":true,"note":null}`)
	}
	body.WriteString(`]}`)
	req, ex := ptExchange()
	ex.Body = []byte(body.String())
	r := NewResult(1, Subject{Exchange: ex, Request: req})
	b.ReportAllocs()
	for b.Loop() {
		p := newRawPane(r, NewStyles(true))
		p.SetSize(100, 40)
		benchSink = p.View()
	}
}
