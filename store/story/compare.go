package story

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// CompareInput is one article of a story as the comparison reads it.
type CompareInput struct {
	ID     int64
	Source string
	Title  string
	URL    string
	Text   string // the article's Markdown
}

// Comparison says, for one story, what each source shares with the others
// and what it alone reports: sentence by sentence, quotation by quotation,
// name by name, number by number.
type Comparison struct {
	Articles      []ArticleComparison `json:"articles"` // in input order
	Quotes        []StoryQuote        `json:"quotes"`   // each remark once, with every source quoting it
	Names         []StoryName         `json:"names"`
	Numbers       []StoryNumber       `json:"numbers"`
	Discrepancies []Discrepancy       `json:"discrepancies"`
}

// ArticleComparison is one article with each of its sentences and
// quotations marked shared or unique, and the names and numbers it states.
type ArticleComparison struct {
	ID        int64      `json:"id"`
	Source    string     `json:"source"`
	Title     string     `json:"title"`
	URL       string     `json:"url"`
	Sentences []Sentence `json:"sentences"`
	Quotes    []Quote    `json:"quotes"`
	Names     []string   `json:"names"`   // as this article writes them, in order of first mention
	Numbers   []string   `json:"numbers"` // as written, with what they count
}

// Sentence is one sentence of an article and the verdict on it. A bland
// sentence ("The situation continues to evolve.") and a heading count as
// neither agreement nor a unique fact: SharedWith is empty and Unique false.
// So does a sentence the comparison did not reach (Uncompared), in a story
// too large to compare whole.
type Sentence struct {
	Text       string          `json:"text"`
	SharedWith []int64         `json:"shared_with"` // IDs of the articles carrying a close sentence
	Unique     bool            `json:"unique"`
	Bland      bool            `json:"bland,omitempty"`
	Heading    bool            `json:"heading,omitempty"`
	Uncompared bool            `json:"uncompared,omitempty"`
	Paragraph  int             `json:"paragraph"` // sentences of one paragraph share it, counting from 0
	Matches    []SentenceMatch `json:"matches,omitempty"`
}

// Uncompared counts the sentences of the article that the comparison did
// not reach: its last ones, in a story too large to compare whole.
func (a ArticleComparison) Uncompared() int {
	n := 0
	for _, s := range a.Sentences {
		if s.Uncompared {
			n++
		}
	}
	return n
}

// SentenceMatch is a close sentence in another article: the compare pane
// uses it to line the two articles up.
type SentenceMatch struct {
	Article  int64   `json:"article"`
	Sentence int     `json:"sentence"` // index into that article's Sentences
	Score    float64 `json:"score"`    // 0 to 1
}

// Quote is one remark an article quotes, listed once in its fullest
// wording there however often the article repeats it.
type Quote struct {
	Text       string  `json:"text"`
	SharedWith []int64 `json:"shared_with"` // IDs of the other articles quoting the same remark
	Sentence   int     `json:"sentence"`    // index of the sentence it opens in
}

// StoryQuote is one remark, listed once, with each article that quotes it
// and the words each uses.
type StoryQuote struct {
	Text     string        `json:"text"` // the fullest wording
	Articles []int64       `json:"articles"`
	Sources  []QuoteSource `json:"sources"`
}

// QuoteSource is how one article words a quotation.
type QuoteSource struct {
	Article int64  `json:"article"`
	Text    string `json:"text"`
}

// StoryName is one person, place or organisation of the story, with the
// articles that mention it and how each writes it: "Defense Secretary Mara
// Ellison" in one, "Ms. Ellison" in another.
type StoryName struct {
	Name     string        `json:"name"` // the fullest form
	Articles []int64       `json:"articles"`
	Mentions []NameMention `json:"mentions"`
}

// NameMention is how one article writes a name.
type NameMention struct {
	Article int64  `json:"article"`
	Text    string `json:"text"`
}

// StoryNumber is one figure of the story and the articles that state it.
type StoryNumber struct {
	Text     string  `json:"text"`
	Articles []int64 `json:"articles"`
}

