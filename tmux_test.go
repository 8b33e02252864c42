package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// terminal is the real binary running in a detached tmux session of its own.
type terminal struct {
	t      *testing.T
	socket string
}

// startTerminal runs parallax with args in a 120×40 tmux session.
func startTerminal(t *testing.T, args ...string) *terminal {
	t.Helper()
	return startTerminalEnv(t, nil, args...)
}

// startTerminalEnv is startTerminal with env (NAME=value) added to the
// program's environment.
func startTerminalEnv(t *testing.T, env []string, args ...string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	home := t.TempDir()
	term := &terminal{t: t, socket: fmt.Sprintf("parallax-test-%d", time.Now().UnixNano())}
	command := []string{"env", "HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "TERM=xterm-256color"}
	command = append(append(command, env...), binary)
	command = append(command, args...)
	tmuxArgs := append([]string{"-L", term.socket, "new-session", "-d", "-x", "120", "-y", "40"}, command...)
	if out, err := exec.Command("tmux", tmuxArgs...).CombinedOutput(); err != nil {
		t.Fatalf("start tmux: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
	return term
}

func (term *terminal) screen() string {
	out, err := exec.Command("tmux", "-L", term.socket, "capture-pane", "-p").Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// send types keys (tmux key names) one at a time, so that esc and the key
// after it are never read together as alt+key.
func (term *terminal) send(keys ...string) {
	term.t.Helper()
	for _, k := range keys {
		if out, err := exec.Command("tmux", "-L", term.socket, "send-keys", k).CombinedOutput(); err != nil {
			term.t.Fatalf("send %q: %v: %s", k, err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitFor waits until the screen shows every one of texts.
func (term *terminal) waitFor(texts ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		screen := term.screen()
		missing := ""
		for _, text := range texts {
			if !strings.Contains(screen, text) {
				missing = text
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("screen never showed %q:\n%s", missing, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// exited reports whether the program has ended and taken its session with it.
func (term *terminal) exited() bool {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if exec.Command("tmux", "-L", term.socket, "has-session").Run() != nil {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

func TestReaderInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary in tmux")
	}
	db := sampleDB(t)
	term := startTerminal(t, "--db", db)
	term.waitFor("Stories", "5 sources", "Storm Hesper")

	term.send("/", "L", "o", "r", "n", "Enter")
	term.waitFor("Stories", "5 sources")
	term.send("Enter")
	screen := term.waitFor("1/5", "Ellison")

	term.send("]")
	next := term.waitFor("2/5", "grouped: ")
	if next == screen {
		t.Errorf("] did not move to the next source")
	}

	term.send("?")
	term.waitFor("next source", "previous source", "quit")
	term.send("Escape")
	time.Sleep(200 * time.Millisecond)

	term.send("c")
	compare := term.waitFor("only here", "shared")
	term.send("]")
	deadline := time.Now().Add(5 * time.Second)
	for term.screen() == compare && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if term.screen() == compare {
		t.Errorf("] in compare did not change the right-hand source")
	}
	term.send("Escape")
	term.waitFor("2/5")
	time.Sleep(200 * time.Millisecond)
	term.send("q")
	if !term.exited() {
		t.Fatalf("q did not quit; screen:\n%s", term.screen())
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("library gone after quitting: %v", err)
	}
}

// TestTerminalBrowserGetsTheTerminal sets $BROWSER to a text browser: o
// hands it the terminal, and the reader comes back when it exits, saying
// so, or saying how it failed.
func TestTerminalBrowserGetsTheTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary in tmux")
	}
	// A stand-in for lynx: it says whether it has the terminal, and exits
	// with the status typed to it.
	bin := t.TempDir()
	lynx := "#!/bin/sh\n" +
		"if [ -t 0 ] && [ -t 1 ]; then echo \"lynx has the terminal for $1\"; else echo \"lynx has no terminal\" >&2; fi\n" +
		"read status\n" +
		"exit \"${status:-0}\"\n"
	if err := os.WriteFile(filepath.Join(bin, "lynx"), []byte(lynx), 0o755); err != nil {
		t.Fatal(err)
	}
	term := startTerminalEnv(t, []string{"BROWSER=lynx", "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}, "--sample")
	term.waitFor("Stories", "5 sources")
	term.send("Enter")
	term.waitFor("1/")

	term.send("o")
	term.waitFor("lynx has the terminal for https://sample.parallax.invalid/")
	term.send("Enter")
	screen := term.waitFor("Back from lynx.", "1/")
	if strings.Contains(screen, "Opened") {
		t.Errorf("the reader says it opened the link in the background:\n%s", screen)
	}

	term.send("o")
	term.waitFor("lynx has the terminal for")
	term.send("3", "Enter")
	term.waitFor("lynx exited with status 3", "1/")
	term.send("q")
	if !term.exited() {
		t.Fatalf("q did not quit; screen:\n%s", term.screen())
	}
}

// TestMouseInTmux clicks and scrolls the real binary with the mouse, as a
// terminal reports it (SGR mouse sequences, 1-based): a click selects a
// story, a click on the story selected opens it, and the wheel scrolls
// the list and the article.
func TestMouseInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary in tmux")
	}
	term := startTerminal(t, "--sample")
	term.waitFor("Stories · 9 stories")
	mouse := func(button, x, y int) {
		t.Helper()
		seq := fmt.Sprintf("\x1b[<%d;%d;%dM", button, x, y)
		if button < 64 {
			seq += fmt.Sprintf("\x1b[<%d;%d;%dm", button, x, y) // the release
		}
		if out, err := exec.Command("tmux", "-L", term.socket, "send-keys", "-l", seq).CombinedOutput(); err != nil {
			t.Fatalf("send %q: %v: %s", seq, err, out)
		}
		time.Sleep(150 * time.Millisecond)
	}
	selected := func() int {
		for i, l := range strings.Split(term.screen(), "\n") {
			if strings.HasPrefix(l, "▌") {
				return i
			}
		}
		return -1
	}
	const wheelUp, wheelDown = 64, 65
	mouse(wheelDown, 10, 5)
	if got := selected(); got != 4 {
		t.Fatalf("the wheel down put the selection on line %d, want 4:\n%s", got, term.screen())
	}
	mouse(wheelUp, 10, 5)
	mouse(0, 10, 3) // the second story
	if got := selected(); got != 2 {
		t.Fatalf("a click on line 3 put the selection on line %d, want 2:\n%s", got, term.screen())
	}
	mouse(0, 10, 2) // the first story
	mouse(0, 10, 2) // open it
	// A terminal too short for the whole article.
	if out, err := exec.Command("tmux", "-L", term.socket, "resize-window", "-x", "120", "-y", "20").CombinedOutput(); err != nil {
		t.Fatalf("resize: %v: %s", err, out)
	}
	before := term.waitFor("1/4", "────", "Manufacturers of household appliances")
	mouse(wheelDown, 40, 15)
	after := term.screen()
	body := func(screen string) string { return strings.SplitN(screen, "────", 2)[1] }
	if body(after) == body(before) || !strings.Contains(after, "1/4") {
		t.Errorf("the wheel did not scroll the article:\n%s", after)
	}
	term.send("q")
	if !term.exited() {
		t.Fatalf("q did not quit; screen:\n%s", term.screen())
	}
}

// TestSearchOnATerminalSetsMatchesInBold runs search as typed at a
// terminal: the matched words are bold, without the Markdown marks a pipe
// gets.
func TestSearchOnATerminalSetsMatchesInBold(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the real binary in tmux")
	}
	db := sampleDB(t)
	// The shell keeps the session, and so the screen, once parallax ends.
	keep := []string{"sh", "-c", `"$0" "$@"; echo search-ended; sleep 60`}
	term := startTerminalEnv(t, keep, "search", "Hesper", "--db", db)
	term.waitFor("search-ended")
	out, err := exec.Command("tmux", "-L", term.socket, "capture-pane", "-p", "-e").Output()
	if err != nil {
		t.Fatal(err)
	}
	screen := string(out)
	if strings.Contains(screen, "**") {
		t.Errorf("the terminal shows the match marks:\n%s", screen)
	}
	if !strings.Contains(screen, "\x1b[1mHesper") {
		t.Errorf("no match is set in bold:\n%q", screen)
	}
	if piped := mustRun(t, db, "search", "Hesper").stdout; !strings.Contains(piped, "**Hesper**") {
		t.Errorf("piped, the snippet lost its marks:\n%s", piped)
	}
}
