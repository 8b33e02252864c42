package feeds

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"parallax/store"
)

// ReadArticle reads one saved article: a .txt or .md file, whose first line
// that is not a section label, date, byline, URL or URL slug is the title
// and the rest the text, or an .html page, whose title and main text are
// extracted. Boilerplate that pages carry around an article (photo credits,
// related-story lists, comment forms, share and subscribe lines) is left
// out. source names the outlet; when empty, a page's own site name or else
// the file's name does. The article is marked as full text, and its GUID is
// a hash of its title and text, so the same file imported twice is one
// article.
func ReadArticle(name string, data []byte, source string) (store.Article, error) {
	kind := Sniff(name, data)
	var (
		a   store.Article
		err error
	)
	switch kind {
	case KindText:
		a = readText(string(data), false)
	case KindMarkdown:
		a = readText(string(data), true)
	case KindHTML:
		a, err = readHTML(data)
	default:
		return store.Article{}, fail(name, "not an article file ("+kindPhrase(kind)+")", ErrNotArticle)
	}
	if err != nil {
		return store.Article{}, fail(name, err.Error(), err)
	}
	if s := SanitizeLine(source); s != "" {
		a.Source = s
	}
	if strings.TrimSpace(a.Content) == "" {
		return store.Article{}, fail(name, noTextReason(kind, a.Title), nil)
	}
	fileSource, fileTitle := splitFileName(name)
	if a.Source == "" {
		a.Source = fileSource
	}
	if a.Title == "" {
		a.Title = fileTitle
	}
	now := time.Now().UTC()
	if a.Published.After(now) {
		a.Published = now
	}
	a.Fetched = now
	a.FullText = true
	a.Summary = excerpt("", a.Content)
	a.GUID = hashGUID(a.Title + "\n" + a.Content)
	return a, nil
}

// maxQuotedTitle is the most characters of a headline an error message
// quotes.
const maxQuotedTitle = 60

// noTextReason says why a file of the given kind gave no article text.
// A text or Markdown file whose only line reads as a headline is told so,
// since that line is the file's title and nothing is left for the text.
func noTextReason(kind Kind, title string) string {
	if kind == KindHTML {
		return "no article text found in the page"
	}
	const need = "an article file needs a headline line, then the article's text"
	if title != "" {
		return "only a headline (" + strconv.Quote(cutRunes(title, maxQuotedTitle)) + "), no article text after it; " + need
	}
	return "no article text found; " + need
}

// kindPhrase says what a file that is not an article holds instead.
func kindPhrase(k Kind) string {
	switch k {
	case KindOPML:
		return "it is OPML"
	case KindURLs:
		return "it is a urls file"
	case KindFeed:
		return "it is a feed"
	}
	return "unrecognised content"
}

// splitFileName derives an outlet and a title from a file's name. Pages a
// browser saves are named "Headline - Outlet" or "Headline | Outlet"; a short
// last part is taken as the outlet. Otherwise the whole name, with
// underscores and hyphens read as spaces, serves as both.
func splitFileName(name string) (source, title string) {
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = SanitizeLine(base)
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		if i := strings.LastIndex(base, sep); i > 0 {
			head, tail := strings.TrimSpace(base[:i]), strings.TrimSpace(base[i+len(sep):])
			if tail != "" && len(strings.Fields(tail)) <= 4 {
				return tail, head
			}
		}
	}
	plain := SanitizeLine(strings.NewReplacer("_", " ", "-", " ").Replace(base))
	return plain, capitalise(plain)
}

func capitalise(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// readText reads a plain-text or Markdown article.
func readText(src string, markdown bool) store.Article {
	src = unescapeQuotes(Sanitize(src))
	var a store.Article
	src = frontMatter(src, &a)
	lines := strings.Split(src, "\n")
	body := header(lines, &a, markdown)
	kept := cleanBody(body)
	if markdown {
		a.Content = tidyMarkdown(breaksFromBrTags(strings.Join(kept, "\n")))
	} else {
		a.Content = unmaskLinks(textParagraphs(kept))
	}
	return a
}

// unescapeQuotes undoes the backslash-escaping of quotes that text copied
// out of JSON or a script carries.
func unescapeQuotes(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return strings.NewReplacer(`\"`, `"`, `\'`, `'`, `\“`, `“`, `\”`, `”`).Replace(s)
}

// frontMatter takes a leading YAML front-matter block off src, filling the
// article's title, author, date and URL from it.
func frontMatter(src string, a *store.Article) string {
	if !strings.HasPrefix(src, "---\n") {
		return src
	}
	end := strings.Index(src[4:], "\n---")
	if end < 0 || end > 8192 {
		return src
	}
	block := src[4 : 4+end]
	rest := src[4+end+4:]
	for _, line := range strings.Split(block, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			a.Title = SanitizeLine(v)
		case "author", "byline":
			a.Author = SanitizeLine(v)
		case "date", "published":
			if t, ok := parseDate(v); ok {
				a.Published = t
			}
		case "url", "link", "source_url", "canonical":
			a.URL = resolveLink("", v)
		case "source", "publisher", "site":
			a.Source = SanitizeLine(v)
		}
	}
	return rest
}

