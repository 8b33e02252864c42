package story

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestNumberRefs(t *testing.T) {
	type num struct {
		text  string
		unit  string
		value float64
	}
	tests := []struct {
		s    string
		want []num
	}{
		{"Four delegations will attend.", []num{{"Four delegations", "delegation", 4}}},
		{"Officials expect 4 delegations.", []num{{"4 delegations", "delegation", 4}}},
		{"Prices rose 3.5% in March.", []num{{"3.5%", "%", 3.5}}},
		{"Unemployment fell to 4.1 per cent.", []num{{"4.1 per cent", "%", 4.1}}},
		{"Hundreds of thousands marched.", []num{{"Hundreds of thousands", "", 1e5}}},
		{"They want the pre-2014 borders back.", []num{{"pre-2014 borders", "pre:border", 2014}}},
		{"It is the war's third year.", []num{{"third year", "ord:year", 3}}},
		{"The 3rd round starts now.", []num{{"3rd round", "ord:round", 3}}},
		{"Around 2,300 people travel daily.", []num{{"Around 2,300 people", "peopl", 2300}}},
		{"More than 200 boats sailed.", []num{{"More than 200 boats", "boat", 200}}},
		{"The bus left at 6:40 a.m. on Monday.", []num{{"6:40 a.m.", "time", 400}}},
		{"It closed at 9:15 p.m. sharp.", []num{{"9:15 p.m.", "time", 21*60 + 15}}},
		{"They last met in September 1994.", []num{{"September 1994", "year", 1994}}},
		{"The vote is on March 5 in Astrel.", []num{{"March 5", "date", 305}}},
		{"He was arrested Jan. 6 near the docks.", []num{{"Jan. 6", "date", 106}}},
		{"Police reopened the Sept. 11 killing.", []num{{"Sept. 11", "date", 911}}},
		{"The ship sailed in May. 6 crew stayed behind.", []num{{"6 crew", "crew", 6}}},
		{"The 6 December vote was moved from 31 July.", []num{{"6 December", "date", 1206}, {"31 July", "date", 731}}},
		{"She served for twenty-two years.", []num{{"twenty-two years", "span:year", 22}}},
		{"He got a five-year sentence.", []num{{"five-year", "span:year", 5}}},
		{"The 35-year-old pilot was unhurt.", []num{{"35-year-old", "age", 35}}},
		{"She is 61 years old.", []num{{"61 years old", "age", 61}}},
		{"The judge, aged 58, retired.", []num{{"aged 58", "age", 58}}},
		{"A 40-year-old man was killed.", []num{{"40-year-old", "age", 40}}},
		{"He will coach through the 2008-09 season.", []num{{"2008-09", "year", 2008}}},
		{"The 2004 tsunami killed 170,000 people.", []num{{"2004", "year", 2004}, {"170,000 people", "fate:dead", 170000}}},
		{"An April 2007 shooting left two dead.", []num{{"April 2007", "year", 2007}, {"two dead", "fate:dead", 2}}},
		{"It held two hundred and twelve passengers.", []num{{"two hundred and twelve passengers", "passenger", 212}}},
		{"The plan costs $3.5 million.", []num{{"$3.5 million", "cur:$", 3.5e6}}},
		{"The firm lost $3.5mn last year.", []num{{"$3.5mn", "cur:$", 3.5e6}}},
		{"A $2tn plan passed.", []num{{"$2tn", "cur:$", 2e12}}},
		{"They paid 4.5b euros.", []num{{"4.5b euros", "euro", 4.5e9}}},
		{"Sales reached 40k units.", []num{{"40k units", "unit", 4e4}}},
		{"The talks lasted 48 hours.", []num{{"48 hours", "hour", 48}}},
		{"A 48-hour strike began.", []num{{"48-hour", "hour", 48}}},
		{"Only one of them can be right.", nil},
		{"Route 66 reopened on Monday.", nil},
		{"He came third.", nil},
		{"Dozens of boats stayed ashore.", []num{{"Dozens", "", 12}}},
		{"The death toll stands at 43.", []num{{"43", "fate:dead", 43}}},
		{"Police said 43 people had died.", []num{{"43 people", "fate:dead", 43}}},
		{"The blast killed 12 passengers and injured 30.", []num{{"12 passengers", "fate:dead:passenger", 12}, {"30", "fate:injured", 30}}},
		{"Twelve were killed, 30 injured and 4 are missing.", []num{{"Twelve", "fate:dead", 12}, {"30", "fate:injured", 30}, {"4", "fate:missing", 4}}},
		{"Drivers pay a $5 toll on the bridge.", []num{{"$5", "cur:$", 5}}},
		{"The storm killed livestock; 300 homes were flooded.", []num{{"300 homes", "hom", 300}}},
		{"On March 5 the storm killed three people.", []num{{"March 5", "date", 305}, {"three people", "fate:dead", 3}}},
		{"Since 2019 the road has killed 40 people.", []num{{"2019", "year", 2019}, {"40 people", "fate:dead", 40}}},
		{"At 6:40 the blast killed 12.", []num{{"6:40", "time", 400}, {"12", "fate:dead", 12}}},
		{"The third person killed was a guard.", []num{{"third person", "ord:person", 3}}},
		{"Marr was hurt in a 27-24 loss to Velsk.", []num{{"27", "", 27}, {"24 loss", "loss", 24}}},
		{"A mother of 12 was killed in the crossfire.", []num{{"12", "", 12}}},
		{"The singer died on Sunday at 77.", []num{{"77", "", 77}}},
		{"She died at the age of 95.", []num{{"age of 95", "age", 95}}},
		{"A guide died after falling 150 metres from the ridge.", []num{{"150 metres", "meter", 150}}},
		{"The toll stood at 43 on Monday.", []num{{"43", "fate:dead", 43}}},
		{"A total of 43 people died.", []num{{"43 people", "fate:dead", 43}}},
		{"The quake injured 50 people and damaged 300 houses.", []num{{"50 people", "fate:injured", 50}, {"300 houses", "hous", 300}}},
		{"He has been arrested four times.", []num{{"four times", "tim", 4}}},
		{"A 5.2 quake injured five people.", []num{{"5.2 quake", "quak", 5.2}, {"five people", "fate:injured", 5}}},
		{"Officials reported 12 dead.", []num{{"12 dead", "fate:dead", 12}}},
		{"Officials confirmed 12 people killed.", []num{{"12 people", "fate:dead", 12}}},
	}
	for _, tt := range tests {
		refs := numberRefs(tt.s, appendWords(nil, tt.s))
		var got []num
		for _, r := range refs {
			got = append(got, num{r.text, r.unit, r.value})
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("numbers of %q:\n got %v\nwant %v", tt.s, got, tt.want)
		}
	}
}

