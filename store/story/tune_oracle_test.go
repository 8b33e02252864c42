package story

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestTuneOracle(t *testing.T) {
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
	ids := map[string]int64{}
	type row struct{ own, sib, ownC, sibC float64 }
	var rows []row
	cw := conflictWeight
	conflictWeight = 0
	for i, a := range arts {
		text := a.Text
		if cut > 0 {
			text = cutText(text, cut)
		}
		d := Doc{ID: int64(i + 1), Title: a.Title, Text: text, Time: at}
		topic := strings.TrimSuffix(strings.TrimSuffix(a.Label, "plus"), "ecb")
		sib := topic + "ecbplus"
		if strings.HasSuffix(a.Label, "plus") {
			sib = topic + "ecb"
		}
		f := g.features(d)
		g.scatter(f)
		r := row{-1, -1, -1, -1}
		if id, ok := ids[a.Label]; ok {
			s := g.stories[g.byID[id]]
			r.own, r.ownC = g.score(f, s), g.conflict(f, s)
		}
		if id, ok := ids[sib]; ok {
			s := g.stories[g.byID[id]]
			r.sib, r.sibC = g.score(f, s), g.conflict(f, s)
		}
		g.unscatter(f)
		if r.own < 0 && r.sib >= 0 {
			fmt.Printf("FIRST sib %.2f conflict %.2f n %d %s %q\n", r.sib, r.sibC, g.stories[g.byID[ids[sib]]].n, a.Label, a.Title)
		}
		if r.own >= 0 && r.sib >= 0 {
			rows = append(rows, r)
		}
		if _, ok := ids[a.Label]; !ok {
			ids[a.Label] = int64(len(ids) + 1)
		}
		g.Add(d, ids[a.Label])
	}
	conflictWeight = cw
	sort.Slice(rows, func(i, j int) bool { return rows[i].own-rows[i].sib < rows[j].own-rows[j].sib })
	bad := 0
	for _, r := range rows {
		if r.sib >= r.own {
			bad++
		}
	}
	fmt.Printf("rows %d, sib>=own %d\n", len(rows), bad)
	var oc, sc []float64
	for _, r := range rows {
		oc = append(oc, r.ownC)
		sc = append(sc, r.sibC)
	}
	sort.Float64s(oc)
	sort.Float64s(sc)
	q := func(v []float64) string {
		return fmt.Sprintf("%.2f %.2f %.2f %.2f %.2f", v[len(v)/10], v[len(v)/4], v[len(v)/2], v[3*len(v)/4], v[9*len(v)/10])
	}
	fmt.Println("own conflict deciles", q(oc))
	var os_, ss []float64
	for _, r := range rows {
		os_ = append(os_, r.own)
		ss = append(ss, r.sib)
	}
	sort.Float64s(os_)
	sort.Float64s(ss)
	fmt.Println("own score deciles", q(os_), "min", os_[:8])
	fmt.Println("sib score deciles", q(ss))
	for _, k := range []float64{0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8} {
		for _, mode := range []string{"mul", "sub"} {
			ownOK, sibNo := 0, 0
			for _, r := range rows {
				o, s := r.own*(1-k*r.ownC), r.sib*(1-k*r.sibC)
				if mode == "sub" {
					o, s = r.own-k*r.ownC*2.5, r.sib-k*r.sibC*2.5
				}
				if o >= 1 {
					ownOK++
				}
				if s < 1 {
					sibNo++
				}
			}
			fmt.Printf("k %.1f %s own>=1 %.3f sib<1 %.3f\n", k, mode, float64(ownOK)/float64(len(rows)), float64(sibNo)/float64(len(rows)))
		}
	}
	fmt.Println("sib conflict deciles", q(sc))
}