// headerLines is how far into a file the title and the lines around it
// (labels, slugs, dates, bylines, the page's URL) are looked for.
const headerLines = 12

// header finds the title and the metadata lines around it at the top of a
// text article and returns the lines that remain.
func header(lines []string, a *store.Article, markdown bool) []string {
	haveTitle := a.Title != ""
	seen := 0
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			continue
		}
		seen++
		if seen > headerLines {
			return lines[i:]
		}
		text := line
		if markdown {
			text = strings.TrimSpace(strings.TrimLeft(line, "#"))
		}
		switch {
		case isBoilerplate(text):
			continue
		case a.URL == "" && isBareURL(text):
			a.URL = resolveLink("", text)
			continue
		case isSlug(text):
			if !haveTitle && nextLine(lines, i+1) == "" {
				a.Title = capitalise(strings.NewReplacer("_", " ", "-", " ").Replace(trimExt(text)))
				haveTitle = true
			}
			continue
		}
		if t, ok := dateLine(text); ok {
			if a.Published.IsZero() {
				a.Published = t
			}
			continue
		}
		if by, ok := byline(text); ok {
			if a.Author == "" {
				a.Author = by
			}
			continue
		}
		if haveTitle && strings.EqualFold(plainMarkdownLine(text), a.Title) {
			continue
		}
		if haveTitle && isLabel(text) &&
			strings.EqualFold(plainMarkdownLine(strings.TrimLeft(nextLine(lines, i+1), "#")), a.Title) {
			continue
		}
		if !haveTitle && isKicker(line, text, lines[i+1:], markdown) {
			continue
		}
		if !haveTitle && titleShaped(line, text, markdown) {
			a.Title = plainMarkdownLine(text)
			haveTitle = true
			continue
		}
		return lines[i:]
	}
	return nil
}

// titleShaped reports a line short enough to be a headline. A Markdown
// subheading ("## ...") never is: it heads a part of the text.
func titleShaped(line, text string, markdown bool) bool {
	if markdown && strings.HasPrefix(line, "##") {
		return false
	}
	return len(text) <= 250 && len(strings.Fields(text)) <= 25
}

// isKicker reports a line above the headline naming the section a page was
// filed under, such as "World News" or "POLITICS": a label in capitals or
// made of section names, with a headline of its own still to come before
// the text. A short headline such as "Markets Rally" or "Brexit" is not
// one, nor is a Markdown "# " heading, which is always the headline.
func isKicker(line, text string, rest []string, markdown bool) bool {
	if markdown && strings.HasPrefix(line, "# ") {
		return false
	}
	if !isLabel(text) || !(isAllCaps(text) || isSectionName(text)) {
		return false
	}
	return headlineFollows(rest, markdown)
}

// headlineFollows reports whether the first line of lines that is not a
// slug, URL, date, byline or page furniture reads as a headline rather
// than as the start of the text.
func headlineFollows(lines []string, markdown bool) bool {
	seen := 0
	for _, l := range lines {
		line := strings.TrimSpace(l)
		if line == "" {
			continue
		}
		if seen++; seen > headerLines {
			return false
		}
		text := line
		if markdown {
			text = strings.TrimSpace(strings.TrimLeft(line, "#"))
		}
		if isHeaderDetail(text) {
			continue
		}
		return text != "" && titleShaped(line, text, markdown) && !isParagraph(text)
	}
	return false
}