// Discrepancy is a figure that sources give differently for the same
// thing: "Four delegations" in one, "Five delegations" in another.
type Discrepancy struct {
	About  string        `json:"about"` // what is counted: "delegations", "percent", "year"
	Claims []NumberClaim `json:"claims"`
}

// NumberClaim is the figure one article gives.
type NumberClaim struct {
	Article  int64   `json:"article"`
	Text     string  `json:"text"`
	Value    float64 `json:"value"` // in units; minutes past midnight for a time, month and day as MMDD for a date
	Sentence int     `json:"sentence"`
}

// Matching thresholds. Two sentences are close when they share at least two
// informative words and their weighted overlap (Dice) reaches shareDice,
// or when they share three or more and either the overlap reaches
// shareDiceWide or one is mostly contained in the other (shareContain), as
// when one outlet folds two facts into one sentence. The looser relate bars
// only pair sentences whose figures are compared.
const (
	shareDice     = 0.5
	shareDiceWide = 0.38
	shareContain  = 0.7
	relateDice    = 0.3
	relateContain = 0.5
	// fillerWeight scales the words of stock phrases ("expected", "details").
	fillerWeight = 0.2
	// numberWeight scales figures, so that a sentence giving a different
	// number for the same fact still matches.
	numberWeight = 0.5
)

// fillerWords are the stems of the words of stock news phrases: "The
// situation continues to evolve", "More details are expected in the coming
// days", "Officials did not respond to a request for comment".
var fillerWords = stemmedSet(`situation situations continue continues continued evolve evolving
develop developing development developments detail details expect expected expecting come coming
update updates updated story stories information available later ongoing unfold unfolding remain
remains remained unclear clear immediately known comment comments respond responded response request
requests follow following stay tuned check latest breaking live happen happens happened matter
matters further official officials spokesperson source sources confirm confirmed reach reached
decline declined see seen wait waiting tell`)

func stemmedSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[stem(w)] = true
	}
	return m
}

// cmpArticle is one input article once read.
type cmpArticle struct {
	in     CompareInput
	sents  []proseSentence
	quotes []proseQuote
	words  [][]word // by sentence
	base   int      // index of its first sentence in the story
	// compared is how many of its sentences, from the first, the matching
	// reached; the rest take no part in the comparison.
	compared int
}

// comparer holds the working state of one comparison.
type comparer struct {
	arts    []cmpArticle
	artOf   []int32    // by story sentence: its article
	terms   [][]uint32 // by story sentence: sorted term IDs
	credits [][]uint32 // by story sentence: sorted IDs of the terms only its closing credit has (see creditFrom)
	total   []float64  // by story sentence: the sum of its term weights
	matched []bool     // by story sentence: takes part in matching
	bland   []bool

	ids    map[string]uint32
	df     []int32
	filler []bool
	digits []bool
	weight []float64

	work    int // posting entries the matching has visited, and figures it has set against each other
	pairs   []matchPair
	matches [][]pairRef   // by story sentence
	related []relatedPair // sentence pairs whose figures are compared
	numbers [][]numberRef // by story sentence
	quotes  *quoteIndex
}

// matchPair is two close sentences of different articles.
type matchPair struct {
	a, b  int32
	score float32
}

type pairRef struct {
	other int32
	score float32
}

// relatedPair is two sentences of different articles about the same thing,
// close enough to be shared or not.
type relatedPair struct {
	a, b   int32
	shared bool
}

// Compare matches the articles of one story against each other. Every
// sentence of every article is compared with every sentence of the others
// by the distinctive words they share, weighted by how rare each word is
// among the story's sentences, so that a paraphrase matches and two stock
// phrases do not; quotations are matched the same way. Names are gathered
// per bearer and figures per thing counted, and figures that sources give
// differently are flagged. The result lists the articles in input order
// and is the same for the same input.
//
// A story too large to compare whole within the matching's limits is
// compared up to the same sentence of every article: the sentences after
// it are listed as Uncompared, and their quotations, names and figures are
// left out.
func Compare(arts []CompareInput) Comparison {
	c := &comparer{ids: map[string]uint32{}}
	c.read(arts)
	c.weigh()
	c.match()
	return c.result()
}

