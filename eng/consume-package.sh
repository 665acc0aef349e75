#!/usr/bin/env bash
# Proves the packages work from a feed, the way a user gets them: a fresh console app in a temporary folder,
# a nuget.config with the local feed (artifacts/packages) plus nuget.org, `dotnet add package` for Pyannote.Sdk and
# Pyannote.Sdk.Emulator, then a program that starts the emulator in-process, transcribes samples/audio/conversation.wav
# with TogetherClient (diarization on) and prints the speaker-attributed transcript, one "[mm:ss.f] SPEAKER: text"
# line per turn.
#   bash eng/consume-package.sh                  # packs (eng/pack.sh) version 0.1.0-local, then consumes it
#   VERSION=1.2.3 bash eng/consume-package.sh    # or: bash eng/consume-package.sh 1.2.3
#   SKIP_PACK=1 bash eng/consume-package.sh      # use the packages already in artifacts/packages
#   KEEP=1 bash eng/consume-package.sh           # keep the temporary folder
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-${VERSION:-0.1.0-local}}"
feed="$repo/artifacts/packages"
audio="$repo/samples/audio/conversation.wav"

if [[ "${SKIP_PACK:-0}" != "1" ]]; then
  bash "$repo/eng/pack.sh" "$version" >&2
fi
for id in Pyannote.Sdk Pyannote.Sdk.Emulator; do
  [[ -f "$feed/$id.$version.nupkg" ]] || { echo "consume: $id $version is not in $feed (run eng/pack.sh $version)" >&2; exit 1; }
done
[[ -f "$audio" ]] || { echo "consume: no sample audio at $audio" >&2; exit 1; }

# A local version is repacked under the same number: drop any copy an earlier run left in the global packages folder,
# or restore would use it instead of the fresh package.
global="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')"
for id in pyannote.sdk pyannote.sdk.emulator; do
  rm -rf "${global%/}/$id/$(echo "$version" | tr '[:upper:]' '[:lower:]')"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/pyannote-consume.XXXXXX")"
if [[ "${KEEP:-0}" != "1" ]]; then trap 'rm -rf "$work"' EXIT; else echo "consume: working in $work" >&2; fi
cd "$work"

cat > nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML

dotnet new console --name Consumer --output . --framework net10.0 >&2
dotnet add package Pyannote.Sdk --version "$version" >&2
dotnet add package Pyannote.Sdk.Emulator --version "$version" >&2

cat > Program.cs <<'CS'
using Pyannote.Sdk;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Together;

var audio = args[0];
await using var emulator = await SpeechEmulator.StartAsync();
var client = new TogetherClient(emulator.ApiKey, new TogetherClientOptions { Endpoint = emulator.TogetherEndpoint });

var transcript = await client.TranscribeAsync(AudioInput.FromFile(audio), new TranscriptionOptions { Diarize = true });

Console.WriteLine($"speakers: {string.Join(", ", transcript.Speakers)}");
foreach (var turn in transcript.Turns)
{
    Console.WriteLine($"[{turn.Start.ToString(@"mm\:ss\.f")}] {turn.Speaker ?? "?"}: {turn.Text}");
}
CS

dotnet build -c Release --nologo -v quiet >&2
dotnet run -c Release --no-build -- "$audio"
