#!/usr/bin/env bash
# 1 GB streamed upload to the standalone emulator (pyannoteAI pre-signed PUT): the SDK's PyannoteClient.UploadAsync
# against a raw HttpClient StreamContent PUT to a pre-signed URL of the same emulator. Each measurement is a fresh
# harness process (tests/Pyannote.Sdk.Benchmarks.Harness, `upload` mode) so its peak working set is its own; the
# emulator runs in its own process. Runs sdk and raw alternately RUNS times (default 3) and prints a table.
#   BENCH_UPLOAD_BYTES  size of the random file (default 1000000000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${RUNS:-3}"
BYTES="${BENCH_UPLOAD_BYTES:-1000000000}"

dotnet build src/Pyannote.Sdk.Emulator.Tool -f net10.0 -c Release --nologo -v quiet >/dev/null
dotnet build tests/Pyannote.Sdk.Benchmarks.Harness -c Release --nologo -v quiet >/dev/null
HARNESS=tests/Pyannote.Sdk.Benchmarks.Harness/bin/Release/net10.0/Pyannote.Sdk.Benchmarks.Harness.dll

WORK="$(mktemp -d /tmp/pyannote-bench-upload.XXXXXX)"
FILE="$WORK/upload.wav"
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')"
# The emulator stores uploads under TMPDIR; give it the work folder so everything is deleted at the end.
TMPDIR="$WORK" dotnet src/Pyannote.Sdk.Emulator.Tool/bin/Release/net10.0/Pyannote.Sdk.Emulator.Tool.dll --port "$PORT" --instant >"$WORK/emulator.log" 2>&1 &
EMULATOR_PID=$!
cleanup() { kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

head -c "$BYTES" /dev/urandom >"$FILE"
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
  if curl -sf -o /dev/null -H 'authorization: Bearer emulator-key' "$BASE/pyannote/v1/test"; then break; fi
  if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then cat "$WORK/emulator.log"; echo "emulator exited" >&2; exit 1; fi
  sleep 0.1
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version), load:$(uptime | sed 's/.*load average://')"
echo "file: $BYTES random bytes"
RESULTS="$WORK/results.jsonl"
for run in $(seq 1 "$RUNS"); do
  for mode in sdk raw; do
    dotnet "$HARNESS" upload --mode "$mode" --file "$FILE" --endpoint "$BASE/pyannote/" | tee -a "$RESULTS"
  done
done
echo "load after: $(uptime | sed 's/.*load average://')"

python3 - "$RESULTS" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
print()
print("| run | mode | seconds | MB/s | working-set growth (MB) | peak working set (MB) | VmHWM after (MB) |")
print("|---:|---|---:|---:|---:|---:|---:|")
for i, r in enumerate(rows):
    print(f"| {i // 2 + 1} | {r['mode']} | {r['seconds']} | {r['mb_per_s']} | {r['ws_growth_mb']} | {r['ws_peak_mb']} | {r['vmhwm_after_mb']} |")
med = lambda mode, key: statistics.median(r[key] for r in rows if r["mode"] == mode)
sdk, raw = med("sdk", "mb_per_s"), med("raw", "mb_per_s")
print()
print(f"median throughput: sdk {sdk} MB/s, raw {raw} MB/s, sdk/raw {sdk / raw:.1%} (target >= 80%)")
print(f"max working-set growth: sdk {max(r['ws_growth_mb'] for r in rows if r['mode'] == 'sdk')} MB, raw {max(r['ws_growth_mb'] for r in rows if r['mode'] == 'raw')} MB (target sdk <= 64 MB)")
PY
