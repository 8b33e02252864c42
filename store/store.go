// Package store keeps the library on disk: feeds, articles, the stories
// they are grouped into, read and saved state, and a full-text index, in one
// SQLite database.
package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"modernc.org/sqlite"

	"parallax/store/story"
)

// Errors callers can test for with errors.Is.
var (
	// ErrNotFound means the feed, article or story asked for is not in the library.
	ErrNotFound = errors.New("not found")
	// ErrBusy means another process held the library for longer than the
	// busy timeout; nothing was changed and the call can be tried again.
	ErrBusy = errors.New("library is busy: another parallax is writing to it")
	// ErrNotLibrary means the file is not a parallax database. It is left untouched.
	ErrNotLibrary = errors.New("not a parallax library")
	// ErrNewerSchema means the library was written by a newer parallax. It is left untouched.
	ErrNewerSchema = errors.New("library was written by a newer parallax")
)

// applicationID marks a SQLite file as a parallax library ("PRLX").
const applicationID = 0x50524c58

// defaultBusyTimeout is how long a call waits for another process's write
// before it reports ErrBusy. It is longer than a regroup of a large library.
const defaultBusyTimeout = 20 * time.Second

// grouper is what the store needs of story.Grouper; tests pass their own.
type grouper interface {
	Assign(story.Doc) story.Assignment
	Add(story.Doc, int64)
}

// reviser is a grouper that may revise its earlier decisions, splitting a
// story or merging two, as story.Grouper does. Saved stories are held:
// they never lose an article.
type reviser interface {
	Revise(next func() int64, held func(story int64) bool) []story.Move
}

// forgetter is a grouper that evicts the stories that fall out of its
// time window, as story.Grouper does, and can be given them back for an
// article that comes late.
type forgetter interface {
	Holds(story int64) bool
	HeldSince() time.Time
	Recall(d story.Doc, story int64)
}

// options are the knobs tests turn; Open uses the zero value.
type options struct {
	busyTimeout time.Duration
	newGrouper  func() grouper
	window      time.Duration
}

// Store is an open library. Its methods are safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	opts options

	// mu serialises the writes that consult the grouper, whose state mirrors
	// the stories of the recent past and is built on the first add.
	mu         sync.Mutex
	g          grouper
	known      map[int64]bool // the stories g has learnt, held or evicted since
	loadedFrom int64          // g holds every story updated since
	evictedTo  int64          // g had evicted the stories updated before, when last asked
	changes    int64          // the library's count of story changes that g has seen

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt

	readOnly string // why it was opened for reading only, else ""
}

// DefaultPath is where the library lives unless the caller says otherwise:
// $PARALLAX_DB, else $XDG_DATA_HOME/parallax/parallax.db, else
// ~/.local/share/parallax/parallax.db.
func DefaultPath() string {
	if p := os.Getenv("PARALLAX_DB"); p != "" {
		return p
	}
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "parallax", "parallax.db")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "parallax.db"
	}
	return filepath.Join(home, ".local", "share", "parallax", "parallax.db")
}

// Open opens the library at path, creating it and its parent directories
// when missing and bringing an older schema up to date. A file that is not a
// parallax library, or one written by a newer parallax, is refused untouched.
func Open(path string) (*Store, error) {
	return open(path, options{})
}

func open(path string, o options) (*Store, error) {
	if o.busyTimeout == 0 {
		o.busyTimeout = defaultBusyTimeout
	}
	if o.window == 0 {
		o.window = 4 * 24 * time.Hour
	}
	if o.newGrouper == nil {
		w := o.window
		o.newGrouper = func() grouper { return story.NewGrouper(story.Options{Window: w}) }
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := probe(abs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(abs, o.busyTimeout))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, opts: o, stmts: map[string]*sql.Stmt{}}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		if code := sqliteCode(err); code != codeReadOnly && code != codeCantOpen {
			return nil, err
		}
		ro, roErr := openReadOnly(abs, o.busyTimeout)
		if roErr != nil {
			return nil, err
		}
		s.db, s.readOnly = ro, cmp.Or(readOnlyReason(abs), "library cannot be written")
	} else if !fileWritable(abs) {
		// SQLite opens a file it may not write for reading alone,
		// without a word, and says so only at the first change.
		s.readOnly = libraryReadOnly
	}
	return s, nil
}

