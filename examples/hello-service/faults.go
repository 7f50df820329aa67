package main

import (
	"math"
	"sync"
	"time"
)

// faults makes a canary bad on purpose, so a gate can be shown to catch it: a share of requests
// answered 500, latency added to every request, and garbage allocated per request (GC pressure).
type faults struct {
	errorRate  float64
	latency    time.Duration
	gcPressure int // bytes of garbage per request

	mu     sync.Mutex
	served uint64
	sink   []byte
}

// fail reports whether this request is one of the errorRate share. Deterministic (every
// 1/errorRate-th request), so a 5% canary fails exactly 5 of every 100 requests.
func (f *faults) fail() bool {
	if f.errorRate <= 0 {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.served++
	return math.Floor(float64(f.served)*f.errorRate) > math.Floor(float64(f.served-1)*f.errorRate)
}

// apply adds the configured latency and garbage to a request.
func (f *faults) apply() {
	if f.latency > 0 {
		time.Sleep(f.latency)
	}
	if f.gcPressure > 0 {
		garbage := make([]byte, f.gcPressure)
		for i := 0; i < len(garbage); i += 4096 {
			garbage[i] = byte(i)
		}
		f.mu.Lock()
		f.sink = garbage // kept until the next request, then garbage
		f.mu.Unlock()
	}
}