func TestNumberVagueAndApprox(t *testing.T) {
	refs := numberRefs("Hundreds of thousands came, around 2,000 stayed and 12 left.", appendWords(nil, "Hundreds of thousands came, around 2,000 stayed and 12 left."))
	if len(refs) != 3 {
		t.Fatalf("refs = %+v, want 3", refs)
	}
	if !refs[0].vague || refs[1].vague || !refs[1].approx || refs[2].approx {
		t.Errorf("vague/approx = %v/%v %v/%v %v/%v, want true/false false/true false/false",
			refs[0].vague, refs[0].approx, refs[1].vague, refs[1].approx, refs[2].vague, refs[2].approx)
	}
	exact := numberRef{value: 2100}
	if !sameNumber(refs[1], exact) {
		t.Error("around 2,000 and 2,100 differ, want them taken as the same rough figure")
	}
	if sameNumber(numberRef{value: 4}, numberRef{value: 5}) {
		t.Error("4 and 5 taken as the same")
	}
}

func TestNameGrouping(t *testing.T) {
	arts := []CompareInput{
		{ID: 1, Text: "Defense Secretary Mara Ellison announced the talks. Senator Joren Pike of the Heartland Party objected."},
		{ID: 2, Text: "The talks were announced by Ms. Ellison, the defence chief. Tarsovan Foreign Minister Ilse Varga welcomed them."},
		{ID: 3, Text: "Ellison spoke in Astrel. Varga spoke in Velsk. Mara Ellison left on Tuesday."},
	}
	c := Compare(arts)
	got := map[string]string{}
	for _, n := range c.Names {
		var ms []string
		for _, m := range n.Mentions {
			ms = append(ms, fmt.Sprintf("%d:%s", m.Article, m.Text))
		}
		got[n.Name] = strings.Join(ms, "; ")
	}
	want := map[string]string{
		"Defense Secretary Mara Ellison":       "1:Defense Secretary Mara Ellison; 2:Ms. Ellison; 3:Mara Ellison",
		"Senator Joren Pike":                   "1:Senator Joren Pike",
		"Heartland Party":                      "1:Heartland Party",
		"Tarsovan Foreign Minister Ilse Varga": "2:Tarsovan Foreign Minister Ilse Varga; 3:Varga",
		"Astrel":                               "3:Astrel",
		"Velsk":                                "3:Velsk",
	}
	for name, ms := range want {
		if got[name] != ms {
			t.Errorf("name %q mentioned as %q, want %q", name, got[name], ms)
		}
	}
	if len(got) != len(want) {
		t.Errorf("names = %v, want %d of them", got, len(want))
	}
	if want := []string{"Ms. Ellison", "Tarsovan Foreign Minister Ilse Varga"}; !slices.Equal(c.Articles[1].Names, want) {
		t.Errorf("names of article 2 = %q, want %q", c.Articles[1].Names, want)
	}
}

