package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMigrationsNumberedWithoutGaps(t *testing.T) {
	steps := migrations()
	if len(steps) == 0 {
		t.Fatal("no migrations embedded")
	}
	for i, m := range steps {
		if m.version != i+1 {
			t.Fatalf("migration %s has number %d, want %d", m.name, m.version, i+1)
		}
	}
}

func pragmaInt(t *testing.T, db *sql.DB, name string) int64 {
	t.Helper()
	var v int64
	if err := db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenCreatesAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deep", "er", "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := pragmaInt(t, s.db, "user_version"); got != int64(len(migrations())) {
		t.Errorf("user_version = %d, want %d", got, len(migrations()))
	}
	if got := pragmaInt(t, s.db, "application_id"); got != applicationID {
		t.Errorf("application_id = %#x, want %#x", got, applicationID)
	}
	if got := pragmaInt(t, s.db, "foreign_keys"); got != 1 {
		t.Errorf("foreign_keys = %d, want 1", got)
	}
	if got := pragmaInt(t, s.db, "busy_timeout"); got <= 0 {
		t.Errorf("busy_timeout = %d, want > 0", got)
	}
	var mode string
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	f := mustFeed(t, s, "https://a.example/feed", "A")
	mustAdd(t, s, f.ID, art("1", "Storm: rivers rise", 1))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Feeds != 1 || c.Articles != 1 || c.Stories != 1 || c.Unread != 1 {
		t.Errorf("after reopen: %+v", c)
	}
}

func TestOpenAcceptsEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaInt(t, s.db, "application_id"); got != applicationID {
		t.Errorf("application_id = %#x", got)
	}
}

// rawSQLite makes an SQLite database the way another program would.
func rawSQLite(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesUntouched(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error // nil: any error
	}{
		{"text file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("these are my notes, not a database\n"), 0o600)
		}, ErrNotLibrary},
		{"short binary file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("SQLite format 3\x00"), 0o600)
		}, ErrNotLibrary},
		{"another program's tables", func(t *testing.T, path string) {
			rawSQLite(t, path, `CREATE TABLE recipes (name TEXT)`, `INSERT INTO recipes VALUES ('bread')`)
		}, ErrNotLibrary},
		{"another program's application_id", func(t *testing.T, path string) {
			rawSQLite(t, path, `PRAGMA application_id = 1234`)
		}, ErrNotLibrary},
		{"another program with our table names", func(t *testing.T, path string) {
			rawSQLite(t, path, `CREATE TABLE feeds (url TEXT)`)
		}, ErrNotLibrary},
		{"damaged parallax library", func(t *testing.T, path string) {
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Keep the header, scramble the schema and everything after it.
			for i := 100; i < len(b); i++ {
				b[i] = byte(i*7 + 3)
			}
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"newer parallax", func(t *testing.T, path string) {
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			rawSQLite(t, path, fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations())+1))
		}, ErrNewerSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "some.db")
			tt.make(t, path)
			old := time.Now().Add(-time.Hour).Truncate(time.Second)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, path) || strings.Contains(msg, "\n") {
				t.Errorf("error %q should be one line naming %s", msg, path)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Error("file contents changed")
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if !fi.ModTime().Equal(old) {
				t.Errorf("mtime changed from %v to %v", old, fi.ModTime())
			}
		})
	}
}

func TestOpenRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); !errors.Is(err, ErrNotLibrary) {
		t.Fatalf("Open(dir) = %v, want ErrNotLibrary", err)
	}
}

