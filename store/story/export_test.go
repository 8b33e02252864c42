package story

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// exportFixture reads the story of testdata/export: Markdown articles under
// a front matter of their fields.
func exportFixture(t *testing.T) ExportStory {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "export", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no export fixtures (%v)", err)
	}
	s := ExportStory{ID: 7, Title: "Climbers rescued from Carn Dubh ridge", Saved: true}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		head, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
		if !ok {
			t.Fatalf("%s: no front matter", f)
		}
		a := ExportArticle{Text: body}
		for _, line := range strings.Split(head, "\n") {
			k, v, _ := strings.Cut(line, ": ")
			switch k {
			case "id":
				a.ID, err = strconv.ParseInt(v, 10, 64)
			case "source":
				a.Source = v
			case "title":
				a.Title = v
			case "url":
				a.URL = v
			case "author":
				a.Author = v
			case "image":
				a.Image = v
			case "published":
				a.Published, err = time.Parse(time.RFC3339, v)
			case "fulltext":
				a.FullText = v == "true"
			}
			if err != nil {
				t.Fatalf("%s: %s: %v", f, k, err)
			}
		}
		s.Articles = append(s.Articles, a)
		s.Sources = append(s.Sources, a.Source)
		s.Updated = a.Published
	}
	return s
}

func TestExportMarkdown(t *testing.T) {
	s := exportFixture(t)
	out := ExportMarkdown(s)
	golden.RequireEqual(t, out)
	for _, want := range []string{
		"# Climbers rescued from Carn Dubh ridge",
		`Story 7 · 3 articles from 3 sources: Highland Courier, Glen Radio, The Ledger \<Weekend> · updated 19 Jan 2025 12:05 UTC · saved`,
		"## Highland Courier: Climbers rescued from Carn Dubh ridge after night in snow hole",
		"*By Ailsa Brodie · 19 Jan 2025 08:15 UTC · full text*",
		"<https://courier.parallax.invalid/news/carn-dubh-rescue>",
		"\n### Second call-out in a week\n", // the article's own heading, below the export's
		`\<script>alert('x')\</script>`,     // shown as text, not run by a viewer
		"Donations can be made through the team's site.\n",
		"*19 Jan 2025 09:40 UTC · summary from the feed*",
		"## Comparison",
		"check the [avalanche forecast](https://avalanche.parallax.invalid/forecast) before",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown export lacks %q", want)
		}
	}
	if strings.Contains(out, "javascript") {
		t.Error("a javascript: address survived")
	}
	cmp := s.comparison()
	var wantUnique int
	for _, a := range cmp.Articles {
		for _, sent := range a.Sentences {
			if sent.Unique && !sent.Bland && !sent.Heading {
				wantUnique++
				if !strings.Contains(out, "- "+exportMD(sent.Text)+"\n") {
					t.Errorf("unique sentence of %s missing: %q", a.Source, sent.Text)
				}
			}
		}
	}
	if wantUnique == 0 {
		t.Fatal("the fixture story has no unique sentences to report")
	}
	if len(cmp.Discrepancies) == 0 {
		t.Fatal("the fixture story has no discrepancy to report")
	}
	if !strings.Contains(out, "### Where the figures differ\n\n- **") {
		t.Error("discrepancies not listed")
	}
	if !strings.Contains(out, `> — Highland Courier, Glen Radio, The Ledger \<Weekend>`) {
		t.Error("the quote all three carry is not listed with its sources")
	}
}

