using System.Collections.Concurrent;
using System.Globalization;
using Pyannote.Sdk;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Transcripts;
using Samples;

namespace WebViewer;

/// <summary>The app's transcription jobs, in memory: at most <see cref="MaxJobs"/> are kept (the oldest finished ones
/// are dropped), and at most two run at once.</summary>
internal sealed class JobStore(SampleClients clients, long maxUploadBytes) : IAsyncDisposable
{
    private const int MaxJobs = 16;
    private readonly ConcurrentDictionary<string, ViewerJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _running = new(2);
    private readonly SemaphoreSlim _clientLock = new(1);

    public long MaxUploadBytes => maxUploadBytes;

    public ViewerJob? Find(string id) => _jobs.GetValueOrDefault(id);

    public ViewerJob Start(byte[] audio, string fileName, SpeechVendor vendor)
    {
        foreach (var old in _jobs.Values.Where(j => j.Ended).OrderBy(j => j.Created).Take(Math.Max(0, _jobs.Count - MaxJobs + 1)))
        {
            _jobs.TryRemove(old.Id, out _);
        }

        var job = new ViewerJob(Guid.NewGuid().ToString("N")[..12], audio, fileName, vendor);
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job));
        return job;
    }

    private async Task RunAsync(ViewerJob job)
    {
        var started = DateTimeOffset.UtcNow;
        string Elapsed() => (DateTimeOffset.UtcNow - started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        job.Progress("received", $"Received {job.FileName} ({job.Audio.Length / 1024.0:0} KB)");
        await _running.WaitAsync();
        try
        {
            ISpeechClient client;
            await _clientLock.WaitAsync();
            try
            {
                client = await clients.CreateAsync(job.Vendor);
            }
            finally
            {
                _clientLock.Release();
            }

            using var stream = new MemoryStream(job.Audio, writable: false);
            var audio = AudioInput.FromStream(stream, job.FileName, job.ContentType);
            job.Progress("uploading", $"Sending to {job.Vendor.DisplayName()}");
            Transcript transcript;
            if (client is PyannoteClient pyannote)
            {
                // pyannoteAI runs a job: report each status the wait sees.
                var diarization = await pyannote.StartDiarizationAsync(audio, new DiarizationOptions { Model = PyannoteModel.Precision2, Transcription = true });
                var result = await diarization.WaitForCompletionAsync(progress: new SynchronousProgress(job));
                transcript = result.Transcript ?? throw new InvalidOperationException("The job finished without a transcript.");
            }
            else
            {
                job.Progress("running", $"Transcribing with {job.Vendor.DisplayName()}");
                transcript = await client.TranscribeAsync(audio, new TranscriptionOptions { Diarize = true });
            }

            job.Succeed(transcript, $"Done in {Elapsed()}: {transcript.Speakers.Count} speakers, {transcript.Turns.Count} turns, {transcript.Words.Count} words");
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or SpeechApiException or SpeechJobException or HttpRequestException or TimeoutException or InvalidOperationException)
        {
            // The vendor's message (or the input rule broken), never a stack trace.
            job.Fail($"Transcription failed: {ex.Message}");
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Job {job.Id} failed: {ex}");
            job.Fail("Transcription failed unexpectedly; the server console has the details.");
        }
        finally
        {
            _running.Release();
        }
    }

    public async ValueTask DisposeAsync() => await clients.DisposeAsync();

    /// <summary>Reports job progress as it happens (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(ViewerJob job) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) =>
            job.Progress(value.Status.ToString(), $"Job {value.JobId}: {value.Status} ({value.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, {value.PollCount} polls)");
    }
}

/// <summary>One transcription: the uploaded audio, its progress events and, once done, the transcript.</summary>
internal sealed class ViewerJob(string id, byte[] audio, string fileName, SpeechVendor vendor)
{
    private readonly object _gate = new();
    private readonly List<JobEvent> _events = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public byte[] Audio { get; } = audio;

    public string FileName { get; } = fileName;

    public SpeechVendor Vendor { get; } = vendor;

    public string ContentType { get; } = AudioKind.Sniff(audio) ?? "application/octet-stream";

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    public Transcript? Transcript { get; private set; }

    public bool Ended { get; private set; }

    public void Progress(string state, string message) => Add("progress", WebViewerApp.Json(new { state, message }), end: false);

    public void Succeed(Transcript transcript, string message)
    {
        Transcript = transcript;
        Add("done", WebViewerApp.Json(new { message, speakers = transcript.Speakers.Count, turns = transcript.Turns.Count }), end: true);
    }

    public void Fail(string error) => Add("failed", WebViewerApp.Json(new { error }), end: true);

    /// <summary>The events from <paramref name="from"/> on, a task that completes on the next change, and whether the job has ended.</summary>
    public (JobEvent[] Events, Task Changed, bool Ended) Snapshot(int from)
    {
        lock (_gate)
        {
            return (_events.Skip(from).ToArray(), _changed.Task, Ended);
        }
    }

    private void Add(string type, string json, bool end)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (Ended)
            {
                return;
            }

            _events.Add(new JobEvent(_events.Count, type, json));
            Ended = end;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}

internal sealed record JobEvent(int Id, string Type, string Json);

/// <summary>Recognises common audio containers by their first bytes, so a wrong file gets a clear message at once.</summary>
internal static class AudioKind
{
    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length < 12)
        {
            return null;
        }

        if (b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WAVE"u8))
        {
            return "audio/wav";
        }

        if (b[..4].SequenceEqual("fLaC"u8))
        {
            return "audio/flac";
        }

        if (b[..4].SequenceEqual("OggS"u8))
        {
            return "audio/ogg";
        }

        if (b[4..8].SequenceEqual("ftyp"u8))
        {
            return "audio/mp4";
        }

        if (b[..4].SequenceEqual(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }))
        {
            return "audio/webm";
        }

        if (b[..3].SequenceEqual("ID3"u8) || (b[0] == 0xFF && (b[1] & 0xE0) == 0xE0))
        {
            return "audio/mpeg";
        }

        return null;
    }
}
