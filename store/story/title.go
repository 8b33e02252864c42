package story

import (
	"math"
	"slices"
	"strings"
)

// Title picks the most representative of a story's headlines: the one
// whose words the other headlines share most (the highest mean cosine of
// their sets of terms), the earliest of equals. A headline labelled as a
// kind of piece ("Opinion:", "Live updates:") or one that asks (see asks)
// is one outlet's take on the news, and is picked only when every
// headline is; a wire service's slug ("UPDATE 2-") and tags in brackets
// ("(VIDEO)") are left out of the words compared and of the title. Blank
// headlines are never chosen; the result has its runs of white space made
// single spaces.
func Title(headlines []string) string {
	bare := make([]string, len(headlines)) // without slug, label and tags
	bags := make([][]string, len(headlines))
	labelled := make([]bool, len(headlines))
	takes := make([]bool, len(headlines)) // labelled, or asking (see asks)
	news := false                         // some headline is neither
	for i, h := range headlines {
		bare[i] = headlineNews(h)
		ts := terms(bare[i])
		slices.Sort(ts)
		bags[i] = slices.Compact(ts)
		labelled[i] = kicker(h[wireSlug(h):]) > 0
		takes[i] = labelled[i] || asks(bare[i])
		news = news || !takes[i] && strings.TrimSpace(h) != ""
	}
	best, bestScore := -1, -1.0
	for i, a := range bags {
		if strings.TrimSpace(headlines[i]) == "" || news && takes[i] {
			continue
		}
		var sum float64
		for j, b := range bags {
			if i != j {
				sum += overlap(a, b)
			}
		}
		if sum > bestScore+1e-9 {
			best, bestScore = i, sum
		}
	}
	if best < 0 {
		return ""
	}
	title := bare[best]
	if labelled[best] {
		title = headlines[best]
	}
	return strings.Join(strings.Fields(title), " ")
}

// asks reports whether a headline asks rather than tells: it puts a
// question ("Should you stop taking Veltrazine? Doctors urge calm"), or
// opens with How, Why or What, as guides and explainers do ("How to get a
// refund", "What the merger means for fares").
func asks(headline string) bool {
	if strings.Contains(headline, "?") {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimSpace(headline), " ")
	switch first {
	case "How", "Why", "What":
		return true
	}
	return false
}

// overlap is the cosine of two sorted sets of terms.
func overlap(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			n++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return float64(n) / math.Sqrt(float64(len(a)*len(b)))
}
