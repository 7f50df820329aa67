#!/usr/bin/env bash
# The whole test suite: set up what is missing, then typecheck, lint, build, and run every test
# with node's built-in runner (its summary is the last thing printed).
# Usage: scripts/test.sh [node --test file globs...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
scripts/setup.sh --with-browser
# shellcheck disable=SC1091
. .tools/env.sh
echo "[test] typecheck" >&2
npx --no-install tsc -p tsconfig.json
echo "[test] lint" >&2
npx --no-install eslint .
echo "[test] layers (dependency-cruiser)" >&2
npx --no-install depcruise src test --config .dependency-cruiser.cjs
echo "[test] build" >&2
npx --no-install tsc -p tsconfig.build.json
node scripts/bundle-cli.ts
if [ "$#" -gt 0 ]; then
  globs=("$@")
else
  globs=("src/**/*.test.ts" "test/**/*.test.ts")
fi
exec node --test --test-concurrency=2 --test-timeout=900000 "${globs[@]}"
