package story

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameRef is one mention of a name in a compared article.
type nameRef struct {
	art   int
	head  bool   // in a headline or a heading, where a surname may stand first
	shown string // as written, with a title or honorific before it kept
	core  string // lower-case words that identify the bearer, titles left out
	// bare is core without the word that opens its sentence, when that
	// word may be an ordinary one capitalised by its place ("Singer Noor
	// Adeyemi") and the two words or more after it are a name; else empty.
	bare string
}

// personRoles are the titles that stand before a person's name ("Foreign
// Minister Ilse Varga"): the name proper starts after the last of them.
var personRoles = setOf(`secretary minister president senator governor mayor chancellor premier
ambassador spokesman spokeswoman spokesperson chairman chairwoman chair director commissioner judge
justice admiral colonel captain lieutenant sergeant commander king queen prince princess pope bishop
archbishop professor sheriff attorney representative congressman congresswoman councillor councilor
envoy inspector superintendent detective officer coach manager`)

// roleModifiers qualify a role ("Defense Secretary", "Deputy Prime
// Minister") and are kept with it when a sentence opens with them.
var roleModifiers = setOf(`defense defence foreign interior finance prime vice deputy state home
health justice transport trade economy energy education environment fisheries agriculture labor
labour treasury police army navy opposition former acting chief senior head general assistant
interim`)

// sentenceOpeners are capitalised words that open a sentence just before
// a name without being part of it: "Unlike Ellison's rivals". The
// function words that do so ("Despite", "Amid") are stop words.
var sentenceOpeners = setOf(`unlike including besides following meanwhile instead asked speaking
thanks given unless whereas regarding concerning dear hello`)

// courtesyTitles are written with a dot before a name: "Ms. Ellison", "Sen. Pike".
var courtesyTitles = setOf("mr mrs ms dr sen gov rep gen prof lt col capt sgt rev pres adm cmdr maj")

// spotNames finds the names of every headline and compared sentence of
// every article: an outlet that names a place only in its headline still
// names it. Names are confirmed across the whole story, so a word that one
// outlet capitalises mid-sentence counts as a name where another opens a
// sentence with it.
func spotNames(arts []cmpArticle) []nameRef {
	n := len(arts)
	for _, a := range arts {
		n += len(a.sents)
	}
	texts := make([]text, 0, n)
	from := make([]int, 0, n)   // the article of each text
	heads := make([]bool, 0, n) // whether each text is a headline or heading
	for ai, a := range arts {
		title := headlineNews(a.in.Title)
		t := text{s: title, words: appendWords(nil, title)}
		t.titleCase = isTitleCase(t.s, t.words)
		texts = append(texts, t)
		from, heads = append(from, ai), append(heads, true)
		for si, s := range a.sents[:a.compared] {
			t := text{s: s.text, words: a.words[si]}
			if s.heading {
				t.titleCase = isTitleCase(t.s, t.words)
			}
			texts = append(texts, t)
			from, heads = append(from, ai), append(heads, s.heading)
		}
	}
	out := make([][]mention, len(texts))
	sp := nameSpotter{longest: maxNameWords}
	sp.spot(texts, out)
	refineMentions(texts, out)
	refs := make([]nameRef, 0, n)
	var buf []byte
	for ti, ms := range out {
		t := texts[ti]
		credit, _, credited := wireCredit(t.s)
		for _, m := range ms {
			first, last := int(m.first), int(m.last)
			if credited && int(t.words[first].start) >= credit[0] && int(t.words[last].end) <= credit[1] {
				continue
			}
			// Keep a role word the spotter passed over at a sentence start.
			for first > 0 && t.words[first].is(wJoined) {
				p := t.words[first-1]
				buf = appendLower(buf[:0], t.s[p.start:p.end])
				if !p.is(wCap) || !personRoles[string(buf)] && !roleModifiers[string(buf)] {
					break
				}
				first--
			}
			// A capitalised word opening the sentence right before a name
			// is mostly part of it: "Anna Berg", "Tarsovan Foreign Minister".
			opened := false
			if first > 0 && t.words[first].is(wJoined) {
				p := t.words[first-1]
				buf = appendLower(buf[:0], t.s[p.start:p.end])
				if p.is(wSentence) && p.is(wCap) && !p.is(wNumber) && !stopWords[string(buf)] &&
					!sentenceOpeners[string(buf)] && !courtesyTitles[string(buf)] && !notNames[string(buf)] {
					first--
					opened = true
				}
			}
			start := int(t.words[first].start)
			if first > 0 {
				p := t.words[first-1]
				buf = appendLower(buf[:0], t.s[p.start:p.end])
				if courtesyTitles[string(buf)] && p.is(wCap) && strings.TrimSpace(t.s[p.end:start]) == "." {
					start = int(p.start)
				}
			}
			if onlyRole(t, first, last) {
				continue
			}
			ref := nameRef{art: from[ti], head: heads[ti], shown: t.s[start:t.words[last].end]}
			coreFrom := first
			for k := first; k < last; k++ {
				buf = appendLower(buf[:0], t.s[t.words[k].start:t.words[k].end])
				if personRoles[string(buf)] {
					coreFrom = k + 1
				}
			}
			// "Secretary of State Mara Ellison": the role runs on through
			// "of State"; "Governor of Qeshm" is a role of a place, named
			// whole.
			if coreFrom > first && coreFrom < last {
				buf = appendLower(buf[:0], t.s[t.words[coreFrom].start:t.words[coreFrom].end])
				switch {
				case !connectors[string(buf)]:
				case coreFrom+1 < last:
					coreFrom += 2
				default:
					coreFrom = first
				}
			}
			buf = buf[:0]
			for k := coreFrom; k <= last; k++ {
				if k > coreFrom {
					buf = append(buf, ' ')
				}
				buf = appendLower(buf, t.s[t.words[k].start:t.words[k].end])
			}
			ref.core = string(buf)
			if opened && coreFrom == first && last-first >= 2 {
				ref.bare = ref.core[strings.IndexByte(ref.core, ' ')+1:]
			}
			refs = append(refs, ref)
		}
	}
	return withPlacesOfRoles(refs)
}

// onlyRole reports whether words first to last of t are a role and no
// more: a title, the words that qualify it and the people it serves ("the
// Foreign Minister", "Greek Prime Minister"). A role names no one: its
// bearer is who the outlet names, if it does, and an outlet that writes
// the role alone has not named someone the others leave out.
func onlyRole(t text, first, last int) bool {
	var buf [32]byte
	role := false
	for k := first; k <= last; k++ {
		w := t.words[k]
		if w.end-w.start > int32(len(buf)) {
			return false
		}
		low := appendLower(buf[:0], t.s[w.start:w.end])
		flags, _ := common.get(hashBytes(low))
		switch {
		case personRoles[string(low)]:
			role = true
		case roleModifiers[string(low)] || flags&flagDemonym != 0:
		default:
			return false
		}
	}
	return role
}

