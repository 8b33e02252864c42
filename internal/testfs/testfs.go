// Package testfs makes files unwritable for the tests of what parallax
// does with a library it may read but not change.
package testfs

import (
	"os"
	"os/exec"
	"testing"
)

// Unwritable makes paths unwritable for the rest of the test: by mode when
// the test runs as an ordinary user, by the immutable attribute for root,
// whom modes do not stop. It reports false when neither is possible.
func Unwritable(t testing.TB, paths ...string) bool {
	t.Helper()
	for _, p := range paths {
		if os.Geteuid() != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			mode := fi.Mode()
			if err := os.Chmod(p, mode&^0o222); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(p, mode) })
			continue
		}
		if out, err := exec.Command("chattr", "+i", p).CombinedOutput(); err != nil {
			t.Logf("chattr +i %s: %v: %s", p, err, out)
			return false
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", p).Run() })
	}
	return true
}
