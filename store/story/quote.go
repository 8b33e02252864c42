package story

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minQuoteWords is the fewest words a quotation needs to be listed: one or
// two quoted words are mostly scare quotes or titles, not remarks.
const minQuoteWords = 3

// quoteSpans returns the byte ranges of the text inside quotation marks in
// a plain paragraph: straight ("…") or curly (“…”), low-high („…“),
// guillemets («…») and curly single quotes (‘…’). Quotation marks nested
// inside a quotation are part of it. A double quotation still open at the
// end of the paragraph runs to its end, as a quotation carried over several
// paragraphs does. An inch mark (12") opens nothing.
func quoteSpans(p string) [][2]int {
	var out [][2]int
	var open rune // the mark that opened the current quotation; 0 outside one
	start := 0
	for i := 0; i < len(p); {
		// Only quotation marks matter: jump from one to the next.
		k := nextQuoteMark(p, i)
		if k < 0 {
			break
		}
		i = k
		r, size := utf8.DecodeRuneInString(p[i:])
		prev, next := ' ', ' '
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(p[:i])
		}
		if i+size < len(p) {
			next, _ = utf8.DecodeRuneInString(p[i+size:])
		}
		switch {
		case open == 0:
			if opensQuote(r, prev, next) {
				open, start = r, i+size
			}
		case closesQuote(open, r, next):
			out = append(out, [2]int{start, i})
			open = 0
		}
		i += size
	}
	if open != 0 && open != '‘' {
		out = append(out, [2]int{start, len(p)})
	}
	return out
}

// nextQuoteMark returns the offset of the first quotation mark in p at or
// after i, or -1. Every mark is '"' or starts with byte 0xE2 (“ ” „ ‘ ’)
// or 0xC2 (« »), so the scan looks at bytes and decodes only those.
func nextQuoteMark(p string, i int) int {
	for ; i < len(p); i++ {
		switch p[i] {
		case '"':
			return i
		case 0xE2, 0xC2:
			switch r, _ := utf8.DecodeRuneInString(p[i:]); r {
			case '“', '”', '„', '‘', '’', '«', '»':
				return i
			}
		}
	}
	return -1
}

func opensQuote(r, prev, next rune) bool {
	switch r {
	case '“', '„', '«':
		return true
	case '"':
		return !unicode.IsDigit(prev) && !unicode.IsSpace(next)
	case '‘':
		return !unicode.IsLetter(prev) && !unicode.IsDigit(prev)
	}
	return false
}

func closesQuote(open, r, next rune) bool {
	switch open {
	case '“', '"':
		return r == '”' || r == '"'
	case '„':
		return r == '“' || r == '”'
	case '«':
		return r == '»'
	case '‘':
		// A closing single quote followed by a letter is an apostrophe.
		return r == '’' && !unicode.IsLetter(next)
	}
	return false
}

// cleanQuote trims a quotation of the spaces and clause punctuation at its
// ends, or returns "" when it is too short to be a remark.
func cleanQuote(q string) string {
	q = strings.TrimSpace(q)
	q = strings.TrimRight(q, " ,;:—–-")
	q = strings.TrimLeft(q, " ,;:—–-")
	q = strings.TrimSpace(q)
	words := 0
	for _, f := range strings.Fields(q) {
		if hasWordRune(f) {
			words++
		}
	}
	if words < minQuoteWords {
		return ""
	}
	return q
}

// quoteItem is one quotation of the story being matched.
type quoteItem struct {
	art, sent int
	text      string
	terms     []uint32
	total     float64
	norm      string // its letters and digits, lower case, for remarks too short to weigh
	matched   bool   // whether the matching reached it
}

// quoteIndex holds the story's quotations, in story order, and what
// matching them needs: an inverted index of those matched so far, the
// scratch space of one lookup, and the sets of quotations found to give
// one remark.
type quoteIndex struct {
	items   []quoteItem
	from    []int32 // by story sentence: its first quotation; from[g+1] ends them
	post    [][]int32
	acc     []float64
	shared  []int32
	touched []int32
	byNorm  map[string]int
	sets    unionFind
}

// newQuoteIndex reads the quotations of every article into terms, as
// sentences are read, so that they are matched as sentences are.
func (c *comparer) newQuoteIndex() *quoteIndex {
	x := &quoteIndex{from: make([]int32, len(c.terms)+1), byNorm: map[string]int{}}
	var key []byte
	var ws []word
	extra := map[string]uint32{}
	for ai, a := range c.arts {
		for _, q := range a.quotes {
			it := quoteItem{art: ai, sent: q.sentence, text: q.text}
			ws = appendWords(ws[:0], q.text)
			for _, w := range ws {
				var ok bool
				key, ok = termKey(key[:0], q.text, w)
				if !ok {
					continue
				}
				id, known := c.ids[string(key)]
				if !known {
					if id, known = extra[string(key)]; !known {
						id = uint32(len(c.df) + len(extra))
						extra[string(key)] = id
					}
				}
				it.terms = append(it.terms, id)
			}
			slices.Sort(it.terms)
			it.terms = slices.Compact(it.terms)
			for _, id := range it.terms {
				it.total += c.termWeight(id)
			}
			// Remarks too short to weigh are matched on their words alone.
			informative := 0
			for _, id := range it.terms {
				if !c.isFiller(id) {
					informative++
				}
			}
			if informative < 2 {
				it.norm = normalQuote(q.text)
			}
			// An article's quotations come in the order of the sentences
			// they open in, so those of one sentence lie together.
			x.items = append(x.items, it)
			x.from[a.base+q.sentence+1]++
		}
	}
	for g := range c.terms {
		x.from[g+1] += x.from[g]
	}
	x.post = make([][]int32, len(c.df)+len(extra))
	x.acc = make([]float64, len(x.items))
	x.shared = make([]int32, len(x.items))
	x.sets = newUnionFind(len(x.items))
	return x
}

