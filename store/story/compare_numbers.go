package story

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// numberKey identifies a figure within the story: what it counts and its
// value, or, for a vague figure, its words.
func numberKey(r numberRef) string {
	if r.vague {
		return "~" + strings.ToLower(r.text)
	}
	return r.unit + "|" + strconv.FormatFloat(r.value, 'g', -1, 64)
}

// compareNumbers lists each article's figures and the story's, and flags
// the figures that sources give differently for the same thing: two
// related sentences of different articles, each giving a value for the same
// unit ("delegations") that the other does not. Unitless figures are
// compared only between matched sentences that state one figure each.
func (c *comparer) compareNumbers(out *Comparison) {
	byKey := map[string]int{}
	for ai, a := range c.arts {
		seen := map[string]bool{}
		for si := range a.compared {
			for _, r := range c.numbers[a.base+si] {
				k := numberKey(r)
				if !seen[k] {
					seen[k] = true
					out.Articles[ai].Numbers = append(out.Articles[ai].Numbers, r.text)
				}
				n, ok := byKey[k]
				if !ok {
					n = len(out.Numbers)
					byKey[k] = n
					out.Numbers = append(out.Numbers, StoryNumber{Text: r.text})
				}
				if !slices.Contains(out.Numbers[n].Articles, a.in.ID) {
					out.Numbers[n].Articles = append(out.Numbers[n].Articles, a.in.ID)
				}
			}
		}
	}

	// Figures are numbered across the story to join the conflicting ones.
	start := make([]int, len(c.numbers))
	var sentOf []int // by figure: its sentence
	for g, ns := range c.numbers {
		start[g] = len(sentOf)
		for range ns {
			sentOf = append(sentOf, g)
		}
	}
	sets := newUnionFind(len(sentOf))
	conflicts := false
	var givenInB, givenInA []bool
	for _, p := range c.related {
		na, nb := c.numbers[p.a], c.numbers[p.b]
		givenInB, givenInA = alsoGiven(givenInB, na, nb), alsoGiven(givenInA, nb, na)
		for x, rx := range na {
			for y, ry := range nb {
				if givenInB[x] || givenInA[y] || !conflicting(rx, ry, na, nb, p.shared) {
					continue
				}
				sets.union(start[p.a]+x, start[p.b]+y)
				conflicts = true
			}
		}
	}
	conflicts = c.compareFates(sets, start) || conflicts
	if !conflicts {
		return
	}
	groups := map[int][]int{}
	var order []int
	for i := range sets {
		r := sets.find(i)
		if r == i {
			continue
		}
		if _, ok := groups[r]; !ok {
			order = append(order, r)
			groups[r] = []int{r}
		}
		groups[r] = append(groups[r], i)
	}
	slices.Sort(order)
	for _, r := range order {
		var d Discrepancy
		for _, i := range groups[r] {
			g := sentOf[i]
			ref := c.numbers[g][i-start[g]]
			a := &c.arts[c.artOf[g]]
			claim := NumberClaim{Article: a.in.ID, Text: ref.text, Value: ref.value, Sentence: g - a.base}
			if d.About == "" {
				d.About = ref.about
			}
			dup := false
			for _, o := range d.Claims {
				if o.Article == claim.Article && strings.EqualFold(o.Text, claim.Text) {
					dup = true
				}
			}
			if !dup {
				d.Claims = append(d.Claims, claim)
			}
		}
		if d.About == "" {
			d.About = "number"
		}
		idx := func(id int64) int {
			return slices.IndexFunc(c.arts, func(a cmpArticle) bool { return a.in.ID == id })
		}
		slices.SortStableFunc(d.Claims, func(x, y NumberClaim) int {
			if v := cmp.Compare(idx(x.Article), idx(y.Article)); v != 0 {
				return v
			}
			return cmp.Compare(x.Sentence, y.Sentence)
		})
		out.Discrepancies = append(out.Discrepancies, d)
	}
}

