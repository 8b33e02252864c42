package story

import (
	"slices"
	"strings"
	"testing"
)

func TestAppendWords(t *testing.T) {
	s := `Mr. Smith said: "The U.S. will pay 1,200.50 now" - see https://example.com/a.b for more. Lohan's lawyer met NATO's chief in São Paulo.`
	type want struct {
		text  string
		flags uint8
	}
	wants := []want{
		{"Mr", wCap | wSentence},
		{"Smith", wCap},
		{"said", wJoined | wPlain},
		{"The", wCap | wSentence},
		{"U.S.", wCap | wUpper | wDotted | wJoined},
		{"will", wJoined | wPlain},
		{"pay", wJoined | wPlain},
		{"1,200.50", wNumber | wJoined},
		{"now", wJoined | wPlain},
		{"see", wPlain},
		{"for", wPlain},
		{"more", wJoined | wPlain},
		{"Lohan", wCap | wSentence},
		{"lawyer", wPlain},
		{"met", wJoined | wPlain},
		{"NATO", wCap | wUpper | wJoined},
		{"chief", wPlain},
		{"in", wJoined | wPlain},
		{"São", wCap | wJoined},
		{"Paulo", wCap | wJoined},
	}
	ws := appendWords(nil, s)
	if len(ws) != len(wants) {
		var got []string
		for _, w := range ws {
			got = append(got, s[w.start:w.end])
		}
		t.Fatalf("words %q, want %d of them", got, len(wants))
	}
	for i, w := range ws {
		if got := s[w.start:w.end]; got != wants[i].text || w.flags != wants[i].flags {
			t.Errorf("word %d: %q flags %07b, want %q flags %07b", i, got, w.flags, wants[i].text, wants[i].flags)
		}
	}
}

