package feeds

import (
	"testing"

	"parallax/store"
)

func TestParseMediaDescription(t *testing.T) {
	video := parseFixture(t, "video-channel.xml", store.Feed{}).Articles[0]
	want := "The island ferry sailed again on Wednesday after a month of repairs.\n\nCrews worked through the night."
	if video.Summary != want || video.Content != want {
		t.Errorf("media:group description: summary %q content %q", video.Summary, video.Content)
	}
	photos := parseFixture(t, "media-rss.xml", store.Feed{}).Articles
	tests := []struct{ title, summary string }{
		{"Orchard in bloom", "Apple trees flower a week early above the valley."},
		{"Market day", "Stalls fill the **square**."},
		{"Bridge at dusk", "The caption the photo desk wrote."},
	}
	for i, tt := range tests {
		if a := photos[i]; a.Title != tt.title || a.Summary != tt.summary {
			t.Errorf("item %d: title %q summary %q, want %q %q", i, a.Title, a.Summary, tt.title, tt.summary)
		}
	}
}
