package main

import (
	"math"
	"os"
	"sync"
	"time"
)

// fault is a build-time default for the fault knobs, set with -ldflags "-X main.fault=…", so a
// release can be broken on purpose while its environment stays the same as every other release's:
//
//	exit       exit with status 3 at once (systemd sees a crash loop)
//	unhealthy  as HELLO_FAIL_COMPONENT=database: /healthz reports the database component failed
//	slow       as HELLO_READY_DELAY_MS=600000: /readyz passes only after 10 minutes
//
// Unset (the default), nothing changes. An environment variable always wins over the build default.
var fault string

var faultDefaults = map[string]map[string]string{
	"unhealthy": {"HELLO_FAIL_COMPONENT": "database"},
	"slow":      {"HELLO_READY_DELAY_MS": "600000"},
}

// setting is the environment variable name, else this build's fault default for it, else "".
func setting(name string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return faultDefaults[fault][name]
}

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
