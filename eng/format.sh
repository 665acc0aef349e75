#!/usr/bin/env bash
# Applies the code style of .editorconfig to the whole tree (or checks it: pass --verify-no-changes, as CI does).
# Extra arguments go to `dotnet format`, e.g. `bash eng/format.sh --include src/Pyannote.Sdk/AudioInput.cs`.
# TargetFramework=net10.0 makes multi-targeted projects load once: with both frameworks loaded, dotnet format merges
# the two fix sets per file and can leave "Unmerged change" conflict markers in the source.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TargetFramework=net10.0 dotnet format Pyannote.Sdk.sln --no-restore -v quiet "$@"
