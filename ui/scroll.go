package ui

// windowTop is the first row to show of a list of n rows in a window of
// height rows, so that the row at cursor is in view: the window moves as
// little as it must from top, and never past either end of the list. A
// window with no room shows the cursor's row first.
func windowTop(cursor, top, n, height int) int {
	if height <= 0 {
		return cursor
	}
	if cursor < top {
		top = cursor
	}
	if cursor >= top+height {
		top = cursor - height + 1
	}
	return min(max(top, 0), max(n-height, 0))
}
