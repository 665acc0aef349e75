using System.Reflection;

namespace Pyannote.Sdk.Tests.Ship;

/// <summary>
/// The public API of every package is pinned by a committed listing (docs/api/&lt;package&gt;.txt). Changing the public
/// API means changing that file in the same commit: run the tests with PYANNOTE_SDK_UPDATE_API=1 to rewrite it, then
/// review the diff.
/// </summary>
public class PublicApiBaselineTests
{
    public static TheoryData<string> Packages() => new() { "Pyannote.Sdk", "Pyannote.Sdk.Extensions.AI", "Pyannote.Sdk.AspNetCore", "Pyannote.Sdk.Emulator" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Public_API_matches_the_committed_baseline(string package)
    {
        var assembly = Assembly.Load(package);
        var actual = PublicApiListing.Build(assembly);
        var path = RepoPaths.Combine("docs", "api", package + ".txt");

        if (Environment.GetEnvironmentVariable("PYANNOTE_SDK_UPDATE_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No API baseline at {path}. Run the tests with PYANNOTE_SDK_UPDATE_API=1 and commit the file.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var added = actualLines.Except(expectedLines).Take(20);
            var removed = expectedLines.Except(actualLines).Take(20);
            Assert.Fail($"The public API of {package} changed. Rewrite docs/api/{package}.txt with PYANNOTE_SDK_UPDATE_API=1 if intended.\nAdded:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
        }
    }
}
