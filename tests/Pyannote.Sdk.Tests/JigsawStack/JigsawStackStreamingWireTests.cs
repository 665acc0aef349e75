using System.Net;
using System.Text;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.Tests.Live;

/// <summary>JigsawStack streamed transcription (<c>stream=true</c>, server-sent events): the request on the wire and
/// every plausible shape of the barely documented event stream.</summary>
public class JigsawStackStreamingWireTests
{
    private const string Key = "sk-jigsaw-secret";
    private readonly WireHarness _wire = new();

    private JigsawStackClient Client() => new(Key, new JigsawStackClientOptions { Transport = _wire.Mock, Retry = new SpeechRetryOptions { MaxRetries = 0 } });

    private WireHarness Sse(string body) => _wire.Answer(HttpStatusCode.OK, body, "text/event-stream");

    private static async Task<List<JigsawStackStreamEvent>> CollectAsync(IAsyncEnumerable<JigsawStackStreamEvent> events)
    {
        var list = new List<JigsawStackStreamEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }

    private async Task<List<JigsawStackStreamEvent>> StreamAsync(string body, JigsawStackStreamingOptions? options = null)
    {
        Sse(body);
        using var file = TestFiles.Audio(".wav");
        return await CollectAsync(Client().StreamTranscriptionAsync(AudioInput.FromFile(file.Path), options));
    }

