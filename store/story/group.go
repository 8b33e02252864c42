package story

import (
	"math"
	"slices"
	"time"
)

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

// DefaultWindow is the time window when Options leave it zero: news of one
// event rarely runs longer, and a wider one lets unrelated events of a kind
// (two earthquakes) meet.
const DefaultWindow = 4 * 24 * time.Hour

// Grouper places articles into stories online, one at a time. It keeps a
// centroid of each active story and an inverted index of the stories'
// heaviest terms and names, so an article is scored only against the few
// stories it shares something with. Stories that fall out of the window
// behind the newest article assigned are dropped; articles only added (a
// library reloading its recent stories, saved stories put back before a
// regrouping) do not move that clock, so they neither evict the stories a
// replay is still building nor get evicted before it reaches them. Its
// decisions depend only on the articles and their order. A Grouper is not
// safe for concurrent use.
type Grouper struct {
	opts    Options
	vocab   vocabulary
	an      analyzer
	idx     index
	stories []*story // by sequence number; nil once evicted
	spans   []span   // by sequence number
	live    []uint32 // sequence numbers of the stories held
	byID    map[int64]uint32
	newest  int64 // the latest time of an article assigned
	swept   int64 // newest at the last eviction
	dense   []float32
	shared  []entry // scratch of explain

	// The last article analysed, so that Add after Assign analyses it once.
	last    Doc
	lastF   *features
	lastVer int
	ver     int // bumped whenever document frequencies change
}

// NewGrouper returns an empty grouper.
func NewGrouper(opts Options) *Grouper {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	return &Grouper{opts: opts, byID: map[int64]uint32{}, newest: math.MinInt64}
}

// timeOf is the article's time in Unix nanoseconds, 0 when it has none
// (features then places it at the newest time assigned).
func timeOf(d Doc) int64 {
	if d.Time.IsZero() {
		return 0
	}
	return d.Time.UnixNano()
}

// features analyses d, or returns what the last call made of it while no
// Add has changed the document frequencies since.
func (g *Grouper) features(d Doc) *features {
	if g.lastF != nil && g.lastVer == g.ver && d == g.last {
		return g.lastF
	}
	f := g.analyse(d)
	if d.Time.IsZero() {
		f.when = max(g.newest, 0)
	}
	g.last, g.lastF, g.lastVer = d, f, g.ver
	return f
}

// Assign decides which story d belongs to without recording it. A
// near-copy of an article of an active story joins that story; otherwise
// d joins the best-scoring candidate if its score reaches 1.
func (g *Grouper) Assign(d Doc) Assignment {
	f := g.features(d)
	g.advance(f.when)
	g.scatter(f)
	defer g.unscatter(f)
	if s := g.nearest(f); s != nil {
		ev := g.explain(f, s, g.score(f, s))
		ev.NearDuplicate = true
		return Assignment{Story: s.id, Evidence: ev}
	}
	var best *story
	bestScore := 0.0
	for _, seq := range g.candidates(f) {
		s := g.stories[seq]
		if sc := g.score(f, s); sc > bestScore || sc == bestScore && best != nil && s.seq > best.seq {
			best, bestScore = s, sc
		}
	}
	if best == nil || bestScore < 1 {
		return Assignment{}
	}
	return Assignment{Story: best.id, Evidence: g.explain(f, best, bestScore)}
}

// advance moves the clock of eviction on to the time of an article being
// assigned, by at most one window at a time: one article dated years ahead
// by mistake must not evict every active story at once.
func (g *Grouper) advance(when int64) {
	if g.newest == math.MinInt64 {
		g.newest, g.swept = when, when
		return
	}
	g.newest = max(g.newest, min(when, g.newest+int64(g.opts.Window)))
}

// Add records d as a member of story id, so later articles can join it.
// Articles may come in any order; a story that was evicted and is added to
// again starts afresh.
func (g *Grouper) Add(d Doc, id int64) {
	f := g.features(d)
	g.ver++
	g.vocab.docs++
	for _, e := range f.terms {
		g.vocab.df[e.id]++
	}
	for _, e := range f.names {
		g.vocab.df[e.id]++
	}

	var s *story
	if seq, ok := g.byID[id]; ok {
		s = g.stories[seq]
	}
	if s == nil {
		seq := uint32(len(g.stories))
		s = &story{id: id, seq: seq, first: f.when, last: f.when}
		g.byID[id] = seq
		g.stories = append(g.stories, s)
		g.spans = append(g.spans, span{f.when, f.when})
		g.live = append(g.live, seq)
	}
	s.first = min(s.first, f.when)
	s.last = max(s.last, f.when)
	g.spans[s.seq] = span{s.first, s.last}
	s.addTime(f.when)
	s.addSalient(f.salient)
	s.length = (s.length*float64(s.n) + float64(f.length)) / float64(s.n+1)
	s.n++
	g.grow()
	s.terms, s.tnorm = merge(s.terms, f.terms, maxCentroid, g.dense)
	s.names, s.nnorm = merge(s.names, f.names, maxNames, g.dense)
	for _, q := range f.query {
		g.idx.postStory(s, q.id)
	}
	g.idx.postDup(s, f)
	if g.newest != math.MinInt64 && g.newest-g.swept > int64(g.opts.Window)/2 {
		g.evict()
	}
}