// compareFates joins in sets the figures of what befell people (see
// outcomes) that two articles give differently anywhere in their text,
// not only in related sentences: one outlet's "Police said 43 people had
// died" and another's "At least 45 people were killed" share too few
// words to be matched, yet give the toll differently. Each article's toll
// of an outcome is the first it gives: the figures after it tell of a
// part (one district, one school) or of a side incident, and are set
// against other articles' only through related sentences. A toll told as
// background or as a running total (see numberRef) is not the story's. A
// figure the other article also gives, anywhere, is no difference. It
// reports whether it found any.
func (c *comparer) compareFates(sets unionFind, start []int) bool {
	type fate struct {
		ref numberRef
		at  int // index in sets
	}
	byArticle := make([][]fate, len(c.arts))
	leads := make([][]fate, len(c.arts))
	for ai, a := range c.arts {
		for g := a.base; g < a.base+a.compared; g++ {
			for x, r := range c.numbers[g] {
				if strings.HasPrefix(r.unit, "fate:") && !r.vague && !r.past && !r.total {
					f := fate{r, start[g] + x}
					if !slices.ContainsFunc(leads[ai], func(o fate) bool { return o.ref.unit == r.unit }) {
						leads[ai] = append(leads[ai], f)
					}
					byArticle[ai] = append(byArticle[ai], f)
				}
			}
		}
	}
	gives := func(figs []fate, x numberRef) bool {
		return slices.ContainsFunc(figs, func(f fate) bool { return f.ref.unit == x.unit && sameNumber(f.ref, x) })
	}
	found := false
	for ai, fa := range leads {
		for bi, fb := range leads[ai+1:] {
			bi += ai + 1
			for _, x := range fa {
				if gives(byArticle[bi], x.ref) {
					continue
				}
				for _, y := range fb {
					if y.ref.unit == x.ref.unit && !gives(byArticle[ai], y.ref) {
						sets.union(x.at, y.at)
						found = true
					}
				}
			}
		}
	}
	return found
}

// alsoGiven sets out[i] when a figure of other gives the value of figure i
// of figs for the same thing, as when a sentence sets a new figure beside
// the old one, reusing out's array. A bare figure of the same value gives
// it too: "14 people were killed and 300 evacuated" counts 300 people.
func alsoGiven(out []bool, figs, other []numberRef) []bool {
	out = out[:0]
	for _, x := range figs {
		given := false
		for _, o := range other {
			if (o.unit == x.unit || o.unit == "" && !o.vague) && sameNumber(o, x) {
				given = true
				break
			}
		}
		out = append(out, given)
	}
	return out
}

// conflicting reports whether figure x of one sentence (whose figures are
// xs) and figure y of a related one (ys), neither giving the other's
// value (see alsoGiven), are two values for the same thing: same unit and
// different values, both running totals or neither, both tolls told as
// background or neither (see numberRef); tolls told as background
// only between shared sentences. Unitless figures are compared only between shared
// sentences that state one figure each. Years, spans of years and ages
// (see dated) are compared only between sentences that are shared, or
// give another figure alike (see bothGive), and state one of that kind
// each; an age that says whose it is, only with an age of the same.
func conflicting(x, y numberRef, xs, ys []numberRef, shared bool) bool {
	if x.unit != y.unit || x.vague || y.vague || x.total != y.total || x.past != y.past || sameNumber(x, y) {
		return false
	}
	switch {
	case x.unit == "":
		return shared && len(xs) == 1 && len(ys) == 1
	case x.unit == "age" && x.of != "" && y.of != "":
		return x.of == y.of && agesOf(xs, x.of) == 1 && agesOf(ys, y.of) == 1
	case x.past:
		return shared
	case dated[x.unit]:
		return (shared || bothGive(xs, ys)) && countUnit(xs, x.unit) == 1 && countUnit(ys, x.unit) == 1
	}
	return true
}

// bothGive reports whether two sentences give one figure alike, a sum
// or a date, that is not a year: "sold for $30 million in 1967" and "sold
// the field for $30 million in 1957" tell of one sale.
func bothGive(xs, ys []numberRef) bool {
	for _, x := range xs {
		if x.unit == "" || x.vague || dated[x.unit] {
			continue
		}
		for _, y := range ys {
			if y.unit == x.unit && !y.vague && sameNumber(x, y) {
				return true
			}
		}
	}
	return false
}

// dated are the units of figures that a story gives for many things at
// once: the year of this event and of others before it, how long someone
// served or was sentenced, the age of each person named. Two sentences
// related by the story's common words may well give two of them for two
// things.
var dated = setOf("year span:year age date")

// agesOf counts the ages of refs that are ages of whom (see numberRef.of):
// "a 12-year-old girl and a 15-year-old girl" gives two ages of girls.
func agesOf(refs []numberRef, whom string) int {
	n := 0
	for _, r := range refs {
		if r.unit == "age" && r.of == whom {
			n++
		}
	}
	return n
}

// countUnit counts the figures of refs that count unit.
func countUnit(refs []numberRef, unit string) int {
	n := 0
	for _, r := range refs {
		if r.unit == unit {
			n++
		}
	}
	return n
}