// openReadOnly opens, for reading only, a library that cannot be written:
// one on a read-only disk, or in a folder where SQLite cannot make the
// files a write-ahead log needs beside it, even to read. Where it cannot
// make them, it reads the file as it stands, which holds everything when
// no log is left beside it. Only an up-to-date library is opened so: an
// older one would need its schema brought up to date first.
func openReadOnly(abs string, busy time.Duration) (*sql.DB, error) {
	tries := []string{dsn(abs, busy, "mode=ro")}
	if fi, err := os.Stat(abs + "-wal"); errors.Is(err, os.ErrNotExist) || err == nil && fi.Size() == 0 {
		tries = append(tries, dsn(abs, busy, "mode=ro", "immutable=1"))
	}
	var last error
	for _, dsn := range tries {
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, err
		}
		var app, version, objects int64
		err = db.QueryRow(headerQuery).Scan(&app, &version, &objects)
		if err == nil && (app != applicationID || int(version) != len(migrations())) {
			err = fmt.Errorf("schema version %d, not %d", version, len(migrations()))
		}
		if err == nil {
			return db, nil
		}
		db.Close()
		last = err
	}
	return nil, last
}

// Writable says why the library could only be opened for reading (see
// openReadOnly), naming it, or returns nil when it can be written. What
// changes a library opened so fails, saying the same.
func (s *Store) Writable() error {
	if s.readOnly == "" {
		return nil
	}
	return fmt.Errorf("%s: %s", s.path, s.readOnly)
}

// mmapSize is how much of the file every connection maps into memory.
const mmapSize = 256 << 20

// dsn names the database as a URI so that any path survives, and sets what
// every connection needs: a busy timeout, foreign keys, WAL, a page cache
// and memory map large enough for a big library, and write transactions that
// take the write lock at BEGIN so two writers queue on the busy timeout
// instead of failing at their first write. A connection opened read-only
// (readOnly holds its parameters, such as "mode=ro") sets no journal mode,
// which is a write, and takes no write lock.
func dsn(abs string, busy time.Duration, readOnly ...string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), OmitHost: true}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busy.Milliseconds(), 10)+")")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-32000)")
	q.Add("_pragma", "mmap_size("+strconv.Itoa(mmapSize)+")")
	if len(readOnly) == 0 {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	}
	for _, p := range readOnly {
		k, v, _ := strings.Cut(p, "=")
		q.Set(k, v)
	}
	return u.String() + "?" + q.Encode()
}

// probe refuses, without writing to it, a file that exists and is not a
// parallax library this binary can use. A missing or empty file is fine.
func probe(abs string) error {
	fi, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	if fi.IsDir() {
		return fmt.Errorf("open %s: %w (a directory)", abs, ErrNotLibrary)
	}
	if !fi.Mode().IsRegular() {
		// A device or a pipe: SQLite would write its journal beside it.
		return fmt.Errorf("open %s: %w (not a regular file)", abs, ErrNotLibrary)
	}
	if fi.Size() == 0 {
		return nil
	}
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	defer f.Close()
	var h [100]byte
	n, _ := f.Read(h[:])
	if n < len(h) || string(h[:16]) != "SQLite format 3\x00" {
		return fmt.Errorf("open %s: %w (not an SQLite database)", abs, ErrNotLibrary)
	}
	app := be32(h[68:72])
	version := int(be32(h[60:64]))
	if app == applicationID {
		return checkVersion(abs, version)
	}
	if app != 0 {
		return fmt.Errorf("open %s: %w (another application's database)", abs, ErrNotLibrary)
	}
	// The header can lag behind a write-ahead log, so ask SQLite itself,
	// read-only, before calling an unmarked database foreign.
	return probeReadOnly(abs)
}

func probeReadOnly(abs string) error {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), OmitHost: true, RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	defer db.Close()
	var app, version, objects int64
	err = db.QueryRow(headerQuery).Scan(&app, &version, &objects)
	if err != nil {
		if isBusy(err) {
			return fmt.Errorf("open %s: %w", abs, ErrBusy)
		}
		return fmt.Errorf("open %s: %w (%v)", abs, ErrNotLibrary, err)
	}
	return checkHeader(abs, app, version, objects)
}

