#!/usr/bin/env bash
# The test command the README gives: every test project in the solution, in Release.
# Prints one closing line "tests: N passed, N failed, N skipped" summed over all test assemblies.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log="$(mktemp)"
dotnet test Pyannote.Sdk.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}')
rm -f "$log"
echo "$summary"
mkdir -p artifacts && echo "$summary" > artifacts/test-summary.txt
exit "$status"
