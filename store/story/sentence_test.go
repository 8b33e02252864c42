package story

import (
	"slices"
	"strings"
	"testing"
)

// proseTexts returns the sentences of an article's Markdown as text.
func proseTexts(md string) []string {
	sents, _ := articleProse(md)
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = s.text
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []string
	}{
		{"plain", "The boat sank. All were saved! Who paid? Nobody knows.",
			[]string{"The boat sank.", "All were saved!", "Who paid?", "Nobody knows."}},
		{"titles", "Mr. Hale met Sen. Pike and Gov. Ruiz. Dr. Ames joined them.",
			[]string{"Mr. Hale met Sen. Pike and Gov. Ruiz.", "Dr. Ames joined them."}},
		{"initialism mid-sentence", "The U.S. Senate voted. U.S. officials left.",
			[]string{"The U.S. Senate voted.", "U.S. officials left."}},
		{"initialism at the end", "The firm moved to the U.S. The move was costly.",
			[]string{"The firm moved to the U.S.", "The move was costly."}},
		{"times", "The bus left at 6:40 a.m. The next one came at 9 p.m. on Sunday.",
			[]string{"The bus left at 6:40 a.m.", "The next one came at 9 p.m. on Sunday."}},
		{"time zone", "Polls close at 8 p.m. ET on Tuesday.", []string{"Polls close at 8 p.m. ET on Tuesday."}},
		{"number abbreviation", "He lives at No. 10 Harbour Row. No. The other one.",
			[]string{"He lives at No. 10 Harbour Row.", "No.", "The other one."}},
		{"months", "The vote is on Jan. 5 in the capital. Results follow.",
			[]string{"The vote is on Jan. 5 in the capital.", "Results follow."}},
		{"decimals", "Prices rose 3.5% in March. Rents rose 2.75 points.",
			[]string{"Prices rose 3.5% in March.", "Rents rose 2.75 points."}},
		{"initials", "J. R. Smith wrote the report. A. Baker signed it.",
			[]string{"J. R. Smith wrote the report.", "A. Baker signed it."}},
		{"company", "She joined Acme Inc. in 2019. Acme Inc. The firm grew.",
			[]string{"She joined Acme Inc. in 2019.", "Acme Inc.", "The firm grew."}},
		{"quote with said", `"We will go to the table," he said. The talks begin today.`,
			[]string{`"We will go to the table," he said.`, "The talks begin today."}},
		{"quote ends sentence", `The deal, she said, "is over." Talks ended at noon.`,
			[]string{`The deal, she said, "is over."`, "Talks ended at noon."}},
		{"curly quote ends sentence", "He called it “a fair deal.” Others disagreed.",
			[]string{"He called it “a fair deal.”", "Others disagreed."}},
		{"question in quote", `"Is it over?" she asked. Nobody answered.`,
			[]string{`"Is it over?" she asked.`, "Nobody answered."}},
		{"quote opens the next", `He stopped. "Enough," he said.`,
			[]string{"He stopped.", `"Enough," he said.`}},
		{"bracket", "The bridge shut (the second time this year.) Traffic backed up.",
			[]string{"The bridge shut (the second time this year.)", "Traffic backed up."}},
		{"ellipsis", "He paused… Then he left. It was late... but not too late.",
			[]string{"He paused…", "Then he left.", "It was late... but not too late."}},
		{"lower case after a dot", "Costs rose, etc. and then fell.", []string{"Costs rose, etc. and then fell."}},
		{"heading and list", "## What we know\n\nThe mill closed.\n\n- Forty jobs lost\n- Talks planned for May\n",
			[]string{"What we know", "The mill closed.", "Forty jobs lost", "Talks planned for May"}},
		{"setext heading", "Harbour news\n============\n\nThe quay reopened.",
			[]string{"Harbour news", "The quay reopened."}},
		{"setext heading of two lines", "Harbour\nNews\n---\n\nThe quay reopened.",
			[]string{"Harbour News", "The quay reopened."}},
		{"short lines without punctuation", "Mara Lind\nBrennick Valley\n\nThe line reopened on Monday.",
			[]string{"Mara Lind", "Brennick Valley", "The line reopened on Monday."}},
		{"wrapped prose joins", "The council met on Monday to discuss the harbour wall and the\nfunding that the ministry promised last spring. It agreed.",
			[]string{"The council met on Monday to discuss the harbour wall and the funding that the ministry promised last spring.", "It agreed."}},
		{"hard break", "First line  \nSecond line.", []string{"First line", "Second line."}},
		{"markdown inline", "The [ministry](https://example.org/m) said **no** to the *plan* and `the fund`. ![chart](https://example.org/c.png) Talks go on.",
			[]string{"The ministry said no to the plan and the fund.", "Talks go on."}},
		{"reference link", "The [report][1] was late.\n\n[1]: https://example.org/r", []string{"The report was late."}},
		{"autolink", "The full ruling is at <https://example.org/ruling>. Write to <mailto:desk@example.org> with tips. A <b>bold</b> claim.",
			[]string{"The full ruling is at https://example.org/ruling.", "Write to mailto:desk@example.org with tips.", "A bold claim."}},
		{"escapes and entities", `He said \"no\" to the *\*starred\** plan &amp; left.`,
			[]string{`He said "no" to the *starred* plan & left.`}},
		{"intra-word underscore", "The file_name stays, _emphasis_ goes.", []string{"The file_name stays, emphasis goes."}},
		{"blockquote", "> The port is closed.\n> It will reopen soon.", []string{"The port is closed.", "It will reopen soon."}},
		{"code fence dropped", "Before.\n\n```\nx := 1. y := 2.\n```\n\nAfter.", []string{"Before.", "After."}},
		{"table rows", "| Town | Votes |\n|---|---|\n| Astrel | 410 |", []string{"Town, Votes", "Astrel, 410"}},
		{"html", "The vote<br>was close. <em>Very</em> close.", []string{"The vote", "was close.", "Very close."}},
		{"symbols only", "***\n\n—\n\nReal text.", []string{"Real text."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := proseTexts(tt.md)
			if !slices.Equal(got, tt.want) {
				t.Errorf("sentences of %q:\n got %q\nwant %q", tt.md, got, tt.want)
			}
		})
	}
}

