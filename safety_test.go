package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	_ "modernc.org/sqlite"

	"parallax/store"
)

// checkLibrarySound fails unless the library at path is what a parallax
// library must always be, whatever happened to the process that wrote it.
func checkLibrarySound(t *testing.T, path string) {
	t.Helper()
	if err := store.CheckFile(context.Background(), path); err != nil {
		t.Fatal(err)
	}
}

// countRows counts what query selects in the library at path.
func countRows(t *testing.T, path, query string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(20000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// churnServer serves feeds whose window of items moves on by some items
// at every request, so that every fetch has new articles to write. It
// remembers the newest window it served of each feed.
type churnServer struct {
	*httptest.Server
	feeds, items, step int
	mu                 sync.Mutex
	requests           map[int]int
}

func newChurnServer(t *testing.T, feeds, items, step int) *churnServer {
	s := &churnServer{feeds: feeds, items: items, step: step, requests: map[int]int{}}
	base := time.Now().UTC().Add(-2 * time.Hour)
	words := strings.Fields("harbour ferry council vote storm bridge rail strike bank rates budget court flood rescue election trade port union pay talks")
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil || f < 0 || f >= feeds {
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		k := s.requests[f]
		s.requests[f]++
		s.mu.Unlock()
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet %d</title><link>https://outlet%d.example/</link>`, f, f)
		for i := k * step; i < k*step+items; i++ {
			topic := i % 50
			title := fmt.Sprintf("%s %s %s report %d", words[topic%len(words)], words[(topic*3+1)%len(words)], words[(topic*7+2)%len(words)], i)
			fmt.Fprintf(&b, `<item><title>%s</title><link>https://outlet%d.example/%d</link><guid>%d-%d</guid><pubDate>%s</pubDate>`+
				`<description>%s</description></item>`, title, f, i, f, i, base.Add(time.Duration(i)*time.Second).Format(time.RFC1123Z),
				strings.Repeat(title+" was discussed at length by everyone involved. ", 12))
		}
		b.WriteString(`</channel></rss>`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, b.String())
	}))
	t.Cleanup(s.Close)
	return s
}

// lastWindow is the links of the items the last request for feed f was
// served.
func (s *churnServer) lastWindow(f int) []string {
	s.mu.Lock()
	k := s.requests[f] - 1
	s.mu.Unlock()
	var out []string
	for i := k * s.step; i < k*s.step+s.items; i++ {
		out = append(out, fmt.Sprintf("https://outlet%d.example/%d", f, i))
	}
	return out
}

