using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.Benchmarks.Harness;

/// <summary>
/// The slow-sender probe of issue 13 finding 2: a real Kestrel on 127.0.0.1 with <c>MapPyannoteWebhook</c> (default
/// options), and <c>--senders</c> unauthenticated connections that trickle about <c>--rate</c> bytes per second for
/// <c>--seconds</c>. Each sender carries a well-formed but forged <c>X-Signature</c> and a fresh timestamp, so it passes
/// every check that needs no body. <c>--shape declared</c>: each declares <c>Content-Length: --declare</c> (default 64 MiB);
/// <c>--shape chunked</c>: chunked bodies with no declared length. GC committed memory (after a gen-0 collection, so the figure is current) and the working set are sampled every 250 ms; the
/// result is one JSON object.
/// </summary>
internal static class WebhookSlowSenders
{
    public static async Task RunAsync(int senders, int rate, int seconds, string shape, long declare)
    {
        if (shape is not ("declared" or "chunked"))
        {
            throw new ArgumentException("--shape must be declared or chunked.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var handled = 0;
        app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = ["probe-secret"] }, (evt, http, ct) =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        Settle();
        var baseline = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var peak = baseline;
        var baselineRss = MemorySampler.CurrentWorkingSet();
        var peakRss = baselineRss;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // GetGCMemoryInfo describes the last GC, so a cheap gen-0 collection makes each sample current.
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                peak = Math.Max(peak, GC.GetGCMemoryInfo().TotalCommittedBytes);
                peakRss = Math.Max(peakRss, MemorySampler.CurrentWorkingSet());
                await Task.Delay(250).ConfigureAwait(false);
            }
        });

        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, senders).Select(i => SendAsync(address, shape, declare, rate, stop.Token)));
        await sampler;
        var peakDuring = peak;
        var endOfRun = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Settle();
        var afterCollect = GC.GetGCMemoryInfo().TotalCommittedBytes;
        await app.StopAsync();
        await app.DisposeAsync();

        var byOutcome = outcomes.GroupBy(o => o.Outcome).ToDictionary(g => g.Key, g => g.Count());
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            probe = "webhook-slow-senders",
            shape,
            declaredBytes = shape == "declared" ? declare : (long?)null,
            senders,
            bytesPerSecond = rate,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            bytesSentTotal = outcomes.Sum(o => o.BytesSent),
            outcomes = byOutcome,
            handlerCalls = handled,
            committedBaselineMiB = MiB(baseline),
            committedPeakGrowthMiB = MiB(peakDuring - baseline),
            committedEndOfRunGrowthMiB = MiB(endOfRun - baseline),
            committedAfterCollectGrowthMiB = MiB(afterCollect - baseline),
            workingSetBaselineMiB = MiB(baselineRss),
            workingSetPeakGrowthMiB = MiB(peakRss - baselineRss),
        }));
    }

    private static async Task<(string Outcome, long BytesSent)> SendAsync(Uri address, string shape, long declare, int rate, CancellationToken stop)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = client.GetStream();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var forged = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var head = new StringBuilder()
            .Append("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
            .Append("X-Signature: ").Append(forged).Append("\r\n")
            .Append("X-Request-Timestamp: ").Append(timestamp).Append("\r\n")
            .Append(shape == "declared" ? "Content-Length: " + declare.ToString(CultureInfo.InvariantCulture) + "\r\n" : "Transfer-Encoding: chunked\r\n")
            .Append("\r\n");
        long sent = 0;
        var reader = ReadStatusAsync(stream);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stop);
            // Ten writes a second of rate/10 bytes each: about `rate` bytes per second.
            var slice = Math.Max(1, rate / 10);
            var payload = Encoding.ASCII.GetBytes(new string('a', slice));
            var chunk = Encoding.ASCII.GetBytes(slice.ToString("x", CultureInfo.InvariantCulture) + "\r\n" + new string('a', slice) + "\r\n");
            while (!stop.IsCancellationRequested && !reader.IsCompleted)
            {
                await stream.WriteAsync(shape == "declared" ? payload : chunk, stop);
                sent += slice;
                await Task.Delay(100, stop);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
        }

        client.Close();
        var status = await reader;
        return (status, sent);
    }

    private static async Task<string> ReadStatusAsync(NetworkStream stream)
    {
        var buffer = new byte[256];
        try
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return "closed by server";
            }

            var line = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
            return line.Length > 12 ? line[9..12] : line;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return "open until the end (no answer)";
        }
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double MiB(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);
}
