package themes

import "testing"

// BenchmarkSwitchTheme measures what pressing t costs before any article
// renders again: deriving every style and the Glamour style of a theme.
func BenchmarkSwitchTheme(b *testing.B) {
	ts := Themes()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		th := ts[i%len(ts)]
		_ = th.Styles(i%2 == 0)
		_ = th.Glamour(i%2 == 0)
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/switch")
}
