#!/usr/bin/env bash
# Native AOT check: publishes a throwaway console app that references the three libraries with PublishAot (every
# member of the libraries rooted, so the AOT compiler analyses all of it, not only what the program reaches) and
# TrimmerSingleWarn=false (one warning per call site), then runs it: it parses a diarized Together answer natively.
# Prints the ILC warning count. Last run (2026-11-30, after issue 15 removed the unused generated operations): 2, both inside ASP.NET Core itself
# (Microsoft.AspNetCore.Http.Json.JsonOptions.CreateDefaultTypeResolver, reached only because the whole
# Pyannote.Sdk.AspNetCore assembly is rooted), none in the Pyannote.Sdk assemblies; without the roots, 0. net8.0 because the .NET 10 NativeAOT runtime pack
# (Microsoft.NETCore.App.Runtime.NativeAOT.linux-x64) did not restore from the package feed here; the 8.0 ILCompiler did.
#   bash eng/aot-check.sh            # KEEP=1 keeps the temporary folder
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pyannote-aot.XXXXXX")"
if [[ "${KEEP:-0}" != "1" ]]; then trap 'rm -rf "$work"' EXIT; else echo "aot-check: working in $work" >&2; fi
cp "$repo/nuget.config" "$work/"
cat > "$work/aotcheck.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <PublishAot>true</PublishAot>
    <TrimmerSingleWarn>false</TrimmerSingleWarn>
    <NoWarn>\$(NoWarn);MEAI001</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/Pyannote.Sdk/Pyannote.Sdk.csproj" />
    <ProjectReference Include="$repo/src/Pyannote.Sdk.Extensions.AI/Pyannote.Sdk.Extensions.AI.csproj" />
    <ProjectReference Include="$repo/src/Pyannote.Sdk.AspNetCore/Pyannote.Sdk.AspNetCore.csproj" />
    <TrimmerRootAssembly Include="Pyannote.Sdk" />
    <TrimmerRootAssembly Include="Pyannote.Sdk.AspNetCore" />
    <TrimmerRootAssembly Include="Pyannote.Sdk.Extensions.AI" />
  </ItemGroup>
</Project>
XML
cat > "$work/Program.cs" <<'CS'
using Microsoft.Extensions.AI;
using Pyannote.Sdk;
using Pyannote.Sdk.Extensions.AI;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;

// Touches every client so the AOT compiler analyses their code paths (nothing is sent: no endpoint is reachable).
ISpeechClient[] clients =
[
    new PyannoteClient("k", new PyannoteClientOptions { Endpoint = new Uri("http://127.0.0.1:9/") }),
    new TogetherClient("k", new TogetherClientOptions { Endpoint = new Uri("http://127.0.0.1:9/") }),
    new JigsawStackClient("k", new JigsawStackClientOptions { Endpoint = new Uri("http://127.0.0.1:9/") }),
    new NanoGptClient("k", new NanoGptClientOptions { Endpoint = new Uri("http://127.0.0.1:9/") }),
];
foreach (var client in clients)
{
    ISpeechToTextClient stt = client.AsISpeechToTextClient();
    try
    {
        var t = await client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"), new Pyannote.Sdk.TranscriptionOptions { Diarize = true });
        Console.WriteLine(t.Text);
    }
    catch (Exception ex)
    {
        Console.WriteLine($"{client.Vendor}: {ex.GetType().Name}");
    }
}

// A real parse under Native AOT: Together verbose_json with diarization, through the client's own code path.
var body = """
{"task":"transcribe","language":"en","duration":2.0,"text":"hello there general","segments":[{"id":0,"start":0.0,"end":2.0,"text":"hello there general"}],
 "words":[{"word":"hello","start":0.0,"end":0.5,"speaker_id":"SPEAKER_00"},{"word":"there","start":0.6,"end":1.0,"speaker_id":"SPEAKER_00"},{"word":"general","start":1.2,"end":2.0,"speaker_id":"SPEAKER_01"}],
 "speaker_segments":[{"id":0,"speaker_id":"SPEAKER_00","start":0.0,"end":1.0,"text":"hello there","words":[]},{"id":1,"speaker_id":"SPEAKER_01","start":1.2,"end":2.0,"text":"general","words":[]}],
 "future_field":{"x":1}}
""";
var together = new TogetherClient("k", new TogetherClientOptions { Transport = new Canned(body) });
var tr = await together.TranscribeAsync(AudioInput.FromStream(new MemoryStream("RIFF\0\0\0\0WAVEfmt "u8.ToArray()), "a.wav"), new Pyannote.Sdk.TranscriptionOptions { Diarize = true });
foreach (var turn in tr.Turns) Console.WriteLine($"{turn.Speaker}: {turn.Text}");

sealed class Canned(string json) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
}
CS
cd "$work"
log="$work/publish.log"
dotnet publish -c Release -r linux-x64 --nologo 2>&1 | tee "$log" >&2
count=$(grep -E "(Trim|AOT) analysis warning|warning IL[0-9]+" "$log" | sort -u | wc -l)
echo "aot-check: $count ILC warning(s)"
grep -E "(Trim|AOT) analysis warning|warning IL[0-9]+" "$log" | sort -u | sed -E 's/ \[.*//' | cut -c1-300 || true
"$work/bin/Release/net8.0/linux-x64/publish/aotcheck"
