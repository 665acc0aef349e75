#!/usr/bin/env bash
# Packs the four NuGet packages (with their .snupkg symbol packages) and the emulator's .NET tool package into
# artifacts/packages.
#   bash eng/pack.sh                 # version 0.1.0-local
#   VERSION=1.2.3 bash eng/pack.sh   # or: bash eng/pack.sh 1.2.3
# Builds are deterministic with SourceLink (see Directory.Build.props and src/Directory.Build.props);
# ContinuousIntegrationBuild normalises the embedded source paths.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version="${1:-${VERSION:-0.1.0-local}}"
out="artifacts/packages"
mkdir -p "$out"
projects=(
  src/Pyannote.Sdk/Pyannote.Sdk.csproj
  src/Pyannote.Sdk.AspNetCore/Pyannote.Sdk.AspNetCore.csproj
  src/Pyannote.Sdk.Emulator/Pyannote.Sdk.Emulator.csproj
  src/Pyannote.Sdk.Emulator.Tool/Pyannote.Sdk.Emulator.Tool.csproj
  src/Pyannote.Sdk.Extensions.AI/Pyannote.Sdk.Extensions.AI.csproj
)
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  rm -f "$out/$name.$version.nupkg" "$out/$name.$version.snupkg"
  dotnet pack "$project" -c Release -o "$out" -p:Version="$version" -p:ContinuousIntegrationBuild=true --nologo
done
echo "packed version $version into $out:"
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  exts=(nupkg snupkg)
  # A tool package carries its own binaries and no separate symbol package.
  [[ "$name" == *.Tool ]] && exts=(nupkg)
  for ext in "${exts[@]}"; do
    file="$out/$name.$version.$ext"
    [[ -f "$file" ]] || { echo "missing $file" >&2; exit 1; }
    echo "  $file"
  done
done
