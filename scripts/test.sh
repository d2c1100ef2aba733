#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs `swift test`, then checks the command line
# end to end (exit codes and the JSON contract on the seed).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build --product yusuan
swift test

bash scripts/cli-checks.sh "$(swift build --show-bin-path)/yusuan"
