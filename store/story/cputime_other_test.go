//go:build !unix

package story

import "time"

// cpuTime is not measured where the system offers no resource usage: the
// benchmark then reports the wall clock alone.
func cpuTime() time.Duration { return 0 }
