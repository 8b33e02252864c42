package ui

import (
	"slices"
	"strings"
	"testing"
)

func TestSavedScreen(t *testing.T) {
	lib := smallLibrary(t, 3)
	m := start(t, lib, testOptions(), 100, 20)
	m = press(t, m, "S")
	if m.screen != screenSaved {
		t.Fatalf("S opened screen %v", m.screen)
	}
	body := bodyText(m)
	if !strings.Contains(body, "Saved · 1 story") || !strings.Contains(body, "Late frost threatens valley apple crop") ||
		strings.Contains(body, "Harbour bridge") {
		t.Fatalf("saved screen lists more or less than the saved story:\n%s", body)
	}
	if help := screenText(m); !strings.Contains(help, "unsave") {
		t.Errorf("the help line does not say s unsaves:\n%s", help)
	}

	// s lets the story go, and the list follows.
	m = press(t, m, "s")
	if !slices.Contains(lib.saves, "2=false") {
		t.Fatalf("saves %v", lib.saves)
	}
	if body := bodyText(m); !strings.Contains(body, "No saved stories") {
		t.Errorf("after unsaving:\n%s", body)
	}
	m = press(t, m, "esc")
	if m.screen != screenMain {
		t.Errorf("esc left the saved screen for %v", m.screen)
	}

	// Saving from the list shows the story there; enter reads it.
	m = press(t, m, "s", "S")
	if body := bodyText(m); !strings.Contains(body, "Harbour bridge to close to cars") {
		t.Fatalf("a story saved from the list is missing:\n%s", body)
	}
	m = press(t, m, "enter")
	if m.screen != screenMain || m.focus != focusReader || m.reader.story.ID != 1 {
		t.Errorf("enter: screen %v focus %v story %d", m.screen, m.focus, m.reader.story.ID)
	}
	// esc goes back to where the story was opened from.
	if m = press(t, m, "esc"); m.screen != screenSaved {
		t.Errorf("esc from a story opened from the saved stories went to screen %v", m.screen)
	}
	// A story opened from the list goes back to the list.
	m = press(t, m, "esc", "enter", "esc")
	if m.screen != screenMain || m.focus != focusStories {
		t.Errorf("esc from a story opened from the list: screen %v focus %v", m.screen, m.focus)
	}
}

// TestWideListFollowsAfterReadingASavedStory reads a saved story beside
// the list and comes back to the list, by esc and by tab: the reader shows
// the story the list selects again, not the saved one.
func TestWideListFollowsAfterReadingASavedStory(t *testing.T) {
	for _, back := range [][]string{{"esc", "esc"}, {"tab"}} {
		t.Run(strings.Join(back, "+"), func(t *testing.T) {
			m := start(t, smallLibrary(t, 3), testOptions(), 160, 20)
			if m.reader.story.ID != 1 {
				t.Fatalf("the reader previews story %d, want the first", m.reader.story.ID)
			}
			m = press(t, m, "S", "enter")
			if m.reader.story.ID != 2 || m.focus != focusReader {
				t.Fatalf("enter on the saved story: reader shows story %d, focus %v", m.reader.story.ID, m.focus)
			}
			m = press(t, m, back...)
			sel, _ := m.stories.selected()
			if m.screen != screenMain || m.focus != focusStories {
				t.Fatalf("back on screen %v, focus %v", m.screen, m.focus)
			}
			if m.reader.story.ID != sel.ID {
				t.Errorf("the list selects story %d, the reader beside it shows story %d:\n%s", sel.ID, m.reader.story.ID, screenText(m))
			}
		})
	}
}

// TestSavedScreenMarksUnread: a saved story shows whether it has been read,
// as it does in the story list.
func TestSavedScreenMarksUnread(t *testing.T) {
	lib := smallLibrary(t, 3)
	lib.stories[2].Saved = true // the library's story, read
	m := start(t, lib, testOptions(), 100, 20)
	m = press(t, m, "S")
	rows := map[string]string{}
	for _, line := range strings.Split(bodyText(m), "\n") {
		for _, title := range []string{"Late frost", "City library"} {
			if strings.Contains(line, title) {
				rows[title] = line
			}
		}
	}
	if row := rows["Late frost"]; !strings.Contains(row, "●★") {
		t.Errorf("the unread saved story has no unread mark: %q", row)
	}
	if row := rows["City library"]; !strings.Contains(row, "★") || strings.Contains(row, "●") {
		t.Errorf("the read saved story: %q, want a saved mark and no unread mark", row)
	}
}
