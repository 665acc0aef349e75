using Microsoft.Extensions.Time.Testing;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.PyannoteAI;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>pyannoteAI end to end: the real <see cref="PyannoteClient"/> against the emulator over loopback HTTP.</summary>
public sealed class PyannoteSdkTests
{
    [Fact]
    public async Task Upload_streams_the_wav_to_the_presigned_url_without_the_api_key()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        var media = await client.UploadAsync(AudioInput.FromFile(ConversationWav), "meetings/conversation.wav");

        Assert.Equal("media://meetings/conversation.wav", media);
        Assert.Equal(1, await CountAsync(emulator, "/v1/media/input", "POST", 1));
        var put = Assert.Single(await LoggedAsync(emulator, r => r.Method == "PUT", 1));
        Assert.StartsWith("/storage/pyannote/", put.Path);
        Assert.Equal(200, put.StatusCode);
        Assert.False(put.HadAuthorization);
        Assert.True(emulator.RequestLog.Single(r => r.Path.EndsWith("/v1/media/input", StringComparison.Ordinal)).HadAuthorization);

        // The uploaded bytes are the sample's: a job on the media URL gets the sidecar's speakers and words.
        var result = await client.DiarizeAsync(AudioInput.FromUrl(media), new DiarizationOptions { Transcription = true });
        AssertConversation(result.Transcript!);

