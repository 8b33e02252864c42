package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"parallax/store"
)

// benchLibrarySize is the number of articles in the library the startup
// benchmark opens: a heavy reader's few months of feeds.
const benchLibrarySize = 100_000

// benchLibrary returns a library of benchLibrarySize synthetic articles,
// built once and kept in the temporary directory between runs because
// building it takes the better part of a minute.
func benchLibrary(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("parallax-bench-%d-v1.db", benchLibrarySize))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	os.Remove(tmp)
	lib, err := store.Open(tmp)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	const outlets = 40
	feedIDs := make([]int64, outlets)
	for i := range feedIDs {
		f, err := lib.AddFeed(ctx, store.Feed{URL: fmt.Sprintf("https://outlet%02d.example/feed", i), Title: fmt.Sprintf("Outlet %02d", i)})
		if err != nil {
			b.Fatal(err)
		}
		feedIDs[i] = f.ID
	}
	rng := rand.New(rand.NewSource(1))
	start := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	batch := map[int][]store.Article{}
	flush := func() {
		for o := 0; o < outlets; o++ {
			if len(batch[o]) == 0 {
				continue
			}
			if _, err := lib.AddArticles(ctx, feedIDs[o], batch[o]); err != nil {
				b.Fatal(err)
			}
			batch[o] = batch[o][:0]
		}
	}
	event := 0
	for n := 0; n < benchLibrarySize; {
		event++
		tellers := 1
		if rng.Intn(10) < 4 {
			tellers = 2 + rng.Intn(6)
		}
		when := start.Add(time.Duration(n) * 90 * time.Second)
		words := syntheticWords(rng, event)
		for t := 0; t < tellers && n < benchLibrarySize; t++ {
			o := (event*7 + t*3) % outlets
			batch[o] = append(batch[o], store.Article{
				FeedID:    feedIDs[o],
				Source:    fmt.Sprintf("Outlet %02d", o),
				URL:       fmt.Sprintf("https://outlet%02d.example/%d", o, n),
				GUID:      strconv.Itoa(n),
				Title:     strings.Join(words[:8], " "),
				Published: when.Add(time.Duration(t) * 20 * time.Minute),
				Summary:   strings.Join(words, " "),
			})
			n++
		}
		if event%200 == 0 {
			flush()
		}
	}
	flush()
	if err := lib.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// syntheticWords makes an event's text: a few words of its own among common ones.
func syntheticWords(rng *rand.Rand, event int) []string {
	common := []string{"government", "minister", "city", "report", "police", "council", "court", "market", "week", "officials", "plan", "vote", "river", "school", "storm"}
	words := make([]string, 0, 150)
	for i := 0; i < 150; i++ {
		if i%4 == 0 {
			words = append(words, fmt.Sprintf("Name%d", event*5+i%20))
		} else {
			words = append(words, common[rng.Intn(len(common))])
		}
	}
	return words
}

