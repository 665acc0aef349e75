using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

/// <summary>
/// The pipeline over real sockets against the local emulator (loopback only): the retry rules meet real
/// SocketsHttpHandler exceptions and the emulator's injected faults. Backoff runs on a manual clock, so nothing sleeps.
/// </summary>
public sealed partial class EmulatorPipelineTests : IAsyncLifetime
{
    private SpeechEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    /// <summary>A host with the Together AI client registered against the emulator (or <paramref name="togetherEndpoint"/>), and
    /// <paramref name="more"/> configuration (another vendor's section).</summary>
    private (ServiceProvider Services, FakeTimeProvider Time, CapturingLoggerProvider Logs) Host(Uri? togetherEndpoint = null, params (string Key, string? Value)[] more)
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>
        {
            ["Speech:Together:ApiKey"] = _emulator.ApiKey,
            ["Speech:Together:Endpoint"] = (togetherEndpoint ?? _emulator.TogetherEndpoint).AbsoluteUri,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSpeechClients(config.GetSection("Speech"));
        return (services.BuildServiceProvider(), time, logs);
    }

    /// <summary>The emulator records a request once its answer is written, which can be just after the client has it.
    /// The wait ends as soon as the entries are there; its 30 s limit is only reached by a failing test, so a loaded
    /// machine that records late makes the test slower, never red.</summary>
    private async Task<int> SettledCount(Func<IReadOnlyList<EmulatorRequest>, int> count, int atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (count(_emulator.RequestLog) < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return count(_emulator.RequestLog);
    }

    private Task<int> SettledTranscriptionPosts(int atLeast) =>
        SettledCount(log => log.Count(r => r.Method == "POST" && r.Path == "/together/v1/audio/transcriptions"), atLeast);

    private static AudioInput Audio() => AudioInput.FromFile(RepoPaths.Combine("samples", "audio", "conversation.wav"));

    [Fact]
    public async Task Billed_transcription_is_retried_after_503_honouring_retry_after()
    {
        _emulator.EnqueueFault("/together/v1/audio/transcriptions", "503;retry-after=7");
        var (sp, time, _) = Host();
        using var _ = sp;

        var transcript = await sp.GetRequiredKeyedService<ISpeechClient>("together").TranscribeAsync(Audio());

        Assert.NotEmpty(transcript.Words);
        Assert.Equal(2, await SettledTranscriptionPosts(2));
        Assert.Contains(TimeSpan.FromSeconds(7), time.Delays);
    }

    [Fact]
    public async Task Billed_transcription_is_not_repeated_after_500()
    {
        _emulator.EnqueueFault("/together/v1/audio/transcriptions", "500");
        var (sp, _, _) = Host();
        using var _ = sp;

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => sp.GetRequiredKeyedService<ISpeechClient>("together").TranscribeAsync(Audio()));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal(1, await SettledTranscriptionPosts(1));
    }

    [Fact]
    public async Task Billed_transcription_is_not_repeated_when_the_connection_breaks_after_the_body_was_sent()
    {
        _emulator.EnqueueFault("/together/v1/audio/transcriptions", "abort-before-headers");
        var (sp, _, logs) = Host();
        using var _ = sp;

        var ex = await Assert.ThrowsAsync<SpeechTransportException>(() => sp.GetRequiredKeyedService<ISpeechClient>("together").TranscribeAsync(Audio()));

        Assert.True(ex.VendorMayHaveReceived);
        Assert.Equal(1, ex.Attempts);
        Assert.IsAssignableFrom<HttpRequestException>(ex.InnerException);
        Assert.Equal(1, await SettledTranscriptionPosts(1));
        Assert.Contains(logs.Lines, l => l.Text.Contains("is not repeated: the request creates billed work", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Billed_transcription_is_retried_when_the_connection_is_refused()
    {
        // A loopback port that was free a moment ago: nothing listens, so every connect is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (sp, time, logs) = Host(new Uri($"http://127.0.0.1:{port}/together/"));
        using var _ = sp;

        var ex = await Assert.ThrowsAsync<SpeechTransportException>(() => sp.GetRequiredKeyedService<ISpeechClient>("together").TranscribeAsync(Audio()));

        // Wrapped with vendor, operation, endpoint and attempts; the vendor never saw it, the original is inside.
        Assert.True(RetryHandler.IsConnectFailure(ex.InnerException!));
        Assert.Equal(SpeechVendor.Together, ex.Vendor);
        Assert.Equal("together.transcribe", ex.Operation);
        Assert.Equal(4, ex.Attempts);
        Assert.False(ex.VendorMayHaveReceived);
        Assert.Equal($"http://127.0.0.1:{port}/together/v1/audio/transcriptions", ex.Endpoint);
        Assert.Contains("Together AI together.transcribe", ex.Message, StringComparison.Ordinal);
        Assert.Contains("4 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("did not receive", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, logs.Lines.Count(l => l.Text.Contains("failed (connect_failure); retrying", StringComparison.Ordinal)));
        Assert.Equal(3, time.Delays.Count);
    }
}
