package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFile finds a sound library sound, and names what is wrong with
// one whose story counters have been changed behind the store's back.
func TestCheckFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	s := openReal(t, path)
	addReports(t, s, fixtureReports(t, "strike.txt"))
	if err := CheckFile(ctx, path); err != nil {
		t.Fatalf("a library just written: %v", err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE stories SET unread = unread + 1`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := CheckFile(ctx, path); err == nil || !strings.Contains(err.Error(), "wrong counters") {
		t.Errorf("CheckFile of a library with wrong counters = %v", err)
	}
}