// parallaxCmd is the binary set up as parallax() runs it, not yet started.
func parallaxCmd(db string, args ...string) *exec.Cmd {
	home := filepath.Dir(db)
	cmd := exec.Command(binary, append(args, "--db", db)...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"), "PARALLAX_DB=")
	return cmd
}

// TestKilledFetchLeavesLibrarySound kills parallax fetch (and, every fifth
// time, parallax regroup, the largest single write) with SIGKILL at seeded
// random moments, twenty times, and checks after each kill that the
// library opens and is sound, and at the end that one fetch left alone
// completes the work.
func TestKilledFetchLeavesLibrarySound(t *testing.T) {
	const feeds, items, step = 20, 100, 12
	kills := 20
	if testing.Short() {
		kills = 5
	}
	seed := uint64(20261123)
	rng := rand.New(rand.NewPCG(seed, 1))
	srv := newChurnServer(t, feeds, items, step)
	db := filepath.Join(t.TempDir(), "lib.db")
	var urls []string
	for f := range feeds {
		urls = append(urls, fmt.Sprintf("%s/feed/%d", srv.URL, f))
	}
	mustRun(t, db, append([]string{"add"}, urls...)...)

	mustRun(t, db, "fetch")
	checkLibrarySound(t, db)
	// A later fetch, with fewer new articles, is what the kills interrupt.
	// Each kill comes at a random moment of how long the command last took
	// whole, which a busy machine stretches and shrinks from run to run.
	took := map[string]time.Duration{}
	for _, what := range []string{"fetch", "regroup"} {
		start := time.Now()
		mustRun(t, db, what)
		took[what] = time.Since(start)
	}

	midway := 0
	for i := range kills {
		what := "fetch"
		if i%5 == 4 {
			what = "regroup"
		}
		full := took[what]
		delay := time.Duration(rng.Int64N(int64(full + full/4)))
		cmd := parallaxCmd(db, what)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		killed := cmd.Process.Signal(syscall.SIGKILL) == nil
		cmd.Wait()
		if killed && !cmd.ProcessState.Exited() {
			midway++
		} else if cmd.ProcessState.Exited() {
			took[what] = time.Since(start)
		}
		checkLibrarySound(t, db)
		if r := parallax(t, db, "stories", "--json", "--limit", "1"); r.code != 0 {
			t.Fatalf("kill %d of %s (after %v): the library does not open: %s", i, what, delay, r.stderr)
		}
	}
	t.Logf("seed %d: a full fetch takes %v, a regroup %v; %d of %d kills landed while the command ran",
		seed, took["fetch"].Round(time.Millisecond), took["regroup"].Round(time.Millisecond), midway, kills)
	if midway < kills/2 {
		t.Errorf("only %d of %d kills landed while the command ran; the test did not test much", midway, kills)
	}

	r := mustRun(t, db, "fetch", "--json")
	var sum fetchJSON
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil || sum.Failed != 0 {
		t.Fatalf("the fetch after the kills: %v %+v", err, sum)
	}
	checkLibrarySound(t, db)
	var want []any
	for f := range feeds {
		for _, u := range srv.lastWindow(f) {
			want = append(want, u)
		}
	}
	query := `SELECT count(*) FROM articles WHERE url IN (?` + strings.Repeat(",?", len(want)-1) + `)`
	if n := countRows(t, db, query, want...); n != len(want) {
		t.Fatalf("%d of the %d articles the last fetch was served are in the library", n, len(want))
	}
}

// TestConcurrentParallaxOnOneLibrary runs a fetch, an import, a regroup
// and listings against one library at once. Each works, or says plainly
// that the library is busy; none corrupts it, and all the work lands.
func TestConcurrentParallaxOnOneLibrary(t *testing.T) {
	const feeds, items = 12, 100
	srv := newChurnServer(t, feeds, items, 0)
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	var urls []string
	for f := range feeds {
		urls = append(urls, fmt.Sprintf("%s/feed/%d", srv.URL, f))
	}
	mustRun(t, db, append([]string{"add"}, urls...)...)
	var files []string
	for i := range 6 {
		p := filepath.Join(dir, fmt.Sprintf("letter-%d.txt", i))
		os.WriteFile(p, []byte(fmt.Sprintf("Reader letter %d on the harbour\n\nThe harbour plan number %d deserves a second look, writes a reader.", i, i)), 0o644)
		files = append(files, p)
	}

	runs := [][]string{
		{"fetch"},
		append([]string{"import", "--source", "Letters"}, files...),
		{"regroup"},
		{"stories", "--json"},
		{"fetch"},
		{"feeds", "--json"},
		{"search", "harbour", "--json"},
	}
	results := make([]result, len(runs))
	var wg sync.WaitGroup
	for i, args := range runs {
		wg.Go(func() { results[i] = parallax(t, db, args...) })
	}
	wg.Wait()
	for i, r := range results {
		switch {
		case r.code == 0:
		case r.code == exitUsage && strings.Contains(r.stderr, "busy") && strings.Count(strings.TrimSpace(r.stderr), "\n") == 0:
			t.Logf("parallax %s: %s", strings.Join(runs[i], " "), r.stderr)
		default:
			t.Errorf("parallax %s beside others: exit %d\n%s", strings.Join(runs[i], " "), r.code, r.stderr)
		}
	}
	checkLibrarySound(t, db)
	if n := countRows(t, db, `SELECT count(*) FROM articles WHERE feed_id IS NOT NULL`); n != feeds*items {
		t.Errorf("%d fetched articles in the library, want %d", n, feeds*items)
	}
	if n := countRows(t, db, `SELECT count(*) FROM articles WHERE source = 'Letters'`); n != len(files) {
		t.Errorf("%d imported letters in the library, want %d", n, len(files))
	}
}

// TestImportBadFilesCLI passes import every kind of wrong file beside a
// good one: one line per bad file naming it, the good one imported, exit
// status 1, and no gigabyte read into memory (the sparse file would show
// as seconds of reading and a huge resident size).
func TestImportBadFilesCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	huge := writeFile(t, dir, "huge.md", "")
	if err := os.Truncate(huge, 1<<30); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "folder")
	os.Mkdir(sub, 0o755)
	bad := []string{
		filepath.Join(dir, "missing.txt"),
		sub,
		writeFile(t, dir, "empty.txt", ""),
		writeFile(t, dir, "photo.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"),
		huge,
	}
	good := writeFile(t, dir, "Pilots strike - Harbour Gazette.txt", "Harbour pilots strike over pay\n\nPilots walked out at dawn, halting the ferries.")
	args := append([]string{"import"}, bad[:3]...)
	args = append(append(args, good), bad[3:]...)
	start := time.Now()
	cmd := parallaxCmd(db, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Run()
	elapsed := time.Since(start)
	if code := cmd.ProcessState.ExitCode(); code != exitPartial {
		t.Errorf("import with bad files: exit %d, want %d\n%s", code, exitPartial, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if len(lines) != len(bad) {
		t.Fatalf("stderr has %d lines for %d bad files:\n%s", len(lines), len(bad), errb.String())
	}
	for i, p := range bad {
		if !strings.Contains(lines[i], p+": ") {
			t.Errorf("error line %q does not name %s", lines[i], p)
		}
	}
	if !strings.Contains(out.String(), "imported article") {
		t.Errorf("the good file was not imported: %q", out.String())
	}
	if rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss; rss > 300<<10 {
		t.Errorf("import peaked at %d MiB resident: a file was read whole", rss>>10)
	}
	if elapsed > 10*time.Second {
		t.Errorf("import took %v", elapsed)
	}
	if n := countRows(t, db, `SELECT count(*) FROM articles`); n != 1 {
		t.Errorf("%d articles in the library, want 1", n)
	}
}

// TestDamagedOrForeignLibraryRefusedUntouched points every command at a
// damaged parallax library and at another program's SQLite database: each
// is refused with an error naming the file, which is left byte for byte as
// it was.
func TestDamagedOrForeignLibraryRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	damaged := filepath.Join(dir, "damaged.db")
	mustRun(t, damaged, "import", "--source", "Gazette", fixture(t, "council.txt"))
	data, err := os.ReadFile(damaged)
	if err != nil {
		t.Fatal(err)
	}
	for i := 100; i < len(data); i++ {
		data[i] ^= byte(i*31 + 7)
	}
	os.Remove(damaged + "-wal")
	os.Remove(damaged + "-shm")
	if err := os.WriteFile(damaged, data, 0o644); err != nil {
		t.Fatal(err)
	}

	foreign := filepath.Join(dir, "recipes.db")
	fdb, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.Exec(`CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread')`); err != nil {
		t.Fatal(err)
	}
	fdb.Close()

	for _, path := range []string{damaged, foreign} {
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"stories", "--json"}, {"fetch"}, {"import", fixture(t, "council.txt")}, {"regroup"}, {"feeds"}} {
			r := parallax(t, path, args...)
			if r.code == 0 || !strings.Contains(r.stderr, path) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
				t.Errorf("%s: parallax %s: exit %d, stderr %q; want an error line naming the file",
					filepath.Base(path), strings.Join(args, " "), r.code, r.stderr)
			}
			if args[0] == "stories" && r.stdout != "" {
				t.Errorf("%s: stories --json printed %q", filepath.Base(path), r.stdout)
			}
		}
		after, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(before, after) {
			t.Errorf("%s was changed", filepath.Base(path))
		}
	}
}

