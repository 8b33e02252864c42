package ui

import (
	"context"
	"strings"
	"testing"
)

// TestReadOnlyLibrary reads a library that cannot be changed: stories open
// and read as ever, but nothing is marked read, saved, refreshed or
// subscribed, and each key that would change it says why it did not.
func TestReadOnlyLibrary(t *testing.T) {
	lib := smallLibrary(t, 3)
	opts := testOptions()
	opts.ReadOnly = "/media/backup/parallax.db: library is read-only"
	refreshed := 0
	opts.Refresh = func(context.Context, []string, func(int, int, int)) (RefreshSummary, error) {
		refreshed++
		return RefreshSummary{}, nil
	}
	m := start(t, lib, opts, 100, 20)
	if !strings.Contains(screenText(m), "read-only library") {
		t.Errorf("no sign that the library is read-only:\n%s", screenText(m))
	}
	m = press(t, m, "enter")
	if m.focus != focusReader || !strings.Contains(bodyText(m), "Harbour bridge") {
		t.Fatalf("enter did not open the story:\n%s", screenText(m))
	}
	for _, k := range []string{"s", "m", "u", "r"} {
		m = press(t, m, k)
		if !strings.Contains(m.status, "Nothing can be changed: /media/backup/parallax.db: library is read-only") {
			t.Errorf("%s in a read-only library: status %q", k, m.status)
		}
	}
	m = press(t, m, "esc", "F", "a")
	if m.feeds.typing() || !strings.Contains(m.status, "Nothing can be changed") {
		t.Errorf("a in a read-only library: adding %v, status %q", m.feeds.typing(), m.status)
	}
	lib.mu.Lock()
	defer lib.mu.Unlock()
	if len(lib.setReads)+len(lib.saves)+len(lib.marked)+len(lib.added)+len(lib.removed) > 0 || refreshed > 0 {
		t.Errorf("the read-only library was asked to change: reads %v, saves %v, marked %v, added %v, removed %v, refreshes %d",
			lib.setReads, lib.saves, lib.marked, lib.added, lib.removed, refreshed)
	}
}
