package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"parallax/store"
)

// interruptedRun is what a command stopped by SIGINT did.
type interruptedRun struct {
	result
	stopped time.Duration // from the signal to the exit
}

// interrupt starts parallax args against db, sends it SIGINT once ready
// is closed or sends, and waits for it to exit, failing the test if it is still
// running after limit.
func interrupt(t *testing.T, db string, ready <-chan struct{}, limit time.Duration, args ...string) interruptedRun {
	t.Helper()
	cmd := parallaxCmd(db, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	select {
	case <-ready:
	case <-exited:
		t.Fatalf("parallax %s exited before it could be interrupted: %s", strings.Join(args, " "), errb.String())
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		<-exited
		t.Fatalf("parallax %s never reached the moment to interrupt it", strings.Join(args, " "))
	}
	signaled := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
	case <-time.After(limit):
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		t.Fatalf("parallax %s still ran %v after Ctrl-C", strings.Join(args, " "), limit)
	}
	return interruptedRun{result{stdout: out.String(), stderr: errb.String(), code: cmd.ProcessState.ExitCode()}, time.Since(signaled)}
}

// bigFeed is an RSS feed of n items of some length, which take the
// library a while to store.
func bigFeed(f, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet %d</title><link>https://outlet%d.example/</link>`, f, f)
	base := time.Now().UTC().Add(-48 * time.Hour)
	for i := range n {
		title := fmt.Sprintf("Outlet %d report %d on the harbour council vote %d", f, i, i%37)
		fmt.Fprintf(&b, `<item><title>%s</title><link>https://outlet%d.example/%d</link><pubDate>%s</pubDate><description>%s</description></item>`,
			title, f, i, base.Add(time.Duration(f*n+i)*time.Second).Format(time.RFC1123Z),
			strings.Repeat(fmt.Sprintf("Councillor %d said the ferry timetable %d would change. ", i%53, i%19), 10))
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// TestInterruptedFetchStopsWhileStoring sends Ctrl-C once a large fetch
// has every feed and is storing their articles: it stops without
// storing the rest, says it was interrupted and exits 130, and the next
// fetch stores everything.
func TestInterruptedFetchStopsWhileStoring(t *testing.T) {
	const outlets, items = 20, 400
	var served atomic.Int32
	allServed := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var f int
		fmt.Sscanf(r.URL.Path, "/feed/%d", &f)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(bigFeed(f, items))
		// add asks for each feed once, then the fetch.
		if served.Add(1) == 2*outlets {
			close(allServed)
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	var urls []string
	for f := range outlets {
		urls = append(urls, fmt.Sprintf("%s/feed/%d", srv.URL, f))
	}
	mustRun(t, db, append([]string{"add"}, urls...)...)

	r := interrupt(t, db, allServed, 10*time.Second, "fetch")
	if r.code != exitInterrupted || r.stderr != "parallax: interrupted\n" {
		t.Errorf("interrupted fetch: exit %d, stderr %q, stdout %q; want exit %d and \"interrupted\"", r.code, r.stderr, r.stdout, exitInterrupted)
	}
	checkLibrarySound(t, db)
	start := time.Now()
	mustRun(t, db, "fetch")
	whole := time.Since(start)
	t.Logf("stopped %v after Ctrl-C; a whole fetch takes %v", r.stopped, whole)
	if r.stopped > whole/2 {
		t.Errorf("the interrupted fetch took %v to stop, and a whole one takes %v", r.stopped, whole)
	}
	if n := countRows(t, db, `SELECT count(*) FROM articles`); n != outlets*items {
		t.Errorf("after the fetch that followed, %d articles of %d are stored", n, outlets*items)
	}
}

// heldServer serves a feed whose items link to pages on the same server,
// and holds every request for a path under /held/ until it is canceled,
// sending on asked as each arrives.
func heldServer(t *testing.T, items int) (srv *httptest.Server, asked <-chan struct{}) {
	t.Helper()
	held := make(chan struct{}, 1000)
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/held/") {
			held <- struct{}{}
			<-r.Context().Done()
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><link>%s/</link>`, srv.URL)
		for i := range items {
			fmt.Fprintf(&b, `<item><title>Report %d on the tides</title><link>%s/held/%d</link><description>A short summary %d.</description></item>`, i, srv.URL, i, i)
		}
		b.WriteString(`</channel></rss>`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, b.String())
	}))
	t.Cleanup(srv.Close)
	return srv, held
}

// TestInterruptedFetchStopsWhileFetching sends Ctrl-C while a feed's
// server has not answered: the fetch stops at once, says it was
// interrupted and exits 130, not as if the feed had failed.
func TestInterruptedFetchStopsWhileFetching(t *testing.T) {
	srv, asked := heldServer(t, 3)
	db := filepath.Join(t.TempDir(), "lib.db")
	lib, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	// add would wait for the held feed as the fetch does.
	for _, url := range []string{srv.URL + "/feed.xml", srv.URL + "/held/feed.xml"} {
		if _, err := lib.AddFeed(context.Background(), store.Feed{URL: url}); err != nil {
			t.Fatal(err)
		}
	}
	lib.Close()
	r := interrupt(t, db, asked, 5*time.Second, "fetch")
	if r.code != exitInterrupted || r.stderr != "parallax: interrupted\n" || r.stdout != "" {
		t.Errorf("fetch interrupted while fetching: exit %d, stderr %q, stdout %q", r.code, r.stderr, r.stdout)
	}
	checkLibrarySound(t, db)
}

// TestInterruptedFullTextIsNotUnreachable sends Ctrl-C while the articles'
// pages are being fetched, after a fetch and after a save: the pages not
// fetched are not said to be on unreachable sites, nor recorded as failed.
func TestInterruptedFullTextIsNotUnreachable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	config := filepath.Join(filepath.Dir(db), "config", "parallax", "config.toml")
	if err := os.MkdirAll(filepath.Dir(config), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config, []byte("fulltext = \"always\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, asked := heldServer(t, 10)
	mustRun(t, db, "add", srv.URL+"/feed.xml")
	r := interrupt(t, db, asked, 5*time.Second, "fetch")
	if r.code != exitInterrupted || r.stderr != "parallax: interrupted\n" || strings.Contains(r.stdout, "unreachable") {
		t.Errorf("fetch interrupted in its full-text phase: exit %d, stderr %q, stdout %q", r.code, r.stderr, r.stdout)
	}
	if n := countRows(t, db, `SELECT count(*) FROM articles`); n != 10 {
		t.Errorf("the fetch stored %d articles before the interruption, want 10", n)
	}
	if n := countRows(t, db, `SELECT count(*) FROM articles WHERE fulltext_attempts > 0`); n != 0 {
		t.Errorf("%d pages recorded as failed after the interruption", n)
	}

	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json", "--limit", "1"))
	if len(stories) != 1 {
		t.Fatalf("stories: %+v", stories)
	}
	for len(asked) > 0 {
		<-asked // the fetch's
	}
	r = interrupt(t, db, asked, 5*time.Second, "save", strconv.FormatInt(stories[0].ID, 10))
	if r.code != exitInterrupted || r.stderr != "parallax: interrupted\n" ||
		strings.Contains(r.stdout, "unreachable") || !strings.Contains(r.stdout, "(interrupted)") {
		t.Errorf("save interrupted in its full-text phase: exit %d, stderr %q, stdout %q", r.code, r.stderr, r.stdout)
	}
}

// TestReaderStoppedBySignal: the reader sent SIGINT from outside (in the
// terminal, Ctrl-C is a key) gives the terminal back and exits 130, as a
// command does; sent SIGTERM, it gives the terminal back and quits. Its
// terminal closed under it (SIGHUP), as when its window is closed, it
// quits too. Each time the sample library it showed goes with it.
func TestReaderStoppedBySignal(t *testing.T) {
	for _, tt := range []struct {
		sig  os.Signal // nil: the terminal is closed
		want int
	}{{os.Interrupt, exitInterrupted}, {syscall.SIGTERM, exitOK}, {nil, 0}} {
		name := "terminal closed"
		if tt.sig != nil {
			name = tt.sig.String()
		}
		t.Run(name, func(t *testing.T) {
			home := t.TempDir()
			cmd, master, slave, err := ptyCommand(100, 30, binary, "--db", filepath.Join(home, "lib.db"), "--sample")
			if err != nil {
				t.Skip(err)
			}
			tmp := filepath.Join(home, "tmp")
			if err := os.Mkdir(tmp, 0o755); err != nil {
				t.Fatal(err)
			}
			cmd.Env = []string{"TERM=xterm-256color", "HOME=" + home, "TMPDIR=" + tmp,
				"XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "XDG_DATA_HOME=" + filepath.Join(home, "data")}
			err = cmd.Start()
			slave.Close()
			if err != nil {
				master.Close()
				t.Fatal(err)
			}
			term := readTerminal(master)
			defer term.close()
			if !term.waitFor(30*time.Second, storyListShown) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("no story list after 30 s:\n%q", term.out)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			if tt.sig == nil {
				term.close()
			} else if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("the reader still ran 10 s after %s", name)
			}
			if tt.sig != nil {
				if code := cmd.ProcessState.ExitCode(); code != tt.want {
					t.Errorf("reader stopped by %v: exit %d, want %d", tt.sig, code, tt.want)
				}
				term.waitFor(2*time.Second, func(string) bool { return false }) // the rest of its output
				if !bytes.Contains(term.out, []byte("\x1b[?1049l")) {
					t.Errorf("the reader did not leave the alternate screen:\n%q", term.out)
				}
			}
			// The sample library was built in a folder of its own, gone
			// with the reader, not in the user's data folder.
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Errorf("the sample library's folder is left in TMPDIR: %v", left)
			}
			if _, err := os.Stat(filepath.Join(home, "data", "parallax", "sample.db")); err == nil {
				t.Error("the sample library was built in the user's data folder")
			}
		})
	}
}
