package story

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// ecbPlusPath is where the labelled ECB+ articles sit: shared/ lies beside
// the repository, here and in CI.
const ecbPlusPath = "../../../shared/data/ecbplus.jsonl"

type ecbArticle struct {
	ID        string     `json:"id"`
	Label     string     `json:"label"`
	Source    string     `json:"source"`
	Title     string     `json:"title"`
	Published *time.Time `json:"published"`
	Text      string     `json:"text"`
}

// loadECBPlus reads the corpus in the order the evaluation feeds it:
// dated articles by date, then the rest, each by ID.
func loadECBPlus(tb testing.TB) []ecbArticle {
	tb.Helper()
	f, err := os.Open(ecbPlusPath)
	if err != nil {
		tb.Skipf("ECB+ evaluation data not found (%v): it lives in shared/data beside the repository", err)
	}
	defer f.Close()
	var arts []ecbArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a ecbArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatalf("%s line %d: %v", ecbPlusPath, len(arts)+1, err)
		}
		arts = append(arts, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", ecbPlusPath, err)
	}
	slices.SortStableFunc(arts, func(a, b ecbArticle) int {
		switch {
		case a.Published != nil && b.Published != nil:
			if c := a.Published.Compare(*b.Published); c != 0 {
				return c
			}
		case a.Published != nil:
			return -1
		case b.Published != nil:
			return 1
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return arts
}

// cutText keeps the first n characters of s, ending at a word boundary: the
// length of the summary that many feeds carry.
func cutText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if j := strings.LastIndexAny(s[:i], " \n"); j > 0 {
		i = j
	}
	return s[:i]
}

// headlineOnly is the cut that leaves an article its headline alone.
const headlineOnly = -1

// groupECB groups the articles in order, every one at one common time (most
// have no date, and the window must not split a story), with their text
// cut to cut characters when cut is positive, or left out for
// headlineOnly, and returns the story of each.
func groupECB(arts []ecbArticle, cut int) []int64 {
	at := time.Date(2013, 6, 1, 12, 0, 0, 0, time.UTC)
	docs := make([]Doc, len(arts))
	for i, a := range arts {
		text := a.Text
		switch {
		case cut == headlineOnly:
			text = ""
		case cut > 0:
			text = cutText(text, cut)
		}
		docs[i] = Doc{ID: int64(i + 1), Source: a.Source, Title: a.Title, Text: text, Time: at}
	}
	ids, _ := group(NewGrouper(Options{}), docs)
	return ids
}

// applyMove carries out mv on stories, the story of each article by
// position; at gives the position of an article ID.
func applyMove(stories []int64, mv Move, at map[int64]int) {
	if mv.Articles == nil {
		for i, s := range stories {
			if s == mv.From {
				stories[i] = mv.To
			}
		}
		return
	}
	for _, id := range mv.Articles {
		stories[at[id]] = mv.To
	}
}

// clusterScores are the usual measures of a clustering against the truth.
type clusterScores struct {
	bP, bR, bF  float64 // B-cubed precision, recall, F1
	pP, pR, pF  float64 // pairwise precision, recall, F1
	pred, truth int     // number of clusters
}

func scoreClusters[P, T comparable](pred []P, truth []T) clusterScores {
	type cell struct {
		p P
		t T
	}
	both := map[cell]int{}
	np := map[P]int{}
	nt := map[T]int{}
	for i := range pred {
		both[cell{pred[i], truth[i]}]++
		np[pred[i]]++
		nt[truth[i]]++
	}
	var s clusterScores
	n := float64(len(pred))
	var tp, pairsP, pairsT float64
	for c, k := range both {
		kk := float64(k)
		s.bP += kk * kk / float64(np[c.p])
		s.bR += kk * kk / float64(nt[c.t])
		tp += kk * (kk - 1) / 2
	}
	for _, k := range np {
		pairsP += float64(k) * float64(k-1) / 2
	}
	for _, k := range nt {
		pairsT += float64(k) * float64(k-1) / 2
	}
	s.bP /= n
	s.bR /= n
	s.bF = f1(s.bP, s.bR)
	if pairsP > 0 {
		s.pP = tp / pairsP
	}
	if pairsT > 0 {
		s.pR = tp / pairsT
	}
	s.pF = f1(s.pP, s.pR)
	s.pred, s.truth = len(np), len(nt)
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func TestScoreClusters(t *testing.T) {
	perfect := scoreClusters([]int{1, 1, 2}, []string{"a", "a", "b"})
	if perfect.bF != 1 || perfect.pF != 1 || perfect.pred != 2 {
		t.Errorf("perfect grouping scored %+v", perfect)
	}
	// One cluster of all three: precision (2/3·2 + 1)/3 = 5/9, recall 1.
	merged := scoreClusters([]int{1, 1, 1}, []string{"a", "a", "b"})
	if d := merged.bP - 5.0/9; d > 1e-9 || d < -1e-9 || merged.bR != 1 {
		t.Errorf("merged grouping scored %+v", merged)
	}
	if merged.pP != 1.0/3 || merged.pR != 1 {
		t.Errorf("merged pairwise %+v", merged)
	}
}

// TestECBPlus groups the labelled ECB+ articles in three regimes, full
// text, text cut to 300 characters and headlines alone, and reports how the
// grouping compares with the truth. It fails below floor, the level the
// grouping reaches now, so that no change makes it worse unnoticed; on full
// and on cut text that is at or above the target asked of it. The articles
// it still groups wrongly are mostly of two events of one kind that share
// people, places and vocabulary (two emergency patches of one browser, a
// rule made and the same rule overturned) and, with every article placed
// at one time, nothing but the wording to tell them apart.
func TestECBPlus(t *testing.T) {
	arts := loadECBPlus(t)
	truth := labels(arts)
	for _, r := range ecbRegimes {
		s := scoreClusters(groupECB(arts, r.cut), truth)
		t.Logf("%-22s B-cubed P %.3f R %.3f F1 %.3f (%s) | pairwise P %.3f R %.3f F1 %.3f | stories %d (true %d)",
			r.name, s.bP, s.bR, s.bF, r.targetText(), s.pP, s.pR, s.pF, s.pred, s.truth)
		if s.bF < r.floor {
			t.Errorf("%s: B-cubed F1 %.3f, below the floor of %.3f", r.name, s.bF, r.floor)
		}
	}
}

// ecbRegime is one kind of text the evaluation groups: floor is what the
// grouping reaches now in the order loadECBPlus gives, shuffledFloor its
// average over shuffled orders, target what is asked (0: nothing).
type ecbRegime struct {
	name                 string
	cut                  int
	floor, shuffledFloor float64
	target               float64
}

var ecbRegimes = []ecbRegime{
	{"full text", 0, 0.95, 0.94, 0.95},
	{"cut to 300 characters", 300, 0.92, 0.91, 0.90},
	{"headlines alone", headlineOnly, 0.72, 0.70, 0},
}

func (r ecbRegime) targetText() string {
	if r.target == 0 {
		return "no target"
	}
	return fmt.Sprintf("target %.2f", r.target)
}

// labels are the events of arts, in order.
func labels(arts []ecbArticle) []string {
	truth := make([]string, len(arts))
	for i, a := range arts {
		truth[i] = a.Label
	}
	return truth
}

// TestECBPlusShuffled groups the ECB+ articles in a dozen other orders,
// each a fixed shuffle, since an online grouping depends on the order its
// articles come in and the one order of TestECBPlus is the one its
// parameters were chosen on. It reports the range and fails when the
// average falls below the regime's shuffled floor.
func TestECBPlusShuffled(t *testing.T) {
	base := loadECBPlus(t)
	const orders = 12
	for _, r := range ecbRegimes {
		var sum float64
		lo, hi := 1.0, 0.0
		for seed := range uint64(orders) {
			arts := slices.Clone(base)
			rnd := rand.New(rand.NewPCG(seed, 1))
			rnd.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
			f := scoreClusters(groupECB(arts, r.cut), labels(arts)).bF
			sum += f
			lo, hi = min(lo, f), max(hi, f)
		}
		mean := sum / orders
		t.Logf("%-22s B-cubed F1 over %d shuffled orders: mean %.3f, from %.3f to %.3f", r.name, orders, mean, lo, hi)
		if mean < r.shuffledFloor {
			t.Errorf("%s: mean B-cubed F1 %.3f over shuffled orders, below the floor of %.3f", r.name, mean, r.shuffledFloor)
		}
	}
}