// withPlacesOfRoles adds after each role of a place ("King Abdullah of
// Jordan", "Governor of Orlo") a mention of the place by the same
// article, where the story names the place alone too. The role's bearer
// is another than the place, and stays another name; but an outlet that
// writes "King Abdullah of Jordan" has named Jordan, and must not be
// shown as leaving out what another writes as "Jordan".
func withPlacesOfRoles(refs []nameRef) []nameRef {
	var alone map[string]bool
	var out []nameRef
	copied := 0 // refs[:copied] are in out
	for i, r := range refs {
		place, core := placeOfRole(r)
		if core == "" {
			continue
		}
		if alone == nil {
			alone = make(map[string]bool, len(refs))
			for _, o := range refs {
				alone[o.core] = true
			}
		}
		if !alone[core] {
			continue
		}
		out = append(out, refs[copied:i+1]...)
		out = append(out, nameRef{art: r.art, head: r.head, shown: place, core: core})
		copied = i + 1
	}
	if out == nil {
		return refs
	}
	return append(out, refs[copied:]...)
}

// placeOfRole returns the place of r, as written and as its core, when r
// is a role of a place: a title, after any word that qualifies it, then
// "of" and the place, with nothing before the "of" but names ("Prime
// Minister of Tarsova", "King Abdullah of Jordan"). Else both are empty.
func placeOfRole(r nameRef) (place, core string) {
	at := strings.LastIndex(r.core, " of ")
	shownAt := strings.LastIndex(r.shown, " of ")
	if at < 0 || shownAt < 0 {
		return "", ""
	}
	opener, _, _ := strings.Cut(r.shown, " ")
	opener = strings.ToLower(opener)
	if !personRoles[opener] && !roleModifiers[opener] {
		return "", ""
	}
	return r.shown[shownAt+len(" of "):], r.core[at+len(" of "):]
}

// maxNameWords is the most words of one name in the compare's lists,
// which show names whole: the longest names of organisations run to a
// dozen ("Fundamentalist Church of Jesus Christ of Latter Day Saints",
// "United Nations Mine Action Coordination Center of South Sudan").
const maxNameWords = 12

// refineMentions mends what the spotter's runs of capitals make of names
// that the compare lists whole, across the texts of one story:
//   - a name the spotter cut short runs on, up to maxNameWords;
//   - a middle initial does not end a name: "Kenneth J. Montgomery"; but
//     a letter that ends a sentence is no initial: "Cell Block G. Orlo
//     experienced..." (see givenNameBefore);
//   - "New" before a name belongs to it: "the New York Times";
//   - a person and the place or body after "of" are two names when the
//     story names the person alone too ("Ka'loni Flynn of Fort Smith",
//     where it also writes "Ka'loni Flynn" or "Flynn"), and never writes
//     the last word before "of" in lower case, as it does the "church"
//     of "Trinity United Church of Christ", nor before "of" in a name
//     after "the", as in "the University of Alabama";
//   - words in capitals that the story writes in lower case elsewhere
//     shout ("AN EARTHQUAKE killed...", "GUILTY"): no name, unless the
//     story also names them in ordinary case ("UNITED STATES").
func refineMentions(texts []text, out [][]mention) {
	var buf []byte
	low := func(t text, k int32) []byte {
		buf = appendLower(buf[:0], t.s[t.words[k].start:t.words[k].end])
		return buf
	}
	surnames := lastWordsOfNames(texts, out)
	for ti, t := range texts {
		ms := out[ti]
		kept := ms[:0]
		for i := 0; i < len(ms); i++ {
			m := ms[i]
			for {
				// A middle initial: "J." before a capitalised word.
				l := m.last
				if w := t.words[l]; l+1 < int32(len(t.words)) && w.end-w.start == 1 && w.is(wCap) &&
					strings.HasPrefix(t.s[w.end:], ". ") && t.words[l+1].start == w.end+2 &&
					t.words[l+1].is(wCap) && !t.words[l+1].is(wNumber) && l+1-m.first < maxNameWords &&
					!stopWords[string(low(t, l+1))] && !notNames[string(buf)] &&
					(givenNameBefore(t, m.first, l) || surnames[hashBytes(buf)]) {
					m.last = l + 1
				}
				// A run the spotter cut short, or the name after an initial.
				if i+1 < len(ms) && ms[i+1].first == m.last+1 && t.words[ms[i+1].first].is(wJoined) &&
					ms[i+1].last-m.first < maxNameWords {
					m.last = ms[i+1].last
					i++
					continue
				}
				if i+1 < len(ms) && ms[i+1].first == m.last && ms[i+1].last-m.first < maxNameWords {
					m.last = ms[i+1].last // the word after an initial was a name's first
					i++
					continue
				}
				break
			}
			// "New", a word too common in news to be spotted, before a name.
			if m.first > 0 && t.words[m.first].is(wJoined) {
				p := t.words[m.first-1]
				if p.is(wCap) && !p.is(wUpper) && string(low(t, m.first-1)) == "new" {
					m.first--
				}
			}
			kept = append(kept, m)
		}
		out[ti] = kept
	}

	// What the story writes: every name as a whole (by the hash of its
	// words in lower case), and which of the words of names in capitals,
	// or before "of", it writes in lower case.
	span := func(t text, first, last int32) uint64 {
		buf = buf[:0]
		for k := first; k <= last; k++ {
			if k > first {
				buf = append(buf, ' ')
			}
			buf = appendLower(buf, t.s[t.words[k].start:t.words[k].end])
		}
		return hashBytes(buf)
	}
	ofAt := func(t text, m mention) int32 { // the first "of" inside m after two words, or -1
		for k := m.first + 2; k < m.last; k++ {
			if string(low(t, k)) == "of" {
				return k
			}
		}
		return -1
	}
	// lowered holds, by word in lower case, whether the story writes it
	// in lower case: the long words of names in capitals, and the word
	// before an "of" inside a name.
	var lowered map[string]bool
	for ti, t := range texts {
		for _, m := range out[ti] {
			if allCapitals(t, m) {
				for k := m.first; k <= m.last; k++ {
					if t.words[k].end-t.words[k].start >= 4 {
						if lowered == nil {
							lowered = map[string]bool{}
						}
						lowered[string(low(t, k))] = false
					}
				}
			}
			if k := ofAt(t, m); k >= 0 {
				if lowered == nil {
					lowered = map[string]bool{}
				}
				lowered[string(low(t, k-1))] = false
			}
		}
	}
	if len(lowered) == 0 {
		return
	}
	// Most words of a story are none of these: their length, and their
	// first letter, tell so before they are looked up.
	var lengths uint32
	var firsts [4]uint64
	for w := range lowered {
		if len(w) < 32 {
			lengths |= 1 << len(w)
		}
		firsts[w[0]>>6] |= 1 << (w[0] & 63)
	}
	for _, t := range texts {
		for k, w := range t.words {
			n := w.end - w.start
			if w.is(wCap) || n < 4 || n > 24 || lengths&(1<<n) == 0 {
				continue
			}
			if c := t.s[w.start]; firsts[c>>6]&(1<<(c&63)) == 0 {
				continue
			}
			if _, ok := lowered[string(low(t, int32(k)))]; ok {
				lowered[string(buf)] = true
			}
		}
	}
	alone := map[uint64]bool{}    // names as a whole
	ordinary := map[uint64]bool{} // names written in ordinary case
	bodies := map[uint64]bool{}   // words before "of" in names written after "the"
	for ti, t := range texts {
		for _, m := range out[ti] {
			h := span(t, m.first, m.last)
			alone[h] = true
			if !allCapitals(t, m) {
				ordinary[h] = true
			}
			if m.first > 0 && string(low(t, m.first-1)) == "the" {
				for k := m.first + 1; k < m.last; k++ {
					if string(low(t, k)) == "of" {
						bodies[hashBytes(low(t, k-1))] = true
					}
				}
			}
		}
	}

	for ti, t := range texts {
		ms := out[ti]
		var kept []mention
		for i, m := range ms {
			drop := false
			if allCapitals(t, m) && !ordinary[span(t, m.first, m.last)] {
				long, inLower := 0, 0
				for k := m.first; k <= m.last; k++ {
					if t.words[k].end-t.words[k].start >= 4 {
						long++
						if lowered[string(low(t, k))] {
							inLower++
						}
					}
				}
				drop = long > 0 && inLower == long
			}
			// A person of a place: split at "of" when the story names
			// the person alone. A name of the form "X of Y" written after
			// "the" is a body or a place, never a person, and the word
			// before its "of" heads bodies and places elsewhere too:
			// "the University of Alabama" keeps "Xavier University of
			// Louisiana" whole, "the United States of America" keeps
			// itself whole.
			var split []mention
			if k := ofAt(t, m); !drop && k >= 0 {
				head := low(t, k-1)
				h := hashBytes(head)
				if !lowered[string(head)] && !bodies[h] && (alone[h] || alone[span(t, m.first, k-1)]) {
					split = []mention{{m.first, k - 1}, {k + 1, m.last}}
				}
			}
			if (drop || split != nil) && kept == nil {
				kept = append(make([]mention, 0, len(ms)+1), ms[:i]...)
			}
			switch {
			case drop:
			case split != nil:
				kept = append(kept, split...)
			case kept != nil:
				kept = append(kept, m)
			}
		}
		if kept != nil {
			out[ti] = kept
		}
	}
}

