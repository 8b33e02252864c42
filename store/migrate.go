package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// migrationFiles holds the schema as numbered steps, NNNN_name.sql. Step N
// brings a library from user_version N-1 to N; a released step never changes.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded steps in order. Their numbers must run
// 1, 2, 3... without a gap, which a test checks. Every open asks for them
// more than once, and they are read once.
var migrations = sync.OnceValue(readMigrations)

func readMigrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(fmt.Sprintf("embedded migrations: %v", err))
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(fmt.Sprintf("embedded migration %s: name must start with a number and _", e.Name()))
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("embedded migration %s: %v", e.Name(), err))
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out
}

// headerQuery reads the marks by which a library is known: its
// application ID, its schema version and how many objects its schema has.
const headerQuery = `SELECT (SELECT application_id FROM pragma_application_id),
	(SELECT user_version FROM pragma_user_version),
	(SELECT count(*) FROM sqlite_schema)`

// migrate applies the steps the library lacks in one transaction, which
// holds the write lock from its start, so two processes opening a new
// library at once apply each step once. The marks are checked again under
// that lock: a file that turned out foreign is left as it was.
func (s *Store) migrate(ctx context.Context) error {
	abs := s.path
	// A library that is up to date is only read: a write lock taken at
	// every open would keep the commands that read waiting on a refresh
	// that writes, which the write-ahead log lets them read beside.
	var app, version, objects int64
	if err := s.db.QueryRowContext(ctx, headerQuery).Scan(&app, &version, &objects); err != nil {
		return s.fail("open "+abs, err)
	}
	if err := checkHeader(abs, app, version, objects); err != nil {
		return err
	}
	if app == applicationID && int(version) == len(migrations()) {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail("open "+abs, err)
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, headerQuery).Scan(&app, &version, &objects)
	if err != nil {
		return s.fail("open "+abs, err)
	}
	if err := checkHeader(abs, app, version, objects); err != nil {
		return err
	}
	steps := migrations()
	if int(version) == len(steps) {
		return nil
	}
	for _, m := range steps[version:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return s.fail(fmt.Sprintf("open %s: migration %s", abs, m.name), err)
		}
	}
	marks := fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", applicationID, len(steps))
	if _, err := tx.ExecContext(ctx, marks); err != nil {
		return s.fail("open "+abs, err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("open "+abs, err)
	}
	return nil
}
