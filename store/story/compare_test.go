package story

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// compareFixture is one article of a test story under testdata/compare: Markdown
// after a front matter of "key: value" lines between "---" lines. unique
// is the sentence the article alone reports.
type compareFixture struct {
	in     CompareInput
	unique string
}

func loadCompareStory(t testing.TB, glob string) []compareFixture {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "compare", glob))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures match testdata/compare/%s (%v)", glob, err)
	}
	var out []compareFixture
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		head, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
		if !ok || !strings.HasPrefix(string(b), "---\n") {
			t.Fatalf("%s: no front matter", f)
		}
		var fx compareFixture
		fx.in.Text = body
		for _, line := range strings.Split(head, "\n") {
			k, v, _ := strings.Cut(line, ": ")
			switch k {
			case "id":
				if fx.in.ID, err = strconv.ParseInt(v, 10, 64); err != nil {
					t.Fatalf("%s: id %q: %v", f, v, err)
				}
			case "source":
				fx.in.Source = v
			case "title":
				fx.in.Title = v
			case "url":
				fx.in.URL = v
			case "unique":
				fx.unique = v
			}
		}
		out = append(out, fx)
	}
	slices.SortFunc(out, func(a, b compareFixture) int { return int(a.in.ID - b.in.ID) })
	return out
}

func compareInputs(fs []compareFixture) []CompareInput {
	out := make([]CompareInput, len(fs))
	for i, f := range fs {
		out[i] = f.in
	}
	return out
}

// The ferry story: five outlets report one grounding. Each adds one fact of
// its own (a senator's criticism, a minister's remarks, the hearing's place,
// an invitation, an earlier wreck), the minister's remark is quoted in
// straight and curly quotes and in part, she is "Transport Minister Anika
// Dovan" to four outlets and "Ms. Dovan" to the fifth, one outlet counts 3
// tugboats where the others count four, and stock lines recur.
const (
	ferryGazette   = 11
	ferryPost      = 12
	ferryRadio     = 13
	ferryCoastline = 14
	ferryLedger    = 15
)

var stockLines = []string{
	"The situation continues to evolve.",
	"More details are expected in the coming days.",
	"Officials did not immediately respond to a request for comment.",
}

func TestCompareSharedAndUnique(t *testing.T) {
	fs := loadCompareStory(t, "ferry-*.md")
	c := Compare(compareInputs(fs))
	if len(c.Articles) != len(fs) {
		t.Fatalf("%d articles, want %d", len(c.Articles), len(fs))
	}
	for i, a := range c.Articles {
		if a.ID != fs[i].in.ID || a.Source != fs[i].in.Source || a.URL != fs[i].in.URL || a.Title != fs[i].in.Title {
			t.Errorf("article %d is %d %q, want %d %q in input order", i, a.ID, a.Source, fs[i].in.ID, fs[i].in.Source)
		}
		found := false
		for _, s := range a.Sentences {
			switch {
			case s.Text == fs[i].unique:
				found = true
				if !s.Unique || len(s.SharedWith) != 0 {
					t.Errorf("%s: its own fact %q is shared with %v (unique %v)", a.Source, s.Text, s.SharedWith, s.Unique)
				}
			case slices.Contains(stockLines, s.Text):
				if !s.Bland || s.Unique || len(s.SharedWith) != 0 {
					t.Errorf("%s: stock line %q: bland %v, unique %v, shared with %v; want bland only",
						a.Source, s.Text, s.Bland, s.Unique, s.SharedWith)
				}
			case s.Heading:
				if s.Unique || len(s.SharedWith) != 0 {
					t.Errorf("%s: heading %q counted as unique %v or shared %v", a.Source, s.Text, s.Unique, s.SharedWith)
				}
			default:
				if s.Bland || s.Unique || len(s.SharedWith) == 0 {
					t.Errorf("%s: %q is reported elsewhere but marked bland %v, unique %v, shared with %v",
						a.Source, s.Text, s.Bland, s.Unique, s.SharedWith)
				}
			}
			if slices.Contains(s.SharedWith, a.ID) {
				t.Errorf("%s: %q shared with itself", a.Source, s.Text)
			}
		}
		if !found {
			t.Errorf("%s: its own fact %q is not one of its sentences", a.Source, fs[i].unique)
		}
	}
}

// Sharing goes both ways: if a sentence of A is close to one of B, that
// sentence of B is close to it.
func TestCompareSymmetric(t *testing.T) {
	c := Compare(compareInputs(loadCompareStory(t, "ferry-*.md")))
	for _, a := range c.Articles {
		for si, s := range a.Sentences {
			for _, m := range s.Matches {
				b := c.article(m.Article)
				if b == nil || m.Sentence >= len(b.Sentences) {
					t.Fatalf("%s sentence %d matches a missing sentence %+v", a.Source, si, m)
				}
				back := b.Sentences[m.Sentence]
				ok := false
				for _, r := range back.Matches {
					ok = ok || r.Article == a.ID && r.Sentence == si && r.Score == m.Score
				}
				if !ok || !slices.Contains(back.SharedWith, a.ID) {
					t.Errorf("%q matches %q but not the other way", s.Text, back.Text)
				}
				if !slices.Contains(s.SharedWith, m.Article) {
					t.Errorf("%q matches article %d but is not shared with it", s.Text, m.Article)
				}
			}
		}
	}
}

