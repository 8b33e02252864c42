package ui

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestEndToEnd runs the reader as a real Bubble Tea program: it opens a
// story, switches source and quits, and the library sees the reads.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a whole program")
	}
	lib := smallLibrary(t, 10)
	tm := teatest.NewTestModel(t, New(lib, testOptions()), teatest.WithInitialTermSize(100, 30))
	waitFor := func(text string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	waitFor("Harbour bridge to close")
	tm.Send(keyMsg("enter"))
	waitFor("The council voted")
	tm.Send(keyMsg("]"))
	waitFor("Engineers inspecting")
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	final, ok := tm.FinalModel(t).(*Model)
	if !ok {
		t.Fatalf("final model is %T", tm.FinalModel(t))
	}
	if final.reader.cur != 1 {
		t.Errorf("final reader on article %d, want 1", final.reader.cur)
	}
	lib.mu.Lock()
	defer lib.mu.Unlock()
	if !slices.Equal(lib.setReads, []string{"11=true", "12=true"}) {
		t.Errorf("reads %v", lib.setReads)
	}
}
