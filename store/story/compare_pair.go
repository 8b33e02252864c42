package story

import "slices"

// PairView is what the compare pane shows of two articles of a story side
// by side: how much each shares with the other, and the quotations, names
// and figures that only one of them has or that they give differently.
// Bland sentences, headings and sentences left uncompared are counted on
// neither side.
type PairView struct {
	Left, Right int64

	LeftShared  int // sentences of Left with a close sentence in Right
	LeftOnly    int // sentences of Left with none in Right
	RightShared int
	RightOnly   int

	SharedQuotes []string // remarks both quote, as Left words them
	LeftQuotes   []string // remarks Left quotes and Right does not
	RightQuotes  []string

	SharedNames []string // as Left writes them
	LeftNames   []string
	RightNames  []string

	Discrepancies []Discrepancy // figures the two give differently, with their claims only
}

// Pair compares two articles of the story by ID. An ID that is not in the
// story counts as an article with nothing in it.
func (c Comparison) Pair(leftID, rightID int64) PairView {
	v := PairView{Left: leftID, Right: rightID}
	if a := c.article(leftID); a != nil {
		v.LeftShared, v.LeftOnly = sharedCounts(a, rightID)
	}
	if a := c.article(rightID); a != nil {
		v.RightShared, v.RightOnly = sharedCounts(a, leftID)
	}
	for _, q := range c.Quotes {
		sortBySide(quoteBy(q, leftID), quoteBy(q, rightID), &v.SharedQuotes, &v.LeftQuotes, &v.RightQuotes)
	}
	for _, n := range c.Names {
		sortBySide(nameBy(n, leftID), nameBy(n, rightID), &v.SharedNames, &v.LeftNames, &v.RightNames)
	}
	for _, d := range c.Discrepancies {
		var l, r []NumberClaim
		for _, cl := range d.Claims {
			switch cl.Article {
			case leftID:
				l = append(l, cl)
			case rightID:
				r = append(r, cl)
			}
		}
		if len(l) == 0 || len(r) == 0 || sameClaims(l, r) {
			continue
		}
		v.Discrepancies = append(v.Discrepancies, Discrepancy{About: d.About, Claims: append(l, r...)})
	}
	return v
}

func (c Comparison) article(id int64) *ArticleComparison {
	for i := range c.Articles {
		if c.Articles[i].ID == id {
			return &c.Articles[i]
		}
	}
	return nil
}

func sharedCounts(a *ArticleComparison, other int64) (shared, only int) {
	for _, s := range a.Sentences {
		switch {
		case s.Bland || s.Heading || s.Uncompared:
		case slices.Contains(s.SharedWith, other):
			shared++
		default:
			only++
		}
	}
	return shared, only
}

func quoteBy(q StoryQuote, id int64) string {
	for _, s := range q.Sources {
		if s.Article == id {
			return s.Text
		}
	}
	return ""
}

func nameBy(n StoryName, id int64) string {
	for _, m := range n.Mentions {
		if m.Article == id {
			return m.Text
		}
	}
	return ""
}

// sameClaims reports whether two articles' claims in a discrepancy agree
// with each other (both side with the same value against a third).
func sameClaims(l, r []NumberClaim) bool {
	for _, a := range l {
		for _, b := range r {
			if a.Value != b.Value {
				return false
			}
		}
	}
	return true
}

// sortBySide files how the left and the right article word one quotation
// or name ("" where one does not have it): under shared, in the left's
// words, when both have it, else under the side that does.
func sortBySide(l, r string, shared, left, right *[]string) {
	switch {
	case l != "" && r != "":
		*shared = append(*shared, l)
	case l != "":
		*left = append(*left, l)
	case r != "":
		*right = append(*right, r)
	}
}
