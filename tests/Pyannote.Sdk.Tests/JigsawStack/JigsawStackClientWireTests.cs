using System.Net;
using System.Text.Json;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.JigsawStack;

public class JigsawStackClientWireTests
{
    private const string Key = "sk-jigsaw-secret";
    private readonly WireHarness _wire = new();

    private static readonly Dictionary<string, string> RateLimitHeaders = new()
    {
        ["x-jigsaw-rate-limit-limit"] = "50",
        ["x-jigsaw-rate-limit-remaining"] = "49",
        ["x-jigsaw-rate-limit-reset"] = "1763755200123",
    };

    private JigsawStackClient Client() => new(Key, new JigsawStackClientOptions { Transport = _wire.Mock, Retry = new SpeechRetryOptions { MaxRetries = 0 } });

    private static string Ok => TestFiles.Payload("jigsawstack", "stt-response-url.json");

    [Fact]
    public async Task A_url_request_is_the_published_json_body_with_the_api_key_header()
    {
        _wire.AnswerJson(Ok);
        await Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://jigsawstack.com/preview/stt-example.wav"));

        var req = _wire.Single;
        Assert.Equal(HttpMethod.Post, req.Method);
        Assert.Equal("https://api.jigsawstack.com/v1/ai/transcribe", req.Uri.ToString());
        Assert.Equal(Key, req.Header("x-api-key"));
        Assert.Null(req.Message.Headers.Authorization);
        Assert.StartsWith("application/json", req.ContentType, StringComparison.Ordinal);
        // Exactly the documented curl body: unset options are not sent.
        Assert.Equal(TestFiles.Payload("jigsawstack", "stt-request-url.json").Trim(), req.BodyText);
    }

    [Fact]
    public async Task Every_set_option_is_sent_with_its_json_name_and_type()
    {
        _wire.AnswerJson(Ok);
        await Client().CreateTranscriptionAsync(new JigsawStackStoredFile("stored-key"), new JigsawStackTranscriptionOptions
        {
            Language = "auto",
            Translate = false,
            BySpeaker = true,
            BatchSize = 40,
            ChunkDuration = 15,
        });

        var json = _wire.Single.Json();
        Assert.Equal(["file_store_key", "language", "translate", "by_speaker", "batch_size", "chunk_duration"], json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("stored-key", json.GetProperty("file_store_key").GetString());
        Assert.Equal(JsonValueKind.False, json.GetProperty("translate").ValueKind);
        Assert.Equal(JsonValueKind.True, json.GetProperty("by_speaker").ValueKind);
        Assert.Equal(40, json.GetProperty("batch_size").GetInt32());
        Assert.Equal(15, json.GetProperty("chunk_duration").GetDouble());
    }

    [Fact]
    public async Task A_local_file_is_uploaded_as_multipart_file_and_body_json_text()
    {
        _wire.AnswerJson(Ok, RateLimitHeaders);
        using var file = TestFiles.Audio(".wav", TestAudio.WavWith("wav"u8));
        var result = await Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path), new JigsawStackTranscriptionOptions { BySpeaker = true, Language = "en" });

        var req = _wire.Single;
        Assert.Equal("https://api.jigsawstack.com/v1/ai/transcribe", req.Uri.ToString());
        Assert.Equal(Key, req.Header("x-api-key"));
        Assert.NotNull(req.ContentLength);
        Assert.Equal(["file", "body"], req.Parts.Select(p => p.Name).ToArray());
        var filePart = req.Part("file");
        Assert.Equal(Path.GetFileName(file.Path), filePart.FileName);
        Assert.Equal("audio/wav", filePart.ContentType);
        Assert.Equal(TestAudio.WavWith("wav"u8), filePart.Content);
        using var body = JsonDocument.Parse(req.Part("body").Text);
        Assert.Equal(["language", "by_speaker"], body.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.True(body.RootElement.GetProperty("by_speaker").GetBoolean());

        Assert.Equal(new SpeechRateLimit(50, 49, DateTimeOffset.FromUnixTimeMilliseconds(1763755200123)), result.RateLimit);
    }

    [Fact]
    public async Task A_non_seekable_stream_without_options_sends_the_file_and_an_empty_body_object()
    {
        _wire.AnswerJson(Ok);
        await Client().CreateTranscriptionAsync(AudioInput.FromStream(new NonSeekableStream(TestAudio.WavWith([1, 2, 3])), "clip.webm"));
        Assert.Equal(["file", "body"], _wire.Single.Parts.Select(p => p.Name).ToArray());
        Assert.Equal("{}", _wire.Single.Part("body").Text);
        Assert.Equal(TestAudio.WavWith([1, 2, 3]), _wire.Single.Part("file").Content);
    }

    [Fact]
    public async Task Rate_limit_headers_of_the_json_path_are_exposed_on_the_result()
    {
        _wire.AnswerJson(Ok, RateLimitHeaders);
        var result = await Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"));
        Assert.Equal(50, result.RateLimit!.Limit);
        Assert.Equal(49, result.RateLimit.Remaining);
        Assert.Equal(new DateTimeOffset(2025, 11, 21, 20, 0, 0, 123, TimeSpan.Zero), result.RateLimit.Reset);
    }

    [Fact]
    public async Task Without_rate_limit_headers_the_property_is_null()
    {
        _wire.AnswerJson(Ok);
        var result = await Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"));
        Assert.Null(result.RateLimit);
    }