// lastWordsOfNames returns the hashes of the last words, in lower case,
// of the story's names of two words or more: the surnames it writes
// after a first name ("Jumaane Williams", "Ben Bradlee"), which tell an
// initial before them ("Jumaane D. Williams") from a letter that ends a
// sentence ("Cell Block G. Dubai experienced...").
func lastWordsOfNames(texts []text, out [][]mention) map[uint64]bool {
	last := map[uint64]bool{}
	var buf []byte
	for ti, t := range texts {
		for _, m := range out[ti] {
			if m.last > m.first {
				w := t.words[m.last]
				buf = appendLower(buf[:0], t.s[w.start:w.end])
				last[hashBytes(buf)] = true
			}
		}
	}
	return last
}

// givenNameBefore reports whether the words first to l-1 before the lone
// capital at word l read as the given name an initial follows: no more
// than one word of two letters or more after any title ("Kenneth J.",
// "Judge Philip H.", "A. J."). A letter after a longer run ends a name
// such as "Cell Block G", and maybe a sentence, unless the word after it
// is a surname (see lastWordsOfNames).
func givenNameBefore(t text, first, l int32) bool {
	var arr [16]byte
	words := 0
	for k := first; k < l; k++ {
		w := t.words[k]
		if w.end-w.start > int32(len(arr)) {
			words++
			continue
		}
		low := appendLower(arr[:0], t.s[w.start:w.end])
		switch {
		case personRoles[string(low)]:
			words = 0
		case w.end-w.start > 1:
			words++
		}
	}
	return words <= 1
}

// allCapitals reports whether every word of m that has two letters or
// more is written in capitals, and one has.
func allCapitals(t text, m mention) bool {
	some := false
	for k := m.first; k <= m.last; k++ {
		w := t.words[k]
		if w.end-w.start < 2 {
			continue
		}
		if !w.is(wUpper) || w.is(wDotted) {
			return false
		}
		some = true
	}
	return some
}

// wireCredit finds the credit of a wire dateline opening s, as in "LISBON
// (Reuters) — Dock workers…" or "KYIV, Ukraine, May 3 (AP) - The…": the
// outlet that filed the report, in brackets between a place written in
// capitals and a dash. It returns the credit's span of bytes within the
// brackets and where the report proper begins, or ok false when s opens
// with no such dateline.
func wireCredit(s string) (credit [2]int, body int, ok bool) {
	open := strings.IndexByte(s, '(')
	if open < 0 || utf8.RuneCountInString(s[:open]) > 48 || !inCapitals(s[:strings.IndexAny(s+" ", " ,")]) {
		return credit, 0, false
	}
	shut := strings.IndexByte(s[open:], ')')
	if shut < 0 || shut > 40 || strings.IndexByte(s[open+1:open+shut], '(') >= 0 {
		return credit, 0, false
	}
	rest := strings.TrimLeft(s[open+shut+1:], " \u00a0")
	for _, dash := range []string{"—", "–", "-"} {
		if after, found := strings.CutPrefix(rest, dash); found {
			return [2]int{open + 1, open + shut}, len(s) - len(after), true
		}
	}
	return credit, 0, false
}

// inCapitals reports whether w has two letters or more and no lower-case one.
func inCapitals(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2
}

// opensAt marks the first of words that starts at or after the byte
// offset at as opening a sentence: the report after a dateline begins
// there, and its first word is capitalised for that alone.
func opensAt(words []word, at int) {
	for i := range words {
		if int(words[i].start) >= at {
			words[i].flags |= wSentence
			return
		}
	}
}

// nameEntity is one bearer of a name across the story.
type nameEntity struct {
	key   string
	refs  []int // indexes into the story's name references
	arts  []int // articles that mention it, in input order
	shown string
}

