package story

// unionFind holds disjoint sets of the numbers 0 to n-1. A set is known by
// its smallest member, so the sets and their names come out the same
// whatever the order of the unions.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// find returns the smallest member of the set holding i.
func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins the sets holding i and j.
func (u unionFind) union(i, j int) {
	if ri, rj := u.find(i), u.find(j); ri != rj {
		u[max(ri, rj)] = min(ri, rj)
	}
}
