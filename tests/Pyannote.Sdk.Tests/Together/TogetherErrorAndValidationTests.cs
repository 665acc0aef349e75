using System.Net;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Together;

public class TogetherErrorAndValidationTests
{
    private const string Key = "tg-secret-key";
    private readonly WireHarness _wire = new();

    private TogetherClient Client() => new(Key, new TogetherClientOptions { Transport = _wire.Mock, Retry = new SpeechRetryOptions { MaxRetries = 0 } });

    private Task<TogetherTranscription> SendUrl() => Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"));

    [Theory]
    [InlineData("audio_too_long", "Audio duration exceeds the 4 hour cap.")]
    [InlineData("file_too_large", "The downloaded file exceeds 1 GB.")]
    public async Task Error_envelope_maps_code_message_status_and_vendor(string code, string message)
    {
        _wire.Answer(HttpStatusCode.BadRequest, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":\"file\",\"code\":\"" + code + "\"}}");
        var ex = await Assert.ThrowsAsync<SpeechApiException>(SendUrl);
        Assert.Equal(SpeechVendor.Together, ex.Vendor);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.VendorMessage);
        Assert.False(ex.IsRetriable);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_413_with_an_html_body_maps_without_a_vendor_message()
    {
        _wire.Answer(HttpStatusCode.RequestEntityTooLarge, "<html><body><h1>413 Request Entity Too Large</h1></body></html>", "text/html");
        var ex = await Assert.ThrowsAsync<SpeechApiException>(SendUrl);
        Assert.Equal(413, ex.StatusCode);
        Assert.Null(ex.VendorMessage);
        Assert.Null(ex.ErrorCode);
        Assert.DoesNotContain("<html", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_without_code_uses_the_error_type_and_is_retriable()
    {
        _wire.Answer((HttpStatusCode)429, """{"error":{"message":"Rate limit reached","type":"rate_limit_exceeded","param":null,"code":null}}""");
        var ex = await Assert.ThrowsAsync<SpeechApiException>(SendUrl);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
        Assert.True(ex.IsRetriable);
    }

    public static TheoryData<string, TogetherTranscriptionOptions> BadOptions => new()
    {
        { "options.Temperature", new TogetherTranscriptionOptions { Temperature = 1.5 } },
        { "options.Temperature", new TogetherTranscriptionOptions { Temperature = -0.1 } },
        { "options.Temperature", new TogetherTranscriptionOptions { Temperature = double.NaN } },
        { "options.MinSpeakers", new TogetherTranscriptionOptions { Diarize = true, MinSpeakers = 4, MaxSpeakers = 2 } },
        { "options.MinSpeakers", new TogetherTranscriptionOptions { Diarize = true, MinSpeakers = 0 } },
        { "options.MaxSpeakers", new TogetherTranscriptionOptions { Diarize = true, MaxSpeakers = 0 } },
        { "options.Diarize", new TogetherTranscriptionOptions { MinSpeakers = 2 } },
        { "options.Diarize", new TogetherTranscriptionOptions { Diarize = false, MaxSpeakers = 2 } },
        { "options.TimestampGranularities", new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.Json, TimestampGranularities = TogetherTimestampGranularities.Word } },
        { "options.TimestampGranularities", new TogetherTranscriptionOptions { TimestampGranularities = (TogetherTimestampGranularities)8 } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Bad_options_are_rejected_before_any_request(string parameter, TogetherTranscriptionOptions options)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), options));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task Translation_rejects_a_bad_temperature_and_granularities_with_json()
    {
        var client = Client();
        var audio = AudioInput.FromUrl("https://example.com/a.wav");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.CreateTranslationAsync(audio, new TogetherTranslationOptions { Temperature = 2 }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateTranslationAsync(audio, new TogetherTranslationOptions { ResponseFormat = TogetherResponseFormat.Json, TimestampGranularities = TogetherTimestampGranularities.Segment }));
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task A_file_over_80_MB_is_rejected_naming_the_limit()
    {
        using var big = TestFiles.Sized(".wav", TogetherClient.MaxUploadBytes + 1);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(AudioInput.FromFile(big.Path)));
        Assert.Equal("audio", ex.ParamName);
        Assert.Contains("80,000,000", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task A_file_of_exactly_80_MB_is_sent()
    {
        using var edge = TestFiles.Sized(".wav", TogetherClient.MaxUploadBytes);
        await Client().CreateTranscriptionAsync(AudioInput.FromFile(edge.Path));
        Assert.True(_wire.Single.Body.Length > TogetherClient.MaxUploadBytes); // the whole file plus the multipart framing
    }

    [Theory]
    [InlineData(".txt")]
    [InlineData(".mp4")]
    [InlineData("")]
    public async Task An_extension_the_vendor_does_not_accept_is_rejected(string extension)
    {
        using var file = TestFiles.Audio(extension);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path)));
        Assert.Equal("audio", ex.ParamName);
        Assert.Contains(".opus", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_wire.Requests);
    }

    [Theory]
    [InlineData(".wav")]
    [InlineData(".MP3")]
    [InlineData(".m4a")]
    [InlineData(".webm")]
    [InlineData(".flac")]
    [InlineData(".ogg")]
    [InlineData(".opus")]
    [InlineData(".aac")]
    public async Task Every_accepted_extension_is_sent(string extension)
    {
        using var file = TestFiles.Audio(extension);
        await Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path));
        Assert.Single(_wire.Requests);
    }

    [Fact]
    public async Task A_missing_file_is_rejected()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => Client().CreateTranscriptionAsync(AudioInput.FromFile("/nonexistent/dir/audio.wav")));
        Assert.Equal("/nonexistent/dir/audio.wav", ex.FileName);
        Assert.Contains("parameter 'audio'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_rejected_without_leaking_its_query()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().CreateTranscriptionAsync(AudioInput.FromUrl("ftp://example.com/a.wav?token=secret")));
        Assert.Equal("audio", ex.ParamName);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task ISpeechClient_rejects_counts_without_diarization_and_num_with_min_or_max()
    {
        ISpeechClient client = Client();
        var audio = AudioInput.FromUrl("https://example.com/a.wav");
        var ex1 = await Assert.ThrowsAsync<ArgumentException>(() => client.TranscribeAsync(audio, new TranscriptionOptions { Diarize = false, NumSpeakers = 2 }));
        Assert.Equal("options.Diarize", ex1.ParamName);
        var ex2 = await Assert.ThrowsAsync<ArgumentException>(() => client.TranscribeAsync(audio, new TranscriptionOptions { NumSpeakers = 2, MaxSpeakers = 3 }));
        Assert.Equal("options.NumSpeakers", ex2.ParamName);
        var ex3 = await Assert.ThrowsAsync<ArgumentException>(() => client.TranscribeAsync(audio, new TranscriptionOptions { MinSpeakers = 3, MaxSpeakers = 2 }));
        Assert.Equal("options.MinSpeakers", ex3.ParamName);
        Assert.Empty(_wire.Requests);
    }

    [Fact]
    public async Task An_empty_api_key_is_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new TogetherClient(" "));
        await Task.CompletedTask;
    }
}
