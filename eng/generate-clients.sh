#!/usr/bin/env bash
# Regenerates every low-level client from openapi/*.nswag with the pinned NSwag (npm package "nswag", see package.json).
# NSwag.MSBuild is the same generator; the npm package is used because it is what the package registry here serves.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -x node_modules/.bin/nswag ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
shopt -s nullglob
configs=(openapi/*.nswag)
if [ ${#configs[@]} -eq 0 ]; then
  echo "no openapi/*.nswag files" >&2
  exit 1
fi
for config in "${configs[@]}"; do
  echo "nswag: $config"
  (cd "$(dirname "$config")" && "$root/node_modules/.bin/nswag" run "$(basename "$config")" /runtime:Net100 >/dev/null)
done
