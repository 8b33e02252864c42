package story

import "time"

// Doc is what the grouper sees of an article.
type Doc struct {
	ID     int64
	Source string
	Title  string
	Text   string    // summary or full text
	Time   time.Time // published, else fetched
}

// Evidence is why an article was placed where it was.
type Evidence struct {
	Score         float64       `json:"score"`
	Names         []string      `json:"names,omitempty"`
	Terms         []string      `json:"terms,omitempty"`
	Gap           time.Duration `json:"gap"`
	NearDuplicate bool          `json:"near_duplicate,omitempty"`
}

// Assignment is the grouper's decision for one article.
type Assignment struct {
	Story    int64 // 0: the article starts a new story
	Evidence Evidence
}

// Options tune the grouper.
type Options struct {
	Window time.Duration // how far apart in time a story's articles may be
}

// Grouper places articles into stories online, one at a time.
type Grouper struct {
	opts Options
}

// NewGrouper returns an empty grouper.
func NewGrouper(opts Options) *Grouper {
	if opts.Window == 0 {
		opts.Window = 4 * 24 * time.Hour
	}
	return &Grouper{opts: opts}
}

// Assign decides which story d belongs to without recording it.
func (g *Grouper) Assign(d Doc) Assignment {
	return Assignment{}
}

// Add records d as a member of story id, so later articles can join it.
func (g *Grouper) Add(d Doc, id int64) {}

// Title picks the most representative of a story's headlines.
func Title(headlines []string) string {
	if len(headlines) == 0 {
		return ""
	}
	return headlines[0]
}