func TestCompareBoilerplateLeftOut(t *testing.T) {
	c := Compare(compareInputs(loadCompareStory(t, "ferry-*.md")))
	furniture := []string{"Photo", "Share", "Related", "timetable", "harbour master named", "Back to top",
		"Leave a Reply", "email address", "Required fields", "Subscribe", "newsletter", "northwind.jpg", "](", "**"}
	for _, a := range c.Articles {
		for _, s := range a.Sentences {
			for _, f := range furniture {
				if strings.Contains(s.Text, f) {
					t.Errorf("%s: sentence %q holds page furniture %q", a.Source, s.Text, f)
				}
			}
		}
	}
}

func TestCompareQuotes(t *testing.T) {
	c := Compare(compareInputs(loadCompareStory(t, "ferry-*.md")))
	var owe *StoryQuote
	for i, q := range c.Quotes {
		if strings.Contains(q.Text, "answers, not excuses") {
			if owe != nil {
				t.Errorf("the remark is listed twice: %q and %q", owe.Text, q.Text)
			}
			owe = &c.Quotes[i]
		}
	}
	if owe == nil {
		t.Fatalf("the shared remark is missing from %+v", c.Quotes)
	}
	// Straight quotes (Gazette, Ledger), curly ones (Radio), and a part of it (Post).
	if want := []int64{ferryGazette, ferryPost, ferryRadio, ferryLedger}; !slices.Equal(owe.Articles, want) {
		t.Errorf("remark quoted by %v, want %v", owe.Articles, want)
	}
	words := map[int64]string{}
	for _, s := range owe.Sources {
		words[s.Article] = s.Text
	}
	if words[ferryRadio] != "We owe Kestrel answers, not excuses" || words[ferryGazette] != "We owe the people of Kestrel answers, not excuses" {
		t.Errorf("wordings = %v", words)
	}
	if owe.Text != "We owe the people of Kestrel answers, not excuses" {
		t.Errorf("remark listed as %q, want its fullest wording", owe.Text)
	}
	for _, a := range c.Articles {
		for _, q := range a.Quotes {
			switch {
			case strings.Contains(q.Text, "not excuses"):
				want := slices.DeleteFunc(slices.Clone(owe.Articles), func(id int64) bool { return id == a.ID })
				if !slices.Equal(q.SharedWith, want) {
					t.Errorf("%s: %q shared with %v, want %v", a.Source, q.Text, q.SharedWith, want)
				}
				if s := a.Sentences[q.Sentence].Text; !strings.Contains(s, "not excuses") {
					t.Errorf("%s: quote placed in sentence %q", a.Source, s)
				}
			case strings.Contains(q.Text, "three winters"):
				if a.ID != ferryGazette || len(q.SharedWith) != 0 {
					t.Errorf("%s: the senator's remark shared with %v", a.Source, q.SharedWith)
				}
			default:
				t.Errorf("%s: unexpected quote %q", a.Source, q.Text)
			}
		}
	}
	if n := len(c.Quotes); n != 2 {
		t.Errorf("%d story quotes, want 2", n)
	}
}

func TestCompareNamesAndNumbers(t *testing.T) {
	c := Compare(compareInputs(loadCompareStory(t, "ferry-*.md")))
	var dovan *StoryName
	for i, n := range c.Names {
		if strings.HasSuffix(n.Name, "Dovan") {
			if dovan != nil {
				t.Errorf("Dovan listed twice: %q and %q", dovan.Name, n.Name)
			}
			dovan = &c.Names[i]
		}
	}
	if dovan == nil || len(dovan.Articles) != 5 {
		t.Fatalf("Dovan = %+v, want her named by all five", dovan)
	}
	if dovan.Name != "Transport Minister Anika Dovan" {
		t.Errorf("Dovan listed as %q", dovan.Name)
	}
	if m := nameBy(*dovan, ferryRadio); m != "Ms. Dovan" {
		t.Errorf("Islander Radio names her %q, want Ms. Dovan", m)
	}
	for _, a := range c.Articles {
		if !slices.Contains(a.Names, "Northwind") || !slices.Contains(a.Names, "Skerry Reef") {
			t.Errorf("%s: names %q miss the ferry or the reef", a.Source, a.Names)
		}
		if !slices.Contains(a.Numbers, "212 passengers") {
			t.Errorf("%s: numbers %q miss the passengers", a.Source, a.Numbers)
		}
	}
	want := map[int64][]string{
		ferryGazette:   {"Senator Ottilie Brandt", "Coastal League", "Port Sela"},
		ferryPost:      {"Fisheries Minister Pavel Strand"},
		ferryRadio:     {"Greyhaven School"},
		ferryCoastline: {"Ragnhild Moe"},
		ferryLedger:    {"Marigold"},
	}
	for _, n := range c.Names {
		for id, names := range want {
			if slices.Contains(names, n.Name) && !slices.Equal(n.Articles, []int64{id}) {
				t.Errorf("%s mentioned by %v, want only %d", n.Name, n.Articles, id)
			}
		}
	}
	if a := c.article(ferryLedger); !slices.Contains(a.Numbers, "February 1987") {
		t.Errorf("Ledger numbers %q miss the date of the earlier wreck", a.Numbers)
	}
	if a := c.article(ferryCoastline); !slices.Contains(a.Numbers, "twenty-two years") {
		t.Errorf("Coastline numbers %q miss Moe's years", a.Numbers)
	}

	if len(c.Discrepancies) != 1 {
		t.Fatalf("discrepancies = %+v, want the tugboats only", c.Discrepancies)
	}
	d := c.Discrepancies[0]
	if d.About != "tugboats" {
		t.Errorf("discrepancy about %q, want tugboats", d.About)
	}
	claims := map[int64]float64{}
	for _, cl := range d.Claims {
		claims[cl.Article] = cl.Value
		a := c.article(cl.Article)
		if !strings.Contains(strings.ToLower(a.Sentences[cl.Sentence].Text), strings.ToLower(cl.Text)) {
			t.Errorf("claim %q not in its sentence %q", cl.Text, a.Sentences[cl.Sentence].Text)
		}
	}
	if claims[ferryCoastline] != 3 || claims[ferryGazette] != 4 || claims[ferryLedger] != 4 || claims[ferryPost] != 4 {
		t.Errorf("claims = %v, want 3 from Coastline and 4 from the rest", claims)
	}
	for _, n := range c.Numbers {
		if n.Text == "212 passengers" && len(n.Articles) != 5 {
			t.Errorf("212 passengers stated by %v, want all five", n.Articles)
		}
	}
}