// checkHeader decides from a database's marks whether this binary may use it.
func checkHeader(abs string, app, version, objects int64) error {
	switch {
	case app == applicationID:
		return checkVersion(abs, int(version))
	case app != 0:
		return fmt.Errorf("open %s: %w (another application's database)", abs, ErrNotLibrary)
	case version != 0 || objects != 0:
		return fmt.Errorf("open %s: %w (an SQLite database with other tables)", abs, ErrNotLibrary)
	}
	return nil
}

func checkVersion(abs string, version int) error {
	if latest := len(migrations()); version > latest {
		return fmt.Errorf("open %s: %w (schema version %d, this parallax knows up to %d)", abs, ErrNewerSchema, version, latest)
	}
	return nil
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// Path is the path the library was opened at.
func (s *Store) Path() string { return s.path }

// stmt returns query as a statement of tx. Statements that run for every
// article are prepared once per connection rather than once per batch.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	st, ok := s.stmts[query]
	if !ok {
		var err error
		if st, err = s.db.PrepareContext(ctx, query); err != nil {
			s.stmtMu.Unlock()
			return nil, err
		}
		s.stmts[query] = st
	}
	s.stmtMu.Unlock()
	return tx.StmtContext(ctx, st), nil
}

// Close lets SQLite refresh its query statistics, within a bound on the
// time that takes, and closes the library.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = map[string]*sql.Stmt{}
	s.stmtMu.Unlock()
	s.db.Exec("PRAGMA analysis_limit = 400; PRAGMA optimize")
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// SQLite's primary result codes for another connection holding a lock, and
// for a damaged file.
const (
	codeBusy    = 5
	codeLocked  = 6
	codeCorrupt = 11
	// A read-only file, or one SQLite could not open (for a WAL library,
	// also what a folder it cannot write to gives).
	codeReadOnly = 8
	codeCantOpen = 14
)

func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == codeBusy || c == codeLocked
}

// fail gives err the context of op, turning lock contention into ErrBusy
// and saying so when the file is damaged.
func (s *Store) fail(op string, err error) error {
	where := op
	if !strings.Contains(op, s.path) {
		where += ": " + s.path
	}
	switch {
	case isBusy(err):
		return fmt.Errorf("%s: %w", where, ErrBusy)
	case sqliteCode(err) == codeReadOnly || sqliteCode(err) == codeCantOpen:
		if why := cmp.Or(s.readOnly, readOnlyReason(s.path)); why != "" {
			// SQLite's own words ("attempt to write a readonly
			// database") would only say it again, less plainly.
			return &quietError{text: where + ": " + why, err: err}
		}
	case sqliteCode(err) == codeCorrupt:
		return fmt.Errorf("%s: library is damaged: %w", where, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// quietError is an error whose text says all that its cause would.
type quietError struct {
	text string
	err  error
}

func (e *quietError) Error() string { return e.text }
func (e *quietError) Unwrap() error { return e.err }

// libraryReadOnly is why a library whose file cannot be written is read.
const libraryReadOnly = "library is read-only"

// denied reports whether err is the system refusing a write.
func denied(err error) bool {
	return errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// fileWritable reports whether the file at path may be written, as far as
// the system's permissions say: a file that is missing may be.
func fileWritable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return !denied(err)
	}
	f.Close()
	return true
}

// readOnlyReason says which of the library and its folder cannot be
// written, or "" when both can. A library in write-ahead-log mode needs to
// create files beside itself even to be read.
func readOnlyReason(path string) string {
	if !fileWritable(path) {
		return libraryReadOnly
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".parallax-write-check-*")
	if err != nil {
		if denied(err) {
			return "library's folder is read-only"
		}
		return ""
	}
	f.Close()
	os.Remove(f.Name())
	return ""
}

// nanos and fromNanos store times as Unix nanoseconds, 0 for the zero time
// and for times nanoseconds cannot hold (before 1678 or after 2261), which
// only a bad date in a feed or file would give.
func nanos(t time.Time) int64 {
	if t.IsZero() || t.Year() < 1678 || t.Year() > 2261 {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// int64s runs a query of one integer column.
func int64s(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// querier is what *sql.DB and *sql.Tx share for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
