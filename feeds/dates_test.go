package feeds

import (
	"testing"
	"time"

	"parallax/store"
)

func TestNamedZoneDate(t *testing.T) {
	utc := func(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, time.UTC) }
	tests := []struct {
		raw  string
		want time.Time
	}{
		{"Fri, 20 Nov 2026 10:00:00 IST", utc(20, 4, 30)},
		{"Fri, 20 Nov 2026 10:00:00 AEDT", utc(19, 23, 0)},
		{"Fri, 20 Nov 2026 10:00:00 AEST", utc(20, 0, 0)},
		{"Fri, 20 Nov 2026 10:00:00 ACST", utc(20, 0, 30)},
		{"Fri, 20 Nov 2026 10:00:00 ACDT", utc(19, 23, 30)},
		{"Fri, 20 Nov 2026 10:00:00 AWST", utc(20, 2, 0)},
		{"Fri, 20 Nov 2026 10:00:00 NZST", utc(19, 22, 0)},
		{"Fri, 20 Nov 2026 10:00:00 NZDT", utc(19, 21, 0)},
		{"Fri, 20 Nov 2026 10:00:00 JST", utc(20, 1, 0)},
		{"Fri, 20 Nov 2026 10:00:00 KST", utc(20, 1, 0)},
		{"Fri, 20 Nov 2026 10:00:00 HKT", utc(20, 2, 0)},
		{"Fri, 20 Nov 2026 10:00:00 SGT", utc(20, 2, 0)},
		{"Fri, 20 Nov 2026 10:00:00 PHT", utc(20, 2, 0)},
		{"Fri, 20 Nov 2026 10:00:00 WIB", utc(20, 3, 0)},
		{"Fri, 20 Nov 2026 10:00:00 CET", utc(20, 9, 0)},
		{"Fri, 20 Nov 2026 10:00:00 CEST", utc(20, 8, 0)},
		{"Fri, 20 Nov 2026 10:00:00 EET", utc(20, 8, 0)},
		{"Fri, 20 Nov 2026 10:00:00 EEST", utc(20, 7, 0)},
		{"Fri, 20 Nov 2026 10:00:00 MSK", utc(20, 7, 0)},
		{"Fri, 20 Nov 2026 10:00:00 SAST", utc(20, 8, 0)},
		{"Fri, 20 Nov 2026 10:00:00 WAT", utc(20, 9, 0)},
		{"Fri, 20 Nov 2026 10:00:00 EAT", utc(20, 7, 0)},
		{"Fri, 20 Nov 2026 10:00:00 BRT", utc(20, 13, 0)},
		{"Fri, 20 Nov 2026 10:00:00 ART", utc(20, 13, 0)},
		{"Fri, 20 Nov 2026 10:00:00 EST", utc(20, 15, 0)},
		{"Fri, 20 Nov 2026 10:00:00 PDT", utc(20, 17, 0)},
		{"Fri, 20 Nov 2026 10:00:00 GMT+1", utc(20, 9, 0)},
		{"Fri, 20 Nov 2026 10:00:00 GMT-05:00", utc(20, 15, 0)},
		{"Fri, 20 Nov 2026 10:00:00 UTC+5:30", utc(20, 4, 30)},
		{"Fri, 20 Nov 2026 10:00:00 GMT+0530", utc(20, 4, 30)},
		{"fri, 20 nov 2026 10:00:00 gmt", utc(20, 10, 0)},
		{"FRIDAY, 20 NOVEMBER 2026 10:00 ist", utc(20, 4, 30)},
		{"20 Nov 26 10:00 JST", utc(20, 1, 0)},
	}
	for _, tt := range tests {
		got, ok := namedZoneDate(tt.raw)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("namedZoneDate(%q) = %v, %v; want %v", tt.raw, got.UTC(), ok, tt.want)
		}
	}
	for _, raw := range []string{
		"Fri, 20 Nov 2026 10:00:00 +0530", "2026-11-20T10:00:00Z", "Fri, 20 Nov 2026 10:00:00 XYZT",
		"Fri, 20 Nov 2026 10:00:00 GMT+99", "Fri, 20 Nov 2026 10:00:00 -0500 (EST)", "IST",
	} {
		if got, ok := namedZoneDate(raw); ok {
			t.Errorf("namedZoneDate(%q) = %v, want it left to gofeed", raw, got)
		}
	}
}

func TestParseFeedNamedZones(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>Zones</title>
<item><title>Delhi</title><link>https://z.example/1</link><pubDate>Fri, 20 Nov 2026 10:00:00 IST</pubDate></item>
<item><title>Sydney</title><link>https://z.example/2</link><pubDate>fri, 20 nov 2026 10:00:00 aedt</pubDate></item>
<item><title>Offset</title><link>https://z.example/3</link><pubDate>Fri, 20 Nov 2026 10:00:00 -0300</pubDate></item>
</channel></rss>`
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	p, err := ParseFeed([]byte(doc), store.Feed{}, "https://z.example/feed", now)
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{
		time.Date(2026, 11, 20, 4, 30, 0, 0, time.UTC),
		time.Date(2026, 11, 19, 23, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 20, 13, 0, 0, 0, time.UTC),
	}
	for i, w := range want {
		if got := p.Articles[i].Published; !got.Equal(w) {
			t.Errorf("%s: published %v, want %v", p.Articles[i].Title, got, w)
		}
	}
}