const (
	// nameWeight is how much agreement on names adds to agreement on words.
	nameWeight = 0.5
	// joinBar is the similarity an article of typicalLength content words
	// needs to join a story. Short texts share fewer words by chance and
	// by design (a headline and two sentences), so the bar falls gently
	// with the length of the shorter side, lengthExponent setting how fast.
	joinBar        = 0.4
	typicalLength  = 50
	lengthExponent = 0.05
)

// score is the similarity of the scattered article f to story s: the
// cosine of their words (numbers weighing more) plus half the cosine of
// their names, over a bar that depends on how much text both carry, so
// that 1 is the least that joins.
func (g *Grouper) score(f *features, s *story) float64 {
	sim := g.dot(s.terms, s.tnorm) + nameWeight*g.dot(s.names, s.nnorm)
	n := int(math.Min(float64(f.length), s.length))
	sim -= conflictWeight * g.conflict(f, s)
	return sim / bars[min(max(n, minLength), len(bars)-1)]
}

var conflictWeight = 0.3
var coreShare = 0.5
var bodyShare = 0.5
var heavyNames = true

func weightOf(v []entry, id uint32) float64 {
	for _, e := range v {
		if e.id == id {
			return float64(e.w)
		}
	}
	return 0
}

// conflict measures how far f and s are about different protagonists:
// the share of the names that lead f (its headline and first sentence)
// that do not lead most articles of s, times the share of the names that
// lead most articles of s that f leaves out of its lead (half as much when
// its body names them).
func (g *Grouper) conflict(f *features, s *story) float64 {
	if len(f.salient) == 0 || len(s.salient) == 0 {
		return 0
	}
	bar := coreShare * float64(s.n)
	var missA, allA float64
	for _, e := range f.salient {
		if heavyNames {
			e.w = g.dense[e.id]
		}
		allA += float64(e.w)
		k := 0.0
		if i := slices.IndexFunc(s.salient, func(x entry) bool { return x.id == e.id }); i >= 0 {
			k = min(1, float64(s.salient[i].w)/bar)
		}
		missA += float64(e.w) * (1 - k)
	}
	logDocs := logOf(uint32(g.vocab.docs + 1))
	var missC, allC float64
	for _, e := range s.salient {
		if float64(e.w) < bar {
			continue
		}
		w := g.vocab.idf(e.id, logDocs)
		if heavyNames {
			w = weightOf(s.names, e.id)
		}
		allC += w
		switch {
		case containsID(f.salient, e.id):
		case g.dense[e.id] != 0:
			missC += bodyShare * w
		default:
			missC += w
		}
	}
	if allA == 0 || allC == 0 {
		return 0
	}
	return missA / allA * missC / allC
}

// minLength is the shortest text the bar is lowered for.
const minLength = 5

// bars holds the bar for each length of text, up to the longest that
// still lowers or raises it.
var bars = func() []float64 {
	b := make([]float64, 1001)
	for n := range b {
		b[n] = joinBar * math.Pow(float64(max(n, minLength))/typicalLength, lengthExponent)
	}
	return b
}()

func (g *Grouper) grow() {
	if n := len(g.vocab.df); len(g.dense) < n {
		g.dense = append(g.dense, make([]float32, n-len(g.dense)+n/2)...)
	}
}

// scatter spreads f over the dense scratch vector, indexed by feature ID,
// so that scoring a story walks its centroid once.
func (g *Grouper) scatter(f *features) {
	g.grow()
	for _, e := range f.terms {
		g.dense[e.id] = e.w
	}
	for _, e := range f.names {
		g.dense[e.id] = e.w
	}
}

func (g *Grouper) unscatter(f *features) {
	for _, e := range f.terms {
		g.dense[e.id] = 0
	}
	for _, e := range f.names {
		g.dense[e.id] = 0
	}
}

// dot is the cosine of the scattered article and the centroid c of norm n.
func (g *Grouper) dot(c []entry, n float64) float64 {
	if n == 0 {
		return 0
	}
	var sum float64
	for _, e := range c {
		sum += float64(g.dense[e.id]) * float64(e.w)
	}
	return sum / n
}
