using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using WebViewer;

namespace Pyannote.Sdk.BrowserTests;

/// <summary>One WebViewer on a free loopback port (in-process emulator, no key) and one headless Debian chromium,
/// shared by the browser tests. Playwright cannot download browsers here, so it drives <c>/usr/bin/chromium</c>.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The upload limit the fixture's WebViewer runs with.</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    private IPlaywright? _playwright;
    private WebApplication? _app;

    /// <summary>Why the tests are skipped: chromium is missing and <c>PYANNOTE_SDK_BROWSER_TESTS=require</c> (set by
    /// <c>.ci/run</c>) is not, so a developer without chromium is not blocked. In CI a missing browser fails.</summary>
    public static string? SkipReason =>
        File.Exists(ChromiumPath) || Environment.GetEnvironmentVariable("PYANNOTE_SDK_BROWSER_TESTS") == "require"
            ? null
            : $"{ChromiumPath} is not installed (apt-get install -y chromium); set PYANNOTE_SDK_BROWSER_TESTS=require to fail instead.";

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>artifacts/screenshots at the repository root (CI keeps artifacts/).</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(RepoRoot, "artifacts", "screenshots")).FullName;

    public static string SampleAudio => Path.Combine(RepoRoot, "samples", "audio", "conversation.wav");

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _app = WebViewerApp.Build(["--urls", "http://127.0.0.1:0", $"--WebViewer:MaxUploadBytes={MaxUploadBytes}"]);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');
        Assert.StartsWith("http://127.0.0.1:", BaseUrl, StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 180_000,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        // A loaded 2-core machine can be slow: wait on conditions, generously, never on fixed sleeps.
        Assertions.SetDefaultExpectTimeout(90_000);
    }

    /// <summary>A fresh page in its own context (downloads allowed), with generous timeouts.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static string FindRepoRoot()
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
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
