using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Live;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks.Harness;

/// <summary>
/// Live streaming measurements (docs/benchmarks.md, "Live"), all on loopback:
/// <list type="bullet">
/// <item><c>live-latency</c>: a scripted pyannoteAI-style server answers each audio frame with a speaker event stamped
/// with the send time; the time to the consumer through the SDK, and through a bare ClientWebSocket + JsonDocument as the
/// baseline, per event (p50/p95).</item>
/// <item><c>live-throughput</c>: pyannoteAI live, Together real time and LiveTranscriber against the emulator without
/// pacing, in multiples of real time.</item>
/// <item><c>live-memory</c>: one hour of synthetic two-voice audio through pyannoteAI live, Together real time and
/// LiveTranscriber; managed heap (after a full GC) and working set early and at the end.</item>
/// <item><c>live-captions</c>: conversation.wav paced at real time through LiveTranscriber: delay from each speaker
/// change to the final caption of the turn before it, for several TextLag values; word-level speaker agreement with the
/// batch merge of the same audio; time from cancellation to both sockets closed.</item>
/// </list>
/// </summary>
internal static class LiveBenchmarks
{
    private const int Rate = 16_000;

    private static SpeechEmulatorOptions EmulatorOptions(string audioDir)
    {
        var options = SpeechEmulatorOptions.ForTests();
        options.AudioLibraryDirectories.Add(audioDir);
        return options;
    }

    private static (PyannoteClient Pyannote, TogetherClient Together) Clients(SpeechEmulator emulator) =>
        (new PyannoteClient(emulator.ApiKey, new PyannoteClientOptions { Endpoint = emulator.PyannoteEndpoint }),
         new TogetherClient(emulator.ApiKey, new TogetherClientOptions { Endpoint = emulator.TogetherEndpoint }));

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.000", CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------------------------------------------------------
    // Latency

