package story

import (
	"maps"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mdBlock is one block of an article's Markdown as plain text: a paragraph,
// a heading, a list item or a table row. A '\n' left in text marks a line
// break that ends a sentence even without punctuation.
type mdBlock struct {
	text     string
	heading  bool
	item     bool
	linkOnly bool // every word of it is link text: navigation, not prose
}

// proseSentence is one sentence of an article as the comparison sees it.
type proseSentence struct {
	text    string
	para    int // which kept block it comes from
	heading bool
}

// proseQuote is one quotation in an article and the sentence it opens in.
type proseQuote struct {
	text     string
	sentence int
}

// articleProse turns an article's Markdown into its sentences and the
// quotations they carry, leaving out Markdown syntax and the furniture of
// web pages (photo credits, related links, share lines, comment forms).
func articleProse(md string) ([]proseSentence, []proseQuote) {
	var sents []proseSentence
	var quotes []proseQuote
	related := false
	para := 0
	for _, b := range markdownBlocks(md) {
		if b.linkOnly {
			continue
		}
		if related {
			if b.item || b.heading || isBoilerplate(b.text) {
				continue
			}
			related = false
		}
		if isBoilerplate(b.text) {
			related = opensRelated(b.text)
			continue
		}
		first := len(sents)
		var spans [][2]int
		if b.heading {
			b.text = strings.ReplaceAll(b.text, "\n", " ")
			spans = [][2]int{{0, len(b.text)}}
		} else {
			spans = splitSentences(b.text)
		}
		kept := make([]int, len(spans)) // sentence index of each span, -1 if dropped
		for i, sp := range spans {
			s := strings.TrimSpace(b.text[sp[0]:sp[1]])
			kept[i] = -1
			if !hasWordRune(s) || isBoilerplate(s) {
				continue
			}
			kept[i] = len(sents)
			sents = append(sents, proseSentence{text: s, para: para, heading: b.heading})
		}
		if len(sents) == first {
			continue
		}
		// Quotations and sentences both come in order, so the sentence
		// a quotation opens in is found by moving forward.
		i := 0
		for _, q := range quoteSpans(b.text) {
			for i < len(spans) && spans[i][1] <= q[0] {
				i++
			}
			if i == len(spans) || q[0] < spans[i][0] || kept[i] < 0 {
				continue
			}
			at := kept[i]
			if t := cleanQuote(b.text[q[0]:q[1]]); t != "" {
				quotes = append(quotes, proseQuote{text: t, sentence: at})
			}
		}
		para++
	}
	return sents, quotes
}

// PlainText is Markdown as its reader reads it: the text of each block on
// a line of its own, without markup, link addresses, images or code
// blocks. The full-text index holds articles so, to find and show what
// they say rather than the addresses they link to.
func PlainText(md string) string {
	blocks := markdownBlocks(md)
	if len(blocks) == 1 {
		return blocks[0].text
	}
	var b strings.Builder
	b.Grow(len(md))
	for i, block := range blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(block.text)
	}
	return b.String()
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// markdownBlocks splits Markdown into blocks of plain text. Fenced code,
// reference definitions and thematic breaks are dropped; blockquote marks
// are removed; each list item and table row is a block of its own, since
// such lines rarely end with a full stop.
func markdownBlocks(md string) []mdBlock {
	var out []mdBlock
	var lines []string
	var hard []bool // whether the line ends with a hard break
	item := false
	fence := ""
	flush := func(heading bool) {
		if len(lines) == 0 {
			return
		}
		var raw strings.Builder
		for i, l := range lines {
			if i > 0 {
				if hard[i-1] || breaksLine(lines[i-1], l) {
					raw.WriteByte('\n')
				} else {
					raw.WriteByte(' ')
				}
			}
			raw.WriteString(l)
		}
		text, linkOnly := plainInline(raw.String())
		text = squeezeSpaces(text)
		if strings.TrimSpace(text) != "" {
			out = append(out, mdBlock{text: text, heading: heading, item: item && !heading, linkOnly: linkOnly})
		}
		lines, hard, item = lines[:0], hard[:0], false
	}
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimRight(line, "\r")
		if fence != "" {
			if strings.HasPrefix(strings.TrimSpace(line), fence) {
				fence = ""
			}
			continue
		}
		t := strings.TrimLeft(line, " \t")
		for strings.HasPrefix(t, ">") {
			t = strings.TrimLeft(t[1:], " \t")
		}
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			flush(false)
			fence = t[:3]
			continue
		case strings.TrimSpace(t) == "":
			flush(false)
			continue
		case isReferenceDef(t):
			continue
		case isSetextUnderline(t, '=') && len(lines) > 0 && !item:
			flush(true)
			continue
		case isThematicBreak(t):
			flush(len(lines) > 0 && !item && isSetextUnderline(t, '-'))
			continue
		}
		if level := atxLevel(t); level > 0 {
			flush(false)
			h := strings.TrimSpace(t[level:])
			h = strings.TrimSpace(strings.TrimRight(h, "#"))
			lines, hard = append(lines, h), append(hard, false)
			flush(true)
			continue
		}
		if rest, ok := listItem(t); ok {
			flush(false)
			item = true
			t = rest
		} else if strings.HasPrefix(t, "|") {
			flush(false)
			if row := tableRow(t); row != "" {
				lines, hard = append(lines, row), append(hard, false)
				item = true
				flush(false)
			}
			continue
		}
		hb := strings.HasSuffix(line, "  ") || strings.HasSuffix(t, "\\")
		t = strings.TrimSpace(strings.TrimSuffix(t, "\\"))
		lines, hard = append(lines, t), append(hard, hb)
	}
	flush(false)
	return out
}

