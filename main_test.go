package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"parallax/feeds"
	"parallax/feeds/sample"
	"parallax/internal/testfs"
	"parallax/store"
	"parallax/ui"
)

// binary is the parallax executable built once for every test here.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "parallax-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "parallax")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("build parallax: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary produced.
type result struct {
	stdout, stderr string
	code           int
}

// parallax runs the binary against db with a private home, so no test reads
// or writes the real user's library or config.
func parallax(t *testing.T, db string, args ...string) result {
	t.Helper()
	home := filepath.Dir(db)
	cmd := exec.Command(binary, append(args, "--db", db)...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"), "PARALLAX_DB=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run parallax %v: %v", args, err)
	}
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

func mustRun(t *testing.T, db string, args ...string) result {
	t.Helper()
	r := parallax(t, db, args...)
	if r.code != 0 {
		t.Fatalf("parallax %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

func decode[T any](t *testing.T, r result) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, r.stdout)
	}
	return v
}

// keysOf returns the sorted keys of a JSON object.
func keysOf(m map[string]any) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// writeFile writes text to the file name in dir and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", "cli", name))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSubscribeFetchAndList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	mustRun(t, db, "add", fixture(t, "lakeside.rss"), "file://"+fixture(t, "northern.atom"))

	if r := mustRun(t, db, "add", fixture(t, "lakeside.rss")); !strings.HasPrefix(r.stdout, "already subscribed to ") {
		t.Errorf("adding a feed again printed %q, want it to say it is already subscribed", r.stdout)
	}
	feedList := decode[[]map[string]any](t, mustRun(t, db, "feeds", "--json"))
	if len(feedList) != 2 {
		t.Fatalf("feeds: got %d, want 2", len(feedList))
	}
	if got, want := keysOf(feedList[0]), []string{"articles", "error", "last_fetch", "title", "url"}; !reflect.DeepEqual(got, want) {
		t.Errorf("feed keys = %v, want %v", got, want)
	}

	fetched := decode[fetchJSON](t, mustRun(t, db, "fetch", "--json"))
	if fetched.Added != 4 || fetched.Failed != 0 {
		t.Fatalf("first fetch: %+v, want 4 added and no failures", fetched)
	}
	again := decode[fetchJSON](t, mustRun(t, db, "fetch", "--json"))
	if again.Added != 0 {
		t.Errorf("second fetch added %d articles, want 0", again.Added)
	}

	raw := decode[[]map[string]any](t, mustRun(t, db, "stories", "--json"))
	if len(raw) == 0 {
		t.Fatal("stories: none listed")
	}
	if got, want := keysOf(raw[0]), []string{"articles", "id", "saved", "sources", "title", "unread", "updated"}; !reflect.DeepEqual(got, want) {
		t.Errorf("story keys = %v, want %v", got, want)
	}
	articles := raw[0]["articles"].([]any)
	if got, want := keysOf(articles[0].(map[string]any)), []string{"id", "published", "source", "title", "url"}; !reflect.DeepEqual(got, want) {
		t.Errorf("story article keys = %v, want %v", got, want)
	}

	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))
	total := 0
	var ferry storyJSON
	for _, s := range stories {
		total += len(s.Articles)
		if strings.Contains(s.Title, "erry") || strings.Contains(s.Title, "Saga Vell") {
			ferry = s
		}
	}
	if total != 4 {
		t.Errorf("stories hold %d articles, want 4", total)
	}
	if ferry.ID == 0 {
		t.Fatalf("no story about the ferry among %+v", stories)
	}

	limited := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json", "--limit", "1"))
	if len(limited) != 1 {
		t.Errorf("--limit 1 listed %d stories", len(limited))
	}

	shown := decode[map[string]any](t, mustRun(t, db, "show", itoa(ferry.ID), "--json"))
	if got, want := keysOf(shown), []string{"articles", "id", "saved", "sources", "title"}; !reflect.DeepEqual(got, want) {
		t.Errorf("show keys = %v, want %v", got, want)
	}
	show := decode[showJSON](t, mustRun(t, db, "show", "--json", itoa(ferry.ID)))
	if len(show.Articles) == 0 || !strings.Contains(show.Articles[0].Text, "Tessby") {
		t.Errorf("show: article text lacks the report: %+v", show.Articles)
	}
	// Every article but the one that started the story says why it is in it.
	started := 0
	for _, a := range show.Articles {
		if a.Grouped == "" {
			started++
		}
	}
	if len(show.Articles) < 2 || started != 1 {
		t.Errorf("show: %d of %d articles say why they are in the story, want all but one", len(show.Articles)-started, len(show.Articles))
	}
	if plain := mustRun(t, db, "show", itoa(ferry.ID)).stdout; !strings.Contains(plain, "grouped: ") {
		t.Errorf("show: no grouped line in\n%s", plain)
	}

	hits := decode[[]searchJSON](t, mustRun(t, db, "search", "reindeer", "--json"))
	if len(hits) != 1 || hits[0].Article.Source != "Northern Post" || hits[0].StoryID == 0 {
		t.Errorf("search reindeer: %+v", hits)
	}
	if len(decode[[]searchJSON](t, mustRun(t, db, "search", `"unbalanced`, "--json"))) != 0 {
		t.Errorf("a stray quote should find nothing, not fail")
	}

	mustRun(t, db, "save", itoa(ferry.ID))
	saved := decode[showJSON](t, mustRun(t, db, "show", itoa(ferry.ID), "--json"))
	if !saved.Saved {
		t.Errorf("story %d not saved after parallax save", ferry.ID)
	}
}

func TestExportOPMLRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	mustRun(t, db, "import", fixture(t, "subscriptions.opml"))
	out := mustRun(t, db, "export", "opml").stdout

	var doc struct {
		Version  string `xml:"version,attr"`
		Outlines []struct {
			XMLURL string `xml:"xmlUrl,attr"`
		} `xml:"body>outline"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("exported OPML does not parse: %v\n%s", err, out)
	}
	var urls []string
	for _, o := range doc.Outlines {
		urls = append(urls, o.XMLURL)
	}
	sort.Strings(urls)
	want := []string{"https://lakeside.example/feed.xml", "https://northernpost.example/atom"}
	if doc.Version != "2.0" || !reflect.DeepEqual(urls, want) {
		t.Errorf("exported OPML version %q with feeds %v, want 2.0 with %v", doc.Version, urls, want)
	}

	db2 := filepath.Join(t.TempDir(), "again.db")
	path := filepath.Join(t.TempDir(), "export.opml")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db2, "import", path)
	if got := decode[[]feedJSON](t, mustRun(t, db2, "feeds", "--json")); len(got) != 2 {
		t.Errorf("re-imported %d feeds, want 2", len(got))
	}
}

// TestMistakesAreNamedPlainly: a feed file name that does not exist is
// said to be no file before being tried as a site, while a file that
// exists and is no feed, or a path written as one, is said to be what it
// is, once; a story ID too large to be one is said to be no story.
func TestMistakesAreNamedPlainly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	if r := parallax(t, db, "add", "no-such-feed.xml"); r.code != exitUsage || !strings.Contains(r.stderr, "no-such-feed.xml: no such file") {
		t.Errorf("add of a missing file: exit %d, %q", r.code, r.stderr)
	}
	junk := writeFile(t, dir, "junk.xml", "this is not a feed\n")
	if r := parallax(t, db, "add", junk); r.code != exitUsage || strings.Contains(r.stderr, "no such file") || !strings.Contains(r.stderr, "not a feed") {
		t.Errorf("add of a file that is no feed: exit %d, %q", r.code, r.stderr)
	}
	missing := filepath.Join(dir, "gone.xml")
	if r := parallax(t, db, "add", missing); r.code != exitUsage || strings.Count(r.stderr, "no such file") != 1 {
		t.Errorf("add of a missing path: exit %d, %q; want it said once", r.code, r.stderr)
	}
	if r := parallax(t, db, "show", "99999999999999999999"); r.code != exitUsage || !strings.Contains(r.stderr, "no story 99999999999999999999") {
		t.Errorf("show of a huge ID: exit %d, %q", r.code, r.stderr)
	}
}

// TestExportNeverOverwritesTheLibrary gives export the database itself,
// by another name and beside it, as the file to write.
func TestExportNeverOverwritesTheLibrary(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	mustRun(t, db, "import", fixture(t, "subscriptions.opml"))
	if err := os.Symlink(db, filepath.Join(dir, "link.db")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{db, filepath.Join(dir, ".", "link.db"), db + "-wal"} {
		r := parallax(t, db, "export", "opml", "-o", out)
		if r.code != exitUsage || !strings.Contains(r.stderr, "database") {
			t.Errorf("export opml -o %s: exit %d, %q", out, r.code, r.stderr)
		}
	}
	if got := decode[[]feedJSON](t, mustRun(t, db, "feeds", "--json")); len(got) != 2 {
		t.Errorf("after the refused exports the library has %d feeds, want 2", len(got))
	}
}

// TestEmptyDatabaseFlagIsAnError: --db "" once opened the default library.
func TestEmptyDatabaseFlagIsAnError(t *testing.T) {
	home := t.TempDir()
	cmd := exec.Command(binary, "--db", "", "stories")
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"), "PARALLAX_DB=")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != exitUsage || !strings.Contains(string(out), "--db is empty") {
		t.Errorf("--db \"\": %v, %q", err, out)
	}
	if _, err := os.Stat(filepath.Join(home, "data", "parallax")); err == nil {
		t.Error("--db \"\" created the default library")
	}
}

func TestAddDiscoversFeedOnPage(t *testing.T) {
	feed, err := os.ReadFile(fixture(t, "lakeside.rss"))
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(fixture(t, "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	var feedHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html")
			w.Write(page)
		case "/feed.xml":
			feedHits.Add(1)
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(feed)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	// A page's feed is read once before it is subscribed to, as only
	// reading it tells a working feed from a link to a missing one or back
	// to the page; the subscription is named from that read.
	db := filepath.Join(t.TempDir(), "lib.db")
	if r := mustRun(t, db, "add", srv.URL+"/"); r.stdout != "added "+srv.URL+"/feed.xml (Lakeside Courier)\n" || feedHits.Load() != 1 {
		t.Errorf("add of a page printed %q and asked for its feed %d times; want the feed found, read once and named", r.stdout, feedHits.Load())
	}
	list := decode[[]feedJSON](t, mustRun(t, db, "feeds", "--json"))
	if len(list) != 1 || list[0].URL != srv.URL+"/feed.xml" || list[0].Title != "Lakeside Courier" {
		t.Fatalf("feeds after add of a page: %+v, want the page's feed, named", list)
	}
	// A feed added by its own address is read once, and named from then on.
	direct := filepath.Join(t.TempDir(), "direct.db")
	if r := mustRun(t, direct, "add", srv.URL+"/feed.xml"); r.stdout != "added "+srv.URL+"/feed.xml (Lakeside Courier)\n" || feedHits.Load() != 2 {
		t.Errorf("add of a feed printed %q and asked for it %d times in all; want its title, and one request", r.stdout, feedHits.Load())
	}
	if list := decode[[]feedJSON](t, mustRun(t, direct, "feeds", "--json")); len(list) != 1 || list[0].Title != "Lakeside Courier" {
		t.Errorf("feeds after add of a feed: %+v, want it titled before its first fetch", list)
	}

	r := parallax(t, db, "add", srv.URL+"/missing")
	if r.code != exitUsage || !strings.Contains(r.stderr, "/missing") {
		t.Errorf("add of a 404: exit %d, stderr %q; want exit 2 naming the URL", r.code, r.stderr)
	}
}

// TestAddSkipsBrokenFeedLinks: a page whose first feed links lead back to
// the page or to a missing feed is subscribed to by the link that works;
// a page whose only feed link is itself, or a missing feed, is refused.
func TestAddSkipsBrokenFeedLinks(t *testing.T) {
	feed, err := os.ReadFile(fixture(t, "lakeside.rss"))
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{"/harbour/": "stale-links.html", "/weather/": "self-link.html"}
	var pageHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if name, ok := pages[r.URL.Path]; ok {
			pageHits.Add(1)
			page, err := os.ReadFile(fixture(t, name))
			if err != nil {
				t.Error(err)
			}
			w.Header().Set("Content-Type", "text/html")
			w.Write(page)
			return
		}
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(feed)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "lib.db")
	if r := mustRun(t, db, "add", srv.URL+"/harbour/"); r.stdout != "added "+srv.URL+"/feed.xml (Lakeside Courier)\n" {
		t.Errorf("add of a page with a self link and a dead link first printed %q; want the working feed", r.stdout)
	}
	if pageHits.Load() != 1 {
		t.Errorf("the page was asked for %d times; its link to itself must not be fetched again", pageHits.Load())
	}
	r := parallax(t, db, "add", srv.URL+"/weather/")
	if r.code != exitUsage || !strings.Contains(r.stderr, srv.URL+"/weather/: no feed found (the page's feed link leads back to the page)") {
		t.Errorf("add of a page linking only itself: exit %d, stderr %q; want exit 2 saying so", r.code, r.stderr)
	}
	if list := decode[[]feedJSON](t, mustRun(t, db, "feeds", "--json")); len(list) != 1 || list[0].URL != srv.URL+"/feed.xml" {
		t.Errorf("feeds: %+v, want only the working feed", list)
	}
}

func TestImportKeepsGoingPastBadFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	missing := filepath.Join(t.TempDir(), "missing.txt")
	r := parallax(t, db, "import", "--source", "Harbour Gazette", missing, fixture(t, "council.txt"))
	if r.code != exitPartial {
		t.Fatalf("import with one missing file: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "missing.txt") {
		t.Errorf("stderr should be one line naming the missing file, got %q", r.stderr)
	}
	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))
	if len(stories) != 1 || stories[0].Title != "Harbour council delays vote on marina fees" || stories[0].Sources[0] != "Harbour Gazette" {
		t.Errorf("imported article: %+v", stories)
	}
}

// TestImportOfAListInPart: a list of feeds with some bad lines subscribes
// to the good ones, names the bad ones and exits 1, the status of work done
// in part; a list with none usable exits 2.
func TestImportOfAListInPart(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	list := writeFile(t, dir, "list.txt", "https://one.example/rss\nhtps://two.example/rss\n")
	none := writeFile(t, dir, "none.opml", `<opml version="2.0"><body><outline text="F" xmlUrl="ftp://x.example/feed"/></body></opml>`)
	r := parallax(t, db, "import", list)
	if r.code != exitPartial || !strings.Contains(r.stderr, `line 2: "htps://two.example/rss" is not a feed URL`) {
		t.Errorf("import of a list with a bad line: exit %d, %q", r.code, r.stderr)
	}
	if got := decode[[]feedJSON](t, mustRun(t, db, "feeds", "--json")); len(got) != 1 || got[0].URL != "https://one.example/rss" {
		t.Errorf("subscribed to %+v, want the list's good line", got)
	}
	r = parallax(t, db, "import", none)
	if r.code != exitUsage || !strings.Contains(r.stderr, `"ftp://x.example/feed"`) {
		t.Errorf("import of an OPML file with nothing usable: exit %d, %q", r.code, r.stderr)
	}
}

// TestImportOfURLsLeavesOutCommands: a newsboat urls file's query, exec:
// and filter: lines are not subscribed to; the import says how many it
// left out and names the first few, and exits 1 as an OPML file with
// outlines left out does.
func TestImportOfURLsLeavesOutCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	path := fixture(t, "newsboat-urls")
	r := parallax(t, db, "import", path)
	want := "parallax: import " + path + `: subscribed to 2 feeds; left out 4 lines whose URL is not a web feed: ` +
		`"query:Unread:unread = \"yes\"", "exec:~/bin/make-feed.sh", "filter:~/bin/clean.sh:https://plains.example/feed.json" and 1 more`
	if r.code != exitPartial || strings.TrimSpace(r.stderr) != want {
		t.Errorf("import of a urls file with command feeds: exit %d, stderr %q; want exit %d and\n%s", r.code, r.stderr, exitPartial, want)
	}
	if got := decode[[]feedJSON](t, mustRun(t, db, "feeds", "--json")); len(got) != 2 {
		t.Errorf("subscribed to %+v, want the two web feeds", got)
	}

	// A urls file of command feeds alone is still a urls file, not an
	// article whose headline is "exec:…".
	only := filepath.Join(t.TempDir(), "urls2")
	if err := os.WriteFile(only, []byte("exec:~/bin/make-feed.sh\n\"query:Unread:unread = \\\"yes\\\"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = parallax(t, db, "import", only)
	if r.code != exitUsage || !strings.Contains(r.stderr, "left out 2 lines whose URL is not a web feed") {
		t.Errorf("import of a urls file of command feeds alone: exit %d, stderr %q; want exit %d leaving both out", r.code, r.stderr, exitUsage)
	}
	if got := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json")); len(got) != 0 {
		t.Errorf("the import made stories %+v", got)
	}
}

// TestBadFlagsSayWhatInOneLine: a flag that is unknown, lacks its value or
// has one of the wrong kind is named as the help spells it, in one line,
// with the command's usage after it, not the whole help; and the help
// spells flags so too. Arguments missing or too many are told the same
// way.
func TestBadFlagsSayWhatInOneLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"purge", "--older-than", "1d"}, "parallax: purge: unknown flag --older-than\nusage: parallax purge [--dry-run] [--keep-days N]"},
		{[]string{"stories", "-limit", "x"}, `parallax: stories: --limit "x" is not a whole number` + "\nusage: parallax stories"},
		{[]string{"stories", "--limit", "99999999999999999999"}, `parallax: stories: --limit "99999999999999999999" is out of range`},
		{[]string{"search", "quay", "--limit"}, "parallax: search: --limit needs a value\nusage: parallax search"},
		{[]string{"export", "story", "1", "-o"}, "parallax: export: -o needs a value"},
		{[]string{"feeds", "--json=maybe"}, `parallax: feeds: --json "maybe" is not true or false`},
		{[]string{"--frob"}, "parallax: unknown flag --frob\nusage: parallax [--theme NAME] [--sample]"},
		{[]string{"show", "1", "2"}, "parallax: show: one story at a time, not 2 (1 2)\nusage: parallax show STORY"},
		{[]string{"compare"}, "parallax: compare: give the story's ID"},
		{[]string{"export", "rss"}, `parallax: export: "rss" is not opml or story` + "\nusage: parallax export opml | story ID"},
		{[]string{"search", " "}, "parallax: search: give the words to look for\nusage: parallax search QUERY"},
		{[]string{"remove"}, "parallax: remove: give the feeds to unsubscribe from"},
		{[]string{"show", "abc"}, `parallax: show: story ID "abc" is not a positive number` + "\nusage: parallax show STORY"},
		{[]string{"export", "story", "0"}, `parallax: export: story ID "0" is not a positive number` + "\nusage: parallax export opml"},
		{[]string{"export"}, "parallax: export: name what to export: opml, or story and its ID\nusage: parallax export"},
		{[]string{"export", "opml", "--format", "html"}, "parallax: export: --format is for a story; OPML has one format\nusage: parallax export"},
		{[]string{"feeds", "world"}, `parallax: feeds: unexpected argument "world"` + "\nusage: parallax feeds [--json]"},
		{[]string{"stories", "storm", "surge"}, `parallax: stories: unexpected argument "storm" (to find stories by what they say: --query "storm surge")`},
		{[]string{"stories", "--limit", "-3"}, "parallax: stories: --limit -3 is a negative number\nusage: parallax stories"},
		{[]string{"purge", "--keep-days", "0"}, "parallax: purge: --keep-days 0 is out of range; want 1 to"},
		{[]string{"export", "story", "1", "--format", "pdf"}, `parallax: export: --format "pdf" is not md or html` + "\nusage: parallax export"},
	} {
		// The library comes from the environment, so that a flag last
		// on the line is last.
		cmd := exec.Command(binary, c.args...)
		cmd.Env = append(os.Environ(), "HOME="+filepath.Dir(db), "PARALLAX_DB="+db)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		r := result{stdout: out.String(), stderr: errb.String()}
		if exit, ok := err.(*exec.ExitError); ok {
			r.code = exit.ExitCode()
		}
		if r.code != exitUsage || !strings.HasPrefix(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 2 || r.stdout != "" {
			t.Errorf("parallax %s: exit %d, stdout %q, stderr %q; want exit %d and two lines, from %q", strings.Join(c.args, " "), r.code, r.stdout, r.stderr, exitUsage, c.want)
		}
	}
	// The help spells the flags as the usage lines and the errors do.
	help := mustRun(t, db, "export", "--help").stdout
	for _, want := range []string{"\n  --format FORMAT\n", "(default md)\n", "\n  -o FILE\n", "\n  --db PATH\n"} {
		if !strings.Contains(help, want) {
			t.Errorf("export --help lacks %q:\n%s", want, help)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	for _, args := range [][]string{
		{"frobnicate"},
		{"show"},
		{"show", "abc"},
		{"stories", "--limit", "many"},
		{"stories", "--limit", "-3"},
		{"stories", "--min-sources", "-1"},
		{"search", "quay", "--limit", "-1"},
		{"search", " "},
		{"export", "rss"},
		{"export", "opml", "--format", "html"},
		{"fetch", "--config", filepath.Join(filepath.Dir(db), "missing.toml")},
		{"purge", "--config", filepath.Join(filepath.Dir(db), "missing.toml")},
		{"themes", "--config", filepath.Join(filepath.Dir(db), "missing.toml")},
		{"fetch", "bbc"},
		{"feeds", "world"},
		{"regroup", "now"},
		{"themes", "dark"},
	} {
		r := parallax(t, db, args...)
		if r.code != exitUsage || r.stderr == "" || r.stdout != "" {
			t.Errorf("parallax %v: exit %d, stdout %q, stderr %q; want exit 2 with an error on stderr only", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := mustRun(t, db, "--version"); !strings.HasPrefix(r.stdout, "parallax ") {
		t.Errorf("--version printed %q", r.stdout)
	}
	// Help asked for goes to stdout, where a pager reads it.
	if r := mustRun(t, db, "stories", "--help"); !strings.Contains(r.stdout, "--min-sources") || r.stderr != "" {
		t.Errorf("stories --help: stdout %q, stderr %q; want --min-sources explained on stdout", r.stdout, r.stderr)
	}
	if r := mustRun(t, db, "--help"); !strings.Contains(r.stdout, "parallax regroup") || r.stderr != "" {
		t.Errorf("--help: stdout %q, stderr %q; want every command on stdout", r.stdout, r.stderr)
	}
}

// TestEmptyResultsSaySo lists an empty library and searches it: nothing on
// stdout, where scripts read, and one line on stderr saying why, which
// --json leaves out.
func TestEmptyResultsSaySo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"feeds"}, "no feeds yet"},
		{[]string{"stories"}, "no stories yet"},
		{[]string{"stories", "--min-sources", "2"}, "no story matches"},
		{[]string{"search", "quay"}, `no article matches "quay"`},
	} {
		r := mustRun(t, db, c.args...)
		if r.stdout != "" || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("parallax %v: stdout %q, stderr %q; want one line saying %q", c.args, r.stdout, r.stderr, c.want)
		}
		if r := mustRun(t, db, append(c.args, "--json")...); strings.TrimSpace(r.stdout) != "[]" || r.stderr != "" {
			t.Errorf("parallax %v --json: stdout %q, stderr %q; want [] alone", c.args, r.stdout, r.stderr)
		}
	}
}

// TestHeadlineOnlyArticleSaysSo shows and compares a story whose feed gave
// only a headline: both say so rather than print an empty text.
func TestHeadlineOnlyArticleSaysSo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	mustRun(t, db, "import", fixture(t, "headlines.rss"))
	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))
	if len(stories) != 1 {
		t.Fatalf("%d stories, want 1", len(stories))
	}
	id := itoa(stories[0].ID)
	if r := mustRun(t, db, "show", id); !strings.Contains(r.stdout, "The feed gave only this headline.") {
		t.Errorf("show: %q", r.stdout)
	}
	if r := mustRun(t, db, "compare", id); !strings.Contains(r.stdout, "only the headline, no text") || strings.Contains(r.stdout, "0 sentences") {
		t.Errorf("compare: %q", r.stdout)
	}
}

// TestFlagsBeforeTheCommand gives --db before the command, as many write
// it: the command still runs, on that library.
func TestFlagsBeforeTheCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	config := writeFile(t, t.TempDir(), "config.toml", "keep_days = 30\n")
	for _, args := range [][]string{
		{"--db", db, "add", fixture(t, "lakeside.rss")},
		// --config, as an alias gives it, even to a command that reads none.
		{"--config", config, "--db=" + db, "feeds", "--json"},
	} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, &out, &errb); code != exitOK {
			t.Fatalf("parallax %v: exit %d, stderr %q", args, code, errb.String())
		}
		if slices.Contains(args, "feeds") {
			var feeds []map[string]any
			if err := json.Unmarshal(out.Bytes(), &feeds); err != nil || len(feeds) != 1 {
				t.Errorf("feeds after add with --db first: %v %q", err, out.String())
			}
		}
	}
	for _, c := range []struct {
		args, rest []string
		name       string
	}{
		{[]string{"--db", "x.db", "show", "4"}, []string{"--db", "x.db", "4"}, "show"},
		{[]string{"--theme", "dusk", "--sample"}, []string{"--theme", "dusk", "--sample"}, ""},
		{[]string{"--sample", "stories"}, []string{"--sample"}, "stories"},
		{[]string{"--config", "feeds", "stories"}, []string{"--config", "feeds"}, "stories"},
		{[]string{"--", "show"}, []string{"--", "show"}, ""},
	} {
		name, rest := splitCommand(c.args)
		if name != c.name || !slices.Equal(rest, c.rest) {
			t.Errorf("splitCommand(%q) = %q, %q; want %q, %q", c.args, name, rest, c.name, c.rest)
		}
	}
}

// TestFeedsListing lists feeds before their first fetch, one by the title
// add found in it and one that names itself nowhere by its URL alone, and
// after, when the fetch has counted their articles.
func TestFeedsListing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	mustRun(t, db, "add", fixture(t, "untitled.rss"), fixture(t, "lakeside.rss"))
	untitled, lakeside := "file://"+fixture(t, "untitled.rss"), "file://"+fixture(t, "lakeside.rss")
	want := untitled + "\n  0 articles, never fetched\nLakeside Courier\n  " + lakeside + "\n  0 articles, never fetched\n"
	if got := mustRun(t, db, "feeds").stdout; got != want {
		t.Errorf("feeds before a fetch:\n%s\nwant:\n%s", got, want)
	}
	mustRun(t, db, "fetch")
	out := mustRun(t, db, "feeds").stdout
	if !strings.HasPrefix(out, untitled+"\n  1 article, fetched ") || !strings.Contains(out, "\nLakeside Courier\n  "+lakeside+"\n  2 articles, fetched ") {
		t.Errorf("feeds after a fetch:\n%s", out)
	}
}

// TestRemoveUnknownFeedNamesItOnce removes a feed that is not subscribed:
// one line on stderr that names the URL once and says what is wrong.
func TestRemoveUnknownFeedNamesItOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	const url = "https://nowhere.example/feed.xml"
	r := parallax(t, db, "remove", url)
	if r.code != exitUsage || strings.Count(r.stderr, url) != 1 || !strings.Contains(r.stderr, "not found") ||
		strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("remove of an unknown feed: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestRemoveFindsFeedAsAddWrites removes feeds written the ways add takes
// them: by absolute and relative path, and by a URL with an upper-case
// scheme and a fragment, none of which is how the feed is stored.
func TestRemoveFindsFeedAsAddWrites(t *testing.T) {
	feed, err := os.ReadFile(fixture(t, "lakeside.rss"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed)
	}))
	defer srv.Close()
	relative := filepath.Join("testdata", "cli", "northern.atom")
	web := srv.URL + "/feed.xml"
	db := filepath.Join(t.TempDir(), "lib.db")
	mustRun(t, db, "add", fixture(t, "untitled.rss"), relative, web)
	for _, arg := range []string{fixture(t, "untitled.rss"), relative, "HTTP://" + strings.TrimPrefix(web, "http://") + "#latest"} {
		if r := parallax(t, db, "remove", arg); r.code != exitOK || !strings.HasPrefix(r.stdout, "removed ") {
			t.Errorf("remove %s: exit %d, stdout %q, stderr %q", arg, r.code, r.stdout, r.stderr)
		}
	}
	if left := decode[[]map[string]any](t, mustRun(t, db, "feeds", "--json")); len(left) != 0 {
		t.Errorf("after removing every feed, %d are left: %v", len(left), left)
	}
}

// TestUnknownStorySaysWhat asks every command that takes a story for one
// that does not exist: one line each, naming the command and the story once.
func TestUnknownStorySaysWhat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"save", "999"}, "save story 999: not found"},
		{[]string{"unsave", "999"}, "unsave story 999: not found"},
		{[]string{"show", "999"}, "show: story 999: not found"},
		{[]string{"compare", "999"}, "compare: story 999: not found"},
		{[]string{"export", "story", "999"}, "export: story 999: not found"},
	} {
		r := parallax(t, db, tc.args...)
		if want := "parallax: " + tc.want + "\n"; r.code != exitUsage || r.stderr != want {
			t.Errorf("%s of an unknown story: exit %d, stderr %q, want %q", tc.args[0], r.code, r.stderr, want)
		}
	}
}

func TestForeignDatabaseRefusedUntouched(t *testing.T) {
	db := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("these are my notes, not a database\n")
	if err := os.WriteFile(db, content, 0o644); err != nil {
		t.Fatal(err)
	}
	r := parallax(t, db, "stories", "--json")
	if r.code != exitUsage || !strings.Contains(r.stderr, db) || r.stdout != "" {
		t.Errorf("foreign file: exit %d, stderr %q, stdout %q", r.code, r.stderr, r.stdout)
	}
	after, err := os.ReadFile(db)
	if err != nil || !bytes.Equal(after, content) {
		t.Errorf("foreign file was modified")
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// sampleDB writes the built-in sample library into a fresh database.
func sampleDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "sample.db")
	lib, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := sample.Load(context.Background(), lib, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestCompareSampleStory(t *testing.T) {
	db := sampleDB(t)
	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json", "--min-sources", "5"))
	if len(stories) != 1 {
		t.Fatalf("sample library: %d stories with 5 sources, want the one comparison story", len(stories))
	}
	id := itoa(stories[0].ID)

	raw := decode[map[string]any](t, mustRun(t, db, "compare", id, "--json"))
	for _, key := range []string{"story", "articles"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("compare JSON lacks %q", key)
		}
	}
	first := raw["articles"].([]any)[0].(map[string]any)
	for _, key := range []string{"id", "source", "title", "url", "sentences", "quotes", "names", "numbers"} {
		if _, ok := first[key]; !ok {
			t.Errorf("compare article lacks %q", key)
		}
	}
	sentence := first["sentences"].([]any)[0].(map[string]any)
	if _, ok := sentence["shared_with"].([]any); !ok {
		t.Errorf("shared_with is not a list: %v", sentence["shared_with"])
	}

	cmp := decode[compareJSON](t, mustRun(t, db, "compare", id, "--json"))
	if cmp.Story.ID != stories[0].ID || len(cmp.Articles) != 5 {
		t.Fatalf("compare: story %d with %d articles", cmp.Story.ID, len(cmp.Articles))
	}
	for _, a := range cmp.Articles {
		want := sample.Unique(a.URL)
		found := false
		for _, s := range a.Sentences {
			if s.Unique && strings.Contains(s.Text, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: its own fact %q is not marked unique", a.Source, want)
		}
	}
	if len(cmp.Discrepancies) == 0 {
		t.Errorf("compare: the differing count of delegations is not flagged")
	}
	if r := mustRun(t, db, "compare", id); !strings.Contains(r.stdout, "reported by no other source") {
		t.Errorf("plain compare output: %q", r.stdout)
	}
}

func TestThemesListsBuiltInAndReportsBrokenUserTheme(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	r := mustRun(t, db, "themes")
	for _, name := range []string{"auto", "dark", "light", "high-contrast", "nord", "gruvbox"} {
		if !strings.Contains(r.stdout, name) {
			t.Errorf("themes does not list %q:\n%s", name, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("themes wrote colour escapes to a pipe")
	}

	config := filepath.Join(filepath.Dir(db), "config", "parallax")
	if err := os.MkdirAll(filepath.Join(config, "themes"), 0o755); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(config, "themes", "dusk.toml")
	if err := os.WriteFile(broken, []byte("base = \"dark\"\naccent = \"#12345\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = parallax(t, db, "themes")
	if r.code != exitPartial || !strings.Contains(r.stderr, "dusk.toml:2") || !strings.Contains(r.stderr, "accent") {
		t.Errorf("broken user theme: exit %d, stderr %q; want exit 1 naming file, line and key", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "nord") {
		t.Errorf("a broken user theme should not hide the built-in ones")
	}
}

func TestFullTextLineSaysWhatWasPutOff(t *testing.T) {
	for _, c := range []struct {
		sum  feeds.FullTextSummary
		want string
	}{
		{feeds.FullTextSummary{Fetched: []int64{1, 2}, Failed: 1}, "full text: 2 fetched, 1 failed; tried again later"},
		{feeds.FullTextSummary{Failed: 1, Skipped: 29}, "full text: 0 fetched, 1 failed, 29 put off (their site is unreachable); tried again later"},
		{feeds.FullTextSummary{Failed: 3, Skipped: 7, Offline: true}, "full text: 0 fetched, 3 failed, 7 put off (offline); tried again later"},
		{feeds.FullTextSummary{Failed: 1, Skipped: 4, Waiting: 4}, "full text: 0 fetched, 1 failed, 4 put off (their site asked to wait); tried again later"},
		{feeds.FullTextSummary{Skipped: 5, Waiting: 2}, "full text: 0 fetched, 0 failed, 5 put off (their site is unreachable or asked to wait); tried again later"},
		{feeds.FullTextSummary{Fetched: []int64{1, 2}}, "full text: 2 fetched, 0 failed"},
	} {
		if got := fullTextLine(c.sum); got != c.want {
			t.Errorf("fullTextLine(%+v) = %q, want %q", c.sum, got, c.want)
		}
	}
}

// TestReaderRefreshNamesFailedFeedsByTitle checks that the reader's status
// line, too narrow for most addresses, names a failed feed by its title,
// and by its address only when it has none.
func TestReaderRefreshNamesFailedFeedsByTitle(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	ctx := context.Background()
	titled, untitled := srv.URL+"/herald.xml", srv.URL+"/plain.xml"
	lib := libraryOf(t, store.Feed{URL: titled, Title: "Morning Herald"}, store.Feed{URL: untitled})
	refresh := refresher(lib, feeds.NewFetcher("test"), ui.Config{})
	sum, err := refresh(ctx, nil, func(int, int, int) {})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Morning Herald: 500 Internal Server Error", untitled + ": 500 Internal Server Error"}
	got := slices.Clone(sum.Errors)
	slices.Sort(got)
	if sum.Failed != 2 || !slices.Equal(got, want) {
		t.Fatalf("failed %d, errors %q; want 2, %q", sum.Failed, got, want)
	}
}

// libraryOf opens a new library, closed when the test ends, subscribed to
// the feeds.
func libraryOf(t *testing.T, subs ...store.Feed) *store.Store {
	t.Helper()
	lib, err := store.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	for _, f := range subs {
		if _, err := lib.AddFeed(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	return lib
}

// TestReaderRefreshCountsWaitingFeedsApart: a feed whose server asked to be
// left alone for a while is waiting, not failed, in the reader's account
// of a refresh.
func TestReaderRefreshCountsWaitingFeedsApart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "900")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	ctx := context.Background()
	lib := libraryOf(t, store.Feed{URL: srv.URL + "/feed.xml", Title: "Busy Post"})
	refresh := refresher(lib, feeds.NewFetcher("test"), ui.Config{})
	// The first refresh is told to wait; the second waits as told.
	for i := range 2 {
		sum, err := refresh(ctx, nil, func(int, int, int) {})
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && (sum.Failed != 0 || sum.Waiting != 1 || len(sum.Errors) != 0) {
			t.Errorf("refresh of a waiting feed: %d failed, %d waiting, errors %q; want 1 waiting and no error", sum.Failed, sum.Waiting, sum.Errors)
		}
	}
}

// TestFeedsListingSaysWhenAWaitingFeedIsNextFetched fetches a feed whose
// server answers 429 with Retry-After: the listing says when it is asked
// again.
func TestFeedsListingSaysWhenAWaitingFeedIsNextFetched(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "1800")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	lib, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddFeed(context.Background(), store.Feed{URL: srv.URL + "/feed.xml", Title: "Busy Bulletin"}); err != nil {
		t.Fatal(err)
	}
	lib.Close()
	if r := parallax(t, db, "fetch"); r.code != exitUsage {
		t.Fatalf("fetch of its one feed answering 429: exit %d, want %d", r.code, exitUsage)
	}
	out := mustRun(t, db, "feeds").stdout
	// Half an hour before midnight, the time is tomorrow's and says so.
	if !regexp.MustCompile(`the server asks to wait 30 min; next fetch after ([A-Z][a-z]{2} )?\d\d:\d\d\n$`).MatchString(out) {
		t.Errorf("feeds listing does not say when the feed is next fetched:\n%s", out)
	}
	// The address is on the line above: the error gives the reason alone.
	if n := strings.Count(out, srv.URL); n != 1 || !strings.Contains(out, ", error: 429 Too Many Requests") {
		t.Errorf("feeds listing names the feed's address %d times, or not its error alone:\n%s", n, out)
	}
	// Fetched again before then, it waits as asked: no failure.
	r := parallax(t, db, "fetch")
	if r.code != exitOK || !strings.Contains(r.stdout, "0 failed, 1 waiting as their servers asked") {
		t.Errorf("fetch while the feed waits: exit %d, %q", r.code, r.stdout)
	}
	if got := decode[fetchJSON](t, mustRun(t, db, "fetch", "--json")); got.Failed != 0 || got.Waiting != 1 || len(got.Errors) != 1 {
		t.Errorf("fetch --json while the feed waits: %+v", got)
	}
}

// TestAddOfABusyFeedSubscribesAndWaits: a server that answers 429 with
// Retry-After when a feed is added is subscribed to, left alone as it
// asked, and not asked again by a fetch before then. Without Retry-After
// the 429 is an error like any other.
func TestAddOfABusyFeedSubscribesAndWaits(t *testing.T) {
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		if r.URL.Path == "/busy.xml" {
			w.Header().Set("Retry-After", "900")
		}
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	r := mustRun(t, db, "add", srv.URL+"/busy.xml")
	if !regexp.MustCompile(`^added ` + regexp.QuoteMeta(srv.URL) + `/busy.xml; its server asks to wait, so it is first fetched after (\w+ )?\d\d:\d\d\n$`).MatchString(r.stdout) {
		t.Errorf("add of a feed whose server asks to wait: %q", r.stdout)
	}
	if out := mustRun(t, db, "feeds").stdout; !strings.Contains(out, "next fetch after") {
		t.Errorf("feeds does not say when the added feed is first fetched:\n%s", out)
	}
	before := asked.Load()
	if r := parallax(t, db, "fetch"); r.code != exitOK || !strings.Contains(r.stdout, "1 waiting") {
		t.Errorf("fetch right after: exit %d, %q", r.code, r.stdout)
	}
	if n := asked.Load() - before; n != 0 {
		t.Errorf("fetch asked the waiting server %d times, want none", n)
	}
	r = parallax(t, db, "add", srv.URL+"/plain.xml")
	if r.code == exitOK || !strings.Contains(r.stderr, "429 Too Many Requests") {
		t.Errorf("add of a 429 without Retry-After: exit %d, stderr %q", r.code, r.stderr)
	}
	if out := mustRun(t, db, "feeds").stdout; strings.Contains(out, "plain.xml") {
		t.Errorf("a 429 without Retry-After was subscribed to:\n%s", out)
	}
}

// TestSaveNamesPagesWithoutFullText: saving a story fetches its pages'
// full text, and a page that gives none is named on stderr with why,
// while the story stays saved.
func TestSaveNamesPagesWithoutFullText(t *testing.T) {
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Weekly</title>
<item><title>Harbour dues to rise in spring</title><link>%s/report.pdf</link><guid>q-1</guid>
<description>The port authority will raise harbour dues from April.</description></item>
</channel></rss>`, srvURL)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4"))
		}
	}))
	defer srv.Close()
	srvURL = srv.URL
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	config := writeFile(t, dir, "config.toml", `fulltext = "never"`+"\n")
	mustRun(t, db, "add", srv.URL+"/feed.xml")
	mustRun(t, db, "fetch", "--config", config)
	r := mustRun(t, db, "save", "1")
	want := "parallax: full text: " + srv.URL + "/report.pdf: not a web page (application/pdf)\n"
	if r.stderr != want || !strings.Contains(r.stdout, "full text: 0 fetched, 1 failed; tried again later") {
		t.Errorf("save of a story whose page is a PDF:\nstdout %q\nstderr %q\nwant stderr %q", r.stdout, r.stderr, want)
	}
	if !decode[showJSON](t, mustRun(t, db, "show", "1", "--json")).Saved {
		t.Error("the story is not saved")
	}
}

