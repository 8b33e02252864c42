package story

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// mention is one name as a text writes it: a run of words, first to last.
type mention struct {
	first, last int32
}

// connectors may sit inside a name ("Bank of England", "Charles de Gaulle")
// but never start or end one.
var connectors = setOf("of de la le van von der den al el bin da du del des dos di")

// weekdays are the names of the days of the week, whole and cut short.
const weekdays = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"

// notNames are words that are capitalised for reasons other than naming:
// honorifics, calendar words and the units and zones of time of
// datelines. May is left out: it is a name too, and a word a sentence
// opens with.
var notNames = func() map[string]bool {
	m := withZones(setOf(`mr mrs ms dr am pm hrs hr min tv ` + weekdays))
	for month := range monthNumbers {
		if month != "may" {
			m[month] = true
		}
	}
	return m
}()

// nameSpotter finds names: runs of capitalised words and acronyms. A word
// capitalised only because it opens a sentence, sits in a title-case
// headline or shouts in capitals counts only when the same text also
// capitalises it where nothing else would ("Lohan" mid-sentence). Standing
// alone, it must have been confirmed as the last word of a name: English
// names end in the word that names the bearer on its own ("Lindsay Lohan",
// then "Lohan"), while their first words are often plain words ("Rail
// Workers Union" does not make "Rail workers walked out" name "Rail").
type nameSpotter struct {
	buf       []byte
	confirmed map[uint64]bool
	heads     map[uint64]bool // the confirmed words seen last in a name
	// The marks of every text's words, one text after another, made once
	// for both passes: shouted (see shouting) and in a headline (see
	// headlineLines); shout and titled are those of the text being read.
	shoutMarks, titledMarks []bool
	shout, titled           []bool
	// known, when set, vouches for words that the texts themselves leave
	// unconfirmed: names seen elsewhere. It is given the word in lower
	// case and that form's hashBytes.
	known func(key []byte, h uint64) bool
	// plain, when set, reports the words seen elsewhere in lower case,
	// so ordinary words: a word of a title-case line that never was is
	// taken for a name (see namey).
	plain func(key []byte, h uint64) bool
	// guess is whether the text being read is in title case and names
	// nothing known, so that namey takes for names its words that plain
	// does not vouch for (see guesses).
	guess bool
	// longest is the most words of one name, defaultNameWords when zero.
	longest int
}

// defaultNameWords is the most words of a name the grouper spots: names
// longer than that are organisations whose first words already tell
// them apart, and a run of capitals that long is more often a title-case
// line the spotter did not recognise.
const defaultNameWords = 6

// text is one part of an article (a headline, a body) with its words. The
// parts a spotter reads together share what they confirm.
type text struct {
	s         string
	words     []word
	titleCase bool
}

// spot appends the mentions of each text to out[i].
func (n *nameSpotter) spot(texts []text, out [][]mention) {
	n.confirmed, n.heads = emptied(n.confirmed), emptied(n.heads)
	n.shoutMarks, n.titledMarks = n.shoutMarks[:0], n.titledMarks[:0]
	for _, t := range texts {
		n.shoutMarks = shouting(n.shoutMarks, t)
		n.titledMarks = headlineLines(n.titledMarks, t)
	}
	at := 0
	for _, t := range texts {
		n.marksOf(t, &at)
		for i, w := range t.words {
			if !w.is(wCap) || w.is(wNumber) || n.shout[i] {
				continue
			}
			if (w.is(wSentence) || n.titled[i]) && !w.is(wUpper) {
				continue
			}
			if h, _, ok := n.nameKey(t.s, w); ok {
				n.confirmed[h] = true
				if !n.continues(t, i) {
					n.heads[h] = true
				}
			}
		}
	}
	longest := cmp.Or(n.longest, defaultNameWords)
	at = 0
	for ti, t := range texts {
		n.marksOf(t, &at)
		n.guess = n.guesses(t)
		for i := 0; i < len(t.words); i++ {
			if !n.namey(t, i) {
				continue
			}
			j := i
			for j+1 < len(t.words) && j-i+1 < longest {
				next := t.words[j+1]
				if !next.is(wJoined) {
					break
				}
				if n.namey(t, j+1) {
					j++
					continue
				}
				// A connector joins two capitalised words: "Bank of England".
				if j+2 < len(t.words) && t.words[j+2].is(wJoined) && n.isConnector(t.s, next) && n.namey(t, j+2) {
					j += 2
					continue
				}
				break
			}
			out[ti] = append(out[ti], mention{int32(i), int32(j)})
			i = j
		}
	}
}