    [Fact]
    public async Task The_request_is_the_published_one_audio_as_the_body_and_the_stream_parameters_in_the_query()
    {
        using var file = TestFiles.Audio(".wav", TestAudio.WavWith("streamed"u8));
        Sse("data: {\"type\":\"transcript.final\",\"text\":\"x\",\"chunks\":[]}\n\n");

        await CollectAsync(Client().StreamTranscriptionAsync(AudioInput.FromFile(file.Path), new JigsawStackStreamingOptions { Vad = false, VadThreshold = 0.3 }));

        var request = _wire.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.jigsawstack.com/v1/ai/transcribe?stream=true&language=en&vad=false&vad_threshold=0.3", request.Uri.ToString());
        Assert.Equal(Key, request.Header("x-api-key"));
        Assert.Equal("audio/wav", request.ContentType);
        Assert.Equal(TestAudio.WavWith("streamed"u8), request.Body);
        Assert.Contains("text/event-stream", request.Header("Accept"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_vad_options_are_not_sent()
    {
        await StreamAsync("data: {\"type\":\"transcript.final\",\"text\":\"x\"}\n\n");

        Assert.Equal("?stream=true&language=en", _wire.Single.Uri.Query);
    }

    [Fact]
    public async Task The_vendor_sdk_mock_without_blank_lines_is_read_as_one_event_per_line_and_assembled()
    {
        var events = await StreamAsync(TestFiles.Payload("jigsawstack", "stream-sse-mock-verbatim.txt"));

        Assert.Equal(["hello", " world"], events.OfType<JigsawStackStreamDelta>().Select(d => d.Delta).ToArray());
        Assert.Equal("hello world", Assert.Single(events.OfType<JigsawStackStreamDone>()).Text);
        var completed = Assert.IsType<JigsawStackStreamCompleted>(events[^1]);
        Assert.True(completed.IsAssembled);
        Assert.Equal("hello world", completed.Transcription.Text);
        Assert.Equal("en", completed.Transcription.RequestedLanguage);
    }

    [Fact]
    public async Task Event_lines_ids_comments_and_crlf_are_accepted_and_the_type_may_come_from_the_event_line()
    {
        var body = ": keep-alive\r\nid: 1\r\nevent: transcript.start\r\ndata: {}\r\n\r\n"
            + "event: transcript.segment\r\ndata: {\"chunk\":{\"timestamp\":[0.5,1.25],\"text\":\" Hi there\"}}\r\n\r\n"
            + "data: {\"type\":\"transcript.delta\",\"delta\":\" Hi there\"}\r\n\r\n"
            + "data: {\"type\":\"transcript.future_event\",\"x\":1}\r\n\r\n"
            + "data: {\"type\":\"transcript.done\",\"text\":\" Hi there\"}\r\n\r\n";

        var events = await StreamAsync(body);

        Assert.Collection(
            events,
            e => Assert.IsType<JigsawStackStreamStarted>(e),
            e => Assert.Equal(new JigsawStackChunk(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.25), " Hi there", null), Assert.IsType<JigsawStackStreamSegment>(e).Chunk),
            e => Assert.Equal(" Hi there", Assert.IsType<JigsawStackStreamDelta>(e).Delta),
            e => Assert.IsType<JigsawStackStreamDone>(e),
            e =>
            {
                var completed = Assert.IsType<JigsawStackStreamCompleted>(e);
                Assert.True(completed.IsAssembled);
                var chunk = Assert.Single(completed.Transcription.Chunks);
                Assert.Equal(TimeSpan.FromSeconds(0.5), chunk.Start);
                Assert.Equal("Hi there", Assert.Single(completed.Transcription.ToTranscript().Turns).Text);
            });
    }

    [Fact]
    public async Task The_service_final_result_ends_the_stream_whether_it_comes_before_or_after_done()
    {
        const string final = "data: {\"type\":\"transcript.final\",\"text\":\" a b\",\"chunks\":[{\"timestamp\":[0,1],\"text\":\" a\"},{\"timestamp\":[1,2],\"text\":\" b\"}]}\n\n";
        const string done = "data: {\"type\":\"transcript.done\",\"text\":\" a b\"}\n\n";

        foreach (var body in new[] { final + done, done + final })
        {
            var events = await StreamAsync(body);

            var completed = Assert.Single(events.OfType<JigsawStackStreamCompleted>());
            Assert.False(completed.IsAssembled);
            Assert.Equal(2, completed.Transcription.Chunks.Count);
            Assert.Equal(TimeSpan.FromSeconds(2), completed.Transcription.Chunks[1].End);
            Assert.Equal(2, events.Count);
        }
    }

    [Fact]
    public async Task A_stream_that_ends_without_a_result_throws_with_what_was_received()
    {
        var error = await Assert.ThrowsAsync<LiveStreamException>(() => StreamAsync(
            "data: {\"type\":\"transcript.start\"}\n\ndata: {\"type\":\"transcript.delta\",\"delta\":\"partial\"}\n\n"));

        Assert.Equal(SpeechVendor.JigsawStack, error.Vendor);
        Assert.Contains("ended before the final result", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ReceivedEventCount);
        Assert.Equal("partial", Assert.IsType<JigsawStackStreamDelta>(error.ReceivedEvents[1]).Delta);
        Assert.DoesNotContain("audio sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transcript_error_is_yielded_and_a_stream_that_then_ends_without_a_result_throws_its_message()
    {
        var seen = new List<JigsawStackStreamEvent>();
        Sse("data: {\"type\":\"transcript.start\"}\n\ndata: {\"type\":\"transcript.error\",\"message\":\"audio could not be decoded\"}\n\ndata: [DONE]\n\n");
        using var file = TestFiles.Audio(".wav");

        var error = await Assert.ThrowsAsync<LiveStreamException>(async () =>
        {
            await foreach (var e in Client().StreamTranscriptionAsync(AudioInput.FromFile(file.Path)))
            {
                seen.Add(e);
            }
        });

        Assert.Equal("audio could not be decoded", Assert.IsType<JigsawStackStreamError>(seen[^1]).Message);
        Assert.Contains("audio could not be decoded", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ReceivedEvents.Count);
    }

    [Fact]
    public async Task An_event_larger_than_the_limit_ends_the_stream_before_it_is_buffered()
    {
        var huge = "data: {\"type\":\"transcript.delta\",\"delta\":\"" + new string('x', 4096) + "\"}\n\n";

        var error = await Assert.ThrowsAsync<LiveStreamException>(() => StreamAsync("data: {\"type\":\"transcript.start\"}\n\n" + huge, new JigsawStackStreamingOptions { MaxEventBytes = 1024 }));

        Assert.Contains("larger than 1024 bytes", error.Message, StringComparison.Ordinal);
        Assert.IsType<JigsawStackStreamStarted>(Assert.Single(error.ReceivedEvents));
    }

    [Fact]
    public async Task Many_events_each_under_the_limit_pass_however_long_the_stream()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            body.Append("data: {\"type\":\"transcript.delta\",\"delta\":\"").Append(new string('y', 900)).Append("\"}\r\n\r\n");
        }

        body.Append("data: [DONE]\n\n");
        var events = await StreamAsync(body.ToString(), new JigsawStackStreamingOptions { MaxEventBytes = 1024 });

        Assert.Equal(200, events.OfType<JigsawStackStreamDelta>().Count());
        Assert.Equal(200 * 900, Assert.IsType<JigsawStackStreamCompleted>(events[^1]).Transcription.Text.Length);
    }

    [Fact]
    public async Task An_unreadable_event_throws_a_live_stream_exception()
    {
        var error = await Assert.ThrowsAsync<LiveStreamException>(() => StreamAsync("data: {\"type\":\"transcript.start\"}\n\ndata: {\"type\":\"transcript.segment\",\"chunk\":{\"timestamp\":[\"soon\"]}}\n\n"));

        Assert.Contains("cannot read", error.Message, StringComparison.Ordinal);
        Assert.Single(error.ReceivedEvents);
    }

    [Fact]
    public async Task A_plain_json_answer_is_taken_as_the_final_result()
    {
        _wire.AnswerJson(TestFiles.Payload("jigsawstack", "stt-response-url.json"));
        using var file = TestFiles.Audio(".wav");

        var events = await CollectAsync(Client().StreamTranscriptionAsync(AudioInput.FromFile(file.Path)));

        var completed = Assert.IsType<JigsawStackStreamCompleted>(Assert.Single(events));
        Assert.False(completed.IsAssembled);
        Assert.NotEmpty(completed.Transcription.Chunks);
    }

    [Fact]
    public async Task A_refusal_before_the_stream_is_a_typed_api_error()
    {
        _wire.Answer(HttpStatusCode.BadRequest, "{\"success\":false,\"message\":\"Streaming supports only language=en\"}");
        using var file = TestFiles.Audio(".wav");

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(Client().StreamTranscriptionAsync(AudioInput.FromFile(file.Path), new JigsawStackStreamingOptions { Language = "fr" })));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("?stream=true&language=fr", _wire.Single.Uri.Query);
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_is_sent()
    {
        using var file = TestFiles.Audio(".wav");

        var url = await Assert.ThrowsAsync<ArgumentException>(() => CollectAsync(Client().StreamTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"))));
        Assert.Equal("audio", url.ParamName);
        var threshold = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CollectAsync(Client().StreamTranscriptionAsync(AudioInput.FromFile(file.Path), new JigsawStackStreamingOptions { VadThreshold = 1.5 })));
        Assert.Equal("options", threshold.ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CollectAsync(Client().StreamTranscriptionAsync(AudioInput.FromFile(file.Path), new JigsawStackStreamingOptions { MaxEventBytes = 10 })));

        Assert.Empty(_wire.Requests);
    }
}
