#!/usr/bin/env bash
# The suites against the Podman service DOCKER_HOST names (start one with scripts/test-podman.sh):
# integration, and the seed routine end to end. Needs the built web UI (npm run build:web).
# What cannot apply to Podman is left out by vitest.podman.config.mts, never skipped at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
[ -f out/web/index.html ] || npm run --silent build:web >/dev/null
npx vitest run --config vitest.podman.config.mts --reporter=default --reporter=json --outputFile.json="$results/podman.json"
node scripts/summarize-tests.mjs "$results/podman.json"
