using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.IntegrationTests.Webhooks;

/// <summary>
/// Real deliveries over loopback into the ASP.NET Core endpoints (Kestrel on 127.0.0.1:0): the emulator signs and
/// POSTs pyannoteAI webhooks (and redelivers with x-retry-num when the receiver fails or is too slow) and POSTs
/// JigsawStack results to a tokenised callback URL; a plain HttpClient sends hand-made deliveries for the rejections.
/// </summary>
public class WebhookEndpointTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(WebhookSignatureEncoding.Base64, PyannoteSignatureEncodings.Base64)]
    [InlineData(WebhookSignatureEncoding.Hex, PyannoteSignatureEncodings.Hex)]
    [InlineData(WebhookSignatureEncoding.V0Hex, PyannoteSignatureEncodings.PrefixedHex)]
    public async Task An_emulator_delivery_in_each_encoding_reaches_the_handler_as_a_typed_event(WebhookSignatureEncoding sent, PyannoteSignatureEncodings matched)
    {
        var options = SpeechEmulatorOptions.ForTests();
        options.WebhookSignatureEncoding = sent;
        options.WebhookSecret = "whsec-integration-" + sent;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        var events = new ConcurrentQueue<PyannoteWebhookEvent>();
        await using var receiver = await Receiver.StartAsync(app => app.MapPyannoteWebhook("/webhooks/pyannote", new PyannoteWebhookOptions { Secrets = [emulator.WebhookSecret] }, (evt, http, ct) =>
        {
            events.Enqueue(evt);
            return Task.CompletedTask;
        }));

        var jobId = await StartDiarizationAsync(emulator, new Uri(receiver.BaseAddress, "/webhooks/pyannote"), """ "numSpeakers":2 """);
        await emulator.WaitForWebhooksAsync().WaitAsync(Wait);

        var evt = Assert.Single(events);
        Assert.Equal(jobId, evt.JobId);
        Assert.True(evt.Status.IsSucceeded);
        Assert.Equal(matched, evt.SignatureEncoding);
        Assert.Equal(PyannoteWebhookJobKind.Diarization, evt.JobKind);
        Assert.NotEmpty(evt.Diarization!.Diarization);
        Assert.Equal(0, evt.RetryNumber);
        Assert.Equal("delivered", Assert.Single(emulator.WebhookDeliveries).Outcome);
    }

    [Fact]
    public async Task A_failing_handler_gets_a_500_and_the_redelivery_carries_the_retry_headers_and_the_same_key()
    {
        await using var emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());
        var events = new ConcurrentQueue<PyannoteWebhookEvent>();
        var calls = 0;
        await using var receiver = await Receiver.StartAsync(app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = ["rotated-out", emulator.WebhookSecret] }, (evt, http, ct) =>
        {
            events.Enqueue(evt);
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("database unavailable");
            }

            return Task.CompletedTask;
        }));

        await StartDiarizationAsync(emulator, new Uri(receiver.BaseAddress, "/hook"), """ "transcription":true """);
        await emulator.WaitForWebhooksAsync().WaitAsync(Wait);

        Assert.Equal(["http_error", "delivered"], emulator.WebhookDeliveries.Select(d => d.Outcome));
        Assert.Equal(500, emulator.WebhookDeliveries[0].StatusCode);
        var attempts = events.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal([0, 1], attempts.Select(e => e.RetryNumber));
        Assert.Equal(WebhookRetryReason.HttpError, attempts[1].RetryReason);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        Assert.NotNull(attempts[1].Transcript);
    }

    [Fact]
    public async Task A_slow_handler_causes_a_timeout_redelivery_that_idempotent_handling_skips()
    {
        // The emulator's receiver time limit runs on a fake clock: the first attempt times out when the test moves the
        // clock (while the handler is still busy), and the redelivery cannot time out however slowly a loaded machine
        // serves it. The clock starts at the real time so that the signed timestamps are fresh for the endpoint.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = SpeechEmulatorOptions.ForTests();
        options.TimeProvider = clock;
        options.WebhookTimeout = TimeSpan.FromSeconds(10);
        await using var emulator = await SpeechEmulator.StartAsync(options);
        var processed = new ConcurrentDictionary<string, int>();
        var duplicates = new ConcurrentQueue<PyannoteWebhookEvent>();
        var slowWorkStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowWorkDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await Receiver.StartAsync(app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = [emulator.WebhookSecret] }, async (evt, http, ct) =>
        {
            if (!processed.TryAdd(evt.IdempotencyKey, evt.RetryNumber))
            {
                duplicates.Enqueue(evt);
                return;
            }

            // Doing slow work inline (instead of queueing it) makes the sender give up and redeliver.
            slowWorkStarted.TrySetResult();
            await slowWorkDone.Task;
        }));

        try
        {
            await StartDiarizationAsync(emulator, new Uri(receiver.BaseAddress, "/hook"), string.Empty);
            await slowWorkStarted.Task.WaitAsync(Wait);
            clock.Advance(options.WebhookTimeout);
            await emulator.WaitForWebhooksAsync().WaitAsync(Wait);
        }
        finally
        {
            slowWorkDone.TrySetResult();
        }

        Assert.Equal("http_timeout", emulator.WebhookDeliveries[0].Outcome);
        Assert.Equal("delivered", emulator.WebhookDeliveries[^1].Outcome);
        Assert.Equal(0, Assert.Single(processed).Value);
        var duplicate = Assert.Single(duplicates);
        Assert.Equal(1, duplicate.RetryNumber);
        Assert.Equal(WebhookRetryReason.HttpTimeout, duplicate.RetryReason);
    }

    [Fact]
    public async Task Deliveries_signed_with_another_secret_are_refused_with_401_and_never_reach_the_handler()
    {
        await using var emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());
        var handled = 0;
        await using var receiver = await Receiver.StartAsync(app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = ["not-the-emulator-secret"] }, (evt, http, ct) =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        }));

        await StartDiarizationAsync(emulator, new Uri(receiver.BaseAddress, "/hook"), string.Empty);
        await emulator.WaitForWebhooksAsync().WaitAsync(Wait);

        Assert.Equal(0, handled);
        Assert.Equal(4, emulator.WebhookDeliveries.Count); // the first delivery and three retries
        Assert.All(emulator.WebhookDeliveries, d => Assert.Equal(401, d.StatusCode));
    }

    [Fact]
    public async Task Hand_made_deliveries_are_answered_with_the_right_status_and_no_secret()
    {
        const string secret = "whsec-hand-made";
        var events = new ConcurrentQueue<PyannoteWebhookEvent>();
        await using var receiver = await Receiver.StartAsync(
            app => app.MapPyannoteWebhook("/hook", (evt, http, ct) =>
            {
                events.Enqueue(evt);
                http.Response.StatusCode = StatusCodes.Status202Accepted;
                return Task.CompletedTask;
            }),
            services => services.Configure<PyannoteWebhookOptions>(o =>
            {
                o.Secrets.Add(secret);
                o.MaxBodyBytes = 64 * 1024;
            }));
        using var http = new HttpClient { BaseAddress = receiver.BaseAddress };
        var body = "{\"jobId\":\"hand-1\",\"status\":\"failed\"}"u8.ToArray();

        async Task<(HttpStatusCode Status, string Text)> SendAsync(byte[] content, PyannoteWebhookHeaders headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/hook") { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in headers.ToList())
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var good = PyannoteWebhook.CreateSignatureHeaders(body, secret, DateTimeOffset.UtcNow) with { RetryNumber = "2", RetryReason = "connection_failed" };
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(body, good)).Status);
        var evt = Assert.Single(events);
        Assert.Equal(2, evt.RetryNumber);
        Assert.Equal(WebhookRetryReason.ConnectionFailed, evt.RetryReason);
        Assert.True(evt.IsStatusOnly);

        var wrong = await SendAsync(body, PyannoteWebhook.CreateSignatureHeaders(body, "other", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("Webhook rejected: SignatureMismatch", wrong.Text);
        Assert.DoesNotContain(secret, wrong.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(body, PyannoteWebhook.CreateSignatureHeaders(body, secret, DateTimeOffset.UtcNow.AddMinutes(-10)))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(body, good with { Timestamp = null })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(body, good with { Timestamp = "soon" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(body, good with { Signature = "zz" })).Status);
        var notJson = "not json"u8.ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(notJson, PyannoteWebhook.CreateSignatureHeaders(notJson, secret, DateTimeOffset.UtcNow))).Status);
        var large = new byte[100 * 1024];
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(large, PyannoteWebhook.CreateSignatureHeaders(large, secret, DateTimeOffset.UtcNow))).Status);
        Assert.Single(events);
    }

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

    private static async Task<string> StartDiarizationAsync(SpeechEmulator emulator, Uri webhook, string extraFields)
    {
        // The SDK's PyannoteClient insists on https webhooks (as the real API does); the emulator accepts http on loopback,
        // so the job is created with a raw request.
        using var api = new HttpClient { BaseAddress = emulator.PyannoteEndpoint };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        var extra = string.IsNullOrWhiteSpace(extraFields) ? string.Empty : "," + extraFields;
        using var response = await api.PostAsync("v1/diarize", new StringContent($$"""{"url":"https://example.com/meeting.wav","webhook":"{{webhook}}"{{extra}}}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("jobId").GetString()!;
    }

    /// <summary>A Kestrel app on 127.0.0.1:0 with the webhook endpoints under test.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app, Uri baseAddress)
        {
            _app = app;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<Receiver> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            services?.Invoke(builder.Services);
            var app = builder.Build();
            map(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Receiver(app, new Uri(address));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
