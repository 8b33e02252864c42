package story

import (
	"math"
	"slices"
	"strings"
	"time"
)

// A Move takes articles from one story to another, after the grouper has
// revised a decision: some of them when a story turns out to be two
// events (to a new story) or holds one article of another (to that
// story), all of them when two stories turn out to be one.
type Move struct {
	From, To int64
	Articles []int64 // nil: every article of From
	NewStory bool    // To is a story made for the articles
	// Evidence is why each of Articles now belongs to To (empty for the
	// one that starts a new story); a merge leaves evidence as it was.
	Evidence []Evidence
}

const (
	// maxYoung is the most articles a story may have for the grouper to
	// keep each of them and reconsider the story. The first articles of
	// two events of a kind (a second earthquake, another player arrested)
	// look alike; by the time either event has a few more reports, the
	// two have drawn apart, and past this size a story is settled.
	maxYoung = 32
	// minPart is the fewest articles each part of a split must have: one
	// odd article is more likely a different angle than a different
	// event, and moves only to a story that fits it better (rehome).
	minPart = 2
	// splitRatio is how much weaker the link between two groups of
	// articles (their average similarity) must be than the closeness
	// within the looser group for the two to be told apart: a story splits
	// when its two parts are that far apart, and two stories an article
	// fits merge unless they are.
	splitRatio = 0.6
	// splitStep and maxSplitRatio loosen splitRatio for parts of full
	// reports, by splitStep for each article the smaller part has beyond
	// minPart, up to maxSplitRatio (see ratioFor).
	splitStep     = 0.03
	maxSplitRatio = 0.75
	// minReviseLength is the fewest content words a young story's articles
	// must have on average for it to be split or lose an article: the
	// similarities of headlines alone are too rough to tell two events
	// from two angles of one, and where feeds carry only headlines a story
	// gathers many angles.
	minReviseLength = 20
	// mergeShare is the share of the join bar that the link between two
	// stories of a few articles each must reach for them to merge: an
	// article that fits both is already evidence that they are one, and
	// two angles of one event are less alike than one article and its
	// story.
	mergeShare = 0.9
	// headlineMergeShare is mergeShare for stories of headlines or little
	// more (see minReviseLength): each of their articles tells one angle
	// in a few words, so two of them share a word or two where two
	// articles of text share many, and two parts of one story, the landfall
	// and the flooded town, are less alike again.
	headlineMergeShare = 0.6
	// adoptShare is the least share of the join bar an article must reach
	// with a story for it to be offered to that story again, as the story
	// grows, when it starts a story of its own instead (see adopt).
	adoptShare = 0.8
	// maxWaiting bounds the stories waiting on one story to be adopted,
	// the latest kept, so that a story many articles nearly join costs no
	// more to grow.
	maxWaiting = 8
	// gatherTerms and gatherNames are the least cosines of the word
	// centroids, and of the name centroids with countries left out, at
	// which two stories of headlines are gathered into one (see gather).
	gatherTerms = 0.15
	gatherNames = 0.2
	// memberTerms and memberNames bound what is kept of each article of a
	// young story: enough for a cosine, little memory.
	memberTerms = 48
	memberNames = 24
)

// Revise reconsiders the story the last article was added to, now that it
// has one more: whether it has turned out to hold two events, or else an
// article that belongs to another story, and whether it and another story
// the article fitted have turned out to be one, or, for headlines, another
// story whose centroids agree with its own (see gather). New stories that
// a split makes take their IDs from next. held reports the stories whose
// articles must stay together (saved ones): they may gain articles and
// absorb other stories, never lose any; it is asked only when a revision
// would take articles from a story, which is rare. It returns the
// articles to move; the grouper has already moved them. Callers that place
// articles call it after each Add that follows an Assign.
func (g *Grouper) Revise(next func() int64, held func(story int64) bool) []Move {
	s := g.lastStory
	g.lastStory = nil
	if s == nil || g.stories[s.seq] != s {
		return nil
	}
	var moves []Move
	if g.unsettledBy(s) {
		if mv, ok := g.split(s, next, held); ok {
			moves = append(moves, mv)
		} else if mv, ok := g.rehome(s, held); ok {
			moves = append(moves, mv)
		}
	}
	moves = g.adopt(s, held, moves)
	for _, id := range g.lastFits {
		seq, ok := g.byID[id]
		if !ok {
			continue
		}
		o := g.stories[seq]
		if o == nil || o == s || !g.belongTogether(s, o) {
			continue
		}
		if keep, mv, ok := g.unite(s, o, held); ok {
			moves = append(moves, mv)
			s = keep
		}
	}
	g.lastFits = g.lastFits[:0]
	return g.gather(s, held, moves)
}

