package sample

import (
	"context"
	"fmt"
	"time"

	"parallax/store"
)

// Library is the part of the store that Load writes to.
type Library interface {
	AddFeed(ctx context.Context, f store.Feed) (store.Feed, error)
	AddArticles(ctx context.Context, feedID int64, arts []store.Article) (store.AddResult, error)
}

// Load subscribes lib to the sample outlets and stores their articles, dated
// relative to now, so that the sample library reads like a live one. The
// articles go in one at a time, oldest first, as a day of refreshes would
// bring them, so that they are grouped the way a live library groups them.
func Load(ctx context.Context, lib Library, now time.Time) error {
	feedIDs := map[string]int64{}
	for _, f := range Feeds() {
		stored, err := lib.AddFeed(ctx, f)
		if err != nil {
			return fmt.Errorf("sample feed %s: %w", f.URL, err)
		}
		feedIDs[f.Title] = stored.ID
	}
	for _, a := range Articles(now) {
		a.FeedID = feedIDs[a.Source]
		if _, err := lib.AddArticles(ctx, a.FeedID, []store.Article{a}); err != nil {
			return fmt.Errorf("sample article %s: %w", a.URL, err)
		}
	}
	return nil
}
