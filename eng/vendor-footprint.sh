#!/usr/bin/env bash
# Counts, per vendor, the C# files under src/ and tests/ that name the vendor outside the vendor's own folders.
# A vendor's own folders: any directory named after it (src/Pyannote.Sdk/<Folder>/, tests/*/<Folder>/), its generated
# client (Generated/<Folder>.g.cs) and its emulator module (src/Pyannote.Sdk.Emulator/Vendors/<Prefix>*.cs). "Names it": the vendor's name in any casing
# (for pyannoteAI: "pyannote" not followed by ".Sdk"/"-sdk", so the product name does not count), or its environment variable.
#   bash eng/vendor-footprint.sh            # table
#   bash eng/vendor-footprint.sh -v         # and the files
#   MAX=6 bash eng/vendor-footprint.sh      # exit 1 when a vendor is named in more than MAX outside files
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
verbose="${1:-}"
status=0
# folder|emulator module prefix|pattern (grep -P, case-insensitive)
vendors=(
  "PyannoteAI|Pyannote|pyannote(?![.\-_]?sdk)"
  "Together|Together|\btogether(?![ -](with|they|we|in|on|the|as|and|,))"
  "JigsawStack|JigsawStack|jigsawstack"
  "NanoGpt|NanoGpt|nanogpt"
)
printf '%-12s %s\n' vendor outside-files
for entry in "${vendors[@]}"; do
  folder="${entry%%|*}"; rest="${entry#*|}"; prefix="${rest%%|*}"; pattern="${rest#*|}"
  mapfile -t files < <(git ls-files -- 'src/*.cs' 'tests/*.cs' \
    | grep -v -E "(^|/)${folder}/|/Generated/${folder}\.g\.cs$|^src/Pyannote\.Sdk\.Emulator/Vendors/${prefix}[^/]*\.cs$" \
    | xargs -r grep -l -i -P "$pattern" || true)
  printf '%-12s %d\n' "$folder" "${#files[@]}"
  if [[ "$verbose" == "-v" ]]; then printf '    %s\n' "${files[@]}"; fi
  if [[ -n "${MAX:-}" && "${#files[@]}" -gt "$MAX" ]]; then status=1; fi
done
exit $status