func (c *comparer) read(in []CompareInput) {
	c.arts = make([]cmpArticle, len(in))
	n := 0
	size := 0
	for _, a := range in {
		size += len(a.Text)
	}
	words := make([]word, 0, size/5) // backs every sentence's words
	for i, a := range in {
		sents, quotes := articleProse(a.Text)
		ca := cmpArticle{in: a, sents: sents, quotes: quotes, base: n, words: make([][]word, len(sents))}
		for j, s := range sents {
			from := len(words)
			words = appendWords(words, s.text)
			ca.words[j] = words[from:len(words):len(words)]
			if _, body, ok := wireCredit(s.text); ok {
				opensAt(ca.words[j], body)
			}
		}
		n += len(sents)
		c.arts[i] = ca
	}
	c.artOf = make([]int32, 0, n)
	c.terms = make([][]uint32, 0, n)
	c.credits = make([][]uint32, 0, n)
	c.numbers = make([][]numberRef, 0, n)
	var key, low []byte
	byForm := map[string]uint32{}
	var seen []int32                // by term ID: the last sentence that counted it, plus one
	flat := make([]uint32, 0, 12*n) // backs every sentence's terms
	for ai, a := range c.arts {
		for si, s := range a.sents {
			g := int32(len(c.artOf) + 1)
			from := len(flat)
			counts := false // whether a word may state a number
			credit := creditFrom(s.text, a.words[si])
			var credits []uint32
			for wi, w := range a.words[si] {
				// A word's term depends on its lower-case form alone, so
				// each form is keyed and stemmed once per story.
				low = appendLower(low[:0], s.text[w.start:w.end])
				form, cached := byForm[string(low)]
				if !cached {
					var ok bool
					key, ok = termKey(key[:0], s.text, w)
					form = noTerm
					if ok {
						form = c.termID(key)
						for len(seen) < len(c.df) {
							seen = append(seen, 0)
						}
					}
					if w.is(wNumber) || numberWordKinds[string(low)] != 0 {
						form |= numberForm
					}
					byForm[string(low)] = form
				}
				counts = counts || form&numberForm != 0
				id := form &^ numberForm
				if id == noTerm || seen[id] == g {
					continue
				}
				seen[id] = g
				c.df[id]++
				flat = append(flat, id)
				if wi >= credit {
					credits = append(credits, id)
				}
			}
			ts := flat[from:len(flat):len(flat)]
			slices.Sort(ts)
			slices.Sort(credits)
			c.artOf = append(c.artOf, int32(ai))
			c.terms = append(c.terms, ts)
			c.credits = append(c.credits, credits)
			var nums []numberRef
			if counts {
				nums = numberRefs(s.text, a.words[si])
				nums = nums[:min(len(nums), maxSentenceFigures)]
			}
			c.numbers = append(c.numbers, nums)
		}
	}
}

// maxSentenceFigures is the most figures read from one sentence. A real
// sentence gives a handful; compareNumbers weighs each figure of a
// sentence against each of every related one, which for a run of
// thousands of figures would take as long as the rest of the story.
const maxSentenceFigures = 100

// A word form maps to its term ID, or to noTerm for a stop word or a lone
// letter, with numberForm set when the form may state a number.
const (
	noTerm     = 1<<31 - 1
	numberForm = 1 << 31
)

// termID returns the ID of the term key, giving it one if it is new.
func (c *comparer) termID(key []byte) uint32 {
	id, known := c.ids[string(key)]
	if !known {
		id = uint32(len(c.df))
		c.ids[string(key)] = id
		c.df = append(c.df, 0)
		c.filler = append(c.filler, fillerWords[string(key)])
		c.digits = append(c.digits, isDigit(key[0]))
	}
	return id
}

