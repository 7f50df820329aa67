package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

type spanKey struct{}

// spanOf is the request's span, when it carried a traceparent.
func spanOf(ctx context.Context) (spanContext, bool) {
	s, ok := ctx.Value(spanKey{}).(spanContext)
	return s, ok
}

// logAttrs are the trace attributes of a request's log lines (none without a traceparent).
func logAttrs(ctx context.Context) []any {
	if s, ok := spanOf(ctx); ok {
		return []any{"trace_id", s.traceID, "span_id", s.spanID}
	}
	return nil
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

var routes = map[string]bool{"/": true, "/work": true, "/healthz": true, "/livez": true, "/readyz": true, "/metrics": true}

// probes are not access-logged unless traced: a scrape every second would drown the log.
var probes = map[string]bool{"/healthz": true, "/livez": true, "/readyz": true, "/metrics": true}

// instrument counts and times every request by route, continues the caller's trace, and writes
// one access-log line per request.
func instrument(next http.Handler, m *metrics, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started := time.Now()
		route := r.URL.Path
		if !routes[route] {
			route = "other"
		}
		span, traced := spanFromHeader(r.Header.Get("traceparent"))
		if traced {
			r = r.WithContext(context.WithValue(r.Context(), spanKey{}, span))
		}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		elapsed := time.Since(started)
		m.observe(r.Method, route, rec.status, elapsed)
		if traced || !probes[route] {
			level := slog.LevelInfo
			if rec.status >= 500 {
				level = slog.LevelError
			}
			attrs := append([]any{"method", r.Method, "path", route, "status", rec.status, "duration_ms", float64(elapsed.Microseconds()) / 1000}, logAttrs(r.Context())...)
			logger.Log(r.Context(), level, "request", attrs...)
		}
	})
}