// breaksLine reports whether the soft line break between prev and next
// ends a sentence: prev is a short line with no closing punctuation (a
// dateline, a credit, a line of an address) and next starts afresh. Long
// lines are taken for prose wrapped by an editor.
func breaksLine(prev, next string) bool {
	prev = strings.TrimRight(prev, " *_")
	if prev == "" || next == "" || utf8.RuneCountInString(prev) >= 50 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".!?…,;:-–—(\"“'‘", last) {
		return false
	}
	if i := strings.LastIndexByte(prev, ' '); i >= 0 && stopWords[strings.ToLower(prev[i+1:])] {
		return false
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, "*_[`"))
	return unicode.IsUpper(first) || unicode.IsDigit(first)
}

func atxLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(t) && t[n] != ' ' && t[n] != '\t' {
		return 0
	}
	return n
}

// listItem strips a bullet ("- ", "* ", "+ ") or a number ("1. ", "2) ")
// from the start of a line.
func listItem(t string) (string, bool) {
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return strings.TrimSpace(t[2:]), true
	}
	n := 0
	for n < len(t) && n < 4 && isDigit(t[n]) {
		n++
	}
	if n > 0 && n < 4 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && t[n+1] == ' ' {
		return strings.TrimSpace(t[n+2:]), true
	}
	return t, false
}

func isThematicBreak(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || t[0] != '-' && t[0] != '*' && t[0] != '_' {
		return false
	}
	t = strings.ReplaceAll(t, " ", "")
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	return strings.Count(t, string(c)) == len(t)
}

func isSetextUnderline(t string, c byte) bool {
	t = strings.TrimSpace(t)
	return t != "" && strings.Count(t, string(c)) == len(t)
}

// isReferenceDef reports whether a line defines a link reference:
// "[1]: https://example.org".
func isReferenceDef(t string) bool {
	if !strings.HasPrefix(t, "[") {
		return false
	}
	i := strings.Index(t, "]:")
	return i > 1 && !strings.ContainsAny(t[1:i], "[]")
}

