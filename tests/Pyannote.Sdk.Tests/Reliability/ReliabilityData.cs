using System.Text;

namespace Pyannote.Sdk.Tests.Reliability;

/// <summary>Shared values and helpers of the unit-level reliability suites.</summary>
internal static class ReliabilityData
{
    /// <summary>A distinctive key: finding it in any text the SDK produced is a leak.</summary>
    public const string ApiKey = "sk-relia-unit-Q3mZ8xV1bN6cK2pL9tR4";

    public static void AssertNoSecret(string? text)
    {
        if (text is not null)
        {
            Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
        }
    }

    /// <summary>A temporary file of <paramref name="size"/> zero bytes (sparse where the file system allows).</summary>
    public static string TempFile(string name, int size)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pyannote-sdk-reliability");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, size + "-" + name);
        if (!File.Exists(path) || new FileInfo(path).Length != size)
        {
            using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
            f.SetLength(size);
        }

        return path;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pyannote.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    public static void WriteReport(string name, string markdown)
    {
        var dir = Path.Combine(RepoRoot(), "artifacts", "reliability");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name), markdown, new UTF8Encoding(false));
    }

    public static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
}

/// <summary>A transport that counts requests and answers 500, so a test can prove none was sent.</summary>
public sealed class CountingTransport : HttpMessageHandler
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError) { Content = new StringContent("{}") });
    }
}