func TestDefaultPath(t *testing.T) {
	tests := []struct {
		name, db, xdg, home, want string
	}{
		{"override", "/srv/news.db", "/data", "/home/u", "/srv/news.db"},
		{"xdg", "", "/data", "/home/u", "/data/parallax/parallax.db"},
		{"relative xdg is ignored", "", "data", "/home/u", "/home/u/.local/share/parallax/parallax.db"},
		{"home", "", "", "/home/u", "/home/u/.local/share/parallax/parallax.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PARALLAX_DB", tt.db)
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			t.Setenv("HOME", tt.home)
			if got := DefaultPath(); got != tt.want {
				t.Errorf("DefaultPath() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestOpenWhileAnotherWrites: a library is opened, and read, while another
// process holds its write lock, as during a long refresh; opening once took
// the write lock itself and failed with ErrBusy after the busy timeout.
func TestOpenWhileAnotherWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	a := openTestAt(t, path)
	f := mustFeed(t, a, "https://a.example/feed", "A")
	mustAdd(t, a, f.ID, art("1", "Storm: rivers rise", 1))
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE feeds SET title = 'held' WHERE id = ?`, f.ID); err != nil {
		t.Fatal(err)
	}
	b, err := open(path, options{busyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatalf("open while another writes: %v", err)
	}
	defer b.Close()
	if list, err := b.Stories(ctx, StoryQuery{Limit: 10}); err != nil || len(list) != 1 {
		t.Errorf("read while another writes: %d stories, %v", len(list), err)
	}
}

// TestOpenRefusesDevices: a device is not a library, and SQLite would
// write a journal beside it.
func TestOpenRefusesDevices(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skipf("no %s here", os.DevNull)
	}
	if _, err := Open(os.DevNull); !errors.Is(err, ErrNotLibrary) {
		t.Errorf("Open(%s) = %v, want ErrNotLibrary", os.DevNull, err)
	}
}

func TestBusyLibraryReportsErrBusy(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	a := openTestAt(t, path)
	f := mustFeed(t, a, "https://a.example/feed", "A")
	b, err := open(path, options{busyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	// a holds the write lock, as a long regroup would.
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE feeds SET title = 'held' WHERE id = ?`, f.ID); err != nil {
		t.Fatal(err)
	}
	_, err = b.AddArticles(ctx, f.ID, []Article{art("1", "Storm: rivers rise", 1)})
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("write while locked = %v, want ErrBusy", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("busy error %q does not name the library", err)
	}
	// Readers are not held up by a writer.
	if _, err := b.Stories(ctx, StoryQuery{Limit: 10}); err != nil {
		t.Fatalf("read while locked: %v", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddArticles(ctx, f.ID, []Article{art("1", "Storm: rivers rise", 1)}); err != nil {
		t.Fatalf("write after release: %v", err)
	}
	checkIntegrity(t, a)
}

const helperEnv = "PARALLAX_STORE_TEST_HELPER"

// TestHelperWriter is the second process of TestSecondProcess.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("runs only as the second process of TestSecondProcess")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := writeMany(s, "https://b.example/feed", "b"); err != nil {
		t.Fatal(err)
	}
}

// writeMany adds 10 batches of 10 articles, retrying a batch that found
// the library busy, and reads a page of stories after each.
func writeMany(s *Store, feedURL, prefix string) error {
	ctx := context.Background()
	f, err := s.AddFeed(ctx, Feed{URL: feedURL, Title: prefix})
	for errors.Is(err, ErrBusy) {
		f, err = s.AddFeed(ctx, Feed{URL: feedURL, Title: prefix})
	}
	if err != nil {
		return err
	}
	for batch := range 10 {
		var list []Article
		for i := range 10 {
			n := batch*10 + i
			list = append(list, art(fmt.Sprintf("%s%d", prefix, n), fmt.Sprintf("Topic%d: report %s%d", n%7, prefix, n), float64(n)))
		}
		_, err := s.AddArticles(ctx, f.ID, list)
		for errors.Is(err, ErrBusy) {
			_, err = s.AddArticles(ctx, f.ID, list)
		}
		if err != nil {
			return err
		}
		if _, err := s.Stories(ctx, StoryQuery{Limit: 20}); err != nil {
			return err
		}
	}
	return nil
}

func TestSecondProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	s := openTestAt(t, path)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mine error
	wg.Go(func() { mine = writeMany(s, "https://a.example/feed", "a") })
	err := cmd.Wait()
	wg.Wait()
	if mine != nil {
		t.Fatalf("first process: %v", mine)
	}
	if err != nil {
		t.Fatalf("second process: %v\n%s", err, out.String())
	}
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Feeds != 2 || c.Articles != 200 {
		t.Fatalf("after two writers: %+v, want 2 feeds and 200 articles", c)
	}
	checkIntegrity(t, s)
}

func TestLookupsUseIndexes(t *testing.T) {
	s := openTest(t)
	for _, tt := range []struct {
		q    string
		args []any
	}{{queryByGUID, []any{1, "x"}}, {queryByURL, []any{"x", 1, "g"}}} {
		q := tt.q
		rows, err := s.db.Query("EXPLAIN QUERY PLAN "+q, tt.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if len(plan) == 0 || !strings.HasPrefix(plan[0], "SEARCH") || !strings.Contains(plan[0], "INDEX") {
			t.Errorf("%s\nplan %q, want a search of an index", q, plan)
		}
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN") {
				t.Errorf("%s\nplan %q, want no scan", q, plan)
			}
		}
	}
}

