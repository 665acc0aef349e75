using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Tests.Together;

namespace Pyannote.Sdk.Tests.JigsawStack;

public class JigsawStackValidationTests
{
    private readonly WireHarness _wire = new();

    private JigsawStackClient Client() => new("sk-key", new JigsawStackClientOptions { Transport = _wire.Mock });

    private static AudioInput Url => AudioInput.FromUrl("https://example.com/a.wav");

    public static TheoryData<string, JigsawStackTranscriptionRequest> BadRequests => new()
    {
        { "request", new JigsawStackTranscriptionRequest() },
        { "request", new JigsawStackTranscriptionRequest { Audio = Url, FileStoreKey = "key" } },
        { "request", new JigsawStackTranscriptionRequest { FileStoreKey = " " } },
        { "request.BatchSize", new JigsawStackTranscriptionRequest { Audio = Url, BatchSize = 41 } },
        { "request.BatchSize", new JigsawStackTranscriptionRequest { Audio = Url, BatchSize = 0 } },
        { "request.ChunkDuration", new JigsawStackTranscriptionRequest { Audio = Url, ChunkDuration = 15.5 } },
        { "request.ChunkDuration", new JigsawStackTranscriptionRequest { Audio = Url, ChunkDuration = 0 } },
        { "request.ChunkDuration", new JigsawStackTranscriptionRequest { Audio = Url, ChunkDuration = double.NaN } },
        { "request.Audio", new JigsawStackTranscriptionRequest { Audio = AudioInput.FromUrl("ftp://example.com/a.wav") } },
    };

    [Fact]
    public async Task A_missing_file_is_FileNotFoundException()
    {
        var request = new JigsawStackTranscriptionRequest { Audio = AudioInput.FromFile("/nonexistent/dir/a.wav") };
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => Client().CreateTranscriptionAsync(request));
        Assert.Equal("/nonexistent/dir/a.wav", ex.FileName);
        Assert.Empty(_wire.Requests);
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_are_rejected_before_any_request(string parameter, JigsawStackTranscriptionRequest request)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(request));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Empty(_wire.Requests);

        var ex2 = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().StartTranscriptionAsync(request, new Uri("https://hooks.example.com/x")));
        Assert.Equal(parameter, ex2.ParamName);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task The_limits_themselves_are_accepted()
    {
        await Client().CreateTranscriptionAsync(new JigsawStackTranscriptionRequest { Audio = Url, BatchSize = 40, ChunkDuration = 15 });
        await Client().CreateTranscriptionAsync(new JigsawStackTranscriptionRequest { Audio = Url, BatchSize = 1, ChunkDuration = 0.5 });
        Assert.Equal(2, _wire.Requests.Count);
    }

    [Fact]
    public async Task Both_or_neither_source_message_names_url_and_file_store_key()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(new JigsawStackTranscriptionRequest { Audio = Url, FileStoreKey = "k" }));
        Assert.Contains("file_store_key", ex.Message, StringComparison.Ordinal);
        Assert.Contains("url", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_100_MB_is_rejected_naming_the_limit()
    {
        using var big = TestFiles.Sized(".mp3", JigsawStackClient.MaxUploadBytes + 1);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(new JigsawStackTranscriptionRequest { Audio = AudioInput.FromFile(big.Path) }));
        Assert.Equal("request.Audio", ex.ParamName);
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
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(new JigsawStackTranscriptionRequest { Audio = AudioInput.FromFile(file.Path) }));
        Assert.Equal("request.Audio", ex.ParamName);
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
        await Client().CreateTranscriptionAsync(new JigsawStackTranscriptionRequest { Audio = AudioInput.FromFile(file.Path) });
        Assert.Single(_wire.Requests);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x?key=secret")]
    [InlineData("/relative/hook")]
    public async Task A_webhook_url_that_is_not_absolute_http_is_rejected_without_leaking_it(string webhook)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().StartTranscriptionAsync(new JigsawStackTranscriptionRequest { Audio = Url }, new Uri(webhook, UriKind.RelativeOrAbsolute)));
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
