package story

import (
	"fmt"
	"testing"
	"time"
)

func TestScratchStages(t *testing.T) {
	arts := compareBenchStory(20, 60)
	best := [5]time.Duration{1 << 62, 1 << 62, 1 << 62, 1 << 62, 1 << 62}
	for range 40 {
		c := &comparer{ids: map[string]uint32{}}
		t0 := time.Now()
		c.read(arts)
		t1 := time.Now()
		c.weigh()
		c.match()
		t2 := time.Now()
		out := Comparison{Articles: make([]ArticleComparison, len(c.arts))}
		_ = out
		r := c.result()
		t3 := time.Now()
		_ = r
		ds := []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t3.Sub(t0)}
		for i, d := range ds {
			best[i] = min(best[i], d)
		}
	}
	fmt.Println("read", best[0], "match", best[1], "result", best[2], "total", best[3])
	// sub-stages of result
	c := &comparer{ids: map[string]uint32{}}
	c.read(arts); c.weigh(); c.match()
	bq, bn, bnum := time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62)
	for range 40 {
		out := c.result()
		t0 := time.Now(); c.compareQuotes(&out); t1 := time.Now(); c.compareNames(&out); t2 := time.Now(); c.compareNumbers(&out); t3 := time.Now()
		bq, bn, bnum = min(bq, t1.Sub(t0)), min(bn, t2.Sub(t1)), min(bnum, t3.Sub(t2))
	}
	fmt.Println("quotes", bq, "names", bn, "numbers", bnum)
	bp := time.Duration(1<<62)
	for range 40 {
		t0 := time.Now()
		for _, a := range arts { articleProse(a.Text) }
		bp = min(bp, time.Since(t0))
	}
	fmt.Println("prose", bp)
}

func TestScratchRead(t *testing.T) {
	arts := compareBenchStory(20, 60)
	var sents []string
	for _, a := range arts {
		ss, _ := articleProse(a.Text)
		for _, s := range ss { sents = append(sents, s.text) }
	}
	bw, bt, bn := time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62)
	var ws []word
	for range 40 {
		t0 := time.Now()
		for _, s := range sents { ws = appendWords(ws[:0], s) }
		t1 := time.Now()
		var key []byte
		ids := map[string]uint32{}
		for _, s := range sents {
			ws = appendWords(ws[:0], s)
			for _, w := range ws {
				var ok bool
				key, ok = termKey(key[:0], s, w)
				if ok { if _, k := ids[string(key)]; !k { ids[string(key)] = uint32(len(ids)) } }
			}
		}
		t2 := time.Now()
		for _, s := range sents { ws = appendWords(ws[:0], s); numberRefs(s, ws) }
		t3 := time.Now()
		bw, bt, bn = min(bw, t1.Sub(t0)), min(bt, t2.Sub(t1)), min(bn, t3.Sub(t2))
	}
	fmt.Println("words", bw, "terms", bt, "numbers", bn)
}
