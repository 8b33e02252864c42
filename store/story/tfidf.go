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
	table  hashTable
	// surfaces remembers, by surfaceHash, the feature each word met so
	// far makes, sparing a word's key (stemming and spelling) every time
	// it comes again.
	surfaces hashTable
	df       []uint32
	show     []string // how the feature reads: the first form of it seen
	kind     []uint8
	country  []bool // by ID: a name feature that is a country's (see countryWeight)
	lower    []bool // by ID: a term some article has written in lower case
	docs     int    // articles counted
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
	id := v.table.find(h)
	if id != 0 {
		*r = slot{h, id}
	}
	return id
}

// add gives key, which must be new, the next ID; show is how it reads.
func (v *vocabulary) add(key []byte, h uint64, show string) uint32 {
	id := uint32(len(v.df))
	v.table.put(h, id+1)
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
	v.country = append(v.country, false)
	v.lower = append(v.lower, false)
	return id
}

// slot is one place in a hashTable: a hash and its value, which is never
// 0 (0 marks an empty place). The values are feature IDs plus one, or
// noFeature.
type slot struct {
	hash uint64
	id   uint32
}

// hashTable maps 64-bit hashes to values by open addressing, kept at most
// half full.
type hashTable struct {
	slots []slot
	n     int
}

// find returns the value of h, or 0.
func (t *hashTable) find(h uint64) uint32 {
	if len(t.slots) == 0 {
		return 0
	}
	// hashBytes mixes its bits: any of them will do for a place.
	mask := uint64(len(t.slots) - 1)
	for i := (h >> 7) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.id == 0 || s.hash == h {
			return s.id
		}
	}
}

// put gives h, which must not be in the table yet, the value id.
func (t *hashTable) put(h uint64, id uint32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]slot, max(1024, 2*len(old)))
		for _, s := range old {
			if s.id != 0 {
				t.place(s)
			}
		}
	}
	t.place(slot{h, id})
	t.n++
}

