/**
 * node:http and node:https, taken with require() rather than `import`: an ES import of a builtin
 * builds its ESM facade, which reads every export, and Node 24's lazy `WebSocket`, `MessageEvent`
 * and `CloseEvent` getters on node:http then load undici (~25 ms of CPU per process, measured in
 * a bare script) for a command that never uses it. Types still come from `import type`, which
 * costs nothing at run time. (process.getBuiltinModule would do too, but only from Node 22.3.)
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const http = require('node:http') as typeof import('node:http');
export const https = require('node:https') as typeof import('node:https');
