package sample

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"parallax/store"
)

// The checks here hold the comparison story to its design with a crude
// measure of its own (shared content words), so that a sentence meant to be
// shared is plainly shared and a planted unique fact is plainly unique,
// whatever finer measure the compare code uses.

// blandLines recur across outlets of the comparison story without being news.
var blandLines = []string{"The situation continues to evolve.", "More details are expected in the coming days."}

const (
	sharedAt = 0.5  // a shared sentence has a partner at least this close
	uniqueAt = 0.34 // a unique sentence has none this close
)

func TestComparisonStory(t *testing.T) {
	arts := byStory(t)[CompareStory]
	if len(arts) != 5 {
		t.Fatalf("comparison story %q has %d articles, want 5", CompareStory, len(arts))
	}
	for _, line := range blandLines {
		n := 0
		for _, a := range arts {
			if strings.Contains(a.Content, line) {
				n++
			}
		}
		if n < 2 {
			t.Errorf("bland line %q is in %d articles, want at least 2", line, n)
		}
	}
	for i, a := range arts {
		unique := Unique(a.URL)
		if unique == "" {
			t.Errorf("%s: no unique fact planted", a.URL)
		}
		found := false
		for _, s := range sentences(a.Content) {
			if isBland(s) {
				continue
			}
			best, partner := closest(s, arts, i)
			switch {
			case s == unique:
				found = true
				if best >= uniqueAt {
					t.Errorf("%s: unique %q is %.2f close to %q", a.Source, s, best, partner)
				}
			case best < sharedAt:
				t.Errorf("%s: %q is shared by nobody (closest %.2f: %q)", a.Source, s, best, partner)
			}
		}
		if unique != "" && !found {
			t.Errorf("%s: unique %q is not one whole sentence", a.Source, unique)
		}
	}
}

var (
	straightQuote = regexp.MustCompile(`"([^"]+)"`)
	curlyQuote    = regexp.MustCompile(`\x{201c}([^\x{201d}]+)\x{201d}`)
	courtesyName  = regexp.MustCompile(`(?:Mr|Ms)\. ([A-Z][a-z]+)`)
	wordRE        = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// quote is a quotation and the article it appears in.
type quote struct {
	text    string
	article int
}

func TestComparisonStoryQuotes(t *testing.T) {
	arts := byStory(t)[CompareStory]
	var straight, curly []quote
	for i, a := range arts {
		for _, m := range straightQuote.FindAllStringSubmatch(a.Content, -1) {
			straight = append(straight, quote{m[1], i})
		}
		for _, m := range curlyQuote.FindAllStringSubmatch(a.Content, -1) {
			curly = append(curly, quote{m[1], i})
		}
	}
	for _, s := range straight {
		for _, c := range curly {
			if s.article != c.article && s.text != c.text && overlap(words(s.text), words(c.text)) >= 0.6 {
				return
			}
		}
	}
	t.Error("no remark is quoted in straight quotes by one outlet and, worded a little differently, in curly quotes by another")
}

func TestComparisonStoryNumbers(t *testing.T) {
	arts := byStory(t)[CompareStory]
	for i, a := range arts {
		for _, s := range sentences(a.Content) {
			best, partner := closest(s, arts, i)
			mine, theirs := numberWords(s), numberWords(partner)
			if best >= sharedAt && mine != "" && theirs != "" && mine != theirs {
				return
			}
		}
	}
	t.Error("no two outlets give different numbers in matching sentences")
}

// TestComparisonStoryNames wants one official named only as "Ms. Surname"
// by one outlet and by title and full name ("Defense Secretary First
// Surname") by another.
func TestComparisonStoryNames(t *testing.T) {
	arts := byStory(t)[CompareStory]
	for i, a := range arts {
		for _, m := range courtesyName.FindAllStringSubmatch(a.Content, -1) {
			rest := strings.ReplaceAll(a.Content, m[0], "")
			if regexp.MustCompile(`[A-Z][a-z]+ ` + m[1]).MatchString(rest) {
				continue
			}
			full := regexp.MustCompile(`[A-Z][a-z]+ [A-Z][a-z]+ ` + m[1])
			for j, b := range arts {
				if j != i && full.MatchString(b.Content) {
					return
				}
			}
		}
	}
	t.Error("no official is named only as Mr./Ms. Surname by one outlet and by title and full name by another")
}

// closest finds the sentence of another article nearest to s.
func closest(s string, arts []store.Article, self int) (float64, string) {
	best, partner := 0.0, ""
	w := words(s)
	for j, b := range arts {
		if j == self {
			continue
		}
		for _, o := range sentences(b.Content) {
			if isBland(o) {
				continue
			}
			if sc := overlap(w, words(o)); sc > best {
				best, partner = sc, o
			}
		}
	}
	return best, partner
}

func isBland(s string) bool {
	for _, line := range blandLines {
		if s == line {
			return true
		}
	}
	return false
}

var abbreviations = map[string]bool{"Mr.": true, "Ms.": true, "Mrs.": true, "Dr.": true, "St.": true,
	"a.m.": true, "p.m.": true, "U.S.": true}

// sentences splits Markdown prose into sentences, passing over headings and
// list markers and keeping abbreviations such as "Ms." inside their sentence.
func sentences(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n\n") {
		var lines []string
		for _, line := range strings.Split(p, "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			lines = append(lines, strings.TrimPrefix(line, "- "))
		}
		tokens := strings.Fields(strings.Join(lines, " "))
		start := 0
		for i, tok := range tokens {
			bare := strings.TrimRight(tok, "\"'\u201d\u2019")
			end := strings.HasSuffix(bare, ".") || strings.HasSuffix(bare, "?") || strings.HasSuffix(bare, "!")
			if !end || abbreviations[bare] {
				continue
			}
			if i+1 < len(tokens) {
				r, _ := utf8.DecodeRuneInString(tokens[i+1])
				if !unicode.IsUpper(r) && !strings.ContainsRune("\"\u201c", r) {
					continue
				}
			}
			out = append(out, strings.Join(tokens[start:i+1], " "))
			start = i + 1
		}
		if start < len(tokens) {
			out = append(out, strings.Join(tokens[start:], " "))
		}
	}
	return out
}

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but of to in on at for with by from into over as
		that this these those it its is are was were be been being has have had will would can could
		their they them her his she he we our us you your not no which who whom what when while since
		after before ever still also only both each other than then there here so such said says say
		told mr ms`) {
		stopWords[w] = true
	}
}

// words returns the content words of s, lowercased, with a plural s dropped.
func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
		if stopWords[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = strings.TrimSuffix(w, "s")
		}
		out[w] = true
	}
	return out
}

// overlap is the share of the smaller set's words found in the other.
func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

var numberNames = map[string]string{"one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10"}

// numberWords lists the distinct numbers in s, in digits, sorted.
func numberWords(s string) string {
	var out []string
	for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
		if d, ok := numberNames[w]; ok {
			w = d
		} else if !unicode.IsDigit(rune(w[0])) {
			continue
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}
