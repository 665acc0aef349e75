#!/usr/bin/env bash
# Runs the reliability and security suites (fault matrix, bad inputs, secrets, fuzz, load, cancellation) and collects
# their reports under artifacts/reliability/. CI mode (default) uses reduced counts; --full runs the published sizes:
# 100,000 fuzz inputs per parser and 10 load rounds of 1,000 concurrent transcriptions + 1,000 concurrent job waits.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=ci
for arg in "$@"; do
  case "$arg" in
    --full) mode=full ;;
    -h|--help) echo "usage: eng/reliability.sh [--full]"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if [[ $mode == full ]]; then
  export PYANNOTE_SDK_FUZZ_COUNT=${PYANNOTE_SDK_FUZZ_COUNT:-100000}
  export PYANNOTE_SDK_LOAD_CONCURRENCY=${PYANNOTE_SDK_LOAD_CONCURRENCY:-1000}
  export PYANNOTE_SDK_LOAD_ROUNDS=${PYANNOTE_SDK_LOAD_ROUNDS:-10}
else
  export PYANNOTE_SDK_FUZZ_COUNT=${PYANNOTE_SDK_FUZZ_COUNT:-5000}
  export PYANNOTE_SDK_LOAD_CONCURRENCY=${PYANNOTE_SDK_LOAD_CONCURRENCY:-200}
  export PYANNOTE_SDK_LOAD_ROUNDS=${PYANNOTE_SDK_LOAD_ROUNDS:-6}
fi

rm -rf artifacts/reliability
mkdir -p artifacts/reliability
echo "reliability ($mode): fuzz $PYANNOTE_SDK_FUZZ_COUNT per parser, load $PYANNOTE_SDK_LOAD_CONCURRENCY x $PYANNOTE_SDK_LOAD_ROUNDS"

status=0
for project in tests/Pyannote.Sdk.Tests tests/Pyannote.Sdk.IntegrationTests; do
  dotnet test "$project" -c Release --filter "FullyQualifiedName~Reliability" --logger "console;verbosity=normal" || status=$?
done

{
  echo "# Reliability run ($mode)"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
  echo "- .NET SDK: $(dotnet --version)"
  echo
  for f in fault-matrix webhooks bad-input-matrix secrets fuzz load cancellation; do
    if [[ -f artifacts/reliability/$f.md ]]; then
      echo "## $f"
      echo
      cat "artifacts/reliability/$f.md"
      echo
    fi
  done
} > artifacts/reliability/summary.md

echo "reports: artifacts/reliability/ (summary.md)"
for f in fault-matrix webhooks bad-input-matrix secrets fuzz load cancellation; do
  head -1 "artifacts/reliability/$f.md" 2>/dev/null || true
done
exit $status
