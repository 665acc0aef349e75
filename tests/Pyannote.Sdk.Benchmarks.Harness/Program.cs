// Whole-process measurements that BenchmarkDotNet cannot make (peak memory of one operation in a fresh process,
// latency percentiles and throughput at a fixed concurrency). One mode per process; prints one JSON object on stdout.
//
//   upload     --mode sdk|raw --file <path> --endpoint <pyannote endpoint> [--key <api key>]
//              sdk: PyannoteClient.UploadAsync(AudioInput.FromFile(path)) (POST /v1/media/input, then streamed PUT)
//              raw: the same POST with HttpClient, then a PUT of a StreamContent over the file to the pre-signed URL
//   transcribe --vendor together|jigsawstack --audio <wav> --endpoint <vendor endpoint> [--key <k>] [--n 50] [--warmup 5]
//              [--concurrency 8] [--calls 200]
//              together: TogetherClient.CreateTranscriptionAsync (file upload, verbose_json, diarize, segment+word) + ToTranscript()
//              jigsawstack: file stored once with UploadFileAsync, then CreateTranscriptionAsync (url mode, by_speaker) + ToTranscript()
//
//   webhook-slow-senders [--senders 40] [--rate 300] [--seconds 60] [--shape declared|chunked] [--declare 67108864]
//              a Kestrel on 127.0.0.1 with MapPyannoteWebhook, and slow unauthenticated senders; GC committed growth
//   emulator-bad-tokens [--n 4000]   pyannoteAI requests with distinct 30 KB bearer tokens; working-set growth
//   emulator-crafted-wav             Together transcriptions of WAVs declaring 16 kHz, 768 kHz and 2 MHz; time and CPU
//
//   live-latency [--events 10000] [--seconds 30]  SDK vs bare ClientWebSocket time per pyannoteAI live event (p50/p95), audio paced
//   live-throughput --audio-dir samples/audio [--minutes 10]   pyannoteAI live, Together real time, LiveTranscriber, no pacing
//   live-memory --audio-dir samples/audio [--minutes 60]       the same over an hour of audio: heap and working set
//   live-captions --audio-dir samples/audio [--cancellations 20]  caption delay (paced), speaker agreement, cancel-to-closed
//
// Used by eng/bench-upload.sh and eng/bench-official-sdks.sh; see docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pyannote.Sdk;
using Pyannote.Sdk.Benchmarks.Harness;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;

var command = args.Length > 0 ? args[0] : "";
string Arg(string name, string? fallback = null)
{
    var i = Array.IndexOf(args, "--" + name);
    if (i >= 0 && i + 1 < args.Length)
    {
        return args[i + 1];
    }

    return fallback ?? throw new ArgumentException($"--{name} is required.");
}

int IntArg(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (command)
{
    case "upload":
        await UploadAsync(Arg("mode"), Arg("file"), new Uri(Arg("endpoint")), Arg("key", "emulator-key"));
        return 0;
    case "transcribe":
        await TranscribeAsync(Arg("vendor"), Arg("audio"), new Uri(Arg("endpoint")), Arg("key", "emulator-key"),
            IntArg("n", 50), IntArg("warmup", 5), IntArg("concurrency", 8), IntArg("calls", 200));
        return 0;
    case "webhook-slow-senders":
        await WebhookSlowSenders.RunAsync(IntArg("senders", 40), IntArg("rate", 300), IntArg("seconds", 60), Arg("shape", "declared"),
            long.Parse(Arg("declare", "67108864"), CultureInfo.InvariantCulture));
        return 0;
    case "emulator-bad-tokens":
        await EmulatorHostilePeers.BadTokensAsync(IntArg("n", 4000));
        return 0;
    case "emulator-crafted-wav":
        await EmulatorHostilePeers.CraftedWavAsync();
        return 0;
    case "live-latency":
        await LiveBenchmarks.LatencyAsync(IntArg("events", 10000), IntArg("seconds", 30));
        return 0;
    case "live-throughput":
        await LiveBenchmarks.ThroughputAsync(Arg("audio-dir"), double.Parse(Arg("minutes", "10"), CultureInfo.InvariantCulture), memory: false);
        return 0;
    case "live-memory":
        await LiveBenchmarks.ThroughputAsync(Arg("audio-dir"), double.Parse(Arg("minutes", "60"), CultureInfo.InvariantCulture), memory: true);
        return 0;
    case "live-captions":
        await LiveBenchmarks.CaptionsAsync(Arg("audio-dir"), IntArg("cancellations", 20));
        return 0;
    default:
        Console.Error.WriteLine("usage: upload --mode sdk|raw --file <path> --endpoint <url> | transcribe --vendor together|jigsawstack --audio <wav> --endpoint <url>");
        return 2;
}

static async Task UploadAsync(string mode, string path, Uri endpoint, string key)
{
    var length = new FileInfo(path).Length;
    var name = $"bench/{mode}-{Guid.NewGuid():N}.wav";
    PyannoteClient? sdk = null;
    HttpClient? raw = null;
    if (mode == "sdk")
    {
        sdk = new PyannoteClient(key, new PyannoteClientOptions { Endpoint = endpoint, UploadTimeout = Timeout.InfiniteTimeSpan });
        await sdk.TestConnectionAsync(); // warms the connection and the pipeline, as the raw side's first POST does below
    }
    else if (mode == "raw")
    {
        raw = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var warm = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "v1/test"));
        warm.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await raw.SendAsync(warm)).Dispose();
    }
    else
    {
        throw new ArgumentException("--mode must be sdk or raw.");
    }

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var sampler = new MemorySampler();
    var clock = Stopwatch.StartNew();
    if (sdk is not null)
    {
        await sdk.UploadAsync(AudioInput.FromFile(path), name);
    }
    else
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "v1/media/input"))
        {
            Content = JsonContent.Create(new JsonObject { ["url"] = "media://" + name }),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var posted = await raw!.SendAsync(post);
        posted.EnsureSuccessStatusCode();
        var signed = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var put = new HttpRequestMessage(HttpMethod.Put, signed) { Content = new StreamContent(file, 81920) };
        put.Content.Headers.ContentLength = length;
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var putResponse = await raw.SendAsync(put);
        putResponse.EnsureSuccessStatusCode();
    }

    var seconds = clock.Elapsed.TotalSeconds;
    sampler.Dispose();
    var hwm = MemorySampler.ReadStatusKb("VmHWM");
    Print(new JsonObject
    {
        ["mode"] = mode,
        ["bytes"] = length,
        ["seconds"] = Math.Round(seconds, 3),
        ["mb_per_s"] = Math.Round(length / 1e6 / seconds, 1),
        ["ws_baseline_mb"] = Mb(sampler.Baseline),
        ["ws_peak_mb"] = Mb(sampler.Peak),
        ["ws_growth_mb"] = Mb(sampler.Peak - sampler.Baseline),
        ["vmhwm_before_mb"] = Mb(sampler.BaselineHwm),
        ["vmhwm_after_mb"] = Mb(hwm),
        ["vmhwm_growth_over_baseline_ws_mb"] = Mb(hwm - sampler.Baseline),
    });
}

