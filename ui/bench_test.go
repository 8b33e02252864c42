package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"parallax/store"
	"parallax/themes"
)

// bigLibrary is a fake library of about 100,000 articles in 40,000
// stories, newest first. One story (ID 1) has a long article to scroll.
func bigLibrary(tb testing.TB) *fakeLibrary {
	tb.Helper()
	lib := &fakeLibrary{articles: make(map[int64][]store.Article, 40000)}
	sources := []string{"Coastal Times", "Harbour Herald", "Valley Radio", "Northern Post", "Evening Ledger", "Morning Wire"}
	topics := []string{"school budget", "rail timetable", "river cleanup", "museum opening", "housing plan", "storm warning", "council election"}
	var para strings.Builder
	for i := range 400 {
		fmt.Fprintf(&para, "Paragraph %d of a long report: the committee heard evidence from residents, engineers and the harbour authority about the state of the old crossing, and asked for a second survey before any money is spent.\n\n", i)
	}
	long := para.String()
	lib.stories = make([]store.Story, 0, 40000)
	articles := 0
	for i := range 40000 {
		id := int64(i + 1)
		k := 1 + (i*7)%4 // 1..4 articles, 2.5 on average
		arts := make([]store.Article, k)
		for j := range k {
			content := fmt.Sprintf("Short text %d.", i)
			if id == 1 {
				content = long
			}
			arts[j] = article(id*10+int64(j), id, sources[(i+j)%len(sources)],
				fmt.Sprintf("Report %d on the %s", i, topics[i%len(topics)]),
				content, time.Duration(i)*time.Minute+time.Duration(j)*time.Second, i%3 == 0)
		}
		articles += k
		lib.stories = append(lib.stories, storyOf(id, fmt.Sprintf("Update %d on the %s", i, topics[i%len(topics)]), arts, i%50 == 0))
		lib.articles[id] = arts
	}
	if articles < 99000 || articles > 101000 {
		tb.Fatalf("big library has %d articles, want about 100,000", articles)
	}
	return lib
}

// BenchmarkFirstFrame measures New, Init with its first page of stories,
// sizing and the first View, over 100,000 articles in 40,000 stories. The
// commands of Init run inline here; for real they run while Bubble Tea
// draws a first "Loading…" frame.
func BenchmarkFirstFrame(b *testing.B) {
	lib := bigLibrary(b)
	opts := testOptions()
	defer lockThread()()
	var samples, cpu []time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0, c0 := time.Now(), threadCPU()
		var tm tea.Model = New(lib, opts)
		for _, msg := range msgsOf(tm.Init()) {
			tm, _ = tm.Update(msg)
		}
		tm, _ = tm.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
		v := tm.View()
		samples = append(samples, time.Since(t0))
		if c0 >= 0 {
			cpu = append(cpu, threadCPU()-c0)
		}
		if !strings.Contains(v.Content, "Update 0 on the") {
			b.Fatal("first frame lacks the newest story")
		}
	}
	b.StopTimer()
	reportPercentiles(b, samples, "first-frame")
	if len(cpu) > 0 {
		reportPercentiles(b, cpu, "first-frame-cpu")
	}
}

func reportPercentiles(b *testing.B, samples []time.Duration, what string) {
	slices.Sort(samples)
	p := func(q float64) float64 {
		return float64(samples[min(int(float64(len(samples))*q), len(samples)-1)].Microseconds()) / 1000
	}
	b.ReportMetric(p(0.50), "ms-p50-"+what)
	b.ReportMetric(p(0.99), "ms-p99-"+what)
}

// keystrokes times Update plus View for each key through the tea.Model
// interface, as Bubble Tea calls them, settling the commands a key starts
// outside the timing (for real they run off the UI goroutine). It reports
// wall-clock percentiles, what the user waits, and the thread's processor
// time, which a machine busy with other work does not inflate.
func keystrokes(b *testing.B, m Model, next func(i int, m Model) string) {
	b.Helper()
	defer lockThread()()
	samples := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	i := 0
	root := &m
	b.ResetTimer()
	for b.Loop() {
		k := keyMsg(next(i, *root))
		i++
		t0, c0 := time.Now(), threadCPU()
		_, cmd := root.Update(k)
		_ = root.View()
		samples = append(samples, time.Since(t0))
		if c0 >= 0 {
			cpu = append(cpu, threadCPU()-c0)
		}
		*root = settle(b, *root, cmd)
	}
	b.StopTimer()
	reportPercentiles(b, samples, "key")
	if len(cpu) > 0 {
		reportPercentiles(b, cpu, "key-cpu")
	}
}

// BenchmarkKeystroke measures keystroke-to-frame latency at 160x48:
// moving through the story list (reading pages as it goes), scrolling an
// article, and typing a filter over the whole list.
func BenchmarkKeystroke(b *testing.B) {
	lib := bigLibrary(b)
	b.Run("list", func(b *testing.B) {
		m := start(b, lib, testOptions(), 160, 48)
		keystrokes(b, m, func(i int, m Model) string {
			if m.stories.cursor >= len(m.stories.visible)-1 {
				return "g"
			}
			if i%50 == 49 {
				return "pgdown"
			}
			return "j"
		})
	})
	b.Run("article", func(b *testing.B) {
		m := start(b, lib, testOptions(), 160, 48)
		m = press(b, m, "enter")
		if len(m.reader.lines) < 1000 {
			b.Fatalf("article has %d lines; want a long one", len(m.reader.lines))
		}
		keystrokes(b, m, func(i int, m Model) string {
			if m.reader.offset >= len(m.reader.lines)-m.reader.bodyHeight() {
				return "g"
			}
			if i%20 == 19 {
				return "space"
			}
			return "j"
		})
	})
	b.Run("filter", func(b *testing.B) {
		m := start(b, lib, testOptions(), 160, 48)
		m = press(b, m, "/")
		m = typeText(b, m, "z") // brings in the whole list
		m = press(b, m, "backspace")
		if len(m.stories.rows) != 40000 {
			b.Fatalf("filter loaded %d stories, want 40000", len(m.stories.rows))
		}
		text := "update 1234 on the"
		keystrokes(b, m, func(i int, m Model) string {
			if v := m.stories.input.Value(); len(v) == len(text) {
				return "backspace"
			} else if i%(2*len(text)) >= len(text) && len(v) > 0 {
				return "backspace"
			} else {
				return string(text[len(v)])
			}
		})
	})
}

// BenchmarkRenderArticle measures the render of one article as the reader
// asks for it, Markdown to lines, at 80 columns: a long report of
// paragraphs with lists whose items have lines set apart, and code with
// lines wider than the pane.
func BenchmarkRenderArticle(b *testing.B) {
	var md strings.Builder
	for i := range 40 {
		fmt.Fprintf(&md, "Paragraph %d: the committee heard evidence from residents,\nengineers and the harbour authority about the old crossing.\n\n", i)
		fmt.Fprintf(&md, "- Survey %d  \n  due in spring\n- Repairs\\\n  after the survey\n\n", i)
		fmt.Fprintf(&md, "```\nfunc load%d() {\n    return survey.Load(harbour.Crossing, survey.Spring, survey.Options{Depth: %d, Report: true})\n}\n```\n\n", i, i)
	}
	key := renderKey{articleID: 1, width: 80}
	style := themes.Default().Glamour(true)
	b.ReportAllocs()
	for b.Loop() {
		msg := render(key, md.String(), style)().(renderedMsg)
		if msg.err != nil || len(msg.lines) < 400 {
			b.Fatalf("render gave %d lines, error %v", len(msg.lines), msg.err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