// groupNames gathers the mentions of one bearer: the same words once titles
// are set aside ("Defense Secretary Mara Ellison", "Mara Ellison"), or
// the word opening a sentence before them ("Singer Noor Adeyemi", where
// another mention is "Noor Adeyemi"; "Gabriel García Márquez", where
// another is "García Márquez"), and a lone surname ("Ms. Ellison")
// when exactly one longer name ends with it, other than as the place
// after "of", and that name reads as its full form (see fullForms).
func groupNames(refs []nameRef, nArts int) []nameEntity {
	cores := make(map[string]bool, len(refs))
	keys := make([]string, len(refs))
	for i, r := range refs {
		keys[i] = withoutInitials(initialsJoined(r.core))
		cores[keys[i]] = true
	}
	for i, r := range refs {
		if bare := withoutInitials(initialsJoined(r.bare)); bare != "" && cores[bare] {
			keys[i] = bare
		}
		// "Russian officials" name Russia where the story names it.
		if country := demonyms[keys[i]]; country != "" && cores[country] {
			keys[i] = country
		}
	}
	fuller := withMiddleNames(keys)
	var ents []nameEntity
	byKey := map[string]int{}
	owner := make([]int, len(refs))
	for i, key := range keys {
		if f := fuller[key]; f != "" {
			key = f
		}
		e, ok := byKey[key]
		if !ok {
			e = len(ents)
			byKey[key] = e
			ents = append(ents, nameEntity{key: key})
		}
		owner[i] = e
	}
	// A lone word joins the only longer name that ends with it, unless
	// it ends it as the place or body after "of": "Greece" is no
	// surname of the "Communist Party of Greece"; nor does a country
	// join a place within it ("Sudan", "South Sudan"). Names that end with
	// another of them count as that one: "Regina Benjamin" and "Surgeon
	// General Regina Benjamin" leave "Benjamin" one bearer to join.
	endingWith := map[string][]int{} // the longer names, by last word
	for f, e := range ents {
		if at := strings.LastIndexByte(e.key, ' '); at >= 0 {
			endingWith[e.key[at+1:]] = append(endingWith[e.key[at+1:]], f)
		}
	}
	endingIn := make(map[string]int, len(endingWith)) // by last word: the one bearer, or -1
	for last, fs := range endingWith {
		shortest := slices.MinFunc(fs, func(a, b int) int { return cmp.Compare(len(ents[a].key), len(ents[b].key)) })
		endingIn[last] = shortest
		for _, f := range fs {
			if f != shortest && !strings.HasSuffix(ents[f].key, " "+ents[shortest].key) {
				endingIn[last] = -1
				break
			}
		}
	}
	full := fullForms(refs, owner, ents)
	into := make([]int, len(ents))
	for e := range ents {
		into[e] = e
		if f, ok := endingIn[ents[e].key]; ok && f >= 0 && !strings.HasSuffix(ents[f].key, " of "+ents[e].key) && !isCountry(ents[e].key) &&
			full[e] {
			into[e] = f
		}
	}
	for i := range refs {
		e := into[owner[i]]
		ents[e].refs = append(ents[e].refs, i)
	}
	out := ents[:0]
	for _, e := range ents {
		if len(e.refs) == 0 {
			continue
		}
		seen := make([]bool, nArts)
		for _, i := range e.refs {
			r := refs[i]
			if !seen[r.art] {
				seen[r.art] = true
				e.arts = append(e.arts, r.art)
			}
			// The fullest form is shown: the word opening a sentence may
			// be a first name as well as a plain word ("Gabriel García
			// Márquez", "Singer Noor Adeyemi"). A country is shown by
			// its name rather than its people's ("Russia", "Russian").
			if betterName(r.shown, e.shown) || r.core == e.key && demonyms[strings.ToLower(e.shown)] == e.key {
				e.shown = r.shown
			}
		}
		slices.Sort(e.arts)
		out = append(out, e)
	}
	return out
}

// fullFormShare is the least share of the articles naming a word alone
// that must give a longer name ending with it, for that name to be its
// full form when one of them gives it only after the word alone.
const fullFormShare = 0.25

// fullForms reports for each bearer of ents that is a lone word whether
// the longer names ending with it read as its full form: reports name a
// person or a body in full before they shorten it, and most reports do.
// A run of capitals that few of the reports naming the word have, and one
// of them only after it wrote the word alone, is no one's full name: "an
// office Christmas party" comes before "the TallGrass Ltd Christmas
// party", and the other reports write "Christmas" alone throughout. Refs
// run in reading order, article by article; owner gives each one's bearer.
func fullForms(refs []nameRef, owner []int, ents []nameEntity) []bool {
	lone := map[string]int{} // the bearers that are one word, by it
	for e, x := range ents {
		if !strings.Contains(x.key, " ") {
			lone[x.key] = e
		}
	}
	shortened := make([]int, len(ents)) // of a longer name: the lone bearer of its last word, or -1
	for e, x := range ents {
		shortened[e] = -1
		if at := strings.LastIndexByte(x.key, ' '); at >= 0 {
			if l, ok := lone[x.key[at+1:]]; ok {
				shortened[e] = l
			}
		}
	}
	// What is known of each lone bearer: in how many articles it stands
	// alone and its longer names stand, and whether an article wrote it
	// alone before a longer name it gave after.
	type usage struct {
		art                 int // the article the flags below are of, plus one
		aloneSeen, fullSeen bool
		aloneFirst          bool
		after               bool
		alone, full         int
	}
	use := make([]usage, len(ents))
	for i, r := range refs {
		e, longer := owner[i], false
		if l := shortened[e]; l >= 0 {
			e, longer = l, true
		} else if strings.Contains(ents[e].key, " ") {
			continue
		}
		u, art := &use[e], r.art+1
		if u.art != art {
			u.art, u.aloneSeen, u.fullSeen, u.aloneFirst = art, false, false, false
		}
		if longer {
			u.after = u.after || u.aloneFirst
			if !u.fullSeen {
				u.fullSeen, u.full = true, u.full+1
			}
			continue
		}
		u.aloneFirst = u.aloneFirst || !r.head && !u.fullSeen
		if !u.aloneSeen {
			u.aloneSeen, u.alone = true, u.alone+1
		}
	}
	full := make([]bool, len(ents))
	for e, u := range use {
		full[e] = !u.after || float64(u.full) >= fullFormShare*float64(u.alone)
	}
	return full
}

// initialsJoined writes the initials that stand for a name's given names
// as one word, as some outlets write them: "J. K. Rowling", "J.K.
// Rowling" and "JK Rowling" are one bearer. A core of one letter and a
// word ("J Rowling") is left as it is.
func initialsJoined(core string) string {
	last := strings.LastIndexByte(core, ' ')
	if last < 0 || strings.IndexByte(core, ' ') == last {
		return core
	}
	initials := core[:last]
	for w := range strings.FieldsSeq(initials) {
		if utf8.RuneCountInString(w) > 1 {
			return core
		}
	}
	return strings.ReplaceAll(initials, " ", "") + core[last:]
}

// withoutInitials leaves out of a name's core the middle initials, the
// letters standing alone between its first and last words: "Karen B.
// Olson" and "Karen Olson" are one bearer.
func withoutInitials(core string) string {
	first, last := strings.IndexByte(core, ' '), strings.LastIndexByte(core, ' ')
	if first < 0 || first == last {
		return core
	}
	words := strings.Fields(core[first+1 : last])
	kept := words[:0]
	for _, w := range words {
		if utf8.RuneCountInString(w) > 1 {
			kept = append(kept, w)
		}
	}
	if len(kept) == len(words) {
		return core
	}
	return strings.Join(append(append([]string{core[:first]}, kept...), core[last+1:]), " ")
}

// maxPersonWords is the most words of a name read as a person's given
// name, middle names and surname (see withMiddleNames).
const maxPersonWords = 4

