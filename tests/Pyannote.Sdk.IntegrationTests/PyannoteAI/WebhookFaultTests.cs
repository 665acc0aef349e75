using Pyannote.Sdk.IntegrationTests.Emulator;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>The webhook-fail fault: deliveries the emulator records as failed, then the signed redelivery.</summary>
public sealed class WebhookFaultTests
{
    [Fact]
    public async Task Webhook_fail_redelivers_with_x_retry_num_and_a_valid_signature()
    {
        await using var emulator = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = NewPyannote(emulator);

        // The SDK only sends https webhooks (as pyannoteAI requires); the receiver here is plain http on loopback, so
        // the job is created with a raw request and then awaited through the SDK.
        var media = await client.UploadAsync(AudioInput.FromFile(ConversationWav));
        using var http = EmulatorTestSupport.Client(emulator.PyannoteEndpoint, bearer: emulator.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/diarize")
        {
            Content = EmulatorTestSupport.Json($$"""{"url":"{{media}}","webhook":"{{receiver.Url}}","transcription":true}"""),
        };
        request.Headers.Add(Pyannote.Sdk.Emulator.SpeechEmulator.FaultHeader, "webhook-fail=2");
        using var created = await http.SendAsync(request);
        created.EnsureSuccessStatusCode();
        var job = client.GetDiarizationJob((await EmulatorTestSupport.ReadJsonAsync(created)).GetProperty("jobId").GetString()!);
        AssertConversation((await job.WaitForCompletionAsync()).Transcript!);
        await emulator.WaitForWebhooksAsync();
        for (var i = 0; i < 250 && receiver.Requests.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        // Two attempts recorded as failed (never sent), the third reaches the receiver as retry number 2.
        var attempts = emulator.WebhookDeliveries.Where(d => d.JobId == job.Id).OrderBy(d => d.Attempt).ToArray();
        Assert.True(attempts.Length == 3, $"job {job.Id}; deliveries: " + string.Join("; ", emulator.WebhookDeliveries.Select(d => $"{d.JobId} #{d.Attempt} {d.Outcome} {d.StatusCode}")));
        Assert.Equal(new[] { "injected_failure", "injected_failure" }, attempts.Take(2).Select(a => a.Outcome));
        var delivered = Assert.Single(receiver.Requests);
        Assert.Equal("2", delivered.Header("x-retry-num"));
        Assert.Equal("connection_failed", delivered.Header("x-retry-reason"));

        var timestamp = delivered.Header("x-request-timestamp")!;
        Assert.Equal(emulator.ComputeWebhookSignature(timestamp, delivered.BodyText), delivered.Header("x-signature"));
        Assert.Contains(job.Id, delivered.BodyText, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"succeeded\"", delivered.BodyText, StringComparison.Ordinal);
        Assert.Contains("planning call", delivered.BodyText, StringComparison.Ordinal);
    }
}
