package story

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ExportStory is one story as an export writes it: every article in full,
// then what comparing them found.
type ExportStory struct {
	ID       int64
	Title    string
	Sources  []string
	Updated  time.Time
	Saved    bool
	Articles []ExportArticle
	// Comparison is Compare over the articles; nil has the export compare
	// them itself.
	Comparison *Comparison
}

// ExportArticle is one article of an exported story.
type ExportArticle struct {
	ID        int64
	Source    string
	Title     string
	URL       string
	Author    string
	Published time.Time
	FullText  bool   // Text is the page's full text rather than the feed's summary
	Image     string // the lead image's URL, linked and never embedded
	Text      string // Markdown
}

// comparison is s.Comparison, computed when the caller gave none.
func (s ExportStory) comparison() Comparison {
	if s.Comparison != nil {
		return *s.Comparison
	}
	in := make([]CompareInput, len(s.Articles))
	for i, a := range s.Articles {
		in[i] = CompareInput{ID: a.ID, Source: a.Source, Title: a.Title, URL: a.URL, Text: a.Text}
	}
	return Compare(in)
}

// exportTime is how exports write a time: in UTC, so that an export reads
// the same wherever it is made.
func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// exportSummary is what the comparison section says, in the order it says it.
type exportSummary struct {
	Unique        []exportUnique
	Quotes        []exportQuote
	Discrepancies []exportDiscrepancy
}

type exportUnique struct {
	Source    string
	Title     string
	Anchor    string
	Sentences []string
	Cut       string // how far the comparison reached, when not to the end
}

type exportQuote struct {
	Text    string
	Sources []string
}

type exportDiscrepancy struct {
	About  string
	Claims []exportClaim
}

type exportClaim struct {
	Text   string
	Source string
}

// exportSummarise picks from a comparison what an export reports: per article the
// sentences only it carries (bland ones and headings left out), the quotes
// more than one source carries, and the figures the sources disagree on.
func exportSummarise(c Comparison) exportSummary {
	var out exportSummary
	source := map[int64]string{}
	for _, a := range c.Articles {
		source[a.ID] = a.Source
		u := exportUnique{Source: a.Source, Title: a.Title, Anchor: exportAnchor(a.ID)}
		for _, s := range a.Sentences {
			if s.Unique && !s.Bland && !s.Heading {
				u.Sentences = append(u.Sentences, s.Text)
			}
		}
		if n := a.Uncompared(); n > 0 {
			u.Cut = fmt.Sprintf("Only the first %d of its %d sentences were compared: the story is too long to compare whole.",
				len(a.Sentences)-n, len(a.Sentences))
		}
		out.Unique = append(out.Unique, u)
	}
	for _, q := range c.Quotes {
		var names []string
		for _, id := range q.Articles {
			if n := source[id]; n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		if len(q.Articles) > 1 {
			out.Quotes = append(out.Quotes, exportQuote{Text: q.Text, Sources: names})
		}
	}
	for _, d := range c.Discrepancies {
		nd := exportDiscrepancy{About: d.About}
		for _, cl := range d.Claims {
			nd.Claims = append(nd.Claims, exportClaim{Text: cl.Text, Source: source[cl.Article]})
		}
		out.Discrepancies = append(out.Discrepancies, nd)
	}
	return out
}

func exportAnchor(id int64) string { return fmt.Sprintf("article-%d", id) }

// exportKind says whether an article's text is the page's or the feed's.
func exportKind(a ExportArticle) string {
	if a.FullText {
		return "full text"
	}
	return "summary from the feed"
}

// ExportMarkdown writes a story as one Markdown document: a header naming
// its sources, each article with its source, byline, date, link and text,
// and a comparison section: what each source alone reports, the quotes
// several share, and the figures they give differently.
func ExportMarkdown(s ExportStory) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", exportMD(s.Title))
	fmt.Fprintf(&b, "Story %d · %s from %s", s.ID, exportCount(len(s.Articles), "article", "articles"),
		exportCount(len(s.Sources), "source", "sources"))
	if len(s.Sources) > 0 {
		fmt.Fprintf(&b, ": %s", exportMD(strings.Join(s.Sources, ", ")))
	}
	if !s.Updated.IsZero() {
		fmt.Fprintf(&b, " · updated %s", exportTime(s.Updated))
	}
	if s.Saved {
		b.WriteString(" · saved")
	}
	b.WriteString("\n")
	for _, a := range s.Articles {
		fmt.Fprintf(&b, "\n---\n\n## %s: %s\n\n", exportMD(a.Source), exportMD(a.Title))
		var meta []string
		if a.Author != "" {
			meta = append(meta, "By "+exportMD(a.Author))
		}
		if !a.Published.IsZero() {
			meta = append(meta, exportTime(a.Published))
		}
		meta = append(meta, exportKind(a))
		fmt.Fprintf(&b, "*%s*\n", strings.Join(meta, " · "))
		if link := exportWebLink(a.URL); link != "" {
			fmt.Fprintf(&b, "\n<%s>\n", link)
		}
		if img := exportWebLink(a.Image); img != "" {
			fmt.Fprintf(&b, "\nLead image: <%s>\n", img)
		}
		if text := strings.TrimSpace(a.Text); text != "" {
			fmt.Fprintf(&b, "\n%s\n", exportMarkdownText(exportDemote(text)))
		} else {
			b.WriteString("\n*The feed gave only this headline.*\n")
		}
	}
	sum := exportSummarise(s.comparison())
	b.WriteString("\n---\n\n## Comparison\n\n### What only one source reports\n")
	for _, u := range sum.Unique {
		fmt.Fprintf(&b, "\n**%s** (%s)\n\n", exportMD(u.Source), exportMD(u.Title))
		if len(u.Sentences) == 0 {
			b.WriteString("- Nothing that no other source reports.\n")
		}
		for _, sent := range u.Sentences {
			fmt.Fprintf(&b, "- %s\n", exportMD(sent))
		}
		if u.Cut != "" {
			fmt.Fprintf(&b, "\n*%s*\n", u.Cut)
		}
	}
	b.WriteString("\n### Quotes several sources carry\n\n")
	if len(sum.Quotes) == 0 {
		b.WriteString("No quote appears in more than one source.\n")
	}
	for _, q := range sum.Quotes {
		fmt.Fprintf(&b, "> %s\n>\n> — %s\n\n", exportMD(q.Text), exportMD(strings.Join(q.Sources, ", ")))
	}
	b.WriteString("\n### Where the figures differ\n\n")
	if len(sum.Discrepancies) == 0 {
		b.WriteString("The sources agree on every figure they share.\n")
	}
	for _, d := range sum.Discrepancies {
		var claims []string
		for _, c := range d.Claims {
			claims = append(claims, fmt.Sprintf("%q (%s)", exportMD(c.Text), exportMD(c.Source)))
		}
		fmt.Fprintf(&b, "- **%s**: %s\n", exportMD(d.About), strings.Join(claims, " vs "))
	}
	return strings.TrimRight(exportVisible(b.String()), "\n") + "\n"
}

