using System.Globalization;
using System.Text;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.IntegrationTests.Emulator;
using Pyannote.Sdk.Webhooks;
using Xunit.Abstractions;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

/// <summary>
/// Webhook rows of the fault matrix: real emulator deliveries (signed, one answered 500 so it is delivered twice) are
/// replayed to the verifier duplicated and out of order; every copy verifies, duplicates collapse on
/// <see cref="PyannoteWebhookEvent.IdempotencyKey"/>, and forgeries built from them are all rejected.
/// Writes <c>artifacts/reliability/webhooks.md</c>.
/// </summary>
public sealed class WebhookDeliveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Duplicate_and_out_of_order_deliveries_verify_and_deduplicate_and_forgeries_are_rejected()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Secrets.EmulatorOptions());
        await using var receiver = await Pyannote.Sdk.IntegrationTests.Emulator.WebhookReceiver.StartAsync(500, 500); // the first delivery of each of two jobs fails once
        using var http = EmulatorTestSupport.Client(emulator.PyannoteEndpoint, bearer: emulator.ApiKey);
        var jobIds = new List<string>();
        foreach (var body in new[] { "{\"url\":\"https://example.com/a.wav\",\"webhook\":\"" + receiver.Url + "\"}", "{\"url\":\"https://example.com/b.wav\",\"webhook\":\"" + receiver.Url + "\",\"webhookStatusOnly\":true}" })
        {
            var created = await EmulatorTestSupport.ReadJsonAsync(await http.PostAsync("v1/diarize", EmulatorTestSupport.Json(body)));
            jobIds.Add(created.GetProperty("jobId").GetString()!);
        }

        for (var i = 0; i < 100 && receiver.Requests.Count < 4; i++)
        {
            await emulator.WaitForWebhooksAsync();
            await Task.Delay(50);
        }

        var deliveries = receiver.Requests.ToArray();
        Assert.True(deliveries.Length >= 4, $"{deliveries.Length} deliveries");
        var leaks = new LeakCapture();

        // Replay: every delivery twice, in reverse order.
        var replay = deliveries.Reverse().Concat(deliveries).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = 0;
        var handled = new List<string>();
        foreach (var d in replay)
        {
            var e = PyannoteWebhook.ConstructEvent(d.Body, d.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value)), Secrets.WebhookSecret);
            leaks.Add(e.ToString());
            accepted++;
            if (seen.Add(e.IdempotencyKey))
            {
                handled.Add($"{e.JobId} {e.Status} (attempt {e.RetryNumber + 1})");
            }
        }

        // Forgeries derived from a real delivery.
        var real = deliveries[0];
        var sig = real.Header("x-signature")!;
        var ts = real.Header("x-request-timestamp")!;
        var forgeries = new (string Name, byte[] Body, string? Signature, string? Timestamp)[]
        {
            ("body changed (status)", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(real.Body).Replace("succeeded", "failed", StringComparison.Ordinal)), sig, ts),
            ("one byte appended", [.. real.Body, (byte)' '], sig, ts),
            ("signature of another delivery", real.Body, deliveries.First(d => !d.Body.AsSpan().SequenceEqual(real.Body)).Header("x-signature"), ts),
            ("timestamp changed by 1 s", real.Body, sig, (long.Parse(ts, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture)),
            ("signed with another secret", real.Body, PyannoteWebhook.CreateSignatureHeaders(real.Body, "not-the-secret", DateTimeOffset.FromUnixTimeSeconds(long.Parse(ts, CultureInfo.InvariantCulture))).Signature, ts),
            ("stale timestamp, valid signature", real.Body, PyannoteWebhook.CreateSignatureHeaders(real.Body, Secrets.WebhookSecret, DateTimeOffset.UtcNow.AddHours(-1)).Signature, DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("no signature", real.Body, null, ts),
            ("no timestamp", real.Body, sig, null),
            ("empty signature", real.Body, "", ts),
            ("signature truncated", real.Body, sig[..^4], ts),
            ("timestamp not a number", real.Body, sig, "yesterday"),
            ("empty body", [], sig, ts),
        };
        var rejected = 0;
        foreach (var f in forgeries)
        {
            var ex = Record.Exception(() => PyannoteWebhook.ConstructEvent(f.Body, f.Signature, f.Timestamp, Secrets.WebhookSecret));
            leaks.AddException(ex);
            if (ex is WebhookVerificationException)
            {
                rejected++;
            }
            else
            {
                output.WriteLine($"forgery '{f.Name}' not rejected: {ex?.GetType().Name ?? "accepted"}");
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Webhooks: {deliveries.Length} emulator deliveries for {jobIds.Count} jobs (each first delivery answered 500, so redelivered with x-retry-num), replayed {replay.Length} times duplicated and in reverse order: {accepted}/{replay.Length} verified, {handled.Count} handled after de-duplication on IdempotencyKey (expected {jobIds.Count}); forgeries rejected {rejected}/{forgeries.Length}; secrets found {leaks.Leaks().Count}.");
        sb.AppendLine();
        sb.AppendLine("| handled event |");
        sb.AppendLine("|---|");
        foreach (var h in handled)
        {
            sb.AppendLine("| " + h + " |");
        }

        output.WriteLine(sb.ToString());
        Report.Write("webhooks.md", sb.ToString());

        Assert.Equal(replay.Length, accepted);
        Assert.Equal(jobIds.Count, handled.Count);
        Assert.Equal(forgeries.Length, rejected);
        Assert.Empty(leaks.Leaks());
    }
}