        // A download URL for the stored object is pre-signed too.
        var download = await client.GetMediaDownloadUrlAsync(media);
        Assert.Contains("X-Signature=", download.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diarize_local_file_without_transcription_gives_two_speakers_at_the_sidecar_times()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        var result = await client.DiarizeAsync(AudioInput.FromFile(ConversationWav), new DiarizationOptions { Exclusive = true, Confidence = true });

        Assert.Null(result.Transcript);
        Assert.Equal(2, result.Diarization.Select(s => s.Speaker).Distinct().Count());
        Assert.Equal(8, result.Diarization.Count);
        Assert.Equal(Expected.TurnStarts, result.Diarization.Select(s => Math.Round(s.Start.TotalSeconds, 1)).ToArray(), new ToleranceComparer(0.06));
        Assert.NotNull(result.ExclusiveDiarization);
        Assert.NotNull(result.Confidence);
        Assert.Equal(TimeSpan.FromMilliseconds(20), result.Confidence!.Resolution);
        // Upload (media/input + PUT), job creation, then at least one poll.
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));
        Assert.True(emulator.RequestLog.Count(r => r.Method == "GET" && r.Path.Contains("/v1/jobs/", StringComparison.Ordinal)) >= 1);
    }

    [Fact]
    public async Task Diarize_with_transcription_and_TranscribeAsync_give_the_sidecar_conversation()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        var diarized = await client.DiarizeAsync(AudioInput.FromFile(ConversationWav), new DiarizationOptions
        {
            Model = PyannoteModel.Precision2,
            Transcription = true,
        });
        AssertConversation(diarized.Transcript!);

        ISpeechClient speech = client;
        var transcript = await speech.TranscribeAsync(AudioInput.FromFile(ConversationWav));
        AssertConversation(transcript);
        Assert.Equal(SpeechVendor.Pyannote, transcript.Vendor);
        Assert.IsAssignableFrom<DiarizationResult>(transcript.RawRepresentation);
    }

    [Fact]
    public async Task Job_state_machine_created_running_succeeded_is_observed_through_progress()
    {
        // The emulator's job clock is a FakeTimeProvider that moves only when the test says so, so no amount of load
        // can make a poll skip a state: each progress report moves the clock just past the state it reports.
        var clock = new FakeTimeProvider();
        var queued = TimeSpan.FromSeconds(30);
        var running = TimeSpan.FromSeconds(60);
        await using var emulator = await StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.JobQueuedDelay = queued;
            o.JobRunningDelay = running;
        });
        var client = NewPyannote(emulator);
        var seen = new List<JobStatus>();
        var progress = new SynchronousProgress<JobProgress>(p =>
        {
            seen.Add(p.Status);
            if (p.Status == JobStatus.Created)
            {
                clock.Advance(queued);
            }
            else if (p.Status == JobStatus.Running)
            {
                clock.Advance(running);
            }
        });

        var job = await client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/call.wav"));
        Assert.Equal(JobStatus.Created, job.Status);
        Assert.False(job.HasCompleted);
        // The clock has not moved: the vendor still reports the job as created however long the test took.
        Assert.Equal(JobStatus.Created, (await client.GetJobAsync(job.Id)).Status);
        var result = await job.WaitForCompletionAsync(progress: progress);

        Assert.True(job.HasCompleted);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Same(result, job.Value);
        Assert.Equal([JobStatus.Created, JobStatus.Running, JobStatus.Succeeded], seen);
        Assert.Equal(2, result.Diarization.Select(s => s.Speaker).Distinct().Count());
    }

    [Fact]
    public async Task Resume_from_id_GetJobAsync_and_a_wait_limit()
    {
        // The emulator's clock stands still until the test moves it: the job is running for as long as the wait limit
        // needs, however slowly a loaded machine serves the polls.
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.JobRunningDelay = TimeSpan.FromMinutes(1);
        });
        var client = NewPyannote(emulator);
        var started = await client.StartDiarizationAsync(AudioInput.FromFile(ConversationWav), new DiarizationOptions { Transcription = true });

        // A wait limit shorter than the job: SpeechJobTimeoutException, and the job keeps running.
        var timeout = await Assert.ThrowsAsync<SpeechJobTimeoutException>(() =>
            started.WaitForCompletionAsync(new JobWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(10), MaxWait = TimeSpan.FromMilliseconds(50) }));
        Assert.Equal(started.Id, timeout.JobId);
        Assert.False(timeout.LastStatus.IsTerminal);
        Assert.Equal(JobStatus.Running, (await client.GetJobAsync(started.Id)).Status);
        clock.Advance(TimeSpan.FromMinutes(1));

        // Another process resumes from the id alone.
        var resumed = client.GetDiarizationJob(started.Id);
        var result = await resumed.WaitForCompletionAsync();
        AssertConversation(result.Transcript!);

        var fetched = await client.GetDiarizationJobAsync(started.Id);
        Assert.True(fetched.HasCompleted);

        var info = await client.GetJobAsync(started.Id);
        Assert.Equal(started.Id, info.Id);
        Assert.Equal(JobStatus.Succeeded, info.Status);
        Assert.True(info.Output!.Value.TryGetProperty("diarization", out _));

        var missing = await Assert.ThrowsAsync<SpeechJobNotFoundException>(() => client.GetJobAsync("00000000-0000-0000-0000-000000000000"));
        Assert.Equal(404, missing.StatusCode);
    }

    [Fact]
    public async Task Identify_matches_voiceprints_made_by_voiceprint_jobs()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        var voiceprintJob = await client.StartVoiceprintAsync(AudioInput.FromFile(ConversationWav));
        var alice = await voiceprintJob.WaitForCompletionAsync();
        var bob = await client.CreateVoiceprintAsync(AudioInput.FromUrl("https://example.com/bob.wav"));
        Assert.False(string.IsNullOrEmpty(alice));
        Assert.False(string.IsNullOrEmpty(bob));
        Assert.Equal(alice, await (await client.GetVoiceprintJobAsync(voiceprintJob.Id)).WaitForCompletionAsync());

        var options = new IdentificationOptions();
        options.Voiceprints.Add(new PyannoteVoiceprint("alice", alice));
        options.Voiceprints.Add(new PyannoteVoiceprint("bob", bob));
        var identified = await client.IdentifyAsync(AudioInput.FromFile(ConversationWav), options);

        Assert.Equal(8, identified.Identification.Count);
        Assert.Equal(new[] { "alice", "bob" }, identified.Voiceprints.Select(v => v.Match).OrderBy(m => m).ToArray());
        Assert.All(identified.Identification, s => Assert.Contains(s.Match, new[] { "alice", "bob" }));
        Assert.Equal(3, emulator.CountRequests("/v1/voiceprint", "POST") + emulator.CountRequests("/v1/identify", "POST"));

        var job = client.GetIdentificationJob((await client.StartIdentificationAsync(AudioInput.FromUrl("https://example.com/x.wav"), options)).Id);
        Assert.Equal(2, (await job.WaitForCompletionAsync()).Voiceprints.Count);
    }

    [Fact]
    public async Task ListJobsAsync_follows_cursor_pages_newest_first()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 105; i++)
        {
            ids.Add((await client.StartDiarizationAsync(AudioInput.FromUrl($"https://example.com/{i}.wav"))).Id);
        }

        var listed = new List<PyannoteJobSummary>();
        await foreach (var job in client.ListJobsAsync())
        {
            listed.Add(job);
        }

        Assert.Equal(ids.AsEnumerable().Reverse(), listed.Select(j => j.Id));
        Assert.Equal(2, await CountAsync(emulator, "/v2/jobs", "GET", 2));

        await client.GetDiarizationJob(ids[0]).WaitForCompletionAsync();
        var succeeded = new List<PyannoteJobSummary>();
        await foreach (var job in client.ListJobsAsync(JobStatus.Succeeded))
        {
            succeeded.Add(job);
        }
        Assert.Contains(succeeded, j => j.Id == ids[0]);
        Assert.All(succeeded, j => Assert.Equal(JobStatus.Succeeded, j.Status));
    }

    [Fact]
    public async Task TestConnectionAsync_is_true_for_the_key_and_false_for_another()
    {
        await using var emulator = await StartAsync();

        Assert.True(await NewPyannote(emulator).TestConnectionAsync());
        var wrong = new PyannoteClient("not-the-key", Configure(new PyannoteClientOptions(), emulator.PyannoteEndpoint, null));
        Assert.False(await wrong.TestConnectionAsync());
        Assert.Equal(2, await CountAsync(emulator, "/v1/test", "GET", 2));
    }

    [Fact]
    public async Task Validation_errors_come_back_typed_with_field_errors()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        // A media key that was never uploaded: the job is created and fails like the real API.
        var failed = await Assert.ThrowsAsync<SpeechJobFailedException>(() => client.DiarizeAsync(AudioInput.FromUrl("media://never-uploaded")));
        Assert.Contains("Could not load audio", failed.Error, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