// BenchmarkReaderStartup runs the real binary in tmux on a library of
// 100,000 articles and measures the time until the story list is on screen
// (wall time, and the processor time the process used until then) and the
// process's peak resident memory after paging through the list.
//
// This is the figure for a start inside tmux, harness and all. The wall time
// includes a tmux client started for new-window, the tmux server starting
// env and env starting the binary, and the tmux clients that capture the
// pane every 2 ms until the list shows; and, because $TMUX is set in the
// pane, the run of "tmux info" with which Lip Gloss detects the colour
// profile while the binary loads. BenchmarkReaderFirstFrame measures the
// binary alone.
func BenchmarkReaderStartup(b *testing.B) {
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is not installed")
	}
	db := benchLibrary(b)
	home := b.TempDir()
	// One tmux server for every run, so that its start is not counted.
	socket := fmt.Sprintf("parallax-bench-%d", time.Now().UnixNano())
	if out, err := exec.Command("tmux", "-L", socket, "new-session", "-d", "-x", "120", "-y", "40", "sleep", "600").CombinedOutput(); err != nil {
		b.Fatalf("tmux: %v: %s", err, out)
	}
	defer exec.Command("tmux", "-L", socket, "kill-server").Run()
	var firstFrame, firstFrameCPU, peakRSS []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		began := time.Now()
		cmd := exec.Command("tmux", "-L", socket, "new-window", "-P", "-F", "#{pane_id}",
			"env", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"), binary, "--db", db)
		pane, err := cmd.Output()
		if err != nil {
			b.Fatalf("tmux new-window: %v", err)
		}
		target := strings.TrimSpace(string(pane))
		for {
			out, _ := exec.Command("tmux", "-L", socket, "capture-pane", "-p", "-t", target).Output()
			if strings.Contains(string(out), "Stories ·") && strings.Contains(string(out), "source") {
				break
			}
			if time.Since(began) > 30*time.Second {
				b.Fatalf("no story list after 30 s:\n%s", out)
			}
			time.Sleep(2 * time.Millisecond)
		}
		firstFrame = append(firstFrame, float64(time.Since(began).Microseconds())/1000)
		pidOut, _ := exec.Command("tmux", "-L", socket, "display", "-p", "-t", target, "#{pane_pid}").Output()
		pid := strings.TrimSpace(string(pidOut))
		firstFrameCPU = append(firstFrameCPU, cpuMillis(pid))

		for k := 0; k < 50; k++ {
			exec.Command("tmux", "-L", socket, "send-keys", "-t", target, "pgdown").Run()
		}
		time.Sleep(300 * time.Millisecond)
		peakRSS = append(peakRSS, peakRSSMB(pid))
		exec.Command("tmux", "-L", socket, "kill-pane", "-t", target).Run()
	}
	b.ReportMetric(median(firstFrame), "ms-to-first-frame")
	b.ReportMetric(median(firstFrameCPU), "cpu-ms-to-first-frame")
	b.ReportMetric(median(peakRSS), "MB-peak-RSS")
}

// BenchmarkReaderFirstFrame starts the real binary on a pseudo-terminal of
// its own, with no tmux and no other program between, on a library of
// 100,000 articles. It reports the time from starting the process until the
// story list has been written to the terminal (ms-to-first-frame, with the
// processor time the process used until then) and until the process wrote
// anything at all (ms-to-first-output), and the process's peak resident
// memory after paging through the list.
//
// The harness answers the terminal queries the reader sends as a terminal
// would, so that what follows the first frame (a theme painted for the
// reported background) is what a user sees; the first frame waits on none
// of the answers.
func BenchmarkReaderFirstFrame(b *testing.B) {
	db := benchLibrary(b)
	home := b.TempDir()
	env := []string{"TERM=xterm-256color", "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "PATH=" + os.Getenv("PATH")}
	var firstOutput, firstFrame, firstFrameCPU, peakRSS []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd, master, slave, err := ptyCommand(120, 40, binary, "--db", db)
		if err != nil {
			b.Skip(err)
		}
		cmd.Env = env
		began := time.Now()
		err = cmd.Start()
		slave.Close()
		if err != nil {
			master.Close()
			b.Fatal(err)
		}
		term := readTerminal(master)
		if !term.waitFor(30*time.Second, storyListShown) {
			cmd.Process.Kill()
			cmd.Wait()
			term.close()
			b.Fatalf("no story list after 30 s:\n%q", term.out)
		}
		pid := strconv.Itoa(cmd.Process.Pid)
		firstFrameCPU = append(firstFrameCPU, cpuMillis(pid))
		firstFrame = append(firstFrame, float64(term.shown.Sub(began).Microseconds())/1000)
		firstOutput = append(firstOutput, float64(term.first.Sub(began).Microseconds())/1000)

		for k := 0; k < 50; k++ {
			master.WriteString("\x1b[6~") // page down
		}
		term.waitFor(300*time.Millisecond, func(string) bool { return false })
		peakRSS = append(peakRSS, peakRSSMB(pid))
		cmd.Process.Kill()
		cmd.Wait()
		term.close()
	}
	b.ReportMetric(median(firstFrame), "ms-to-first-frame")
	b.ReportMetric(median(firstFrameCPU), "cpu-ms-to-first-frame")
	b.ReportMetric(median(firstOutput), "ms-to-first-output")
	b.ReportMetric(median(peakRSS), "MB-peak-RSS")
}

// storyCount is the story list's title once the list has loaded, as in
// "Stories · 200 stories+".
var storyCount = regexp.MustCompile(`· \d+ stor(?:y|ies)`)

