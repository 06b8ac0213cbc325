#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit, integration (real engine), build, end-to-end (Chromium).
# Engine tests find the engine through DOCKER_HOST (see scripts/test-engine.sh); without one they
# skip with the reason, and with CI=true they fail instead.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step typecheck; npm run --silent typecheck
step lint; npm run --silent lint
step "unit tests"; npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"
step "integration tests (real engine)"; npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json"
step "build (Electron shell and web UI)"; npx electron-vite build >/dev/null; npm run --silent build:web >/dev/null
step "end-to-end tests (Chromium, web mode)"; npx vitest run --project e2e --reporter=default --reporter=json --outputFile.json="$results/e2e.json"

node scripts/summarize-tests.mjs "$results"/*.json