// matchQuotes joins each quotation opening in sentence g to the earlier
// ones that give the same remark, whatever their article, and files it in
// the index. It stops, as match does, when the matching's work is done.
func (c *comparer) matchQuotes(x *quoteIndex, g int32) {
	for i := x.from[g]; i < x.from[g+1]; i++ {
		if c.work >= maxMatchWork {
			return
		}
		q := &x.items[i]
		q.matched = true
		if q.norm != "" {
			if j, ok := x.byNorm[q.norm]; ok {
				x.sets.union(int(i), j)
			} else {
				x.byNorm[q.norm] = int(i)
			}
		}
		for _, id := range q.terms {
			w := c.termWeight(id)
			c.work += len(x.post[id])
			for _, j := range x.post[id] {
				if x.acc[j] == 0 && x.shared[j] == 0 {
					x.touched = append(x.touched, j)
				}
				x.acc[j] += w
				if !c.isFiller(id) {
					x.shared[j]++
				}
			}
			x.post[id] = append(x.post[id], i)
		}
		for _, j := range x.touched {
			if quotesClose(x.acc[j], q.total, x.items[j].total, int(x.shared[j])) {
				x.sets.union(int(i), int(j))
			}
			x.acc[j], x.shared[j] = 0, 0
		}
		x.touched = x.touched[:0]
	}
}

// compareQuotes lists the quotations match reached, so that one remark
// quoted by three outlets in three wordings or quotation styles is listed
// once with its three sources.
func (c *comparer) compareQuotes(out *Comparison) {
	qs := c.quotes.items
	// Clusters are numbered by their first quotation, so in story order.
	cluster := make([]int, len(qs))
	byFirst := make([]int, len(qs)) // by a cluster's first quotation: its number, plus one
	clusters := 0
	for i, q := range qs {
		if !q.matched {
			continue
		}
		first := c.quotes.sets.find(i)
		if byFirst[first] == 0 {
			clusters++
			byFirst[first] = clusters
		}
		cluster[i] = byFirst[first] - 1
	}
	type member struct{ best, arts []int }
	members := make([]member, clusters)
	for i, q := range qs {
		if !q.matched {
			continue
		}
		m := &members[cluster[i]]
		k := slices.Index(m.arts, q.art)
		if k < 0 {
			m.arts = append(m.arts, q.art)
			m.best = append(m.best, i)
		} else if len(qs[m.best[k]].text) < len(q.text) {
			m.best[k] = i
		}
	}
	// Each article lists a remark once, in its fullest wording there.
	for _, m := range members {
		sq := StoryQuote{}
		for n, ai := range m.arts {
			q := qs[m.best[n]]
			id := c.arts[ai].in.ID
			sq.Articles = append(sq.Articles, id)
			sq.Sources = append(sq.Sources, QuoteSource{Article: id, Text: q.text})
			if len(q.text) > len(sq.Text) {
				sq.Text = q.text
			}
		}
		out.Quotes = append(out.Quotes, sq)
		for n, ai := range m.arts {
			q := qs[m.best[n]]
			quote := Quote{Text: q.text, SharedWith: []int64{}, Sentence: q.sent}
			for _, other := range m.arts {
				if other != ai {
					quote.SharedWith = append(quote.SharedWith, c.arts[other].in.ID)
				}
			}
			out.Articles[ai].Quotes = append(out.Articles[ai].Quotes, quote)
		}
	}
	for ai := range out.Articles {
		qs := out.Articles[ai].Quotes
		slices.SortStableFunc(qs, func(x, y Quote) int { return x.Sentence - y.Sentence })
	}
}

func (c *comparer) termWeight(id uint32) float64 {
	if int(id) < len(c.weight) {
		return c.weight[id]
	}
	return math.Log(float64(len(c.terms) + 1))
}

func (c *comparer) isFiller(id uint32) bool {
	return int(id) < len(c.filler) && c.filler[id]
}

// quotesClose reports whether two quotations that share terms of weight s
// (n of them informative) out of ta and tb are the same remark: they share
// two distinctive words or more and overlap as closely as matched sentences
// do, or one is mostly the other (a partial quotation).
func quotesClose(s, ta, tb float64, n int) bool {
	if n < 2 || ta == 0 || tb == 0 {
		return false
	}
	dice := 2 * s / (ta + tb)
	contain := s / math.Min(ta, tb)
	return dice >= shareDice || contain >= quoteContain
}

// quoteContain is how much of the shorter of two quotations the longer must
// hold for the shorter to be a part of it.
const quoteContain = 0.7

// normalQuote keeps the letters and digits of a quotation, lower case,
// with single spaces: "We go, to the table!" and "we go to the table" meet.
func normalQuote(q string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(q) {
		if isWordRune(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else if r != '\'' && r != '’' {
			space = true
		}
	}
	return b.String()
}
