package ui

import "testing"

// Benchmarks of the Compare pane beside the token pane's
// (BenchmarkTokenPaneView): View runs on every key and tick, a tick
// recomputes only the relative times in view, and the comparison and its
// layout are made once, when the pane opens or a result changes.
//
//	go test ./ui -run X -bench 'ComparePane|TokenPaneView' -benchmem

// benchComparePane is the Compare pane of two users' logins (the
// goldens' pair: ID, access and refresh tokens each), at 100×40 as the
// token pane's benchmarks are.
func benchComparePane() *comparePane {
	side := func(id int, u cmpUser, name string) compareSide {
		req, ex := cmpExchange(u)
		r := NewResult(id, Subject{Exchange: ex, Request: req, Now: ptNow})
		return compareSide{e: &entry{id: id, result: r}, name: name, what: historyRow{id: id, at: ex.Started, flow: "ro", user: req.Username, client: req.ClientID, status: "200 OK"}}
	}
	p := newComparePane(side(1, cmpAlice, "A"), side(2, cmpBob, "B"), false, NewStyles(true), false)
	p.SetSize(100, 40)
	p.Tick(ptNow)
	return p
}

func BenchmarkComparePaneView(b *testing.B) {
	p := benchComparePane()
	benchSink = p.View()
	benchView(b, p)
}

func BenchmarkComparePaneTickView(b *testing.B) {
	benchTickView(b, benchComparePane())
}

// BenchmarkComparePaneOpen is what opening the pane costs: the comparison
// made and every row laid out.
func BenchmarkComparePaneOpen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchSink = benchComparePane().View()
	}
}
