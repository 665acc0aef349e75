#!/usr/bin/env bash
# Counts, per vendor, the C# files under src/ and tests/ that name the vendor outside the vendor's own folders.
# A vendor's own folders: any directory named after it (src/Pyannote.Sdk/<Folder>/, src/Pyannote.Sdk.Emulator/Vendors/<Folder>/,
# tests/*/<Folder>/) and its generated client (Generated/<Folder>.g.cs). "Names it": the vendor's name in any casing
# (for pyannoteAI: "pyannote" not followed by ".Sdk"/"-sdk", so the product name does not count), or its environment variable.
#   bash eng/vendor-footprint.sh            # table
#   bash eng/vendor-footprint.sh -v         # and the files
#   MAX=6 bash eng/vendor-footprint.sh      # exit 1 when a vendor is named in more than MAX outside files
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
verbose="${1:-}"
status=0
# folder|pattern (grep -P, case-insensitive)
vendors=(
  "PyannoteAI|pyannote(?![.\-_]?sdk)"
  "Together|\btogether(?![ -](with|they|we|in|on|the|as|and|,))"
  "JigsawStack|jigsawstack"
  "NanoGpt|nanogpt"
)
printf '%-12s %s\n' vendor outside-files
for entry in "${vendors[@]}"; do
  folder="${entry%%|*}"; pattern="${entry#*|}"
  mapfile -t files < <(git ls-files -- 'src/*.cs' 'tests/*.cs' \
    | grep -v -E "(^|/)${folder}/|/Generated/${folder}\.g\.cs$" \
    | xargs -r grep -l -i -P "$pattern" || true)
  printf '%-12s %d\n' "$folder" "${#files[@]}"
  if [[ "$verbose" == "-v" ]]; then printf '    %s\n' "${files[@]}"; fi
  if [[ -n "${MAX:-}" && "${#files[@]}" -gt "$MAX" ]]; then status=1; fi
done
exit $status
