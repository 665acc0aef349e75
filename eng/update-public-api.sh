#!/usr/bin/env bash
# Rewrites src/<project>/PublicAPI.Unshipped.txt of every packable project (or of the projects given) from the code,
# through Microsoft.CodeAnalysis.PublicApiAnalyzers' own code fix (RS0016 "add to the declared public API"), then sorts
# it. The analyzers fail the build (RS0016/RS0017, warnings as errors) whenever the public API and these files differ,
# so after changing a public member run this, review `git diff -- src/*/PublicAPI.*.txt`, and commit the result.
# It also rewrites docs/api/<project>.txt, the sorted listing of the declared API that reviewers read (a test checks
# it matches the PublicAPI files).
# Nothing has shipped yet, so PublicAPI.Shipped.txt only holds "#nullable enable"; at a release, move the Unshipped
# lines into Shipped.
#   bash eng/update-public-api.sh                                   # all packable projects
#   bash eng/update-public-api.sh src/Pyannote.Sdk/Pyannote.Sdk.csproj
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ $# -gt 0 ]; then projects=("$@"); else mapfile -t projects < <(ls src/*/*.csproj); fi
for project in "${projects[@]}"; do
  dir="$(dirname "$project")"
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
  echo "public API: $project" >&2
  # The fixer may leave a line twice for a multi-targeted project; sort -u below folds them.
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info -v quiet || true
  { echo '#nullable enable'; { grep -v -e '^#nullable enable$' -e '^$' "$dir/PublicAPI.Unshipped.txt" || true; } | LC_ALL=C sort -u; } > "$dir/PublicAPI.Unshipped.txt.tmp"
  mv "$dir/PublicAPI.Unshipped.txt.tmp" "$dir/PublicAPI.Unshipped.txt"
  # The human-readable listing reviewers diff: docs/api/<project>.txt, the declared API (shipped and unshipped) sorted.
  name="$(basename "$dir")"
  { cat "$dir/PublicAPI.Shipped.txt" "$dir/PublicAPI.Unshipped.txt" | grep -v -e '^#nullable enable$' -e '^$' || true; } | LC_ALL=C sort -u > "docs/api/$name.txt"
  [ -s "docs/api/$name.txt" ] || rm "docs/api/$name.txt"
done
