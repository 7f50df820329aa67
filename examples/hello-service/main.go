// hello-service: a small stdlib-only HTTP service that `gocross verify` builds for every target,
// runs under QEMU and probes. It has what a real service has: health in the application/health+json
// format (draft-inadarei-api-health-check) and, with ?verbose, in the Kubernetes /healthz text
// style; /metrics in the Prometheus text format; structured JSON logs (one object per line on
// stdout) carrying the W3C trace id of traced requests; an optional upstream call on /work that
// propagates the trace; and fault injection, so a canary can be made bad on purpose.
//
// Flags and environment:
//
//	--version                 print "hello-service <version> <goos>/<goarch>" and exit
//	--addr HOST:PORT          listen address (default 127.0.0.1:$PORT, PORT defaulting to 8080)
//	--upstream URL            HELLO_UPSTREAM: /work calls GET URL, sending traceparent (same trace, new span)
//	--error-rate R            HELLO_ERROR_RATE: answer this share (0..1) of / and /work requests with 500
//	--latency D               HELLO_LATENCY: add D (e.g. 50ms) to / and /work requests
//	--gc-pressure-mb N        HELLO_GC_PRESSURE_MB: allocate N MiB of garbage per / and /work request
//	HELLO_FAIL_COMPONENT=X    make component X (database or cache) report "fail"
//	HELLO_NEVER_READY=1       /readyz never passes (for readiness-timeout tests)
//	HELLO_READY_DELAY_MS=N    become ready N ms after listening
//	HELLO_HELPER_MARKER=M     start a helper child process (sh -c 'sleep …' with M in its command
//	                          line) that shutdown does NOT stop, like a leaky real service: only a
//	                          supervisor that stops the whole process tree cleans it up
//	HELLO_IGNORE_SIGTERM=1    ignore SIGTERM (so a supervisor has to escalate to SIGKILL)
//
// A release can be built broken on purpose (deploy's tests ship releases that differ only in how
// they were built): -ldflags "-X main.fault=exit|unhealthy|slow" — see faults.go.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// logger writes the service's structured log; every line names the service.
var logger = newLogger(os.Stdout, "hello-service")

type options struct {
	upstream string
	faults   *faults
}

func envFloat(name string) float64 {
	v, _ := strconv.ParseFloat(os.Getenv(name), 64)
	return v
}

func envDuration(name string) time.Duration {
	d, _ := time.ParseDuration(os.Getenv(name))
	return d
}

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	addr := flag.String("addr", "", "listen address (default 127.0.0.1:$PORT, PORT defaulting to 8080)")
	upstream := flag.String("upstream", os.Getenv("HELLO_UPSTREAM"), "URL /work calls, propagating the trace (env HELLO_UPSTREAM)")
	errorRate := flag.Float64("error-rate", envFloat("HELLO_ERROR_RATE"), "share of / and /work requests answered 500 (env HELLO_ERROR_RATE)")
	latency := flag.Duration("latency", envDuration("HELLO_LATENCY"), "latency added to / and /work requests (env HELLO_LATENCY)")
	gcPressure := flag.Float64("gc-pressure-mb", envFloat("HELLO_GC_PRESSURE_MB"), "MiB of garbage allocated per / and /work request (env HELLO_GC_PRESSURE_MB)")
	flag.Parse()

	if *showVersion {
		fmt.Printf("hello-service %s %s/%s\n", version, runtime.GOOS, runtime.GOARCH)
		return
	}
	if fault == "exit" {
		logger.Error("built with fault=exit: exiting at once", "version", version)
		os.Exit(3)
	}
	if *addr == "" {
		port := os.Getenv("PORT")
		if port == "" {
			port = "8080"
		}
		*addr = net.JoinHostPort("127.0.0.1", port)
	}
	opts := options{upstream: *upstream, faults: &faults{errorRate: *errorRate, latency: *latency, gcPressure: int(*gcPressure * (1 << 20))}}
	if err := serve(*addr, opts); err != nil {
		logger.Error("cannot serve", "error", err.Error())
		os.Exit(1)
	}
}

var upstreamClient = &http.Client{Timeout: 5 * time.Second}

