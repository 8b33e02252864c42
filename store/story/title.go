package story

import (
	"math"
	"slices"
	"strings"
)

// Title picks the most representative of a story's headlines: the one
// whose words the other headlines share most (the highest mean cosine of
// their sets of terms), the earliest of equals. Blank headlines are never
// chosen; the result has its runs of white space made single spaces.
func Title(headlines []string) string {
	bags := make([][]string, len(headlines))
	for i, h := range headlines {
		ts := terms(h)
		slices.Sort(ts)
		bags[i] = slices.Compact(ts)
	}
	best, bestScore := -1, -1.0
	for i, a := range bags {
		if strings.TrimSpace(headlines[i]) == "" {
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
	return strings.Join(strings.Fields(headlines[best]), " ")
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
