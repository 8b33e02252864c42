package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"parallax/store"
)

// TestCompareEndToEnd runs the reader as a real program: compare the
// sample's comparison story, open its overview and read a source from it.
func TestCompareEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a whole program")
	}
	lib, summit := sampleLibrary(t)
	pos := 0
	for i, s := range lib.stories {
		if s.ID == summit {
			pos = i
		}
	}
	tm := teatest.NewTestModel(t, New(lib, testOptions()), teatest.WithInitialTermSize(120, 40))
	waitFor := func(text string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	// The rows, not the title: a title drawn first as "Stories", while
	// the list loads, is only ever completed in place, never printed whole.
	waitFor("sources")
	for range pos {
		tm.Send(keyMsg("j"))
	}
	tm.Send(keyMsg("c"))
	waitFor("scrolling together")
	tm.Send(keyMsg("v"))
	waitFor("timeline")
	tm.Send(keyMsg("G"))
	tm.Send(keyMsg("enter"))
	waitFor("Senator Joren Pike")
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	final, ok := tm.FinalModel(t).(*Model)
	if !ok {
		t.Fatalf("final model is %T", tm.FinalModel(t))
	}
	if a, _ := final.reader.current(); !strings.HasPrefix(a.Source, "The Lantern") {
		t.Errorf("the reader ended on %s, want the last to report", a.Source)
	}
}

// BenchmarkCompareAnalysis measures reading and comparing a story of 30
// sources, the work done in a command when the compare pane opens.
func BenchmarkCompareAnalysis(b *testing.B) {
	lib, summit := sampleLibrary(b)
	base := lib.articles[summit]
	arts := make([]store.Article, 0, 30)
	for i := range 30 {
		a := base[i%len(base)]
		a.ID = int64(5000 + i)
		arts = append(arts, a)
	}
	b.ResetTimer()
	for b.Loop() {
		newAnalysis(summit, arts)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/story")
}

// BenchmarkCompareLayout measures laying out one pair side by side at
// 200 columns, the work done in a command for each pair, width and theme.
func BenchmarkCompareLayout(b *testing.B) {
	m, _, _ := compareSummit(b, 200, 50)
	k := m.compare.shown
	for b.Loop() {
		layoutCompare(k, m.styles)
	}
}

// BenchmarkCompareView measures drawing the compare pane from its layout,
// which happens on every frame.
func BenchmarkCompareView(b *testing.B) {
	m, _, _ := compareSummit(b, 200, 50)
	for b.Loop() {
		_ = m.View()
	}
}