// gather merges story s, of headlines, with the other story of headlines
// whose centroids agree with its own the most, if they agree enough on
// words and on names. Where feeds carry headlines alone, a broad story
// falls into parts around its angles or the names it goes by (the drug
// and its maker, the lander and its moon), each of whose headlines shares
// too little with the other part to join it, while the parts as wholes
// share their words and names plainly. Two events of a kind, in other
// places and of other people, share words and no names, and countries do
// not count: a country is the setting of many stories.
func (g *Grouper) gather(s *story, held func(int64) bool, moves []Move) []Move {
	if g.stories[s.seq] != s || !gathers(s) {
		return moves
	}
	g.probe = features{terms: s.terms, names: s.names, when: s.last}
	cands := g.candidatesBut(&g.probe, s)
	g.scatterVec(s.terms, s.names)
	var best *story
	bestTerms := 0.0
	for _, seq := range cands {
		o := g.stories[seq]
		if o == nil || !gathers(o) {
			continue
		}
		terms := g.dot(o.terms, o.tnorm) / s.tnorm
		if terms < gatherTerms || terms <= bestTerms || g.namesCosine(o, s.nnorm) < gatherNames {
			continue
		}
		best, bestTerms = o, terms
	}
	g.unscatterVec(s.terms, s.names)
	if best == nil {
		return moves
	}
	if _, mv, ok := g.unite(s, best, held); ok {
		moves = append(moves, mv)
	}
	return moves
}

// unite merges stories s and o, found to be one: the newer goes into the
// older, unless it is held and the other is not. The story that goes on
// is then, as a rule, the one its first article started, which is the
// story a regrouping gives that article's old ID: a merged story the
// regrouping makes again keeps its ID. It returns the story that remains
// and the move, or false when both are held.
func (g *Grouper) unite(s, o *story, held func(int64) bool) (*story, Move, bool) {
	keep, gone := s, o
	if o.seq < s.seq {
		keep, gone = o, s
	}
	if held(gone.id) {
		if held(keep.id) {
			return nil, Move{}, false
		}
		keep, gone = gone, keep
	}
	g.absorb(keep, gone)
	return keep, Move{From: gone.id, To: keep.id}, true
}

// gathers reports whether story s may be gathered with another: it has
// articles enough for its centroids to say what it is about, and they are
// headlines or little more.
func gathers(s *story) bool {
	return s.n >= minPart && s.length < minReviseLength && s.tnorm > 0 && s.nnorm > 0
}

// namesCosine is the cosine of the names of story o and the scattered
// names, of norm n, with countries left out of the product.
func (g *Grouper) namesCosine(o *story, n float64) float64 {
	var sum float64
	for _, e := range o.names {
		if !g.vocab.country[e.id] {
			sum += float64(g.dense[e.id]) * float64(e.w)
		}
	}
	return sum / n / o.nnorm
}

// unsettledBy reports whether the article last added to s may have
// changed how its articles fall apart, when they carry text enough to
// tell: unless it is at least as like every other article as they are
// alike on average, by the loosest ratio that tells two of its groups
// apart (the ratio for halves; see ratioFor). An article that close to
// all the rest draws any two groups of the story together, so that
// checking again would be wasted.
func (g *Grouper) unsettledBy(s *story) bool {
	y := s.young
	if y == nil || s.length < minReviseLength {
		return false
	}
	if len(y.members) < 3 {
		return true
	}
	n := len(y.members) - 1 // the new article
	least := math.Inf(1)
	for j := range n {
		least = min(least, y.sim(n, j))
	}
	return least < ratioFor(len(y.members)/2, s.length)*y.cohesionOfFirst(n)
}