// A word that opens a sentence before a name another mention gives alone
// does not make a second name: the singer, her full name and her surname
// are one bearer, shown in the fullest form written, and the pair view
// counts her as shared. A sentence opener before a name no other mention
// gives alone stays part of it.
func TestNameAfterASentenceOpener(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Title: "Singer Noor Adeyemi cancels world tour, citing health"},
		{ID: 2, Title: "Noor Adeyemi Calls Off 2027 World Tour"},
		{ID: 3, Title: "Adeyemi says she will return to the stage when she is well"},
		{ID: 4, Title: "Drummer Tobi Lansing leaves the band", Text: "Lansing thanked the fans."},
	})
	got := namingArticles(c)
	want := map[string][]int64{"Singer Noor Adeyemi": {1, 2, 3}, "Drummer Tobi Lansing": {4}}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("names %v, want %v", got, want)
	}
	p := c.Pair(2, 3)
	if !slices.Equal(p.SharedNames, []string{"Noor Adeyemi"}) || len(p.LeftNames)+len(p.RightNames) > 0 {
		t.Errorf("pair: shared %q, left %q, right %q; want Noor Adeyemi shared", p.SharedNames, p.LeftNames, p.RightNames)
	}
}

// The outlet that filed a report, credited in brackets in its dateline,
// is not a name of the story: no other source would name it. The place of
// the dateline is, and so is a bracketed name anywhere else.
func TestNameInAWireCreditIsLeftOut(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Text: "LISBON (Harbour Wire) — Dock workers walked out on Tuesday, the union said."},
		{ID: 2, Text: "VALMONT, Ostria, March 3 (Coastline Press) - Dock workers in Lisbon struck for a second day."},
		{ID: 3, Text: "The Port Authority (Harbour Wire) said dock workers in Lisbon had walked out."},
		{ID: 4, Text: "PORTO (Reuters) The dock workers of Porto did not join the strike."},
	})
	got := namingArticles(c)
	want := map[string][]int64{
		"Lisbon": {1, 2, 3}, "VALMONT": {2}, "Ostria": {2}, "Port Authority": {3}, "Harbour Wire": {3},
		"Porto": {4}, "Reuters": {4},
	}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("names %v, want %v", got, want)
	}
}

// A wire service's slug before a headline ("UPDATE 2-") is no name of the
// story, and the name that follows it is the story's, not one joined to
// the slug ("EXCLUSIVE-Tessel").
func TestNameAfterAWireSlug(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Title: "EXCLUSIVE-Tessel to shut its Harbour City plant"},
		{ID: 2, Title: "UPDATE 2-Tessel confirms Harbour City plant will close"},
		{ID: 3, Text: "The plant in Harbour City will close, Tessel said on Monday."},
	})
	got := namingArticles(c)
	want := map[string][]int64{"Harbour City": {1, 2, 3}, "Tessel": {1, 2, 3}}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("names %v, want %v", got, want)
	}
}

// A lone surname that two people share stays apart from both.
func TestNameAmbiguousSurname(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Text: "Anna Berg and Olof Berg met in the capital on Monday evening."},
		{ID: 2, Text: "Berg said the meeting went well."},
	})
	for _, n := range c.Names {
		if n.Name == "Berg" && len(n.Articles) != 1 {
			t.Errorf("Berg joined to %v, want it alone", n.Articles)
		}
		if strings.HasSuffix(n.Name, " Berg") && slices.Contains(n.Articles, 2) {
			t.Errorf("%s credited to article 2, which names only Berg", n.Name)
		}
	}
}