func TestComparePair(t *testing.T) {
	c := Compare(compareInputs(loadCompareStory(t, "ferry-*.md")))
	p := c.Pair(ferryGazette, ferryCoastline)
	if p.Left != ferryGazette || p.Right != ferryCoastline {
		t.Errorf("pair of %d and %d", p.Left, p.Right)
	}
	g := c.article(ferryGazette)
	counted := 0
	for _, s := range g.Sentences {
		if !s.Bland && !s.Heading {
			counted++
		}
	}
	if p.LeftShared+p.LeftOnly != counted || p.LeftOnly < 1 || p.LeftShared < 4 {
		t.Errorf("Gazette: %d shared + %d only, want at least 4 + 1 making %d", p.LeftShared, p.LeftOnly, counted)
	}
	if p.RightOnly < 1 || p.RightShared < 4 {
		t.Errorf("Coastline: %d shared + %d only", p.RightShared, p.RightOnly)
	}
	if !slices.Equal(p.LeftQuotes, []string{"We owe the people of Kestrel answers, not excuses", "comes three winters too late"}) || len(p.RightQuotes) != 0 || len(p.SharedQuotes) != 0 {
		t.Errorf("quotes: shared %q, left %q, right %q", p.SharedQuotes, p.LeftQuotes, p.RightQuotes)
	}
	if !slices.Contains(p.SharedNames, "Transport Minister Anika Dovan") || !slices.Contains(p.LeftNames, "Senator Ottilie Brandt") ||
		!slices.Contains(p.RightNames, "Ragnhild Moe") || slices.Contains(p.LeftNames, "Ragnhild Moe") {
		t.Errorf("names: shared %q, left %q, right %q", p.SharedNames, p.LeftNames, p.RightNames)
	}
	if len(p.Discrepancies) != 1 || len(p.Discrepancies[0].Claims) != 2 {
		t.Errorf("discrepancies = %+v, want the tugboats with one claim each", p.Discrepancies)
	}
	// The Gazette and the Ledger agree on four tugboats: no discrepancy between them.
	if p := c.Pair(ferryGazette, ferryLedger); len(p.Discrepancies) != 0 {
		t.Errorf("Gazette and Ledger disagree on %+v", p.Discrepancies)
	}
	// The minister's remark is shared by the Gazette and Islander Radio, though quoted differently.
	if p := c.Pair(ferryGazette, ferryRadio); len(p.SharedQuotes) != 1 {
		t.Errorf("Gazette and Radio share quotes %q", p.SharedQuotes)
	}
	if p := c.Pair(ferryGazette, 99); p.LeftShared != 0 || p.LeftOnly != counted || p.RightOnly != 0 {
		t.Errorf("pair with a missing article = %+v", p)
	}
}

func TestCompareParaphrase(t *testing.T) {
	// Context sentences give the story's common words (Calloway, the
	// provinces, the withdrawal) their low weight.
	context := []string{
		"Calloway spoke to reporters in the northern provinces on Friday.",
		"The withdrawal from the northern provinces began in March.",
		"Calloway has led the ministry since the last election.",
	}
	tests := []struct {
		name   string
		a, b   string
		shared bool
	}{
		{"negated paraphrase", "Calloway said the withdrawal did not constitute a betrayal of the garrison towns.",
			"Calloway insisted the withdrawal was no betrayal of the garrison towns.", true},
		{"reordered", "The garrison towns will be handed to civilian police by the end of June.",
			"Civilian police take over the garrison towns at the end of June, officials said.", true},
		{"same people, different fact", "Calloway said the withdrawal did not constitute a betrayal of the garrison towns.",
			"Calloway will visit the northern provinces in the spring.", false},
		{"stock lines", "The situation continues to evolve.", "More details are expected in the coming days.", false},
		{"same stock line", "The situation continues to evolve.", "The situation continues to evolve.", false},
		{"one shared word", "The bridge at Orsa was closed to lorries.", "Lorries queued at the border for a day.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := []CompareInput{
				{ID: 1, Text: tt.a + "\n\n" + strings.Join(context, " ")},
				{ID: 2, Text: strings.Join(context[1:], " ") + "\n\n" + tt.b},
			}
			c := Compare(arts)
			got := slices.Contains(c.Articles[0].Sentences[0].SharedWith, 2)
			if got != tt.shared {
				t.Errorf("%q and %q shared = %v, want %v", tt.a, tt.b, got, tt.shared)
			}
		})
	}
}

