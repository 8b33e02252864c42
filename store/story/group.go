package story

import (
	"math"
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
// library reloading its recent stories) do not move that clock, so they
// neither evict the stories a replay is still building nor get evicted
// before it reaches them.
//
// The first articles of two events of one kind (a second earthquake,
// another player arrested) are often closer to each other than either is
// to a later report of its own event, so a decision taken on one article
// may be wrong. While a story is young the grouper keeps its articles and
// revisits it after each addition (see Revise): it splits a story whose
// articles have fallen into two groups, and merges two stories that an
// article has shown to be one.
//
// Its decisions depend only on the articles and their order. A Grouper is
// not safe for concurrent use.
type Grouper struct {
	opts        Options
	vocab       vocabulary
	an          analyzer
	idx         index
	stories     []*story // by sequence number; nil once evicted
	spans       []span   // by sequence number
	live        []uint32 // sequence numbers of the stories held
	byID        map[int64]uint32
	newest      int64 // the latest time of an article assigned
	swept       int64 // newest at the last eviction
	heldSince   int64 // every story learnt that ends after this is held
	dense       []float32
	shared      []entry      // scratch of sharedWords
	pick        []entry      // scratch of newMember
	nameScratch []sharedName // scratch of explain
	probe       features     // scratch of gather: a story's centroids as a query

	// What Revise reconsiders: the story of the last article added, and
	// the other stories the last article assigned would have joined.
	lastStory *story
	lastFits  []int64
	// The story the last article assigned nearly joined, if it starts
	// one of its own: the new story waits on it (see adopt).
	nearly    *story
	nearlyDoc Doc

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
	return &Grouper{opts: opts, byID: map[int64]uint32{}, newest: math.MinInt64, heldSince: math.MinInt64}
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
	g.lastFits = g.lastFits[:0]
	g.nearly = nil
	if s := g.nearest(f); s != nil {
		ev := g.explain(f, s, g.score(f, s))
		ev.NearDuplicate = true
		return Assignment{Story: s.id, Evidence: ev}
	}
	best, bestScore := g.best(f, g.candidates(f), &g.lastFits)
	if best == nil || bestScore < 1 {
		if best != nil && bestScore >= adoptShare {
			g.nearly, g.nearlyDoc = best, d
		}
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
	for _, id := range f.lower {
		g.vocab.lower[id] = true
	}
	g.place(d, id, f)
}

// Recall puts d back into story id after the story was evicted (see
// HeldSince), for an article that comes late and may belong to it: as
// Add, but the words of d, counted once already, are not counted again in
// the document frequencies.
func (g *Grouper) Recall(d Doc, id int64) {
	g.place(d, id, g.features(d))
}

// Holds reports whether the grouper keeps story id: it was learnt and has
// been neither evicted nor merged into another.
func (g *Grouper) Holds(id int64) bool {
	_, ok := g.byID[id]
	return ok
}

// HeldSince is the time after which the grouper still holds every story
// it learnt: a story whose latest article is older may have been evicted,
// and an article that late must have it put back (see Recall) to join it.
// It is the zero Time while nothing has been evicted.
func (g *Grouper) HeldSince() time.Time {
	if g.heldSince == math.MinInt64 {
		return time.Time{}
	}
	return time.Unix(0, g.heldSince).UTC()
}

// place makes d, whose features are f, a member of story id.
func (g *Grouper) place(d Doc, id int64, f *features) {
	var s *story
	if seq, ok := g.byID[id]; ok {
		s = g.stories[seq]
	}
	if s == nil {
		s = g.newStory(id, f.when)
		if n := g.nearly; n != nil && d == g.nearlyDoc && g.stories[n.seq] == n {
			n.await(s.seq)
		}
	}
	g.nearly = nil
	g.remember(s, d.ID, f)
	g.lastStory = s
	g.gain(s, f.terms, f.names, f.lead, f.when, f.length)
	for _, q := range f.query {
		g.idx.postStory(s, q.id)
	}
	g.idx.postDup(s, f)
	if g.newest != math.MinInt64 && g.newest-g.swept > int64(g.opts.Window)/2 {
		g.evict()
	}
}

// gain adds to story s one article's vectors, the name words of its lead,
// its time and its length.
func (g *Grouper) gain(s *story, terms, names []entry, lead []uint32, when int64, length int) {
	s.first, s.last = min(s.first, when), max(s.last, when)
	g.spans[s.seq].cover(s.first, s.last)
	s.addTime(when)
	s.addLead(lead)
	s.length = (s.length*float64(s.n) + float64(length)) / float64(s.n+1)
	s.n++
	g.grow()
	s.terms, s.tnorm = merge(s.terms, terms, maxCentroid, g.dense)
	s.names, s.nnorm = merge(s.names, names, maxNames, g.dense)
}

const (
	// nameWeight is how much agreement on names adds to agreement on words.
	nameWeight = 0.5
	// joinBar is the similarity an article of typicalLength content words
	// or more needs to join a story. Short texts share fewer words by
	// chance and by design (a headline and two sentences), so below
	// typicalLength the bar falls with the length of the shorter side, as
	// shortExponent sets, since two headlines of one story may share only
	// two or three words and, where feeds carry little more, a story
	// gathers many angles. Above it the bar stays: a long report tells
	// more of its event than a short one, but also more of the background
	// that events of a kind share, and the cosine weighs the two alike.
	joinBar       = 0.4
	typicalLength = 50
	shortExponent = 0.15
	// clashFactor scales the similarity of an article and a story that
	// lead with different protagonists (see clash); clashLength is the
	// fewest content words an article needs for that to count, since a
	// headline and a sentence may well leave the protagonist out.
	clashFactor = 0.6
	clashLength = 80
	// headlineLength is the most content words of an article that is a
	// headline or little more. Such an article names one or two things
	// besides its story's protagonist ("Selma makes landfall near Lake
	// Charles"), and a story told from many angles names a new place or
	// person in each: the names it shares count by how much of the
	// story's names they cover (discounted by coverageShare, since the
	// article's other names no longer count against it) when that beats
	// their cosine.
	headlineLength = 12
	coverageShare  = 0.6
	// coreShare is the least share of a story's articles whose leads must
	// name a word for it to be one of the story's protagonists.
	coreShare = 0.5
)

// score is the similarity of the scattered article f to story s: the
// cosine of their words (numbers weighing more) plus half the cosine of
// their names (for a headline, the share of the story's names it covers,
// if more), lowered when they clash over who the news is about, over a bar
// that depends on how much text both carry, so that 1 is the least that
// joins; 0 when they share numbers and nothing else.
func (g *Grouper) score(f *features, s *story) float64 {
	names := g.dot(s.names, s.nnorm)
	if f.length < headlineLength {
		names = max(names, coverageShare*g.coverage(s.names, s.nnorm))
	}
	sim := g.dot(s.terms, s.tnorm) + nameWeight*names
	if f.length >= clashLength && g.clash(f, s) {
		sim *= clashFactor
	}
	r := sim / barFor(int(math.Min(float64(f.length), s.length)))
	if r >= 1 && !g.sharesWords(s) {
		// Numbers weigh more than words, and a headline has few of
		// either: a toll or a share price it happens to share with an
		// unrelated story ("38 dead", "38% higher") could carry it
		// there alone.
		return 0
	}
	return r
}

// sharesWords reports whether the scattered article shares a name or a
// word with story s, not numbers alone.
func (g *Grouper) sharesWords(s *story) bool {
	for _, e := range s.names {
		if g.dense[e.id] > 0 {
			return true
		}
	}
	for _, e := range s.terms {
		if g.dense[e.id] > 0 && g.vocab.kind[e.id] == kindTerm {
			return true
		}
	}
	return false
}

// clash reports whether the scattered article f and story s lead with
// different protagonists, the mark of two events of one kind (two
// players of one team arrested, two figures of one scandal dying): the
// heaviest name word of f's headline and first sentence is one s never
// names, and the heaviest name word that leads at least coreShare of the
// articles of s is one f never names.
func (g *Grouper) clash(f *features, s *story) bool {
	var a uint32
	aw := float32(0)
	for _, id := range f.lead {
		if w := g.dense[id]; w > aw {
			a, aw = id, w
		}
	}
	if aw == 0 || containsID(s.names, a) {
		return false
	}
	var c uint32
	cw := float32(0)
	bar := float32(coreShare * float64(s.n))
	for _, e := range s.leads {
		if e.w < bar {
			continue
		}
		for _, x := range s.names {
			if x.id == e.id && x.w > cw {
				c, cw = e.id, x.w
			}
		}
	}
	return cw > 0 && g.dense[c] == 0
}

// coverage is the share of the centroid c, of norm n, that names the
// scattered article carries: how much of a story's names a headline
// repeats, whatever else it names.
func (g *Grouper) coverage(c []entry, n float64) float64 {
	if n == 0 {
		return 0
	}
	var sum float64
	for _, e := range c {
		if g.dense[e.id] > 0 {
			sum += float64(e.w)
		}
	}
	return sum / n
}

// overlap is the similarity of the scattered vectors to terms and names,
// unscaled by their norms: for unit vectors, the score's similarity; for
// sums of them, the sum of their pairs' similarities.
func (g *Grouper) overlap(terms, names []entry) float64 {
	return g.dot(terms, 1) + nameWeight*g.dot(names, 1)
}

// minLength is the shortest text the bar is lowered for.
const minLength = 5

// bars holds the bar for each length of text up to typicalLength, above
// which it stays at joinBar.
var bars = func() []float64 {
	b := make([]float64, typicalLength+1)
	for n := range b {
		b[n] = joinBar * math.Pow(float64(max(n, minLength))/typicalLength, shortExponent)
	}
	return b
}()

// barFor is the bar for a text of n content words.
func barFor(n int) float64 { return bars[min(max(n, minLength), len(bars)-1)] }

func (g *Grouper) grow() {
	if n := len(g.vocab.df); len(g.dense) < n {
		g.dense = append(g.dense, make([]float32, n-len(g.dense)+n/2)...)
	}
}

// scatter spreads f over the dense scratch vector, indexed by feature ID,
// so that scoring a story walks its centroid once.
func (g *Grouper) scatter(f *features) { g.scatterVec(f.terms, f.names) }

func (g *Grouper) unscatter(f *features) { g.unscatterVec(f.terms, f.names) }

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

// best is the highest-scoring of the stories seqs for the scattered f, the
// newer of equals; fits, when not nil, gathers the IDs of those that reach 1.
func (g *Grouper) best(f *features, seqs []uint32, fits *[]int64) (*story, float64) {
	var best *story
	bestScore := 0.0
	for _, seq := range seqs {
		s := g.stories[seq]
		sc := g.score(f, s)
		if fits != nil && sc >= 1 {
			*fits = append(*fits, s.id)
		}
		if sc > bestScore || sc == bestScore && best != nil && s.seq > best.seq {
			best, bestScore = s, sc
		}
	}
	return best, bestScore
}
