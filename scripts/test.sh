#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs `swift test`, then checks the command line
# end to end (exit codes and the JSON contract on the seed).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# Nothing here reads or writes the user's document cache.
export YUSUAN_CACHE_DIR="$(mktemp -d)"
trap 'rm -rf "$YUSUAN_CACHE_DIR"' EXIT
swift build --product yusuan
swift test

bin="$(swift build --show-bin-path)/yusuan"
bash scripts/cli-checks.sh "$bin"
# The notebooks must match what yusuan prints and draws now.
"$bin" notebook check notebooks-md/*.md