// TestNamesAsTheCompareListsThem: the compare lists a name whole through
// a middle initial, with the "New" of a place, past six words (also where
// the sixth is followed by "of"), and apart
// from the hometown written after it with "of" when the story names the
// person alone too; words shouted in capitals that the story writes in
// lower case elsewhere are no names, while an acronym is one.
func TestNamesAsTheCompareListsThem(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Title: "Tomas Vey found GUILTY in Fort Lyle killing",
			Text: "A jury found Tomas Arlen Vey of Port Salem guilty on Monday in the death of Mira Doss. " +
				"Judge Kenneth J. Montgomery set the sentencing for May. " +
				"The verdict was first reported by the New York Times."},
		{ID: 2, Title: "Vey convicted",
			Text: "AN EARTHQUAKE of a verdict, one lawyer called it, and the earthquake was felt in Port Salem. " +
				"The case was reviewed by the Saint Odran Valley Regional Water Quality Control Board, and by NATO lawyers. " +
				"The Joint Harbour Safety Review Coordination Centre of West Anmar sent an observer. " +
				"Prosecutors said Tomas Arlen Vey shot Mira Doss of Fort Lyle."},
	})
	var got []string
	for _, n := range c.Names {
		got = append(got, n.Name)
	}
	for _, want := range []string{"Tomas Arlen Vey", "Port Salem", "Mira Doss", "Fort Lyle", "Judge Kenneth J. Montgomery",
		"New York Times", "Saint Odran Valley Regional Water Quality Control Board", "NATO",
		"Joint Harbour Safety Review Coordination Centre of West Anmar"} {
		if !slices.Contains(got, want) {
			t.Errorf("names %q lack %q", got, want)
		}
	}
	for _, bad := range []string{"GUILTY", "AN EARTHQUAKE", "York Times", "Kenneth J", "Montgomery",
		"Tomas Arlen Vey of Port Salem", "Mira Doss of Fort Lyle", "Saint Odran Valley Regional Water Quality",
		"Joint Harbour Safety Review Coordination Centre", "West Anmar"} {
		if slices.Contains(got, bad) {
			t.Errorf("names %q hold %q", got, bad)
		}
	}
}

// TestALetterEndingASentenceIsNoInitial: a capital letter that ends a
// sentence ("Cell Block G.") does not run into the name opening the next
// one; a middle initial after a given name, or before a surname the
// story writes after a first name elsewhere, still joins the name.
func TestALetterEndingASentenceIsNoInitial(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Title: "Riot at Orlo prison",
			Text: "The riot began at dawn in Cell Block G. Orlo experienced nothing like it in years. " +
				"Prison Warden Petra J. Lund said order was restored by noon, and Judge Kenneth J. Montgomery ordered an inquiry."},
		{ID: 2, Title: "Orlo prison riot ends",
			Text: "Petra Lund, who runs the prison, said no guard was hurt. A riot in 2004 was put down under Governor George W. Bush."},
	})
	var got []string
	for _, n := range c.Names {
		got = append(got, n.Name)
	}
	for _, want := range []string{"Cell Block G", "Orlo", "Prison Warden Petra J. Lund", "Judge Kenneth J. Montgomery", "Governor George W. Bush"} {
		if !slices.Contains(got, want) {
			t.Errorf("names %q lack %q", got, want)
		}
	}
	for _, bad := range []string{"Cell Block G. Orlo", "Prison Warden Petra J", "Kenneth J", "George W"} {
		if slices.Contains(got, bad) {
			t.Errorf("names %q hold %q", got, bad)
		}
	}
}

