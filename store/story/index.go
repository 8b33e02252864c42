package story

import (
	"math"
	"math/bits"
	"slices"
	"time"
)

// story is what the grouper keeps of one active story: a centroid of its
// articles' features, its time span, and what it has put in the index.
type story struct {
	id           int64
	seq          uint32
	first, last  int64 // Unix nanoseconds of its earliest and latest article
	n            int
	terms, names []entry // sums of the members' unit vectors, heaviest kept
	tnorm, nnorm float64
	length       float64 // content words per article, on average
	posted       []uint32
	times        []int64 // of its articles, in order
	leads        []entry // name words of its articles' leads, by how many articles
	young        *young  // its articles, while it may still be revised
	settled      bool    // grown past revising
	firstID      int64   // its first article, and that article's SimHash
	firstHash    uint64
	// waiting are the stories of one article that this story nearly took
	// when they came: each is offered to it again as it grows.
	waiting []uint32
}

// addLead counts the name words that lead a new article of s.
func (s *story) addLead(ids []uint32) {
	for _, id := range ids {
		s.countLead(id, 1)
	}
}

// countLead adds w articles of s led by the name word id.
func (s *story) countLead(id uint32, w float32) {
	if i := slices.IndexFunc(s.leads, func(e entry) bool { return e.id == id }); i >= 0 {
		s.leads[i].w += w
	} else {
		s.leads = append(s.leads, entry{id, w})
	}
}

// await makes story seq wait on s to be adopted (see adopt), keeping the
// latest maxWaiting.
func (s *story) await(seq uint32) {
	if len(s.waiting) >= maxWaiting {
		s.waiting = append(s.waiting[:0], s.waiting[1:]...)
	}
	s.waiting = append(s.waiting, seq)
}

// addTime records the time of a new article of s.
func (s *story) addTime(t int64) {
	i, _ := slices.BinarySearch(s.times, t)
	s.times = slices.Insert(s.times, i, t)
}

// nearestGap is how far the time when lies from the nearest article of s.
func (s *story) nearestGap(when int64) time.Duration {
	i, _ := slices.BinarySearch(s.times, when)
	best := int64(math.MaxInt64)
	if i < len(s.times) {
		best = s.times[i] - when
	}
	if i > 0 {
		best = min(best, when-s.times[i-1])
	}
	return time.Duration(best)
}

const (
	// maxCentroid and maxNames bound what a story keeps of its centroid;
	// the tail they drop weighs next to nothing in a cosine.
	maxCentroid = 100
	maxNames    = 30
	// postedBase and postedPerDoubling bound the index entries of one
	// story: a story may post more terms as it grows, so that one that
	// runs for days is found by the words of its later reports too.
	postedBase        = 24
	postedPerDoubling = 8
	// maxScan bounds how much of one posting list a lookup reads, newest
	// first, and scanBudget how much of all of them: a word every story
	// uses costs no more than a rare one, and the heaviest (rarest) words,
	// read first, are read in full.
	maxScan    = 512
	scanBudget = 2048
	// maxCandidates is how many stories, best first by shared index
	// weight, are scored in full.
	maxCandidates = 10
	// candidateShare is the least share of the best candidate's index
	// weight that another candidate needs to be scored at all.
	candidateShare = 0.4
	// minDupShingles is the fewest shingles a text needs to be matched as
	// a near-duplicate: a bare headline is too little to call a copy.
	minDupShingles = 8
)

// dupRef is one article in the near-duplicate index, chained to the next
// article with the same value of the same band (-1 ends the chain).
type dupRef struct {
	hash     uint64
	seq      uint32
	shingles int32
	next     [4]int32
}

