#!/usr/bin/env bash
# Builds every sample and runs it against the local emulator (no API keys in the environment), checking that each
# prints a speaker-attributed transcript of samples/audio/conversation.wav. Exit code non-zero on the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

NO_KEYS=(env -u PYANNOTE_API_KEY -u TOGETHER_API_KEY -u JIGSAWSTACK_API_KEY -u NANOGPT_API_KEY)
AUDIO=samples/audio/conversation.wav
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run NAME CMD...: runs a sample, keeps its stdout in $WORK/NAME.out and stderr in $WORK/NAME.err, fails on non-zero exit.
run() {
  local name="$1"; shift
  local start=$SECONDS
  if "${NO_KEYS[@]}" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    echo "ok   $name ($((SECONDS - start)) s)"
  else
    fail "$name exited with $? — stderr:"; cat "$WORK/$name.err" >&2; return 1
  fi
}

# check_turns NAME: 8 turn lines "LABEL (m:ss): text", exactly two speaker labels, the sample's words, the emulator notice.
check_turns() {
  local name="$1" out="$WORK/$1.out"
  local turns labels
  turns=$(grep -cE '^[A-Za-z_ 0-9]+ \([0-9]+:[0-9]{2}\): .+' "$out" || true)
  labels=$(grep -oE '^[A-Za-z_ 0-9]+ \(' "$out" | sort -u | wc -l)
  [ "$turns" -eq 8 ] || fail "$name: expected 8 speaker turns, got $turns"
  [ "$labels" -eq 2 ] || fail "$name: expected 2 speakers, got $labels"
  grep -q "thanks for joining the planning call today" "$out" || fail "$name: the sample's words are missing"
  grep -q "local emulator" "$WORK/$name.err" || fail "$name: did not say it used the emulator"
}

echo "== build samples"
SAMPLES=(Quickstart DiarizeAndMerge Batch LiveCaptions)
for s in "${SAMPLES[@]}"; do dotnet build "samples/$s" -c Release --nologo -v quiet >/dev/null; done
dll() { echo "samples/$1/bin/Release/net10.0/$1.dll"; }

echo "== run samples against the emulator"
# The README's command, as written (no key: the emulator starts in-process).
run quickstart-readme dotnet run --no-build -c Release --project samples/Quickstart -- "$AUDIO" && check_turns quickstart-readme
grep -qE '^SPEAKER_00 \(0:00\): Good morning' "$WORK/quickstart-readme.out" || fail "quickstart-readme: first turn is not SPEAKER_00 at 0:00"

for vendor in pyannote together jigsawstack nanogpt; do
  run "quickstart-$vendor" dotnet "$(dll Quickstart)" "$AUDIO" --vendor "$vendor" && check_turns "quickstart-$vendor"
done

# A failure is reported with a clear message and a non-zero exit code.
if "${NO_KEYS[@]}" dotnet "$(dll Quickstart)" "$WORK/missing.wav" >/dev/null 2>"$WORK/missing.err"; then
  fail "quickstart with a missing file exited 0"
else
  grep -q "No such file" "$WORK/missing.err" && echo "ok   quickstart-missing-file (exit non-zero)" || fail "quickstart-missing-file: unclear message"
fi

run diarize-and-merge dotnet "$(dll DiarizeAndMerge)" "$AUDIO" && check_turns diarize-and-merge
grep -q "76 words from Together AI" "$WORK/diarize-and-merge.err" || fail "diarize-and-merge: expected 76 words from Together AI"

# LiveCaptions: the sample streamed at real-time pace (about 31 s) to pyannoteAI live and Together real time on the
# emulator; one caption line per turn on stdout, speaker changes and provisional text on stderr.
run live-captions dotnet "$(dll LiveCaptions)" "$AUDIO" && check_turns live-captions
grep -qE '^SPEAKER_00 \(0:00\): Good morning' "$WORK/live-captions.out" || fail "live-captions: first caption is not SPEAKER_00 at 0:00"
grep -q '^\[0:04\] SPEAKER_01 is speaking' "$WORK/live-captions.err" || fail "live-captions: the speaker change at 0:04 was not shown"
grep -q '^  \.\.\. SPEAKER_0[01]: ' "$WORK/live-captions.err" || fail "live-captions: no provisional captions"
grep -q '^8 captions, 2 speakers' "$WORK/live-captions.err" || fail "live-captions: summary line missing"

# Batch: a folder of four copies of the sample, two at a time.
mkdir -p "$WORK/batch"
for i in 1 2 3 4; do cp "$AUDIO" "$WORK/batch/call-$i.wav"; done
run batch dotnet "$(dll Batch)" "$WORK/batch" --concurrency 2
grep -q "4 of 4 files transcribed with pyannoteAI" "$WORK/batch.out" || fail "batch: summary line missing"
rows=$(grep -cE '^call-[1-4]\.wav +0:[0-9]{2} +2 +76 +[0-9.]+s +ok$' "$WORK/batch.out" || true)
[ "$rows" -eq 4 ] || { fail "batch: expected 4 rows with 2 speakers and 76 words, got $rows"; cat "$WORK/batch.out" >&2; }
grep -q '^\[4/4\]' "$WORK/batch.err" || fail "batch: no progress reported"