// TestABodyOfAPlaceStaysWhole: a name "X of Y" that the story writes after
// "the" is a body or a place, not a person of a place, and so is any name
// whose word before "of" heads such a one: "the Dunmore Hawks of Calder"
// and "Ostrava University of Lowmark" (beside "the University of Tarn")
// stay whole, while a person and her hometown are still two names. A
// place written alone does not join the body named for it.
func TestABodyOfAPlaceStaysWhole(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Title: "Hawks sign Brenn",
			Text: "The Dunmore Hawks of Calder signed the pitcher Orla Brenn of Velsk on Monday. " +
				"Brenn studied at Ostrava University of Lowmark. The Hawks said the deal runs for five years."},
		{ID: 2, Title: "Brenn joins the Hawks",
			Text: "Orla Brenn joined the Dunmore Hawks on Monday. She went to the University of Tarn before she turned professional. " +
				"The Dunmore Hawks play in Calder, and Ostrava University plays in Lowmark."},
	})
	got := namingArticles(c)
	want := map[string][]int64{
		"Dunmore Hawks of Calder": {1}, "Ostrava University of Lowmark": {1}, "Orla Brenn": {1, 2}, "Velsk": {1},
		"Calder": {2}, "Lowmark": {2},
	}
	for name, arts := range want {
		if !slices.Equal(got[name], arts) {
			t.Errorf("%q named by %v, want %v (names %v)", name, got[name], arts, got)
		}
	}
	for _, bad := range []string{"Orla Brenn of Velsk", "Dunmore Hawks of", "Ostrava University of"} {
		if _, ok := got[bad]; ok {
			t.Errorf("names %v hold %q", got, bad)
		}
	}
}

// TestAMiddleNameIsOneBearer: a person named with and without a middle
// name is one bearer, and the lone surname joins both; where two people
// share the first and the last name, the name without a middle one, and
// the surname alone, stay apart from both.
func TestAMiddleNameIsOneBearer(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Title: "Tomas Vey found guilty of fraud", Text: "A jury found Tomas Arlen Vey guilty on Monday. Vey will be sentenced in May."},
		{ID: 2, Title: "Fraud verdict in Velsk", Text: "Tomas Vey was convicted of fraud on Monday, the court in Velsk said."},
		{ID: 3, Title: "Berg cousins open a bakery", Text: "Anna Lise Berg and Anna Maj Berg opened a bakery in Orlo. Anna Berg said it took a year."},
	})
	got := namingArticles(c)
	want := map[string][]int64{
		"Tomas Arlen Vey": {1, 2}, "Velsk": {2}, "Anna Lise Berg": {3}, "Anna Maj Berg": {3}, "Anna Berg": {3}, "Berg": {3}, "Orlo": {3},
	}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("names %v, want %v", got, want)
	}
}

// TestInitialsWrittenApartAreOneBearer: a person known by initials is
// one bearer however an outlet sets them, spaced, stopped or run
// together, and the surname alone joins them; a given name with a middle
// initial is still one with the given name alone.
func TestInitialsWrittenApartAreOneBearer(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Novelist sues a tabloid", Text: "The novelist R. T. Morrow filed a claim on Monday. Morrow said the report was false. Karen B. Olson acts for her."},
		{ID: 2, Source: "Beta", Title: "RT Morrow takes a paper to court", Text: "R.T. Morrow has sued a newspaper. Morrow called the story untrue, said Karen Olson."},
	})
	got := namingArticles(c)
	want := map[string][]int64{"R. T. Morrow": {1, 2}, "Karen B. Olson": {1, 2}}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("names %v, want %v", got, want)
	}
}

// TestRolesBeforeNames: a role alone ("the Greek Prime Minister", "the
// Foreign Minister") names no one, so the outlet that writes it is not
// shown naming someone the others leave out, while a role with its
// bearer's name stays a name; "Coach" and "General Manager" stand before
// a name as "Minister" does, so that the bearer is one however the
// outlets title them.
func TestRolesBeforeNames(t *testing.T) {
	for _, c := range []struct {
		about string
		in    [2]CompareInput
		want  map[string][]int64
	}{{
		about: "a role alone",
		in: [2]CompareInput{
			{ID: 1, Source: "Alpha", Title: "Greek Prime Minister Calls Riot Deaths 'Murder'",
				Text: "The Greek Prime Minister said the deaths were murder. Later the Prime Minister spoke to Parliament. " +
					"The Foreign Minister said nothing."},
			{ID: 2, Source: "Beta", Title: "Three die in a bank fire",
				Text: "Prime Minister Ilse Varga said the deaths were murder, speaking in Parliament."},
		},
		want: map[string][]int64{"Parliament": {1, 2}, "Prime Minister Ilse Varga": {2}},
	}, {
		about: "a sports title",
		in: [2]CompareInput{
			{ID: 1, Source: "Alpha", Title: "Rovers fire their coach",
				Text: "The Rovers fired Coach Tomas Brenner on Monday. General Manager Ada Kell said the club would look abroad."},
			{ID: 2, Source: "Beta", Title: "Brenner out at Rovers",
				Text: "Tomas Brenner was fired after one season, said Ada Kell, the club's general manager. Head Coach Brenner declined to comment."},
		},
		want: map[string][]int64{"Rovers": {1, 2}, "Coach Tomas Brenner": {1, 2}, "General Manager Ada Kell": {1, 2}},
	}} {
		if got := namingArticles(Compare(c.in[:])); !maps.EqualFunc(got, c.want, slices.Equal) {
			t.Errorf("%s: names %v, want %v", c.about, got, c.want)
		}
	}
}