// index finds the active stories that share heavy terms and names with an
// article, and the articles that are near-copies of it.
type index struct {
	post   [][]uint32       // by feature ID: sequence numbers of stories
	dups   []dupRef         // the articles of the near-duplicate index
	heads  [][1 << 16]int32 // by band and value of the band: first article, plus one
	gen    uint32           // the generation of the lookup under way, as spans tally it
	cands  []uint32
	look   []entry // scratch of lookup
	posted []entry // scratch of lookup
	// merged maps a story merged into another to the one it went into.
	// The near-duplicate entries of its articles are pointed at the new
	// story as they are read, not all at once: a merge would otherwise
	// scan the entries of every article held.
	merged map[uint32]uint32
}

// tally is what one lookup has found of one story: the index weight it
// shares with the article, valid only in the lookup generation gen; a
// negative weight marks a story out of the window.
type tally struct {
	gen uint32
	acc float32
}

// band is the i-th quarter of a SimHash: two hashes at most three bits
// apart agree on at least one of their four.
func band(h uint64, i int) uint16 {
	return uint16(h >> (16 * i))
}

// postStory lists story s under feature id, unless it is listed there
// already or has used up its share of the index.
func (x *index) postStory(s *story, id uint32) {
	if len(s.posted) >= postedBase+postedPerDoubling*bits.Len(uint(s.n)) || slices.Contains(s.posted, id) {
		return
	}
	if int(id) >= len(x.post) {
		x.post = append(x.post, make([][]uint32, int(id)+1-len(x.post)+len(x.post)/2)...)
	}
	x.post[id] = append(x.post[id], s.seq)
	s.posted = append(s.posted, id)
}

// storyOf is the story of the near-duplicate entry r, which it points r
// at, following the merges since r was last read.
func (x *index) storyOf(r *dupRef) uint32 {
	for {
		into, ok := x.merged[r.seq]
		if !ok {
			return r.seq
		}
		r.seq = into
	}
}

// postDup lists the SimHash of f, an article of s, under its four bands.
func (x *index) postDup(s *story, f *features) {
	if !f.matchesCopies() {
		return
	}
	x.chain(dupRef{hash: f.hash, seq: s.seq, shingles: int32(f.shingles)})
}

// matchesCopies reports whether f carries text enough to be matched as a
// near-duplicate of another article, or another of it.
func (f *features) matchesCopies() bool { return f.shingles >= minDupShingles }

// copyHash is the SimHash by which copies of f are known, or 0 when f is
// too short to be matched as one.
func (f *features) copyHash() uint64 {
	if !f.matchesCopies() {
		return 0
	}
	return f.hash
}

// chain adds r to the near-duplicate index.
func (x *index) chain(r dupRef) {
	if x.heads == nil {
		x.heads = make([][1 << 16]int32, 4)
	}
	at := int32(len(x.dups))
	for i := range r.next {
		b := band(r.hash, i)
		r.next[i] = x.heads[i][b] - 1
		x.heads[i][b] = at + 1
	}
	x.dups = append(x.dups, r)
}

// nearest returns the story of the closest near-copy of f among the active
// stories, or nil.
func (g *Grouper) nearest(f *features) *story {
	if !f.matchesCopies() {
		return nil
	}
	x := &g.idx
	if x.heads == nil {
		return nil
	}
	var best *story
	bestD := 65
	for i := range 4 {
		for at := x.heads[i][band(f.hash, i)] - 1; at >= 0; at = x.dups[at].next[i] {
			r := &x.dups[at]
			s := g.active(x.storyOf(r), f.when)
			if s == nil || !nearDuplicate(f.hash, r.hash, f.shingles, int(r.shingles)) {
				continue
			}
			d := bits.OnesCount64(f.hash ^ r.hash)
			if d < bestD || d == bestD && s.seq > best.seq {
				best, bestD = s, d
			}
		}
	}
	return best
}

// active returns the story with sequence number seq if it is still held and
// within the window of the time when.
func (g *Grouper) active(seq uint32, when int64) *story {
	if g.spans[seq].gap(when) > int64(g.opts.Window) {
		return nil
	}
	return g.stories[seq]
}