// withMiddleNames maps a name of a first and a last word to the one
// longer name of keys that runs from the same first word to the same
// last through middle names: "tomas vey" to "tomas arlen vey", one bearer
// written with and without the middle name. Where two longer names do
// ("tomas arlen vey", "tomas brenn vey"), it is unclear whose "Tomas Vey"
// is, and it maps to neither.
func withMiddleNames(keys []string) map[string]string {
	var fuller map[string]string
	for _, k := range keys {
		if n := strings.Count(k, " ") + 1; n < 3 || n > maxPersonWords {
			continue
		}
		at, to := strings.IndexByte(k, ' '), strings.LastIndexByte(k, ' ')
		first, last := k[:at], k[to+1:]
		if !middleNames(k[at+1:to], first, last) {
			continue
		}
		short := first + " " + last
		if fuller == nil {
			fuller = map[string]string{}
		}
		if f, seen := fuller[short]; seen && f != k {
			fuller[short] = ""
		} else {
			fuller[short] = k
		}
	}
	return fuller
}

// middleNames reports whether the words of middle, between a name's
// first and last words, may be middle names: no connector ("bank of
// england") and neither of the others again ("Esther Williams-Esther
// Williams", a name written twice over).
func middleNames(middle, first, last string) bool {
	for w := range strings.FieldsSeq(middle) {
		if connectors[w] || w == first || w == last {
			return false
		}
	}
	return true
}

// betterName reports whether a is a fuller way to write a name than b:
// more words, or as many in ordinary case where b shouts ("Velsk", "VELSK").
func betterName(a, b string) bool {
	na, nb := countFields(a), countFields(b)
	if na != nb {
		return na > nb
	}
	return strings.ToUpper(b) == b && strings.ToUpper(a) != a
}

// numberRef is one number a sentence states, with what it counts.
type numberRef struct {
	text  string  // as written: "Five delegations", "3.5%", "pre-2014 borders"
	value float64 // in units, minutes past midnight for a time
	unit  string  // what is counted, as a key: "delegation", "%", "year", "ord:year"
	about string  // what is counted, as read: "delegations"
	// of is, for an age, the word after it in lower case: whom it is
	// the age of ("38-year-old Troy resident", "the 66-year-old woman").
	of     string
	vague  bool // "hundreds of thousands": never compared
	approx bool // "around 2,300": compared with some slack
	// total marks a figure of a sentence that sums up more than one
	// occasion ("31 magazines seized in five operations so far"): it is
	// no count of any one of them.
	total bool
	// past marks a toll told as background: its sentence dates itself
	// to a year ("In 2004 a tsunami killed 170,000") or to what went
	// before ("Gray has four prior arrests").
	past bool
}

