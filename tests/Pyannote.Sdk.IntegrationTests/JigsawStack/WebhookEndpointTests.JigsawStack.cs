using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.IntegrationTests.Webhooks;

public partial class WebhookEndpointTests
{
    [Fact]
    public async Task A_JigsawStack_result_posted_to_a_tokenised_callback_url_is_verified_and_a_forged_one_refused()
    {
        await using var emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());
        const string secret = "jigsaw-endpoint-secret";
        var events = new ConcurrentQueue<JigsawStackWebhookEvent>();
        await using var receiver = await Receiver.StartAsync(app => app.MapJigsawStackWebhook("/webhooks/jigsawstack", new JigsawStackWebhookOptions { Secrets = [secret] }, (evt, http, ct) =>
        {
            events.Enqueue(evt);
            return Task.CompletedTask;
        }));
        var callback = JigsawStackWebhook.CreateCallbackUrl(new Uri(receiver.BaseAddress, "/webhooks/jigsawstack"), secret, "recording-7");
        var client = new JigsawStackClient(emulator.ApiKey, new JigsawStackClientOptions { Endpoint = emulator.JigsawStackEndpoint });

        var ack = await client.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/talk.mp3"), callback, new JigsawStackTranscriptionOptions { BySpeaker = true });
        await emulator.WaitForWebhooksAsync().WaitAsync(Wait);

        var evt = Assert.Single(events);
        Assert.Equal(ack.Id, evt.Id);
        Assert.Equal("recording-7", evt.CorrelationId);
        Assert.True(evt.IsVerified);
        Assert.Equal("jigsawstack:correlation:recording-7", evt.IdempotencyKey);
        Assert.NotEmpty(evt.Transcription.Text);

        using var http = new HttpClient();
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var forged = new Uri(receiver.BaseAddress, $"/webhooks/jigsawstack?webhookId=recording-7&webhookExpires={expires.ToUnixTimeSeconds()}&webhookKey=" + JigsawStackWebhook.ComputeToken("guess", "recording-7", expires));
        using var forgedResponse = await http.PostAsync(forged, new StringContent("{\"id\":\"x\",\"status\":\"success\",\"text\":\"forged\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        using var noToken = await http.PostAsync(new Uri(receiver.BaseAddress, "/webhooks/jigsawstack"), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Single(events);
    }

    [Fact]
    public async Task The_JigsawStack_endpoint_refuses_a_body_whose_id_is_not_the_one_the_start_call_returned()
    {
        await using var emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());
        const string secret = "jigsaw-expected-id-secret";
        // The app stores the id each start call returns; the lookup waits for it, as a delivery may race the store.
        var expected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        expected.SetResult("the-id-the-start-call-returned");
        var events = new ConcurrentQueue<JigsawStackWebhookEvent>();
        var options = new JigsawStackWebhookOptions
        {
            Secrets = [secret],
            ExpectedJobId = async (correlation, ct) => correlation == "recording-9" ? await Volatile.Read(ref expected).Task.WaitAsync(ct) : null,
        };
        await using var receiver = await Receiver.StartAsync(app => app.MapJigsawStackWebhook("/js", options, (evt, http, ct) =>
        {
            events.Enqueue(evt);
            return Task.CompletedTask;
        }));
        var callback = JigsawStackWebhook.CreateCallbackUrl(new Uri(receiver.BaseAddress, "/js"), secret, "recording-9");

        // Someone holding the (valid, unexpired) URL posts a body with another id: refused before the handler.
        using var http = new HttpClient();
        using var forged = await http.PostAsync(callback, new StringContent("{\"id\":\"another\",\"status\":\"success\",\"text\":\"forged\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("Webhook rejected: UnexpectedEventId", await forged.Content.ReadAsStringAsync());

        // The real delivery carries the id the start call returned.
        var client = new JigsawStackClient(emulator.ApiKey, new JigsawStackClientOptions { Endpoint = emulator.JigsawStackEndpoint });
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref expected, pending);
        var ack = await client.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/talk.mp3"), callback);
        pending.SetResult(ack.Id!);
        await emulator.WaitForWebhooksAsync().WaitAsync(Wait);
        var evt = Assert.Single(events);
        Assert.Equal(ack.Id, evt.Id);
    }
}
