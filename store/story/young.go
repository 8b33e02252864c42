package story

import "slices"

// member is what a young story keeps of one of its articles.
type member struct {
	id           int64 // article ID
	terms, names []entry
	lead         []uint32
	when         int64
	length       int
	hash         uint64
}

// query is what m looks up and posts in the index, as analyse chooses it
// for an article: its heaviest terms and names, heaviest first.
func (m member) query() []entry {
	return appendQuery(make([]entry, 0, queryTerms*3/2), m.terms, m.names)
}

// features is m as an article being placed: its vectors, lead, length
// and time.
func (m member) features() *features {
	return &features{terms: m.terms, names: m.names, lead: m.lead, length: m.length, when: m.when}
}

// young is what a story keeps while it may still be revised: its articles
// in the order they came, and their similarities, row by row: the
// similarity of members i > j is at i*(i-1)/2 + j.
type young struct {
	members []member
	sims    []float32
}

func (y *young) sim(i, j int) float64 {
	if i == j {
		return 1
	}
	if i < j {
		i, j = j, i
	}
	return float64(y.sims[i*(i-1)/2+j])
}

// cohesionOfFirst is the average similarity of the pairs among the first
// n members: the first n(n-1)/2 similarities, row by row.
func (y *young) cohesionOfFirst(n int) float64 {
	pairs := n * (n - 1) / 2
	sum := 0.0
	for _, v := range y.sims[:pairs] {
		sum += float64(v)
	}
	return sum / float64(pairs)
}

// remember keeps f, article id of s, so that s can be revised later. A
// story of one article is its own record, since its centroid is that
// article's vectors: the grouper copies them only when a second article
// joins, and most stories never get one.
func (g *Grouper) remember(s *story, id int64, f *features) {
	switch {
	case s.settled:
		return
	case s.n == 0:
		s.firstID, s.firstHash = id, f.copyHash()
		return
	}
	y := g.youngOf(s)
	if len(y.members) == maxYoung {
		s.young, s.settled = nil, true
		return
	}
	g.enrol(y, newMember(id, f, &g.pick))
}

// enrol adds m to the members of y with its similarities to the others.
func (g *Grouper) enrol(y *young, m member) {
	g.scatterVec(m.terms, m.names)
	for _, o := range y.members {
		y.sims = append(y.sims, float32(g.overlap(o.terms, o.names)))
	}
	g.unscatterVec(m.terms, m.names)
	y.members = append(y.members, m)
}

// youngOf returns the record of the articles of s, a story still open to
// revision, making it from the centroid when s has one article.
func (g *Grouper) youngOf(s *story) *young {
	if s.young == nil && !s.settled && s.n == 1 {
		first := s.sole()
		first.terms = appendHeaviest(nil, s.terms, memberTerms, &g.pick)
		first.names = appendHeaviest(nil, s.names, memberNames, &g.pick)
		s.young = &young{members: []member{first}}
	}
	return s.young
}

// sole is the one article of s, a story of one: its centroid is that
// article's vectors, uncut.
func (s *story) sole() member {
	m := member{id: s.firstID, terms: s.terms, names: s.names, lead: make([]uint32, len(s.leads)),
		when: s.first, length: int(s.length), hash: s.firstHash}
	for i, e := range s.leads {
		m.lead[i] = e.id
	}
	return m
}

// newMember keeps what revising needs of article id, whose features are
// f, in one allocation.
func newMember(id int64, f *features, scratch *[]entry) member {
	nt, nn := min(len(f.terms), memberTerms), min(len(f.names), memberNames)
	buf := make([]entry, 0, nt+nn)
	buf = appendHeaviest(buf, f.terms, memberTerms, scratch)
	buf = appendHeaviest(buf, f.names, memberNames, scratch)
	return member{
		id:     id,
		terms:  buf[:nt:nt],
		names:  buf[nt : nt+nn : nt+nn],
		lead:   slices.Clone(f.lead),
		when:   f.when,
		length: f.length,
		hash:   f.copyHash(),
	}
}

