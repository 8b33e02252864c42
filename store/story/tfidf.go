package story

import (
	"math"
	"slices"
	"strings"
)

// entry is one weighted feature of a vector: a term or a name, by ID.
type entry struct {
	id uint32
	w  float32
}

// vocabulary gives every term and name an ID and counts, online, how many
// articles carry it: the document frequency behind every IDF weight. A
// feature is known by the 64-bit hash of its key in an open-addressing
// table, which lets the grouper look up a couple of hundred words per
// article quickly; two keys share a hash about once in 10^19 pairs, and
// the only harm would be two words counted as one.
type vocabulary struct {
	recent [4096]slot // the features looked up lately, by hash: a cache
	slots  []slot
	hashes []uint64 // by ID
	df     []uint32
	show   []string // how the feature reads: the first form of it seen
	kind   []uint8
	docs   int // articles counted
}

const (
	kindTerm uint8 = iota
	kindNumber
	kindDigit // a number of one digit, such as the toll of many an event
	kindName
)

// namePrefix keeps name features apart from the terms spelt the same.
const namePrefix = '\x01'

// lookup returns the ID of key and the key's hash.
func (v *vocabulary) lookup(key []byte) (id uint32, h uint64, ok bool) {
	h = hashBytes(key)
	id1 := v.find(h)
	return id1 - 1, h, id1 != 0
}

// find returns the ID plus one of the feature whose key hashes to h, or 0.
func (v *vocabulary) find(h uint64) uint32 {
	m := h >> 7 // hashBytes mixes its bits: any of them will do for a place
	r := &v.recent[m&(uint64(len(v.recent))-1)]
	if r.id != 0 && r.hash == h {
		return r.id
	}
	if len(v.slots) == 0 {
		return 0
	}
	mask := uint64(len(v.slots) - 1)
	for i := m & mask; ; i = (i + 1) & mask {
		s := v.slots[i]
		if s.id == 0 {
			return 0
		}
		if s.hash == h {
			*r = s
			return s.id
		}
	}
}

// add gives key, which must be new, the next ID; show is how it reads.
func (v *vocabulary) add(key []byte, h uint64, show string) uint32 {
	id := uint32(len(v.df))
	if 2*(len(v.hashes)+1) > len(v.slots) {
		v.rehash(max(1024, 2*len(v.slots)))
	}
	v.place(id, h)
	v.hashes = append(v.hashes, h)
	v.df = append(v.df, 0)
	v.show = append(v.show, show)
	k := kindTerm
	switch {
	case key[0] == namePrefix:
		k = kindName
	case isDigit(key[0]) && len(key) == 1:
		k = kindDigit
	case isDigit(key[0]):
		k = kindNumber
	}
	v.kind = append(v.kind, k)
	return id
}

// slot is one place in the vocabulary's table: a feature's hash and its
// ID plus one (0 marks an empty place).
type slot struct {
	hash uint64
	id   uint32
}

func (v *vocabulary) place(id uint32, h uint64) {
	mask := uint64(len(v.slots) - 1)
	i := (h >> 7) & mask
	for v.slots[i].id != 0 {
		i = (i + 1) & mask
	}
	v.slots[i] = slot{h, id + 1}
}

func (v *vocabulary) rehash(size int) {
	v.slots = make([]slot, size)
	for id, h := range v.hashes {
		v.place(uint32(id), h)
	}
}

// idf is the smoothed inverse document frequency of a feature:
// ln((docs+1)/(df+1)) + 1.
func (v *vocabulary) idf(id uint32, logDocs float64) float64 {
	return logDocs - logOf(v.df[id]+1) + 1
}

// logs holds the natural logarithms of small counts, which the weights of
// every article need by the hundred.
var logs = func() []float64 {
	t := make([]float64, 4096)
	for i := 1; i < len(t); i++ {
		t[i] = math.Log(float64(i))
	}
	return t
}()

func logOf(n uint32) float64 {
	if int(n) < len(logs) {
		return logs[n]
	}
	return math.Log(float64(n))
}

// knownName reports whether the lower-case word key, whose hashBytes is
// h, has been seen as a name in an earlier article, so that a title-case
// headline or a word opening a sentence can still be read as the name it
// is.
func (v *vocabulary) knownName(key []byte, h uint64) bool {
	var buf [64]byte
	if len(key)+1 > len(buf) {
		return false
	}
	flags, num := common.get(h)
	id, _, ok := v.lookup(nameKeyOf(append(buf[:0], namePrefix), key, flags, num))
	return ok && v.df[id] >= 1
}

// shownName is one name of an article as written, with the name IDs of its
// words (a span of features.nameWords), kept to explain a grouping.
type shownName struct {
	text     string
	from, to int32
}

// features is what the grouper makes of one article.
type features struct {
	terms     []entry  // unit vector of TF-IDF weights of the content words and numbers
	names     []entry  // unit vector of TF-IDF weights of the words of names
	query     []entry  // the heaviest terms and names, heaviest first, for the index
	lead      []uint32 // IDs of the name words of the headline and first sentence, sorted
	shown     []shownName
	nameWords []uint32
	vecs      []entry // room for terms, names and query
	hash      uint64  // SimHash of the text's shingles
	shingles  int
	length    int // content words
	when      int64
}

