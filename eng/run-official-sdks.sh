#!/usr/bin/env bash
# Starts the standalone emulator on a free loopback port, runs the official Together AI and JigsawStack npm SDKs against
# it (tests/official-sdks/run.mjs), and stops it. Exit code is the script's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dotnet build src/Pyannote.Sdk.Emulator.Tool -f net10.0 -c Release --nologo -v quiet >/dev/null
(cd tests/official-sdks && { [ -d node_modules ] || npm ci --no-audit --no-fund; })

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')"
LOG="$(mktemp)"
dotnet src/Pyannote.Sdk.Emulator.Tool/bin/Release/net10.0/Pyannote.Sdk.Emulator.Tool.dll --port "$PORT" --instant --audio-dir samples/audio >"$LOG" 2>&1 &
EMULATOR_PID=$!
cleanup() { kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; rm -f "$LOG"; }
trap cleanup EXIT

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do
  if node -e "fetch('$BASE/pyannote/v1/test',{headers:{authorization:'Bearer emulator-key'}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then cat "$LOG"; echo "emulator exited" >&2; exit 1; fi
  sleep 0.1
done
head -5 "$LOG"

EMULATOR_TOGETHER_URL="$BASE/together/" \
EMULATOR_JIGSAWSTACK_URL="$BASE/jigsawstack/" \
EMULATOR_API_KEY="emulator-key" \
SAMPLE_AUDIO="$PWD/samples/audio/conversation.wav" \
  node tests/official-sdks/run.mjs