// appendHeaviest appends the n heaviest entries of v to dst, in no order,
// choosing them in scratch.
func appendHeaviest(dst, v []entry, n int, scratch *[]entry) []entry {
	if len(v) <= n {
		return append(dst, v...)
	}
	pick := append((*scratch)[:0], v...)
	*scratch = pick
	selectHeaviest(pick, n)
	return append(dst, pick[:n]...)
}

// scatterVec spreads vectors over the dense scratch vector, like scatter.
func (g *Grouper) scatterVec(vs ...[]entry) {
	g.grow()
	for _, v := range vs {
		for _, e := range v {
			g.dense[e.id] = e.w
		}
	}
}

func (g *Grouper) unscatterVec(vs ...[]entry) {
	for _, v := range vs {
		for _, e := range v {
			g.dense[e.id] = 0
		}
	}
}

// bisect divides the members of y in two by average linkage: it joins
// the closest groups until one is left, then undoes the last join. Where
// that join took in one odd article, the odd one is set aside and the join
// before it undone instead, and the odd ones go at the end to the part
// they are most like: an outlier is not a second event.
func bisect(y *young) (a, b []int) {
	n := len(y.members)
	// Nodes 0..n-1 are the members, n.. the groups joined, in order.
	var (
		left, right [2 * maxYoung]int
		size        [2 * maxYoung]int
		linkage     [2 * maxYoung][2 * maxYoung]float64
		act         = make([]int, 0, 2*maxYoung) // the groups not yet joined, in order
	)
	for i := range n {
		size[i] = 1
		act = append(act, i)
		for j := range i {
			linkage[i][j] = y.sim(i, j)
			linkage[j][i] = linkage[i][j]
		}
	}
	top := n - 1
	for node := n; node < 2*n-1; node++ {
		bi, bj, best := -1, -1, 0.0
		for x, i := range act {
			for _, j := range act[x+1:] {
				if bi < 0 || linkage[i][j] > best {
					bi, bj, best = i, j, linkage[i][j]
				}
			}
		}
		left[node], right[node], size[node] = bi, bj, size[bi]+size[bj]
		act = slices.DeleteFunc(act, func(k int) bool { return k == bi || k == bj })
		wi, wj := float64(size[bi]), float64(size[bj])
		for _, k := range act {
			linkage[k][node] = (wi*linkage[k][bi] + wj*linkage[k][bj]) / (wi + wj)
			linkage[node][k] = linkage[k][node]
		}
		act = append(act, node)
		top = node
	}
	var odd []int
	node := top
	for node >= n {
		l, r := left[node], right[node]
		if size[l] > size[r] {
			l, r = r, l
		}
		if size[l] >= minPart {
			a, b = leaves(a, l, n, &left, &right), leaves(b, r, n, &left, &right)
			break
		}
		if size[r] < 2*minPart {
			return nil, nil
		}
		odd = leaves(odd, l, n, &left, &right)
		node = r
	}
	if a == nil {
		return nil, nil
	}
	for _, i := range odd {
		if link(y, []int{i}, a) > link(y, []int{i}, b) {
			a = append(a, i)
		} else {
			b = append(b, i)
		}
	}
	return a, b
}

// leaves appends the members under node of a tree of joins.
func leaves(dst []int, node, n int, left, right *[2 * maxYoung]int) []int {
	if node < n {
		return append(dst, node)
	}
	dst = leaves(dst, left[node], n, left, right)
	return leaves(dst, right[node], n, left, right)
}

// link is the average similarity of the members in a to those in b.
func link(y *young, a, b []int) float64 {
	sum := 0.0
	for _, i := range a {
		for _, j := range b {
			sum += y.sim(i, j)
		}
	}
	return sum / float64(len(a)*len(b))
}

// cohesion is the average similarity of the pairs of members in a.
func cohesion(y *young, a []int) float64 {
	sum := 0.0
	for x, i := range a {
		for _, j := range a[x+1:] {
			sum += y.sim(i, j)
		}
	}
	return sum / float64(len(a)*(len(a)-1)/2)
}