// span is the time a story covers, from its earliest to its latest
// article, in Unix nanoseconds, with what the lookup under way has found
// of the story. The grouper keeps the spans of all stories side by side
// so that a lookup, which tests each story it meets against the window and
// tallies it, reads one place per story.
type span struct {
	first, last int64
	tally
}

// evicted is the span of a story no longer held: no time is near it.
var evicted = span{first: math.MaxInt64, last: math.MinInt64}

// cover sets the time the story covers.
func (p *span) cover(first, last int64) { p.first, p.last = first, last }

// gap is how far the time when lies from the span.
func (p span) gap(when int64) int64 {
	switch {
	case p.first > p.last:
		return math.MaxInt64
	case when < p.first:
		return p.first - when
	case when > p.last:
		return when - p.last
	}
	return 0
}

// candidates returns the active stories that share the most index weight
// with f, best first: the only stories f is scored against.
func (g *Grouper) candidates(f *features) []uint32 { return g.candidatesBut(f, nil) }

// candidatesBut is candidates without story but, the one an article of it
// looks for another home from.
func (g *Grouper) candidatesBut(f *features, but *story) []uint32 {
	x := &g.idx
	x.gen++
	if x.gen == 0 {
		for i := range g.spans {
			g.spans[i].tally = tally{}
		}
		x.gen = 1
	}
	x.cands = x.cands[:0]
	budget := scanBudget
	// The window is told by the spans alone rather than by the stories,
	// each elsewhere in memory: a story not held has a span no time is
	// near.
	window := int64(g.opts.Window)
	skip := uint32(math.MaxUint32)
	if but != nil {
		skip = but.seq
	}
	for _, q := range x.lookup(f) {
		list := x.post[q.id]
		n := min(len(list), maxScan, budget)
		budget -= n
		for i := len(list) - 1; i >= len(list)-n; i-- {
			seq := list[i]
			p := &g.spans[seq]
			t := &p.tally
			if t.gen != x.gen {
				*t = tally{x.gen, 0}
				if p.gap(f.when) > window || seq == skip {
					t.acc = -1 // out of the window, or left out: never a candidate
					continue
				}
				x.cands = append(x.cands, seq)
			}
			if t.acc >= 0 {
				t.acc += q.w
			}
		}
	}
	// Keep the best few, best first; equal ones newer first.
	var best [maxCandidates]found
	top := best[:0]
	for _, seq := range x.cands {
		c := found{seq, g.spans[seq].acc}
		if len(top) == maxCandidates && !c.beats(top[len(top)-1]) {
			continue
		}
		if len(top) < maxCandidates {
			top = append(top, c)
		}
		i := len(top) - 1
		for i > 0 && c.beats(top[i-1]) {
			top[i] = top[i-1]
			i--
		}
		top[i] = c
	}
	// A story that shares far less than the best one cannot beat it.
	for len(top) > 1 && top[len(top)-1].acc < candidateShare*top[0].acc {
		top = top[:len(top)-1]
	}
	seqs := x.cands[:0]
	for _, c := range top {
		seqs = append(seqs, c.seq)
	}
	return seqs
}

// found is a candidate story and the index weight it shares with the
// article looked up.
type found struct {
	seq uint32
	acc float32
}

// beats orders candidates by shared weight, the newer of equals first.
func (c found) beats(o found) bool {
	return c.acc > o.acc || c.acc == o.acc && c.seq > o.seq
}

// lookup returns the terms and names of f that find stories: the heaviest
// of those some story has posted. The heaviest of all are often words no
// earlier article used, which the article posts for later ones but which
// find nothing now; a report that brings many of them would otherwise
// miss the story it belongs to.
func (x *index) lookup(f *features) []entry {
	posted := x.appendPosted(x.posted[:0], f.terms)
	terms := len(posted)
	posted = x.appendPosted(posted, f.names)
	x.posted = posted
	x.look = appendQuery(x.look[:0], posted[:terms], posted[terms:])
	return x.look
}

