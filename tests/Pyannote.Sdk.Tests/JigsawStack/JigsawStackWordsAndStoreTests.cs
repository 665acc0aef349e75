using System.Net;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.VendorOptions;

/// <summary>
/// JigsawStack word_timestamps (Python SDK SpeechToTextParams.word_timestamps: one chunk per word) and File Store read and
/// delete (docs api-reference/store/file/get.mdx and delete.mdx). No published response exists for any of them; the
/// bodies below follow the documented shapes: the batch chunks[] with one word each, the delete's {success}, the read's bytes.
/// </summary>
public class JigsawStackWordsAndStoreTests
{
    private const string Key = "sk-jigsaw-secret";
    private readonly WireHarness _wire = new();

    private JigsawStackClient Client() => new(Key, new JigsawStackClientOptions { Transport = _wire.Mock, Retry = new SpeechRetryOptions { MaxRetries = 0 } });

    private const string WordChunks = """
        {"success":true,"text":" Hello there. General Kenobi.","chunks":[
          {"timestamp":[0.0,0.42],"text":" Hello","speaker":"SPEAKER_1"},
          {"timestamp":[0.42,0.9],"text":" there.","speaker":"SPEAKER_1"},
          {"timestamp":[1.2,1.7],"text":" General","speaker":"SPEAKER_2"},
          {"timestamp":[1.7,null],"text":" Kenobi.","speaker":"SPEAKER_2"}]}
        """;

    [Fact]
    public async Task Word_timestamps_is_sent_as_word_timestamps_true()
    {
        _wire.AnswerJson(WordChunks);
        await Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), new JigsawStackTranscriptionOptions { WordTimestamps = true, BySpeaker = true });

        Assert.Equal("{\"url\":\"https://example.com/a.wav\",\"by_speaker\":true,\"word_timestamps\":true}", _wire.Single.BodyText);
    }

    [Fact]
    public async Task Word_chunks_become_real_transcript_words_with_speakers_and_turns()
    {
        _wire.AnswerJson(WordChunks);
        var result = await Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), new JigsawStackTranscriptionOptions { WordTimestamps = true });

        Assert.True(result.WordChunks);
        var transcript = result.ToTranscript();
        Assert.Equal(new[] { "Hello", "there.", "General", "Kenobi." }, transcript.Words.Select(w => w.Text));
        Assert.Equal(TimeSpan.FromSeconds(0.42), transcript.Words[1].Start);
        Assert.Equal(TimeSpan.FromSeconds(1.7), transcript.Words[3].End); // a missing end is the word's own start when last
        Assert.Equal(new[] { "SPEAKER_1", "SPEAKER_2" }, transcript.Speakers);
        Assert.Equal(2, transcript.Turns.Count);
        Assert.Equal("General Kenobi.", transcript.Turns[1].Text);
    }

    [Fact]
    public async Task Word_chunks_in_the_older_shape_take_their_speaker_from_the_speakers_list()
    {
        _wire.AnswerJson("""
            {"success":true,"text":"a b","chunks":[{"timestamp":[0,1],"text":" a"},{"timestamp":[5,6],"text":" b"}],
             "speakers":[{"speaker":"Speaker 1","timestamp":[0,2],"text":" a"},{"speaker":"Speaker 2","timestamp":[4,7],"text":" b"}]}
            """);
        var result = await Client().CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), new JigsawStackTranscriptionOptions { WordTimestamps = true, BySpeaker = true });

        Assert.Equal(new[] { "Speaker 1", "Speaker 2" }, result.ToTranscript().Words.Select(w => w.Speaker));
    }

    [Fact]
    public async Task ISpeechClient_word_timestamps_asks_for_word_chunks()
    {
        _wire.AnswerJson(WordChunks);
        ISpeechClient client = Client();
        var transcript = await client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"), new TranscriptionOptions { WordTimestamps = true, Diarize = false });

        Assert.True(_wire.Single.Json().GetProperty("word_timestamps").GetBoolean());
        Assert.Equal(4, transcript.Words.Count);
    }

    [Fact]
    public async Task Download_gets_the_key_path_with_slashes_kept_and_other_characters_escaped_and_streams_the_bytes()
    {
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        _wire.Mock.Fallback.Respond(request =>
        {
            _wire.Requests.Add(new CapturedRequest { Method = request.Method, Uri = request.RequestUri!, Message = request, Body = [] });
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
            response.Content.Headers.ContentType = new("audio/wav");
            response.Headers.TryAddWithoutValidation("x-jigsaw-rate-limit-remaining", "7");
            return Task.FromResult(response);
        });
        using var destination = new MemoryStream();

        var download = await Client().DownloadFileAsync("calls/2026 q1#a.wav", destination);

        var req = _wire.Single;
        Assert.Equal(HttpMethod.Get, req.Method);
        Assert.Equal("https://api.jigsawstack.com/v1/store/file/read/calls/2026%20q1%23a.wav", req.Uri.AbsoluteUri);
        Assert.Equal(Key, req.Header("x-api-key"));
        Assert.Equal(bytes, destination.ToArray());
        Assert.Equal(5000, download.BytesWritten);
        Assert.Equal("audio/wav", download.ContentType);
        Assert.Equal(7, download.RateLimit!.Remaining);
        Assert.Null(download.Url);
    }

    [Fact]
    public async Task Download_accepts_the_documented_json_answer_and_writes_nothing()
    {
        _wire.AnswerJson("""{"success":true,"message":"ok","url":"https://api.jigsawstack.com/v1/store/file/read/a.wav","key":"a.wav"}""");
        using var destination = new MemoryStream();

        var download = await Client().DownloadFileAsync("a.wav", destination);

        Assert.Equal(0, destination.Length);
        Assert.Equal("https://api.jigsawstack.com/v1/store/file/read/a.wav", download.Url!.AbsoluteUri);
    }

    [Theory]
    [InlineData("{\"success\":true}", true)]
    [InlineData("{\"success\":false}", false)]
    [InlineData("", true)]
    public async Task Delete_sends_delete_on_the_read_path_and_reads_success_or_an_empty_body(string body, bool expected)
    {
        _wire.Answer(HttpStatusCode.OK, body);

        var deleted = await Client().DeleteFileAsync("uploads/a.wav");

        var req = _wire.Single;
        Assert.Equal(HttpMethod.Delete, req.Method);
        Assert.Equal("https://api.jigsawstack.com/v1/store/file/read/uploads/a.wav", req.Uri.AbsoluteUri);
        Assert.Empty(req.Body);
        Assert.Equal(expected, deleted);
    }

    [Fact]
    public async Task Delete_of_an_unknown_key_is_a_typed_404()
    {
        _wire.Answer(HttpStatusCode.NotFound, """{"success":false,"message":"File not found"}""");

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => Client().DeleteFileAsync("missing.wav"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal(SpeechVendor.JigsawStack, ex.Vendor);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a//b")]
    [InlineData("../secret")]
    [InlineData("a/")]
    public async Task Bad_keys_are_rejected_before_anything_is_sent(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().DeleteFileAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().DownloadFileAsync(key, new MemoryStream()));
        Assert.Empty(_wire.Requests);
    }
}