// isHeaderDetail reports a line that pages put around a headline: a slug,
// the page's URL, a date, a byline, or furniture such as share links.
func isHeaderDetail(text string) bool {
	if isBoilerplate(text) || isBareURL(text) || isSlug(text) {
		return true
	}
	if _, ok := dateLine(text); ok {
		return true
	}
	_, ok := byline(text)
	return ok
}

// nextLine returns the next non-blank line from lines[i:], or "".
func nextLine(lines []string, i int) string {
	for ; i < len(lines); i++ {
		if l := strings.TrimSpace(lines[i]); l != "" {
			return l
		}
	}
	return ""
}

// plainMarkdownLine strips emphasis markers from a title written in
// Markdown.
func plainMarkdownLine(s string) string {
	s = strings.Trim(s, "*_ ")
	return SanitizeLine(s)
}

var (
	slugRE  = lazyRegexp(`^[\p{L}\p{N}]+(?:[_-][\p{L}\p{N}]+){2,}(?:\.[a-z]{2,5})?$`)
	labelRE = lazyRegexp(`^\p{Lu}[\p{L}'’.]*(?: & \p{Lu}[\p{L}'’.]*| \p{Lu}[\p{L}'’.]*)?$`)
	urlRE   = lazyRegexp(`^https?://\S+$`)
)

// isSlug reports a URL-slug line: three or more words joined by
// underscores or hyphens, with no spaces.
func isSlug(s string) bool {
	return slugRE().MatchString(s)
}

func trimExt(s string) string {
	if i := strings.LastIndexByte(s, '.'); i > 0 {
		return s[:i]
	}
	return s
}

// isLabel reports a line shaped like a section label such as "World News"
// or "POLITICS": one or two capitalised words and no sentence punctuation.
func isLabel(s string) bool {
	return len(s) <= 30 && labelRE().MatchString(s) && !strings.HasSuffix(s, ".")
}