func TestExportHTML(t *testing.T) {
	s := exportFixture(t)
	out, err := ExportHTML(s)
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, out)

	for _, want := range []string{
		"<title>Climbers rescued from Carn Dubh ridge</title>",
		`<a href="https://courier.parallax.invalid/news/carn-dubh-rescue">original article</a>`,
		`<a href="https://avalanche.parallax.invalid/forecast">avalanche forecast</a>`,
		`<a href="https://courier.parallax.invalid/img/descent.jpg">Image: Rescuers walking the climbers down the ridge at first light</a>`,
		"<li>a head torch with spare batteries</li>",
		"<h3>Second call-out in a week</h3>",
		// Raw tags in outside text are dropped, as a Markdown renderer
		// allowing no HTML drops them; what they enclose stays text.
		"<p class=\"source\">The Ledger</p>",
		"By Tom Quill · ",
		"since 2019. alert(&#39;x&#39;) Donations can be made through the team&#39;s site.</p>",
		`<section class="comparison" id="comparison">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML export lacks %q", want)
		}
	}

	// Self-contained and safe: no element loads anything, no script runs,
	// every link goes to the web, to mail or within the page.
	if bad := exportUnsafe(out); bad != "" {
		t.Errorf("the page has %s", bad)
	}
	if strings.Contains(out, "javascript") {
		t.Error("a javascript: address survived")
	}
}

func TestExportEmptyStory(t *testing.T) {
	s := ExportStory{ID: 3, Title: "Nothing yet", Articles: []ExportArticle{{ID: 1, Source: "Solo", Title: "Only a headline"}}, Sources: []string{"Solo"}}
	md := ExportMarkdown(s)
	for _, want := range []string{"*The feed gave only this headline.*", "- Nothing that no other source reports.",
		"No quote appears in more than one source.", "The sources agree on every figure they share."} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if _, err := ExportHTML(s); err != nil {
		t.Fatal(err)
	}
}

// TestExportSaysWhereComparisonStops: an article whose last sentences the
// comparison did not reach says how far it went.
func TestExportSaysWhereComparisonStops(t *testing.T) {
	cmp := Comparison{Articles: []ArticleComparison{
		{ID: 1, Source: "Gazette", Sentences: []Sentence{{Text: "One."}, {Text: "Two."}, {Text: "Three.", Uncompared: true}}},
		{ID: 2, Source: "Courier", Sentences: []Sentence{{Text: "Four."}}},
	}}
	s := ExportStory{ID: 3, Title: "Long", Comparison: &cmp, Sources: []string{"Gazette", "Courier"},
		Articles: []ExportArticle{{ID: 1, Source: "Gazette", Text: "One. Two. Three."}, {ID: 2, Source: "Courier", Text: "Four."}}}
	const want = "Only the first 2 of its 3 sentences were compared: the story is too long to compare whole."
	md := ExportMarkdown(s)
	if strings.Count(md, want) != 1 {
		t.Errorf("Markdown should say once %q:\n%s", want, md)
	}
	page, err := ExportHTML(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(page, want) != 1 {
		t.Errorf("HTML should say once %q:\n%s", want, page)
	}
}

func TestExportSpans(t *testing.T) {
	cases := []struct {
		in   string
		want []exportSpan
	}{
		{`plain \*not em\* text`, []exportSpan{{Text: "plain *not em* text"}}},
		{"a **bold** and *em* word", []exportSpan{{Text: "a "}, {Text: "bold", Strong: true}, {Text: " and "}, {Text: "em", Em: true}, {Text: " word"}}},
		{"snake_case_name stays", []exportSpan{{Text: "snake_case_name stays"}}},
		{"[link](https://a.example/x) and [bad](javascript:x)", []exportSpan{{Text: "link", Href: "https://a.example/x"}, {Text: " and "}, {Text: "bad"}}},
		{"an unclosed **star", []exportSpan{{Text: "an unclosed **star"}}},
		{"`x < y`", []exportSpan{{Text: "x < y", Code: true}}},
	}
	for _, c := range cases {
		got := exportSpans(c.in)
		if len(got) != len(c.want) {
			t.Errorf("%q: got %+v, want %+v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: span %d = %+v, want %+v", c.in, i, got[i], c.want[i])
			}
		}
	}
}

// TestExportBlocksKeepHardBreaks: a line that ends in a hard break (a <br>
// in the page) stays a line of its own on the exported page; other lines
// of a paragraph run on.
func TestExportBlocksKeepHardBreaks(t *testing.T) {
	blocks := exportBlocks("Harbour Road 4  \nKettle Point\nopen daily\n\nNext paragraph")
	if len(blocks) != 2 {
		t.Fatalf("%d blocks, want 2: %+v", len(blocks), blocks)
	}
	var got []string
	for _, sp := range blocks[0].Spans {
		if sp.Break {
			got = append(got, "<br>")
		} else {
			got = append(got, sp.Text)
		}
	}
	if want := []string{"Harbour Road 4", "<br>", "Kettle Point open daily"}; !slices.Equal(got, want) {
		t.Errorf("spans %q, want %q", got, want)
	}
}

// TestExportHTMLTable writes a Markdown table as a table, its cells'
// markup read and HTML tags in them dropped as elsewhere, and leaves a line of
// pipes that is no table a paragraph.
func TestExportHTMLTable(t *testing.T) {
	text := "Results by district:\n\n" +
		"| District | Turnout | Note |\n|:---|---:|---|\n" +
		"| North | 61% | **record** |\n| South \\| Coast | 58% | <script>alert(1)</script> |\n\n" +
		"| not | a table |\n\nAfter the table."
	page, err := ExportHTML(ExportStory{ID: 1, Title: "Count", Articles: []ExportArticle{{ID: 1, Source: "Desk", Title: "Count", Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<thead><tr><th>District</th><th>Turnout</th><th>Note</th></tr></thead>",
		"<tr><td>North</td><td>61%</td><td><strong>record</strong></td></tr>",
		"<td>South | Coast</td><td>58%</td><td>alert(1)</td>",
		"<p>| not | a table |</p>",
		"<p>After the table.</p>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if bad := exportUnsafe(page); bad != "" {
		t.Errorf("the page carries %s", bad)
	}
}