// ratioFor is the splitRatio that two parts of a story must fall below
// when the smaller has k articles and the story's articles have length
// content words on average. Cohesions and links are averages over pairs
// of articles, and the more articles each part has, the less a gap
// between them owes to one odd pair: parts of several full reports each
// that have drawn apart that far are two events of a kind (two players of
// a team arrested, two bids for one player), told in one vocabulary. A
// report shorter than clashLength tells its angle more than its event,
// and its parts are held to splitRatio, however many.
func ratioFor(k int, length float64) float64 {
	if length < clashLength {
		return splitRatio
	}
	return min(splitRatio+splitStep*float64(k-minPart), maxSplitRatio)
}

// split divides s in two when its articles fall into two groups that are
// much less like each other than alike within: the group without the
// story's first article leaves for a new story.
func (g *Grouper) split(s *story, next func() int64, held func(int64) bool) (Move, bool) {
	y := s.young
	if y == nil || len(y.members) < 2*minPart {
		return Move{}, false
	}
	a, b := bisect(y)
	if len(a) < minPart || len(b) < minPart {
		return Move{}, false
	}
	if !twoEvents(y, a, b, s.length) || held(s.id) {
		return Move{}, false
	}
	if !slices.Contains(a, 0) {
		a, b = b, a
	}
	// Members stay in the order they came, the first of each part first.
	slices.Sort(a)
	slices.Sort(b)
	kept, left := y.sub(a), y.sub(b)
	leave := left.members
	g.rebuild(s, kept)
	id := next()
	ns := g.newStory(id, leave[0].when)
	mv := Move{From: s.id, To: id, Articles: make([]int64, len(leave)), NewStory: true,
		Evidence: make([]Evidence, len(leave))}
	// The new story grows member by member, so that each one's evidence
	// is taken against the members before it.
	for i, m := range leave {
		mv.Articles[i] = m.id
		if i > 0 {
			mv.Evidence[i] = g.evidenceAmong(left, i, ns.terms, ns.names)
		}
		g.gain(ns, m.terms, m.names, m.lead, m.when, m.length)
	}
	ns.young = left
	for _, m := range leave {
		for _, q := range m.query() {
			g.idx.postStory(ns, q.id)
		}
		g.moveDup(m, s, ns)
	}
	return mv, true
}

// twoEvents reports whether the members a and b of y, of length content
// words on average, are two events: their link is weaker than the
// cohesion of the looser of them by the ratio for their sizes.
func twoEvents(y *young, a, b []int, length float64) bool {
	return link(y, a, b) < ratioFor(min(len(a), len(b)), length)*min(cohesion(y, a), cohesion(y, b))
}

// evidenceAmong is why member i of y belongs with the members that came
// before it, whose centroid is terms and names: the names and words they
// share, weightiest first, its average similarity to them, and how far it
// lies in time from the nearest.
func (g *Grouper) evidenceAmong(y *young, i int, terms, names []entry) Evidence {
	m := y.members[i]
	gap := int64(math.MaxInt64)
	score := 0.0
	for j, o := range y.members[:i] {
		gap = min(gap, max(m.when-o.when, o.when-m.when))
		score += y.sim(i, j)
	}
	g.scatterVec(m.terms, m.names)
	defer g.unscatterVec(m.terms, m.names)
	return g.evidenceOf(terms, names, time.Duration(gap), score/float64(i))
}

// evidenceOf is the evidence for the scattered article joining a story
// whose centroid is terms and names: the names and words it shares with
// it, weightiest first, the gap in time and the score given.
func (g *Grouper) evidenceOf(terms, names []entry, gap time.Duration, score float64) Evidence {
	ev := Evidence{Score: score, Gap: gap}
	ev.Names = g.sharedWords(nil, names, maxShownNames, nil)
	// A name's words are terms too: list them once, as the name.
	ev.Terms = g.sharedWords(nil, terms, maxShownTerms, func(t string) bool {
		return slices.ContainsFunc(ev.Names, func(n string) bool { return strings.EqualFold(n, t) })
	})
	return ev
}

