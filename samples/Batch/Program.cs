// Batch: transcribe every audio file of a folder, a few at a time, with a progress bar and a summary table.
//
//   dotnet run --project samples/Batch -- [folder, default samples/audio] [--vendor pyannote|together|jigsawstack|nanogpt] [--concurrency 4]
//
// One client serves all files (clients are thread-safe and meant to be reused). Parallel.ForEachAsync bounds how many
// files are in flight, which keeps within the vendor's rate limits; the SDK retries what is safe to retry. A failed
// file does not stop the others: its error goes in the table. The API key comes from the vendor's environment
// variable; without one the sample runs against the local emulator (see Shared/SampleClients.cs).
using System.Collections.Concurrent;
using System.Diagnostics;
using Pyannote.Sdk;
using Pyannote.Sdk.Transcripts;
using Samples;

var folder = Path.Combine("samples", "audio");
var vendor = SpeechVendor.Pyannote;
var concurrency = 4;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == "--vendor" && i + 1 < args.Length)
        {
            vendor = SampleClients.ParseVendor(args[++i]);
        }
        else if (args[i] == "--concurrency" && i + 1 < args.Length && int.TryParse(args[++i], out var n) && n > 0)
        {
            concurrency = n;
        }
        else if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            folder = args[i];
        }
        else
        {
            throw new ArgumentException($"Unexpected argument '{args[i]}'.");
        }
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"{ex.Message}\nUsage: Batch [folder] [--vendor pyannote|together|jigsawstack|nanogpt] [--concurrency n]");
    return 2;
}

string[] audioExtensions = [".wav", ".mp3", ".m4a", ".flac", ".ogg", ".aac", ".webm", ".mp4"];
var files = Directory.Exists(folder)
    ? Directory.EnumerateFiles(folder).Where(f => audioExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order().ToArray()
    : [];
if (files.Length == 0)
{
    Console.Error.WriteLine($"No audio files in '{folder}'.");
    return 2;
}

await using var clients = new SampleClients(Path.GetFullPath(folder));
ISpeechClient client = await clients.CreateAsync(vendor);

var results = new ConcurrentBag<Row>();
var progress = new ProgressBar(files.Length);
await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (file, cancellationToken) =>
{
    var clock = Stopwatch.StartNew();
    try
    {
        var input = AudioInput.FromFile(file);
        if (client is Pyannote.Sdk.PyannoteAI.PyannoteClient pyannote)
        {
            // Upload first with per-call options to show upload progress (bytes sent, total, elapsed; at most ~10 reports/s).
            var media = await pyannote.UploadAsync(input, requestOptions: new SpeechRequestOptions
            {
                UploadProgress = new Progress<UploadProgress>(p => progress.Uploading(Path.GetFileName(file), p)),
            }, cancellationToken: cancellationToken);
            input = AudioInput.FromUrl(media);
        }

        Transcript t = await client.TranscribeAsync(input, cancellationToken: cancellationToken);
        var duration = t.Duration ?? (t.Words.Count > 0 ? t.Words[^1].End : TimeSpan.Zero);
        results.Add(new Row(Path.GetFileName(file), duration, t.Speakers.Count, t.Words.Count, clock.Elapsed, "ok"));
    }
    catch (Exception ex) when (ex is not OperationCanceledException)
    {
        // SpeechApiException, SpeechJobException, network or file errors: recorded, the batch goes on.
        results.Add(new Row(Path.GetFileName(file), null, null, null, clock.Elapsed, "failed: " + ex.Message));
    }
    progress.Advance(Path.GetFileName(file));
});
progress.Done();

// The summary table.
var rows = results.OrderBy(r => r.File, StringComparer.Ordinal).ToArray();
var width = Math.Max(4, rows.Max(r => r.File.Length));
Console.WriteLine($"{"file".PadRight(width)}  {"duration",8}  {"speakers",8}  {"words",6}  {"took",7}  status");
foreach (var r in rows)
{
    Console.WriteLine($"{r.File.PadRight(width)}  {Time(r.Duration),8}  {r.Speakers?.ToString() ?? "-",8}  {r.Words?.ToString() ?? "-",6}  {r.Took.TotalSeconds,6:0.0}s  {r.Status}");
}

var failed = rows.Count(r => r.Status != "ok");
Console.WriteLine($"{rows.Length - failed} of {rows.Length} files transcribed with {vendor.DisplayName()}.");
return failed == 0 ? 0 : 1;

static string Time(TimeSpan? t) => t is { } v ? $"{(int)v.TotalMinutes}:{v.Seconds:00}" : "-";

/// <summary>One line of the summary.</summary>
internal sealed record Row(string File, TimeSpan? Duration, int? Speakers, int? Words, TimeSpan Took, string Status);

/// <summary>A one-line progress bar on the console's error stream (plain lines when it is redirected).</summary>
internal sealed class ProgressBar(int total)
{
    private readonly object _gate = new();
    private int _done;

    public void Advance(string file)
    {
        lock (_gate)
        {
            _done++;
            if (Console.IsErrorRedirected)
            {
                Console.Error.WriteLine($"[{_done}/{total}] {file}");
                return;
            }

            const int Width = 30;
            var filled = Width * _done / total;
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{total} {file}".PadRight(Console.WindowWidth > 0 ? Console.WindowWidth - 1 : 79));
        }
    }

    public void Uploading(string file, UploadProgress p)
    {
        if (Console.IsErrorRedirected || p.TotalBytes is not { } total || total == 0)
        {
            return;
        }

        lock (_gate)
        {
            Console.Error.Write($"\r  uploading {file}: {100 * p.BytesSent / total,3}% ({p.BytesSent / 1024} of {total / 1024} KiB, {p.Elapsed.TotalSeconds:0.0}s)".PadRight(Console.WindowWidth > 0 ? Console.WindowWidth - 1 : 79));
        }
    }

    public void Done()
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }
}
