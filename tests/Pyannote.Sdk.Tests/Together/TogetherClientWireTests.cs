using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Together;

public class TogetherClientWireTests
{
    private const string Key = "tg-secret-key";
    private readonly WireHarness _wire = new();

    private TogetherClient Client() => new(Key, new TogetherClientOptions { Transport = _wire.Mock });

    [Fact]
    public async Task File_upload_sends_every_set_option_as_named_multipart_fields_with_bearer_auth()
    {
        using var file = TestFiles.Audio(".mp3", TestAudio.Id3With("mp3-bytes"u8));
        await Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path), new TogetherTranscriptionOptions
        {
            Model = TogetherModel.ParakeetTdt06bV3,
            Language = "auto",
            Prompt = "Acme, Together",
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            Temperature = 0.2,
            TimestampGranularities = TogetherTimestampGranularities.Word,
            Diarize = true,
            MinSpeakers = 2,
            MaxSpeakers = 3,
        });

        var req = _wire.Single;
        Assert.Equal(HttpMethod.Post, req.Method);
        Assert.Equal("https://api.together.ai/v1/audio/transcriptions", req.Uri.ToString());
        Assert.Equal("Bearer " + Key, req.Header("Authorization"));
        Assert.Null(req.Header("x-api-key"));

        var parts = req.Parts;
        Assert.Equal(
            ["file", "model", "language", "prompt", "response_format", "temperature", "timestamp_granularities", "diarize", "min_speakers", "max_speakers"],
            parts.Select(p => p.Name).ToArray());
        var filePart = req.Part("file");
        Assert.Equal(Path.GetFileName(file.Path), filePart.FileName);
        Assert.Equal("audio/mpeg", filePart.ContentType);
        Assert.Equal(TestAudio.Id3With("mp3-bytes"u8), filePart.Content);
        Assert.NotNull(req.ContentLength); // a known length: Content-Length, not chunked
        Assert.Equal("nvidia/parakeet-tdt-0.6b-v3", req.Part("model").Text);
        Assert.Equal("auto", req.Part("language").Text);
        Assert.Equal("Acme, Together", req.Part("prompt").Text);
        Assert.Equal("verbose_json", req.Part("response_format").Text);
        Assert.Equal("0.2", req.Part("temperature").Text);
        Assert.Equal("word", req.Part("timestamp_granularities").Text);
        Assert.Equal("true", req.Part("diarize").Text);
        Assert.Equal("2", req.Part("min_speakers").Text);
        Assert.Equal("3", req.Part("max_speakers").Text);

        // Text fields are plain form fields: no per-part content type.
        Assert.All(parts.Where(p => p.Name != "file"), p => Assert.Null(p.ContentType));
    }

    [Fact]
    public async Task Unset_options_are_not_sent_except_the_language_which_asks_for_auto_detection()
    {
        // Together's schema says language defaults to "en", its speech-to-text guide says "auto"
        // (docs.together.ai/docs/speech-to-text): an unset language is sent as "auto" so the audio is never decoded as English by default.
        using var file = TestFiles.Audio(".wav");
        await Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path));
        Assert.Equal(["file", "language"], _wire.Single.Parts.Select(p => p.Name).ToArray());
        Assert.Equal("auto", _wire.Single.Part("language").Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task Translation_leaves_an_unset_target_language_out(string? language)
    {
        using var file = TestFiles.Audio(".wav");
        await Client().CreateTranslationAsync(AudioInput.FromFile(file.Path), new TogetherTranslationOptions { Language = language });
        Assert.Equal(["file"], _wire.Single.Parts.Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task ISpeechClient_without_a_language_sends_auto_and_with_one_sends_it()
    {
        ISpeechClient client = Client();
        await client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"), new TranscriptionOptions { Diarize = false });
        Assert.Equal("auto", _wire.Single.Part("language").Text);
    }

    [Fact]
    public async Task Diarize_false_is_sent_as_the_form_text_false()
    {
        using var file = TestFiles.Audio(".wav");
        await Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path), new TogetherTranscriptionOptions { Diarize = false });
        Assert.Equal("false", _wire.Single.Part("diarize").Text);
    }

    [Fact]
    public async Task Both_granularities_are_sent_as_repeated_array_fields()
    {
        using var file = TestFiles.Audio(".wav");
        await Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path), new TogetherTranscriptionOptions
        {
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            TimestampGranularities = TogetherTimestampGranularities.Segment | TogetherTimestampGranularities.Word,
        });

        var granularities = _wire.Single.Parts.Where(p => p.Name.StartsWith("timestamp_granularities", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["timestamp_granularities[]", "timestamp_granularities[]"], granularities.Select(p => p.Name).ToArray());
        Assert.Equal(["segment", "word"], granularities.Select(p => p.Text).ToArray());
    }

    [Fact]
    public async Task A_url_is_sent_as_the_plain_text_file_field()
    {
        await Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/audio/meeting.mp3?sig=abc"));
        var file = _wire.Single.Part("file");
        Assert.Null(file.FileName);
        Assert.Null(file.ContentType);
        Assert.Equal("https://example.com/audio/meeting.mp3?sig=abc", file.Text);
    }

    [Fact]
    public async Task Translation_posts_to_the_translations_path_without_diarization_fields()
    {
        using var file = TestFiles.Audio(".flac");
        await Client().CreateTranslationAsync(AudioInput.FromFile(file.Path), new TogetherTranslationOptions { Language = "en", ResponseFormat = TogetherResponseFormat.Json });
        var req = _wire.Single;
        Assert.Equal("https://api.together.ai/v1/audio/translations", req.Uri.ToString());
        Assert.Equal(["file", "language", "response_format"], req.Parts.Select(p => p.Name).ToArray());
        Assert.Equal("json", req.Part("response_format").Text);
        Assert.Null(typeof(TogetherTranslationOptions).GetProperty("Diarize"));
        Assert.Null(typeof(TogetherTranslationOptions).GetProperty("MinSpeakers"));
    }

    [Fact]
    public async Task A_non_seekable_stream_is_uploaded_intact_with_a_content_length()
    {
        var bytes = TestAudio.Stamped(Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray());
        await Client().CreateTranscriptionAsync(AudioInput.FromStream(new NonSeekableStream(bytes), "call.ogg"));
        var part = _wire.Single.Part("file");
        Assert.Equal("call.ogg", part.FileName);
        Assert.Equal("audio/ogg", part.ContentType);
        Assert.Equal(bytes, part.Content);
        Assert.NotNull(_wire.Single.ContentLength);
    }

    [Fact]
    public async Task A_seekable_stream_is_sent_from_its_current_position()
    {
        var stream = new MemoryStream([.. "HEADER"u8, .. TestAudio.WavWith("audio"u8)]);
        stream.Position = 6;
        await Client().CreateTranscriptionAsync(AudioInput.FromStream(stream, "a.m4a"));
        Assert.Equal(TestAudio.WavWith("audio"u8), _wire.Single.Part("file").Content);
    }

    [Fact]
    public async Task A_custom_endpoint_prefix_is_kept()
    {
        var client = new TogetherClient(Key, new TogetherClientOptions { Transport = _wire.Mock, Endpoint = new Uri("http://127.0.0.1:5080/together") });
        await client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"));
        Assert.Equal("http://127.0.0.1:5080/together/v1/audio/transcriptions", _wire.Single.Uri.ToString());
    }

    [Fact]
    public async Task ISpeechClient_maps_diarization_and_num_speakers_to_equal_min_and_max()
    {
        _wire.AnswerJson(TogetherPayloadTests.DiarizedVerbose());
        ISpeechClient client = Client();
        using var file = TestFiles.Audio(".wav");
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(file.Path), new TranscriptionOptions { NumSpeakers = 2, Language = "en", Model = "openai/whisper-large-v3" });

        var req = _wire.Single;
        Assert.Equal("true", req.Part("diarize").Text);
        Assert.Equal("2", req.Part("min_speakers").Text);
        Assert.Equal("2", req.Part("max_speakers").Text);
        Assert.Equal("verbose_json", req.Part("response_format").Text);
        Assert.Equal("word", req.Part("timestamp_granularities").Text);
        Assert.Equal("en", req.Part("language").Text);
        Assert.Equal("openai/whisper-large-v3", req.Part("model").Text);
        Assert.Equal(SpeechVendor.Together, transcript.Vendor);
        Assert.Equal(["SPEAKER_00", "SPEAKER_01"], transcript.Speakers);
    }

    [Fact]
    public async Task ISpeechClient_without_diarization_sends_no_diarization_fields()
    {
        ISpeechClient client = Client();
        await client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"), new TranscriptionOptions { Diarize = false, WordTimestamps = false });
        var names = _wire.Single.Parts.Select(p => p.Name).ToArray();
        Assert.DoesNotContain("diarize", names);
        Assert.DoesNotContain("min_speakers", names);
        Assert.Equal("segment", _wire.Single.Part("timestamp_granularities").Text);
    }
}
