using System.Net;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.Tests.NanoGpt.NanoGptTestKit;

namespace Pyannote.Sdk.Tests.NanoGpt;

/// <summary>Every published NanoGPT payload (TestData/nanogpt, each with its .source.txt) read into typed results.</summary>
public class NanoGptPayloadTests
{
    [Fact]
    public async Task Sync_200_is_a_completed_transcription_with_metadata()
    {
        var (mock, _) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-sync-response.json")));

        var start = await Client(mock).StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/audio.mp3"));

        Assert.True(start.IsCompleted);
        Assert.Null(start.Job);
        var t = start.Transcription!;
        Assert.Equal("Hello, this is a test transcription.", t.Text);
        Assert.Null(t.RunId);
        Assert.Empty(t.Tokens);
        Assert.Empty(t.Segments);
        var m = t.Metadata;
        Assert.Equal(NanoGptModel.WhisperLargeV3, m.Model);
        Assert.Equal(0.0012m, m.Cost);
        Assert.Equal("USD", m.Currency);
        Assert.Equal("audio.mp3", m.FileName);
        Assert.Equal(1234567L, m.FileSize);
        Assert.Equal(TimeSpan.FromMinutes(2.5), m.ChargedDuration);
        Assert.Equal(TimeSpan.FromMinutes(2.5), m.ActualDuration);
        Assert.Equal("en", m.Language);

        Assert.Equal("Hello, this is a test transcription.", t.Transcript.Text);
        Assert.Empty(t.Transcript.Words);
        Assert.Empty(t.Transcript.Turns);
        Assert.Equal("en", t.Transcript.Language);
        Assert.Equal(TimeSpan.FromMinutes(2.5), t.Transcript.Duration);
        Assert.Equal(SpeechVendor.NanoGpt, t.Transcript.Vendor);
        Assert.Equal("Whisper-Large-V3", t.Transcript.Model);
        Assert.Same(t, await start.WaitForCompletionAsync());
    }

    [Fact]
    public async Task Accepted_202_is_a_job_carrying_the_fields_to_echo()
    {
        var (mock, _) = Script(() => Json(HttpStatusCode.Accepted, Payload("transcribe-async-202-response.json")));

        var start = await Client(mock).StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/audio.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt });

        Assert.False(start.IsCompleted);
        Assert.Null(start.Transcription);
        var job = start.Job!;
        Assert.Equal("abc123def456", job.Id);
        Assert.Equal(SpeechVendor.NanoGpt, job.Vendor);
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.False(job.HasCompleted);
        Assert.Equal("abc123def456", job.Info.RunId);
        Assert.Equal(NanoGptModel.ElevenlabsStt, job.Info.Model);
        Assert.Equal(0.075m, job.Info.Cost);
        Assert.Equal("USD", job.Info.PaymentSource);
        Assert.Null(job.Info.IsApiRequest);
        Assert.Null(job.Info.FileName);
    }

    [Fact]
    public async Task Status_processing_keeps_the_job_running()
    {
        var (mock, _) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-status-processing.json")));
        var job = Client(mock).GetTranscriptionJob("abc123def456");

        Assert.Equal(JobStatus.Processing, await job.UpdateStatusAsync());
        Assert.False(job.HasCompleted);
        Assert.False(job.HasValue);
        Assert.Throws<InvalidOperationException>(() => job.Value);
    }

    [Fact]
    public async Task Status_completed_maps_words_segments_and_one_speaker_labelling()
    {
        var (mock, _) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-status-completed.json")));
        var job = Client(mock).GetTranscriptionJob(new NanoGptJobInfo("abc123def456") { Cost = 0.075m, PaymentSource = "USD" });

        Assert.Equal(JobStatus.Completed, await job.UpdateStatusAsync());
        var t = job.Value;

        Assert.Equal("abc123def456", t.RunId);
        Assert.Equal("Speaker 1: Hello everyone. Speaker 2: Hi there!", t.Text);
        Assert.Equal(NanoGptModel.ElevenlabsStt, t.Metadata.Model);
        Assert.Equal(0.075m, t.Metadata.Cost);
        Assert.Equal("USD", t.Metadata.Currency);
        Assert.Equal("meeting.mp3", t.Metadata.FileName);
        Assert.Equal(2345678L, t.Metadata.FileSize);
        Assert.Equal(TimeSpan.FromMinutes(2.5), t.Metadata.ChargedDuration);
        Assert.Equal(TimeSpan.FromMinutes(2.47), t.Metadata.ActualDuration);
        Assert.Equal("en", t.Metadata.Language);

        var token = Assert.Single(t.Tokens);
        Assert.Equal(new NanoGptToken("Hello", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.9), "word", "speaker_0"), token);
        var segment = Assert.Single(t.Segments);
        Assert.Equal(new NanoGptSpeakerSegment("Speaker 1", "Hello everyone", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5)), segment);

        var word = Assert.Single(t.Transcript.Words);
        Assert.Equal("Hello", word.Text);
        Assert.Equal("Speaker 1", word.Speaker);   // speaker_0 reconciled to the segment label
        Assert.Equal(TimeSpan.FromSeconds(0.5), word.Start);
        Assert.Equal(TimeSpan.FromSeconds(0.9), word.End);
        Assert.Equal(new[] { "Speaker 1" }, t.Transcript.Speakers);
        var turn = Assert.Single(t.Transcript.Turns);
        Assert.Equal("Speaker 1", turn.Speaker);
        Assert.Equal("Hello", turn.Text);
        Assert.Equal("en", t.Transcript.Language);
        Assert.Equal(TimeSpan.FromMinutes(2.47), t.Transcript.Duration);
        Assert.Equal("Elevenlabs-STT", t.Transcript.Model);
    }

    [Fact]
    public async Task Status_failed_throws_job_failed_with_the_vendor_error()
    {
        var (mock, _) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-status-failed.json")));
        var job = Client(mock, new FakeTimeProvider { AutoAdvance = true }).GetTranscriptionJob("abc123def456");

        var ex = await Assert.ThrowsAsync<SpeechJobFailedException>(() => job.WaitForCompletionAsync());

        Assert.Equal("Audio file could not be processed", ex.Error);
        Assert.Equal("abc123def456", ex.JobId);
        Assert.Equal(SpeechVendor.NanoGpt, ex.Vendor);
        Assert.Equal(JobStatus.Failed, job.Status);
    }

    [Fact]
    public void Published_status_request_matches_the_echo_built_from_the_same_fields()
    {
        var info = new NanoGptJobInfo("abc123def456")
        {
            Cost = 0.075m,
            PaymentSource = "USD",
            IsApiRequest = true,
            FileName = "meeting.mp3",
            FileSize = 2345678,
            ChargedDurationMinutes = 2.5,
            Diarize = true,
        };

        var sent = System.Text.Json.JsonSerializer.Serialize(NanoGptMapper.StatusRequest(info), Pyannote.Sdk.Generated.NanoGpt.NanoGptGeneratedClient.SerializerOptions);

        using var a = System.Text.Json.JsonDocument.Parse(sent);
        using var b = System.Text.Json.JsonDocument.Parse(Payload("transcribe-status-request.json"));
        Assert.Equal(b.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())), a.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())));
    }
}
