using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pyannote.Sdk.Emulator;

namespace Pyannote.Sdk.Benchmarks.Harness;

/// <summary>
/// Probes of issue 13 finding 8 against an in-process emulator on 127.0.0.1. <c>bad-tokens</c>: <c>--n</c> requests to
/// pyannoteAI, each with a different 30 KB bearer token, working set before and after (with a full GC). The other
/// probes are in the vendor folders' parts of this class. One JSON object per probe.
/// </summary>
internal static partial class EmulatorHostilePeers
{
    public static async Task BadTokensAsync(int n)
    {
        await using var emulator = await SpeechEmulator.StartAsync(new SpeechEmulatorOptions { EnforceRateLimits = true });
        using var http = new HttpClient { BaseAddress = emulator.PyannoteEndpoint };
        var token = new string('k', 30_000);
        // Round 1 from a fresh server (pools and the GC heap warm up); round 2 the same again: a leak grows in both.
        var rounds = new List<object>();
        var statuses = new Dictionary<int, int>();
        var start = MemorySampler.CurrentWorkingSet();
        for (var round = 1; round <= 2; round++)
        {
            Settle();
            var before = MemorySampler.CurrentWorkingSet();
            var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                var status = await SendAsync((round * n) + i);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }

            clock.Stop();
            Settle();
            rounds.Add(new
            {
                round,
                seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
                workingSetGrowthMiB = MiB(MemorySampler.CurrentWorkingSet() - before),
                managedHeapGrowthMiB = MiB(GC.GetTotalMemory(forceFullCollection: true) - managedBefore),
            });
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            probe = "emulator-bad-tokens",
            requestsPerRound = n,
            tokenBytes = token.Length + 6,
            statuses,
            workingSetAtStartMiB = MiB(start),
            rounds,
        }));

        async Task<int> SendAsync(int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/test");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + i.ToString("D6", CultureInfo.InvariantCulture) + token);
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
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