// guesses reports whether namey should guess at the names of t: it has
// words in title case, and none of them is a name by what the texts and
// the library know. A title-case headline that names one name the
// library knows is read by it; guessing there as well would take its
// ordinary words not yet seen in lower case for names beside it.
func (n *nameSpotter) guesses(t text) bool {
	n.guess = false // what namey says below must be what is known
	if n.plain == nil || !slices.Contains(n.titled, true) {
		return false
	}
	for i := range t.words {
		if n.titled[i] && n.namey(t, i) {
			return false
		}
	}
	return true
}

// marksOf makes n.shout and n.titled the marks of t, whose words start at
// *at among the marks of all texts, and moves *at past them.
func (n *nameSpotter) marksOf(t text, at *int) {
	end := *at + len(t.words)
	n.shout, n.titled = n.shoutMarks[*at:end], n.titledMarks[*at:end]
	*at = end
}

// emptied returns set emptied for reuse, or a new set in place of one an
// outsized text grew large: clearing a map takes as long as the room it
// has grown, and the texts after it are mostly small.
func emptied(set map[uint64]bool) map[uint64]bool {
	if set == nil || len(set) > 256 {
		return map[uint64]bool{}
	}
	clear(set)
	return set
}

// namey reports whether word i of t can be part of a name; n.shout and
// n.titled must hold the marks of t.
func (n *nameSpotter) namey(t text, i int) bool {
	w := t.words[i]
	if !w.is(wCap) || w.is(wNumber) {
		return false
	}
	h, flags, ok := n.nameKey(t.s, w)
	if !ok {
		return false
	}
	if n.shout[i] || !w.is(wUpper) && (n.titled[i] || w.is(wSentence)) {
		confirmed := n.heads
		if n.continues(t, i) {
			confirmed = n.confirmed
		}
		// A country, or its people's word for it, is a name wherever
		// it is capitalised.
		place := flags&(flagCountry|flagDemonym) != 0
		if confirmed[h] || place || n.known != nil && n.known(n.buf, h) {
			return true
		}
		// Title case capitalises every word, so a word of it is a name
		// when nothing shows it to be an ordinary one: otherwise a
		// story whose outlets all set their headlines so would have no
		// names at all.
		return n.guess && n.titled[i] && flags&flagNumber == 0 && !n.plain(n.buf, h)
	}
	return true
}

// continues reports whether word i of t may run on into a longer name: a
// capitalised word, or a connector and one, follows it.
func (n *nameSpotter) continues(t text, i int) bool {
	capital := func(k int) bool {
		return k < len(t.words) && t.words[k].is(wJoined) && t.words[k].is(wCap) && !t.words[k].is(wNumber)
	}
	return capital(i+1) || i+2 < len(t.words) && t.words[i+1].is(wJoined) && capital(i+2) && n.isConnector(t.s, t.words[i+1])
}

