package story

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one word of a text: its byte range and what its letters say. The
// scanner hands out ranges rather than strings so that grouping thousands of
// articles a second allocates nothing per word.
type word struct {
	start, end int32
	flags      uint8
}

const (
	wCap      uint8 = 1 << iota // starts with an upper-case letter
	wUpper                      // two letters or more, every one upper case
	wNumber                     // starts with a digit
	wSentence                   // first word of a sentence, a line or a clause after a colon
	wDotted                     // initials written with dots, such as U.S.
	wJoined                     // joined to the word before by nothing but spaces or a hyphen
	wPlain                      // ASCII letters and digits, none upper case: its own lower-case form
)

func (w word) is(f uint8) bool { return w.flags&f != 0 }

// appendWords appends the words of s to dst. Words are runs of letters,
// digits and combining marks; an apostrophe inside a word is kept, a trailing
// possessive 's is not; a dot or comma between digits stays inside a
// number; web addresses are skipped. Sentence starts are marked so that
// names can be told from words that are capitalised only because they open
// a sentence.
func appendWords(dst []word, s string) []word {
	start := true
	joined := false
	var prev word // the last word, whose dot may not end a sentence
	havePrev := false
	// comma says that a comma and nothing but spaces came last: a quotation
	// opened there is a sentence of its own ("he said, "Nobody knew""),
	// where one opened after a word may be a name ("the "Green Deal"").
	comma := false
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && asciiClass[c] != asciiWord {
			switch asciiClass[c] {
			case asciiGap: // spaces and hyphens keep a name together
				if c == '-' {
					comma = false
					if isDash(s, i) {
						joined, havePrev = false, false
					}
				}
			case asciiDot:
				if !havePrev || !prev.is(wDotted) && !isAbbreviation(s[prev.start:prev.end]) {
					start = true
				}
				// "St. Odile", "Mt. Kenya": the dot of a place's short
				// form keeps the name it begins whole.
				joined = havePrev && i == int(prev.end) && isPlacePrefix(s[prev.start:prev.end])
				havePrev = false
			case asciiEnd:
				start, joined, havePrev = true, false, false
			default:
				if comma && (c == '"' || c == '\'') {
					start = true
				}
				comma = c == ','
				joined, havePrev = false, false
			}
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				switch r {
				case '\u00a0':
				case '…', '。', '！', '？', '•', '·':
					start, joined, havePrev = true, false, false
				case '“', '‘', '«', '„':
					start = start || comma
					joined, havePrev = false, false
				default:
					joined, havePrev = false, false
				}
				comma = comma && r == '\u00a0'
				i += size
				continue
			}
		}
		comma = false
		w, next := scanWord(s, i)
		if skipAddress(s, w, next) {
			i = skipToSpace(s, next)
			joined = false
			continue
		}
		if start {
			w.flags |= wSentence
		}
		if joined {
			w.flags |= wJoined
		}
		dst = append(dst, w)
		start = false
		// A possessive ends a name: "Microsoft's IE" is two.
		joined = next == int(w.end)
		prev, havePrev = w, true
		i = next
	}
	return dst
}

// Classes of ASCII bytes between words.
const (
	asciiOther uint8 = iota // punctuation that parts words, such as a comma or quote
	asciiWord               // a letter or digit
	asciiGap                // a space or hyphen, which may sit inside a name
	asciiDot                // a full stop, unless after an abbreviation
	asciiEnd                // ends a sentence or a line, or opens a clause
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = asciiWord
		case c == ' ', c == '\t', c == '-':
			t[c] = asciiGap
		case c == '.':
			t[c] = asciiDot
		case c == '!', c == '?', c == '\n', c == ':', c == ';', c == '|':
			t[c] = asciiEnd
		}
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// isDash reports whether the hyphen at s[i] is a dash, which parts two
// names where a hyphen joins them: hyphens doubled, or one with a space on
// both sides ("John Mitchell -- President Nixon's attorney general").
func isDash(s string, i int) bool {
	a, b := i, i+1
	for a > 0 && s[a-1] == '-' {
		a--
	}
	for b < len(s) && s[b] == '-' {
		b++
	}
	return b-a > 1 || a > 0 && s[a-1] == ' ' && b < len(s) && s[b] == ' '
}

