using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

public partial class TelemetryAndRedactionTests
{
    [Fact]
    public async Task Retried_request_has_one_span_with_semantic_convention_tags_and_a_retry_event()
    {
        using var collector = new ActivityCollector();
        var transport = new ScriptedTransport().ThenStatus(503).ThenStatus(200, r => r.Headers.TryAddWithoutValidation("x-request-id", "req-77"));
        var (client, _) = PipelineFactory.Create(transport, new FakeTimeProvider { AutoAdvance = true }, vendor: SpeechVendor.Pyannote);

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
        var (client, options) = PipelineFactory.Create(transport, time, logs: factory, vendor: SpeechVendor.Pyannote);
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
}
