package story

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestTuneHist(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	arts := loadECBPlus(t)
	cut := 0
	if os.Getenv("CUT") != "" {
		cut = 300
	}
	g := NewGrouper(Options{})
	at := time.Date(2013, 6, 1, 12, 0, 0, 0, time.UTC)
	labels := map[int64]map[string]int{}
	next := int64(1)
	for i, a := range arts {
		text := a.Text
		if cut > 0 {
			text = cutText(text, cut)
		}
		d := Doc{ID: int64(i + 1), Title: a.Title, Text: text, Time: at}
		as := g.Assign(d)
		id := as.Story
		if id == 0 {
			id = next
			next++
		} else {
			m := labels[id]
			maj, best := "", 0
			for l, c := range m {
				if c > best {
					maj, best = l, c
				}
			}
			if maj != a.Label {
				fmt.Printf("WRONG %.2f dup=%v %s -> story of %s (%v): %q names %v terms %v\n", as.Evidence.Score, as.Evidence.NearDuplicate, a.Label, maj, m, a.Title, as.Evidence.Names, as.Evidence.Terms)
			}
		}
		if labels[id] == nil {
			labels[id] = map[string]int{}
		}
		labels[id][a.Label]++
		g.Add(d, id)
	}
}