const (
	// titleWeight counts a headline word as this many body words: a
	// headline is the outlet's own summary of the event.
	titleWeight = 2
	// numberBoost lifts numbers above plain words: a death toll, a
	// magnitude, a sum or a score tells one event from another of its kind.
	// Not a number of one digit in an article of fewer than headlineLength
	// content words: there it is one of a handful of words, and the "2" or
	// "3" that two headlines of different events share (two dead, three
	// arrested) would outweigh all they do not, where a $310m fine or a
	// magnitude of 6.8 still tells its event from another.
	numberBoost = 3
	// queryTerms is how many of an article's heaviest terms are added to
	// the index for its story, and how many of its heaviest terms that
	// some story has posted look up candidates; half as many names do the
	// same.
	queryTerms = 8
)

// analyzer holds the scratch space of feature extraction, reused across
// articles so that the grouper allocates little per article.
type analyzer struct {
	texts    [2]text
	mentions [2][]mention
	spotter  nameSpotter
	low, key []byte
	arena    []byte // keys and lower-case forms of the pending words
	pend     []pendingWord
	count    []float32 // by feature ID
	touched  []uint32
	hasher   simhasher
	f        features
}

// analyse turns an article into features, giving IDs to the features it has
// not seen before (their document frequency stays zero until Add).
func (g *Grouper) analyse(d Doc) *features {
	a := &g.an
	a.texts[0] = text{s: d.Title, words: appendWords(a.texts[0].words[:0], d.Title)}
	a.texts[0].titleCase = isTitleCase(d.Title, a.texts[0].words)
	a.texts[1] = text{s: d.Text, words: appendWords(a.texts[1].words[:0], d.Text)}
	a.mentions[0], a.mentions[1] = a.mentions[0][:0], a.mentions[1][:0]
	a.spotter.known = g.vocab.knownName
	a.spotter.spot(a.texts[:], a.mentions[:])
	a.hasher.reset()
	// The features of one article live until the next is analysed: reuse
	// their room.
	f := &a.f
	*f = features{when: timeOf(d), lead: f.lead[:0], shown: f.shown[:0], nameWords: f.nameWords[:0], vecs: f.vecs[:0]}
	nMentions, nMentionWords := 0, 0
	for _, ms := range a.mentions {
		nMentions += len(ms)
		for _, m := range ms {
			nMentionWords += int(m.last-m.first) + 1
		}
	}
	f.shown = slices.Grow(f.shown, nMentions)
	f.nameWords = slices.Grow(f.nameWords, nMentionWords)

	for ti := range a.texts {
		t := &a.texts[ti]
		weight := float32(1)
		if ti == 0 {
			weight = titleWeight
		} else if len(t.words) >= 2+minCopyShingles {
			// A copy run under another headline is still a copy: hash
			// the body alone when it is long enough to tell.
			a.hasher.reset()
		}
		// Make the keys first and look them up after, in a loop of
		// independent lookups that the processor can overlap.
		a.pend, a.arena = a.pend[:0], a.arena[:0]
		for _, w := range t.words {
			a.low = appendLower(a.low[:0], t.s[w.start:w.end])
			h := hashBytes(a.low)
			a.hasher.word(h)
			start := len(a.arena)
			var ok bool
			a.arena, ok = keyOf(a.arena, a.low, h, w.is(wNumber))
			if !ok {
				continue
			}
			key := a.arena[start:]
			kh := h // the key is the word itself unless stemmed or spelt out
			if len(key) != len(a.low) || string(key) != string(a.low) {
				kh = hashBytes(key)
			}
			a.arena = append(a.arena, a.low...)
			a.pend = append(a.pend, pendingWord{kh, 0, int32(start), int32(start + len(key)), int32(len(a.arena))})
		}
		for i := range a.pend {
			a.pend[i].id = g.vocab.find(a.pend[i].h)
		}
		for _, p := range a.pend {
			id := p.id
			if id == 0 {
				// New, unless it came earlier in this text.
				if id = g.vocab.find(p.h); id == 0 {
					id = g.vocab.add(a.arena[p.start:p.keyEnd], p.h, string(a.arena[p.keyEnd:p.lowEnd])) + 1
				}
			}
			g.bump(id-1, weight)
		}
		f.length += len(a.pend)
		lead := int32(len(t.words))
		if ti > 0 {
			lead = leadEnd(t.words)
		}
		for _, m := range a.mentions[ti] {
			from := int32(len(f.nameWords))
			for i := m.first; i <= m.last; i++ {
				w := t.words[i]
				a.low = appendLower(a.low[:0], t.s[w.start:w.end])
				flags, num := common.get(hashBytes(a.low))
				if flags&flagConnector != 0 {
					continue
				}
				a.key = nameKeyOf(append(a.key[:0], namePrefix), a.low, flags, num)
				id, h, known := g.vocab.lookup(a.key)
				if !known {
					id = g.vocab.add(a.key, h, strings.Clone(t.s[w.start:w.end]))
				}
				g.bump(id, weight)
				f.nameWords = append(f.nameWords, id)
			}
			if m.first < lead {
				for _, id := range f.nameWords[from:] {
					f.lead = append(f.lead, id)
				}
			}
			shown := t.s[t.words[m.first].start:t.words[m.last].end]
			f.shown = append(f.shown, shownName{text: shown, from: from, to: int32(len(f.nameWords))})
		}
	}
	f.hash, f.shingles = a.hasher.sum()

	// Weigh (sublinear term frequency times IDF), split, normalise.
	nNames := 0
	for _, id := range a.touched {
		if g.vocab.kind[id] == kindName {
			nNames++
		}
	}
	vecs := slices.Grow(f.vecs, len(a.touched)+queryTerms*3/2)
	f.vecs = vecs
	f.terms = vecs[: 0 : len(a.touched)-nNames]
	f.names = vecs[len(a.touched)-nNames : len(a.touched)-nNames : len(a.touched)]
	f.query = vecs[len(a.touched):len(a.touched)]
	var tn, nn float64
	logDocs := logOf(uint32(g.vocab.docs + 1))
	for _, id := range a.touched {
		tf := float64(a.count[id])
		a.count[id] = 0
		if tf > 1 {
			// Counts are whole numbers (a headline word counts twice).
			tf = 1 + logOf(uint32(tf))
		}
		w := tf * g.vocab.idf(id, logDocs)
		switch g.vocab.kind[id] {
		case kindName:
			f.names = append(f.names, entry{id, float32(w)})
			nn += w * w
			continue
		case kindNumber:
			w *= numberBoost
		case kindDigit:
			if f.length >= headlineLength {
				w *= numberBoost
			}
		}
		f.terms = append(f.terms, entry{id, float32(w)})
		tn += w * w
	}
	a.touched = a.touched[:0]
	slices.Sort(f.lead)
	f.lead = slices.Compact(f.lead)
	scale(f.terms, tn)
	scale(f.names, nn)
	f.query = appendQuery(f.query, f.terms, f.names)
	return f
}