// shouting appends to out a mark for each word of t, set for the words in
// runs of three or more in capitals within a sentence, a shouted headline
// rather than a row of acronyms, and the one or two in capitals that open
// t before a colon: a kicker ("EXCLUSIVE:", "BREAKING NEWS:") rather than
// a name, unless t names it elsewhere, as "NASA: ..." goes on to name NASA.
func shouting(out []bool, t text) []bool {
	ws := t.words
	for range ws {
		out = append(out, false)
	}
	mark := out[len(out)-len(ws):]
	k := 0
	for k < len(ws) && k < 2 && ws[k].is(wUpper) && !ws[k].is(wDotted) && (k == 0 || ws[k].is(wJoined)) {
		if e := ws[k].end; int(e) < len(t.s) && t.s[e] == ':' {
			for i := range k + 1 {
				mark[i] = true
			}
			break
		}
		k++
	}
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && ws[j].is(wUpper) && !ws[j].is(wDotted) && (j == i || !ws[j].is(wSentence)) {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				mark[k] = true
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return out
}

// minHeadlineWords is the fewest words of a line that is a headline in
// title case whatever it holds: a shorter one is as often a name set on
// its own, as a caption or a signature ("Vincent L. Gigante"), unless a
// function word in it is capitalised ("What Happens Next").
const minHeadlineWords = 4

// headlineLines appends to out a mark for each word of t, set for those
// whose capitals say nothing about names: all of them when t is a headline
// in title case, and those of each line of t that reads like one, ending
// without a full stop and capitalising every content word. A page's text
// often repeats its headline or sets subheadings as paragraphs of their
// own ("Tara Reid Finally Checks Into Rehab For Undisclosed Reasons").
func headlineLines(out []bool, t text) []bool {
	ws := t.words
	for range ws {
		out = append(out, t.titleCase)
	}
	if t.titleCase {
		return out
	}
	mark := out[len(out)-len(ws):]
	first := 0
	for first < len(ws) {
		end := strings.IndexByte(t.s[ws[first].start:], '\n')
		if end < 0 {
			end = len(t.s)
		} else {
			end += int(ws[first].start)
		}
		last := first
		for last < len(ws) && int(ws[last].end) <= end {
			last++
		}
		line := ws[first:last]
		if !endsWithStop(strings.TrimSpace(t.s[ws[first].start:end])) && isTitleCase(t.s, line) &&
			(len(line) >= minHeadlineWords || capitalisesStopWord(t.s, line)) {
			for i := first; i < last; i++ {
				mark[i] = true
			}
		}
		first = max(last, first+1)
	}
	return out
}

// capitalisesStopWord reports whether one of the words ws of s is a
// function word written with a capital.
func capitalisesStopWord(s string, ws []word) bool {
	var buf [32]byte
	for _, w := range ws {
		if w.is(wCap) && w.end-w.start < int32(len(buf)) && stopWords[string(appendLower(buf[:0], s[w.start:w.end]))] {
			return true
		}
	}
	return false
}

// nameKey puts the lower-case form of a capitalised word in n.buf and
// returns its hash and its flags in common, or false when the word is a
// function word, an honorific or a calendar word (an acronym that is also
// a function word, such as US, stays).
func (n *nameSpotter) nameKey(s string, w word) (uint64, uint8, bool) {
	n.buf = appendLower(n.buf[:0], s[w.start:w.end])
	h := hashBytes(n.buf)
	flags, _ := common.get(h)
	if flags&flagNotName != 0 || flags&flagStop != 0 && !(w.is(wUpper) && len(n.buf) > 1) {
		return 0, 0, false
	}
	return h, flags, true
}

// isConnector reports whether w, in lower case, may join two parts of a
// name.
func (n *nameSpotter) isConnector(s string, w word) bool {
	if w.is(wCap) || w.end-w.start > 3 {
		return false
	}
	// Not n.buf: that holds the key of the word being spotted.
	var buf [8]byte
	flags, _ := common.get(hashBytes(appendLower(buf[:0], s[w.start:w.end])))
	return flags&flagConnector != 0
}

// isTitleCase reports whether a headline capitalises every content word,
// in which case its capitals say nothing about names. The part after the
// hyphen of a compound counts for nothing: styles of title case differ on
// it ("Shoots Co-workers", "Self-Driving Cars").
func isTitleCase(s string, ws []word) bool {
	caps := 0
	var buf [32]byte
	for _, w := range ws {
		if w.is(wNumber) || w.end-w.start > 24 || w.start > 0 && s[w.start-1] == '-' {
			continue
		}
		if w.is(wCap) {
			caps++
			continue
		}
		if !stopWords[string(appendLower(buf[:0], s[w.start:w.end]))] {
			return false
		}
	}
	return caps >= 2
}

// names returns the names a text mentions (people, places, organisations,
// acronyms) as written, each once, in order of first mention.
func names(s string) []string {
	t := text{s: s, words: appendWords(nil, s)}
	out := make([][]mention, 1)
	var sp nameSpotter
	sp.spot([]text{t}, out)
	var res []string
	seen := map[string]bool{}
	var buf []byte
	for _, m := range out[0] {
		shown := s[t.words[m.first].start:t.words[m.last].end]
		buf = appendLower(buf[:0], shown)
		if !seen[string(buf)] {
			seen[string(buf)] = true
			res = append(res, shown)
		}
	}
	return res
}

// headlineNews is the part of a headline that tells the news: without the
// slug a wire service opens it with ("UPDATE 2-"), the label of the kind
// of piece that opens it ("Opinion:", "Live updates |") and the tags in
// brackets at either end ("(VIDEO)", "[PHOTOS]", "(NYSE:TSL)"), which say
// how the news is filed or shown and which headlines of any news share.
func headlineNews(title string) string {
	title = title[wireSlug(title):]
	title = title[kicker(title):]
	for {
		t := strings.TrimSpace(title)
		if n := len(t); n > 0 && (t[n-1] == ')' || t[n-1] == ']') {
			open := strings.LastIndexByte(t, partner(t[n-1]))
			if open > 0 && isTag(t[open+1:n-1]) {
				title = t[:open]
				continue
			}
		}
		if t != "" && (t[0] == '(' || t[0] == '[') {
			if end := strings.IndexByte(t, partner(t[0])); end > 0 && end < len(t)-1 && isTag(t[1:end]) {
				title = t[end+1:]
				continue
			}
		}
		return t
	}
}

// kickers are the words of the labels an outlet sets before a headline to
// say what kind of piece it is.
var kickers = setOf(`opinion analysis review explainer explained watch video videos photos pictures
gallery live updates update breaking news exclusive editorial commentary comment interview podcast
factbox timeline listen column perspective recap preview`)

// maxKickerWords is the most words of a kicker ("Live updates").
const maxKickerWords = 2

// kicker returns the length of the label of the kind of piece that opens
// title, with the mark after it and the spaces after that: one or two of
// the kickers before a colon or a bar ("Opinion | ..."), with news after
// it. It is 0 when there is none.
func kicker(title string) int {
	mark := strings.IndexAny(title, ":|")
	if mark <= 0 {
		return 0
	}
	words := strings.Fields(title[:mark])
	if len(words) == 0 || len(words) > maxKickerWords || strings.TrimSpace(title[mark+1:]) == "" {
		return 0
	}
	for _, w := range words {
		if !kickers[strings.ToLower(w)] {
			return 0
		}
	}
	return len(title) - len(strings.TrimLeft(title[mark+1:], " "))
}

// maxTagWords is the most words of a tag in brackets; a longer aside is
// part of the headline ("(and what it means for rates)").
const maxTagWords = 3

// brackets are the pairs of brackets a tag is set in, each opening
// before its closing.
const brackets = "()[]"

// isTag reports whether s, the text between a pair of brackets, is a tag:
// a few words, with no brackets of their own.
func isTag(s string) bool {
	return strings.TrimSpace(s) != "" && len(strings.Fields(s)) <= maxTagWords && !strings.ContainsAny(s, brackets)
}

// partner is the other bracket of the pair that b, one of brackets, is in.
func partner(b byte) byte { return brackets[strings.IndexByte(brackets, b)^1] }

// minSlugLetters is the fewest letters of a one-word slug: shorter words
// in capitals before a hyphen are acronyms in a compound ("US-China",
// "NATO-Russia").
const minSlugLetters = 5

// wireSlug is the length of the slug that opens a wire service's headline
// ("UPDATE 2-", "RPT-UPDATE 1-", "GLOBAL MARKETS-", "EXCLUSIVE-"): words
// in capitals and numbers joined to the headline by a hyphen, which say
// how the copy was filed, not what happened, and which every headline
// filed the same way shares. A one-word slug needs minSlugLetters; a
// shouted headline ("SAN DIEGO-BASED FIRM ...") has none, since the
// headline after a slug is in lower case.
func wireSlug(title string) int {
	end, words, longest := 0, 0, 0
	for i := 0; i < len(title); {
		// A word in capitals, or a number after one.
		j := i
		for j < len(title) && 'A' <= title[j] && title[j] <= 'Z' {
			j++
		}
		if j > i {
			longest = max(longest, j-i)
		} else if words > 0 {
			for j < len(title) && isDigit(title[j]) {
				j++
			}
		}
		if j == i {
			break
		}
		words++
		if j+1 >= len(title) || title[j] != ' ' && title[j] != '-' {
			break
		}
		if title[j] == '-' && 'A' <= title[j+1] && title[j+1] <= 'Z' && (words > 1 || longest >= minSlugLetters) {
			end = j + 1
		}
		i = j + 1
	}
	if end == 0 || strings.IndexFunc(title[end:], unicode.IsLower) < 0 {
		return 0
	}
	return end
}