// TestTimeZonesAreNoNames: the zone after a dateline's time is no name,
// wherever the outlet is, but "CT" and "Mt" may well be one.
func TestTimeZonesAreNoNames(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Ferry stranded off Tarsova",
			Text: "Updated 6 May 2026, 9:03am AEST\n\nA ferry ran aground off Tarsova on Monday, the coastguard said. Two climbers on Mt Orlo saw it."},
		{ID: 2, Source: "Beta", Title: "Coastguard frees stranded ferry",
			Text: "Posted 5 May 2026 23:10 CEST\n\nThe coastguard freed a ferry off Tarsova at 11:40 p.m. EDT, after a CT scan cleared its captain."},
	})
	got := namingArticles(c)
	for _, zone := range []string{"AEST", "CEST", "EDT"} {
		if _, ok := got[zone]; ok {
			t.Errorf("names %v: %s is a time zone", got, zone)
		}
	}
	for _, name := range []string{"Tarsova", "Mt Orlo", "CT"} {
		if _, ok := got[name]; !ok {
			t.Errorf("names %v: %s is missing", got, name)
		}
	}
}

// TestAQuotationOpensASentence: a capital that opens a quotation after a
// comma opens a sentence, in any quotation marks, and is no name by that
// alone; a quoted name after a word stays a name.
func TestAQuotationOpensASentence(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "River floods Orlo",
			Text: "Ana Lisk told reporters, \"Nobody expected the river to rise so fast.\" She added, “Everyone helped.”"},
		{ID: 2, Source: "Beta", Title: "Orlo mayor backs flood plan",
			Text: "Lisk said the \"Green Deal\" would pay for new banks, and a neighbour said, 'Somebody should have warned us.'"},
	})
	got := namingArticles(c)
	for _, word := range []string{"Nobody", "Everyone", "Somebody"} {
		if _, ok := got[word]; ok {
			t.Errorf("names %v: %s opens a quotation", got, word)
		}
	}
	for _, name := range []string{"Ana Lisk", "Green Deal"} {
		if _, ok := got[name]; !ok {
			t.Errorf("names %v: %s is missing", got, name)
		}
	}
}

// TestADemonymNamesItsCountry: "Russian officials" name Russia where
// another report names it, and the country is shown by its name; a
// people's word with no country named beside it stays a name of its own.
func TestADemonymNamesItsCountry(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Turkmenistan votes", Text: "Voters in Turkmenistan cast ballots on Sunday. Russian officials watched."},
		{ID: 2, Source: "Beta", Title: "Turkmens go to the polls", Text: "Turkmens go to the polls on Sunday. Observers from Russia watched, and a Georgian delegation."},
	})
	got := namingArticles(c)
	want := map[string][]int64{"Turkmenistan": {1, 2}, "Russia": {1, 2}, "Georgian": {2}}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("names %v, want %v", got, want)
	}
	if p := c.Pair(1, 2); len(p.LeftNames) > 0 || !slices.Equal(p.RightNames, []string{"Georgian"}) {
		t.Errorf("pair: left %q, right %q; want only Georgian on one side", p.LeftNames, p.RightNames)
	}
}

