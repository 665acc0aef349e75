using System.Net;
using System.Text;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.Together;

/// <summary>Issue 13, finding 6: a diarized Together answer whose <c>speaker_id</c> is null (or empty) keeps the
/// speaker unknown — no speaker named <c>""</c>, no WebVTT <c>&lt;v &gt;</c>.</summary>
public sealed class TogetherUnknownSpeakerTests
{
    [Fact]
    public async Task A_Together_answer_with_a_null_speaker_id_keeps_the_speaker_unknown()
    {
        const string body = """
            { "language": "en", "duration": 2.0, "text": " Hi there.",
              "segments": [ { "id": 0, "start": 0.0, "end": 2.0, "text": " Hi there." } ],
              "words": [ { "id": 0, "word": "Hi", "start": 0.1, "end": 0.4, "speaker_id": null },
                         { "id": 1, "word": "there.", "start": 0.5, "end": 0.9, "speaker_id": "" } ],
              "speaker_segments": [ { "id": 0, "speaker_id": null, "start": 0.1, "end": 0.9, "text": "Hi there.",
                 "words": [ { "id": 0, "word": "Hi", "start": 0.1, "end": 0.4, "speaker_id": null },
                            { "id": 1, "word": "there.", "start": 0.5, "end": 0.9, "speaker_id": "" } ] } ] }
            """;
        var client = new TogetherClient("k", new TogetherClientOptions { Transport = new Answer(body) });

        var result = await client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"));
        var transcript = result.ToTranscript();

        Assert.NotEmpty(result.SpeakerSegments);
        Assert.All(result.SpeakerSegments, s => Assert.Null(s.SpeakerId));
        Assert.All(result.Words, w => Assert.Null(w.SpeakerId));
        Assert.All(transcript.Words, w => Assert.Null(w.Speaker));
        Assert.All(transcript.Turns, t => Assert.Null(t.Speaker));
        Assert.DoesNotContain("<v ", transcript.ToWebVtt(), StringComparison.Ordinal);
    }

    private sealed class Answer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
