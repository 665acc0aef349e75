#!/usr/bin/env bash
# Writes tests/Pyannote.Sdk.Tests/TestData/webhooks/vectors.json: known-answer vectors for pyannoteAI webhook signatures,
# computed with an independent tool (openssl), never with the SDK.
#   signature = HMAC-SHA256(key = UTF-8 bytes of the secret, message = "v0:" + timestamp + ":" + raw body bytes)
# Each vector carries the body as base64 (exact bytes) and the signature in the three accepted encodings:
# base64, lowercase hex and "v0=" + lowercase hex. Requires bash, openssl, base64, xxd and jq. Deterministic.
set -euo pipefail
export LC_ALL=C.UTF-8
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/tests/Pyannote.Sdk.Tests/TestData"
out="$data/webhooks/vectors.json"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# name | secret | timestamp | body file (relative to TestData) or "-" for an inline body given as the 5th field
cases=(
  "published-diarization|whsec_7Jd9kQ2mZr4Xv8Lp1Nc6Tb3Yw5Hs0Fg|1795000000|pyannote/webhook-diarization-succeeded.json|"
  "identification|whsec_7Jd9kQ2mZr4Xv8Lp1Nc6Tb3Yw5Hs0Fg|1795000123|webhooks/pyannote-identification-succeeded.json|"
  "transcription-non-ascii-body|whsec_7Jd9kQ2mZr4Xv8Lp1Nc6Tb3Yw5Hs0Fg|1795000456|webhooks/pyannote-transcription-succeeded.json|"
  "voiceprint|another-secret|1700000000|webhooks/pyannote-voiceprint-succeeded.json|"
  "failed-status-only|whsec_7Jd9kQ2mZr4Xv8Lp1Nc6Tb3Yw5Hs0Fg|1795000789|webhooks/pyannote-failed.json|"
  "non-ascii-secret|clé-secrète-ünïcødé-🔑|1795001000|-|{\"jobId\":\"a1b2c3d4\",\"status\":\"canceled\"}"
  "compact-succeeded|s|0|-|{\"jobId\":\"j\",\"status\":\"succeeded\",\"output\":{\"diarization\":[]}}"
)

entries=()
for c in "${cases[@]}"; do
  IFS='|' read -r name secret ts file inline <<<"$c"
  body="$tmp/$name.body"
  if [[ "$file" == "-" ]]; then printf '%s' "$inline" >"$body"; else cp "$data/$file" "$body"; fi
  mac="$tmp/$name.mac"
  { printf 'v0:%s:' "$ts"; cat "$body"; } | openssl dgst -sha256 -hmac "$secret" -binary >"$mac"
  hex="$(xxd -p -c 256 "$mac")"
  b64="$(base64 -w0 <"$mac")"
  entries+=("$(jq -n --arg name "$name" --arg secret "$secret" --arg ts "$ts" --arg file "$file" \
    --arg body "$(base64 -w0 <"$body")" --arg b64 "$b64" --arg hex "$hex" \
    '{name: $name, secret: $secret, timestamp: $ts, bodySource: $file, bodyBase64: $body,
      signatureBase64: $b64, signatureHex: $hex, signaturePrefixedHex: ("v0=" + $hex)}')")
done

printf '%s\n' "${entries[@]}" | jq -s \
  --arg gen "eng/webhook-vectors.sh ($(openssl version | cut -d' ' -f1-2) dgst -sha256 -hmac)" \
  '{generator: $gen, message: "v0:{timestamp}:{raw body}", key: "UTF-8 bytes of the secret", vectors: .}' >"$out"
echo "wrote $out (${#entries[@]} vectors)"
