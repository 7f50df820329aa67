#!/usr/bin/env bash
# The main job (for now): set up, build the example program for several targets with the
# installed Go, and inspect every binary with gocross.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
scripts/setup.sh
# shellcheck disable=SC1091
. .tools/env.sh
npx --no-install tsc -p tsconfig.build.json
out="$ROOT/.cache/demo"
mkdir -p "$out"
export GOENV=off GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod CGO_ENABLED=0 GOCACHE="$ROOT/.cache/go-build"
for t in linux/amd64 linux/arm64 linux/arm linux/riscv64 linux/ppc64le linux/s390x windows/amd64 darwin/arm64; do
  os=${t%/*}; arch=${t#*/}; ext=""; [ "$os" = windows ] && ext=.exe
  (cd test/fixtures/hello && GOOS=$os GOARCH=$arch go build -trimpath -o "$out/hello-$os-$arch$ext" .)
done
node dist/cli/bin.js inspect "$out"/*