// callUpstream makes the request's downstream call, continuing its trace from this span.
func callUpstream(r *http.Request, url string) (int, error) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if span, ok := spanOf(r.Context()); ok {
		req.Header.Set("traceparent", span.traceparent())
	}
	res, err := upstreamClient.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	_ = res.Body.Close()
	return res.StatusCode, nil
}

func serve(addr string, opts options) error {
	started := time.Now()
	var ready atomic.Bool
	components := newComponents(setting("HELLO_FAIL_COMPONENT"), started)
	m := newMetrics(started)

	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		opts.faults.apply()
		if opts.faults.fail() {
			http.Error(w, "injected error (HELLO_ERROR_RATE)", http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "hello from %s/%s\n", runtime.GOOS, runtime.GOARCH)
	})
	mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		opts.faults.apply()
		if opts.faults.fail() {
			http.Error(w, "injected error (HELLO_ERROR_RATE)", http.StatusInternalServerError)
			return
		}
		if opts.upstream != "" {
			status, err := callUpstream(r, opts.upstream)
			if err != nil || status >= 500 {
				reason := fmt.Sprintf("status %d", status)
				if err != nil {
					reason = err.Error()
				}
				logger.ErrorContext(r.Context(), "upstream call failed", append([]any{"upstream", opts.upstream, "error", reason}, logAttrs(r.Context())...)...)
				http.Error(w, "upstream failed", http.StatusBadGateway)
				return
			}
			logger.InfoContext(r.Context(), "upstream call", append([]any{"upstream", opts.upstream, "status", status}, logAttrs(r.Context())...)...)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, "{\"ok\":true,\"platform\":\"%s/%s\"}\n", runtime.GOOS, runtime.GOARCH)
	})
	mux.HandleFunc("/metrics", m.handler)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		results := components.check()
		if _, verbose := r.URL.Query()["verbose"]; verbose {
			writeVerbose(w, "healthz", results)
			return
		}
		writeHealthJSON(w, results, started)
	})
	mux.HandleFunc("/livez", func(w http.ResponseWriter, r *http.Request) {
		writeVerbose(w, "livez", []result{{name: "ping", status: statusPass}})
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		checks := []result{{name: "ping", status: statusPass}}
		if ready.Load() {
			checks = append(checks, result{name: "startup", status: statusPass})
		} else {
			checks = append(checks, result{name: "startup", status: statusFail, output: "not ready yet"})
		}
		if _, verbose := r.URL.Query()["verbose"]; verbose {
			writeVerbose(w, "readyz", checks)
			return
		}
		if !ready.Load() {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})

	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "version", version, "platform", runtime.GOOS+"/"+runtime.GOARCH, "addr", listener.Addr().String(),
		"upstream", opts.upstream, "error_rate", opts.faults.errorRate, "latency", opts.faults.latency.String(), "gc_pressure_bytes", opts.faults.gcPressure)

	startHelper(os.Getenv("HELLO_HELPER_MARKER"))
	if setting("HELLO_NEVER_READY") == "" {
		delay, _ := strconv.Atoi(setting("HELLO_READY_DELAY_MS"))
		time.AfterFunc(time.Duration(delay)*time.Millisecond, func() {
			ready.Store(true)
			logger.Info("ready")
		})
	} else {
		logger.Warn("HELLO_NEVER_READY is set: /readyz will keep failing")
	}

	server := &http.Server{Handler: instrument(mux, m, logger), ReadHeaderTimeout: 5 * time.Second, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	stop := make(chan os.Signal, 1)
	if os.Getenv("HELLO_IGNORE_SIGTERM") != "" {
		signal.Ignore(syscall.SIGTERM)
		signal.Notify(stop, syscall.SIGINT)
	} else {
		signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	select {
	case err := <-served:
		return err
	case sig := <-stop:
		logger.Info("shutting down", "signal", sig.String())
	}
	ready.Store(false)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = server.Shutdown(ctx)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// startHelper starts a long-lived child process, the way real services start sidecars or
// workers; a supervisor that kills only the main process would leave it behind.
func startHelper(marker string) {
	if marker == "" {
		return
	}
	cmd := exec.Command("/bin/sh", "-c", "sleep 600; : "+marker)
	if err := cmd.Start(); err != nil {
		logger.Error("cannot start helper", "error", err.Error())
		return
	}
	logger.Info("helper started", "pid", cmd.Process.Pid)
}
