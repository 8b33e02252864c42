package story

import "math/bits"

// hashBytes is 64-bit FNV-1a: fixed across runs, so nothing that depends on
// it can change from one run to the next.
func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// mix64 is the SplitMix64 finaliser: it spreads the bits of x so that
// shingle hashes built from word hashes look independent.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// simhasher builds a 64-bit SimHash of a text from its shingles (three words
// in a row), so that two copies of one wire story that differ by a word or a
// headline land a few bits apart while unrelated texts land about 32 apart.
// Each bit of the hash is set when more than half the shingle hashes have
// it; the count of ones per bit is kept in bit-sliced counters (plane p holds
// bit p of all 64 counts), so adding a shingle costs a short ripple of carries
// instead of 64 additions.
type simhasher struct {
	planes [32]uint64
	prev   [2]uint64
	seen   int
	n      int
}

func (h *simhasher) reset() {
	*h = simhasher{}
}

// word feeds the hash of the next word of the text.
func (h *simhasher) word(w uint64) {
	if h.seen >= 2 {
		h.add(mix64(h.prev[0]*31 ^ h.prev[1]*17 ^ w))
	}
	h.prev[0], h.prev[1] = h.prev[1], w
	h.seen++
}

func (h *simhasher) add(x uint64) {
	h.n++
	for p := 0; x != 0 && p < len(h.planes); p++ {
		h.planes[p], x = h.planes[p]^x, h.planes[p]&x
	}
}

// sum returns the hash and the number of shingles it was built from.
func (h *simhasher) sum() (uint64, int) {
	var x uint64
	for i := range 64 {
		var ones uint64
		for p, plane := range h.planes {
			ones |= (plane >> i & 1) << p
		}
		if 2*ones > uint64(h.n) {
			x |= 1 << i
		}
	}
	return x, h.n
}

// minCopyShingles is the length, in shingles, from which a text is long
// enough to be matched as a copy when up to three bits of its hash differ.
const minCopyShingles = 24

// nearDuplicate reports whether two texts hashed to a and b (from na and nb
// shingles) are copies of one another. Short texts have few shingles, so a
// single changed word moves many bits: they must match more closely.
func nearDuplicate(a, b uint64, na, nb int) bool {
	n := min(na, nb)
	d := bits.OnesCount64(a ^ b)
	switch {
	case n >= minCopyShingles:
		return d <= 3
	case n >= 8:
		return d <= 1
	}
	return false
}