// rehome moves the article of s least like the rest to another story
// when it is much less like the rest than they are alike to each other,
// the other story would take it, and it is more like that story's
// articles than its own: the first report of an event that joined the
// story of another before its own event had one.
func (g *Grouper) rehome(s *story, held func(int64) bool) (Move, bool) {
	y := s.young
	if y == nil || len(y.members) < 3 {
		return Move{}, false
	}
	n := len(y.members)
	odd, oddLink := -1, 0.0
	for i := range n {
		sum := 0.0
		for j := range n {
			if j != i {
				sum += y.sim(i, j)
			}
		}
		if l := sum / float64(n-1); odd < 0 || l < oddLink {
			odd, oddLink = i, l
		}
	}
	rest := make([]int, 0, n-1)
	for i := range n {
		if i != odd {
			rest = append(rest, i)
		}
	}
	if oddLink >= splitRatio*cohesion(y, rest) {
		return Move{}, false
	}
	m := y.members[odd]
	f := m.features()
	g.scatter(f)
	best, bestScore := g.best(f, g.candidatesBut(f, s), nil)
	closer := false
	if best != nil {
		// On average as alike as the rest of its story are to it, or it
		// would only come back.
		closer = g.overlap(best.terms, best.names)/float64(best.n) > oddLink
	}
	if best == nil || bestScore < 1 || !closer || held(s.id) {
		g.unscatter(f)
		return Move{}, false
	}
	ev := g.evidenceOf(best.terms, best.names, best.nearestGap(m.when), bestScore)
	g.unscatter(f)
	g.rebuild(s, y.sub(rest))
	g.join(best, m)
	g.moveDup(m, s, best)
	return Move{From: s.id, To: best.id, Articles: []int64{m.id}, Evidence: []Evidence{ev}}, true
}

// join adds member m, an article that leaves another story, to story s.
func (g *Grouper) join(s *story, m member) {
	if y := g.youngOf(s); y != nil && len(y.members) < maxYoung {
		g.enrol(y, m)
	} else {
		s.young, s.settled = nil, true
	}
	g.gain(s, m.terms, m.names, m.lead, m.when, m.length)
	for _, q := range m.query() {
		g.idx.postStory(s, q.id)
	}
}

// moveDup points the near-duplicate index entry of member m, which has
// left story from for story to, at its new story.
func (g *Grouper) moveDup(m member, from, to *story) {
	if m.hash == 0 {
		return
	}
	x := &g.idx
	if x.heads == nil {
		return
	}
	for at := x.heads[0][band(m.hash, 0)] - 1; at >= 0; at = x.dups[at].next[0] {
		if r := &x.dups[at]; x.storyOf(r) == from.seq && r.hash == m.hash {
			r.seq = to.seq
		}
	}
}

// belongTogether reports whether stories s and o, which one article fits,
// are one: their articles are on average nearly as alike as one article
// must be to join a story (less nearly for headlines, quite as alike if
// either has one article), and not much less alike than the articles
// within each.
func (g *Grouper) belongTogether(s, o *story) bool {
	g.scatterVec(s.terms, s.names)
	sum := g.overlap(o.terms, o.names)
	g.unscatterVec(s.terms, s.names)
	l := sum / float64(s.n*o.n)
	shorter := min(s.length, o.length)
	bar := barFor(int(shorter))
	if s.n < minPart || o.n < minPart {
		return l >= bar
	}
	c := min(g.cohesionOf(s), g.cohesionOf(o))
	share := mergeShare
	if shorter < minReviseLength {
		share = headlineMergeShare
	}
	return l >= share*bar && l >= ratioFor(min(s.n, o.n), shorter)*c
}

// cohesionOf is the average similarity of the pairs of articles of s, or
// 1 when it has one article; for a settled story, estimated from its
// centroid.
func (g *Grouper) cohesionOf(s *story) float64 {
	if s.n < 2 {
		return 1
	}
	if y := s.young; y != nil && len(y.members) == s.n {
		return y.cohesionOfFirst(s.n)
	}
	n := float64(s.n)
	self := n * (1 + nameWeight)
	return max(0, (s.tnorm*s.tnorm+nameWeight*s.nnorm*s.nnorm-self)/(n*(n-1)))
}