// TestCompareCountsWhatItCompares: the count of an outlet's sentences is
// of those it compares, so that the unique ones are a share of it, and a
// story of one outlet says there is nothing to compare it with rather
// than call every sentence its own.
func TestCompareCountsWhatItCompares(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	one := filepath.Join(dir, "one.txt")
	if err := os.WriteFile(one, []byte("Harbour wall gives way in storm\n\nThe old harbour wall at Kestrel gave way on Sunday night as the storm peaked.\nFishermen moved their boats to the inner basin before dawn.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "import", "--source", "Island Wire", one)
	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))
	if len(stories) != 1 {
		t.Fatalf("%d stories, want 1", len(stories))
	}
	r := mustRun(t, db, "compare", itoa(stories[0].ID))
	if !strings.Contains(r.stdout, "2 sentences, and no other source to compare them with yet") || strings.Contains(r.stdout, "+ ") {
		t.Errorf("compare of a one-outlet story:\n%s", r.stdout)
	}
}

// TestUnknownThemeFlag names the flag, not the config, when --theme names
// no theme.
func TestUnknownThemeFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	r := parallax(t, db, "--theme", "bogus")
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, `parallax: --theme: unknown theme "bogus"`) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("--theme bogus: exit %d, stderr %q; want exit 2 naming --theme", r.code, r.stderr)
	}
}

