using System.Diagnostics.Metrics;
using System.Net;
using Pyannote.Sdk.Diagnostics;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Tests.PyannoteAI;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.VendorOptions;

/// <summary>Per-call <see cref="SpeechRequestOptions"/> (headers, retries, upload progress) and the response
/// information every result carries (request id, rate limit, status, headers; docs.pyannote.ai/ratelimits).</summary>
public class RequestOptionsTests
{
    private readonly WireHarness _wire = new();

    private JigsawStackClient Jigsaw(int maxRetries = 0) => new("sk-jigsaw-secret", new JigsawStackClientOptions
    {
        Transport = _wire.Mock,
        Retry = new SpeechRetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) },
    });

    [Fact]
    public async Task JigsawStack_privacy_and_cache_headers_are_sent_on_that_call_only()
    {
        _wire.AnswerJson(TestFiles.Payload("jigsawstack", "stt-response-url.json"));
        _wire.AnswerJson(TestFiles.Payload("jigsawstack", "stt-response-url.json"));
        var client = Jigsaw();
        var request = AudioInput.FromUrl("https://example.com/a.wav");
        var perCall = new SpeechRequestOptions { Headers = { ["x-jigsaw-skip-cache"] = "true", ["x-jigsaw-no-request-log"] = "true" } };

        await client.CreateTranscriptionAsync(request, requestOptions: perCall);
        await client.CreateTranscriptionAsync(request);

        Assert.Equal("true", _wire.Requests[0].Header("x-jigsaw-skip-cache"));
        Assert.Equal("true", _wire.Requests[0].Header("x-jigsaw-no-request-log"));
        Assert.Equal("sk-jigsaw-secret", _wire.Requests[0].Header("x-api-key"));
        Assert.Null(_wire.Requests[1].Header("x-jigsaw-skip-cache"));
    }

    [Theory]
    [InlineData("x-api-key")]
    [InlineData("Authorization")]
    [InlineData("Content-Type")]
    [InlineData("bad header")]
    public async Task Reserved_or_malformed_headers_are_rejected_before_anything_is_sent(string name)
    {
        var perCall = new SpeechRequestOptions { Headers = { [name] = "x" } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Jigsaw().DeleteFileAsync("a.wav", perCall));

        Assert.Equal("requestOptions", ex.ParamName);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task Header_values_with_line_breaks_and_bad_limits_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Jigsaw().DeleteFileAsync("a.wav", new SpeechRequestOptions { Headers = { ["x-a"] = "1\r\nx-b: 2" } }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Jigsaw().DeleteFileAsync("a.wav", new SpeechRequestOptions { MaxRetries = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Jigsaw().DeleteFileAsync("a.wav", new SpeechRequestOptions { NetworkTimeout = TimeSpan.Zero }));
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task A_per_call_retry_limit_overrides_the_clients()
    {
        _wire.Answer(HttpStatusCode.ServiceUnavailable, "{\"message\":\"busy\"}");
        _wire.Answer(HttpStatusCode.OK, "{\"success\":true}");
        _wire.Answer(HttpStatusCode.ServiceUnavailable, "{\"message\":\"busy\"}");
        var client = Jigsaw(maxRetries: 3);

        Assert.True(await client.DeleteFileAsync("a.wav"));
        Assert.Equal(2, _wire.Requests.Count);

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => client.DeleteFileAsync("a.wav", new SpeechRequestOptions { MaxRetries = 0 }));
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(3, _wire.Requests.Count);
    }

    [Fact]
    public async Task Upload_progress_reports_a_bounded_number_of_times_and_ends_with_every_byte()
    {
        var bytes = TestAudio.Wav(3_000_000);
        using var file = TestFiles.Audio(".wav", bytes);
        var reports = new List<UploadProgress>();
        var client = new TogetherClient("tg-key", new TogetherClientOptions { Transport = _wire.Mock });

        await client.CreateTranscriptionAsync(AudioInput.FromFile(file.Path), requestOptions: new SpeechRequestOptions
        {
            UploadProgress = new SyncProgress<UploadProgress>(p => { lock (reports) { reports.Add(p); } }),
        });

        Assert.NotEmpty(reports);
        var last = reports[^1];
        Assert.Equal(bytes.Length, last.BytesSent);
        Assert.Equal(bytes.Length, last.TotalBytes);
        Assert.True(last.Elapsed >= TimeSpan.Zero);
        Assert.True(reports.Count <= 2 + (int)(last.Elapsed / TimeSpan.FromMilliseconds(100)), $"{reports.Count} reports in {last.Elapsed}");
        Assert.Equal(reports.Select(r => r.BytesSent).Order(), reports.Select(r => r.BytesSent));
    }

    [Fact]
    public async Task Pyannote_result_carries_request_id_rate_limit_status_and_headers_of_the_last_answer()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize", "job-7");
        kit.ScriptJob("job-7", () =>
        {
            var r = PyannoteTestKit.Json("""{"jobId":"job-7","status":"succeeded","output":{"diarization":[]}}""");
            r.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "100");
            r.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "98");
            r.Headers.TryAddWithoutValidation("x-request-id", "req-42");
            return r;
        });

        var result = await kit.Client.DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav"));

        var info = result.Response!;
        Assert.Equal(200, info.StatusCode);
        Assert.Equal("req-42", info.RequestId);
        Assert.Equal(new SpeechRateLimit(100, 98, null), info.RateLimit);
        Assert.Equal("98", info.Header("x-ratelimit-remaining"));
    }

    [Fact]
    public void Rate_limit_reset_is_read_as_epoch_seconds_or_milliseconds()
    {
        static string? Pyannote(string name) => name switch { "x-ratelimit-limit" => "100", "x-ratelimit-reset" => "1763755200", _ => null };
        static string? Jigsaw(string name) => name switch { "x-jigsaw-rate-limit-remaining" => "3", "x-jigsaw-rate-limit-reset" => "1763755200123", _ => null };

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763755200), SpeechRateLimit.FromHeaders(Pyannote)!.Reset);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763755200123), SpeechRateLimit.FromHeaders(Jigsaw)!.Reset);
        Assert.Equal(3, SpeechRateLimit.FromHeaders(Jigsaw)!.Remaining);
        Assert.Null(SpeechRateLimit.FromHeaders(_ => null));
    }
}

/// <summary>Reads the process-wide rate-limit gauges, so it runs apart from the parallel tests that also record them.</summary>
[CollectionDefinition(nameof(RateLimitGaugeTests), DisableParallelization = true)]
public sealed class RateLimitGaugeCollection
{
}

[Collection(nameof(RateLimitGaugeTests))]
public class RateLimitGaugeTests
{
    private readonly WireHarness _wire = new();

    [Fact]
    public async Task Rate_limit_state_is_exported_as_gauges_per_vendor()
    {
        _wire.Answer(HttpStatusCode.OK, "{\"success\":true}", headers: new Dictionary<string, string> { ["x-jigsaw-rate-limit-limit"] = "50", ["x-jigsaw-rate-limit-remaining"] = "41" });
        await new JigsawStackClient("sk", new JigsawStackClientOptions { Transport = _wire.Mock }).DeleteFileAsync("a.wav");

        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SpeechDiagnostics.MeterName && instrument.Name.Contains("rate_limit", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "speech.vendor" && (string?)tag.Value == "jigsawstack")
                {
                    lock (seen)
                    {
                        seen[instrument.Name] = value;
                    }
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(41, seen[SpeechDiagnostics.RateLimitRemainingInstrument]);
        Assert.Equal(50, seen[SpeechDiagnostics.RateLimitLimitInstrument]);
    }
}