// scanWord reads the word that starts at i and returns it with the offset
// just past it (past a possessive 's too, which the word itself leaves out).
func scanWord(s string, i int) (word, int) {
	w := word{start: int32(i)}
	j := i
	letters, uppers := 0, 0
	first := true
	plain := true
	for j < len(s) {
		c := s[j]
		if c-'a' < 26 {
			// Most of a text is runs of lower-case letters: take them
			// whole.
			k := j + 1
			for k < len(s) && s[k]-'a' < 26 {
				k++
			}
			letters += k - j
			first = false
			j = k
			continue
		}
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[j:])
		}
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				letters++
				first = false
				j++
				continue
			case 'A' <= c && c <= 'Z':
				letters++
				uppers++
				if first {
					w.flags |= wCap
				}
				first = false
				j++
				continue
			case '0' <= c && c <= '9':
				if first {
					w.flags |= wNumber
				}
				first = false
				j++
				continue
			}
		} else if isWordRune(r) {
			plain = false
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					uppers++
					if first {
						w.flags |= wCap
					}
				}
			} else if first && unicode.IsDigit(r) {
				w.flags |= wNumber
			}
			first = false
			j += size
			continue
		}
		if (c == '.' || c == ',') && j > i && isDigit(s[j-1]) && j+1 < len(s) && isDigit(s[j+1]) && w.is(wNumber) {
			plain = false
			j++
			continue
		}
		if c == '\'' || r == '’' {
			if j+size < len(s) && isLetterAt(s, j+size) {
				plain = plain && c == '\''
				if n := j + size; (s[n] == 's' || s[n] == 'S') && (n+1 == len(s) || !isLetterAt(s, n+1)) {
					w.end = int32(j)
					setCase(&w, letters, uppers)
					setPlain(&w, plain, uppers)
					return w, n + 1
				}
				j += size
				continue
			}
		}
		break
	}
	w.end = int32(j)
	// Initials with dots: U.S., U.K., E.U.
	if letters == 1 && j+2 < len(s) && s[j] == '.' && isLetterAt(s, j+1) {
		k := j
		n := 1
		for k+2 <= len(s) && s[k] == '.' && isLetterAt(s, k+1) {
			_, size := utf8.DecodeRuneInString(s[k+1:])
			if k+1+size < len(s) && isLetterAt(s, k+1+size) {
				break
			}
			k += 1 + size
			n++
		}
		if n > 1 {
			if k < len(s) && s[k] == '.' {
				k++
			}
			w.end = int32(k)
			w.flags |= wDotted | wUpper
			return w, k
		}
	}
	setCase(&w, letters, uppers)
	setPlain(&w, plain, uppers)
	return w, j
}

func setCase(w *word, letters, uppers int) {
	if letters >= 2 && letters == uppers {
		w.flags |= wUpper
	}
}

// setPlain marks a word that appendLower would give back unchanged, which
// the grouper then hashes as it stands.
func setPlain(w *word, plain bool, uppers int) {
	if plain && uppers == 0 {
		w.flags |= wPlain
	}
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// skipAddress reports whether the word just read opens a web or mail address.
func skipAddress(s string, w word, next int) bool {
	if next >= len(s) {
		return false
	}
	if strings.HasPrefix(s[next:], "://") || s[next] == '@' {
		return true
	}
	return next-int(w.start) == 3 && strings.EqualFold(s[w.start:next], "www") && s[next] == '.'
}

func skipToSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\n', '\t', '\r', ')', '>', ']', '"':
			return i
		}
		i++
	}
	return i
}

// abbreviations end with a dot that does not close a sentence.
var abbreviations = setOf("mr mrs ms dr st jr sr gen gov sen rep lt col capt cpt sgt prof inc corp co ltd vs no mt ft rev hon pres jan feb mar apr jun jul aug sep sept oct nov dec")