// storyListShown reports whether the text a terminal was sent, stripped of
// escape sequences, holds a loaded story list: the tmux benchmark's
// "Stories ·" and "source". The renderer writes only the cells that
// changed, so once a "Loading…" frame has put "Stories" on the screen, the
// title's count arrives on its own, moved to its column, and "Stories ·"
// need never appear in the stream.
func storyListShown(text string) bool {
	return strings.Contains(text, "Stories") && storyCount.MatchString(text) && strings.Contains(text, "source")
}

// terminalQueries are the queries the reader sends, with the answers an
// xterm gives: its background is dark, and it knows neither synchronized
// output (mode 2026) nor Unicode core (mode 2027).
var terminalQueries = []struct{ query, answer string }{
	{"\x1b]11;?\a", "\x1b]11;rgb:1c1c/1c1c/1c1c\a"},
	{"\x1b]11;?\x1b\\", "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"},
	{"\x1b[?2026$p", "\x1b[?2026;0$y"},
	{"\x1b[?2027$p", "\x1b[?2027;0$y"},
}

// terminalOutput collects what a program writes to its terminal and answers
// its queries.
type terminalOutput struct {
	master  *os.File
	chunks  chan timedChunk
	out     []byte
	scanned int       // out up to here holds no query left to answer
	first   time.Time // when the first byte arrived
	shown   time.Time // when the output first met waitFor's condition
}

type timedChunk struct {
	at   time.Time
	data []byte
}

// readTerminal starts reading master. Reading goes on until the terminal
// closes, so that a program writing to it never blocks on a full buffer
// while the caller is not looking.
func readTerminal(master *os.File) *terminalOutput {
	t := &terminalOutput{master: master, chunks: make(chan timedChunk, 1024)}
	go func() {
		defer close(t.chunks)
		for {
			buf := make([]byte, 32<<10)
			n, err := master.Read(buf)
			if n > 0 {
				t.chunks <- timedChunk{at: time.Now(), data: buf[:n]}
			}
			if err != nil {
				return
			}
		}
	}()
	return t
}

// waitFor collects output until the text written so far, stripped of escape
// sequences, meets shown, or until timeout, and reports which. It records
// when the output first met shown.
func (t *terminalOutput) waitFor(timeout time.Duration, shown func(text string) bool) bool {
	deadline := time.After(timeout)
	for {
		select {
		case c, ok := <-t.chunks:
			if !ok {
				return false
			}
			if t.first.IsZero() {
				t.first = c.at
			}
			t.out = append(t.out, c.data...)
			t.answer()
			if shown(ansi.Strip(string(t.out))) {
				t.shown = c.at
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// answer writes the answers to the queries that arrived since it last
// looked. A query cut short at the end of the output waits for the rest.
func (t *terminalOutput) answer() {
	i := t.scanned
next:
	for i < len(t.out) {
		if t.out[i] != '\x1b' {
			i++
			continue
		}
		rest := t.out[i:]
		for _, q := range terminalQueries {
			if bytes.HasPrefix(rest, []byte(q.query)) {
				t.master.WriteString(q.answer)
				i += len(q.query)
				continue next
			}
		}
		for _, q := range terminalQueries {
			if len(rest) < len(q.query) && strings.HasPrefix(q.query, string(rest)) {
				break next
			}
		}
		i++
	}
	t.scanned = i
}

// close closes the terminal and waits for its reader to stop.
func (t *terminalOutput) close() {
	t.master.Close()
	for range t.chunks {
	}
}

// cpuMillis reads the processor time a process has used so far from /proc,
// which, unlike wall time, other work on the machine barely changes.
func cpuMillis(pid string) float64 {
	stat, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return 0
	}
	// The command name in parentheses may hold spaces; fields follow it.
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	if len(fields) < 13 {
		return 0
	}
	user, _ := strconv.ParseFloat(fields[11], 64)
	system, _ := strconv.ParseFloat(fields[12], 64)
	const ticksPerSecond = 100
	return (user + system) * 1000 / ticksPerSecond
}

// peakRSSMB reads a process's high-water resident memory from /proc.
func peakRSSMB(pid string) float64 {
	status, err := os.ReadFile(filepath.Join("/proc", pid, "status"))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.ParseFloat(strings.Fields(line)[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}