// appendQuery appends to dst what an article with the vectors terms and
// names looks up and posts in the index: its queryTerms heaviest terms and
// half as many names, heaviest first.
func appendQuery(dst, terms, names []entry) []entry {
	start := len(dst)
	dst = heaviest(dst, terms, queryTerms)
	dst = heaviest(dst, names, queryTerms/2)
	slices.SortFunc(dst[start:], byWeight)
	return dst
}

// leadEnd is the number of words of the first sentence of ws.
func leadEnd(ws []word) int32 {
	for i := 1; i < len(ws); i++ {
		if ws[i].is(wSentence) {
			return int32(i)
		}
	}
	return int32(len(ws))
}

// pendingWord is a content word of the text being analysed, its key and
// lower-case form at arena[start:keyEnd] and arena[keyEnd:lowEnd], its ID
// plus one once found (0 while unknown).
type pendingWord struct {
	h                     uint64
	id                    uint32
	start, keyEnd, lowEnd int32
}

// bump counts w more of feature id in the article being analysed.
func (g *Grouper) bump(id uint32, w float32) {
	a := &g.an
	if int(id) >= len(a.count) {
		a.count = append(a.count, make([]float32, int(id)+1-len(a.count)+len(a.count)/2)...)
	}
	if a.count[id] == 0 {
		a.touched = append(a.touched, id)
	}
	a.count[id] += w
}

// scale makes v, whose weights square to sumSquares, a unit vector.
func scale(v []entry, sumSquares float64) {
	if sumSquares == 0 {
		return
	}
	k := float32(1 / math.Sqrt(sumSquares))
	for i := range v {
		v[i].w *= k
	}
}

// heaviest appends to dst the n heaviest entries of v, heaviest first, ties
// by ID so that the order never depends on anything but the input.
func heaviest(dst, v []entry, n int) []entry {
	if n <= 0 {
		return dst
	}
	start := len(dst)
	for _, e := range v {
		top := dst[start:]
		if len(top) == n && byWeight(e, top[n-1]) >= 0 {
			continue
		}
		if len(top) < n {
			dst = append(dst, e)
			top = dst[start:]
		}
		i := len(top) - 1
		for i > 0 && byWeight(e, top[i-1]) < 0 {
			top[i] = top[i-1]
			i--
		}
		top[i] = e
	}
	return dst
}

// byWeight orders entries heaviest first, then by ID.
// Weights are never NaN, so plain comparisons do (cmp.Compare's care for
// NaN costs the grouper's hottest sorts).
func byWeight(a, b entry) int {
	switch {
	case a.w > b.w:
		return -1
	case a.w < b.w:
		return 1
	case a.id < b.id:
		return -1
	case a.id > b.id:
		return 1
	}
	return 0
}
