using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Pyannote.Sdk.Emulator;

namespace Pyannote.Sdk.Benchmarks.Harness;

/// <summary>
/// <c>crafted-wav</c>: a Together transcription of 3-second 16-bit WAVs declaring 16 kHz, 768 kHz and 2 MHz, with the
/// wall time of each request and the process CPU time it cost.
/// </summary>
internal static partial class EmulatorHostilePeers
{
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
}
