//go:build race

package feeds

// raceDetector says the tests run under the race detector, which makes
// reading and decoding many times slower than the timeouts the tests
// otherwise hold requests to.
const raceDetector = true
