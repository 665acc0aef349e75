using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pyannote.Sdk.IntegrationTests.Packaging;

/// <summary>
/// The packages as a user gets them: eng/consume-package.sh packs Pyannote.Sdk and Pyannote.Sdk.Emulator (if not packed
/// yet), creates a fresh net8.0 console app in a temporary folder with a nuget.config pointing at artifacts/packages and
/// nuget.org, adds both packages with <c>dotnet add package</c>, and runs a program that transcribes the sample audio
/// against the in-process emulator with <c>TogetherClient</c>; then installs the emulator's .NET tool from the same feed,
/// starts it with one command and checks that it answers <c>/pyannote/v1/test</c>. Slow (packing, restoring, building): minutes.
/// </summary>
public class PackageConsumptionTests
{
    private static readonly Regex TurnLine = new(@"^\[\d\d:\d\d\.\d\] (?<speaker>[^:?\s][^:]*): \S", RegexOptions.CultureInvariant);

    [DotnetFact]
    [Trait("Category", "Packaging")]
    public async Task A_console_app_built_from_the_packages_prints_a_speaker_attributed_transcript()
    {
        var repo = RepoRoot();
        // CI packs once (eng/pack.sh) under this version and sets SKIP_PACK=1, so the script reuses those packages.
        var version = Environment.GetEnvironmentVariable("PYANNOTE_SDK_PACKAGE_VERSION") is { Length: > 0 } v ? v : "0.1.0-consume";

        var (exitCode, stdout, stderr) = await RunAsync("bash", [Path.Combine(repo, "eng", "consume-package.sh"), version], repo, TimeSpan.FromMinutes(20));

        Assert.True(exitCode == 0, $"consume-package.sh exited with {exitCode}.\nstdout:\n{stdout}\nstderr:\n{Tail(stderr)}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var turns = lines.Select(l => TurnLine.Match(l)).Where(m => m.Success).ToList();
        Assert.True(turns.Count >= 2, $"expected speaker-attributed turns, got:\n{stdout}");
        var speakers = turns.Select(m => m.Groups["speaker"].Value).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(speakers.Count >= 2, $"expected at least two speakers, got {string.Join(", ", speakers)}:\n{stdout}");
        Assert.Contains(lines, l => l.StartsWith("speakers: ", StringComparison.Ordinal));
        // The emulator's .NET tool, installed from the same feed, answers with one command.
        Assert.Contains("consumer tests (net8.0, xunit): 1 passed", lines);
        Assert.Contains("tool: GET /pyannote/v1/test answered 200", lines);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pyannote.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pyannote.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would steer the nested builds to the test's own SDK state.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A fact that is skipped, saying why, when the <c>dotnet</c> CLI is not on PATH (the test drives it).</summary>
public sealed class DotnetFactAttribute : FactAttribute
{
    public DotnetFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "dotnet")) || File.Exists(Path.Combine(dir, "dotnet.exe")));
        if (!onPath)
        {
            Skip = "The dotnet CLI is not on PATH: the package consumption test creates, restores and runs a console app with it.";
        }
    }
}
