using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.IntegrationTests.Emulator;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.Webhooks;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>The emulator's signed pyannoteAI webhooks received through the SDK's <c>MapPyannoteWebhook</c> endpoint.</summary>
public sealed class MapPyannoteWebhookTests
{
    [Fact]
    public async Task Redelivery_after_webhook_fail_arrives_verified_with_its_retry_number_and_the_transcript()
    {
        await using var emulator = await StartAsync();
        var received = new ConcurrentQueue<PyannoteWebhookEvent>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        var options = new PyannoteWebhookOptions();
        options.Secrets.Add(emulator.WebhookSecret);
        app.MapPyannoteWebhook("/webhooks/pyannote", options, (evt, http, ct) =>
        {
            received.Enqueue(evt);
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var webhookUrl = new Uri(address, "/webhooks/pyannote");

        // The SDK sends only https webhooks (pyannoteAI requires them); this receiver is plain http on loopback, so the
        // job is created with a raw request and awaited through the SDK.
        var client = NewPyannote(emulator);
        var media = await client.UploadAsync(AudioInput.FromFile(ConversationWav));
        using var http = EmulatorTestSupport.Client(emulator.PyannoteEndpoint, bearer: emulator.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/diarize")
        {
            Content = EmulatorTestSupport.Json($$"""{"url":"{{media}}","webhook":"{{webhookUrl}}","transcription":true}"""),
        };
        request.Headers.Add(Pyannote.Sdk.Emulator.SpeechEmulator.FaultHeader, "webhook-fail=1");
        using var created = await http.SendAsync(request);
        created.EnsureSuccessStatusCode();
        var jobId = (await EmulatorTestSupport.ReadJsonAsync(created)).GetProperty("jobId").GetString()!;
        await client.GetDiarizationJob(jobId).WaitForCompletionAsync();
        await emulator.WaitForWebhooksAsync();
        for (var i = 0; i < 250 && received.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        var evt = Assert.Single(received);
        Assert.True(evt.IsVerified);
        Assert.Equal(jobId, evt.JobId);
        Assert.Equal(JobStatus.Succeeded, evt.Status);
        Assert.Equal(1, evt.RetryNumber);
        Assert.True(evt.IsRetry);
        Assert.Equal(WebhookRetryReason.ConnectionFailed, evt.RetryReason);
        AssertConversation(evt.Transcript!);
        Assert.Equal(200, emulator.WebhookDeliveries.Single(d => d.JobId == jobId && d.Attempt == 1).StatusCode);
        await app.StopAsync();
    }
}