// newStory starts an empty story with the given ID at time when.
func (g *Grouper) newStory(id int64, when int64) *story {
	seq := uint32(len(g.stories))
	s := &story{id: id, seq: seq, first: when, last: when}
	g.byID[id] = seq
	g.stories = append(g.stories, s)
	g.spans = append(g.spans, span{first: when, last: when})
	g.live = append(g.live, seq)
	return s
}

// rebuild makes s the story of exactly the members of y, which becomes
// its record.
func (g *Grouper) rebuild(s *story, y *young) {
	s.terms, s.names, s.leads, s.times = nil, nil, nil, nil
	s.n, s.length = 0, 0
	s.first, s.last = y.members[0].when, y.members[0].when
	for _, m := range y.members {
		g.gain(s, m.terms, m.names, m.lead, m.when, m.length)
	}
	s.young = y
}

// sub is the record of the members idx of y, in that order, with the
// similarities y already holds.
func (y *young) sub(idx []int) *young {
	z := &young{members: make([]member, len(idx))}
	for a, i := range idx {
		z.members[a] = y.members[i]
		for _, j := range idx[:a] {
			z.sims = append(z.sims, float32(y.sim(i, j)))
		}
	}
	return z
}

// absorb merges story gone into keep.
func (g *Grouper) absorb(keep, gone *story) {
	g.youngOf(keep)
	g.youngOf(gone)
	g.grow()
	keep.terms, keep.tnorm = merge(keep.terms, gone.terms, maxCentroid, g.dense)
	keep.names, keep.nnorm = merge(keep.names, gone.names, maxNames, g.dense)
	for _, e := range gone.leads {
		keep.countLead(e.id, e.w)
	}
	for _, t := range gone.times {
		keep.addTime(t)
	}
	keep.length = (keep.length*float64(keep.n) + gone.length*float64(gone.n)) / float64(keep.n+gone.n)
	keep.n += gone.n
	keep.first, keep.last = min(keep.first, gone.first), max(keep.last, gone.last)
	g.spans[keep.seq].cover(keep.first, keep.last)
	if keep.young != nil && gone.young != nil && len(keep.young.members)+len(gone.young.members) <= maxYoung &&
		len(keep.young.members)+len(gone.young.members) == keep.n {
		for _, m := range gone.young.members {
			g.enrol(keep.young, m)
		}
	} else {
		keep.young, keep.settled = nil, true
	}
	for _, id := range gone.posted {
		g.idx.postStory(keep, id)
	}
	for _, w := range gone.waiting {
		keep.await(w)
	}
	if g.idx.merged == nil {
		g.idx.merged = make(map[uint32]uint32)
	}
	g.idx.merged[gone.seq] = keep.seq
	g.stories[gone.seq] = nil
	g.spans[gone.seq] = evicted
	delete(g.byID, gone.id)
}

// adopt moves to s the articles that nearly joined it when they came and
// started stories of their own: reports that wander further from the
// event than most, which the story, grown since and so nearer the event
// as a whole, may now take. Each is offered once s has grown; one that
// has been joined meanwhile is a story now and stays one.
func (g *Grouper) adopt(s *story, held func(int64) bool, moves []Move) []Move {
	// A story adopted may have stories waiting on it, which absorb hands
	// to s: they gather in s.waiting apart from the ones still waiting
	// here, and wait after them.
	pending := s.waiting
	s.waiting = nil
	waiting := pending[:0]
	for _, seq := range pending {
		o := g.stories[seq]
		if o == nil || o.n != 1 {
			continue
		}
		m := o.sole()
		f := m.features()
		g.scatter(f)
		sc := g.score(f, s)
		if sc < 1 || held(o.id) {
			g.unscatter(f)
			waiting = append(waiting, seq)
			continue
		}
		ev := g.evidenceOf(s.terms, s.names, s.nearestGap(m.when), sc)
		g.unscatter(f)
		g.absorb(s, o)
		moves = append(moves, Move{From: o.id, To: s.id, Articles: []int64{m.id}, Evidence: []Evidence{ev}})
	}
	inherited := s.waiting
	s.waiting = waiting
	for _, seq := range inherited {
		s.await(seq)
	}
	return moves
}