// TestMalformedConfig starts the reader with broken config files: each is
// an error naming the file, the line and the key, and the reader does not
// start.
func TestMalformedConfig(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	for _, c := range []struct {
		name, text, want string
	}{
		{"syntax", "theme = \"dark\"\nrefresh_minutes = = 5\n", ":2:"},
		{"type", "theme = \"dark\"\n\nrefresh_minutes = \"soon\"\n", "refresh_minutes"},
		{"unknown key", "theme = \"dark\"\ncolour = \"red\"\n", ":2: unknown setting \"colour\""},
		{"bad theme", "\ntheme = \"neon-nightmare\"\n", ":2:"},
		{"bad key", "[keys]\nquit = [\"q\"]\nfrobnicate = [\"x\"]\n", ":3:"},
		{"escapes", "theme = \"\x1b]0;owned\x07\"\n", ":1:"},
	} {
		path := writeFile(t, dir, c.name+".toml", c.text)
		r := parallax(t, db, "--config", path)
		line := strings.TrimSpace(r.stderr)
		if r.code != exitUsage || !strings.Contains(line, path) || !strings.Contains(line, c.want) || strings.Contains(line, "\n") {
			t.Errorf("%s: exit %d, stderr %q; want one line naming %s and %q", c.name, r.code, r.stderr, path, c.want)
		}
		if strings.ContainsRune(r.stderr, 0x1b) {
			t.Errorf("%s: the error carries an escape: %q", c.name, r.stderr)
		}
	}
}

