#!/usr/bin/env bash
# Runs the test command while two CPU-burning processes keep both cores busy, the way CI runs while other builds use
# the machine. Tests must not depend on wall-clock margins that load can eat (issue 13, finding 9).
#
#   bash eng/ci-under-load.sh                 # eng/test.sh (the README's test command) under load
#   bash eng/ci-under-load.sh -- dotnet test tests/Pyannote.Sdk.IntegrationTests -c Release --no-build --filter 'FullyQualifiedName~FaultMatrix'
#   RUNS=3 bash eng/ci-under-load.sh          # repeat; stops at the first failing run
#
# Burners are plain busy loops; their ids are recorded and only they are stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${RUNS:-1}"
burners="${BURNERS:-2}"
if [ "${1:-}" = "--" ]; then
  shift
  cmd=("$@")
else
  cmd=(bash eng/test.sh)
fi

pids=()
stop_burners() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_burners EXIT

for _ in $(seq 1 "$burners"); do
  ( while :; do :; done ) &
  pids+=("$!")
done
echo "== ${burners} CPU burners running (pids ${pids[*]}); load: $(cut -d' ' -f1-3 /proc/loadavg)"

for run in $(seq 1 "$runs"); do
  echo "== run ${run}/${runs} under load: ${cmd[*]}"
  start=$(date +%s)
  if ! "${cmd[@]}"; then
    echo "== run ${run}/${runs} FAILED under load after $(( $(date +%s) - start )) s" >&2
    exit 1
  fi
  echo "== run ${run}/${runs} passed under load in $(( $(date +%s) - start )) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "== ${runs} run(s) in a row passed under load"
