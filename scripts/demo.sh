#!/usr/bin/env bash
# The main job: set up what is missing, then verify the example service for six Linux arches —
# build, inspect, policy, compat, smoke run and HTTP service test under QEMU — ending with the
# path of the HTML report.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
scripts/setup.sh
# shellcheck disable=SC1091
. .tools/env.sh
npx --no-install tsc -p tsconfig.build.json
node scripts/bundle-cli.ts
# Shared build cache (a second run is mostly linking); no module downloads are needed.
export GOCACHE="${GOCACHE:-$ROOT/.cache/go-build}" GOFLAGS="${GOFLAGS:--mod=mod}"
status=0
node dist/cli/bin.cjs verify examples/hello-service "$@" || status=$?
echo
echo "HTML report: $ROOT/examples/hello-service/dist/report/index.html"
exit "$status"