func TestTerms(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"The police charged three men after the charges were read", "polic charg 3 men charg read"},
		{"Quakes struck; rescuers searched the collapsed buildings", "quak struck rescuer search collaps build"},
		{"Countries studied the studies, stopping and stopped", "country study study stop stop"},
		{"On Tuesday, 1,200 people fled the 6.1 magnitude tremor", "tuesday 1200 peopl fled 6.1 magnitud tremor"},
		{"Don’t say he said it: the crisis in Texas", "crisis texa"},
		{"ÉCOLES fermées à Genève", "écol fermé genèv"},
	} {
		if got := strings.Join(terms(c.in), " "); got != c.want {
			t.Errorf("terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"charges", "charg"}, {"charged", "charg"}, {"charging", "charg"}, {"charge", "charg"},
		{"running", "run"}, {"killed", "kill"}, {"passes", "pass"}, {"buzzes", "buzz"},
		{"countries", "country"}, {"carried", "carry"}, {"boxes", "box"},
		{"crisis", "crisis"}, {"virus", "virus"}, {"news", "news"}, {"bus", "bus"},
		{"speed", "speed"}, {"string", "string"}, {"sing", "sing"},
	} {
		if got := stem(c.in); got != c.want {
			t.Errorf("stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStopWords(t *testing.T) {
	for _, w := range []string{"the", "said", "would", "yesterday", "don't"} {
		if !isStopWord(w) {
			t.Errorf("%q is not a stop word", w)
		}
	}
	for _, w := range []string{"tuesday", "march", "earthquake", "nato"} {
		if isStopWord(w) {
			t.Errorf("%q is a stop word", w)
		}
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		// A word opening a sentence counts only if the text capitalises
		// it elsewhere too.
		{"Police said Lindsay Lohan checked in. Lohan's lawyer spoke to People magazine.",
			[]string{"Lindsay Lohan", "Lohan", "People"}},
		{"Yesterday the Bank of England raised rates. Analysts at Goldman Sachs expected it.",
			[]string{"Bank of England", "Goldman Sachs"}},
		// Confirmed only as the first word of a longer name, a word opening
		// a sentence on its own is a plain word.
		{"Rail workers walked out. The Rail Workers Union called the strike. Police said Ada Byron was held. Byron said no.",
			[]string{"Rail Workers Union", "Ada Byron", "Byron"}},
		// Acronyms count anywhere; a shouted line does not; a possessive
		// ends a name.
		{"NATO met in Brussels. FIRE DESTROYS WAREHOUSE IN TOWN. Engineers said Microsoft's IE was patched by the U.S. team.",
			[]string{"NATO", "Brussels", "Microsoft", "IE", "U.S."}},
		// Calendar words and honorifics are not names.
		{"On Monday in March, Dr. Ada Byron met Ms. Ruth Ellis.",
			[]string{"Ada Byron", "Ruth Ellis"}},
		// The dot of a place's short form stays inside its name.
		{"The tower of St. Odile's church and the slopes of Mt. Kenya were seen.",
			[]string{"St. Odile", "Mt. Kenya"}},
		// A word or two in capitals opening a text before a colon is a
		// kicker, unless the text names it elsewhere.
		{"EXCLUSIVE: Police hold Ada Byron.", []string{"Ada Byron"}},
		{"BREAKING NEWS: NATO meets in Brussels.", []string{"NATO", "Brussels"}},
		{"NASA: launch slips a week. The delay, NASA said, is for the weather.", []string{"NASA"}},
		// A hyphen joins a name; a dash parts two.
		{"A friend of John Mitchell -- President Nixon's attorney general -- met Jean-Paul Sartre and Ada Byron - Lady Lovelace.",
			[]string{"John Mitchell", "President Nixon", "Jean-Paul Sartre", "Ada Byron", "Lady Lovelace"}},
		// A line in title case without a full stop is a headline or a
		// subheading: only the words the text names elsewhere are names.
		{"Ada Byron Finally Checks Into Rehab For Undisclosed Reasons\nThe singer Ada Byron entered a clinic.\nWhat Happens Next\nNobody knows.",
			[]string{"Ada Byron"}},
		// A country, or its people's word for it, is a name wherever it is
		// capitalised: opening a sentence, and in a title-case headline.
		{"Kenyan rescuers search for the missing. Kenya has declared a disaster.", []string{"Kenyan", "Kenya"}},
		{"Floods in Kenya Kill at Least 38 After Days of Heavy Rain", []string{"Kenya"}},
		{"", nil},
	} {
		if got := names(c.in); !slices.Equal(got, c.want) {
			t.Errorf("names(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNamesInTitleCaseHeadline reads a title-case headline with its body:
// the headline's capitals count only for words the body names.
func TestNamesInTitleCaseHeadline(t *testing.T) {
	title := "Lindsay Lohan Checks Into Betty Ford Rehab"
	body := "The actress entered the clinic on Friday, said a spokesman for Lohan. The Betty Ford Center declined to comment."
	texts := []text{
		{s: title, words: appendWords(nil, title)},
		{s: body, words: appendWords(nil, body)},
	}
	texts[0].titleCase = isTitleCase(title, texts[0].words)
	if !texts[0].titleCase {
		t.Fatalf("%q not read as title case", title)
	}
	out := make([][]mention, 2)
	var sp nameSpotter
	sp.spot(texts, out)
	var got []string
	for _, m := range out[0] {
		got = append(got, title[texts[0].words[m.first].start:texts[0].words[m.last].end])
	}
	if want := []string{"Lohan", "Betty Ford"}; !slices.Equal(got, want) {
		t.Errorf("headline names %q, want %q", got, want)
	}
}

// TestHeadlineLines marks the lines of a text that read as headlines: in
// title case, without a full stop, and either four words long or
// capitalising a function word; a shorter line may be a name on its own.
func TestHeadlineLines(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // per word: 1 for a word of a headline line
	}{
		{"Ada Byron Finally Checks Into Rehab\nShe entered a clinic.", "111111" + "0000"},
		{"What Happens Next\nNobody knows.", "111" + "00"},
		{"Vincent L. Gigante\nBorn in the Bronx.", "000" + "0000"},
		{"Police Arrest Ada Byron In Leeds.\nShe was freed.", "000000" + "000"},
		{"Lake Orrin Ice Fishing Ban Lifted", "111111"},
	} {
		tx := text{s: c.in, words: appendWords(nil, c.in)}
		var got strings.Builder
		for _, m := range headlineLines(nil, tx) {
			got.WriteByte("01"[b2i(m)])
		}
		if got.String() != c.want {
			t.Errorf("headlineLines(%q) = %s, want %s", c.in, got.String(), c.want)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestIsTitleCase(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"Lindsay Lohan Checks Into Betty Ford Rehab", true},
		{"Lindsay Lohan checks into rehab at Betty Ford Center", false},
		{"Fire on the Solvang Star", true},
		{"Quake", false},
		// The part after a compound's hyphen may keep its small letter.
		{"Quiet Baker Sues Co-owners Over Family Recipe", true},
		{"Quiet baker sues co-owners over family recipe", false},
	} {
		if got := isTitleCase(c.in, appendWords(nil, c.in)); got != c.want {
			t.Errorf("isTitleCase(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestWireSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"UPDATE 2-Quay reopens after storm", "UPDATE 2-"},
		{"RPT-UPDATE 1-Krone slides after testimony", "RPT-UPDATE 1-"},
		{"GLOBAL MARKETS-Stocks rally on rate hopes", "GLOBAL MARKETS-"},
		{"EXCLUSIVE-Tessel to cut 2,000 jobs", "EXCLUSIVE-"},
		{"BRIEF-ABC Corp says first-quarter revenue up", "BRIEF-"},
		// Acronyms in a compound, and compounds in a shouted headline.
		{"US-China talks resume in Geneva", ""},
		{"NATO-Russia council meets", ""},
		{"COVID-19 cases rise again", ""},
		{"737-MAX returns to service", ""},
		{"UNICEF-backed clinics open", ""},
		{"SAN DIEGO-BASED FIRM SOLD", ""},
		{"UPDATE", ""},
	} {
		if got := c.in[:wireSlug(c.in)]; got != c.want {
			t.Errorf("wireSlug(%q) cuts %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHeadlineNews(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Storm Idris batters west coast (VIDEO)", "Storm Idris batters west coast"},
		{"[PHOTOS] Storm Idris batters west coast", "Storm Idris batters west coast"},
		{"UPDATE 1-Tessel shares fall (NYSE:TSL) [Updated]", "Tessel shares fall"},
		// An aside of more words is part of the headline, and so is a
		// headline that is nothing but brackets.
		{"Rates to stay high (and what that means for mortgages)", "Rates to stay high (and what that means for mortgages)"},
		{"(VIDEO)", "(VIDEO)"},
		{"Quay closes (again", "Quay closes (again"},
		// The label of the kind of piece goes; a name before a colon, or
		// a label with no news after it, stays.
		{"Opinion: The Sable 9 Proves Phones Have Stopped Getting Exciting", "The Sable 9 Proves Phones Have Stopped Getting Exciting"},
		{"Live updates:  Corvell unveils the Sable 9", "Corvell unveils the Sable 9"},
		{"Opinion | The Sable 9 proves phones have stopped getting exciting", "The Sable 9 proves phones have stopped getting exciting"},
		{"WATCH: Storm surge floods Lake Charles (VIDEO)", "Storm surge floods Lake Charles"},
		{"Vost concedes: \"The people have chosen\"", "Vost concedes: \"The people have chosen\""},
		{"Human Rights Watch: prisons overcrowded", "Human Rights Watch: prisons overcrowded"},
		{"Analysis:", "Analysis:"},
	} {
		if got := headlineNews(c.in); got != c.want {
			t.Errorf("headlineNews(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	got := numbers("Three people died and 1,200 fled; the 6.1 quake hit at 9:27, the 2nd in a week. Another 3 were hurt, not 1200.")
	want := []string{"3", "1200", "6.1", "9", "27"}
	if !slices.Equal(got, want) {
		t.Errorf("numbers = %q, want %q", got, want)
	}
}

// FuzzAppendWords checks that any text splits into ordered, non-empty,
// in-bounds words that the other building blocks accept.
func FuzzAppendWords(f *testing.F) {
	f.Add("Mr. Smith's U.S. 1,200.50 https://x.y São Paulo ÉCOLES")
	f.Add("a.b.c. ’s '' -- 3.4.5,6")
	f.Add("don't don’t 1,200 3.5 e.u. écoles abc")
	f.Fuzz(func(t *testing.T, s string) {
		prev := int32(0)
		for _, w := range appendWords(nil, s) {
			if w.start < prev || w.end <= w.start || int(w.end) > len(s) {
				t.Fatalf("word [%d,%d) after %d in %q", w.start, w.end, prev, s)
			}
			prev = w.end
			if word := s[w.start:w.end]; w.is(wPlain) && string(appendLower(nil, word)) != word {
				t.Fatalf("%q is marked as its own lower-case form, which is %q", word, appendLower(nil, word))
			}
		}
		terms(s)
		names(s)
		numbers(s)
		Title([]string{s, s + " x"})
	})
}

func TestDemonymsAndMagnitudes(t *testing.T) {
	cases := []struct{ a, b string }{
		{"Russian", "Russia"},
		{"Russians", "Russia's"},
		{"Chinese", "China"},
		{"Afghans", "Afghanistan"},
		{"Burma", "Myanmar"},
		{"Britons", "Britain"},
		{"$3bn", "3"},
		{"£2.6m", "2.6"},
		{"40k", "40"},
	}
	for _, c := range cases {
		a, b := terms(c.a), terms(c.b)
		if len(a) != 1 || !slices.Equal(a, b) {
			t.Errorf("terms(%q) = %q, terms(%q) = %q: want one key, the same", c.a, a, c.b, b)
		}
	}
	// A unit that is not a magnitude, and a word that only ends like a
	// demonym, keep their own keys.
	for _, c := range []struct{ in, want string }{{"10am", "10am"}, {"3kg", "3kg"}, {"Christian", "christian"}} {
		if got := terms(c.in); !slices.Equal(got, []string{c.want}) {
			t.Errorf("terms(%q) = %q, want [%q]", c.in, got, c.want)
		}
	}
}
