using System.Text.RegularExpressions;

namespace Pyannote.Sdk.Tests.Ship;

/// <summary>The repository README is every package's README (src/Directory.Build.props): on the package page a
/// repository-relative link (<c>docs/…</c>, an image) leads nowhere, so every link and image is an absolute URL.</summary>
public partial class PackageReadmeTests
{
    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)[^)]*\)")]
    private static partial Regex MarkdownLink();

    [Fact]
    public void Every_link_and_image_in_the_package_readme_is_absolute()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("README.md"));
        var targets = MarkdownLink().Matches(readme).Select(m => m.Groups["target"].Value).ToList();

        Assert.NotEmpty(targets);
        var relative = targets.Where(t => !t.StartsWith('#') && !Uri.TryCreate(t, UriKind.Absolute, out _)).ToList();
        Assert.True(relative.Count == 0, "Relative links in README.md (broken on the package page): " + string.Join(", ", relative));
    }
}
