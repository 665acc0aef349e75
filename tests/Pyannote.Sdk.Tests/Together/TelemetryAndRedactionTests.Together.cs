using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

public partial class TelemetryAndRedactionTests
{
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
}
