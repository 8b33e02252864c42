// Package story holds the pure logic of stories: grouping articles that
// report the same event, explaining each grouping, and comparing the sources
// of one story. It does no I/O, so it is deterministic and cheap to test.
package story
