package main

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The Prometheus text exposition format (version 0.0.4), written by hand with the standard
// library, with the metric names client_golang uses so the usual dashboards and rules apply.

var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type requestKey struct {
	code   int
	method string
	path   string
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

type metrics struct {
	mu        sync.Mutex
	started   time.Time
	requests  map[requestKey]uint64
	durations map[string]*histogram // by path
}

func newMetrics(started time.Time) *metrics {
	m := &metrics{started: started, requests: map[requestKey]uint64{}, durations: map[string]*histogram{}}
	// The application routes' success and error series exist from the start, at 0: a counter that
	// first appears already above 0 has no rate until it grows again, so an error ratio would read 0
	// for the first errors (the usual advice: initialise the label values you know).
	for _, path := range []string{"/", "/work"} {
		for _, code := range []int{200, 500} {
			m.requests[requestKey{code, "GET", path}] = 0
		}
	}
	return m
}

func (m *metrics) observe(method, path string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{code, method, path}]++
	h := m.durations[path]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		m.durations[path] = h
	}
	s := d.Seconds()
	for i, le := range latencyBuckets {
		if s <= le {
			h.counts[i]++
			break
		}
	}
	h.sum += s
	h.count++
}

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// escapeLabel escapes a label value as the exposition format requires: \\, \" and \n.
func escapeLabel(v string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v)
}

func family(w io.Writer, name, kind, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, kind)
}

func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.path != b.path {
			return a.path < b.path
		}
		if a.method != b.method {
			return a.method < b.method
		}
		return a.code < b.code
	})
	family(w, "http_requests_total", "counter", "HTTP requests served, by status code, method and route.")
	for _, k := range keys {
		fmt.Fprintf(w, "http_requests_total{code=\"%d\",method=\"%s\",path=\"%s\"} %d\n", k.code, escapeLabel(k.method), escapeLabel(k.path), m.requests[k])
	}
	paths := make([]string, 0, len(m.durations))
	for p := range m.durations {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	family(w, "http_request_duration_seconds", "histogram", "HTTP request latency in seconds, by route.")
	for _, p := range paths {
		h := m.durations[p]
		var cumulative uint64
		for i, le := range latencyBuckets {
			cumulative += h.counts[i]
			fmt.Fprintf(w, "http_request_duration_seconds_bucket{path=\"%s\",le=\"%s\"} %d\n", escapeLabel(p), formatFloat(le), cumulative)
		}
		fmt.Fprintf(w, "http_request_duration_seconds_bucket{path=\"%s\",le=\"+Inf\"} %d\n", escapeLabel(p), h.count)
		fmt.Fprintf(w, "http_request_duration_seconds_sum{path=\"%s\"} %s\n", escapeLabel(p), formatFloat(h.sum))
		fmt.Fprintf(w, "http_request_duration_seconds_count{path=\"%s\"} %d\n", escapeLabel(p), h.count)
	}
	m.mu.Unlock()
	writeRuntimeMetrics(w, m.started)
}

func writeRuntimeMetrics(w io.Writer, started time.Time) {
	family(w, "go_goroutines", "gauge", "Number of goroutines that currently exist.")
	fmt.Fprintf(w, "go_goroutines %d\n", runtime.NumGoroutine())
	family(w, "go_info", "gauge", "Information about the Go environment.")
	fmt.Fprintf(w, "go_info{version=\"%s\"} 1\n", escapeLabel(runtime.Version()))

	gc := debug.GCStats{PauseQuantiles: make([]time.Duration, 5)}
	debug.ReadGCStats(&gc)
	family(w, "go_gc_duration_seconds", "summary", "A summary of the pause duration of garbage collection cycles.")
	for i, q := range []string{"0", "0.25", "0.5", "0.75", "1"} {
		fmt.Fprintf(w, "go_gc_duration_seconds{quantile=\"%s\"} %s\n", q, formatFloat(gc.PauseQuantiles[i].Seconds()))
	}
	fmt.Fprintf(w, "go_gc_duration_seconds_sum %s\n", formatFloat(gc.PauseTotal.Seconds()))
	fmt.Fprintf(w, "go_gc_duration_seconds_count %d\n", gc.NumGC)

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	for _, g := range []struct {
		name, kind, help string
		value            float64
	}{
		{"go_memstats_alloc_bytes", "gauge", "Number of bytes allocated and still in use.", float64(ms.Alloc)},
		{"go_memstats_alloc_bytes_total", "counter", "Total number of bytes allocated, even if freed.", float64(ms.TotalAlloc)},
		{"go_memstats_sys_bytes", "gauge", "Number of bytes obtained from system.", float64(ms.Sys)},
		{"go_memstats_mallocs_total", "counter", "Total number of mallocs.", float64(ms.Mallocs)},
		{"go_memstats_frees_total", "counter", "Total number of frees.", float64(ms.Frees)},
		{"go_memstats_heap_alloc_bytes", "gauge", "Number of heap bytes allocated and still in use.", float64(ms.HeapAlloc)},
		{"go_memstats_heap_sys_bytes", "gauge", "Number of heap bytes obtained from system.", float64(ms.HeapSys)},
		{"go_memstats_heap_idle_bytes", "gauge", "Number of heap bytes waiting to be used.", float64(ms.HeapIdle)},
		{"go_memstats_heap_inuse_bytes", "gauge", "Number of heap bytes that are in use.", float64(ms.HeapInuse)},
		{"go_memstats_heap_released_bytes", "gauge", "Number of heap bytes released to OS.", float64(ms.HeapReleased)},
		{"go_memstats_heap_objects", "gauge", "Number of allocated objects.", float64(ms.HeapObjects)},
		{"go_memstats_stack_inuse_bytes", "gauge", "Number of bytes in use by the stack allocator.", float64(ms.StackInuse)},
		{"go_memstats_gc_sys_bytes", "gauge", "Number of bytes used for garbage collection system metadata.", float64(ms.GCSys)},
		{"go_memstats_next_gc_bytes", "gauge", "Number of heap bytes when next garbage collection will take place.", float64(ms.NextGC)},
		{"go_memstats_last_gc_time_seconds", "gauge", "Number of seconds since 1970 of last garbage collection.", float64(ms.LastGC) / 1e9},
	} {
		family(w, g.name, g.kind, g.help)
		fmt.Fprintf(w, "%s %s\n", g.name, formatFloat(g.value))
	}
	family(w, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.")
	fmt.Fprintf(w, "process_start_time_seconds %s\n", formatFloat(float64(started.UnixNano())/1e9))
}

func (m *metrics) handler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.write(w)
}
