package ui

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkPrettyJSON is the cost of drawing a 1 MiB answer as JSON, once
// with many short lines (cut at maxJSONLines) and once with few long
// strings (every byte read), with presenter mode's masking on.
//
//	go test ./ui -run X -bench PrettyJSON -benchmem -count 5
func BenchmarkPrettyJSON(b *testing.B) {
	for _, c := range []struct {
		name string
		item func(i int) string
	}{
		{"many lines", func(i int) string {
			return `{"id":` + strconv.Itoa(i) + `,"name":"item number ` + strconv.Itoa(i) + `","ok":true,"note":null}`
		}},
		{"long strings", func(i int) string {
			return `{"id":` + strconv.Itoa(i) + `,"email":"user` + strconv.Itoa(i) + `@example.com","text":"` +
				strings.Repeat(`caf\u00e9 \"quoted\" `, 40) + `","n":12345678901234567890}`
		}},
	} {
		var body strings.Builder
		body.WriteString(`{"items":[`)
		for i := 0; body.Len() < 1<<20; i++ {
			if i > 0 {
				body.WriteByte(',')
			}
			body.WriteString(c.item(i))
		}
		body.WriteString(`]}`)
		doc, st := []byte(body.String()), NewStyles(true)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := prettyJSON(doc, st, true); !ok {
					b.Fatal("the body was not drawn as JSON")
				}
			}
		})
	}
}