# Samples owned elsewhere, run when present. They take their endpoints from configuration, so they call a standalone
# emulator (the same one users start with `dotnet run --project src/Pyannote.Sdk.Emulator.Tool`).
start_emulator() {
  dotnet build src/Pyannote.Sdk.Emulator.Tool -f net10.0 -c Release --nologo -v quiet >/dev/null
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  dotnet src/Pyannote.Sdk.Emulator.Tool/bin/Release/net10.0/Pyannote.Sdk.Emulator.Tool.dll --port "$PORT" --instant --audio-dir samples/audio >"$WORK/emulator.log" 2>&1 &
  EMULATOR_PID=$!
  trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
  EMULATOR="http://127.0.0.1:$PORT"
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null -H 'Authorization: Bearer emulator-key' "$EMULATOR/pyannote/v1/test" && return 0
    kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$WORK/emulator.log" >&2; fail "the standalone emulator exited"; return 1; }
    sleep 0.1
  done
  fail "the standalone emulator did not answer"; return 1
}

if [ -f samples/DependencyInjection/appsettings.Emulator.json ]; then
  [ -n "${EMULATOR:-}" ] || start_emulator
  dotnet build samples/DependencyInjection -c Release --nologo -v quiet >/dev/null
  # The Emulator environment points every vendor at 127.0.0.1:5080; the command line moves them to our port.
  ROOT="$PWD"
  overrides=()
  for v in Pyannote Together JigsawStack NanoGpt; do overrides+=("--Speech:$v:Endpoint=$EMULATOR/$(echo "$v" | tr '[:upper:]' '[:lower:]')/"); done
  for vendor in pyannote together; do
    if (cd samples/DependencyInjection/bin/Release/net10.0 && DOTNET_ENVIRONMENT=Emulator "${NO_KEYS[@]}" dotnet DependencyInjection.dll "$vendor" "$ROOT/$AUDIO" "${overrides[@]}") >"$WORK/di-$vendor.out" 2>"$WORK/di-$vendor.err"; then
      grep -q "2 speakers" "$WORK/di-$vendor.out" && grep -q "planning call" "$WORK/di-$vendor.out" \
        && echo "ok   dependency-injection-$vendor" || { fail "dependency-injection-$vendor: unexpected output"; cat "$WORK/di-$vendor.out" >&2; }
    else
      fail "dependency-injection-$vendor exited non-zero"; cat "$WORK/di-$vendor.err" >&2
    fi
  done
fi

if [ -f samples/WebhookReceiver/Program.cs ] && grep -q MapPyannoteWebhook samples/WebhookReceiver/Program.cs; then
  [ -n "${EMULATOR:-}" ] || start_emulator
  dotnet build samples/WebhookReceiver -c Release --nologo -v quiet >/dev/null
  RPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  RECEIVER="http://127.0.0.1:$RPORT"
  # The receiver verifies signatures with the emulator's webhook secret (its default, emulator-webhook-secret).
  (cd samples/WebhookReceiver/bin/Release/net10.0 && Pyannote__Webhooks__Secrets__0=emulator-webhook-secret exec dotnet WebhookReceiver.dll --urls "$RECEIVER") >"$WORK/receiver.log" 2>&1 &
  RECEIVER_PID=$!
  trap 'kill "$RECEIVER_PID" "$EMULATOR_PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$RECEIVER/" && break; sleep 0.1; done
  # A diarization job whose first webhook delivery fails: the receiver gets the signed redelivery (x-retry-num: 1).
  job=$(curl -sf "$EMULATOR/pyannote/v1/diarize" -H 'Authorization: Bearer emulator-key' -H 'Content-Type: application/json' \
    -H 'x-emulator-fault: webhook-fail=1' -d "{\"url\":\"https://example.com/call.wav\",\"webhook\":\"$RECEIVER/webhooks/pyannote\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobId"])') || true
  for _ in $(seq 1 600); do grep -q "Job $job succeeded: .* 2 speakers" "$WORK/receiver.log" && break; sleep 0.1; done
  if [ -n "$job" ] && grep -q "Job $job succeeded: .* 2 speakers" "$WORK/receiver.log"; then
    echo "ok   webhook-receiver (job $job, verified redelivery)"
  else
    fail "webhook-receiver: the job's webhook was not processed"; cat "$WORK/receiver.log" >&2
  fi
  kill "$RECEIVER_PID" 2>/dev/null || true
fi

echo
cat "$WORK/quickstart-readme.out"
echo
cat "$WORK/batch.out"
echo
cat "$WORK/live-captions.out"
echo
if [ "$failures" -ne 0 ]; then echo "samples: $failures check(s) failed" >&2; exit 1; fi
echo "samples: all checks passed"
