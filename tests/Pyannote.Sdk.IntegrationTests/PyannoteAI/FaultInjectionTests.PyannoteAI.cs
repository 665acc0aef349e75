using System.Net;
using System.Text.Json;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed partial class FaultInjectionTests
{
    [Fact]
    public async Task Status_faults_use_the_vendor_error_shape_and_every_retry_after_form()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var pyannote = Client(emulator.PyannoteEndpoint, emulator.ApiKey);

        var seconds = await pyannote.SendAsync(Faulted(HttpMethod.Get, "v1/test", "429;retry-after=2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, seconds.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), seconds.Headers.RetryAfter!.Delta);
        Assert.True(seconds.Headers.Contains("X-RateLimit-Reset"));
        Assert.True((await ReadJsonAsync(seconds)).TryGetProperty("requestId", out _));

        Assert.Equal(HttpStatusCode.BadRequest, (await pyannote.SendAsync(Faulted(HttpMethod.Get, "v1/test", "teapot"))).StatusCode);
        Assert.Equal("429;retry-after=2", emulator.RequestLog[0].Fault);
    }

    [Fact]
    public async Task Body_faults_break_the_json_in_the_advertised_ways()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);

        var truncated = await api.SendAsync(Faulted(HttpMethod.Get, "v1/test", "truncated-json"));
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(truncated.Content.ReadAsStringAsync().Result));

        var invalid = await api.SendAsync(Faulted(HttpMethod.Get, "v1/test", "invalid-json"));
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(invalid.Content.ReadAsStringAsync().Result));

        var wrongShape = await ReadJsonAsync(await api.SendAsync(Faulted(HttpMethod.Get, "v1/test", "wrong-shape")));
        Assert.Equal(JsonValueKind.Object, wrongShape.GetProperty("status").ValueKind);

        var slowBody = await api.SendAsync(Faulted(HttpMethod.Get, "v1/test", "slow-body=50"));
        Assert.Equal("OK", (await ReadJsonAsync(slowBody)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Connection_faults_abort_before_headers_or_mid_body_and_slow_headers_trip_client_timeouts()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);

        await Assert.ThrowsAsync<HttpRequestException>(() => api.SendAsync(Faulted(HttpMethod.Get, "v1/test", "abort-before-headers")));
        // The connection is reset after part of the body: depending on timing the client fails reading headers or the body.
        await Assert.ThrowsAnyAsync<HttpRequestException>(async () =>
        {
            var partial = await api.SendAsync(Faulted(HttpMethod.Get, "v1/test", "abort-during-body"), HttpCompletionOption.ResponseHeadersRead);
            await partial.Content.ReadAsStringAsync();
        });

        using var impatient = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        impatient.Timeout = TimeSpan.FromMilliseconds(200);
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(Faulted(HttpMethod.Get, "v1/test", "slow-headers=5000")));

        Assert.Equal(0, emulator.RequestLog[0].StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("v1/test")).StatusCode);
    }

    [Fact]
    public async Task Queued_faults_serve_the_next_requests_on_a_path_and_requests_are_counted()
    {
        var options = Options();
        options.Faults.Add(new EmulatorFaultRule("/v1/diarize", "503", 2));
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        emulator.EnqueueFault("/nanogpt/api/transcribe", "500");

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 3; i++)
        {
            statuses.Add((await api.PostAsync("v1/diarize", Json("""{"url":"https://example.com/a.wav"}"""))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Equal(3, emulator.CountRequests("/v1/diarize"));
        Assert.Equal(3, emulator.CountRequests("/pyannote/v1/diarize", "POST"));
        Assert.Equal(0, emulator.CountRequests("/v1/diarize", "GET"));
        Assert.Equal(0, emulator.CountRequests("/api/transcribe"));
        Assert.Throws<ArgumentException>(() => emulator.EnqueueFault("*", "slow-headers=abc"));
        emulator.ClearRequestLog();
        Assert.Empty(emulator.RequestLog);
    }
}
