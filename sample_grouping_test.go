package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"parallax/feeds/sample"
	"parallax/store"
)

// TestSampleGroupedAsWritten loads the sample library into a library with
// the real grouper: every story comes out as its files say, each outlet's
// telling in its story and no two stories merged, so the sample shows what
// parallax does on text written for it.
func TestSampleGroupedAsWritten(t *testing.T) {
	ctx := context.Background()
	lib, err := store.Open(filepath.Join(t.TempDir(), "sample.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	if err := sample.Load(ctx, lib, now); err != nil {
		t.Fatal(err)
	}
	stories, err := lib.Stories(ctx, store.StoryQuery{Limit: 100, WithArticles: true})
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]bool{}
	for _, a := range sample.Articles(now) {
		labels[sample.Label(a.URL)] = true
	}
	seen := map[string]int64{}
	for _, st := range stories {
		label := ""
		for _, a := range st.Articles {
			l := sample.Label(a.URL)
			if label != "" && l != label {
				t.Errorf("story %d %q holds %s and %s", st.ID, st.Title, label, l)
			}
			label = l
			if other, ok := seen[l]; ok && other != st.ID {
				t.Errorf("%s is split between stories %d and %d", l, other, st.ID)
			}
			seen[l] = st.ID
		}
	}
	if len(seen) != len(labels) || len(stories) != len(labels) {
		t.Errorf("%d stories holding %d of the %d stories written", len(stories), len(seen), len(labels))
	}
}
