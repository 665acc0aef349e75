#!/usr/bin/env bash
# The test command (the README gives this one): every test project in the solution, Release, no rebuild needed after
# `dotnet build -c Release`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet test Pyannote.Sdk.sln -c Release --logger "console;verbosity=minimal"