// TestARoleOfAPlaceNamesThePlace: an outlet that writes "King Abdullah
// of Jordan" or "the Governor of Orlo" names Jordan and Orlo where
// another writes them alone, and the role stays a name of its own; a
// place no outlet writes alone adds no name.
func TestARoleOfAPlaceNamesThePlace(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "King meets the envoy",
			Text: "King Abdullah of Jordan met the envoy in Amman on Monday. The king said talks would go on. " +
				"The Governor of Orlo welcomed the visit, and the Mayor of Brennick sent a letter."},
		{ID: 2, Source: "Beta", Title: "Talks go on in Amman",
			Text: "Jordan hosted the envoy on Monday, officials said. Talks will go on. Later, Orlo sent a delegation."},
	})
	got := namingArticles(c)
	want := map[string][]int64{"Jordan": {1, 2}, "Orlo": {1, 2}, "King Abdullah of Jordan": {1},
		"Governor of Orlo": {1}, "Mayor of Brennick": {1}, "Amman": {1, 2}}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("names %v, want %v", got, want)
	}
	if names := c.Articles[0].Names; !slices.Equal(names[:2], []string{"King Abdullah of Jordan", "Jordan"}) {
		t.Errorf("Alpha names %v, want the place right after the role that names it", names)
	}
}

// TestALoneSurnameJoinsNestedNames: a surname alone joins its bearer
// where the longer names ending with it all end with one of them ("Lena
// Okafor", "Health Board Chair Lena Okafor"), but not where two people
// share it; a country alone joins no place within it, and a place joins
// no role of it ("Governor of Orlo").
func TestALoneSurnameJoinsNestedNames(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Okafor named to lead the inquiry",
			Text: "The minister named Dr. Lena Okafor to lead the inquiry into the Orlo clinics on Monday. " +
				"Dr. Okafor said the work would start in North Iceland. The Governor of Orlo welcomed her."},
		{ID: 2, Source: "Beta", Title: "Inquiry into Orlo clinics gets a chair",
			Text: "Former Health Board Deputy Lena Okafor will lead the inquiry, the minister said. " +
				"Okafor told reporters that Iceland had waited too long. Orlo has four clinics. " +
				"Anna Brand and Petr Brand, two nurses, spoke for the staff. Brand said they were glad."},
	})
	got := namingArticles(c)
	want := map[string][]int64{"Dr. Lena Okafor": {1, 2}, "Iceland": {2}, "North Iceland": {1}, "Orlo": {1, 2}, "Governor of Orlo": {1}}
	for name, arts := range want {
		if !slices.Equal(got[name], arts) {
			t.Errorf("%q named by %v, want %v (names %v)", name, got[name], arts, got)
		}
	}
	if _, ok := got["Brand"]; !ok {
		t.Errorf("names %v: the surname two people share joined one of them", got)
	}
}

// A lone word joins a longer name ending with it only when that reads as
// its full form. One report's "office Harvest party", written after it
// named the Harvest party alone, is no full name of a word the other
// reports write alone; a person named in full by one report only, before
// its surname, still is.
func TestARunCaughtOnceIsNoFullName(t *testing.T) {
	c := Compare([]CompareInput{
		{ID: 1, Source: "Alpha", Title: "Shots at a Harvest party",
			Text: "Two guests were hurt at an office Harvest party in Dunmore on Friday. " +
				"Police said Odile Marceau Brisk fired at the Quillon Ltd Harvest party after midnight. Brisk was held."},
		{ID: 2, Source: "Beta", Title: "Guests hurt at Dunmore party",
			Text: "A gunman fired at guests of a Harvest party in Dunmore. Brisk, a former driver, was arrested."},
		{ID: 3, Source: "Gamma", Title: "Dunmore party shooting",
			Text: "The Harvest party was held in a warehouse in Dunmore. Police named the suspect as Brisk."},
		{ID: 4, Source: "Delta", Title: "Arrest after Harvest party",
			Text: "Staff had gathered for the Harvest party when the shots came. Brisk had left the firm in May."},
		{ID: 5, Source: "Echo", Title: "Dunmore guests recover",
			Text: "Both guests of the Harvest party were recovering in Dunmore. Brisk appears in court on Monday."},
	})
	got := namingArticles(c)
	want := map[string][]int64{"Harvest": {1, 2, 3, 4, 5}, "Odile Marceau Brisk": {1, 2, 3, 4, 5}}
	for name, arts := range want {
		if !slices.Equal(got[name], arts) {
			t.Errorf("%q named by %v, want %v (names %v)", name, got[name], arts, got)
		}
	}
}

// namingArticles maps each name c lists to the articles that give it.
func namingArticles(c Comparison) map[string][]int64 {
	got := make(map[string][]int64, len(c.Names))
	for _, n := range c.Names {
		got[n.Name] = n.Articles
	}
	return got
}
