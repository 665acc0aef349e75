namespace Pyannote.Sdk.Tests.Ship;

/// <summary>
/// The public API of every package is declared in src/&lt;package&gt;/PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt,
/// which Microsoft.CodeAnalysis.PublicApiAnalyzers enforce at build time (RS0016/RS0017 are errors). docs/api/&lt;package&gt;.txt
/// is the sorted listing of those declarations that reviewers read; this test keeps it in step with them.
/// <c>bash eng/update-public-api.sh</c> rewrites both.
/// </summary>
public class PublicApiBaselineTests
{
    public static TheoryData<string> Packages() => new() { "Pyannote.Sdk", "Pyannote.Sdk.Extensions.AI", "Pyannote.Sdk.AspNetCore", "Pyannote.Sdk.Emulator" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_API_listing_in_docs_matches_the_declared_public_API(string package)
    {
        var declared = new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .SelectMany(file => File.ReadAllLines(RepoPaths.Combine("src", package, file)))
            .Where(line => line.Length > 0 && line != "#nullable enable")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(declared);

        var path = RepoPaths.Combine("docs", "api", package + ".txt");
        Assert.True(File.Exists(path), $"No API listing at {path}. Run bash eng/update-public-api.sh and commit the result.");
        var listed = File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
        var added = declared.Except(listed, StringComparer.Ordinal).Take(20).ToArray();
        var removed = listed.Except(declared, StringComparer.Ordinal).Take(20).ToArray();
        Assert.True(added.Length == 0 && removed.Length == 0,
            $"docs/api/{package}.txt is out of step with src/{package}/PublicAPI.*.txt. Run bash eng/update-public-api.sh.\n"
            + $"Declared but not listed:\n  {string.Join("\n  ", added)}\nListed but not declared:\n  {string.Join("\n  ", removed)}");
        Assert.Equal(declared, listed);
    }
}