func TestCompareJSONShape(t *testing.T) {
	c := Compare(compareInputs(loadCompareStory(t, "ferry-*.md"))[:1])
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Articles []map[string]json.RawMessage `json:"articles"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	a := got.Articles[0]
	for _, k := range []string{"id", "source", "title", "url", "sentences", "quotes", "names", "numbers"} {
		if _, ok := a[k]; !ok {
			t.Errorf("article JSON lacks %q: %s", k, b)
		}
	}
	var sents []map[string]json.RawMessage
	if err := json.Unmarshal(a["sentences"], &sents); err != nil || len(sents) == 0 {
		t.Fatalf("sentences %s: %v", a["sentences"], err)
	}
	for _, s := range sents {
		for _, k := range []string{"text", "shared_with", "unique"} {
			if _, ok := s[k]; !ok {
				t.Errorf("sentence JSON lacks %q", k)
			}
		}
		if string(s["shared_with"]) != "[]" {
			t.Errorf("shared_with of a lone article = %s, want []", s["shared_with"])
		}
	}
	var quotes []map[string]json.RawMessage
	if err := json.Unmarshal(a["quotes"], &quotes); err != nil || len(quotes) == 0 {
		t.Fatalf("quotes %s: %v", a["quotes"], err)
	}
	if string(quotes[0]["shared_with"]) != "[]" {
		t.Errorf("quote shared_with = %s, want []", quotes[0]["shared_with"])
	}
	empty, _ := json.Marshal(Compare(nil))
	if string(empty) != `{"articles":[],"quotes":[],"names":[],"numbers":[],"discrepancies":[]}` {
		t.Errorf("empty comparison = %s", empty)
	}
	blank, _ := json.Marshal(Compare([]CompareInput{{ID: 7}}).Articles[0])
	if string(blank) != `{"id":7,"source":"","title":"","url":"","sentences":[],"quotes":[],"names":[],"numbers":[]}` {
		t.Errorf("empty article = %s", blank)
	}
}

// The same story gives the same comparison, and the verdicts on an article
// do not depend on where it stands in the input.
func TestCompareDeterministic(t *testing.T) {
	in := compareInputs(loadCompareStory(t, "ferry-*.md"))
	first := Compare(in)
	if again := Compare(in); !reflect.DeepEqual(first, again) {
		t.Error("two runs differ")
	}
	rev := slices.Clone(in)
	slices.Reverse(rev)
	back := Compare(rev)
	for _, a := range first.Articles {
		b := back.article(a.ID)
		for i, s := range a.Sentences {
			t2 := b.Sentences[i]
			x, y := slices.Sorted(slices.Values(s.SharedWith)), slices.Sorted(slices.Values(t2.SharedWith))
			if !slices.Equal(x, y) || s.Unique != t2.Unique || s.Bland != t2.Bland {
				t.Errorf("%q: shared with %v unique %v, reversed %v unique %v", s.Text, x, s.Unique, y, t2.Unique)
			}
		}
	}
}

// compareBenchStory makes a story of n articles of m sentences each about one
// invented event: facts drawn from a common pool, most told by several
// outlets in different words, some by one alone, with names, figures and
// quotations, so that the index sees the overlap of a real story.
func compareBenchStory(n, m int) []CompareInput {
	r := rand.New(rand.NewPCG(7, 11))
	syll := []string{"ka", "lo", "ver", "tan", "mi", "sor", "el", "bra", "dun", "ith", "qua", "ro", "zen", "pa", "lek", "mo"}
	word := func() string {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		return b.String()
	}
	vocab := make([]string, 1500)
	for i := range vocab {
		vocab[i] = word()
	}
	names := make([]string, 60)
	for i := range names {
		w := word()
		names[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	glue := []string{"the", "of", "and", "to", "in", "on", "that", "with", "for", "was", "has", "by"}
	type fact struct{ words []string }
	facts := make([]fact, 4*m)
	for i := range facts {
		k := 8 + r.IntN(8)
		var f fact
		for j := range k {
			switch {
			case j == 0 || r.IntN(7) == 0:
				f.words = append(f.words, names[r.IntN(len(names))])
			case r.IntN(12) == 0:
				f.words = append(f.words, strconv.Itoa(2+r.IntN(40)), vocab[r.IntN(len(vocab))]+"s")
			default:
				f.words = append(f.words, vocab[r.IntN(len(vocab))])
			}
		}
		facts[i] = f
	}
	out := make([]CompareInput, n)
	for a := range out {
		var b strings.Builder
		for s := range m {
			// Popular facts first: most outlets tell the lead.
			fi := int(float64(len(facts)) * r.Float64() * r.Float64())
			f := facts[fi]
			var sent []string
			for i, w := range f.words {
				if r.IntN(4) == 0 {
					w = vocab[r.IntN(len(vocab))] // another outlet's wording
				}
				sent = append(sent, w)
				if i < len(f.words)-1 {
					sent = append(sent, glue[r.IntN(len(glue))])
				}
			}
			line := strings.Join(sent, " ")
			line = strings.ToUpper(line[:1]) + line[1:] + "."
			if r.IntN(8) == 0 {
				line = fmt.Sprintf("%s said: %q", names[r.IntN(len(names))], line)
			}
			b.WriteString(line)
			if s%3 == 2 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		out[a] = CompareInput{ID: int64(a + 1), Source: fmt.Sprintf("Outlet %d", a+1), Text: b.String()}
	}
	return out
}

func BenchmarkCompare(b *testing.B) {
	arts := compareBenchStory(20, 60)
	c := Compare(arts)
	sentences := 0
	for _, a := range c.Articles {
		sentences += len(a.Sentences)
	}
	if sentences < 20*55 {
		b.Fatalf("bench story has %d sentences, want about %d", sentences, 20*60)
	}
	b.ResetTimer()
	for b.Loop() {
		Compare(arts)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}

func FuzzCompare(f *testing.F) {
	for _, fx := range []string{"ferry-gazette.md", "ferry-radio.md"} {
		b, err := os.ReadFile(filepath.Join("testdata", "compare", fx))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "Four tugboats, 3.5% and 6:40 a.m. on March 5; “We owe Kestrel answers,” Ms. Dovan said.")
	}
	f.Add("twenty-two hundred and of one million pre-2014 $ 4bn 1990s 9:", "Sen. J. R. Smith of the U.S. said \"no")
	f.Fuzz(func(t *testing.T, a, b string) {
		c := Compare([]CompareInput{{ID: 1, Text: a}, {ID: 2, Text: b}, {ID: 3, Text: a}})
		for _, art := range c.Articles {
			for _, s := range art.Sentences {
				if s.SharedWith == nil || slices.Contains(s.SharedWith, art.ID) {
					t.Fatalf("article %d sentence %q shared with %v", art.ID, s.Text, s.SharedWith)
				}
				if s.Unique && (s.Bland || s.Heading || len(s.SharedWith) > 0) {
					t.Fatalf("sentence %q unique and bland %v, heading %v, shared %v", s.Text, s.Bland, s.Heading, s.SharedWith)
				}
			}
			for _, q := range art.Quotes {
				if q.SharedWith == nil || q.Sentence < 0 || q.Sentence >= len(art.Sentences) {
					t.Fatalf("article %d quote %+v of %d sentences", art.ID, q, len(art.Sentences))
				}
			}
		}
		for _, d := range c.Discrepancies {
			for _, cl := range d.Claims {
				a := c.article(cl.Article)
				if a == nil || cl.Sentence < 0 || cl.Sentence >= len(a.Sentences) {
					t.Fatalf("claim %+v points nowhere", cl)
				}
			}
		}
		p := c.Pair(1, 3)
		if p.LeftShared+p.LeftOnly != p.RightShared+p.RightOnly {
			t.Fatalf("identical articles counted differently: %+v", p)
		}
	})
}

// TestComparePairNamesInHeadlines counts the names of a headline as the
// article's: an outlet that names the lake only in its headline does not
// leave it to the other as a name only that one has.
func TestComparePairNamesInHeadlines(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Lakeside", Title: "Ice fishing banned on Lake Orrin after thaw",
			Text: "Anglers were told on Monday to keep off the ice. Warden Pia Holm said the thaw came early."},
		{ID: 2, Source: "Northern Post", Title: "Anglers told to stay off thin ice",
			Text: "Ice fishing on Lake Orrin is banned until further notice. Warden Pia Holm said the ice was too thin."},
	})
	p := c.Pair(1, 2)
	if !slices.Contains(p.SharedNames, "Lake Orrin") || slices.Contains(p.RightNames, "Lake Orrin") {
		t.Errorf("names: shared %q, left %q, right %q; want Lake Orrin shared", p.SharedNames, p.LeftNames, p.RightNames)
	}
	if got := c.article(1).Names; len(got) == 0 || got[0] != "Lake Orrin" {
		t.Errorf("names of the first article = %q, want the headline's first", got)
	}
}

// TestComparePairKickerIsNoName: an outlet that labels its headline
// "EXCLUSIVE:" has not named something the other leaves out.
func TestComparePairKickerIsNoName(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Lakeside", Title: "EXCLUSIVE: Ice fishing banned on Lake Orrin",
			Text: "Anglers were told on Monday to keep off the ice. Warden Pia Holm said the thaw came early."},
		{ID: 2, Source: "Northern Post", Title: "Anglers told to stay off thin ice on Lake Orrin",
			Text: "Ice fishing is banned until further notice. Warden Pia Holm said the ice was too thin."},
	})
	p := c.Pair(1, 2)
	if slices.Contains(p.LeftNames, "EXCLUSIVE") || slices.Contains(c.article(1).Names, "EXCLUSIVE") {
		t.Errorf("the kicker is read as a name: left %q, article %q", p.LeftNames, c.article(1).Names)
	}
	if !slices.Contains(p.SharedNames, "Lake Orrin") {
		t.Errorf("shared names %q lack Lake Orrin", p.SharedNames)
	}
}

// TestCompareHeadlineLineIsNoName: pages often repeat their headline
// above the text or set subheadings as paragraphs, in title case. Their
// capitals name nothing; read as names, "Hiller Kills Two" would be a
// name one source alone gives.
func TestCompareHeadlineLineIsNoName(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Lakeside", Title: "Warden Pia Holm Bans Ice Fishing On Lake Orrin",
			Text: "Warden Pia Holm Bans Ice Fishing On Lake Orrin\n\nAnglers were told on Monday to keep off the ice, said Warden Pia Holm.\n\n" +
				"What Comes Next For Anglers\n\nThe ban on Lake Orrin stays until the thaw ends."},
		{ID: 2, Source: "Northern Post", Title: "Anglers told to stay off thin ice on Lake Orrin",
			Text: "Ice fishing is banned until further notice. Warden Pia Holm said the ice on Lake Orrin was too thin."},
	})
	want := []string{"Warden Pia Holm", "Lake Orrin"}
	if got := c.article(1).Names; !slices.Equal(got, want) {
		t.Errorf("names of the first article %q, want %q", got, want)
	}
}

// TestAddressIsNoFigure: "the 12000 block of" a street is where the police
// say something happened, not a count of the dead, and two outlets that
// place it in neighbouring blocks do not disagree on a figure.
func TestAddressIsNoFigure(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Deputy killed in Harlow",
			Text: "A sheriff's deputy was shot to death in the 12000 block of East Main Street on Friday, two days after a gang shooting."},
		{ID: 2, Source: "Beta", Title: "Harlow deputy shot dead",
			Text: "A deputy was shot dead outside an apartment in the 12500 block of East Main Street, the sheriff said."},
	})
	for _, d := range c.Discrepancies {
		t.Errorf("discrepancy about %s: %+v", d.About, d.Claims)
	}
	for _, n := range c.Numbers {
		if strings.Contains(n.Text, "block") {
			t.Errorf("an address is read as a figure: %q", n.Text)
		}
	}
}

// TestFigureGivenBareIsNotADiscrepancy: one source says "14 people were
// killed and 300 evacuated", another that 300 people were evacuated. The
// bare 300 is the same count of people, not a third figure, so the two do
// not disagree on how many people.
func TestFigureGivenBareIsNotADiscrepancy(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Floods hit Riverton", Text: "Floods swept through the town of Riverton on Monday. " +
			"At least 14 people were killed and 300 evacuated as the river burst its banks, the mayor said."},
		{ID: 2, Source: "Beta", Title: "Riverton evacuated as river bursts banks", Text: "Floods swept through the town of Riverton on Monday. " +
			"Governor Ana Lisk ordered 300 people evacuated as the river burst its banks, the mayor said."},
	})
	for _, d := range c.Discrepancies {
		t.Errorf("discrepancy about %s: %+v", d.About, d.Claims)
	}
}

// TestBoundedFiguresThatDiffer: two outlets that bound a toll differently
// ("at least 4" dead, "at least 5") give it differently, and so do two
// rough figures a fifth apart; two rough figures a few percent apart, or
// a bound and the same figure bare, do not.
func TestBoundedFiguresThatDiffer(t *testing.T) {
	lead := "Five delegations arrived in Belvoir on Monday for the water summit. "
	for _, c := range []struct {
		a, b   string
		differ bool
	}{
		{"At least 4 people died in the fire.", "At least 5 people died in the fire.", true},
		{"At least 14 people were killed in the fire.", "Sixteen people were killed in the fire.", true},
		{"More than 200 homes were flooded.", "More than 300 homes were flooded.", true},
		{"Nearly 40 people were injured.", "Nearly 50 people were injured.", true},
		{"About 2,300 people were evacuated.", "Some 2,250 people were evacuated.", false},
		{"At least 14 people were killed in the fire.", "The fire killed 14 people.", false},
	} {
		cmp := Compare([]CompareInput{
			{ID: 1, Source: "Alpha", Title: "Summit opens in Belvoir", Text: lead + c.a},
			{ID: 2, Source: "Beta", Title: "Belvoir hosts the summit", Text: lead + c.b},
		})
		if got := len(cmp.Discrepancies) > 0; got != c.differ {
			t.Errorf("%q against %q: discrepancies %+v, want differ=%v", c.a, c.b, cmp.Discrepancies, c.differ)
		}
	}
}

// TestTollsWordedApart: two outlets that give a toll in sentences worded
// too differently to be matched still disagree on it, and so do a third
// that agrees with one of them; a figure of another outcome (injured,
// evacuated) is no difference, nor is a toll one source also gives.
func TestTollsWordedApart(t *testing.T) {
	lead := "The ferry sank on Lake Orrin on Sunday. "
	for _, c := range []struct {
		a, b   string
		differ bool
	}{
		{"The death toll stands at 43.", "The death toll rose to 50 on Monday.", true},
		{"Police said 43 people had died.", "At least 45 people were killed, according to the governor.", true},
		{"Police said 43 people had died.", "Rescuers said 43 passengers were injured.", false},
		{"Police said 43 people had died.", "The governor said the toll had risen from 40 to 43.", false},
		{"Police said 43 people had died and 200 were evacuated.", "Officials said 180 people were evacuated from the shore.", true},
		{"Police said 43 people had died.", "Officials said 180 people were evacuated from the shore.", false},
	} {
		cmp := Compare([]CompareInput{
			{ID: 1, Source: "Alpha", Title: "Ferry sinks", Text: lead + c.a},
			{ID: 2, Source: "Beta", Title: "Ferry sinks on Lake Orrin", Text: lead + c.b},
		})
		if got := len(cmp.Discrepancies) > 0; got != c.differ {
			t.Errorf("%q against %q: discrepancies %+v, want differ=%v", c.a, c.b, cmp.Discrepancies, c.differ)
		}
	}

	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Ferry sinks", Text: lead + "Police said 43 people had died."},
		{ID: 2, Source: "Beta", Title: "Ferry sinks on Lake Orrin", Text: lead + "The toll rose to 50 overnight, officials said."},
		{ID: 3, Source: "Gamma", Title: "Lake Orrin ferry disaster", Text: lead + "At least 43 people were killed when it capsized."},
	})
	if len(c.Discrepancies) != 1 {
		t.Fatalf("discrepancies = %+v, want the toll", c.Discrepancies)
	}
	var by []int64
	for _, cl := range c.Discrepancies[0].Claims {
		by = append(by, cl.Article)
	}
	if !slices.Equal(by, []int64{1, 2, 3}) || c.Discrepancies[0].About != "dead" {
		t.Errorf("toll %q claimed by %v, want dead claimed by 1, 2 and 3", c.Discrepancies[0].About, by)
	}
	if p := c.Pair(1, 3); len(p.Discrepancies) != 0 {
		t.Errorf("Alpha and Gamma, who both say 43, disagree on %+v", p.Discrepancies)
	}
}

// TestCompareStampsAndCreditsAreNoFacts: the lines that say when a page
// was posted, who wrote it and who helped are neither a fact two outlets
// share nor one that either alone reports, and their dates are no figures
// to set against each other.
func TestCompareStampsAndCreditsAreNoFacts(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Dam breaks above Velsk", Text: "Posted: March 14, 2013 5:22 AM\n\n" +
			"By Mara Lind, Staff Writer\n\nThe Orrin dam above Velsk broke early on Wednesday, flooding the lower town.\n\n" +
			"The Associated Press contributed to this report."},
		{ID: 2, Source: "Beta", Title: "Velsk flooded as dam gives way", Text: "UPDATED: FRIDAY, MARCH 15, 2013, 9:56 AM\n\n" +
			"By JON FELL\n\nThe dam on the Orrin above Velsk gave way early on Wednesday and flooded the lower town.\n\n" +
			"Reporting by Jon Fell; Editing by Ada Moe\n\nThe Associated Press contributed to this report."},
	})
	for _, a := range c.Articles {
		for _, s := range a.Sentences {
			if !strings.Contains(s.Text, "Orrin") {
				t.Errorf("%s: %q kept as a sentence (unique %v, shared with %v)", a.Source, s.Text, s.Unique, s.SharedWith)
			}
		}
	}
	if p := c.Pair(1, 2); p.LeftOnly != 0 || p.RightOnly != 0 || p.LeftShared != 1 {
		t.Errorf("pair: %d shared + %d only, %d + %d; want the break shared and nothing else", p.LeftShared, p.LeftOnly, p.RightShared, p.RightOnly)
	}
	if len(c.Discrepancies) != 0 {
		t.Errorf("discrepancies = %+v", c.Discrepancies)
	}
}

// TestCompareSharedSpeakerIsNoSharedFact: two outlets that close different
// facts with the same credit (", police commissioner Ruth Galen said.")
// and the story's names report two facts, each its own; a fact both
// report under that credit, and a remark both quote with it, stay shared.
func TestCompareSharedSpeakerIsNoSharedFact(t *testing.T) {
	fs := loadCompareStory(t, "credit-*.md")
	c := Compare(compareInputs(fs))
	for i, a := range c.Articles {
		for _, s := range a.Sentences {
			own := s.Text == fs[i].unique
			if own && (!s.Unique || len(s.SharedWith) != 0) {
				t.Errorf("%s: its own fact %q is shared with %v", a.Source, s.Text, s.SharedWith)
			}
			if !own && len(s.SharedWith) == 0 {
				t.Errorf("%s: %q is reported by both but marked unique %v, bland %v", a.Source, s.Text, s.Unique, s.Bland)
			}
		}
	}
	if len(c.Quotes) != 1 || len(c.Quotes[0].Articles) != 2 {
		t.Errorf("quotes = %+v, want the commissioner's remark from both", c.Quotes)
	}
}

// TestYearsAgesAndSpansApart: a calendar year, a length of time in years
// and a person's age are three kinds of figure, never set against each
// other. Years, spans and dates are set against each other only where two
// sentences are close, or give another figure alike (the same sum), and
// each gives one: a raid in one year and an arrest in another are no
// discrepancy, nor are two arrests on two days. An age is set only against an age of the same bearer.
func TestYearsAgesAndSpansApart(t *testing.T) {
	lead := "A court in Calder sentenced the former mayor Ilse Brandt on Tuesday for taking bribes from a harbour contractor. "
	for _, c := range []struct {
		a, b   string
		differ bool
	}{
		{"The 58-year-old Brandt was elected mayor of the port city in 2005.", "Brandt was mayor of the port city for 12 years.", false},
		{"Police raided the Orlo offices of the contractor Marek Dolan in 2008 and seized his ledgers.", "Marek Dolan, the contractor, was arrested at his Orlo offices in 2006 on an unrelated fraud charge.", false},
		{"The 58-year-old mayor wept as the sentence was read out in court.", "The 41-year-old contractor wept as the sentence was read out in court.", false},
		{"Brandt was first indicted in 1970 for taking bribes from the harbour contractor.", "Brandt was first indicted in 1969 for taking bribes from the harbour contractor.", true},
		{"Dolan bought the Orlo shipyard for $30 million in 1997, and the city paid him twice that.", "The navy sold the Orlo shipyard for $30 million in 1995.", true},
		{"Brandt will serve a six-year term in the prison at Orlo.", "Brandt will serve an eight-year term in the prison at Orlo.", true},
		{"The 58-year-old mayor wept as the judge read out the sentence.", "The 59-year-old mayor stood silent as the judge read out the sentence.", true},
		{"Brandt was arrested on January 6 at her home in Calder, police said.", "Police said they arrested the harbour contractor on February 1 in Calder.", false},
		{"Brandt was first indicted on March 3 for taking bribes from the harbour contractor.", "Brandt was first indicted on March 5 for taking bribes from the harbour contractor.", true},
		{"Brandt was first indicted on 3 March for taking bribes from the harbour contractor.", "Brandt was first indicted on March 3 for taking bribes from the harbour contractor.", false},
	} {
		cmp := Compare([]CompareInput{
			{ID: 1, Source: "Alpha", Title: "Calder mayor sentenced", Text: lead + c.a},
			{ID: 2, Source: "Beta", Title: "Former Calder mayor jailed for bribery", Text: lead + c.b},
		})
		if got := len(cmp.Discrepancies) > 0; got != c.differ {
			t.Errorf("%q against %q: discrepancies %+v, want differ=%v", c.a, c.b, cmp.Discrepancies, c.differ)
		}
	}
}

// TestTollsOfOtherTimes: a toll told as background (of a year named, of
// what went before) is not set against the story's own, nor is a running
// total against the figure of one occasion; and an article's toll is the
// first it gives, so the count of a side incident further down is not
// set against another outlet's toll. Two outlets that give the story's
// toll differently still disagree.
func TestTollsOfOtherTimes(t *testing.T) {
	lead := "A strong earthquake struck Varna province on Tuesday, flattening houses in three villages. "
	for _, c := range []struct {
		a, b   string
		differ bool
	}{
		{"The quake killed at least 12 people, officials said. In 2009 a quake in the same province killed 1,400 people.",
			"Twelve people died in the quake, officials said.", false},
		{"Police said 46 people had been arrested for looting since the quake.",
			"The man held for looting has four prior arrests, police said.", false},
		{"Soldiers seized 12 rifles from looters in Orsk on Wednesday. In five raids so far, soldiers have seized 31 rifles from looters in the province.",
			"Soldiers seized 12 rifles from looters in Orsk on Wednesday.", false},
		{"The quake killed 14 people, officials said.", "Officials said the quake had killed 17 people.", true},
	} {
		cmp := Compare([]CompareInput{
			{ID: 1, Source: "Alpha", Title: "Quake hits Varna", Text: lead + c.a},
			{ID: 2, Source: "Beta", Title: "Varna earthquake flattens villages", Text: lead + c.b},
		})
		if got := len(cmp.Discrepancies) > 0; got != c.differ {
			t.Errorf("%q against %q: discrepancies %+v, want differ=%v", c.a, c.b, cmp.Discrepancies, c.differ)
		}
	}

	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Quake hits Varna", Text: lead + "The quake killed 14 people, officials said. " +
			"Separately, two people drowned when a ferry capsized off Lesk."},
		{ID: 2, Source: "Beta", Title: "Varna earthquake flattens villages", Text: lead + "Officials said the quake had killed 17 people."},
	})
	if len(c.Discrepancies) != 1 {
		t.Fatalf("discrepancies = %+v, want the toll", c.Discrepancies)
	}
	var claims []string
	for _, cl := range c.Discrepancies[0].Claims {
		claims = append(claims, cl.Text)
	}
	if !slices.Equal(claims, []string{"14 people", "17 people"}) {
		t.Errorf("toll claims %q, want 14 people against 17 people", claims)
	}
}

// TestFiguresNearAnOutcomeThatAreNoTolls: a figure beside words of death
// or harm counts people only when it is a count of them. The score of the
// match a player was hurt in, the children of a mother who was killed,
// the age at which someone died and the height of a fall are no tolls to
// set against another outlet's (and two falls told in unrelated
// sentences are no one figure); two tolls that differ still differ.
func TestFiguresNearAnOutcomeThatAreNoTolls(t *testing.T) {
	for _, c := range []struct {
		lead, a, b string
		differ     bool
	}{
		{"The Velsk Rovers lost to Astrel on Sunday. ", "Two people were injured in the match.",
			"Keeper Ilse Marr was hurt in the 27-24 loss.", false},
		{"Gunmen opened fire outside a school in Orlo on Friday. ", "The gunmen killed two people.",
			"A mother of 12 was killed as she waited for her son.", false},
		{"A fire swept through the Velsk theatre on Sunday. ", "The fire killed two people.",
			"The theatre's founder, Orla Brenn, died in the fire at 77.", false},
		{"Two climbers died on Mount Calder at the weekend. ", "A guide died after falling 150 metres from the north ridge on Saturday.",
			"On Sunday a student from Orlo slipped and fell 60 metres to his death near the hut.", false},
		{"A fire swept through the Velsk theatre on Sunday. ", "The fire killed two people.",
			"The fire killed three people.", true},
	} {
		cmp := Compare([]CompareInput{
			{ID: 1, Source: "Alpha", Title: "Velsk news", Text: c.lead + c.a},
			{ID: 2, Source: "Beta", Title: "News from Velsk", Text: c.lead + c.b},
		})
		if got := len(cmp.Discrepancies) > 0; got != c.differ {
			t.Errorf("%q against %q: discrepancies %+v, want differ=%v", c.a, c.b, cmp.Discrepancies, c.differ)
		}
	}
}

// TestTollsWordedDifferently: outlets word what befell people in their own
// words, "evacuated" or "fled", "hospitalised" or "taken to hospital", and
// their figures are set against each other all the same.
func TestTollsWordedDifferently(t *testing.T) {
	lead := "Floods swept through the town of Riverton on Monday after the river burst its banks. "
	for _, c := range []struct {
		a, b  string
		about string // what they differ on; empty for no difference
	}{
		{"About 400 people were evacuated.", "Some 500 people fled their homes.", "evacuated"},
		{"Police said 400 people had fled.", "Some 500 people were evacuated.", "evacuated"},
		{"At least 30 people were taken to hospital.", "Forty people were hospitalised.", "hospitalised"},
		{"At least 30 people were taken to hospital.", "At least 40 were treated in hospital.", "hospitalised"},
		{"Some 30 people were taken to hospital.", "About 30 people fled to the hills.", ""},
		{"The driver fled after 3 shots were fired.", "Two shots were fired, police said.", "shots"},
	} {
		cmp := Compare([]CompareInput{
			{ID: 1, Source: "Alpha", Title: "Floods hit Riverton", Text: lead + c.a},
			{ID: 2, Source: "Beta", Title: "Riverton flooded", Text: lead + c.b},
		})
		var about []string
		for _, d := range cmp.Discrepancies {
			about = append(about, d.About)
		}
		if want := strings.Fields(c.about); !slices.Equal(about, want) {
			t.Errorf("%q / %q: sources differ on %q, want %q", c.a, c.b, about, want)
		}
	}
}
