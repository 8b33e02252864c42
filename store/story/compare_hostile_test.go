package story

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// repetitiveWords are the vocabulary of repetitiveArticle.
var repetitiveWords = strings.Fields("harbour ferry crew tide pier lantern engine storm rope " +
	"captain cargo signal anchor deck gull beacon hull mast keel")

// repetitiveArticle is n sentences of six to thirteen words drawn from 19:
// text in which nearly every sentence is close to nearly every other.
func repetitiveArticle(n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	for i := range n {
		for j := range 6 + r.IntN(8) {
			w := repetitiveWords[r.IntN(len(repetitiveWords))]
			if j == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(". ")
		if i%4 == 3 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// hostileStory is a story of two articles made to be costly to compare,
// each of about n sentences (or, for figures, of one sentence of n
// figures): "repetitive", two repetitiveArticles; "names", a name never
// seen before in every sentence; "quotes", one paragraph quoting in every
// sentence; "figures", one sentence giving n counts of one thing.
func hostileStory(shape string, n int) []CompareInput {
	var a, b string
	switch shape {
	case "repetitive":
		a, b = repetitiveArticle(n, 1), repetitiveArticle(n, 2)
	case "names":
		var s strings.Builder
		for i := range n {
			fmt.Fprintf(&s, "%s %s, %s.\n\n", madeName(3*i), madeName(3*i+1), madeName(3*i+2))
		}
		a, b = s.String(), "Minister Anika Dovan said four tugboats came."
	case "quotes":
		var s strings.Builder
		for i := range n {
			fmt.Fprintf(&s, "He said \"%s %s %s\" today. ", madeName(3*i), madeName(3*i+1), madeName(3*i+2))
		}
		a, b = s.String(), "Minister Anika Dovan said \"four tugboats came\" today."
	case "figures":
		var s strings.Builder
		s.WriteString("The ferry carried ")
		for i := range n {
			s.WriteString(strconv.Itoa(i+2) + " delegations, ")
		}
		s.WriteString("and the tugboats of Kestrel harbour.")
		a, b = s.String(), strings.Replace(s.String(), "2 delegations", "3 delegations", 1)
	}
	return []CompareInput{{ID: 1, Source: "Gazette", Text: a}, {ID: 2, Source: "Courier", Text: b}}
}

// madeName is a capitalised made-up word, a different one for every i
// below 10,000.
func madeName(i int) string {
	syllables := []string{"ka", "lo", "mi", "ra", "ten", "vo", "su", "del", "an", "bri"}
	var b strings.Builder
	for range 4 {
		b.WriteString(syllables[i%10])
		i /= 10
	}
	return strings.ToUpper(b.String()[:1]) + b.String()[1:]
}

// TestCompareRepetitiveStoryKeepsFewMatches compares two articles of 3,000
// sentences drawn from 19 words, where nearly every sentence matches
// nearly every other: the comparison keeps the pairs its limit allows,
// not the millions there are.
func TestCompareRepetitiveStoryKeepsFewMatches(t *testing.T) {
	c := Compare(hostileStory("repetitive", 3000))
	sentences, matches := 0, 0
	for _, a := range c.Articles {
		sentences += len(a.Sentences)
		for _, s := range a.Sentences {
			matches += len(s.Matches)
		}
	}
	// Each pair is listed under both its sentences; the last sentence
	// matched may add a pair with every other.
	if most := 2 * (maxRelatedPairs + sentences); matches > most {
		t.Errorf("%d matches listed for %d sentences, want at most %d", matches, sentences, most)
	}
	if matches == 0 {
		t.Error("no sentence matched")
	}
}

// TestCompareRepetitiveStoryCutEvenly: a comparison stopped by its limits
// has reached the same sentence of every article (give or take the one it
// stopped at), marks the rest uncompared, and gives them no verdict.
func TestCompareRepetitiveStoryCutEvenly(t *testing.T) {
	c := Compare(hostileStory("repetitive", 3000))
	var compared []int
	for _, a := range c.Articles {
		n := len(a.Sentences) - a.Uncompared()
		compared = append(compared, n)
		if n == len(a.Sentences) {
			t.Fatalf("%s: all %d sentences compared", a.Source, n)
		}
		for i, s := range a.Sentences {
			if s.Uncompared != (i >= n) {
				t.Fatalf("%s: sentence %d uncompared %v, but %d are compared from the first", a.Source, i, s.Uncompared, n)
			}
			if s.Uncompared && (s.Unique || len(s.SharedWith) > 0 || len(s.Matches) > 0) {
				t.Fatalf("%s: uncompared sentence %d has a verdict: %+v", a.Source, i, s)
			}
		}
	}
	if d := compared[0] - compared[1]; d < 0 || d > 1 {
		t.Errorf("compared %v sentences of the two articles, want the same give or take one, the first first", compared)
	}
	if p := c.Pair(1, 2); p.LeftShared+p.LeftOnly != compared[0] || p.RightShared+p.RightOnly != compared[1] {
		t.Errorf("the pair counts %+v, want only the %v sentences compared", p, compared)
	}
}

// TestCompareWorkIsBounded runs the matching on stories made to be costly,
// and expects it to stay within its limit on the work it does, overshot
// by at most the lookups of the sentence at which it stopped and the
// figures of one related pair, a hundred against a hundred at most.
func TestCompareWorkIsBounded(t *testing.T) {
	for _, tc := range []struct {
		shape string
		n     int
	}{{"repetitive", 3000}, {"names", 5000}, {"quotes", 5000}, {"figures", 5000}} {
		c := &comparer{ids: map[string]uint32{}}
		c.read(hostileStory(tc.shape, tc.n))
		c.weigh()
		c.match()
		postings := 0
		for _, ts := range c.terms {
			postings += len(ts)
		}
		for _, q := range c.quotes.items {
			postings += len(q.terms)
		}
		if most := maxMatchWork + postings + 100*100; c.work > most {
			t.Errorf("%s: work %d, want at most %d", tc.shape, c.work, most)
		}
		if most := maxRelatedPairs + len(c.terms); len(c.related) > most {
			t.Errorf("%s: %d related pairs, want at most %d", tc.shape, len(c.related), most)
		}
	}
}

// TestCompareLargeStoryWhole compares the whole ECB+ corpus as one story,
// a thousand articles: the limits that stop a costly comparison leave a
// story of real text compared to the end.
func TestCompareLargeStoryWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("compares a thousand articles")
	}
	var in []CompareInput
	for i, a := range loadECBPlus(t) {
		in = append(in, CompareInput{ID: int64(i + 1), Source: a.Source, Title: a.Title, Text: a.Text})
	}
	for _, a := range Compare(in).Articles {
		if n := a.Uncompared(); n > 0 {
			t.Fatalf("%s (article %d): %d of %d sentences left uncompared", a.Source, a.ID, n, len(a.Sentences))
		}
	}
}

// BenchmarkCompareHostile compares the stories of hostileStory at two
// sizes, the second four times the first: time and memory that grow four
// times or less are linear or bounded; sixteen times, quadratic.
func BenchmarkCompareHostile(b *testing.B) {
	for _, tc := range []struct {
		shape string
		n     int
	}{{"repetitive", 2000}, {"names", 2000}, {"quotes", 2000}, {"figures", 400}} {
		for _, n := range []int{tc.n, 4 * tc.n} {
			b.Run(fmt.Sprintf("%s-%d", tc.shape, n), func(b *testing.B) {
				in := hostileStory(tc.shape, n)
				b.ReportAllocs()
				for b.Loop() {
					Compare(in)
				}
				b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/story")
			})
		}
	}
}