    [Fact]
    public async Task A_webhook_transcription_sends_webhook_url_and_returns_the_acknowledgement()
    {
        _wire.AnswerJson("""{"success":true,"status":"processing","id":"35643965633a84534a396dcc11252cd1","log_id":"log-1"}""", RateLimitHeaders);
        var ack = await Client().StartTranscriptionAsync(
            AudioInput.FromUrl("https://example.com/a.mp3"), new Uri("https://hooks.example.com/jigsaw?webhookKey=abc"), new JigsawStackTranscriptionOptions { BySpeaker = true });

        var json = _wire.Single.Json();
        Assert.Equal("https://hooks.example.com/jigsaw?webhookKey=abc", json.GetProperty("webhook_url").GetString());
        Assert.Equal("35643965633a84534a396dcc11252cd1", ack.Id);
        Assert.Equal("processing", ack.Status);
        Assert.True(ack.Success);
        Assert.Equal("log-1", ack.LogId);
        Assert.Equal(49, ack.RateLimit!.Remaining);
    }

    [Fact]
    public async Task A_webhook_transcription_of_a_local_file_puts_webhook_url_in_the_body_part()
    {
        _wire.AnswerJson("""{"success":true,"status":"processing","id":"job-2"}""");
        using var file = TestFiles.Audio(".m4a");
        var ack = await Client().StartTranscriptionAsync(AudioInput.FromFile(file.Path), new Uri("https://hooks.example.com/x"));
        using var body = JsonDocument.Parse(_wire.Single.Part("body").Text);
        Assert.Equal("https://hooks.example.com/x", body.RootElement.GetProperty("webhook_url").GetString());
        Assert.Equal("job-2", ack.Id);
    }

    [Fact]
    public async Task File_store_upload_streams_the_file_with_its_options_and_returns_the_key()
    {
        _wire.AnswerJson(TestFiles.Payload("jigsawstack", "store-file-upload-response.json"), RateLimitHeaders);
        using var file = TestFiles.Audio(".mp3", TestAudio.Id3With("data"u8));
        var stored = await Client().UploadFileAsync(AudioInput.FromFile(file.Path), new JigsawStackFileUploadOptions { Key = "test-key", Overwrite = true });

        var req = _wire.Single;
        Assert.Equal("https://api.jigsawstack.com/v1/store/file", req.Uri.ToString());
        Assert.Equal(Key, req.Header("x-api-key"));
        Assert.Equal(TestAudio.Id3With("data"u8), req.Part("file").Content);
        Assert.Equal("""{"key":"test-key","overwrite":true}""", req.Part("body").Text);
        Assert.Equal("test-key", stored.Key);
        Assert.Equal(new Uri("https://api.jigsawstack.com/v1/store/file/read/1234"), stored.Url);
        Assert.Equal(1024, stored.Size);
        Assert.Null(stored.TempPublicUrl);
        Assert.Equal(50, stored.RateLimit!.Limit);
    }

    [Fact]
    public async Task File_store_upload_without_options_sends_no_body_part_and_reads_the_verbatim_example_with_its_trailing_comma()
    {
        _wire.AnswerJson(TestFiles.Payload("jigsawstack", "store-file-upload-response-verbatim.txt"));
        using var file = TestFiles.Audio(".wav");
        var stored = await Client().UploadFileAsync(AudioInput.FromFile(file.Path));
        Assert.Equal(["file"], _wire.Single.Parts.Select(p => p.Name).ToArray());
        Assert.Equal("test-key", stored.Key);
    }

    [Fact]
    public async Task ISpeechClient_maps_diarize_to_by_speaker_and_passes_the_language()
    {
        _wire.AnswerJson(TestFiles.Payload("jigsawstack", "stt-response-by-speaker-example.json"));
        ISpeechClient client = Client();
        var transcript = await client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"), new TranscriptionOptions { Language = "en" });
        var json = _wire.Single.Json();
        Assert.True(json.GetProperty("by_speaker").GetBoolean());
        Assert.Equal("en", json.GetProperty("language").GetString());
        Assert.Equal(SpeechVendor.JigsawStack, transcript.Vendor);
        Assert.Equal("en", transcript.Language);
        Assert.Equal(["SPEAKER_00"], transcript.Speakers);
        Assert.Equal("Speaker 1", transcript.VendorSpeakerLabels["SPEAKER_00"]);
    }

    [Fact]
    public async Task ISpeechClient_without_diarization_does_not_send_by_speaker()
    {
        _wire.AnswerJson(Ok);
        ISpeechClient client = Client();
        await client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"), new TranscriptionOptions { Diarize = false });
        Assert.False(_wire.Single.Json().TryGetProperty("by_speaker", out _));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"success":false,"message":"Either url or file_store_key is required","error":"validation_error"}""", "Either url or file_store_key is required", "validation_error")]
    [InlineData(HttpStatusCode.Unauthorized, """{"message":"Missing API key"}""", "Missing API key", null)]
    [InlineData(HttpStatusCode.Forbidden, """{"success":false,"message":"Invalid API key","error":"invalid_api_key"}""", "Invalid API key", "invalid_api_key")]
    [InlineData(HttpStatusCode.InternalServerError, """{"message":"Something went wrong","error":"application_error"}""", "Something went wrong", "application_error")]
    public async Task Error_bodies_map_message_code_status_and_vendor(HttpStatusCode status, string body, string message, string? code)
    {
        _wire.Answer(status, body);
        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav")));
        Assert.Equal(SpeechVendor.JigsawStack, ex.Vendor);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Equal(message, ex.VendorMessage);
        Assert.Equal(code, ex.ErrorCode);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_on_the_upload_path_maps_the_same_way()
    {
        _wire.Answer((HttpStatusCode)429, """{"message":"Too many requests"}""");
        using var file = TestFiles.Audio(".wav");
        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => Client().CreateTranscriptionAsync(AudioInput.FromFile(file.Path)));
        Assert.Equal(429, ex.StatusCode);
        Assert.True(ex.IsRetriable);
        Assert.Equal("Too many requests", ex.VendorMessage);
    }
}
