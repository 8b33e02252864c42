//go:build unix

package story

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used: on a shared machine
// it measures the grouper's work where the wall clock also counts others'.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
