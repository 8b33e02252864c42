package story

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHashTableKeepsEveryValueAsItGrows(t *testing.T) {
	var tab hashTable
	const n = 5000
	for i := range uint64(n) {
		tab.put(mix64(i), uint32(i)+1)
	}
	for i := range uint64(n) {
		if got := tab.find(mix64(i)); got != uint32(i)+1 {
			t.Fatalf("find(hash of %d) = %d, want %d", i, got, i+1)
		}
	}
	if got := tab.find(mix64(n + 1)); got != 0 {
		t.Errorf("find of a hash never put = %d, want 0", got)
	}
	if len(tab.slots) < 2*n {
		t.Errorf("%d slots for %d values: more than half full", len(tab.slots), n)
	}
}

// The grouper remembers what each word it has met makes, so that it need
// not stem it again: a word met again must make what it made the first
// time, whether it stood in a name or not.
func TestWordsMetAgainMakeTheSameFeatures(t *testing.T) {
	d := Doc{
		ID:    1,
		Title: "French bank fined 3bn over defence contracts",
		Text: "The Bank of England said the French lender paid $3 billion. " +
			"French officials said the defence ministry had cancelled the contracts in 2019. " +
			"Officials of the Bank declined to comment on the 3 contracts.",
	}
	g := NewGrouper(Options{})
	snapshot := func(f *features) features {
		return features{
			terms:     slices.Clone(f.terms),
			names:     slices.Clone(f.names),
			lead:      slices.Clone(f.lead),
			nameWords: slices.Clone(f.nameWords),
			hash:      f.hash,
			length:    f.length,
		}
	}
	first := snapshot(g.analyse(d))
	again := snapshot(g.analyse(d))
	if len(first.terms) == 0 || len(first.names) == 0 {
		t.Fatalf("no terms or no names: %+v", first)
	}
	switch {
	case !slices.Equal(first.terms, again.terms):
		t.Errorf("terms\n first %v\n again %v", first.terms, again.terms)
	case !slices.Equal(first.names, again.names):
		t.Errorf("names\n first %v\n again %v", first.names, again.names)
	case !slices.Equal(first.lead, again.lead), !slices.Equal(first.nameWords, again.nameWords):
		t.Errorf("name words\n first %v %v\n again %v %v", first.lead, first.nameWords, again.lead, again.nameWords)
	case first.hash != again.hash, first.length != again.length:
		t.Errorf("hash and length: first %x %d, again %x %d", first.hash, first.length, again.hash, again.length)
	}
	// "French" is a name mid-sentence and a plain word opening one: the
	// two must stay two features.
	var french []uint8
	for id, show := range g.vocab.show {
		if show == "French" || show == "french" {
			french = append(french, g.vocab.kind[id])
		}
	}
	if !slices.Contains(french, kindName) || !slices.Contains(french, kindTerm) {
		t.Errorf("kinds of the features shown as French: %v, want a name and a term", french)
	}
}

// A title-case headline capitalises every word, so its capitals say
// nothing of names; what the library knows does. When no word of it is a
// name the library has met, the words the library has never seen written
// in lower case are taken for names, since ordinary words soon are; when
// one is, only the names it knows count.
func TestTitleCaseWordsNeverWrittenInLowerCase(t *testing.T) {
	g := NewGrouper(Options{})
	at := time.Date(2026, 5, 4, 8, 0, 0, 0, time.UTC)
	g.Add(Doc{ID: 1, Time: at, Title: "Regulators say the recalls cover older cars over a brake fault"}, 1)
	g.Add(Doc{ID: 2, Time: at, Title: "Shares of Tessel slip as the recalls widen"}, 2)
	for _, c := range []struct {
		title string
		want  []string
	}{
		{"Halvorsen Recalls Older Cars Over Brake Fault", []string{"Halvorsen"}},
		// Tessel is a name the library knows: the rest are not guessed.
		{"Tessel Recalls Widgets Over Brake Fault", []string{"Tessel"}},
		// Sentence case says which words are names; an unknown word
		// opening it is not one.
		{"Halvorsen recalls older cars over brake fault", nil},
	} {
		f := g.analyse(Doc{ID: 3, Time: at, Title: c.title})
		var got []string
		for _, n := range f.shown {
			got = append(got, n.text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("names of %q: %q, want %q", c.title, got, c.want)
		}
	}
}

// TestWordsPastTheLeadCountHalf: a report tells its event first and its
// background after, so a word past the first leadBytes of the text weighs
// half what it weighs in the lead, and a name half as much too; a word
// met there again several times still counts more than once.
func TestWordsPastTheLeadCountHalf(t *testing.T) {
	filler := strings.Repeat("Officials gave no further details about the matter today. ", 20)
	d := Doc{ID: 1, Title: "Quay shut at Port Arlen",
		Text: "The quay closed after the wall cracked, Mara Ellison said. " + filler +
			"Last spring a crane fell at the Velsk docks. Cranes fell twice there, and a crane fell again in May."}
	if strings.Index(d.Text, "quay") >= leadBytes || strings.Index(d.Text, "crane") < leadBytes {
		t.Fatal("the fixture must name the quay in its lead and the crane past it")
	}
	g := NewGrouper(Options{})
	f := g.analyse(d)
	weight := func(v []entry, show string) float64 {
		for _, e := range v {
			if g.vocab.show[e.id] == show {
				return float64(e.w)
			}
		}
		t.Fatalf("no feature shown as %q", show)
		return 0
	}
	// Every feature is new, so all have one IDF: weights differ by their
	// counts alone.
	wall, velsk, ellison := weight(f.terms, "wall"), weight(f.names, "Velsk"), weight(f.names, "Ellison")
	if r := weight(f.terms, "cracked") / wall; math.Abs(r-1) > 1e-6 {
		t.Errorf("two words of the lead weigh %.3f of each other, want 1", r)
	}
	if r := velsk / ellison; math.Abs(r-0.5) > 1e-6 {
		t.Errorf("a name past the lead weighs %.3f of one in it, want 0.5", r)
	}
	if r := weight(f.terms, "crane") / wall; r <= 1 || r >= 1+math.Log(3) {
		t.Errorf("a word three times past the lead weighs %.3f of one once in it, want between 1 and %.3f", r, 1+math.Log(3))
	}
}