// exportVisible drops what a terminal or a browser would act on rather
// than show: control characters but newline and tab (an escape's payload
// stays as harmless text) and bidirectional controls. Text is sanitised on
// its way into the library; an export may be printed to a terminal, so it
// does not rely on that alone.
func exportVisible(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			return -1
		}
		return r
	}, s)
}

func exportCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// exportMD is one line of outside text, safe in Markdown.
func exportMD(s string) string { return exportMarkdownText(exportLine(s)) }

// exportLine folds text that should be one line onto one, without the
// characters that could drive a terminal or reorder what is shown.
func exportLine(s string) string {
	return strings.Join(strings.Fields(exportSanitize(s)), " ")
}

// exportSanitize drops control characters (line breaks and tabs stay) and
// the invisible marks that reverse or isolate text, so that an export
// printed on a terminal or shown in a browser reads as it is.
func exportSanitize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f),
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f,
			r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
}

// exportWebLink is raw when it is a well-formed http or https address,
// else "".
func exportWebLink(raw string) string {
	raw = strings.TrimSpace(raw)
	if strings.ContainsAny(raw, exportNotInURL) {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// exportNotInURL are characters a well-formed address never holds; one
// that does is not linked.
const exportNotInURL = "\"<>\\`{}| \t\n\r"

var exportHeadingLine = regexp.MustCompile(`(?m)^(#{1,6}) `)

// exportDemote moves an article's own headings below the export's (its
// highest becomes a third-level heading), so that they do not read as the
// start of another article.
func exportDemote(md string) string {
	shift := exportHeadingShift(md)
	if shift == 0 {
		return md
	}
	return exportHeadingLine.ReplaceAllStringFunc(md, func(h string) string {
		return strings.Repeat("#", min(len(h)-1+shift, 6)) + " "
	})
}

// exportHeadingShift is how many levels an article's headings move down so
// that its highest is a third-level one.
func exportHeadingShift(md string) int {
	top := 7
	for _, m := range exportHeadingLine.FindAllString(md, -1) {
		top = min(top, len(m)-1)
	}
	if top > 6 {
		return 0
	}
	return max(3-top, 0)
}

// exportMarkdownText makes outside text safe to write into a Markdown file:
// raw HTML tags are escaped, so that a viewer shows them as text, links
// and images to anything but the web or mail keep only their text, and
// images on the web become links to them.
func exportMarkdownText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i += 2
			continue
		case c == '<' && i+1 < len(s) && exportTagStart(s[i+1]) && !exportAutolink(s[i:]):
			b.WriteString(`\<`)
			i++
			continue
		case c == '[' || (c == '!' && i+1 < len(s) && s[i+1] == '['):
			start := i
			if c == '!' {
				start++
			}
			end, text, target, ok := exportLink(s, start)
			switch {
			case !ok:
			case exportHref(target) == "":
				b.WriteString(exportMarkdownText(text))
				i = end
				continue
			case c == '!':
				// An image stays a link to itself, never embedded: a viewer
				// of the file would fetch it from its server.
				label := "image"
				if text != "" {
					label = "image: " + text
				}
				b.WriteString("[" + exportMarkdownText(label) + "](" + target + ")")
				i = end
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func exportTagStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?'
}

// exportAutolink reports a "<https://...>" autolink at the start of s.
func exportAutolink(s string) bool {
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return false
	}
	inner := s[1:end]
	return !strings.ContainsAny(inner, " <") && exportHref(inner) != ""
}
