package main

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"regexp"
)

// newLogger writes one JSON object per line: RFC 3339 "time", "level", "msg" and "service" on
// every line, so a log pipeline (and `gocross verify`'s logs check) can parse all of it.
func newLogger(w io.Writer, service string) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})).With("service", service)
}

// W3C Trace Context: traceparent = version "-" trace-id "-" parent-id "-" trace-flags.
var traceparentFormat = regexp.MustCompile(`^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$`)

type spanContext struct {
	traceID string
	// spanID is this service's span for the request; parentID the caller's.
	spanID   string
	parentID string
	flags    string
}

// traceparent is the header for a call made from this span: same trace, this span as the parent.
func (s spanContext) traceparent() string {
	return "00-" + s.traceID + "-" + s.spanID + "-" + s.flags
}

// spanFromHeader continues the caller's trace with a new span, or reports false when the request
// carried no valid traceparent.
func spanFromHeader(header string) (spanContext, bool) {
	m := traceparentFormat.FindStringSubmatch(header)
	if m == nil || m[1] == "ff" || m[2] == "00000000000000000000000000000000" || m[3] == "0000000000000000" {
		return spanContext{}, false
	}
	return spanContext{traceID: m[2], spanID: randomHex(8), parentID: m[3], flags: m[4]}, true
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
