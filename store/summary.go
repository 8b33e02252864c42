package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"sort"

	"parallax/store/story"
)

// member is what a story's summary needs of one of its articles.
type member struct {
	id, at        int64
	source, title string
	read          bool
	evidence      story.Evidence
}

// storyRow is a story's denormalised columns, computed from its articles
// added oldest first.
type storyRow struct {
	id             int64
	first, updated int64
	count, unread  int
	titles         []string
	sources        []string
	names, terms   map[string]int
}

func newStoryRow(id int64) *storyRow {
	return &storyRow{id: id, names: map[string]int{}, terms: map[string]int{}}
}

func (r *storyRow) add(m member) {
	if r.count == 0 || m.at < r.first {
		r.first = m.at
	}
	r.updated = max(r.updated, m.at)
	r.count++
	if !m.read {
		r.unread++
	}
	r.titles = append(r.titles, m.title)
	if !slices.Contains(r.sources, m.source) {
		r.sources = append(r.sources, m.source)
	}
	for _, n := range m.evidence.Names {
		r.names[n]++
	}
	for _, t := range m.evidence.Terms {
		r.terms[t]++
	}
}

// updateStory sets the columns storyRow.values returns, in that order.
const updateStory = `UPDATE stories SET title = ?, first_seen = ?, updated = ?, articles = ?,
	sources = ?, source_count = ?, unread = ?, evidence = ? WHERE id = ?`

func (r *storyRow) values() ([]any, error) {
	sources, err := json.Marshal(r.sources)
	if err != nil {
		return nil, err
	}
	evidence := ""
	if len(r.names) > 0 || len(r.terms) > 0 {
		b, err := json.Marshal(storyEvidence{Names: top(r.names, 8), Terms: top(r.terms, 8)})
		if err != nil {
			return nil, err
		}
		evidence = string(b)
	}
	return []any{story.Title(r.titles), r.first, r.updated, r.count,
		string(sources), len(r.sources), r.unread, evidence}, nil
}

// storyEvidence is the JSON kept on a story: the names and terms that most
// often placed its articles together.
type storyEvidence struct {
	Names []string `json:"names,omitempty"`
	Terms []string `json:"terms,omitempty"`
}

// parseEvidence reads an article's stored evidence; what cannot be read
// counts as none.
func parseEvidence(raw string) story.Evidence {
	var ev story.Evidence
	if raw != "" {
		json.Unmarshal([]byte(raw), &ev)
	}
	return ev
}

// top returns up to n keys, most counted first, ties in alphabetical order.
func top(counts map[string]int, n int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

// refreshStories brings the title and counters of the given stories up to
// date with their articles, and deletes those left without any.
func (s *Store) refreshStories(ctx context.Context, tx *sql.Tx, ids []int64) error {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	update, err := s.stmt(ctx, tx, updateStory)
	if err != nil {
		return err
	}
	defer update.Close()
	return inChunks(ids, func(marks string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT story_id, id, at, source, title, read, evidence
			FROM articles WHERE story_id IN (`+marks+`) ORDER BY story_id, at, id`, args...)
		if err != nil {
			return err
		}
		var list []*storyRow
		for rows.Next() {
			var storyID int64
			var m member
			var evidence string
			if err := rows.Scan(&storyID, &m.id, &m.at, &m.source, &m.title, &m.read, &evidence); err != nil {
				rows.Close()
				return err
			}
			m.evidence = parseEvidence(evidence)
			if len(list) == 0 || list[len(list)-1].id != storyID {
				list = append(list, newStoryRow(storyID))
			}
			list[len(list)-1].add(m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		found := map[int64]bool{}
		for _, r := range list {
			found[r.id] = true
			v, err := r.values()
			if err != nil {
				return err
			}
			if _, err := update.ExecContext(ctx, append(v, r.id)...); err != nil {
				return err
			}
		}
		for _, id := range args {
			if found[id.(int64)] {
				continue
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, id); err != nil {
				return err
			}
		}
		return nil
	})
}