// tableRow joins the cells of a Markdown table row with commas, or returns
// "" for the row that underlines the header.
func tableRow(t string) string {
	var cells []string
	for _, c := range strings.Split(strings.Trim(strings.TrimSpace(t), "|"), "|") {
		c = strings.TrimSpace(c)
		if strings.Trim(c, ":- ") == "" {
			continue
		}
		cells = append(cells, c)
	}
	return strings.Join(cells, ", ")
}

// squeezeSpaces collapses runs of blanks to one space, keeping the line
// breaks that end sentences, and trims the ends.
func squeezeSpaces(s string) string {
	if strings.IndexByte(s, '\t') < 0 && strings.IndexByte(s, '\r') < 0 && !strings.Contains(s, "\u00a0") &&
		!strings.Contains(s, "  ") && !strings.Contains(s, " \n") && !strings.Contains(s, "\n ") {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
			space = false
		case r == ' ' || r == '\t' || r == '\u00a0' || r == '\r':
			space = true
		default:
			if space && b.Len() > 0 {
				if last := b.String()[b.Len()-1]; last != '\n' {
					b.WriteByte(' ')
				}
			}
			space = false
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// plainInline removes inline Markdown from s: links become their text and
// autolinks their address, images and HTML tags go, emphasis and code marks go,
// backslash escapes and HTML entities are resolved. linkOnly reports that
// all the words of s were link text.
func plainInline(s string) (string, bool) {
	if !strings.ContainsAny(s, inlineMarks) {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	var in, out int
	stripInline(&b, s, false, &in, &out)
	return b.String(), in > 0 && out == 0
}

func stripInline(b *strings.Builder, s string, inLink bool, in, out *int) {
	count := func(r rune) {
		if isWordRune(r) {
			if inLink {
				*in++
			} else {
				*out++
			}
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				b.WriteByte(s[i+1])
				i += 2
				continue
			}
		case '`':
			n := runLen(s, i, '`')
			if j := strings.Index(s[i+n:], strings.Repeat("`", n)); j >= 0 {
				code := strings.TrimSpace(s[i+n : i+n+j])
				for _, r := range code {
					count(r)
				}
				b.WriteString(code)
				i += n + j + n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				if end, _, ok := linkAt(s, i+1); ok {
					i = end
					continue
				}
			}
		case '[':
			if end, label, ok := linkAt(s, i); ok {
				stripInline(b, label, true, in, out)
				i = end
				continue
			}
		case '<':
			if end := tagEnd(s, i); end > 0 {
				if exportAutolink(s[i:end]) {
					// The address is what the reader shows: keep it as
					// the link's text.
					stripInline(b, s[i+1:end-1], true, in, out)
					i = end
					continue
				}
				if t := strings.ToLower(s[i:end]); strings.HasPrefix(t, "<br") || strings.HasPrefix(t, "<p") {
					b.WriteByte('\n')
				}
				i = end
				continue
			}
		case '&':
			if r, n := entityAt(s, i); n > 0 {
				count(r)
				b.WriteRune(r)
				i += n
				continue
			}
		case '*', '_', '~':
			n := runLen(s, i, c)
			var before, after rune = ' ', ' '
			if i > 0 {
				before, _ = utf8.DecodeLastRuneInString(s[:i])
			}
			if i+n < len(s) {
				after, _ = utf8.DecodeRuneInString(s[i+n:])
			}
			keep := false
			switch c {
			case '*':
				keep = unicode.IsSpace(before) && unicode.IsSpace(after)
			case '_':
				keep = isWordRune(before) && isWordRune(after)
			case '~':
				keep = n == 1
			}
			if keep {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		// Copy the plain run up to the next mark at once.
		j := i + 1
		for j < len(s) && !strings.ContainsRune(inlineMarks, rune(s[j])) {
			j++
		}
		for _, r := range s[i:j] {
			count(r)
		}
		b.WriteString(s[i:j])
		i = j
	}
}

// inlineMarks are the bytes that may open inline Markdown.
const inlineMarks = "\\`![<&*_~"

func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && c > ' ' && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9')
}

// linkAt reads a link that opens with the '[' at i: "[text](url)" or
// "[text][ref]". It returns the offset past it and the link text.
func linkAt(s string, i int) (int, string, bool) {
	j := closingBracket(s, i)
	if j >= len(s) || j+1 >= len(s) {
		return 0, "", false
	}
	label := s[i+1 : j]
	switch s[j+1] {
	case '(':
		depth := 0
		for k := j + 1; k < len(s); k++ {
			switch s[k] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return k + 1, label, true
				}
			case '\n':
				return 0, "", false
			}
		}
	case '[':
		if k := strings.IndexByte(s[j+2:], ']'); k >= 0 && !strings.ContainsAny(s[j+2:j+2+k], "[\n") {
			return j + 3 + k, label, true
		}
	}
	return 0, "", false
}

// closingBracket returns the offset of the ']' that closes the '[' at i in
// Markdown text, skipping escaped characters and nested brackets, or
// len(s) or more when none does.
func closingBracket(s string, i int) int {
	depth := 0
	j := i
	for ; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
			continue
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	return j
}

// tagEnd returns the offset past an HTML tag, comment or autolink that
// starts at i, or 0 when the '<' is just a character.
func tagEnd(s string, i int) int {
	if i+1 >= len(s) {
		return 0
	}
	c := s[i+1]
	if !(c == '/' || c == '!' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return 0
	}
	if strings.HasPrefix(s[i:], "<!--") {
		if j := strings.Index(s[i:], "-->"); j >= 0 {
			return i + j + 3
		}
		return 0
	}
	j := strings.IndexByte(s[i:], '>')
	if j < 0 || strings.ContainsAny(s[i+1:i+j], "<\n") {
		return 0
	}
	return i + j + 1
}

// htmlEntities are the named entities that turn up in article Markdown.
var htmlEntities = map[string]rune{
	"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": ' ',
	"ldquo": '“', "rdquo": '”', "lsquo": '‘', "rsquo": '’', "laquo": '«', "raquo": '»',
	"mdash": '—', "ndash": '–', "hellip": '…', "copy": '©', "euro": '€', "pound": '£',
}

func entityAt(s string, i int) (rune, int) {
	j := strings.IndexByte(s[i:min(len(s), i+10)], ';')
	if j < 2 {
		return 0, 0
	}
	name := s[i+1 : i+j]
	if name[0] == '#' {
		base := 10
		digits := name[1:]
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			base, digits = 16, digits[1:]
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
			return 0, 0
		}
		return rune(n), j + 1
	}
	if r, ok := htmlEntities[name]; ok {
		return r, j + 1
	}
	return 0, 0
}

