#!/usr/bin/env bash
# Proves the packages work from a feed, the way a user gets them: a fresh net8.0 console app in a temporary folder,
# a nuget.config with the local feed (artifacts/packages) plus nuget.org, `dotnet add package` for Pyannote.Sdk and
# Pyannote.Sdk.Emulator, then a program that starts the emulator in-process, transcribes samples/audio/conversation.wav
# with TogetherClient (diarization on) and prints the speaker-attributed transcript, one "[mm:ss.f] SPEAKER: text"
# line per turn. Then a net8.0 xunit test project that uses the emulator package in a test ("consumer tests (net8.0,
# xunit): 1 passed"). Then `dotnet tool install` of Pyannote.Sdk.Emulator.Tool from the same feed, one `pyannote-emulator
# --port` command, and a GET /pyannote/v1/test against it ("tool: GET /pyannote/v1/test answered 200").
# The app targets net8.0 (the oldest framework the packages support) and rolls forward to the newest runtime installed.
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
for id in Pyannote.Sdk Pyannote.Sdk.Emulator Pyannote.Sdk.Emulator.Tool; do
  [[ -f "$feed/$id.$version.nupkg" ]] || { echo "consume: $id $version is not in $feed (run eng/pack.sh $version)" >&2; exit 1; }
done
[[ -f "$audio" ]] || { echo "consume: no sample audio at $audio" >&2; exit 1; }

# A local version is repacked under the same number: drop any copy an earlier run left in the global packages folder,
# or restore would use it instead of the fresh package.
global="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')"
for id in pyannote.sdk pyannote.sdk.emulator pyannote.sdk.emulator.tool; do
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

cat > Consumer.csproj <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net8.0</TargetFramework>
    <RollForward>Major</RollForward>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
XML
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

# A net8.0 xunit test project, the way a user's own CI would use the emulator package: the emulator starts in the
# test, the SDK transcribes against it, the test asserts on the transcript. Package versions come from the repository's
# Directory.Packages.props. The test host targets net8.0 and rolls forward to the newest runtime installed.
pkgver() { sed -nE "s/.*PackageVersion Include=\"$1\" Version=\"([^\"]+)\".*/\1/p" "$repo/Directory.Packages.props" | head -n1; }
mkdir -p "$work/tests" && cd "$work/tests"
cp "$work/nuget.config" .
cat > ConsumerTests.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <RollForward>Major</RollForward>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Pyannote.Sdk" Version="$version" />
    <PackageReference Include="Pyannote.Sdk.Emulator" Version="$version" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="$(pkgver Microsoft.NET.Test.Sdk)" />
    <PackageReference Include="xunit" Version="$(pkgver xunit)" />
    <PackageReference Include="xunit.runner.visualstudio" Version="$(pkgver xunit.runner.visualstudio)" />
  </ItemGroup>
</Project>
XML
cat > EmulatorTests.cs <<'CS'
using Pyannote.Sdk;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.PyannoteAI;
using Xunit;

public class EmulatorTests
{
    [Fact]
    public async Task PyannoteAI_diarization_against_the_emulator_package_finds_two_speakers()
    {
        await using var emulator = await SpeechEmulator.StartAsync(new SpeechEmulatorOptions { JobQueuedDelay = TimeSpan.Zero, JobRunningDelay = TimeSpan.Zero });
        var client = new PyannoteClient(emulator.ApiKey, new PyannoteClientOptions { Endpoint = emulator.PyannoteEndpoint });

        var transcript = await client.TranscribeAsync(AudioInput.FromFile(Environment.GetEnvironmentVariable("CONSUMER_AUDIO")!), new TranscriptionOptions { Diarize = true });

        Assert.True(transcript.Speakers.Count >= 2, $"speakers: {string.Join(", ", transcript.Speakers)}");
        Assert.All(transcript.Turns, turn => Assert.StartsWith("SPEAKER_", turn.Speaker));
    }
}
CS
CONSUMER_AUDIO="$audio" DOTNET_ROLL_FORWARD=Major dotnet test -c Release --nologo -v quiet >"$work/tests.log" 2>&1 \
  || { echo "consume: the net8.0 test project failed:" >&2; cat "$work/tests.log" >&2; exit 1; }
passed="$(sed -nE 's/.*Passed: +([0-9]+).*/\1/p' "$work/tests.log" | head -n1)"
echo "consumer tests (net8.0, xunit): ${passed:-0} passed"
cd "$work"

# The standalone emulator as a .NET tool, from the same folder feed.
dotnet tool install Pyannote.Sdk.Emulator.Tool --version "$version" --tool-path "$work/tools" --add-source "$feed" >&2
# The log exists before the tool starts: the background child opens it only when it gets scheduled, and on a loaded
# machine the loop below could otherwise read a file that is not there yet (sed exits 2 and set -e ends the script).
: >"$work/tool.log"
"$work/tools/pyannote-emulator" --port 0 --instant >>"$work/tool.log" 2>&1 &
tool_pid=$!
base=""
for _ in $(seq 1 300); do
  base="$(sed -nE 's/^Pyannote.Sdk.Emulator listening on (http:\/\/127\.0\.0\.1:[0-9]+\/).*/\1/p' "$work/tool.log" | head -n1)"
  [[ -n "$base" ]] && break
  kill -0 "$tool_pid" 2>/dev/null || break
  sleep 0.2
done
if [[ -z "$base" ]]; then
  kill "$tool_pid" 2>/dev/null || true
  echo "consume: pyannote-emulator did not start:" >&2; cat "$work/tool.log" >&2; exit 1
fi
status="$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer emulator-key' "${base}pyannote/v1/test" || true)"
kill "$tool_pid" 2>/dev/null || true
wait "$tool_pid" 2>/dev/null || true
echo "tool: GET /pyannote/v1/test answered $status"
[[ "$status" == "200" ]] || { echo "consume: the tool's /pyannote/v1/test answered $status" >&2; cat "$work/tool.log" >&2; exit 1; }
