#!/usr/bin/env bash
# Regenerates every low-level client from openapi/*.nswag through NSwag.MSBuild 14.7.1 (eng/codegen/CodeGen.csproj,
# target GenerateClients; version pinned in Directory.Packages.props). Needs only the .NET SDK: no node, no npm.
# CI runs this and fails when the committed src/Pyannote.Sdk/Generated/*.g.cs differ from the output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet msbuild eng/codegen/CodeGen.csproj -restore -t:GenerateClients -nologo -v:minimal