// weigh gives every term its weight (its inverse frequency among the
// story's sentences) and decides which sentences are bland: those with
// fewer than two informative words, an informative word being one that is
// neither stock phrasing nor in most of the story's sentences. A figure
// always informs.
func (c *comparer) weigh() {
	n := len(c.terms)
	c.weight = make([]float64, len(c.df))
	for id, df := range c.df {
		w := math.Log(float64(n+1) / float64(df))
		switch {
		case c.filler[id]:
			w *= fillerWeight
		case c.digits[id]:
			w *= numberWeight
		}
		c.weight[id] = w
	}
	c.total = make([]float64, n)
	c.matched = make([]bool, n)
	c.bland = make([]bool, n)
	for g, ts := range c.terms {
		informative := 0
		for _, id := range ts {
			c.total[g] += c.weight[id]
			if c.digits[id] || !c.filler[id] && !(n >= 6 && 2*int(c.df[id]) > n) {
				informative++
			}
		}
		heading := c.sentence(g).heading
		c.bland[g] = !heading && informative < 2 && len(c.numbers[g]) == 0
		c.matched[g] = !heading && !c.bland[g]
	}
}

// inCredit reports whether term id of sentence g is only in its closing
// credit.
func (c *comparer) inCredit(g int32, id uint32) bool {
	cs := c.credits[g]
	if len(cs) == 0 {
		return false
	}
	_, found := slices.BinarySearch(cs, id)
	return found
}

func (c *comparer) sentence(g int) proseSentence {
	a := &c.arts[c.artOf[g]]
	return a.sents[g-a.base]
}

// The matching of one story stops once it has visited maxMatchWork
// entries of its posting lists or kept maxRelatedPairs related pairs of
// sentences (the close pairs are among them). A real story stays well
// inside both: the thousand articles of the ECB+ corpus compared as one
// story visit about 8 million entries and keep under 50,000 pairs. Text
// made to match everywhere (thousands of sentences drawn from a handful of
// words) would otherwise take time and memory that grow with the square
// of its length.
const (
	maxMatchWork    = 20_000_000
	maxRelatedPairs = 250_000
)

// match pairs close sentences of different articles, and the quotations
// that give one remark, through inverted indexes of their terms: each
// sentence looks up the earlier sentences that share a term with it, so
// every pair is weighed once, and pairs sharing no term cost nothing.
// Sentences are taken in rounds, the first of every article, then the
// second, and so on, so that a matching cut short by its limits has
// reached the same sentence of every article.
func (c *comparer) match() {
	sx := c.newSentenceIndex()
	c.quotes = c.newQuoteIndex()
	c.pairs = make([]matchPair, 0, 4*len(c.terms))
	c.related = make([]relatedPair, 0, 4*len(c.terms))
	for _, g := range c.rounds() {
		if c.work >= maxMatchWork || len(c.related) >= maxRelatedPairs {
			break
		}
		a := &c.arts[c.artOf[g]]
		a.compared = int(g) - a.base + 1
		if c.matched[g] {
			c.matchSentence(sx, g)
		}
		c.matchQuotes(c.quotes, g)
	}
	for _, a := range c.arts {
		for g := a.base + a.compared; g < a.base+len(a.sents); g++ {
			c.matched[g] = false
		}
	}
	c.listMatches()
}

// rounds lists the story's sentences in the order match takes them: the
// first sentence of every article, then the second of every article, and
// so on.
func (c *comparer) rounds() []int32 {
	order := make([]int32, 0, len(c.terms))
	for k := 0; len(order) < len(c.terms); k++ {
		for _, a := range c.arts {
			if k < len(a.sents) {
				order = append(order, int32(a.base+k))
			}
		}
	}
	return order
}

// sentenceIndex is the inverted index of the sentences matched so far and
// the scratch space of one lookup.
type sentenceIndex struct {
	post   [][]int32 // by term: the sentences matched so far that have it
	acc    []float64 // by sentence: the weight it shares with the one looked up
	shared []int32   // by sentence: the informative terms it shares with it
	// credit and creditShared are the part of acc and shared that the
	// two sentences have only in their closing credits.
	credit       []float64
	creditShared []int32
	touched      []int32 // the sentences sharing a term with it
}