// FirstSentence is the first sentence of a plain paragraph, as the
// comparison splits sentences (see splitSentences), or "" when it has
// none: for a feed's item that has no headline of its own.
func FirstSentence(p string) string {
	spans := splitSentences(p)
	if len(spans) == 0 {
		return ""
	}
	return p[spans[0][0]:spans[0][1]]
}

// splitSentences returns the byte ranges of the sentences of a plain
// paragraph. A sentence ends at '.', '!', '?' or an ellipsis (with any
// closing quotes and brackets after it) followed by a space and something
// that does not continue it, and at every '\n'. A dot does not end a
// sentence after a title ("Sen."), an initial ("J. R. Smith"), "No." before
// a number or a month before a date; after "a.m.", "U.S." or "Inc." it ends
// one only when the next word plainly starts a new one.
func splitSentences(p string) [][2]int {
	var out [][2]int
	emit := func(from, to int) {
		for from < to && (p[from] == ' ' || p[from] == '\n') {
			from++
		}
		for to > from && (p[to-1] == ' ' || p[to-1] == '\n') {
			to--
		}
		if from < to {
			out = append(out, [2]int{from, to})
		}
	}
	start := 0
	for i := 0; i < len(p); {
		if p[i] == '\n' {
			emit(start, i)
			start = i + 1
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(p[i:])
		if !isStopMark(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(p) {
			r2, n := utf8.DecodeRuneInString(p[j:])
			if !isStopMark(r2) {
				break
			}
			j += n
		}
		run := p[i:j]
		for j < len(p) {
			r2, n := utf8.DecodeRuneInString(p[j:])
			if !isCloser(r2) {
				break
			}
			j += n
		}
		if j < len(p) && p[j] != ' ' && p[j] != '\n' {
			i = j
			continue
		}
		if endsSentence(p, i, run, j) {
			emit(start, j)
			start = j
		}
		i = j
	}
	emit(start, len(p))
	return out
}

func isStopMark(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// endsWithStop reports whether s ends with a stop mark, before any
// closing quotes and brackets.
func endsWithStop(s string) bool {
	s = strings.TrimRightFunc(s, isCloser)
	r, _ := utf8.DecodeLastRuneInString(s)
	return isStopMark(r)
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

// Words whose dot never ends a sentence: titles before a name and Latin
// abbreviations. The keys are lower case without dots.
var titleAbbrevs = setOf("mr mrs ms messrs dr sen sens gov rep reps gen lt col maj sgt capt cmdr adm prof rev hon pres supt det insp fr st mt ft eg ie vs cf approx")

// Words whose dot does not end a sentence when a number follows.
var numberAbbrevs = setOf("no nos vol art fig p pp ch jan feb mar apr jun jul aug sep sept oct nov dec")

// Words whose dot ends a sentence only before a plain sentence opener.
var closingAbbrevs = setOf("inc corp ltd co jr sr bros llc plc")

// zoneAbbrevs follow "a.m." and "p.m." without starting a sentence.
var zoneAbbrevs = func() map[string]bool {
	m := setOf("local")
	maps.Copy(m, timeZones)
	return m
}()

// endsSentence decides whether the stop punctuation run (at i, with
// closers up to j) ends a sentence.
func endsSentence(p string, i int, run string, j int) bool {
	k := j
	for k < len(p) && p[k] == ' ' {
		k++
	}
	if k == len(p) || p[k] == '\n' {
		return true
	}
	next, _ := utf8.DecodeRuneInString(p[k:])
	if unicode.IsLower(next) {
		return false
	}
	if run != "." {
		return true
	}
	w := wordBefore(p, i)
	if w == "" {
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return !unicode.IsUpper(r)
	}
	key := strings.ToLower(strings.ReplaceAll(w, ".", ""))
	switch {
	case titleAbbrevs[key]:
		return false
	case numberAbbrevs[key] && unicode.IsDigit(next):
		return false
	case key == "am" || key == "pm":
		return !zoneAbbrevs[strings.ToLower(wordAt(p, k))]
	case closingAbbrevs[key] || isInitialism(w):
		nw := strings.ToLower(wordAt(p, k))
		return nw == "" || stopWords[nw]
	}
	return true
}

// wordBefore returns the letters, digits and inner dots just before the
// dot at i: "U.S" for "U.S.", "Sen" for "Sen.".
func wordBefore(p string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:j])
		if !isWordRune(r) && r != '.' {
			break
		}
		j -= n
	}
	return strings.TrimLeft(p[j:i], ".")
}

// wordAt returns the run of letters starting at k, or "" when k opens a
// quotation or a bracket.
func wordAt(p string, k int) string {
	j := k
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return p[k:j]
}

// isInitialism reports whether w is letters joined by dots, one or two to
// a part: "U.S", "a.m", "D.C".
func isInitialism(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if n := utf8.RuneCountInString(part); n == 0 || n > 2 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}