// TestKeyMistakeStopsOnlyTheReader: a mistake in [keys] stops the reader,
// which takes keys, but a purge, which does not, goes on with the rest of
// the config and warns.
func TestKeyMistakeStopsOnlyTheReader(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	path := writeFile(t, dir, "config.toml", "keep_days = 30\n[keys]\nsave = \"j\"\n")
	r := parallax(t, db, "purge", "--dry-run", "--config", path)
	if r.code != exitOK || !strings.Contains(r.stdout, "older than 30 days") || !strings.Contains(r.stderr, path+":3: key \"j\"") {
		t.Errorf("purge with a key mistake: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := parallax(t, db, "--config", path); r.code != exitUsage || !strings.Contains(r.stderr, path+":3:") {
		t.Errorf("reader with a key mistake: exit %d, stderr %q", r.code, r.stderr)
	}
}

// hostileBits is what a hostile feed hides in its text: a clipboard write,
// a window title, a hyperlink, a bracketed-paste terminator, colour, a C1
// CSI, bidirectional controls and zero-width characters.
const hostileBits = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;owned\x07\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07" +
	"\x1b[201~\x1b[31m\u009b2J\u202e\u2066\u200b\u200d"

// unsafeOutput reports the first thing in out that could drive a terminal
// or hide text: an escape or other control, a C1 control (raw or encoded),
// a bidirectional control, or in one-line fields an invisible character.
func unsafeOutput(out string, line bool) string {
	for i, r := range out {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(out[i:]); size == 1 {
				return fmt.Sprintf("a stray byte %#x", out[i])
			}
		case r < 0x20 && r != '\n' && r != '\t', r == 0x7f, r >= 0x80 && r <= 0x9f:
			return fmt.Sprintf("control %U", r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return fmt.Sprintf("bidirectional control %U", r)
		case line && (r >= 0x200b && r <= 0x200f || r == 0xfeff):
			return fmt.Sprintf("invisible %U", r)
		}
	}
	return ""
}

// jsonText is one string of a JSON document and whether it is text
// (an article's text or a snippet of it) rather than a one-line field.
type jsonText struct {
	s     string
	block bool
}

// jsonStrings collects every string a JSON document holds under key.
func jsonStrings(v any, key string, out *[]jsonText) {
	switch v := v.(type) {
	case string:
		*out = append(*out, jsonText{v, key == "text" || key == "snippet"})
	case []any:
		for _, e := range v {
			jsonStrings(e, key, out)
		}
	case map[string]any:
		for k, e := range v {
			jsonStrings(e, k, out)
		}
	}
}

// TestHostileFeedNeverReachesTerminal subscribes to feeds full of escapes
// and to servers whose errors quote hostile text, then runs every command
// that prints what they brought, plain and as JSON: nothing that could
// drive the terminal reaches stdout or stderr, and JSON strings, once
// decoded, are as clean as the plain output.
func TestHostileFeedNeverReachesTerminal(t *testing.T) {
	var served atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Wire%s</title><link>https://wire.example/</link>`+
			`<item><title>Harbour%s bridge reopens</title><link>https://wire.example/bridge</link><author>sam@wire.example (Sam%s)</author>`+
			`<description><![CDATA[<p>The harbour bridge reopened%s today. Engineers cleared it.</p>`+
			`<p>Log in at <a href="https://evil.example/phish">https://bank.example/login</a>.</p>]]></description></item>`+
			`<item><title>Harbour bridge opens again%s</title><link>https://wire.example/bridge-2</link>`+
			`<description>The harbour bridge opened again%s today, engineers said.</description></item></channel></rss>`,
			hostileBits, hostileBits, hostileBits, hostileBits, hostileBits, hostileBits)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		if served.Load() == 0 {
			// Good while being added, so that it is subscribed.
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Broken</title></channel></rss>`)
			return
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		body := "<html>" + hostileBits + "</html>"
		fmt.Fprintf(buf, "HTTP/1.1 500 %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", hostileBits, len(body), body)
		buf.Flush()
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		if served.Load() == 0 {
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Moved</title></channel></rss>`)
			return
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 302 Found\r\nLocation: /x%s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", hostileBits)
		buf.Flush()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	mustRun(t, db, "add", srv.URL+"/broken", srv.URL+"/moved", srv.URL+"/feed")
	if r := parallax(t, db, "add", srv.URL+"/missing"+url.PathEscape(hostileBits)); r.code == 0 {
		t.Error("adding a missing feed worked")
	} else if bad := unsafeOutput(r.stderr, false); bad != "" {
		t.Errorf("add error carries %s: %q", bad, r.stderr)
	}

	var outputs []result
	var names []string
	run := func(args ...string) result {
		r := parallax(t, db, args...)
		outputs = append(outputs, r)
		names = append(names, strings.Join(args, " "))
		return r
	}
	if r := run("fetch"); r.code != exitPartial {
		t.Fatalf("fetch: exit %d, want 1 (two feeds fail)\n%s", r.code, r.stderr)
	}
	run("fetch", "--json")
	stories := decode[[]storyJSON](t, run("stories", "--json"))
	run("stories")
	run("feeds")
	run("feeds", "--json")
	run("search", "harbour")
	run("search", "harbour", "--json")
	run("export", "opml")
	if len(stories) == 0 {
		t.Fatal("the hostile feed brought no story")
	}
	for _, s := range stories {
		id := strconv.FormatInt(s.ID, 10)
		run("show", id)
		run("show", id, "--json")
		run("compare", id)
		run("compare", id, "--json")
	}
	for i, r := range outputs {
		for stream, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
			if bad := unsafeOutput(out, false); bad != "" {
				t.Errorf("parallax %s: %s carries %s:\n%q", names[i], stream, bad, out)
			}
		}
		if strings.HasSuffix(names[i], "--json") {
			var v any
			if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
				t.Errorf("parallax %s: %v", names[i], err)
				continue
			}
			var strs []jsonText
			jsonStrings(v, "", &strs)
			for _, s := range strs {
				if bad := unsafeOutput(s.s, !s.block); bad != "" {
					t.Errorf("parallax %s: JSON string %q carries %s", names[i], s.s, bad)
				}
			}
		}
	}
	all := ""
	for _, r := range outputs {
		all += r.stdout + r.stderr
	}
	if !strings.Contains(all, "500 Internal Server Error") || !strings.Contains(all, "malformed HTTP response") {
		t.Errorf("the failing feeds' errors are not reported plainly:\n%s", all)
	}
	if strings.Contains(all, "bank.example") {
		t.Error("a link that shows one address and leads to another kept its disguise")
	}
}

