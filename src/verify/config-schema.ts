/**
 * JSON Schema of the `verify` section of gocross.config.{yaml,json}. The same object is published
 * in schema/gocross.config.schema.json under properties.verify.
 */

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const args = { type: 'array', items: { type: 'string' } } as const;

const httpCheck = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    name: { type: 'string', description: 'Name shown in reports (default: the path).' },
    path: { type: 'string', pattern: '^/', description: 'Request path, e.g. /healthz or /readyz?verbose.' },
    status: {
      description: 'Expected HTTP status (or list of accepted statuses). Default 200.',
      oneOf: [{ type: 'integer', minimum: 100, maximum: 599 }, { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 }, minItems: 1 }],
    },
    json: {
      type: 'object',
      description: 'JSON body assertions: dotted path (e.g. "status" or "checks.database:responseTime.0.status") → expected value.',
    },
    contains: { type: 'string', description: 'Substring the body must contain.' },
    health: {
      enum: ['auto', 'json', 'verbose', 'none'],
      description:
        'How to read per-component health: application/health+json, Kubernetes ?verbose text, auto-detect (default), or none.',
    },
  },
} as const;

export const verifyConfigSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'What `gocross verify` checks for every target.',
  properties: {
    targets: { type: 'array', items: { type: 'string' }, description: 'Targets to verify (default: the six Linux server arches).' },
    profiles: {
      type: 'object',
      description: 'Deploy profiles per target ("linux/arm64": [debian12, centos7]); "*" applies to targets not listed.',
      additionalProperties: { type: 'array', items: { type: 'string' } },
    },
    policy: {
      type: 'object',
      additionalProperties: false,
      properties: {
        linkage: { enum: ['static', 'any'], description: '"static" fails any dynamically linked artifact (static-pie counts as static).' },
        allowedLibraries: {
          type: 'array',
          items: { type: 'string' },
          description: 'Shared libraries a dynamic artifact may need (e.g. libc.so.6); anything else fails.',
        },
        forbid: {
          type: 'array',
          items: { enum: ['not-stripped', 'debug-info', 'no-nx', 'no-pie', 'no-relro', 'rpath', 'cgo', 'no-build-id'] },
          description: 'Properties an artifact must not have.',
        },
      },
    },
    smoke: {
      description: 'Run each artifact once (natively or under QEMU); false disables.',
      oneOf: [
        { const: false },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            args: { ...args, description: 'Arguments (default ["--version"]).' },
            exitCode: { type: 'integer', description: 'Expected exit code (default 0).' },
            stdout: { type: 'string', description: 'Regular expression stdout must match.' },
            stderr: { type: 'string', description: 'Regular expression stderr must match.' },
            timeoutMs: { type: 'integer', minimum: 1, description: 'Default 60000.' },
          },
        },
      ],
    },
    service: {
      description: 'Start each artifact as a server on a free loopback port and probe it over HTTP.',
      type: 'object',
      additionalProperties: false,
      required: ['checks'],
      properties: {
        args: { ...args, description: 'Arguments; "{port}" and "{addr}" are replaced (e.g. ["--addr", "{addr}"]).' },
        portEnv: { type: 'string', description: 'Environment variable that receives the port (e.g. PORT).' },
        env: { ...stringMap, description: 'Extra environment for the service.' },
        readiness: {
          type: 'object',
          additionalProperties: false,
          properties: {
            path: { type: 'string', pattern: '^/', description: 'Default /readyz.' },
            status: { type: 'integer', description: 'Status that means ready (default 200).' },
            timeoutMs: { type: 'integer', minimum: 1, description: 'Default 30000.' },
            intervalMs: { type: 'integer', minimum: 10, description: 'Default 200.' },
          },
        },
        checks: { type: 'array', items: httpCheck, minItems: 1 },
        stopTimeoutMs: { type: 'integer', minimum: 0, description: 'Grace period after SIGTERM before SIGKILL (default 5000).' },
      },
    },
    env: { ...stringMap, description: 'Environment for emulated runs (smoke and service), e.g. GODEBUG.' },
    targetEnv: {
      type: 'object',
      description: 'Extra environment per target for emulated runs, e.g. { "linux/riscv64": { QEMU_CPU: max } }.',
      additionalProperties: stringMap,
    },
    failOnSkip: { type: 'boolean', description: 'Count skipped stages as failures (default false).' },
    parallel: { type: 'integer', minimum: 1, description: 'How many targets run their emulated stages at once.' },
  },
} as const;