// TestFeedTitleFollowsTheFeed: a feed that renames itself is listed and
// exported under its new name, while a feed the user named keeps the name.
func TestFeedTitleFollowsTheFeed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	original, err := os.ReadFile(fixture(t, "lakeside.rss"))
	if err != nil {
		t.Fatal(err)
	}
	own := writeFile(t, dir, "lakeside.rss", string(original))
	named := writeFile(t, dir, "named.rss", string(original))
	mustRun(t, db, "add", own)
	mustRun(t, db, "import", writeFile(t, dir, "urls", "file://"+named+` "~My Lake"`+"\n"))
	mustRun(t, db, "fetch")
	renamed := strings.Replace(string(original), "<title>Lakeside Courier</title>", "<title>Lakeside Courier &amp; Gazette</title>", 1)
	writeFile(t, dir, "lakeside.rss", renamed)
	writeFile(t, dir, "named.rss", renamed)
	mustRun(t, db, "fetch")

	titles := map[string]string{}
	for _, f := range decode[[]feedJSON](t, mustRun(t, db, "feeds", "--json")) {
		titles[filepath.Base(f.URL)] = f.Title
	}
	want := map[string]string{"lakeside.rss": "Lakeside Courier & Gazette", "named.rss": "My Lake"}
	if !reflect.DeepEqual(titles, want) {
		t.Errorf("feeds --json titles %v, want %v", titles, want)
	}
	out := mustRun(t, db, "export", "opml").stdout
	for _, text := range []string{`text="Lakeside Courier &amp; Gazette"`, `text="My Lake"`} {
		if !strings.Contains(out, text) {
			t.Errorf("export opml lacks %s:\n%s", text, out)
		}
	}
	if strings.Contains(out, `"Lakeside Courier"`) {
		t.Errorf("export opml keeps the old title:\n%s", out)
	}

	// Imported into another library, the export cannot say which title
	// the user gave: the one the feed itself gives follows the feed from
	// the first fetch on, and the user's stays.
	moved := filepath.Join(dir, "moved.db")
	mustRun(t, moved, "import", writeFile(t, dir, "export.opml", out))
	mustRun(t, moved, "fetch")
	writeFile(t, dir, "lakeside.rss", strings.Replace(renamed, "Courier &amp; Gazette", "Courier Weekly", 1))
	mustRun(t, moved, "fetch")
	titles = map[string]string{}
	for _, f := range decode[[]feedJSON](t, mustRun(t, moved, "feeds", "--json")) {
		titles[filepath.Base(f.URL)] = f.Title
	}
	want = map[string]string{"lakeside.rss": "Lakeside Courier Weekly", "named.rss": "My Lake"}
	if !reflect.DeepEqual(titles, want) {
		t.Errorf("after export, import and a renaming: titles %v, want %v", titles, want)
	}
}

