using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Pyannote.Sdk.Diagnostics;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

public partial class TelemetryAndRedactionTests
{
    private const string PresignedQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=CREDSECRET42&X-Amz-Signature=SIGSECRET1234";
    private static readonly string[] Secrets = [PipelineFactory.ApiKey, "AKIA5ECRETKEY", "CREDSECRET42", "SIGSECRET1234"];

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