// libraryAt makes a library as parallax left it at schema version, with
// the migrations up to it applied, and then runs stmts on it.
func libraryAt(t *testing.T, path string, version int, stmts ...string) {
	t.Helper()
	all := []string{"PRAGMA foreign_keys = ON"}
	for _, m := range migrations()[:version] {
		all = append(all, m.sql)
	}
	all = append(all, fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", version))
	rawSQLite(t, path, append(all, stmts...)...)
}

func TestMigrationIndexesSources(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	libraryAt(t, path, 6,
		`INSERT INTO feeds (id, url, title) VALUES (1, 'https://a.example/feed', 'Coastal Courier')`,
		`INSERT INTO stories (id, title, articles, sources, source_count, unread) VALUES (1, 'Harbour strike ends', 1, '["Coastal Courier"]', 1, 1)`,
		`INSERT INTO articles (id, feed_id, story_id, source, url, guid, title, summary)
			VALUES (1, 1, 1, 'Coastal Courier', 'https://a.example/1', '1', 'Harbour strike ends', 'Dockers return on Monday.')`,
		`INSERT INTO article_feeds (article_id, feed_id, guid) VALUES (1, 1, '1')`,
		`INSERT INTO articles_fts (rowid, title, summary, content) VALUES (1, 'Harbour strike ends', 'Dockers return on Monday.', '')`)
	s := openTestAt(t, path)
	for _, q := range []string{"courier", "dockers", "courier dockers"} {
		list, err := s.Stories(ctx, StoryQuery{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 {
			t.Errorf("query %q: %d stories, want 1", q, len(list))
		}
	}
	checkIntegrity(t, s)
}

func TestMigrationIndexesCJKWords(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	libraryAt(t, path, 8,
		`INSERT INTO feeds (id, url, title) VALUES (1, 'https://a.example/feed', '新华网')`,
		`INSERT INTO stories (id, title, articles, sources, source_count, unread) VALUES (1, '北京市政府宣布新的交通计划', 1, '["新华网"]', 1, 1)`,
		`INSERT INTO articles (id, feed_id, story_id, source, url, guid, title, summary)
			VALUES (1, 1, 1, '新华网', 'https://a.example/1', '1', '北京市政府宣布新的交通计划', '地铁将延长运营时间。')`,
		`INSERT INTO article_feeds (article_id, feed_id, guid) VALUES (1, 1, '1')`,
		`INSERT INTO articles_fts (rowid, title, summary, content, source) VALUES (1, '北京市政府宣布新的交通计划', '地铁将延长运营时间。', '', '新华网')`)
	s := openTestAt(t, path)
	for _, q := range []string{"政府", "运营", "交通计划"} {
		if hits, err := s.Search(ctx, q, 0); err != nil || len(hits) != 1 {
			t.Errorf("search %q: %d hits, %v", q, len(hits), err)
		}
	}
	if list, _ := s.Stories(ctx, StoryQuery{Query: "新华"}); len(list) != 1 {
		t.Errorf("stories --query 新华: %d", len(list))
	}
	checkIntegrity(t, s)
}

func TestMigrationIndexesPlainText(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	content := "The [winter timetable](https://a.example/notices/ferry) starts on **Monday**."
	libraryAt(t, path, 9,
		`INSERT INTO feeds (id, url, title) VALUES (1, 'https://a.example/feed', 'Quay Herald')`,
		`INSERT INTO stories (id, title, articles, sources, source_count, unread) VALUES (1, 'Winter crossings', 1, '["Quay Herald"]', 1, 1)`,
		`INSERT INTO articles (id, feed_id, story_id, source, url, guid, title, content)
			VALUES (1, 1, 1, 'Quay Herald', 'https://a.example/1', '1', 'Winter crossings', '`+content+`')`,
		`INSERT INTO article_feeds (article_id, feed_id, guid) VALUES (1, 1, '1')`,
		`INSERT INTO articles_fts (rowid, title, summary, content, source) VALUES (1, 'Winter crossings', '', '`+content+`', 'Quay Herald')`)
	s := openTestAt(t, path)
	if hits, err := s.Search(ctx, "notices", 0); err != nil || len(hits) != 0 {
		t.Errorf("search of a word only in a link's address: %d hits, %v", len(hits), err)
	}
	hits, err := s.Search(ctx, "timetable", 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search timetable: %d hits, %v", len(hits), err)
	}
	if want := "The winter **timetable** starts on Monday."; hits[0].Snippet != want {
		t.Errorf("snippet %q, want %q", hits[0].Snippet, want)
	}
	checkIntegrity(t, s)
}
