package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parallax/internal/testfs"
)

// bulky is n articles with a few kilobytes of text each, so that a batch
// of them needs many pages.
func bulky(prefix string, n int) []Article {
	list := make([]Article, n)
	for i := range list {
		a := art(fmt.Sprintf("%s%d", prefix, i), fmt.Sprintf("Topic%d: report %s%d", i%9, prefix, i), float64(i))
		a.Content = strings.Repeat(fmt.Sprintf("Paragraph about report %s%d and its many details. ", prefix, i), 60)
		list[i] = a
	}
	return list
}

// TestFullDiskLosesNothing fills the library to its limit, as a full disk
// would: the batch that does not fit fails whole with an error that says
// so, what was stored before is all there and sound, and once there is
// room again the same batch goes in.
func TestFullDiskLosesNothing(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := mustFeed(t, s, "https://a.example/feed", "A")
	mustAdd(t, s, f.ID, bulky("first", 50)...)
	before, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// One connection, so the limit holds for every statement the store runs.
	s.db.SetMaxOpenConns(1)
	var pages int64
	if err := s.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+4)); err != nil {
		t.Fatal(err)
	}
	_, err = s.AddArticles(ctx, f.ID, bulky("second", 400))
	if err == nil {
		t.Fatal("a batch larger than the room left was stored")
	}
	t.Logf("full library: %v", err)
	if msg := err.Error(); !strings.Contains(msg, "full") || !strings.Contains(msg, "feed 1") || strings.Contains(msg, "\n") {
		t.Errorf("error %q should say, on one line, what failed and that the library is full", msg)
	}
	if err := s.RecordFetch(ctx, f.ID, FetchRecord{Err: "x: " + strings.Repeat("too long to fit ", 20000)}); err == nil {
		t.Error("a fetch record larger than the room left was stored")
	}
	after, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("library changed by a failed batch: %+v, was %+v", after, before)
	}
	checkIntegrity(t, s)

	if _, err := s.db.ExecContext(ctx, `PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	res := mustAdd(t, s, f.ID, bulky("second", 400)...)
	if res.Added != 400 {
		t.Errorf("with room again: %+v, want 400 added", res)
	}
	checkIntegrity(t, s)
}

// TestReadOnlyLibrary opens a library whose file and folder cannot be
// written, where SQLite cannot even make the files a write-ahead log is
// read with: it opens for reading, reads and searches as ever, says why it
// cannot be written, fails a write with that, and is left as it was.
func TestReadOnlyLibrary(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f := mustFeed(t, s, "https://a.example/feed", "A")
	mustAdd(t, s, f.ID, bulky("kept", 20)...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !testfs.Unwritable(t, path, dir) {
		t.Skip("cannot make a file read-only here")
	}

	s, err = Open(path)
	if err != nil {
		t.Fatalf("opening a read-only library: %v", err)
	}
	if list, err := s.Stories(ctx, StoryQuery{}); err != nil || len(list) == 0 {
		t.Errorf("stories of the read-only library: %d, %v", len(list), err)
	}
	if hits, err := s.Search(ctx, "paragraph", 0); err != nil || len(hits) == 0 {
		t.Errorf("search of the read-only library: %d hits, %v", len(hits), err)
	}
	werr := s.Writable()
	if werr == nil || !strings.Contains(werr.Error(), path) || !strings.Contains(werr.Error(), "read-only") {
		t.Errorf("Writable() = %v; want it to name the library and say it is read-only", werr)
	}
	if _, err := s.AddArticles(ctx, f.ID, bulky("more", 5)); err == nil || !strings.Contains(err.Error(), "read-only") || strings.Contains(err.Error(), "\n") {
		t.Errorf("writing to a read-only library: %v; want one line saying it is read-only", err)
	}
	s.Close()
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the read-only library's file changed")
	}
	for _, beside := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + beside); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s appeared beside the read-only library: %v", beside, err)
		}
	}
}

// TestLibraryWritableByOthersOnly opens libraries whose file alone cannot
// be written, in a folder that can: another user's library, or a copy of
// one taken while it was open, its log beside it. SQLite opens such a file
// for reading without a word, so the library must find out for itself,
// and say so before a change fails halfway.
func TestLibraryWritableByOthersOnly(t *testing.T) {
	ctx := context.Background()
	for _, withLog := range []bool{false, true} {
		t.Run(fmt.Sprintf("log beside it %v", withLog), func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "lib.db")
			s, err := Open(src)
			if err != nil {
				t.Fatal(err)
			}
			f := mustFeed(t, s, "https://a.example/feed", "A")
			mustAdd(t, s, f.ID, bulky("kept", 5)...)
			dir := t.TempDir()
			path := filepath.Join(dir, "lib.db")
			files := []string{""}
			if withLog {
				files = append(files, "-wal", "-shm")
			} else if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			for _, suffix := range files {
				data, err := os.ReadFile(src + suffix)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path+suffix, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if withLog {
				s.Close()
			}
			ro := make([]string, len(files))
			for i, suffix := range files {
				ro[i] = path + suffix
			}
			if !testfs.Unwritable(t, ro...) {
				t.Skip("cannot make a file read-only here")
			}
			s, err = Open(path)
			if err != nil {
				t.Fatalf("opening a library whose file is read-only: %v", err)
			}
			defer s.Close()
			if list, err := s.Stories(ctx, StoryQuery{}); err != nil || len(list) == 0 {
				t.Errorf("stories: %d, %v", len(list), err)
			}
			if err := s.Writable(); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "read-only") {
				t.Errorf("Writable() = %v; want it to name the library and say it is read-only", err)
			}
			_, err = s.AddArticles(ctx, f.ID, bulky("more", 2))
			if err == nil || !strings.Contains(err.Error(), "read-only") || strings.Contains(err.Error(), "readonly database") {
				t.Errorf("writing: %v; want the library's words, not SQLite's", err)
			}
		})
	}
}