// placePrefixes are the short forms that begin the names of places and
// saints ("St. Louis", "Mt. Etna", "Ft. Worth") and stay part of them.
var placePrefixes = setOf("st mt ft")

func isPlacePrefix(w string) bool {
	if len(w) != 2 {
		return false
	}
	var buf [2]byte
	return placePrefixes[string(lowerASCII(buf[:0], w))]
}

// isAbbreviation reports whether the word w, followed by a dot, is an
// initial or a short form rather than the end of a sentence.
func isAbbreviation(w string) bool {
	if len(w) == 1 {
		return true // an initial: J. Smith
	}
	if len(w) > 5 {
		return false
	}
	var buf [8]byte
	return abbreviations[string(lowerASCII(buf[:0], w))]
}

func lowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// appendLower appends the lower-case form of s to dst, with typographic
// apostrophes made plain and the dots of initials dropped, so that
// "U.S." and "US", "don’t" and "don't" meet.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == '.' && !(i > 0 && isDigit(s[i-1])):
			case c == ',':
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '’' {
			dst = append(dst, '\'')
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += size
	}
	return dst
}

// numberWords spells out the small numbers that reports write either way
// ("three dead", "3 dead"). "One" is left out: it is more often a pronoun.
var numberWords = map[string]string{
	"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
	"dozen": "12", "twenty": "20", "hundred": "100", "thousand": "1000",
}

// termKey appends to dst the grouping key of the word w of s: lower case,
// stemmed, numbers in digits. It reports false for stop words and for words
// too short to say anything.
func termKey(dst []byte, s string, w word) ([]byte, bool) {
	n := len(dst)
	dst = appendLower(dst, s[w.start:w.end])
	low := dst[n:]
	return keyOf(dst[:n], low, hashBytes(low), w.is(wNumber))
}

// keyOf appends to dst the grouping key of a word already in lower case,
// low, whose hashBytes is h. low must not overlap dst's spare capacity.
func keyOf(dst, low []byte, h uint64, number bool) ([]byte, bool) {
	if number {
		return append(dst, withoutMagnitude(low)...), true
	}
	flags, num := common.get(h)
	switch {
	case flags&flagNumber != 0:
		return append(dst, numberWordDigits[num]...), true
	case flags&flagStop != 0 || len(low) < 2 || len(low) <= 4 && utf8.RuneCount(low) < 2:
		return dst, false
	}
	n := len(dst)
	if flags&flagBritish != 0 {
		dst = append(dst, americanWords[num]...)
	} else {
		dst = nameKeyOf(dst, low, flags, num)
	}
	return append(dst[:n], americanStem(dst[n:])...), true
}

// nameKeyOf appends to dst the key of a name word already in lower case,
// low, whose entry in common is flags and num: the word itself, or the
// country of a demonym.
func nameKeyOf(dst, low []byte, flags uint8, num uint16) []byte {
	if flags&flagDemonym != 0 {
		return append(dst, demonymCountries[num]...)
	}
	return append(dst, low...)
}

// shortMagnitudes are the short forms of thousand, million, billion and
// trillion that reports write onto a number ("3bn", "2.6m", "$4tn").
var shortMagnitudes = []struct {
	suffix string
	value  float64
}{{"k", 1e3}, {"m", 1e6}, {"mn", 1e6}, {"b", 1e9}, {"bn", 1e9}, {"tn", 1e12}}

// shortMagnitude is the value of the short magnitude suffix, or 0 when it
// is none.
func shortMagnitude(suffix string) float64 {
	for _, m := range shortMagnitudes {
		if m.suffix == suffix {
			return m.value
		}
	}
	return 0
}

// withoutMagnitude drops the magnitude written onto a number ("3bn",
// "2.6m"), so that it meets the number of a report that spells the
// magnitude out ("$3 billion") or leaves it off.
func withoutMagnitude(low []byte) []byte {
	for _, m := range shortMagnitudes {
		n := len(low) - len(m.suffix)
		if n > 0 && string(low[n:]) == m.suffix && isDigit(low[n-1]) {
			return low[:n]
		}
	}
	return low
}

