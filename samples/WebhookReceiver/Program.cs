// Receives pyannoteAI and JigsawStack webhooks: verifies every delivery, answers at once, does the work in the
// background, and ignores redeliveries it has already handled.
//
//   dotnet run --project samples/WebhookReceiver                                  # listens on http://127.0.0.1:5089
//   dotnet run --project samples/WebhookReceiver -- --urls http://127.0.0.1:6000  # or set ASPNETCORE_URLS
//
// Secrets come from configuration (Pyannote:Webhooks:Secrets:0, JigsawStack:Webhooks:Secrets:0, e.g. environment
// variables Pyannote__Webhooks__Secrets__0); without them the sample makes a development secret and prints a signed
// curl command to try it. No API key is needed.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Pyannote.Sdk.Webhooks;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5089");
}

var devSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
builder.Services.Configure<PyannoteWebhookOptions>(builder.Configuration.GetSection("Pyannote:Webhooks"));
builder.Services.PostConfigure<PyannoteWebhookOptions>(o => { if (o.Secrets.Count == 0) { o.Secrets.Add(devSecret); } });
builder.Services.Configure<JigsawStackWebhookOptions>(builder.Configuration.GetSection("JigsawStack:Webhooks"));
builder.Services.PostConfigure<JigsawStackWebhookOptions>(o => { if (o.Secrets.Count == 0) { o.Secrets.Add(devSecret); } });

// Work is queued, not done in the handler: pyannoteAI waits only 10 seconds for the answer before it redelivers.
builder.Services.AddSingleton(Channel.CreateUnbounded<object>());
builder.Services.AddSingleton<ProcessedDeliveries>();
builder.Services.AddHostedService<ResultProcessor>();

var app = builder.Build();

app.MapPyannoteWebhook("/webhooks/pyannote", (evt, http, ct) =>
{
    var processed = http.RequestServices.GetRequiredService<ProcessedDeliveries>();
    if (!processed.TryClaim(evt.IdempotencyKey))
    {
        app.Logger.LogInformation("Duplicate delivery of {Key} (attempt {Attempt}, reason {Reason}); already handled.", evt.IdempotencyKey, evt.RetryNumber + 1, evt.RetryReason);
        return Task.CompletedTask;
    }

    http.RequestServices.GetRequiredService<Channel<object>>().Writer.TryWrite(evt);
    return Task.CompletedTask;
});

app.MapJigsawStackWebhook("/webhooks/jigsawstack", (evt, http, ct) =>
{
    var processed = http.RequestServices.GetRequiredService<ProcessedDeliveries>();
    if (processed.TryClaim(evt.IdempotencyKey))
    {
        http.RequestServices.GetRequiredService<Channel<object>>().Writer.TryWrite(evt);
    }

    return Task.CompletedTask;
});

app.MapGet("/", () => "POST pyannoteAI webhooks to /webhooks/pyannote and JigsawStack webhooks to /webhooks/jigsawstack.");

app.Lifetime.ApplicationStarted.Register(() =>
{
    var address = app.Urls.FirstOrDefault() ?? "http://127.0.0.1:5089";
    var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PyannoteWebhookOptions>>().Value;
    if (!options.Secrets.Contains(devSecret))
    {
        app.Logger.LogInformation("Listening on {Address}; secrets from configuration.", address);
        return;
    }

    // A signed example delivery, valid for the tolerance (5 minutes), to try the endpoint by hand.
    var body = """{"jobId":"3c8a89a5-dcc6-4edb-a75d-ffd64739674d","status":"succeeded","output":{"diarization":[{"start":0.0,"end":1.5,"speaker":"SPEAKER_00"},{"start":1.5,"end":3.0,"speaker":"SPEAKER_01"}]}}""";
    var signed = PyannoteWebhook.CreateSignatureHeaders(Encoding.UTF8.GetBytes(body), devSecret, DateTimeOffset.UtcNow);
    var callback = JigsawStackWebhook.CreateCallbackUrl(new Uri(address.TrimEnd('/') + "/webhooks/jigsawstack"), devSecret, "recording-42");
    Console.WriteLine($"""
        Listening on {address} with a development secret (set Pyannote:Webhooks:Secrets:0 to use your own).
        Try a signed pyannoteAI delivery (send it twice to see the duplicate detection):
          curl -i {address.TrimEnd('/')}/webhooks/pyannote -H 'Content-Type: application/json' -H '{PyannoteWebhookHeaders.SignatureName}: {signed.Signature}' -H '{PyannoteWebhookHeaders.TimestampName}: {signed.Timestamp}' --data-raw '{body}'
        JigsawStack callback URL for correlation id recording-42:
          {callback}
        """);
});

app.Run();

/// <summary>Idempotency keys of deliveries already accepted (a database table with a unique key in production).</summary>
internal sealed class ProcessedDeliveries
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time a key is seen, false for every redelivery.</summary>
    public bool TryClaim(string key) => _seen.TryAdd(key, DateTimeOffset.UtcNow);
}

/// <summary>Does the slow part (storing results, notifying users) outside the request.</summary>
internal sealed class ResultProcessor(Channel<object> queue, ILogger<ResultProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
        {
            switch (item)
            {
                case PyannoteWebhookEvent { Diarization: { } diarization } evt:
                    logger.LogInformation("Job {JobId} {Status}: {Segments} segments, {Speakers} speakers{Transcript}.", evt.JobId, evt.Status, diarization.Diarization.Count,
                        diarization.Diarization.Select(s => s.Speaker).Distinct().Count(), evt.Transcript is { } t ? $", transcript of {t.Turns.Count} turns" : string.Empty);
                    break;
                case PyannoteWebhookEvent evt:
                    logger.LogInformation("Job {JobId} {Status} ({Kind}){Error}.", evt.JobId, evt.Status, evt.JobKind, evt.Error is null ? string.Empty : ": " + evt.Error);
                    break;
                case JigsawStackWebhookEvent evt:
                    logger.LogInformation("JigsawStack job {Id} for {CorrelationId}: {Status}, {Chars} characters.", evt.Id, evt.CorrelationId, evt.Status, evt.Transcription.Text.Length);
                    break;
            }
        }
    }
}
