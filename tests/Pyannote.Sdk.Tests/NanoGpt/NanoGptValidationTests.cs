using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.Tests.NanoGpt.NanoGptTestKit;

namespace Pyannote.Sdk.Tests.NanoGpt;

/// <summary>Bad input is rejected before any request, naming the parameter and the rule.</summary>
public class NanoGptValidationTests
{
    private static async Task<ArgumentException> Rejected(Func<NanoGptClient, Task> call)
    {
        var (mock, requests) = Script();
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(Client(mock)));
        Assert.Empty(requests);
        return ex;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Whisper-Large-V3")]
    [InlineData("Wizper")]
    [InlineData("gpt-4o-mini-transcribe")]
    public async Task Diarize_with_a_model_other_than_elevenlabs(string? model)
    {
        var ex = await Rejected(c => c.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"),
            new NanoGptTranscriptionOptions { Model = model is null ? (NanoGptModel?)null : new NanoGptModel(model), Diarize = true }));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("Elevenlabs-STT", ex.Message);
        Assert.Contains("Diarize", ex.Message);
    }

    [Fact]
    public async Task Tag_audio_events_with_a_model_other_than_elevenlabs()
    {
        var ex = await Rejected(c => c.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"),
            new NanoGptTranscriptionOptions { Model = NanoGptModel.Wizper, TagAudioEvents = true }));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("TagAudioEvents", ex.Message);
    }

    [Fact]
    public async Task Diarize_on_the_ISpeechClient_path_with_an_explicit_non_diarizing_model()
    {
        var ex = await Rejected(c => c.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new TranscriptionOptions { Model = "Wizper" }));

        Assert.Contains("Elevenlabs-STT", ex.Message);
    }

    [Fact]
    public async Task Local_file_over_3_MB_points_to_a_url()
    {
        var path = SparseAudio("long.mp3", NanoGptClient.MaxUploadBytes + 1);

        var ex = await Rejected(c => c.StartTranscriptionAsync(AudioInput.FromFile(path)));

        Assert.Equal("audio", ex.ParamName);
        Assert.Contains("3 MB", ex.Message);
        Assert.Contains("URL", ex.Message);
        Assert.Contains("500 MB", ex.Message);
    }

    [Fact]
    public async Task Local_file_of_exactly_3_MB_is_sent()
    {
        var path = SparseAudio("edge.mp3", NanoGptClient.MaxUploadBytes);
        var (mock, requests) = Script(() => Json(System.Net.HttpStatusCode.OK, Payload("transcribe-sync-response.json")));

        await Client(mock).StartTranscriptionAsync(AudioInput.FromFile(path));

        Assert.Single(requests);
    }

    [Fact]
    public async Task Seekable_stream_over_3_MB()
    {
        using var stream = new MemoryStream(new byte[NanoGptClient.MaxUploadBytes + 10]);

        var ex = await Rejected(c => c.StartTranscriptionAsync(AudioInput.FromStream(stream, "big.wav")));

        Assert.Equal("audio", ex.ParamName);
        Assert.Contains("URL", ex.Message);
    }

    [Theory]
    [InlineData("talk.flac")]
    [InlineData("talk.webm")]
    [InlineData("talk")]
    public async Task Extension_nanogpt_does_not_accept(string fileName)
    {
        var path = TempAudio(fileName);

        var ex = await Rejected(c => c.StartTranscriptionAsync(AudioInput.FromFile(path)));

        Assert.Equal("audio", ex.ParamName);
        Assert.Contains(".mp3, .wav, .m4a, .ogg, .aac", ex.Message);
    }

    [Fact]
    public async Task Missing_file()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => Client(Script().Item1).StartTranscriptionAsync(AudioInput.FromFile(Path.Combine(Path.GetTempPath(), "nanogpt-missing-" + Guid.NewGuid().ToString("N") + ".mp3"))));

        Assert.Contains("parameter 'audio'", ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Theory]
    [InlineData("ftp://example.com/a.mp3")]
    [InlineData("file:///tmp/a.mp3")]
    public async Task Url_that_is_not_http(string url)
    {
        var ex = await Rejected(c => c.StartTranscriptionAsync(AudioInput.FromUrl(url)));

        Assert.Equal("audio", ex.ParamName);
        Assert.Contains("http", ex.Message);
    }

    [Theory]
    [InlineData(2, null, null, "NumSpeakers")]
    [InlineData(null, 1, null, "MinSpeakers")]
    [InlineData(null, null, 4, "MaxSpeakers")]
    public async Task Speaker_count_hints(int? num, int? min, int? max, string name)
    {
        var (mock, requests) = Script();
        var ex = await Assert.ThrowsAsync<SpeechOptionNotSupportedException>(() => Client(mock).TranscribeAsync(AudioInput.FromUrl("https://example.com/a.mp3"),
            new TranscriptionOptions { NumSpeakers = num, MinSpeakers = min, MaxSpeakers = max }));

        Assert.Empty(requests);
        Assert.Equal("TranscriptionOptions." + name, ex.Option);
        Assert.Equal(SpeechVendor.NanoGpt, ex.Vendor);
        Assert.Contains("speaker-count", ex.Message);
    }

    [Fact]
    public async Task Null_audio_and_blank_run_id()
    {
        await Rejected(c => c.StartTranscriptionAsync(null!));
        await Rejected(c => Task.FromResult(c.GetTranscriptionJob(" ")));
        Assert.Throws<ArgumentException>(() => new NanoGptClient(" "));
    }

    [Fact]
    public async Task Default_model_value_without_a_name()
    {
        var ex = await Rejected(c => c.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new NanoGptTranscriptionOptions { Model = default(NanoGptModel) }));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("Model", ex.Message);
    }
}
