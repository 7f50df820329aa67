/**
 * node:http and node:https, taken with process.getBuiltinModule rather than `import`: an ES import
 * of a builtin evaluates every export for its facade, and Node 24's lazy `WebSocket`,
 * `MessageEvent` and `CloseEvent` getters on node:http then load undici (~25 ms of CPU per process,
 * measured in a bare script) for a command that never uses it. Types still come from
 * `import type`, which costs nothing at run time.
 */
export const http = process.getBuiltinModule('node:http');
export const https = process.getBuiltinModule('node:https');
