#!/usr/bin/env bash
# Lints the contracts and regenerates the Go code committed beside them.
# buf and the protoc plugins are pinned in internal/tools/go.mod and built from the Go
# module proxy on first use (buf takes several minutes to build cold); nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
buf() { go tool -modfile=internal/tools/go.mod buf "$@"; }
buf format -w
buf lint
buf generate
gofmt -l proto/mosaic >/dev/null
echo "generated: $(ls proto/mosaic/v1/*.pb.go | wc -l) files"