func TestBoilerplateDropped(t *testing.T) {
	md := `![The quay at dawn](https://example.org/quay.jpg)

Photo: Jane Orr/Getty Images

The harbour wall collapsed on Friday night.

(Photo by Lars Venn) Nothing else.

Share this article

Share on Facebook Share on X

**Subscribe to our newsletter** for the week's news.

### Related

- [Harbour repairs delayed again](https://example.org/a)
- [Who pays for the sea wall?](https://example.org/b)
- Council to vote on wall funding

The council will meet on Monday.

Read more: [Ten years of storms](https://example.org/c)

Advertisement

Leave a Reply

Your email address will not be published. Required fields are marked *

Name *

Comments are closed.

Back to top

© 2024 Coastline Daily. All rights reserved.`
	got := proseTexts(md)
	want := []string{"The harbour wall collapsed on Friday night.", "The council will meet on Monday."}
	if !slices.Equal(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

func TestBoilerplateKeepsProse(t *testing.T) {
	for _, s := range []string{
		"Related talks stalled in 2019 and never resumed.",
		"Shares fell 4% on Monday.",
		"The photo shows the minister at the quay on Friday.",
		"Subscribers to the ferry pass will get a refund.",
		"Sources close to the minister said she would resign.",
		"Comments by the mayor drew criticism from the opposition.",
		"The newsletter's editor resigned after the vote was leaked to rivals.",
		"By Monday the river had risen to the quay.",
		"By 6 a.m. the fire was under control.",
		"By March 5, 2013, the dam was full.",
		"On March 5, 2013, at 9:30 a.m., the dam broke.",
		"March 5: 12 dead after the dam broke.",
		"Copyright lawyers for the band filed suit on Monday.",
		"Reporters contributed to the fund for the injured crew.",
	} {
		if isBoilerplate(s) {
			t.Errorf("isBoilerplate(%q) = true, want false", s)
		}
		if got := proseTexts(s); !slices.Equal(got, []string{s}) {
			t.Errorf("sentences of %q = %q", s, got)
		}
	}
	for _, s := range []string{
		"Photo: Reuters", "Image credit: Lars Venn", "Related:", "Read more", "Share this story",
		"Subscribe", "Back to top", "Leave a comment", "Copyright 2024 Example", "Advertisement",
		"Sign up for our daily briefing", "Follow us on Mastodon", "Pictured: the harbour in 2019",
		"The minister at the quay. (AP Photo/Jon Fell)",
		// When the page was posted, who wrote it, who helped, who owns it.
		"Posted: Sep 27, 2013 5:50 PM", "UPDATED: THURSDAY, MARCH 14, 2013, 9:31 AM", "Updated 11/27/2005 3:41 PM",
		"Published on Friday, 27 September 2013", "Sat Nov 12 2011, 01:19 hrs", "AFP, Tuesday 2 Jul 2013",
		"Published 3 hours ago", "By Mara Lind, Staff Writer", "BY MARA LIND AND JON FELL", "By Mara Lind | Harbour Desk",
		"Reporting by Mara Lind; Editing by Jon Fell", "(Additional reporting by Jon Fell in Port Sela)",
		"The Associated Press contributed to this report.", "Jon Fell contributed reporting from Port Sela.",
		"Copyright 2024 Coastline Daily.", "This material may not be published, broadcast, rewritten or redistributed.",
		"Get the morning's headlines delivered to your inbox.", "Story continues below advertisement",
		"This story has been updated.", "Editor's note: An earlier version gave the wrong date.",
	} {
		if !isBoilerplate(s) {
			t.Errorf("isBoilerplate(%q) = false, want true", s)
		}
	}
}

func TestSentenceParagraphs(t *testing.T) {
	sents, _ := articleProse("# Title\n\nOne. Two.\n\nPhoto: Someone\n\nThree.")
	var got []int
	for _, s := range sents {
		got = append(got, s.para)
	}
	if want := []int{0, 1, 1, 2}; !slices.Equal(got, want) {
		t.Errorf("paragraphs = %v, want %v", got, want)
	}
	if !sents[0].heading || sents[1].heading {
		t.Errorf("heading marks = %v, %v; want true, false", sents[0].heading, sents[1].heading)
	}
}

func FuzzArticleProse(f *testing.F) {
	for _, s := range []string{
		"The boat sank. All were saved!", `"We go," she said. [link](u) **b** ![i](x)`,
		"# H\n\n- a\n- b\n\n| x | y |\n|---|---|", "“open quote\n\nnext", "\\\"x\\\" &amp;#; &#0; <a href=x>y</a>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		sents, quotes := articleProse(md)
		for _, s := range sents {
			if s.text == "" || strings.TrimSpace(s.text) != s.text || strings.Contains(s.text, "\n") {
				t.Fatalf("bad sentence %q", s.text)
			}
		}
		for _, q := range quotes {
			if q.sentence < 0 || q.sentence >= len(sents) || q.text == "" {
				t.Fatalf("bad quote %+v of %d sentences", q, len(sents))
			}
		}
	})
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One. Two.", "One."},
		{"Is it open? Yes.", "Is it open?"},
		{"Mr. Lee and J. Smith met. Then left.", "Mr. Lee and J. Smith met."},
		{"Prices rose 2.5 per cent. Sellers cheered.", "Prices rose 2.5 per cent."},
		{"The e.g. case and so on. Next.", "The e.g. case and so on."},
		{"no stop at all", "no stop at all"},
		{"ends here.", "ends here."},
	}
	for _, tt := range tests {
		if got := FirstSentence(tt.in); got != tt.want {
			t.Errorf("FirstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	md := "## What changes\n\nThe [winter ferry timetable](https://quay.example/ferry/winter) starts on **Monday**,\nthe operator said.\n\n" +
		"- Fewer crossings\n- The *last* ferry leaves at 21:00\n\n![The quay](https://quay.example/quay.jpg)\n\n" +
		"```\nferry --list\n```\n\nCall the harbour office &amp; ask.\n"
	want := "What changes\nThe winter ferry timetable starts on Monday, the operator said.\nFewer crossings\nThe last ferry leaves at 21:00\nCall the harbour office & ask."
	if got := PlainText(md); got != want {
		t.Errorf("PlainText =\n%q\nwant\n%q", got, want)
	}
	if got := PlainText("One paragraph, no markup."); got != "One paragraph, no markup." {
		t.Errorf("PlainText of plain text = %q", got)
	}
}