    public static async Task LatencyAsync(int events, int seconds)
    {
        var epoch = Stopwatch.StartNew();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.UseWebSockets();
        string? baseUrl = null;
        app.MapPost("/v1/live", () => Results.Json(new { id = "bench", url = baseUrl!.Replace("http://", "ws://", StringComparison.Ordinal) + "ws" }));
        app.Map("/ws", async context =>
        {
            // Events go out on the server's own schedule (about one per millisecond, far denser than real speaker
            // changes), each stamped with its send time; the client streams audio at real-time pace meanwhile.
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var sender = Task.Run(async () =>
            {
                for (var i = 0; i < events; i++)
                {
                    var type = i % 2 == 0 ? "diarization_speaker_start" : "diarization_speaker_end";
                    var stamp = epoch.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
                    var json = $"{{\"type\":\"{type}\",\"data\":{{\"timestamp\":{stamp},\"speaker\":\"SPEAKER_00\"}}}}";
                    await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
                    await Task.Delay(1);
                }
            });
            var buffer = new byte[8192];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    await sender; // end_of_stream: the remaining events, then a normal close
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        });
        await app.StartAsync();
        baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";

        async Task<List<double>> SdkAsync()
        {
            var client = new PyannoteClient("bench-key", new PyannoteClientOptions { Endpoint = new Uri(baseUrl) });
            var delays = new List<double>(events);
            var audio = LiveAudioSource.FromPcmChunks(Silence(TimeSpan.FromSeconds(seconds)), LiveAudioFormat.Pcm16Mono16kHz);
            await foreach (var e in client.StreamLiveDiarizationAsync(audio, new PyannoteLiveOptions { Pacing = LivePacing.RealTime, CloseTimeout = TimeSpan.FromMinutes(2) }))
            {
                var time = e switch { PyannoteSpeakerStarted s => s.Time, PyannoteSpeakerEnded x => x.Time, _ => TimeSpan.Zero };
                delays.Add(epoch.Elapsed.TotalSeconds - time.TotalSeconds);
            }

            return delays;
        }

        async Task<List<double>> RawAsync()
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "ws"), CancellationToken.None);
            var delays = new List<double>(events);
            var frame = new byte[6400];
            var receiver = Task.Run(async () =>
            {
                var buffer = new byte[8192];
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    using var document = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                    var stamp = document.RootElement.GetProperty("data").GetProperty("timestamp").GetDouble();
                    delays.Add(epoch.Elapsed.TotalSeconds - stamp);
                }
            });
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < seconds * 10; i++)
            {
                var due = TimeSpan.FromMilliseconds(100 * i) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                await socket.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);
            }

            await socket.SendAsync("{\"type\":\"end_of_stream\"}"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            await receiver;
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            return delays;
        }

        // The first 500 events of each run warm the path up and are left out.
        var sdk = (await SdkAsync()).Skip(500).ToList();
        var raw = (await RawAsync()).Skip(500).ToList();
        sdk.Sort();
        raw.Sort();
        Console.WriteLine(new JsonObject
        {
            ["mode"] = "live-latency",
            ["events"] = sdk.Count,
            ["sdk_p50_ms"] = Ms(Percentile(sdk, 0.50)),
            ["sdk_p95_ms"] = Ms(Percentile(sdk, 0.95)),
            ["raw_p50_ms"] = Ms(Percentile(raw, 0.50)),
            ["raw_p95_ms"] = Ms(Percentile(raw, 0.95)),
            ["added_p50_ms"] = Ms(Percentile(sdk, 0.50) - Percentile(raw, 0.50)),
            ["added_p95_ms"] = Ms(Percentile(sdk, 0.95) - Percentile(raw, 0.95)),
        }.ToJsonString());
        await app.StopAsync();
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Silence(TimeSpan duration, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chunk = new byte[3200]; // 100 ms of 16-bit zeros
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(100))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }

        await Task.CompletedTask;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Throughput and memory

    /// <summary>Two alternating voices (150 Hz and 260 Hz tones, 3 s each, 0.7 s pauses) for the emulator's energy
    /// detector: speaker turns and placeholder words for as long as it runs. 16 kHz mono 16-bit.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> TwoVoices(TimeSpan duration, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cycle = new short[(int)(Rate * 7.4)];
        void Tone(int from, int count, double hz)
        {
            for (var i = 0; i < count; i++)
            {
                cycle[from + i] = (short)(Math.Sin(2 * Math.PI * hz * i / Rate) * 9000);
            }
        }

        Tone(0, 3 * Rate, 150);
        Tone((int)(3.7 * Rate), 3 * Rate, 260);
        var bytes = new byte[cycle.Length * 2];
        Buffer.BlockCopy(cycle, 0, bytes, 0, bytes.Length);
        var total = (long)(duration.TotalSeconds * Rate * 2);
        for (long sent = 0; sent < total;)
        {
            for (var offset = 0; offset < bytes.Length && sent < total; offset += 3200)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = (int)Math.Min(Math.Min(3200, bytes.Length - offset), total - sent);
                yield return bytes.AsMemory(offset, n);
                sent += n;
            }
        }

        await Task.CompletedTask;
    }

    public static async Task ThroughputAsync(string audioDir, double minutes, bool memory)
    {
        await using var emulator = await SpeechEmulator.StartAsync(EmulatorOptions(audioDir));
        var (pyannote, together) = Clients(emulator);
        var duration = TimeSpan.FromMinutes(minutes);
        var results = new JsonObject { ["mode"] = memory ? "live-memory" : "live-throughput", ["audio_s"] = duration.TotalSeconds };

        async Task Measure(string name, Func<LiveAudioSource, Action, Task<long>> run)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long? early = null, earlyWs = null;
            var startHeap = GC.GetTotalMemory(true);
            var clock = Stopwatch.StartNew();
            var count = await run(LiveAudioSource.FromPcmChunks(TwoVoices(duration), LiveAudioFormat.Pcm16Mono16kHz), () =>
            {
                // Called once, a twelfth of the way in (after 5 min of a 1 h stream): the baseline for growth.
                early = GC.GetTotalMemory(true);
                earlyWs = MemorySampler.CurrentWorkingSet();
            });
            var seconds = clock.Elapsed.TotalSeconds;
            var endHeap = GC.GetTotalMemory(true);
            var endWs = MemorySampler.CurrentWorkingSet();
            var entry = new JsonObject
            {
                ["events"] = count,
                ["wall_s"] = Math.Round(seconds, 2),
                ["x_real_time"] = Math.Round(duration.TotalSeconds / seconds, 1),
            };
            if (memory)
            {
                entry["heap_start_mb"] = Math.Round(startHeap / 1048576.0, 1);
                entry["heap_early_mb"] = Math.Round((early ?? startHeap) / 1048576.0, 1);
                entry["heap_end_mb"] = Math.Round(endHeap / 1048576.0, 1);
                entry["heap_growth_mb"] = Math.Round((endHeap - (early ?? startHeap)) / 1048576.0, 1);
                entry["ws_early_mb"] = Math.Round((earlyWs ?? 0) / 1048576.0, 1);
                entry["ws_end_mb"] = Math.Round(endWs / 1048576.0, 1);
            }

            results[name] = entry;
        }

        var twelfth = duration / 12;
        await Measure("pyannote_live", async (audio, mark) =>
        {
            long n = 0;
            var marked = false;
            await foreach (var e in pyannote.StreamLiveDiarizationAsync(audio, new PyannoteLiveOptions { Pacing = LivePacing.None, CloseTimeout = TimeSpan.FromMinutes(5) }))
            {
                n++;
                if (!marked && e is PyannoteSpeakerStarted s && s.Time >= twelfth)
                {
                    marked = true;
                    mark();
                }
            }

            return n;
        });
        await Measure("together_realtime", async (audio, mark) =>
        {
            long n = 0;
            var marked = false;
            var segments = 0;
            await foreach (var e in together.StreamRealtimeTranscriptionAsync(audio, new TogetherRealtimeOptions { Pacing = LivePacing.None, FinalResultTimeout = TimeSpan.FromMinutes(5) }))
            {
                n++;
                if (e is TogetherTranscriptionCompleted && ++segments == (int)(duration.TotalSeconds / 7.4 * 2 / 12) && !marked)
                {
                    marked = true;
                    mark();
                }
            }

            return n;
        });
        await Measure("live_captions", async (audio, mark) =>
        {
            long n = 0;
            var marked = false;
            var transcriber = new LiveTranscriber(pyannote, together, new LiveTranscriberOptions { Pacing = LivePacing.None, FinalResultTimeout = TimeSpan.FromMinutes(5) });
            await foreach (var e in transcriber.TranscribeAsync(audio))
            {
                n++;
                if (!marked && e is LiveCaptionFinal f && f.Turn.End >= twelfth)
                {
                    marked = true;
                    mark();
                }
            }

            return n;
        });
        Console.WriteLine(results.ToJsonString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Captions: delay, accuracy, cancellation

    public static async Task CaptionsAsync(string audioDir, int cancellations)
    {
        var wav = Path.Combine(audioDir, "conversation.wav");
        using var sidecar = JsonDocument.Parse(File.ReadAllBytes(wav + ".transcript.json"));
        var turnStarts = sidecar.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("start").GetDouble()).ToArray();
        var audioEnd = sidecar.RootElement.GetProperty("duration").GetDouble();
        await using var emulator = await SpeechEmulator.StartAsync(EmulatorOptions(audioDir));
        var (pyannote, together) = Clients(emulator);
        var results = new JsonObject { ["mode"] = "live-captions" };

        // Batch reference: pyannoteAI diarization + Together words, merged.
        var audioInput = AudioInput.FromFile(wav);
        var diarization = await pyannote.DiarizeAsync(audioInput, new DiarizationOptions { Exclusive = true });
        var words = await together.CreateTranscriptionAsync(audioInput, new TogetherTranscriptionOptions
        {
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            TimestampGranularities = TogetherTimestampGranularities.Word,
        });
        var batch = TranscriptMerger.Merge(words.Words.Select(w => new TranscriptWord(w.Word, w.Start, w.End)), diarization.Diarization, diarization.ExclusiveDiarization);

        foreach (var lag in new[] { 0.5, 1.0, 2.0 })
        {
            var transcriber = new LiveTranscriber(pyannote, together, new LiveTranscriberOptions { TextLag = TimeSpan.FromSeconds(lag) });
            var started = new TaskCompletionSource<long>();
            var source = LiveAudioSource.FromPcmChunks(Timed(File.ReadAllBytes(wav).AsMemory(44), started), LiveAudioFormat.Pcm16Mono16kHz);
            var delays = new List<double>();
            Transcript? live = null;
            var finalIndex = 0;
            await foreach (var e in transcriber.TranscribeAsync(source))
            {
                if (e is LiveCaptionFinal)
                {
                    // The change that ended this turn: the next turn's start, or the end of the audio for the last.
                    var change = finalIndex + 1 < turnStarts.Length ? turnStarts[finalIndex + 1] : audioEnd;
                    delays.Add(Stopwatch.GetElapsedTime(await started.Task).TotalSeconds - change);
                    finalIndex++;
                }
                else if (e is LiveCaptionsCompleted c)
                {
                    live = c.Transcript;
                }
            }

            delays.Sort();
            results[$"lag_{lag.ToString("0.0", CultureInfo.InvariantCulture)}s"] = new JsonObject
            {
                ["finals"] = delays.Count,
                ["delay_p50_ms"] = Ms(Percentile(delays, 0.5)),
                ["delay_max_ms"] = Ms(delays.Count > 0 ? delays[^1] : double.NaN),
                ["word_speaker_agreement"] = Math.Round(Agreement(batch, live!), 4),
                ["batch_words"] = batch.Words.Count,
            };
        }

        // Cancellation: time from Cancel() until the enumeration has ended, i.e. both sockets are closed.
        var closes = new List<double>();
        for (var i = 0; i < cancellations; i++)
        {
            var transcriber = new LiveTranscriber(pyannote, together, new LiveTranscriberOptions { Pacing = LivePacing.RealTime });
            using var cts = new CancellationTokenSource();
            long canceledAt = 0;
            try
            {
                await foreach (var e in transcriber.TranscribeAsync(LiveAudioSource.FromWavFile(wav), cts.Token))
                {
                    if (e is LiveCaptionProvisional)
                    {
                        canceledAt = Stopwatch.GetTimestamp();
                        await cts.CancelAsync();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                closes.Add(Stopwatch.GetElapsedTime(canceledAt).TotalSeconds);
            }
        }

        closes.Sort();
        results["cancel_to_closed"] = new JsonObject
        {
            ["runs"] = closes.Count,
            ["p50_ms"] = Ms(Percentile(closes, 0.5)),
            ["p95_ms"] = Ms(Percentile(closes, 0.95)),
            ["max_ms"] = Ms(closes.Count > 0 ? closes[^1] : double.NaN),
        };
        Console.WriteLine(results.ToJsonString());
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Timed(ReadOnlyMemory<byte> pcm, TaskCompletionSource<long> started)
    {
        started.TrySetResult(Stopwatch.GetTimestamp());
        for (var offset = 0; offset < pcm.Length; offset += 3200)
        {
            yield return pcm.Slice(offset, Math.Min(3200, pcm.Length - offset));
        }

        await Task.CompletedTask;
    }

    /// <summary>Share of the batch words whose speaker the live result gives too: both word sequences (normalised) are
    /// aligned by longest common subsequence; a batch word left unmatched counts as a disagreement.</summary>
    private static double Agreement(Transcript batch, Transcript live)
    {
        var a = batch.Words.Select(w => (Word: Normalize(w.Text), w.Speaker)).Where(w => w.Word.Length > 0).ToArray();
        var b = live.Turns.SelectMany(t => t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (Word: Normalize(w), t.Speaker))).Where(w => w.Word.Length > 0).ToArray();
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i].Word == b[j].Word ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var pairs = new List<(string? Batch, string? Live)>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x].Word == b[y].Word)
            {
                pairs.Add((a[x].Speaker, b[y].Speaker));
                x++;
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                x++;
            }
            else
            {
                y++;
            }
        }

        // Labels of two sessions need not agree: each live label stands for the batch label it shares most words with.
        var map = pairs.GroupBy(p => p.Live).ToDictionary(g => g.Key ?? "", g => g.GroupBy(p => p.Batch).OrderByDescending(h => h.Count()).First().Key);
        var agree = pairs.Count(p => map[p.Live ?? ""] == p.Batch && p.Batch is not null);
        return a.Length == 0 ? 1 : agree / (double)a.Length;
    }

    private static string Normalize(string word) => new string(word.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