func (c *comparer) newSentenceIndex() *sentenceIndex {
	n := len(c.terms)
	// Posting lists share one backing array, each sized by its term's
	// frequency; a term of one sentence needs none.
	post := make([][]int32, len(c.df))
	total := 0
	for _, df := range c.df {
		if df > 1 {
			total += int(df)
		}
	}
	backing := make([]int32, total)
	at := 0
	for id, df := range c.df {
		if df > 1 {
			post[id] = backing[at : at : at+int(df)]
			at += int(df)
		}
	}
	return &sentenceIndex{post: post, acc: make([]float64, n), shared: make([]int32, n),
		credit: make([]float64, n), creditShared: make([]int32, n)}
}

// matchSentence pairs sentence g with the close sentences of other
// articles matched before it, and files it in the index.
func (c *comparer) matchSentence(x *sentenceIndex, g int32) {
	for _, id := range c.terms[g] {
		if c.df[id] == 1 {
			continue // no other sentence has it
		}
		w := c.weight[id]
		inCredit := c.inCredit(g, id)
		informative := !c.filler[id]
		c.work += len(x.post[id])
		for _, o := range x.post[id] {
			if c.artOf[o] == c.artOf[g] {
				continue
			}
			if x.acc[o] == 0 && x.shared[o] == 0 {
				x.touched = append(x.touched, o)
			}
			x.acc[o] += w
			if informative {
				x.shared[o]++
			}
			if inCredit && c.inCredit(o, id) {
				x.credit[o] += w
				if informative {
					x.creditShared[o]++
				}
			}
		}
		x.post[id] = append(x.post[id], g)
	}
	// Matches are sorted when the result is built, and the figures of
	// related pairs are joined in any order, so touched needs no sort.
	for _, o := range x.touched {
		if x.shared[o] >= 2 {
			score, share, relate := judgePair(x.acc[o], c.total[g], c.total[o], int(x.shared[o]))
			if cw := x.credit[o]; (share || relate) && cw > 0 {
				// Who said it is not what was said: two sentences that
				// share the speaker of their closing credits, and the
				// story's names, may report two facts. What they say,
				// the speaker left out of both, must be related too; a
				// short remark may share a single word.
				n := int(x.shared[o] - x.creditShared[o])
				_, _, said := judgePair(x.acc[o]-cw, c.total[g]-cw, c.total[o]-cw, max(n, 2))
				said = said && n > 0
				share, relate = share && said, relate && said
			}
			if share {
				c.pairs = append(c.pairs, matchPair{o, g, float32(score)})
			}
			if relate {
				c.related = append(c.related, relatedPair{o, g, share})
				// compareNumbers weighs each figure of one against each of the other.
				c.work += len(c.numbers[o]) * len(c.numbers[g])
			}
		}
		x.acc[o], x.shared[o], x.credit[o], x.creditShared[o] = 0, 0, 0, 0
	}
	x.touched = x.touched[:0]
}

// listMatches files each sentence's matches, both ways, in one backing
// array.
func (c *comparer) listMatches() {
	n := len(c.terms)
	count := make([]int32, n+1)
	for _, p := range c.pairs {
		count[p.a+1]++
		count[p.b+1]++
	}
	for g := range n {
		count[g+1] += count[g]
	}
	flat := make([]pairRef, 2*len(c.pairs))
	c.matches = make([][]pairRef, n)
	for g := range n {
		c.matches[g] = flat[count[g]:count[g]:count[g+1]]
	}
	for _, p := range c.pairs {
		c.matches[p.a] = append(c.matches[p.a], pairRef{p.b, p.score})
		c.matches[p.b] = append(c.matches[p.b], pairRef{p.a, p.score})
	}
}

// judgePair weighs two sentences that share terms of total weight s, out of
// wa and wb, n of them informative. It returns their score and whether they
// are close enough to be shared, or related enough for their figures to be
// compared.
func judgePair(s, wa, wb float64, n int) (score float64, share, relate bool) {
	if n < 2 || wa == 0 || wb == 0 {
		return 0, false, false
	}
	dice := 2 * s / (wa + wb)
	contain := s / math.Min(wa, wb)
	score = math.Min(1, math.Max(dice, contain*shareDice/shareContain))
	share = dice >= shareDice || n >= 3 && (dice >= shareDiceWide || contain >= shareContain)
	relate = share || dice >= relateDice || contain >= relateContain
	return score, share, relate
}

