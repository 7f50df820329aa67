// hello-service: a small stdlib-only HTTP service that `gocross verify` builds for every target,
// runs under QEMU and probes. It reports its health in the application/health+json format
// (draft-inadarei-api-health-check) and, with ?verbose, in the Kubernetes /healthz text style.
//
// Flags and environment:
//
//	--version                 print "hello-service <version> <goos>/<goarch>" and exit
//	--addr HOST:PORT          listen address (default 127.0.0.1:$PORT, PORT defaulting to 8080)
//	HELLO_FAIL_COMPONENT=X    make component X (database or cache) report "fail"
//	HELLO_NEVER_READY=1       /readyz never passes (for readiness-timeout tests)
//	HELLO_READY_DELAY_MS=N    become ready N ms after listening
//	HELLO_HELPER_MARKER=M     start a helper child process (sh -c 'sleep …' with M in its command
//	                          line) that shutdown does NOT stop, like a leaky real service: only a
//	                          supervisor that stops the whole process tree cleans it up
//	HELLO_IGNORE_SIGTERM=1    ignore SIGTERM (so a supervisor has to escalate to SIGKILL)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
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

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	addr := flag.String("addr", "", "listen address (default 127.0.0.1:$PORT, PORT defaulting to 8080)")
	flag.Parse()

	if *showVersion {
		fmt.Printf("hello-service %s %s/%s\n", version, runtime.GOOS, runtime.GOARCH)
		return
	}
	if *addr == "" {
		port := os.Getenv("PORT")
		if port == "" {
			port = "8080"
		}
		*addr = net.JoinHostPort("127.0.0.1", port)
	}
	if err := serve(*addr); err != nil {
		log.Printf("hello-service: %v", err)
		os.Exit(1)
	}
}

func serve(addr string) error {
	started := time.Now()
	var ready atomic.Bool
	components := newComponents(os.Getenv("HELLO_FAIL_COMPONENT"), started)

	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, "hello from %s/%s\n", runtime.GOOS, runtime.GOARCH)
	})
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
	log.Printf("hello-service %s %s/%s listening on %s", version, runtime.GOOS, runtime.GOARCH, listener.Addr())

	startHelper(os.Getenv("HELLO_HELPER_MARKER"))
	if os.Getenv("HELLO_NEVER_READY") == "" {
		delay, _ := strconv.Atoi(os.Getenv("HELLO_READY_DELAY_MS"))
		time.AfterFunc(time.Duration(delay)*time.Millisecond, func() {
			ready.Store(true)
			log.Printf("ready")
		})
	} else {
		log.Printf("HELLO_NEVER_READY is set: /readyz will keep failing")
	}

	server := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
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
		log.Printf("received %s: shutting down", sig)
	}
	ready.Store(false)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = server.Shutdown(ctx)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Printf("stopped")
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
		log.Printf("cannot start helper: %v", err)
		return
	}
	log.Printf("helper started (pid %d)", cmd.Process.Pid)
}