// TestReadOnlyLibraryIsRead runs the commands against a library whose file
// and folder cannot be written, as on a read-only disk: those that read
// work, and those that would change it stop before any work, saying why.
func TestReadOnlyLibraryIsRead(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lib")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "lib.db")
	mustRun(t, db, "import", "--source", "Gazette", fixture(t, "council.txt"))
	if !testfs.Unwritable(t, db, dir) {
		t.Skip("cannot make a folder read-only here")
	}
	stories := decode[[]storyJSON](t, mustRun(t, db, "stories", "--json"))
	if len(stories) != 1 {
		t.Fatalf("stories of the read-only library: %+v", stories)
	}
	id := strconv.FormatInt(stories[0].ID, 10)
	for _, args := range [][]string{{"show", id}, {"compare", id}, {"search", "harbour"}, {"feeds"}, {"purge", "--dry-run"}} {
		mustRun(t, db, args...)
	}
	want := "parallax: " + db + ": library is read-only: it can be read, not changed\n"
	for _, args := range [][]string{{"save", id}, {"fetch"}, {"purge"}, {"regroup"}, {"import", fixture(t, "lakeside.rss")}} {
		if r := parallax(t, db, args...); r.code != exitUsage || r.stderr != want {
			t.Errorf("parallax %s: exit %d, stderr %q; want %q", strings.Join(args, " "), r.code, r.stderr, want)
		}
	}
}

func TestBoldMatches(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"the **ferry** sank", "the \x1b[1mferry\x1b[22m sank"},
		{"**a b** and **c**", "\x1b[1ma b\x1b[22m and \x1b[1mc\x1b[22m"},
		{"no match", "no match"},
		{"a lone ** mark", "a lone ** mark"},
		{"**one** and a lone ** mark", "\x1b[1mone\x1b[22m and a lone ** mark"},
	} {
		if got := boldMatches(c.in); got != c.want {
			t.Errorf("boldMatches(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSynopsesListTheirFlags: each command's usage line names every flag
// it takes, but for --db and --config, which every command takes, and
// --output, the long spelling of -o.
func TestSynopsesListTheirFlags(t *testing.T) {
	for _, c := range commands() {
		if c.flags == nil {
			continue
		}
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		var o options
		c.flags(fs, &o)
		fs.VisitAll(func(f *flag.Flag) {
			switch f.Name {
			case "db", "config", "output":
				return
			}
			if !strings.Contains(c.synopsis, flagName(f.Name)) {
				t.Errorf("the usage line %q leaves out %s", c.synopsis, flagName(f.Name))
			}
		})
	}
}