// appendPosted appends to dst the entries of v that some story is listed
// under.
func (x *index) appendPosted(dst, v []entry) []entry {
	for _, e := range v {
		if int(e.id) < len(x.post) && len(x.post[e.id]) > 0 {
			dst = append(dst, e)
		}
	}
	return dst
}

// merge adds the unit vector v to the centroid c, keeping its limit heaviest
// entries, and returns it with its norm. dense is scratch indexed by ID,
// all zero before and after.
func merge(c, v []entry, limit int, dense []float32) ([]entry, float64) {
	for _, e := range c {
		dense[e.id] = e.w
	}
	if len(c)+len(v) > cap(c) {
		c = append(make([]entry, 0, min(len(c)+len(v), limit+limit/2+len(v))), c...)
	}
	for _, e := range v {
		if dense[e.id] == 0 {
			c = append(c, entry{e.id, 0})
		}
		dense[e.id] += e.w
	}
	for i := range c {
		c[i].w = dense[c[i].id]
		dense[c[i].id] = 0
	}
	// Trim back to the limit only once half as much again has gathered,
	// so that a large story is not sorted on every article.
	if len(c) > limit+limit/2 {
		selectHeaviest(c, limit)
		c = c[:limit]
	}
	var n float64
	for _, e := range c {
		n += float64(e.w) * float64(e.w)
	}
	return c, math.Sqrt(n)
}

// evict drops the stories whose latest article is more than the window
// (and half as much again, for articles that arrive late) behind the
// newest time assigned, with their index entries, so memory stays bounded.
// Add calls it each time that clock has moved half a window on.
func (g *Grouper) evict() {
	cutoff := g.newest - int64(g.opts.Window)*3/2
	g.heldSince = max(g.heldSince, cutoff)
	live := g.live[:0]
	for _, seq := range g.live {
		s := g.stories[seq]
		if s == nil {
			continue // merged into another
		}
		if s.last < cutoff {
			g.stories[seq] = nil
			g.spans[seq] = evicted
			delete(g.byID, s.id)
			continue
		}
		live = append(live, seq)
	}
	clear(g.live[len(live):])
	g.live = live
	for id, list := range g.idx.post {
		kept := list[:0]
		for _, seq := range list {
			if g.stories[seq] != nil {
				kept = append(kept, seq)
			}
		}
		if len(kept) == 0 {
			g.idx.post[id] = nil
		} else {
			g.idx.post[id] = kept
		}
	}
	if x := &g.idx; x.heads != nil {
		old := x.dups
		x.dups = make([]dupRef, 0, len(old))
		clear(x.heads)
		for _, r := range old {
			if g.stories[x.storyOf(&r)] != nil {
				x.chain(r)
			}
		}
	}
	clear(g.idx.merged)
	g.swept = g.newest
}

// selectHeaviest reorders v so that its k heaviest entries (ties by ID)
// come first, in no particular order: a quickselect, linear on average,
// with a pivot that depends only on the entries.
func selectHeaviest(v []entry, k int) {
	lo, hi := 0, len(v)
	for hi-lo > 1 {
		a, b, c := v[lo], v[lo+(hi-lo)/2], v[hi-1]
		pivot := b
		if heavier(a, b) != heavier(a, c) {
			pivot = a
		} else if heavier(c, a) != heavier(c, b) {
			pivot = c
		}
		// Three-way partition: heavier than pivot, the pivot, lighter.
		i, j, n := lo, lo, hi
		for j < n {
			switch d := byWeight(v[j], pivot); {
			case d < 0:
				v[i], v[j] = v[j], v[i]
				i++
				j++
			case d > 0:
				n--
				v[j], v[n] = v[n], v[j]
			default:
				j++
			}
		}
		switch {
		case k < i:
			hi = i
		case k > j:
			lo = j
		default:
			return
		}
	}
}