// wordTable is a small open-addressing table of words by their hashBytes,
// with what the grouper needs to know of each: every word of every article
// is looked up in it, which a map of strings makes slow.
type wordTable struct {
	hashes []uint64
	flags  []uint8
	num    []uint16 // index into numberWordDigits, demonymCountries or americanWords
}

const (
	flagStop      uint8 = 1 << iota // a stop word
	flagNotName                     // never part of a name
	flagConnector                   // may join the words of a name
	flagNumber                      // a number written out
	flagDemonym                     // a people's word for their country
	flagBritish                     // a British spelling no rule of usSpelling brings to the American
	flagCountry                     // the name of a country that has a demonym
)

func (t *wordTable) put(w string, flags uint8, num uint16) {
	h := hashBytes(w)
	mask := uint64(len(t.hashes) - 1)
	i := h & mask
	for t.flags[i] != 0 && t.hashes[i] != h {
		i = (i + 1) & mask
	}
	t.hashes[i] = h
	t.flags[i] |= flags
	t.num[i] = num
}

func (t *wordTable) get(h uint64) (flags uint8, num uint16) {
	mask := uint64(len(t.hashes) - 1)
	for i := h & mask; t.flags[i] != 0; i = (i + 1) & mask {
		if t.hashes[i] == h {
			return t.flags[i], t.num[i]
		}
	}
	return 0, 0
}

// common holds the stop words, the words that are never names, the
// connectors of names, the numbers written out, the demonyms and their
// countries, and the British spellings of britishWords.
var common, numberWordDigits, demonymCountries, americanWords = func() (*wordTable, []string, []string, []string) {
	t := &wordTable{hashes: make([]uint64, 2048), flags: make([]uint8, 2048), num: make([]uint16, 2048)}
	for w := range stopWords {
		t.put(w, flagStop, 0)
	}
	for w := range notNames {
		t.put(w, flagNotName, 0)
	}
	for w := range connectors {
		t.put(w, flagConnector, 0)
	}
	for _, country := range demonyms {
		t.put(country, flagCountry, 0)
	}
	return t, t.putAll(numberWords, flagNumber), t.putAll(demonyms, flagDemonym), t.putAll(britishWords, flagBritish)
}()

// putAll puts each word of m with flag, numbered in the order of the words,
// and returns what m gives for each, by that number.
func (t *wordTable) putAll(m map[string]string, flag uint8) []string {
	words := make([]string, 0, len(m))
	for w := range m {
		words = append(words, w)
	}
	slices.Sort(words)
	values := make([]string, len(words))
	for i, w := range words {
		t.put(w, flag, uint16(i))
		values[i] = m[w]
	}
	return values
}

// terms returns the grouping keys of the content words of s, in order: lower
// case, stemmed, stop words left out, small numbers in digits.
func terms(s string) []string {
	ws := appendWords(nil, s)
	out := make([]string, 0, len(ws))
	var buf []byte
	for _, w := range ws {
		var ok bool
		buf, ok = termKey(buf[:0], s, w)
		if ok {
			out = append(out, string(buf))
		}
	}
	return out
}

