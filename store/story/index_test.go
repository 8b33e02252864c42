package story

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSelectHeaviest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + r.IntN(300)
		v := make([]entry, n)
		for i := range v {
			v[i] = entry{uint32(r.IntN(50)), float32(r.IntN(20))}
		}
		k := r.IntN(n + 1)
		want := slices.Clone(v)
		slices.SortFunc(want, byWeight)
		got := slices.Clone(v)
		selectHeaviest(got, k)
		top := slices.Clone(got[:k])
		slices.SortFunc(top, byWeight)
		if !slices.Equal(top, want[:k]) {
			t.Fatalf("trial %d: n %d k %d: heaviest %v, want %v", trial, n, k, top, want[:k])
		}
	}
}
