using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Diagnostics;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

/// <summary>Collects every span of the SDK's source while alive.</summary>
public sealed class ActivityCollector : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SpeechDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    /// <summary>Every string a span exposes: name, status, tags, events and their tags.</summary>
    public IEnumerable<string> AllText() => Stopped.SelectMany(a =>
        new[] { a.DisplayName, a.OperationName, a.StatusDescription ?? string.Empty }
            .Concat(a.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(a.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}").Append(e.Name))));

    public void Dispose() => _listener.Dispose();
}

public class TelemetryAndRedactionTests
{
    private const string PresignedQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=CREDSECRET42&X-Amz-Signature=SIGSECRET1234";
    private static readonly string[] Secrets = [PipelineFactory.ApiKey, "AKIA5ECRETKEY", "CREDSECRET42", "SIGSECRET1234"];

    [Fact]
    public async Task Retried_request_has_one_span_with_semantic_convention_tags_and_a_retry_event()
    {
        using var collector = new ActivityCollector();
        var transport = new ScriptedTransport().ThenStatus(503).ThenStatus(200, r => r.Headers.TryAddWithoutValidation("x-request-id", "req-77"));
        var (client, _) = PipelineFactory.Create(transport, new FakeTimeProvider { AutoAdvance = true });

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/abc?page=2", RequestKind.Idempotent, operation: "telemetry.retry_span"));

        var span = Assert.Single(collector.Stopped, a => a.OperationName == "telemetry.retry_span");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("https://api.vendor.test/v1/jobs/abc?[redacted]", span.GetTagItem("url.full"));
        Assert.Equal("api.vendor.test", span.GetTagItem("server.address"));
        Assert.Equal(1, span.GetTagItem("http.request.resend_count"));
        Assert.Equal("req-77", span.GetTagItem("speech.request_id"));
        Assert.Equal("pyannote", span.GetTagItem("speech.vendor"));
        Assert.Null(span.GetTagItem("error.type"));
        var retry = Assert.Single(span.Events);
        Assert.Equal("retry", retry.Name);
        Assert.Contains(retry.Tags, t => t.Key == "speech.retry.reason" && (string?)t.Value == "503");
    }

    [Fact]
    public async Task Failed_request_span_and_metrics_carry_the_error_type()
    {
        using var collector = new ActivityCollector();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == SpeechDiagnostics.MeterName)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        meters.Start();

        var transport = new ScriptedTransport().ThenStatus(404, body: "{\"message\":\"no such job\"}");
        var (client, _) = PipelineFactory.Create(transport, new FakeTimeProvider());
        await Assert.ThrowsAsync<SpeechApiException>(() => client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/x", RequestKind.Idempotent, operation: "telemetry.failed")));

        var span = Assert.Single(collector.Stopped, a => a.OperationName == "telemetry.failed");
        Assert.Equal("404", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        var duration = Assert.Single(measurements, m => m.Instrument == SpeechDiagnostics.RequestDurationInstrument && Equals(m.Tags["speech.operation"], "telemetry.failed"));
        Assert.Equal("404", duration.Tags["error.type"]);
        Assert.Equal(404, duration.Tags["http.response.status_code"]);
        Assert.Single(measurements, m => m.Instrument == SpeechDiagnostics.RequestCountInstrument && Equals(m.Tags["speech.operation"], "telemetry.failed"));
    }

    [Fact]
    public async Task Logs_carry_vendor_operation_status_attempts_and_request_id()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var transport = new ScriptedTransport().ThenStatus(429, r => r.Headers.TryAddWithoutValidation("retry-after-ms", "250")).ThenStatus(200, r => r.Headers.TryAddWithoutValidation("x-request-id", "req-9"));
        var (client, _) = PipelineFactory.Create(transport, new FakeTimeProvider { AutoAdvance = true }, logs: factory, vendor: SpeechVendor.Together);

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/audio/transcriptions", RequestKind.Billed, new StringContent("{}"), "together.transcribe"));

        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.Level == LogLevel.Warning && l.Text.StartsWith("together together.transcribe: attempt 1 failed (429); retrying in 250 ms", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level == LogLevel.Information && l.Text.StartsWith("together together.transcribe: POST https://api.vendor.test/v1/audio/transcriptions answered 200 in", StringComparison.Ordinal) && l.Text.Contains("after 2 attempt(s); request id req-9", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(PipelineLog.Category, l.Category));
    }

    [Fact]
    public async Task No_secret_reaches_a_log_line_exception_or_span_over_successful_and_failing_calls()
    {
        using var collector = new ActivityCollector();
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var time = new FakeTimeProvider { AutoAdvance = true };
        var presigned = "https://bucket.storage.test/media/abc.wav?" + PresignedQuery;
        var transport = new ScriptedTransport()
            .ThenStatus(200, r => r.Headers.TryAddWithoutValidation("x-request-id", "ok-1"))            // GET success
            .ThenStatus(400, body: "{\"message\":\"bad field\",\"errors\":[{\"field\":\"url\",\"message\":\"invalid\"}]}") // POST 400
            .ThenStatus(503).ThenStatus(200)                                                           // GET retried
            .ThenStatus(200)                                                                           // PUT pre-signed
            .ThenStatus(403, body: "<Error><Code>SignatureDoesNotMatch</Code></Error>")                // PUT pre-signed fails
            .ThenConnectFailure().ThenConnectFailure().ThenConnectFailure().ThenConnectFailure()       // GET never connects
            .ThenResetAfterSend();                                                                     // POST broken after send
        var (client, options) = PipelineFactory.Create(transport, time, logs: factory);
        var observed = new List<string>();

        async Task Run(HttpRequestMessage request)
        {
            try
            {
                using var r = await client.SendAsync(request);
            }
            catch (Exception ex)
            {
                observed.Add(ex.ToString());
                observed.Add(ex.Message);
            }
        }

        await Run(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent, operation: "redaction.get"));
        await Run(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{\"url\":\"media://x\"}"), "redaction.post"));
        await Run(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/2", RequestKind.Idempotent, operation: "redaction.retry"));
        foreach (var _ in new[] { 200, 403 })
        {
            var put = new HttpRequestMessage(HttpMethod.Put, presigned) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("RIFF-AUDIO-BYTES")) };
            new SpeechRequestContext("redaction.upload", RequestKind.Idempotent).ApplyTo(put);
            await Run(put);
        }

        await Run(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/3", RequestKind.Idempotent, operation: "redaction.connect"));
        await Run(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{}"), "redaction.reset"));

        // The pre-signed host never saw the key.
        Assert.All(transport.Seen.Where(s => s.Uri!.Host == "bucket.storage.test"), s => Assert.Null(s.Authorization));
        Assert.All(transport.Seen.Where(s => s.Uri!.Host == "api.vendor.test"), s => Assert.Equal("Bearer " + PipelineFactory.ApiKey, s.Authorization));

        observed.AddRange(logs.Lines.Select(l => l.Text));
        observed.AddRange(collector.AllText());
        observed.Add(options.ToString()!);
        observed.AddRange(SpeechHttpPipeline.CreateHandlers(SpeechVendor.Pyannote, PipelineFactory.ApiKey, options).Select(h => h.ToString()!));

        Assert.True(logs.Lines.Count >= 10, "the calls were logged");
        Assert.Contains(observed, t => t.Contains("https://bucket.storage.test/media/abc.wav?[redacted]", StringComparison.Ordinal));
        foreach (var text in observed)
        {
            foreach (var secret in Secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("RIFF-AUDIO-BYTES", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Redaction_strips_query_fragment_and_user_info()
    {
        Assert.Equal("https://h.test/a/b?[redacted]", Redaction.Url("https://h.test/a/b?sig=1#frag"));
        Assert.Equal("https://h.test/a", Redaction.Url("https://user:pass@h.test/a"));
        Assert.Equal("https://h.test/a?[redacted]", Redaction.Url(new Uri("https://u:p@h.test/a?x=1")));
        Assert.Equal(string.Empty, Redaction.Url((Uri?)null));
        Assert.Equal("ftp://h.test/a?[redacted]", Redaction.Url(new Uri("ftp://h.test/a?sig=secret")));
        Assert.Equal("media://team/key?[redacted]", Redaction.Url(new Uri("media://team/key?token=secret")));
    }
}
