package story

import (
	"math/rand/v2"
	"testing"
)

// TestSimhashCounts checks the bit-sliced counters against plain counting.
func TestSimhashCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 50 {
		var h simhasher
		var counts [64]int
		n := r.IntN(3000)
		for range n {
			a, b := r.Uint64(), r.Uint64()
			x := a & b // biased, so that some counts end near a tie
			h.add(x)
			for i := range 64 {
				if x>>i&1 == 1 {
					counts[i]++
				} else {
					counts[i]--
				}
			}
		}
		var want uint64
		for i, c := range counts {
			if c > 0 {
				want |= 1 << i
			}
		}
		if got, _ := h.sum(); got != want {
			t.Fatalf("trial %d: hash %x, want %x", trial, got, want)
		}
	}
}
