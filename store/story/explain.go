package story

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

const (
	maxShownNames = 5
	maxShownTerms = 4
)

// explain builds the evidence for placing the scattered article f, which
// scored score, in story s: the names it shares with the story (as the
// article writes them, heaviest first), the heaviest other words they
// share, and how far in time it lies from the story's nearest article.
func (g *Grouper) explain(f *features, s *story, score float64) Evidence {
	ev := Evidence{Score: score, Gap: s.nearestGap(f.when)}

	names := g.nameScratch[:0]
	defer func() { g.nameScratch = names[:0] }()
	sharedIDs := make([]uint32, 0, len(f.nameWords))
	for i, m := range f.shown {
		ids := f.nameWords[m.from:m.to]
		c := sharedName{at: i}
		from := len(sharedIDs)
		for _, id := range ids {
			if containsID(s.names, id) {
				c.w += g.dense[id]
				sharedIDs = append(sharedIDs, id)
			}
		}
		c.ids = sharedIDs[from:len(sharedIDs):len(sharedIDs)]
		switch {
		case len(c.ids) == 0:
			continue
		case len(c.ids) == len(ids):
			c.text = m.text
		default:
			parts := make([]string, len(c.ids))
			for k, id := range c.ids {
				parts[k] = g.vocab.show[id]
			}
			c.text = strings.Join(parts, " ")
		}
		names = append(names, c)
	}
	slices.SortStableFunc(names, func(a, b sharedName) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return a.at - b.at
	})
	ev.Names = make([]string, 0, maxShownNames)
	ev.Terms = make([]string, 0, maxShownTerms)
	var shown []uint32 // name words already shown
	for _, n := range names {
		if len(ev.Names) == maxShownNames {
			break
		}
		if !allIn(n.ids, shown) {
			ev.Names = append(ev.Names, strings.Join(strings.Fields(n.text), " "))
			shown = append(shown, n.ids...)
		}
	}

	ev.Terms = g.sharedWords(ev.Terms, s.terms, maxShownTerms, func(t string) bool {
		return slices.ContainsFunc(shown, func(id uint32) bool { return strings.EqualFold(g.vocab.show[id], t) })
	})
	if len(ev.Names) == 0 {
		ev.Names = nil
	}
	if len(ev.Terms) == 0 {
		ev.Terms = nil
	}
	return ev
}

// sharedName is a name of an article that its story shares, at least in
// part: its text, the IDs of the shared words, their weight, and where the
// article names it.
type sharedName struct {
	text string
	ids  []uint32
	w    float32
	at   int
}

func containsID(v []entry, id uint32) bool {
	for _, e := range v {
		if e.id == id {
			return true
		}
	}
	return false
}

func allIn(ids, set []uint32) bool {
	for _, id := range ids {
		if !slices.Contains(set, id) {
			return false
		}
	}
	return true
}

// String says why the article was grouped, as one line for the reader:
// "Hegseth, NATO, Brussels, betrayal; 2 h apart". It is empty when the
// article started its story.
func (e Evidence) String() string {
	if e.Score == 0 && !e.NearDuplicate && len(e.Names) == 0 && len(e.Terms) == 0 {
		return ""
	}
	var parts []string
	if e.NearDuplicate {
		parts = append(parts, "near-copy")
	}
	if what := append(slices.Clip(e.Names), e.Terms...); len(what) > 0 {
		parts = append(parts, strings.Join(what, ", "))
	}
	parts = append(parts, apart(e.Gap))
	return strings.Join(parts, "; ")
}

// apart says a time gap the way a reader would.
func apart(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	switch {
	case d < time.Minute:
		return "same time"
	case d < time.Hour:
		return fmt.Sprintf("%d min apart", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h apart", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days apart", int(d/(24*time.Hour)))
}

// sharedWords appends to dst, up to n of them, the words of the centroid c
// that the scattered article carries, weightiest in both first: no lone
// digit, which says little to a reader, no word twice, and none that skip
// rejects.
func (g *Grouper) sharedWords(dst []string, c []entry, n int, skip func(string) bool) []string {
	shared := g.shared[:0]
	for _, e := range c {
		if v := g.dense[e.id]; v > 0 {
			shared = append(shared, entry{e.id, v * e.w})
		}
	}
	g.shared = shared
	var top [2 * max(maxShownNames, maxShownTerms)]entry
	start := len(dst)
	for _, e := range heaviest(top[:0], shared, 2*n) {
		if len(dst)-start == n {
			break
		}
		t := g.vocab.show[e.id]
		if g.vocab.kind[e.id] == kindDigit && len(t) < 2 || slices.Contains(dst[start:], t) || skip != nil && skip(t) {
			continue
		}
		dst = append(dst, t)
	}
	return dst
}