func (c *comparer) result() Comparison {
	out := Comparison{
		Articles:      make([]ArticleComparison, len(c.arts)),
		Quotes:        []StoryQuote{},
		Names:         []StoryName{},
		Numbers:       []StoryNumber{},
		Discrepancies: []Discrepancy{},
	}
	// Every sentence's SharedWith and Matches live in two backing arrays,
	// sized so that appending never moves them.
	ids := make([]int64, 0, 2*len(c.pairs)+1)
	matches := make([]SentenceMatch, 0, 2*len(c.pairs))
	for ai, a := range c.arts {
		ac := ArticleComparison{
			ID: a.in.ID, Source: a.in.Source, Title: a.in.Title, URL: a.in.URL,
			Sentences: make([]Sentence, len(a.sents)),
			Quotes:    []Quote{},
			Names:     []string{},
			Numbers:   []string{},
		}
		for si, s := range a.sents {
			g := a.base + si
			ms := c.matches[g]
			slices.SortFunc(ms, func(x, y pairRef) int {
				if d := cmp.Compare(c.artOf[x.other], c.artOf[y.other]); d != 0 {
					return d
				}
				if d := cmp.Compare(y.score, x.score); d != 0 {
					return d
				}
				return cmp.Compare(x.other, y.other)
			})
			sent := Sentence{
				Text:       s.text,
				Bland:      c.bland[g],
				Heading:    s.heading,
				Uncompared: si >= a.compared,
				Paragraph:  s.para,
			}
			fromID, fromMatch := len(ids), len(matches)
			for k, m := range ms {
				other := &c.arts[c.artOf[m.other]]
				if k == 0 || c.artOf[ms[k-1].other] != c.artOf[m.other] {
					ids = append(ids, other.in.ID)
				}
				matches = append(matches, SentenceMatch{
					Article:  other.in.ID,
					Sentence: int(m.other) - other.base,
					Score:    math.Round(float64(m.score)*1000) / 1000,
				})
			}
			sent.SharedWith = ids[fromID:len(ids):len(ids)]
			if len(ms) > 0 {
				sent.Matches = matches[fromMatch:len(matches):len(matches)]
			}
			sent.Unique = c.matched[g] && len(sent.SharedWith) == 0
			ac.Sentences[si] = sent
		}
		out.Articles[ai] = ac
	}
	c.compareQuotes(&out)
	c.compareNames(&out)
	c.compareNumbers(&out)
	return out
}

// compareNames lists each article's names and the story's, one entry per
// bearer however each outlet writes it.
func (c *comparer) compareNames(out *Comparison) {
	refs := spotNames(c.arts)
	ents := groupNames(refs, len(c.arts))
	type first struct{ ref, ent int }
	firsts := make([][]first, len(c.arts)) // by article: where it first names each bearer
	for ei, e := range ents {
		sn := StoryName{Name: e.shown}
		for _, ai := range e.arts {
			best, at := "", -1
			for _, i := range e.refs {
				r := refs[i]
				if r.art != ai {
					continue
				}
				if at < 0 {
					at = i
				}
				if betterName(r.shown, best) {
					best = r.shown
				}
			}
			id := c.arts[ai].in.ID
			sn.Articles = append(sn.Articles, id)
			sn.Mentions = append(sn.Mentions, NameMention{Article: id, Text: best})
			firsts[ai] = append(firsts[ai], first{at, ei})
		}
		out.Names = append(out.Names, sn)
	}
	for ai, fs := range firsts {
		slices.SortFunc(fs, func(x, y first) int { return cmp.Compare(x.ref, y.ref) })
		for _, f := range fs {
			for _, m := range out.Names[f.ent].Mentions {
				if m.Article == c.arts[ai].in.ID {
					out.Articles[ai].Names = append(out.Articles[ai].Names, m.Text)
					break
				}
			}
		}
	}
}
