/** What a build matrix reports while it runs; renderers (src/render/build/) decide how it looks. */

export type BuildEvent =
  | { type: 'start'; targets: string[]; toolchain: string; jobs: number; outputDir: string }
  | { type: 'prepare'; step: 'mod-download'; status: 'start' | 'done' | 'failed'; durationMs?: number; errorLines?: string[] }
  | { type: 'target-start'; target: string }
  | { type: 'target-done'; target: string; path: string; size: number; sha256: string; durationMs: number; reused: boolean }
  | { type: 'target-failed'; target: string; errorLines: string[]; durationMs: number }
  | { type: 'target-cancelled'; target: string }
  | { type: 'warning'; target?: string; message: string }
  | { type: 'finish'; ok: boolean; built: number; failed: number; cancelled: number; durationMs: number; manifestPath: string | null };

export type BuildEventListener = (event: BuildEvent) => void;