static async Task TranscribeAsync(string vendor, string audioPath, Uri endpoint, string key, int n, int warmup, int concurrency, int calls)
{
    Func<Task<int>> call; // one transcription; returns the words (Together) or chunks (JigsawStack) it got
    if (vendor == "together")
    {
        var client = new TogetherClient(key, new TogetherClientOptions { Endpoint = endpoint });
        var options = new TogetherTranscriptionOptions
        {
            Model = TogetherModel.WhisperLargeV3,
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            TimestampGranularities = TogetherTimestampGranularities.Segment | TogetherTimestampGranularities.Word,
            Diarize = true,
        };
        call = async () => (await client.CreateTranscriptionAsync(AudioInput.FromFile(audioPath), options)).ToTranscript().Words.Count;
    }
    else if (vendor == "jigsawstack")
    {
        var client = new JigsawStackClient(key, new JigsawStackClientOptions { Endpoint = endpoint });
        var stored = await client.UploadFileAsync(AudioInput.FromFile(audioPath), new JigsawStackFileUploadOptions { Key = "bench/conversation.wav", Overwrite = true });
        var url = stored.Url ?? throw new InvalidOperationException("The store answered without a URL.");
        call = async () =>
        {
            var result = await client.CreateTranscriptionAsync(AudioInput.FromUrl(url), new JigsawStackTranscriptionOptions { BySpeaker = true });
            _ = result.ToTranscript();
            return result.Chunks.Count; // JigsawStack answers with chunks, not words (the node side counts the same)
        };
    }
    else
    {
        throw new ArgumentException("--vendor must be together or jigsawstack.");
    }

    var sampler = new MemorySampler();
    var units = 0; // Together: words; JigsawStack: chunks
    for (var i = 0; i < warmup; i++)
    {
        units = await call();
    }

    var latencies = new double[n];
    for (var i = 0; i < n; i++)
    {
        var sw = Stopwatch.StartNew();
        await call();
        latencies[i] = sw.Elapsed.TotalMilliseconds;
    }

    var next = 0;
    var wall = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= calls)
        {
            await call();
        }
    }).ToArray();
    await Task.WhenAll(workers);
    var throughput = calls / wall.Elapsed.TotalSeconds;
    sampler.Dispose();
    Array.Sort(latencies);
    Print(new JsonObject
    {
        ["client"] = "Pyannote.Sdk (.NET)",
        ["vendor"] = vendor,
        ["units"] = units,
        ["n"] = n,
        ["p50_ms"] = Math.Round(Percentile(latencies, 0.50), 2),
        ["p95_ms"] = Math.Round(Percentile(latencies, 0.95), 2),
        ["mean_ms"] = Math.Round(latencies.Average(), 2),
        ["concurrency"] = concurrency,
        ["calls"] = calls,
        ["calls_per_s"] = Math.Round(throughput, 1),
        ["peak_rss_mb"] = Mb(Math.Max(sampler.Peak, MemorySampler.ReadStatusKb("VmHWM"))),
    });
}

// Nearest-rank percentile of sorted values.
static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

static double Mb(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

static void Print(JsonObject result) => Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