// numbers returns the numbers s states, in digits and in order of first
// mention, each once: "1,200" and "1200" are one number, "three" is "3".
func numbers(s string) []string {
	var out []string
	seen := map[string]bool{}
	var buf []byte
	for _, w := range appendWords(nil, s) {
		buf = appendLower(buf[:0], s[w.start:w.end])
		var n string
		if w.is(wNumber) {
			if !isNumeral(buf) {
				continue
			}
			n = string(buf)
		} else if d, ok := numberWords[string(buf)]; ok {
			n = d
		} else {
			continue
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// isNumeral reports whether b is digits with at most a decimal point, as
// opposed to a token like "2nd" or "4x4".
func isNumeral(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) && c != '.' {
			return false
		}
	}
	return true
}

// stem strips the common English inflections from a lower-case word and
// spells it the American way, so that "charges", "charged" and "charging"
// meet, and "defence" meets "defense".
func stem(w string) string {
	return string(americanStem([]byte(w)))
}

// stemBytes is a light suffix stripper, much gentler than Porter's: plural
// -s and -es, -ies to -y, -ed and -ing (undoubling the consonant before
// them), then a final silent -e. It only shortens, so it can work in place.
func stemBytes(b []byte) []byte {
	n := len(b)
	if n <= 3 {
		return b
	}
	switch {
	case hasSuffix(b, "ies") && n > 4:
		b = append(b[:n-3], 'y')
	case hasSuffix(b, "sses"), hasSuffix(b, "shes"), hasSuffix(b, "ches"), hasSuffix(b, "xes") && n > 4, hasSuffix(b, "zzes"):
		b = b[:n-2]
	case b[n-1] == 's' && b[n-2] != 's' && b[n-2] != 'u' && b[n-2] != 'i' && string(b) != "news":
		b = b[:n-1]
	}
	n = len(b)
	switch {
	case hasSuffix(b, "ied") && n > 4:
		b = append(b[:n-3], 'y')
	case hasSuffix(b, "ing") && n >= 6 && hasVowel(b[:n-3]):
		b = undouble(b[:n-3])
	case hasSuffix(b, "ed") && n >= 5 && b[n-3] != 'e' && hasVowel(b[:n-2]):
		b = undouble(b[:n-2])
	}
	if n = len(b); n >= 4 && b[n-1] == 'e' {
		b = b[:n-1]
	}
	return b
}

func hasSuffix(b []byte, suffix string) bool {
	return len(b) >= len(suffix) && string(b[len(b)-len(suffix):]) == suffix
}

func hasVowel(b []byte) bool { return slices.ContainsFunc(b, isVowel) }

// undouble turns "stopp" (from "stopped") back into "stop", but leaves the
// doubled letters that belong to the word itself ("kill", "pass", "buzz").
func undouble(b []byte) []byte {
	n := len(b)
	if n >= 3 && b[n-1] == b[n-2] {
		switch b[n-1] {
		case 'l', 's', 'z', 'a', 'e', 'i', 'o', 'u':
			return b
		}
		return b[:n-1]
	}
	return b
}

// isStopWord reports whether a lower-case word is too common in news to
// tell one story from another.
func isStopWord(w string) bool { return stopWords[w] }

// timeZones are the zones that news writes after a time of day: "9:03am
// AEST", "5:59 PM EDT".
var timeZones = setOf(`gmt utc bst ist cet cest eet eest et est edt ct cst cdt mt mst mdt pt pst pdt
aest aedt acst acdt awst nzst nzdt jst kst hkt sgt msk`)

// otherThanZones are the time zones that news writes as often for other
// things: a mountain ("Mt Cook"), a scan or a state ("CT"), a trainer.
var otherThanZones = setOf("mt ct pt")

// withZones adds to m the time zones that mean nothing else, and returns
// it.
func withZones(m map[string]bool) map[string]bool {
	for z := range timeZones {
		if !otherThanZones[z] {
			m[z] = true
		}
	}
	return m
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// stopWords are English function words plus the verbs of reporting and the
// relative time words that every news story uses, and the time zones of
// datelines. Weekdays and months are not among them: "on Tuesday" tells
// one event from another.
var stopWords = withZones(setOf(`
a about above after again against ago ahead all almost along already also although always am amid among an and
another any anyone anything are aren't around as at away back be became because become been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
despite done down during each either else enough even ever every few for from further get gets got had hadn't
has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
how's however i i'd i'll i'm i've if in into is isn't it it's its itself just last least less let
let's like made make many may me might more most much must mustn't my myself near neither never next
no nor not now of off often on once one only onto or other others our ours ourselves out over own per
perhaps put rather really same several shall shan't she she'd she'll she's should shouldn't since so
some something still such than that that's the their theirs them themselves then there there's these
they they'd they'll they're they've this those though through thus to too toward towards under until
up upon us very via was wasn't we we'd we'll we're we've well were weren't what what's whatever when
when's where where's whether which while who who's whom whose why why's will with within without won't
would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
say says said saying told tell tells according report reports reported reporting added adds statement
news new year years day days week weeks month months time today yesterday tomorrow tonight
am pm
mr mrs ms dr
`))
