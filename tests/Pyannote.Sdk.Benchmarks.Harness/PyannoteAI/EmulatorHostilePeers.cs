using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Pyannote.Sdk.Emulator;

namespace Pyannote.Sdk.Benchmarks.Harness;

/// <summary>
/// Probes of issue 13 finding 8 against an in-process emulator on 127.0.0.1. <c>bad-tokens</c>: <c>--n</c> requests to
/// pyannoteAI, each with a different 30 KB bearer token, working set before and after (with a full GC).
/// <c>crafted-wav</c>: a Together transcription of 3-second 16-bit WAVs declaring 16 kHz, 768 kHz and 2 MHz, with the
/// wall time of each request and the process CPU time it cost. One JSON object per probe.
/// </summary>
internal static class EmulatorHostilePeers
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

    public static async Task CraftedWavAsync()
    {
        await using var emulator = await SpeechEmulator.StartAsync(new SpeechEmulatorOptions());
        using var http = new HttpClient { BaseAddress = emulator.TogetherEndpoint, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        var results = new List<object>();
        foreach (var rate in new[] { 16_000, 768_000, 2_000_000 })
        {
            var path = Path.Combine(Path.GetTempPath(), $"probe-{rate}-{Guid.NewGuid():N}.wav");
            try
            {
                WriteTones(path, rate, 3.0);
                using var form = new MultipartFormDataContent();
                var file = new StreamContent(File.OpenRead(path));
                file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
                form.Add(file, "file", "crafted.wav");
                form.Add(new StringContent("openai/whisper-large-v3"), "model");
                form.Add(new StringContent("verbose_json"), "response_format");
                form.Add(new StringContent("true"), "diarize");
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                using var response = await http.PostAsync("v1/audio/transcriptions", form);
                clock.Stop();
                var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                results.Add(new { declaredRate = rate, fileMiB = MiB(new FileInfo(path).Length), status = (int)response.StatusCode, wallMs = clock.ElapsedMilliseconds, cpuMs = (long)cpuUsed.TotalMilliseconds });
            }
            finally
            {
                File.Delete(path);
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new { probe = "emulator-crafted-wav", results }));
    }

    /// <summary>A mono 16-bit WAV: 0.3 s of 150 Hz tone at the start of every second.</summary>
    private static void WriteTones(string path, int rate, double seconds)
    {
        var frames = (int)(rate * seconds);
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + (frames * 2));
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], frames * 2);
        file.Write(header);
        var buffer = new byte[8192];
        for (var start = 0; start < frames; start += 4096)
        {
            var count = Math.Min(4096, frames - start);
            for (var i = 0; i < count; i++)
            {
                var t = (start + i) / (double)rate;
                var sample = (t % 1.0) < 0.3 ? (short)(Math.Sin(2 * Math.PI * 150 * t) * 20_000) : (short)0;
                BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(i * 2), sample);
            }

            file.Write(buffer, 0, count * 2);
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