var (
	cardinalValues = map[string]float64{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
		"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
		"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
		"dozen": 12,
	}
	magnitudeValues = map[string]float64{
		"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	}
	// vagueCounts are plural magnitudes that state an order, not a number.
	vagueCounts = map[string]float64{
		"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1e3,
		"millions": 1e6, "billions": 1e9,
	}
	ordinalValues = map[string]float64{
		"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
		"tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100,
	}
	// countedUnits are units of measure that the stop list leaves out.
	countedUnits = setOf("second seconds minute minutes hour hours day days week weeks month months year years decade decades century centuries")
	// monthNumbers numbers the months, whole and cut short, from 1.
	monthNumbers = func() map[string]int {
		m := map[string]int{}
		for i, names := range strings.Fields(months) {
			for _, name := range strings.Split(names, ",") {
				m[name] = i + 1
			}
		}
		return m
	}()
	// calendarMonths are the months, whole and cut short.
	calendarMonths = func() map[string]bool {
		m := make(map[string]bool, len(monthNumbers))
		for name := range monthNumbers {
			m[name] = true
		}
		return m
	}()
	// shortMonths are the months as news cuts them short, with a full stop
	// before the day: "Jan. 6", "Sept. 11".
	shortMonths = func() map[string]bool {
		m := map[string]bool{}
		for _, names := range strings.Fields(months) {
			for _, name := range strings.Split(names, ",")[1:] {
				m[name] = true
			}
		}
		return m
	}()
	// approximators before a number qualify it: most make it a rough
	// figure; bounds ("at least 14", "over 200") keep it exact, since two
	// outlets that bound a toll differently give it differently.
	approximators = setOf("about around nearly almost roughly approximately some over under several least most")
	bounds        = setOf("over under least most")
	rangePrefixes = setOf("pre post mid")
)

// months names each month in its place in the year, whole and then as
// news cuts it short: "september,sep,sept".
const months = "january,jan february,feb march,mar april,apr may june,jun july,jul august,aug september,sep,sept october,oct november,nov december,dec"

// numberRefs lists the numbers stated in a sentence whose words are ws,
// each with what it counts when the words around it say so.
func numberRefs(s string, ws []word) []numberRef {
	var out []numberRef
	var buf []byte
	lower := func(k int) string {
		buf = appendLower(buf[:0], s[ws[k].start:ws[k].end])
		return string(buf)
	}
	for i := 0; i < len(ws); i++ {
		kind := numberKind(s, ws, i)
		if kind == 0 {
			continue
		}
		// A number inside a name: "Route 66", "Apollo 11".
		if kind == 'd' && i > 0 && ws[i].is(wJoined) && ws[i-1].is(wCap) {
			if lp := lower(i - 1); !stopWords[lp] && !calendarMonths[lp] && !approximators[lp] && numberKind(s, ws, i-1) == 0 {
				continue
			}
		}
		end := numberPhraseEnd(s, ws, i)
		// An address as the police give one, "the 12000 block of East
		// 223rd Street", counts nothing.
		if kind == 'd' && end+2 < len(ws) && lower(end+1) == "block" && lower(end+2) == "of" {
			i = end
			continue
		}
		ref := numberRef{}
		ordinal := false
		var total, current float64
		for k := i; k <= end; k++ {
			lk := lower(k)
			switch {
			case ws[k].is(wNumber):
				v, suffix, _ := parseDigits(lk)
				switch suffix {
				case "st", "nd", "rd", "th":
					ordinal = true
				case "s":
					ref.vague = true
				default:
					v *= max(shortMagnitude(suffix), 1)
				}
				current += v
			case cardinalValues[lk] > 0:
				current += cardinalValues[lk]
			case ordinalValues[lk] > 0:
				current += ordinalValues[lk]
				ordinal = true
			case magnitudeValues[lk] == 100:
				current = math.Max(current, 1) * 100
			case magnitudeValues[lk] > 0:
				total += math.Max(current, 1) * magnitudeValues[lk]
				current = 0
			case vagueCounts[lk] > 0:
				ref.vague = true
				total = math.Max(total+current, 1) * vagueCounts[lk]
				current = 0
			}
		}
		ref.value = total + current
		from, to, next := int(ws[i].start), int(ws[end].end), end+1
		prefix := ""

		// What comes just before: a qualifier, a prefix, a month, a currency.
		if i > 0 {
			lp := lower(i - 1)
			gap := s[ws[i-1].end:ws[i].start]
			switch {
			case gap == "-" && rangePrefixes[lp]:
				from, prefix = int(ws[i-1].start), lp+":"
			case gap == " " && approximators[lp]:
				from, ref.approx = int(ws[i-1].start), !bounds[lp]
				if (lp == "least" || lp == "most") && i > 1 {
					from = int(ws[i-2].start)
				}
			case gap == " " && lp == "than" && i > 1:
				from = int(ws[i-2].start) // "more than", "fewer than": a bound
			case gap == " " && (lp == "aged" || lp == "age") && !ordinal:
				from = int(ws[i-1].start)
				ref.unit, ref.about = "age", "age"
			case gap == " " && lp == "of" && i > 1 && lower(i-2) == "age" && ws[i-1].is(wJoined) && !ordinal:
				from = int(ws[i-2].start) // "at the age of 95"
				ref.unit, ref.about = "age", "age"
			case (gap == " " && calendarMonths[lp] || gap == ". " && shortMonths[lp]) && ws[i-1].is(wCap):
				from = int(ws[i-1].start)
				if ref.value >= 1 && ref.value <= 31 && end == i {
					ref.unit, ref.about = "date", "date"
					ref.value += 100 * float64(monthNumbers[lp])
				}
			}
		}
		if r, size := utf8.DecodeLastRuneInString(s[:from]); strings.ContainsRune("$€£¥", r) {
			from -= size
			ref.unit, ref.about = "cur:"+string(r), string(r)
		}

		// What comes just after: a percent sign, a time, a unit noun.
		switch {
		case ref.unit != "":
		case to < len(s) && s[to] == '%':
			to++
			ref.unit, ref.about = "%", "percent"
		case to+1 < len(s) && s[to] == ':' && isDigit(s[to+1]) && next < len(ws) && int(ws[next].start) == to+1:
			mins, _, _ := parseDigits(lower(next))
			ref.value = ref.value*60 + mins
			to = int(ws[next].end)
			next++
			if next < len(ws) {
				if l := lower(next); l == "am" || l == "pm" {
					to = int(ws[next].end)
					if l == "pm" && ref.value < 12*60 {
						ref.value += 12 * 60
					}
				}
			}
			ref.unit, ref.about = "time", "time"
		case next < len(ws) && ws[next].is(wJoined):
			lu := lower(next)
			switch {
			case lu == "percent" || lu == "pct":
				to = int(ws[next].end)
				ref.unit, ref.about = "%", "percent"
			case lu == "per" && next+1 < len(ws) && lower(next+1) == "cent":
				to = int(ws[next+1].end)
				ref.unit, ref.about = "%", "percent"
			case calendarMonths[lu] && ws[next].is(wCap) && ref.value >= 1 && ref.value <= 31:
				to = int(ws[next].end)
				ref.unit, ref.about = "date", "date"
				ref.value += 100 * float64(monthNumbers[lu])
			case isUnitWord(ws[next], lu):
				to = int(ws[next].end)
				ref.about = lu
				ref.unit = stem(lu)
				if ref.unit == "year" && !ordinal {
					to = yearsAfter(ws, next, to, lower, &ref)
				}
			}
		}
		// A year may name a thing as well: "the 2004 tsunami", "an April
		// 2007 shooting", where the noun after it is no count of it.
		attributive := ref.unit != "" && ref.unit == stem(ref.about) && !strings.HasSuffix(ref.about, "s") && !countedUnits[ref.about]
		if (ref.unit == "" || attributive) && kind == 'd' && end == i && !ref.vague && ref.value >= 1800 && ref.value <= 2100 && !strings.ContainsAny(s[ws[i].start:ws[i].end], ",.") {
			to = int(ws[i].end)
			ref.unit, ref.about = "year", "year"
			if next < len(ws) && ws[next].is(wNumber) && s[to:ws[next].start] == "-" {
				// "the 2008-09 season", "1999-2003": years, not one year.
				to = int(ws[next].end)
				ref.vague = true
			}
		}
		// Only a count of people, or of nothing said, is a toll: not a
		// date, a time, a year, a share, a sum, a span, a rank, a
		// measure or a score.
		if !ordinal && mayCountPeople(s, ws, i, end, ref, lower) {
			o, at := outcomeNear(s, ws, i, next)
			if o != "" && (countsPeople(ref.about) || tallies[lower(at)] || !pointOnAScale(ws, i, lower)) {
				ref.unit = "fate:" + o
				if countsPeople(ref.about) {
					ref.unit += ":" + stem(ref.about)
					o = ref.about + " " + o // "passengers dead"
				}
				ref.about = o
			}
		}
		if ordinal {
			if ref.unit == "" {
				i = end
				continue // "the third", with nothing counted
			}
			ref.unit = "ord:" + ref.unit
		}
		if prefix != "" {
			ref.unit = prefix + ref.unit
		}
		ref.text = strings.TrimSpace(s[from:to])
		out = append(out, ref)
		for i+1 < len(ws) && int(ws[i+1].start) < to {
			i++
		}
	}
	if len(out) > 0 {
		markSentence(s, ws, out)
	}
	return out
}

// markSentence marks the figures refs of a sentence as totals or, for
// tolls, as background (see numberRef) by what the sentence says: a year
// or a word of what went before ("prior", "previously", "earlier",
// "ago") dates it; "so far", "to date", "in total", "a total of",
// "altogether" sum it up.
func markSentence(s string, ws []word, refs []numberRef) {
	past := slices.ContainsFunc(refs, func(r numberRef) bool { return r.unit == "year" })
	total := false
	var arr [16]byte
	prev := ""
	for _, w := range ws {
		if w.is(wNumber) || w.end-w.start > 12 {
			prev = ""
			continue
		}
		l := string(appendLower(arr[:0], s[w.start:w.end]))
		switch l {
		case "prior", "previous", "previously", "earlier", "ago":
			past = true
		case "altogether", "cumulative", "cumulatively":
			total = true
		case "far", "date", "total":
			if w.is(wJoined) {
				switch prev + " " + l {
				case "so far", "to date", "in total", "a total", "running total":
					total = true
				}
			}
		}
		switch l {
		case "so", "to", "in", "a", "running":
			prev = l
		default:
			prev = ""
		}
	}
	for i := range refs {
		refs[i].total = total
		refs[i].past = past && strings.HasPrefix(refs[i].unit, "fate:")
	}
}

// yearsAfter reads a figure followed by "year" or "years" (word k, which
// ends at byte to; lower gives a word of the sentence in lower case) as
// an age ("35-year-old", "61 years old", "40 years of age") or else a
// span of time ("30 years", "a five-year sentence"), and returns where
// the figure's text ends. Neither is a calendar year,
// and an age is no span: the three are told apart so that a person's age
// is never set against the year of an event or the length of a term.
func yearsAfter(ws []word, k, to int, lower func(int) string, ref *numberRef) int {
	switch {
	case k+1 < len(ws) && ws[k+1].is(wJoined) && lower(k+1) == "old":
		ref.unit, ref.about = "age", "age"
		if k+2 < len(ws) && ws[k+2].is(wJoined) && !ws[k+2].is(wNumber) {
			ref.of = lower(k + 2)
		}
		return int(ws[k+1].end)
	case k+2 < len(ws) && ws[k+1].is(wJoined) && ws[k+2].is(wJoined) && lower(k+1) == "of" && lower(k+2) == "age":
		ref.unit, ref.about = "age", "age"
		return int(ws[k+2].end)
	}
	ref.unit = "span:year"
	return to
}

// numberPhraseEnd returns the last word of the number that starts at word
// i: "3.5 million", "two hundred and twelve", "hundreds of thousands".
func numberPhraseEnd(s string, ws []word, i int) int {
	var buf []byte
	lower := func(k int) string {
		buf = appendLower(buf[:0], s[ws[k].start:ws[k].end])
		return string(buf)
	}
	end := i
	for k := i + 1; k < len(ws); k++ {
		if !ws[k].is(wJoined) || ws[k].is(wNumber) || ordinalValues[lower(end)] > 0 {
			break
		}
		lk := lower(k)
		if (lk == "and" || lk == "of") && k+1 < len(ws) && ws[k+1].is(wJoined) {
			prev, after := lower(end), lower(k+1)
			if lk == "and" && magnitudeValues[prev] > 0 && (cardinalValues[after] > 0 || ordinalValues[after] > 0) ||
				lk == "of" && vagueCounts[prev] > 0 && isMagnitudeWord(after) {
				continue
			}
			break
		}
		if numberKind(s, ws, k) != 'w' {
			break
		}
		if magnitudeValues[lk] == 0 && vagueCounts[lk] == 0 && !(cardinalValues[lk] > 0 && cardinalValues[lk] < 10 && isTensWord(lower(end))) &&
			!(ordinalValues[lk] > 0 && isTensWord(lower(end))) && !(k > i+1 && lower(k-1) == "and") {
			break
		}
		end = k
	}
	return end
}

// isTensWord reports whether a number word is a multiple of ten from
// twenty up, which a digit word may follow: "twenty-two".
func isTensWord(l string) bool {
	v := cardinalValues[l]
	return v >= 20 && v < 100 && math.Mod(v, 10) == 0
}

// numberKind tells whether word i states a number: 'd' for digits, 'w' for
// a number word. "One" counts only before a magnitude ("one million"), as
// it is more often a pronoun; "tens" and "scores" only before "of". It
// runs on every word of a story, so it allocates nothing.
func numberKind(s string, ws []word, i int) byte {
	w := ws[i]
	var arr [16]byte
	if w.is(wNumber) {
		if w.end-w.start > int32(len(arr)) {
			return 0
		}
		if _, _, ok := parseDigits(string(appendLower(arr[:0], s[w.start:w.end]))); ok {
			return 'd'
		}
		return 0
	}
	n := w.end - w.start
	if n < 3 || n > 9 {
		return 0
	}
	if c := s[w.start] | 0x20; c < 'a' || c > 'z' || numberWordShapes[c-'a']&(1<<n) == 0 {
		return 0
	}
	kind := numberWordKinds[string(appendLower(arr[:0], s[w.start:w.end]))]
	if kind != beforeMagnitude && kind != beforeOf {
		return kind
	}
	if i+1 >= len(ws) || !ws[i+1].is(wJoined) || ws[i+1].end-ws[i+1].start > int32(len(arr)) {
		return 0
	}
	next := string(appendLower(arr[:0], s[ws[i+1].start:ws[i+1].end]))
	if kind == beforeOf && next == "of" || kind == beforeMagnitude && magnitudeValues[next] > 0 {
		return 'w'
	}
	return 0
}

// Number words that count only before a magnitude ("one million") or
// before "of" ("tens of thousands").
const (
	beforeMagnitude = 'm'
	beforeOf        = 'o'
)

// numberWordShapes has, for each first letter, a bit for each length of
// the number words that start with it: a quick "no" for most words.
var numberWordShapes = func() (m [26]uint16) {
	for w := range numberWordKinds {
		m[w[0]-'a'] |= 1 << len(w)
	}
	return m
}()

var numberWordKinds = func() map[string]byte {
	m := map[string]byte{"one": beforeMagnitude, "tens": beforeOf, "scores": beforeOf}
	for _, set := range []map[string]float64{cardinalValues, magnitudeValues, ordinalValues, vagueCounts} {
		for k := range set {
			if m[k] == 0 {
				m[k] = 'w'
			}
		}
	}
	return m
}()

func isMagnitudeWord(l string) bool { return magnitudeValues[l] > 0 || vagueCounts[l] > 0 }

// parseDigits reads "2,300", "3.5", "2nd", "1990s", "4bn": the value and any
// letters after the digits. ok is false for tokens such as "4x4" or "737MAX".
func parseDigits(low string) (float64, string, bool) {
	j := 0
	for j < len(low) && (isDigit(low[j]) || low[j] == '.') {
		j++
	}
	v, err := strconv.ParseFloat(low[:j], 64)
	if err != nil {
		return 0, "", false
	}
	suffix := low[j:]
	switch suffix {
	case "", "st", "nd", "rd", "th", "s":
		return v, suffix, true
	}
	if shortMagnitude(suffix) > 0 {
		return v, suffix, true
	}
	return 0, "", false
}

// isUnitWord reports whether the word after a number says what it counts:
// a lower-case content word or a unit of time, but not a verb that has the
// number for its subject ("12 left", "hundreds marched") or an adverb.
func isUnitWord(u word, lu string) bool {
	if u.is(wNumber) || u.is(wCap) || cardinalValues[lu] > 0 || magnitudeValues[lu] > 0 {
		return false
	}
	if countedUnits[lu] {
		return true
	}
	if stopWords[lu] || len(lu) < 2 || notUnits[lu] || len(lu) > 4 && (strings.HasSuffix(lu, "ed") || strings.HasSuffix(lu, "ly")) {
		return false
	}
	return true
}

// notUnits are verbs and adverbs that often follow a number as its
// predicate: "four left", "two remain", "three more".
var notUnits = setOf(`left came went fell rose won lost took ran fled met sat kept held made gave
got stood grew sank broke wrote told saw knew thought brought bought sold paid led fought caught hit
remain remains stay stays die dies live lives work works say says agree agrees want wants need needs
apiece each alone together instead ago later earlier altogether overall`)

// roughSlack is how far apart two figures may be and agree when either is
// a rough one: "about 2,300" is 2,250, while "nearly 40" is not 50.
const roughSlack = 0.1

// sameNumber reports whether two figures agree: exactly, or within
// roughSlack when either is a rough one.
func sameNumber(a, b numberRef) bool {
	if a.value == b.value {
		return true
	}
	if a.approx || b.approx {
		hi := math.Max(math.Abs(a.value), math.Abs(b.value))
		return math.Abs(a.value-b.value) <= roughSlack*hi
	}
	return false
}

// outcomes are the words that say what befell the people a figure counts
// ("43 people died", "the death toll rose to 50", "killing 12"), by the
// outcome they name: figures of one outcome are compared across whole
// articles, since two outlets seldom word the sentence of a toll alike.
var outcomes = func() map[string]string {
	m := map[string]string{}
	for fate, words := range map[string]string{
		"dead":         "dead died die dies killed kill kills killing death deaths toll fatalities fatality perished drowned",
		"injured":      "injured injuring injuries wounded wounding hurt",
		"missing":      "missing unaccounted",
		"arrested":     "arrested arrests detained",
		"evacuated":    "evacuated displaced fled flee fleeing",
		"hospitalised": "hospitalised hospitalized hospital",
		"rescued":      "rescued",
	} {
		for _, w := range strings.Fields(words) {
			m[w] = fate
		}
	}
	return m
}()

// saidAfter are the outcome words that tell what befell the people a
// figure counts only after it: "500 people fled", where "fled after 3
// shots were fired" counts no one who fled.
var saidAfter = setOf("fled flee fleeing")

// measures are units of length, weight, speed and heat: "falling 150
// metres" measures a fall and counts no one it befell.
var measures = setOf(`metre metres meter meters kilometre kilometres kilometer kilometers km foot feet ft
yard yards mile miles inch inches centimetres centimeters cm millimetres millimeters mm kilogram kilograms
kg pound pounds lb lbs ton tons tonne tonnes litre litres liter liters gallon gallons mph kph degree degrees`)

// frequencies count how often, not whom: "arrested four times".
var frequencies = setOf("times occasions")

// tallies are the outcome words that name a count of people rather than
// tell what befell them: "the toll stood at 43" gives a toll where "died
// at 77" gives an age (see pointOnAScale).
var tallies = setOf("toll deaths fatalities injuries arrests")

// sizeWords are the words before "of" whose figure after it counts people
// who may all share one outcome: "a total of 43 died", "a group of 12 was
// arrested". After any other word the figure is a size or an age of what
// that word names: "a mother of 12 was killed" tells of one death.
var sizeWords = setOf("total number group tally count crowd")

// inScore reports whether the figure of words i to end is one side of a
// score or a range, joined by a dash to another figure: "a 27-24 loss",
// where neither side counts people hurt.
func inScore(s string, ws []word, i, end int) bool {
	dashed := func(a, b int) bool {
		if a < 0 || b >= len(ws) || !ws[a].is(wNumber) || !ws[b].is(wNumber) {
			return false
		}
		gap := s[ws[a].end:ws[b].start]
		return gap == "-" || gap == "–" || gap == "—"
	}
	return dashed(i-1, i) || dashed(end, end+1)
}

// mayCountPeople reports whether the figure ref of words i to end may be
// a toll: a whole count of people, or of nothing said, and not an age, a
// measure, a number of times, one side of a score, nor the size of what
// is named before "of" (see inScore and sizeOfWhatPrecedes).
func mayCountPeople(s string, ws []word, i, end int, ref numberRef, lower func(int) string) bool {
	if ref.unit == "age" || ref.unit != "" && (ref.unit != stem(ref.about) || countedUnits[ref.about] || measures[ref.about] || frequencies[ref.about]) {
		return false
	}
	if ref.value != math.Trunc(ref.value) {
		return false // a count of people is whole: "a 5.2 quake"
	}
	return !inScore(s, ws, i, end) && (countsPeople(ref.about) || !sizeOfWhatPrecedes(ws, i, lower))
}

// sizeOfWhatPrecedes reports whether the figure at word i follows "of"
// after a word that it gives the size of, or the children of, rather
// than a count of people (see sizeWords): "a mother of 12", "a family of
// five". An outcome before "of" keeps the figure a toll: "the deaths of
// two".
func sizeOfWhatPrecedes(ws []word, i int, lower func(int) string) bool {
	if i < 2 || !ws[i].is(wJoined) || !ws[i-1].is(wJoined) || lower(i-1) != "of" || ws[i-2].is(wNumber) {
		return false
	}
	head := lower(i - 2)
	return !stopWords[head] && !sizeWords[head] && outcomes[head] == "" && numberWordKinds[head] == 0
}

// pointOnAScale reports whether the figure at word i follows "at",
// directly or through a rough qualifier ("at around 9"): a point such as
// an age ("died at 77"), an hour or a mark, which counts people only when
// a tally says so ("the toll stood at 43") or names them ("at 40
// villagers"). "At least" is a bound, not a point.
func pointOnAScale(ws []word, i int, lower func(int) string) bool {
	k := i - 1
	if k >= 0 && approximators[lower(k)] && !bounds[lower(k)] {
		k--
	}
	return k >= 0 && ws[k+1].is(wJoined) && lower(k) == "at"
}

// countsPeople reports whether the unit read after a figure of what befell
// people names the ones it befell ("12 passengers", "30 children"), as
// opposed to no more than people ("43 people") or a word that only
// follows the figure ("50 overnight"): figures of passengers and of crew
// are two figures, figures of people and of the toll are one.
func countsPeople(about string) bool {
	switch about {
	case "", "people", "persons":
		return false
	case "men", "women", "children", "crew", "staff":
		return true
	}
	return strings.HasSuffix(about, "s")
}

// pastVerb reports whether the word w, low in lower case, reads as a
// verb in the past: "damaged", "reported".
func pastVerb(low []byte, w word) bool {
	return len(low) > 4 && bytes.HasSuffix(low, []byte("ed")) && !w.is(wCap)
}

// outcomeWindow is how many content words either side of a figure may
// say what befell those it counts; stop words and other figures between
// do not count ("the toll had risen from 40 to 43").
const outcomeWindow = 3

// outcomeNear returns the outcome that the words around the figure of
// words i to next-1 of a sentence name, and the word that names it, the
// nearest first and, at one distance, the one after; a comma, a
// semicolon, a colon or a bracket ends the search on that side, since the
// next clause has figures of its own ("12 killed, 30 injured").
func outcomeNear(s string, ws []word, i, next int) (fate string, at int) {
	var buf []byte
	look := func(k int) (fate string, counts bool) {
		buf = appendLower(buf[:0], s[ws[k].start:ws[k].end])
		if o := outcomes[string(buf)]; o != "" && (k > i || !saidAfter[string(buf)]) {
			return o, true
		}
		return "", !ws[k].is(wNumber) && !stopWords[string(buf)] && numberKind(s, ws, k) == 0
	}
	breaks := func(k int) bool { // between words k-1 and k
		return ws[k].is(wSentence) || strings.ContainsAny(s[ws[k-1].end:ws[k].start], ",;:()")
	}
	a, b := next, i-1
	da, db := 0, 0 // content words passed after and before
	for {
		afterOpen := da < outcomeWindow && a < len(ws) && !breaks(a)
		beforeOpen := db < outcomeWindow && b >= 0 && !breaks(b+1)
		if !afterOpen && !beforeOpen {
			break
		}
		// Step the side that is nearer in content words, the after side
		// first.
		k, d := b, &db
		if afterOpen && (da <= db || !beforeOpen) {
			k, d = a, &da
			a++
		} else {
			b--
		}
		fate, counts := look(k)
		if fate != "" {
			return fate, k
		}
		if k < i && counts && pastVerb(buf, ws[k]) {
			// A verb of another kind before the figure is the figure's
			// own, and what befell people further back is no outcome of
			// it: "injured 50 people and damaged 300 houses".
			db = outcomeWindow
			continue
		}
		if counts {
			*d++
		}
	}
	return "", -1
}
