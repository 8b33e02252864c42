package feeds

import (
	"regexp"
	"sync"
)

// lazyRegexp returns pattern compiled on first use. Every parallax binary
// loads this package, but the reader cleans no feed before its first frame,
// and compiling the package's patterns at load cost each start some
// milliseconds (mdLink's bounded repeat alone, several).
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