func (t *hashTable) place(s slot) {
	mask := uint64(len(t.slots) - 1)
	i := (s.hash >> 7) & mask
	for t.slots[i].id != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
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

// seenLower reports whether the lower-case word key, whose hashBytes is
// h, has been written in lower case in an earlier article, as ordinary
// words are and names seldom.
func (v *vocabulary) seenLower(key []byte, h uint64) bool {
	id := v.surfaces.find(surfaceHash(h, false))
	return id != 0 && id != noFeature && v.lower[id-1]
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
	lower     []uint32 // IDs of the terms it writes in lower case that no article counted has
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
	// leadBytes is how much of a text counts in full: some 170 words of
	// English, the lead and the paragraphs after it, where a report tells
	// its event. What follows is mostly background, reactions and
	// history, which events of one kind share (a teammate's earlier
	// arrest, the last raid on the same jeweller), and its words count
	// tailWeight each.
	leadBytes  = 1000
	tailWeight = 0.5
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
	// countryWeight is what a country's name counts for among an article's
	// names, once they are weighed: a country is where many events happen
	// at once, not who one is about, so two reports that share only
	// "Kenya" (its floods, its election) agree on half a name, not a whole
	// one, while the country still tells apart two events of a kind
	// abroad.
	countryWeight = 0.5
	// commonWordWeight is what a word of a name that articles also write
	// in lower case counts for among a headline's names: the kind of thing
	// named ("Tamsen Fire", "Port Carrow", "Bank of Estravia"), which the
	// names of other things of the kind share. In a headline of a few
	// words, where the one name two headlines share may carry one into the
	// other's story, two fires or two central banks met on it; longer
	// texts name more and are not swayed by it.
	commonWordWeight = 0.5
)

// wordWeight is how much word w of text ti counts: weight, what every
// word of that text counts, but tailWeight past the first leadBytes of a
// body.
func wordWeight(weight float32, ti int, w word) float32 {
	if ti > 0 && w.start >= leadBytes {
		return tailWeight
	}
	return weight
}

// echoes reports whether text t says nothing but the headline analysed,
// whether as headlineNews leaves it or whole as written.
func (a *analyzer) echoes(t text, written string) bool {
	if sameWords(t, a.texts[0]) {
		return true
	}
	if written == a.texts[0].s || len(t.words) <= len(a.texts[0].words) {
		return false
	}
	a.whole = text{s: written, words: appendWords(a.whole.words[:0], written)}
	return sameWords(t, a.whole)
}

// Echoes reports whether body says nothing but headline, word for word,
// as written or without the slug, label and tags headlineNews leaves out:
// an aggregator's item often gives its headline again, as a link, for its
// text, which is then no text besides the headline.
func Echoes(headline, body string) bool {
	var a analyzer
	news := headlineNews(headline)
	a.texts[0] = text{s: news, words: appendWords(nil, news)}
	return a.echoes(text{s: body, words: appendWords(nil, body)}, headline)
}

// sameWords reports whether text t says nothing but the words of text h,
// in their order.
func sameWords(t, h text) bool {
	if len(t.words) != len(h.words) || len(t.words) == 0 {
		return false
	}
	for i, w := range t.words {
		v := h.words[i]
		if !strings.EqualFold(t.s[w.start:w.end], h.s[v.start:v.end]) {
			return false
		}
	}
	return true
}

// analyzer holds the scratch space of feature extraction, reused across
// articles so that the grouper allocates little per article.
type analyzer struct {
	texts    [2]text
	mentions [2][]mention
	spotter  nameSpotter
	low, key []byte
	pend     []pendingWord
	count    []float32 // by feature ID
	touched  []uint32
	hasher   simhasher
	f        features
	whole    text     // the headline as written, when headlineNews takes from it
	common   []uint32 // IDs of the name words the library also reads in lower case
}

// analyse turns an article into features, giving IDs to the features it has
// not seen before (their document frequency stays zero until Add).
func (g *Grouper) analyse(d Doc) *features {
	a := &g.an
	title := headlineNews(d.Title)
	a.texts[0] = text{s: title, words: appendWords(a.texts[0].words[:0], title)}
	a.texts[0].titleCase = isTitleCase(title, a.texts[0].words)
	a.texts[1] = text{s: d.Text, words: appendWords(a.texts[1].words[:0], d.Text)}
	a.mentions[0], a.mentions[1] = a.mentions[0][:0], a.mentions[1][:0]
	a.spotter.known = g.vocab.knownName
	a.spotter.plain = g.vocab.seenLower
	a.spotter.spot(a.texts[:], a.mentions[:])
	a.hasher.reset()
	// The features of one article live until the next is analysed: reuse
	// their room.
	f := &a.f
	*f = features{when: timeOf(d), lead: f.lead[:0], lower: f.lower[:0], shown: f.shown[:0], nameWords: f.nameWords[:0], vecs: f.vecs[:0]}
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
		} else if f.length <= headlineLength && a.echoes(*t, d.Title) {
			// An aggregator's item often gives its headline again, as
			// a link, for its text: read twice, a headline would pass
			// for a report with text, which the bar and the rules for
			// headlines are not made for.
			break
		} else if len(t.words) >= 2+minCopyShingles {
			// A copy run under another headline is still a copy: hash
			// the body alone when it is long enough to tell.
			a.hasher.reset()
		}
		// Hash the words first and look them up after, in a loop of
		// independent lookups that the processor can overlap.
		a.pend = a.pend[:0]
		for _, w := range t.words {
			var h uint64
			if w.is(wPlain) {
				h = hashBytes(t.s[w.start:w.end])
			} else {
				a.low = appendLower(a.low[:0], t.s[w.start:w.end])
				h = hashBytes(a.low)
			}
			a.hasher.word(h)
			a.pend = append(a.pend, pendingWord{surfaceHash(h, w.is(wNumber)), 0})
		}
		for i := range a.pend {
			a.pend[i].id = g.vocab.surfaces.find(a.pend[i].h)
		}
		for i, p := range a.pend {
			id := p.id
			if id == 0 {
				// Not met before, unless earlier in this text.
				if id = g.vocab.surfaces.find(p.h); id == 0 {
					id = g.learnSurface(t.s, t.words[i], p.h)
				}
				a.pend[i].id = id
			}
			if id == noFeature {
				continue
			}
			f.length++
			g.bump(id-1, wordWeight(weight, ti, t.words[i]))
			if !t.words[i].is(wCap) && !g.vocab.lower[id-1] {
				f.lower = append(f.lower, id-1)
			}
		}
		lead := int32(len(t.words))
		if ti > 0 {
			lead = leadEnd(t.words)
		}
		for _, m := range a.mentions[ti] {
			from := int32(len(f.nameWords))
			for i := m.first; i <= m.last; i++ {
				nh := nameSurfaceHash(a.pend[i].h)
				id := g.vocab.surfaces.find(nh)
				if id == 0 {
					id = g.learnNameSurface(t.s, t.words[i], nh)
				}
				if id == noFeature {
					continue
				}
				if w := a.pend[i].id; w != 0 && w != noFeature && g.vocab.lower[w-1] {
					a.common = append(a.common, id-1)
				}
				g.bump(id-1, wordWeight(weight, ti, t.words[i]))
				f.nameWords = append(f.nameWords, id-1)
			}
			if m.first < lead {
				f.lead = append(f.lead, f.nameWords[from:]...)
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
		if whole := uint32(tf); float64(whole) == tf && whole > 1 {
			// Most counts are whole numbers (a headline word counts
			// twice), whose logarithms are at hand.
			tf = 1 + logOf(whole)
		} else if tf > 1 {
			tf = 1 + math.Log(tf) // words past the lead count half
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
	for i, e := range f.names {
		if g.vocab.country[e.id] {
			f.names[i].w *= countryWeight
		}
		if f.length < headlineLength && slices.Contains(a.common, e.id) {
			f.names[i].w *= commonWordWeight
		}
	}
	a.common = a.common[:0]
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

// pendingWord is a word of the text being analysed, at its place among
// the text's words: its surfaceHash, and its feature's ID plus one once
// found (0 while unknown, noFeature for a word that makes none).
type pendingWord struct {
	h  uint64
	id uint32
}

// noFeature is the value of vocabulary.surfaces for a word that makes no
// feature: a stop word, one too short to tell anything, or a connector
// within a name ("of", "de").
const noFeature = math.MaxUint32

// surfaceHash is the key in vocabulary.surfaces of a word whose lower-case
// form hashes to h; number tells a word that opens with a digit, whose
// key is made another way.
func surfaceHash(h uint64, number bool) uint64 {
	h ^= 0x9e3779b97f4a7c15
	if number {
		h ^= 0x632be59bd9b4e019
	}
	return mix64(h)
}

// nameSurfaceHash is the key in vocabulary.surfaces of a word of a name,
// given the surfaceHash of the word.
func nameSurfaceHash(sh uint64) uint64 { return mix64(sh ^ 0xbf58476d1ce4e5b9) }

// learnNameSurface does for a word of a name what learnSurface does for a
// word: its key is the word itself, or the country of a demonym, and a
// connector ("of", "de") makes no feature.
func (g *Grouper) learnNameSurface(s string, w word, nh uint64) uint32 {
	a := &g.an
	a.low = appendLower(a.low[:0], s[w.start:w.end])
	flags, num := common.get(hashBytes(a.low))
	id := uint32(noFeature)
	if flags&flagConnector == 0 {
		a.key = nameKeyOf(append(a.key[:0], namePrefix), a.low, flags, num)
		known, h, ok := g.vocab.lookup(a.key)
		if !ok {
			known = g.vocab.add(a.key, h, strings.Clone(s[w.start:w.end]))
			g.vocab.country[known] = flags&(flagDemonym|flagCountry) != 0
		}
		id = known + 1
	}
	g.vocab.surfaces.put(nh, id)
	return id
}

// learnSurface makes the feature of word w of s, whose surfaceHash is sh,
// the first time the grouper meets that word: its key (stemmed, spelt the
// American way, numbers spelt out), and the feature's ID plus one, which
// it remembers for the word from now on; or noFeature.
func (g *Grouper) learnSurface(s string, w word, sh uint64) uint32 {
	a := &g.an
	a.low = appendLower(a.low[:0], s[w.start:w.end])
	h := hashBytes(a.low)
	var ok bool
	a.key, ok = keyOf(a.key[:0], a.low, h, w.is(wNumber))
	id := uint32(noFeature)
	if ok {
		kh := h // the key is the word itself unless stemmed or spelt out
		if string(a.key) != string(a.low) {
			kh = hashBytes(a.key)
		}
		if id = g.vocab.find(kh); id == 0 {
			id = g.vocab.add(a.key, kh, string(a.low)) + 1
		}
	}
	g.vocab.surfaces.put(sh, id)
	return id
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
		if len(dst)-start < n {
			dst = append(dst, e)
		} else if !heavier(e, dst[len(dst)-1]) {
			continue
		}
		i := len(dst) - 1
		for i > start && heavier(e, dst[i-1]) {
			dst[i] = dst[i-1]
			i--
		}
		dst[i] = e
	}
	return dst
}

// heavier reports whether a comes before b in the order of byWeight.
func heavier(a, b entry) bool {
	return a.w > b.w || a.w == b.w && a.id < b.id
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
