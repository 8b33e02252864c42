package story

import (
	"fmt"
	"os"
	"sort"
	"testing"
)

func TestTuneDiag(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	arts := loadECBPlus(t)
	cut := 0
	if os.Getenv("CUT") != "" {
		cut = 300
	}
	pred := groupECB(arts, cut)
	byP := map[int64]map[string][]int{}
	for i, p := range pred {
		if byP[p] == nil {
			byP[p] = map[string][]int{}
		}
		byP[p][arts[i].Label] = append(byP[p][arts[i].Label], i)
	}
	var ps []int64
	for p := range byP {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
	for _, p := range ps {
		m := byP[p]
		if len(m) < 2 {
			continue
		}
		fmt.Printf("story %d:\n", p)
		for l, is := range m {
			fmt.Printf("  %s (%d):", l, len(is))
			for k, i := range is {
				if k < 4 {
					fmt.Printf(" | %s", arts[i].Title)
				}
			}
			fmt.Println()
		}
	}
}
