//go:build !unix

package store

import "time"

// cpuTime is not measured here; benchmarks report zero for it.
func cpuTime() time.Duration { return 0 }
