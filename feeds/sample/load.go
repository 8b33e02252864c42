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
// relative to now, so that the sample library reads like a live one.
func Load(ctx context.Context, lib Library, now time.Time) error {
	bySource := map[string][]store.Article{}
	for _, a := range Articles(now) {
		bySource[a.Source] = append(bySource[a.Source], a)
	}
	for _, f := range Feeds() {
		stored, err := lib.AddFeed(ctx, f)
		if err != nil {
			return fmt.Errorf("sample feed %s: %w", f.URL, err)
		}
		arts := bySource[f.Title]
		for i := range arts {
			arts[i].FeedID = stored.ID
		}
		if _, err := lib.AddArticles(ctx, stored.ID, arts); err != nil {
			return fmt.Errorf("sample articles of %s: %w", f.Title, err)
		}
	}
	return nil
}
