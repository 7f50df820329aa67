package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"time"
)

const (
	statusPass = "pass"
	statusWarn = "warn"
	statusFail = "fail"
)

type result struct {
	name          string
	componentType string
	measurement   string
	status        string
	observed      any
	unit          string
	output        string
}

type components struct {
	failing string
	started time.Time
}

func newComponents(failing string, started time.Time) *components {
	return &components{failing: strings.TrimSpace(failing), started: started}
}

// check returns one result per component. The components are simulated: what matters for
// verification is that each is reported on its own and that one can be made to fail.
func (c *components) check() []result {
	database := result{name: "database", componentType: "datastore", measurement: "responseTime", status: statusPass, observed: 3, unit: "ms"}
	cache := result{name: "cache", componentType: "component", measurement: "utilization", status: statusPass, observed: 12, unit: "percent"}
	uptime := result{name: "uptime", componentType: "system", measurement: "", status: statusPass, observed: time.Since(c.started).Seconds(), unit: "s"}
	all := []result{database, cache, uptime}
	for i := range all {
		if all[i].name == c.failing {
			all[i].status = statusFail
			all[i].output = fmt.Sprintf("%s is unreachable (HELLO_FAIL_COMPONENT=%s)", all[i].name, c.failing)
		}
	}
	return all
}

func overall(results []result) string {
	status := statusPass
	for _, r := range results {
		if r.status == statusFail {
			return statusFail
		}
		if r.status == statusWarn {
			status = statusWarn
		}
	}
	return status
}

// writeHealthJSON renders draft-inadarei-api-health-check: 200 for pass/warn, 503 for fail.
func writeHealthJSON(w http.ResponseWriter, results []result, started time.Time) {
	status := overall(results)
	checks := map[string][]map[string]any{}
	now := time.Now().UTC().Format(time.RFC3339)
	for _, r := range results {
		key := r.name
		if r.measurement != "" {
			key += ":" + r.measurement
		}
		entry := map[string]any{
			"componentId":   r.name,
			"componentType": r.componentType,
			"status":        r.status,
			"observedValue": r.observed,
			"observedUnit":  r.unit,
			"time":          now,
		}
		if r.output != "" {
			entry["output"] = r.output
		}
		checks[key] = append(checks[key], entry)
	}
	body := map[string]any{
		"status":      status,
		"version":     "1",
		"releaseId":   version,
		"serviceId":   "hello-service",
		"description": fmt.Sprintf("hello-service on %s/%s", runtime.GOOS, runtime.GOARCH),
		"checks":      checks,
	}
	if status == statusFail {
		body["output"] = "one or more components failed"
	}
	w.Header().Set("Content-Type", "application/health+json")
	w.Header().Set("Cache-Control", "no-store")
	if status == statusFail {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(body)
}

// writeVerbose renders the Kubernetes style: "[+]name ok" / "[-]name failed: reason", then a verdict.
func writeVerbose(w http.ResponseWriter, endpoint string, results []result) {
	var b strings.Builder
	for _, r := range results {
		if r.status == statusFail {
			reason := r.output
			if reason == "" {
				reason = "reason withheld"
			}
			fmt.Fprintf(&b, "[-]%s failed: %s\n", r.name, reason)
		} else {
			fmt.Fprintf(&b, "[+]%s ok\n", r.name)
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if overall(results) == statusFail {
		fmt.Fprintf(&b, "%s check failed\n", endpoint)
		w.WriteHeader(http.StatusInternalServerError)
	} else {
		fmt.Fprintf(&b, "%s check passed\n", endpoint)
	}
	_, _ = w.Write([]byte(b.String()))
}
