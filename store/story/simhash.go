package story

import "math/bits"

// hashBytes hashes a word eight bytes at a time. It is fixed across runs,
// so nothing that depends on it can change from one run to the next. A
// word held as a string hashes as the same bytes would.
func hashBytes[T string | []byte](b T) uint64 {
	h := uint64(len(b)) * 0x9e3779b97f4a7c15
	for len(b) >= 8 {
		x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		h = (h ^ x) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
		b = b[8:]
	}
	if len(b) > 0 {
		var tail uint64
		for i := range len(b) {
			tail |= uint64(b[i]) << (8 * i)
		}
		h = (h ^ tail) * 0x94d049bb133111eb
	}
	return mix64(h)
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

// sum returns the hash and the number of shingles it was built from. A bit
// is set where its count of ones exceeds half the shingles; the 64 counts
// are compared with that half all at once, plane by plane from the top.
func (h *simhasher) sum() (uint64, int) {
	half := uint64(h.n / 2)
	var above uint64    // lanes already known to be greater
	equal := ^uint64(0) // lanes equal so far
	for p := len(h.planes) - 1; p >= 0; p-- {
		plane := h.planes[p]
		if half>>p&1 == 1 {
			equal &= plane
		} else {
			above |= equal & plane
			equal &^= plane
		}
	}
	return above, h.n
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