// isAllCaps reports text with letters, all of them capitals.
func isAllCaps(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// isSectionName reports a label made of the words newspapers name their
// sections with, such as "World News", "Politics" or "Arts & Culture".
// Title Case alone does not make a label: a short headline has it too.
func isSectionName(s string) bool {
	for _, w := range strings.Fields(s) {
		if w != "&" && !isSectionWord(strings.ToLower(strings.Trim(w, "'’."))) {
			return false
		}
	}
	return true
}

func isSectionWord(w string) bool {
	switch w {
	case "news", "world", "national", "international", "local", "politics", "business", "economy",
		"money", "markets", "finance", "tech", "technology", "science", "health", "environment",
		"climate", "education", "sport", "sports", "football", "culture", "arts", "entertainment",
		"music", "film", "books", "media", "opinion", "comment", "analysis", "features", "lifestyle",
		"life", "style", "travel", "food", "weather", "breaking", "latest", "live", "exclusive",
		"uk", "us", "europe", "asia", "africa", "americas", "australia", "middle", "east":
		return true
	}
	return false
}

func isBareURL(s string) bool {
	return urlRE().MatchString(s)
}

var bylineRE = lazyRegexp(`(?i)^(?:by|words by|written by|author:?)\s+(.+)$`)

// byline returns the author a short "By ..." line names. The words after
// "By" must read as names (capitalised, joined by "and" or commas), so a
// headline such as "By the end of the year..." is not taken for one.
func byline(s string) (string, bool) {
	m := bylineRE().FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	name := strings.TrimRight(m[1], ".,;: ")
	if i := strings.Index(name, " | "); i > 0 {
		name = name[:i]
	}
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 10 {
		return "", false
	}
	for _, w := range words {
		w = strings.Trim(w, ",")
		switch strings.ToLower(w) {
		case "and", "&", "de", "la", "le", "del", "di", "du", "el", "van", "von", "der", "da", "al", "bin", "ibn":
			continue
		}
		if r := []rune(w); len(r) == 0 || !unicode.IsUpper(r[0]) {
			return "", false
		}
	}
	return SanitizeLine(name), true
}

var (
	datePrefixRE = lazyRegexp(`(?i)^(?:published|updated|last updated|first published|posted|date|dated)(?:\s+on)?\s*:?\s*`)
	isoDateRE    = lazyRegexp(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2}))?`)
	mdyDateRE    = lazyRegexp(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`)
	dmyDateRE    = lazyRegexp(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})`)
	clockRE      = lazyRegexp(`(?i)\b(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?`)
)

// dateLine reports a short line that states when the article appeared,
// and that time.
func dateLine(s string) (time.Time, bool) {
	if len(strings.Fields(s)) > 12 {
		return time.Time{}, false
	}
	s = datePrefixRE().ReplaceAllString(s, "")
	t, ok := parseDate(s)
	if !ok {
		return t, false
	}
	// What is left beside the date may be a weekday or a time zone, not a
	// headline that happens to start with a date.
	rest := s
	for _, re := range []*regexp.Regexp{isoDateRE(), mdyDateRE(), dmyDateRE(), clockRE()} {
		rest = re.ReplaceAllString(rest, " ")
	}
	return t, len(strings.Fields(strings.Trim(rest, " ,.|-–—"))) <= 3
}

// parseDate reads the dates news pages print: 2024-05-03, May 3, 2024 and
// 3 May 2024, each with an optional clock time, taken as UTC.
func parseDate(s string) (time.Time, bool) {
	var y, mo, d int
	rest := s
	if m := isoDateRE().FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		d, _ = strconv.Atoi(m[3])
		rest = ""
		if m[4] != "" {
			rest = m[4] + ":" + m[5]
		}
	} else if m := mdyDateRE().FindStringSubmatch(s); m != nil {
		mo = monthNumber(m[1])
		d, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
		rest = strings.Replace(s, m[0], "", 1)
	} else if m := dmyDateRE().FindStringSubmatch(s); m != nil {
		d, _ = strconv.Atoi(m[1])
		mo = monthNumber(m[2])
		y, _ = strconv.Atoi(m[3])
		rest = strings.Replace(s, m[0], "", 1)
	} else {
		return time.Time{}, false
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	var hh, mm int
	if m := clockRE().FindStringSubmatch(rest); m != nil {
		hh, _ = strconv.Atoi(m[1])
		mm, _ = strconv.Atoi(m[2])
		pm := strings.HasPrefix(strings.ToLower(m[3]), "p")
		if pm && hh < 12 {
			hh += 12
		} else if m[3] != "" && !pm && hh == 12 {
			hh = 0
		}
		if hh > 23 || mm > 59 {
			hh, mm = 0, 0
		}
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func monthNumber(s string) int {
	months := []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	s = strings.ToLower(s)
	for i, m := range months {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	return 0
}

var (
	// photoRE matches photo credits and captions that end in one.
	photoRE = lazyRegexp(`(?i)^(?:` +
		`(?:photo|photos|photograph|image|picture|pic|illustration|graphic)s?(?:\s+credits?)?\s*[:：|©]` +
		`|(?:photo|image|picture)\s+credits?\b` +
		`|(?:photo|photograph|picture|image)\s+by\b` +
		`|credit\s*:` +
		`|©` +
		`|[\w .,'’&-]{0,60}\bvia getty images$` +
		`|(?:getty images|ap|afp|reuters|epa|shutterstock)(?:\s*/\s*[\w .'’-]+)?$` +
		`)`)
	// photoCreditRE matches a parenthesised credit such as "(AP Photo/Jane
	// Doe)", which marks its line as a caption.
	photoCreditRE = lazyRegexp(`(?i)\((?:[\w .&'’-]{0,40}\s)?(?:photo|photograph|image|picture|pictured)(?:\s+by|\s+credit)?\s*[:/][^)]*\)`)

	// relatedRE matches the heading of a list of other stories.
	relatedRE = lazyRegexp(`(?i)^(?:related(?:\s+(?:posts?|sources?|articles?|stories|story|content|coverage|news|reading|links|topics|videos?))?` +
		`|more on this (?:story|topic)|more stories|more from [\w .'’-]+|read more|read next|read also|also read` +
		`|you (?:may|might) also like|recommended(?: for you| stories| reading)?|see also|most (?:read|popular|viewed)` +
		`|trending(?: now| stories)?|latest (?:news|stories)|more news|top stories|editor'?s picks)\s*:?$`)

	// commentsRE matches where a comment section begins; nothing after it
	// is the article.
	commentsRE = lazyRegexp(`(?i)^(?:leave a (?:reply|comment)|post a comment|add a comment|join the (?:conversation|discussion)` +
		`|comments?|\d+\s+comments?|show comments|view comments|comments are closed\.?|discussion)\s*:?$`)

	// furnitureRE matches single lines of page furniture: comment form
	// fields, share and subscribe prompts, navigation.
	furnitureRE = lazyRegexp(`(?i)^(?:` +
		`your email address will not be published.*|required fields are marked.*|post comment|submit comment|cancel reply` +
		`|(?:name|email|e-mail|website|comment)\s*\*?|save my name, email,? and website.*|notify me of (?:follow-up comments|new posts).*` +
		`|you must be logged in to post a comment.*` +
		`|share(?: this(?: article| story| post| page)?)?\s*:?|share (?:on|via|to|with) \S+.*|click to (?:share|email|print).*` +
		`|(?:tweet|email|print|copy link|whatsapp|facebook|twitter|x|linkedin|reddit|pinterest|telegram|messenger|flipboard)` +
		`|subscribe(?: now)?(?: to (?:our|the) (?:\S+ )?newsletters?)?.*|sign up (?:for|to) (?:our |the )?(?:\S+ )?newsletters?.*` +
		`|newsletter sign-?up.*|follow us(?: on .*)?|like this:?|loading\.*|back to top.*|advertisement|advert|sponsored(?: content)?` +
		`|skip to (?:main )?content|scroll to continue.*|continue reading.*|story continues below.*` +
		`)$`)

	listMarkRE = lazyRegexp(`^(?:[-*+•·>]|\d+[.)])\s+`)
)

// furniture strips list and heading marks and emphasis off a line so that
// boilerplate is matched however a page dressed it.
func furniture(line string) string {
	s := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
	s = listMarkRE().ReplaceAllString(s, "")
	return strings.TrimSpace(strings.Trim(s, "*_[]"))
}

// isBoilerplate reports a line that is page furniture rather than text: a
// photo credit or caption, a share, subscribe or comment-form line.
func isBoilerplate(line string) bool {
	s := furniture(line)
	if s == "" {
		return false
	}
	if photoCreditRE().MatchString(s) {
		return true
	}
	if len(strings.Fields(s)) > 15 {
		return false
	}
	return photoRE().MatchString(s) || furnitureRE().MatchString(s)
}

// cleanBody drops boilerplate from an article's lines: furniture lines,
// related-story lists with their headlines, and everything from the start
// of a comment section on.
func cleanBody(lines []string) []string {
	var out []string
	related := false
	for _, line := range lines {
		s := furniture(line)
		switch {
		case s == "":
			out = append(out, "")
			continue
		case commentsRE().MatchString(s) && hasText(out):
			return out
		case relatedRE().MatchString(s):
			related = true
			continue
		case isBoilerplate(line):
			continue
		}
		if related {
			if !isParagraph(s) {
				continue
			}
			related = false
		}
		out = append(out, line)
	}
	return out
}

// hasText reports whether lines hold something other than blanks.
func hasText(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

// isParagraph tells running text from a headline: many words, or a
// sentence's worth ending as sentences do.
func isParagraph(s string) bool {
	n := len(strings.Fields(s))
	if n > 25 {
		return true
	}
	return n >= 12 && strings.ContainsAny(s[len(s)-1:], `.!?"”'’`)
}

// textParagraphs turns the lines of a plain-text article into Markdown
// paragraphs. A block of hard-wrapped lines becomes one paragraph; lines
// that are each a paragraph, as text copied from a page is, stay apart.
func textParagraphs(lines []string) string {
	var paras []string
	var block []string
	flush := func() {
		if len(block) == 0 {
			return
		}
		if wrapped(block) {
			paras = append(paras, strings.Join(block, " "))
		} else {
			paras = append(paras, block...)
		}
		block = block[:0]
	}
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		block = append(block, l)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// wrapped reports a block of lines broken at a fixed width: every line but
// the last is of moderate length, most of them stop mid-sentence, and none
// is a list item. Lines copied from a page each end a paragraph instead.
func wrapped(block []string) bool {
	if len(block) < 2 {
		return false
	}
	open := 0
	for i, l := range block {
		if listMarkRE().MatchString(l) {
			return false
		}
		if i == len(block)-1 {
			break
		}
		if len(l) < 30 || len(l) > 100 {
			return false
		}
		if !strings.ContainsAny(l[len(l)-1:], `.!?:"”'’`) {
			open++
		}
	}
	return open*2 >= len(block)-1
}

// shortPage is the word count below which a page's own structure is
// trusted over the extractors, which on short pages may keep only a
// fragment or run the whole page's text together.
const shortPage = 100

// readHTML extracts a saved web page's article. Short pages, and pages
// where extraction finds nothing, are read from their <article>, <main> or
// <body> instead, less navigation, headers, footers and asides.
func readHTML(data []byte) (store.Article, error) {
	var a store.Article
	if res := extract(data); res != nil {
		a.Title = plainLine(res.title)
		a.Author = plainLine(res.author)
		a.URL = resolveLink("", res.url)
		a.Source = plainLine(res.siteName)
		a.Published = res.published
		if res.content != nil {
			a.Content = nodeToMarkdown(res.content, a.URL)
		}
	}
	if countWords(a.Content) < shortPage {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return a, errors.New("unreadable HTML")
		}
		dropHidden(doc)
		if a.Title == "" {
			a.Title = pageTitle(doc)
		}
		if md := nodeToMarkdown(mainNode(doc), a.URL); countWords(md) > 0 {
			a.Content = md
		}
	}
	a.Title = unescapeQuotes(a.Title)
	lines := strings.Split(unescapeQuotes(a.Content), "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[0], "# ") {
		if a.Title == "" {
			a.Title = plainMarkdownLine(lines[0][2:])
		}
		lines = lines[1:]
	} else if len(lines) > 0 && a.Title != "" && strings.EqualFold(plainMarkdownLine(lines[0]), a.Title) {
		lines = lines[1:]
	}
	a.Content = tidyMarkdown(strings.Join(cleanBody(lines), "\n"))
	return a, nil
}

// extracted is what extraction found on a web page.
type extracted struct {
	title, author, siteName, url string
	published                    time.Time
	content                      *html.Node
}

// extract finds a page's article with Readability, the algorithm of
// Firefox's reader view and the first of go-trafilatura's fallbacks. It is
// used without go-trafilatura because linking that costs every start of
// parallax a quarter of a second and 80 MB for the date parser it brings in;
// readHTML's own reading of <article> and <main> covers what Readability
// misses. A panic is treated as finding nothing: a page is untrusted input,
// and one bad page must not end an import.
func extract(data []byte) (res *extracted) {
	defer func() {
		if recover() != nil {
			res = nil
		}
	}()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	dropHidden(doc)
	res = &extracted{url: canonicalURL(doc)}
	r, err := readability.FromDocument(doc, nil)
	if err != nil {
		return res
	}
	res.title, res.author, res.siteName = r.Title, r.Byline, r.SiteName
	if r.PublishedTime != nil {
		res.published = r.PublishedTime.UTC()
	}
	if countWords(r.TextContent) > 0 {
		res.content = r.Node
	}
	return res
}

// canonicalURL is the address a page gives for itself: its canonical link,
// else its Open Graph URL.
func canonicalURL(doc *html.Node) string {
	var link, og string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if rel, _ := attr(n, "rel"); strings.EqualFold(rel, "canonical") && link == "" {
					link, _ = attr(n, "href")
				}
			case atom.Meta:
				if p, _ := attr(n, "property"); p == "og:url" && og == "" {
					og, _ = attr(n, "content")
				}
			case atom.Body:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if link != "" {
		return strings.TrimSpace(link)
	}
	return strings.TrimSpace(og)
}

// pageTitle is a page's first <h1>, else its <title>.
func pageTitle(doc *html.Node) string {
	if h := findElement(doc, atom.H1); h != nil {
		if t := SanitizeLine(textOf(h)); t != "" {
			return t
		}
	}
	if t := findElement(doc, atom.Title); t != nil {
		return SanitizeLine(textOf(t))
	}
	return ""
}

// mainNode is the element most likely to hold a page's article, with the
// page's navigation, headers, footers and asides removed.
func mainNode(doc *html.Node) *html.Node {
	n := findElement(doc, atom.Article)
	if n == nil {
		n = findElement(doc, atom.Main)
	}
	if n == nil {
		n = findElement(doc, atom.Body)
	}
	if n == nil {
		n = doc
	}
	removeElements(n, map[atom.Atom]bool{atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true})
	return n
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

func removeElements(n *html.Node, drop map[atom.Atom]bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && drop[c.DataAtom] {
			n.RemoveChild(c)
		} else {
			removeElements(c, drop)
		}
		c = next
	}
}

// ErrNotArticle is what ReadArticle's error wraps for a file that holds
// something other than an article.
var ErrNotArticle = errors.New("not an article file")
