package ui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// refreshRun is one refresh in flight. Progress travels on a channel that
// holds only the latest report, so a slow screen never holds up fetching.
type refreshRun struct {
	id       int
	progress chan refreshProgressMsg
	done     chan refreshDoneMsg
}

// refreshState is the root's view of refreshing: the run in flight, if any,
// and its last progress.
type refreshState struct {
	next  int
	run   *refreshRun
	done  int
	total int
	added int

	// note is said again when the run ends: what an import of
	// subscriptions left out, which the run's account would hide.
	note string
}

func (r refreshState) running() bool { return r.run != nil }

// start begins a refresh of feeds (nil: all) and returns the command that
// runs it.
func (r *refreshState) start(ctx context.Context, fn func(context.Context, []string, func(done, total, added int)) (RefreshSummary, error), feeds []string) tea.Cmd {
	r.next++
	run := &refreshRun{
		id:       r.next,
		progress: make(chan refreshProgressMsg, 1),
		done:     make(chan refreshDoneMsg, 1),
	}
	r.run = run
	r.done, r.total, r.added = 0, 0, 0
	return func() tea.Msg {
		go func() {
			report := func(done, total, added int) {
				p := refreshProgressMsg{id: run.id, done: done, total: total, added: added}
				for {
					select {
					case run.progress <- p:
						return
					default:
					}
					select {
					case <-run.progress:
					default:
					}
				}
			}
			var (
				sum RefreshSummary
				err error
			)
			func() {
				defer func() {
					if p := recover(); p != nil {
						err = fmt.Errorf("panic: %v", p)
					}
				}()
				sum, err = fn(ctx, feeds, report)
			}()
			if err != nil {
				err = fmt.Errorf("refresh: %w", err)
			}
			run.done <- refreshDoneMsg{id: run.id, summary: sum, err: err}
		}()
		return run.wait()
	}
}

// wait blocks until the run reports progress or ends.
func (run *refreshRun) wait() tea.Msg {
	select {
	case p := <-run.progress:
		return p
	case d := <-run.done:
		return d
	}
}

func waitRefresh(run *refreshRun) tea.Cmd {
	return run.wait
}

// refreshText is how far a refresh has come: feeds fetched and articles
// stored, then, once every feed is in, that their articles are being
// stored and grouped together (see feeds.Fetcher.Refresh).
func refreshText(done, total, added int) string {
	text := fmt.Sprintf("Refreshing %d/%d feeds", done, total)
	switch {
	case done == total:
		text += " · storing"
	case added > 0:
		text += fmt.Sprintf(" · %d new", added)
	}
	return text
}
