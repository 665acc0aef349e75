#!/usr/bin/env bash
# The same transcription through the official npm SDKs (together-ai, jigsawstack; tests/official-sdks/bench.mjs) and
# through Pyannote.Sdk (tests/Pyannote.Sdk.Benchmarks.Harness, `transcribe` mode) against one standalone emulator on a
# free loopback port: latency p50/p95 over N sequential calls after WARMUP calls, throughput (calls/s) of CALLS calls
# at CONCURRENCY in flight, peak RSS of the client process. One process per client and vendor. Prints a table.
#   N (default 50), WARMUP (5), CONCURRENCY (8), CALLS (200)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${N:-50}"; WARMUP="${WARMUP:-5}"; CONCURRENCY="${CONCURRENCY:-8}"; CALLS="${CALLS:-200}"

dotnet build src/Pyannote.Sdk.Emulator.Tool -f net10.0 -c Release --nologo -v quiet >/dev/null
dotnet build tests/Pyannote.Sdk.Benchmarks.Harness -c Release --nologo -v quiet >/dev/null
(cd tests/official-sdks && { [ -d node_modules ] || npm ci --no-audit --no-fund; })
HARNESS=tests/Pyannote.Sdk.Benchmarks.Harness/bin/Release/net10.0/Pyannote.Sdk.Benchmarks.Harness.dll

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')"
WORK="$(mktemp -d)"
dotnet src/Pyannote.Sdk.Emulator.Tool/bin/Release/net10.0/Pyannote.Sdk.Emulator.Tool.dll --port "$PORT" --instant --audio-dir samples/audio >"$WORK/emulator.log" 2>&1 &
EMULATOR_PID=$!
cleanup() { kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do
  if node -e "fetch('$BASE/pyannote/v1/test',{headers:{authorization:'Bearer emulator-key'}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then cat "$WORK/emulator.log"; echo "emulator exited" >&2; exit 1; fi
  sleep 0.1
done

AUDIO="$PWD/samples/audio/conversation.wav"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version), node $(node --version), load:$(uptime | sed 's/.*load average://')"
echo "N=$N sequential calls after $WARMUP warm-up; $CALLS calls at concurrency $CONCURRENCY"
RESULTS="$WORK/results.jsonl"
for vendor in together jigsawstack; do
  EMULATOR_TOGETHER_URL="$BASE/together/" EMULATOR_JIGSAWSTACK_URL="$BASE/jigsawstack/" EMULATOR_API_KEY=emulator-key \
  SAMPLE_AUDIO="$AUDIO" BENCH_VENDOR="$vendor" BENCH_N="$N" BENCH_WARMUP="$WARMUP" BENCH_CONCURRENCY="$CONCURRENCY" BENCH_CALLS="$CALLS" \
    node tests/official-sdks/bench.mjs | tee -a "$RESULTS"
  dotnet "$HARNESS" transcribe --vendor "$vendor" --audio "$AUDIO" --endpoint "$BASE/$vendor/" \
    --n "$N" --warmup "$WARMUP" --concurrency "$CONCURRENCY" --calls "$CALLS" | tee -a "$RESULTS"
done
echo "load after: $(uptime | sed 's/.*load average://')"

python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
print()
print("| vendor | client | p50 (ms) | p95 (ms) | mean (ms) | calls/s | peak RSS (MB) |")
print("|---|---|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['vendor']} | {r['client']} | {r['p50_ms']} | {r['p95_ms']} | {r['mean_ms']} | {r['calls_per_s']} | {r['peak_rss_mb']} |")
PY