// TestTamperedLibraryOutputIsSafe writes hostile text straight into a
// library, as an old version or another tool might have left it, and
// checks that the listing commands still print nothing a terminal would
// act on.
func TestTamperedLibraryOutputIsSafe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	mustRun(t, db, "import", "--source", "Gazette", fixture(t, "council.txt"))
	mustRun(t, db, "add", fixture(t, "lakeside.rss"))
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE articles SET title = title || ?1, source = source || ?1, author = ?1, url = url || ?1, content = content || ?1 || ' harbour', summary = ?1`,
		`UPDATE stories SET title = title || ?1, sources = json_array('Gazette' || ?1)`,
		`UPDATE feeds SET title = ?1, last_error = 'failed: ' || ?1`,
	} {
		if _, err := raw.Exec(q, hostileBits); err != nil {
			raw.Close()
			t.Fatal(err)
		}
	}
	raw.Close()
	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))
	if len(stories) == 0 {
		t.Fatal("no stories")
	}
	id := strconv.FormatInt(stories[0].ID, 10)
	for _, args := range [][]string{{"stories"}, {"feeds"}, {"show", id}, {"compare", id}, {"search", "harbour"}, {"export", "opml"},
		{"stories", "--json"}, {"feeds", "--json"}, {"show", id, "--json"}, {"search", "harbour", "--json"}} {
		r := parallax(t, db, args...)
		if r.code != 0 {
			t.Errorf("parallax %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		if bad := unsafeOutput(r.stdout, false); bad != "" {
			t.Errorf("parallax %s prints %s:\n%q", strings.Join(args, " "), bad, r.stdout)
		}
		if args[len(args)-1] == "--json" {
			// JSON escapes the controls and carries the text whole.
			continue
		}
		for _, debris := range []string{"52;c;", "owned", "evil.example", "[201~", "[31m", "2J"} {
			if strings.Contains(r.stdout, debris) {
				t.Errorf("parallax %s prints %q, the rest of an escape sequence whose ESC was dropped:\n%q", strings.Join(args, " "), debris, r.stdout)
			}
		}
	}
}

// TestArgumentsEchoedSafely gives commands hostile arguments, which their
// errors quote back on stderr.
func TestArgumentsEchoedSafely(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	for _, args := range [][]string{
		{"remove", "https://x.example/" + hostileBits},
		{"stories", "--" + hostileBits},
		{"stories", "--limit", hostileBits},
		{"import", filepath.Join(t.TempDir(), "missing"+hostileBits+".opml")},
		{"show", hostileBits},
	} {
		r := parallax(t, db, args...)
		if r.code == 0 || r.stderr == "" {
			t.Errorf("parallax %q: exit %d, stderr %q; want an error", args, r.code, r.stderr)
		}
		if bad := unsafeOutput(r.stderr, false); bad != "" {
			t.Errorf("parallax %q prints %s on stderr:\n%q", args, bad, r.stderr)
		}
	}
}
