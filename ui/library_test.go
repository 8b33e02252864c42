package ui

import "parallax/store"

// The store is the library the reader runs on.
var _ Library = (*store.Store)(nil)
