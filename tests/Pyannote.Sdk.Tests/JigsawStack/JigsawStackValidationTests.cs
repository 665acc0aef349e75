using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.JigsawStack;

public class JigsawStackValidationTests
{
    private readonly WireHarness _wire = new();

    private JigsawStackClient Client() => new("sk-key", new JigsawStackClientOptions { Transport = _wire.Mock });

    private static AudioInput Url => AudioInput.FromUrl("https://example.com/a.wav");

    public static TheoryData<string, string> BadRequests => new()
    {
        { "blank stored-file key", "storedFile" },
        { "BatchSize 41", "options" },
        { "BatchSize 0", "options" },
        { "ChunkDuration 15.5", "options" },
        { "ChunkDuration 0", "options" },
        { "ChunkDuration NaN", "options" },
        { "ftp URL", "audio" },
        { "null audio", "audio" },
        { "null stored file", "storedFile" },
    };

    /// <summary>The same bad call through the synchronous and the webhook entry point.</summary>
    private static (Func<JigsawStackClient, Task> Create, Func<JigsawStackClient, Task> Start) Bad(string name)
    {
        var hook = new Uri("https://hooks.example.com/x");
        (AudioInput? audio, JigsawStackStoredFile? stored, JigsawStackTranscriptionOptions? options) call = name switch
        {
            "blank stored-file key" => (null, new JigsawStackStoredFile(" "), null),
            "BatchSize 41" => (Url, null, new() { BatchSize = 41 }),
            "BatchSize 0" => (Url, null, new() { BatchSize = 0 }),
            "ChunkDuration 15.5" => (Url, null, new() { ChunkDuration = 15.5 }),
            "ChunkDuration 0" => (Url, null, new() { ChunkDuration = 0 }),
            "ChunkDuration NaN" => (Url, null, new() { ChunkDuration = double.NaN }),
            "ftp URL" => (AudioInput.FromUrl("ftp://example.com/a.wav"), null, null),
            "null audio" => (null, null, null),
            _ => (null, null, null),
        };
        return call.stored is not null || name == "null stored file"
            ? (c => c.CreateTranscriptionAsync(call.stored!, call.options), c => c.StartTranscriptionAsync(call.stored!, hook, call.options))
            : (c => c.CreateTranscriptionAsync(call.audio!, call.options), c => c.StartTranscriptionAsync(call.audio!, hook, call.options));
    }

    [Fact]
    public async Task A_missing_file_is_FileNotFoundException()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => Client().CreateTranscriptionAsync(AudioInput.FromFile("/nonexistent/dir/a.wav")));
        Assert.Equal("/nonexistent/dir/a.wav", ex.FileName);
        Assert.Empty(_wire.Requests);
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_are_rejected_before_any_request_naming_the_callers_parameter(string name, string parameter)
    {
        var (create, start) = Bad(name);
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => create(Client()));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Empty(_wire.Requests);

        var ex2 = await Assert.ThrowsAnyAsync<ArgumentException>(() => start(Client()));
        Assert.Equal(parameter, ex2.ParamName);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task The_limits_themselves_are_accepted()
    {
        await Client().CreateTranscriptionAsync(Url, new JigsawStackTranscriptionOptions { BatchSize = 40, ChunkDuration = 15 });
        await Client().CreateTranscriptionAsync(Url, new JigsawStackTranscriptionOptions { BatchSize = 1, ChunkDuration = 0.5 });
        Assert.Equal(2, _wire.Requests.Count);
    }

    [Fact]
    public async Task A_file_over_100_MB_is_rejected_naming_the_limit()
    {
        using var big = TestFiles.Sized(".mp3", JigsawStackClient.MaxUploadBytes + 1);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(AudioInput.FromFile(big.Path)));
        Assert.Equal("audio", ex.ParamName);
        Assert.Contains("100,000,000", ex.Message, StringComparison.Ordinal);
        var ex2 = await Assert.ThrowsAsync<ArgumentException>(() => Client().UploadFileAsync(AudioInput.FromFile(big.Path)));
        Assert.Equal("file", ex2.ParamName);
        Assert.Empty(_wire.Requests);
    }

    [Theory]
    [InlineData(".opus")]
    [InlineData(".txt")]
    [InlineData(".mp4")]
    public async Task An_extension_the_vendor_does_not_accept_is_rejected(string extension)
    {
        using var file = TestFiles.Audio(extension);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path)));
        Assert.Equal("audio", ex.ParamName);
        Assert.Contains(".webm", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_wire.Requests);
    }

    [Theory]
    [InlineData(".mp3")]
    [InlineData(".wav")]
    [InlineData(".m4a")]
    [InlineData(".flac")]
    [InlineData(".aac")]
    [InlineData(".ogg")]
    [InlineData(".WEBM")]
    public async Task Every_accepted_extension_is_sent(string extension)
    {
        using var file = TestFiles.Audio(extension);
        await Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path));
        Assert.Single(_wire.Requests);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x?key=secret")]
    [InlineData("/relative/hook")]
    public async Task A_webhook_url_that_is_not_absolute_http_is_rejected_without_leaking_it(string webhook)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().StartTranscriptionAsync(Url, new Uri(webhook, UriKind.RelativeOrAbsolute)));
        Assert.Equal("webhookUrl", ex.ParamName);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task File_store_rejects_a_url_and_a_missing_file()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().UploadFileAsync(Url));
        Assert.Equal("file", ex.ParamName);
        var ex2 = await Assert.ThrowsAsync<FileNotFoundException>(() => Client().UploadFileAsync(AudioInput.FromFile("/nonexistent/a.wav")));
        Assert.Contains("parameter 'file'", ex2.Message, StringComparison.Ordinal);
        Assert.Empty(_wire.Requests);
    }

    [Theory]
    [InlineData(2, null, null, null)]
    [InlineData(null, 1, null, null)]
    [InlineData(null, null, 3, null)]
    [InlineData(null, null, null, "openai/whisper-large-v3")]
    public async Task ISpeechClient_rejects_speaker_hints_and_a_model(int? num, int? min, int? max, string? model)
    {
        ISpeechClient client = Client();
        var ex = await Assert.ThrowsAsync<SpeechOptionNotSupportedException>(() => client.TranscribeAsync(Url, new TranscriptionOptions { NumSpeakers = num, MinSpeakers = min, MaxSpeakers = max, Model = model }));
        var expected = "TranscriptionOptions." + (model is not null ? "Model" : num is not null ? "NumSpeakers" : min is not null ? "MinSpeakers" : "MaxSpeakers");
        Assert.Equal(expected, ex.Option);
        Assert.Equal(SpeechVendor.JigsawStack, ex.Vendor);
        Assert.Contains("JigsawStack does not support " + expected, ex.Message, StringComparison.Ordinal);
        Assert.False(client.Capabilities.SpeakerCountHints);
        Assert.Empty(_wire.Requests);
    }
}
