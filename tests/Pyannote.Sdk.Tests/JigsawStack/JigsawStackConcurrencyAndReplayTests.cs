using System.Net;
using System.Text;
using System.Text.Json;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.JigsawStack;

public class JigsawStackConcurrencyAndReplayTests
{
    /// <summary>Answers each transcription with rate-limit headers derived from the requested URL, after yielding so calls interleave.</summary>
    private sealed class EchoHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var doc = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var n = doc.RootElement.GetProperty("url").GetString()!.Split('/')[^1];
            await Task.Delay(5 * (int.Parse(n) % 3), cancellationToken);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"success":true,"text":"x","chunks":[]}""", Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("x-jigsaw-rate-limit-remaining", n);
            return response;
        }
    }

    [Fact]
    public async Task Concurrent_calls_each_get_their_own_rate_limit_headers()
    {
        var client = new JigsawStackClient("k", new JigsawStackClientOptions { Transport = new EchoHandler() });
        var tasks = Enumerable.Range(1, 20).Select(i => client.CreateTranscriptionAsync(AudioInput.FromUrl($"https://example.com/{i}"))).ToArray();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long?)i), results.Select(r => r.RateLimit!.Remaining));
    }

    [Fact]
    public async Task A_multipart_upload_from_a_non_seekable_stream_is_re_sent_whole_on_a_second_attempt()
    {
        var audio = TestAudio.Stamped(Enumerable.Range(0, 300_000).Select(i => (byte)(i % 253)).ToArray());
        var handler = new DoubleReadHandler();
        var jigsaw = new JigsawStackClient("k", new JigsawStackClientOptions { Transport = handler });
        await jigsaw.CreateTranscriptionAsync(AudioInput.FromStream(new NonSeekableStream(audio), "a.wav"));
        Assert.Equal(2, handler.Bodies.Count);
        Assert.Equal(handler.Bodies[0], handler.Bodies[1]);
        Assert.True(handler.Bodies[0].Length > audio.Length);
    }

    [Fact]
    public void The_webhook_parser_reads_utf8_bytes_the_same_as_text()
    {
        var json = """{"success":true,"status":"success","id":"job-1","text":" a","chunks":[{"timestamp":[0,1],"text":" a","speaker":"SPEAKER_1"}]}""";
        var fromBytes = JigsawStackMapper.Parse(Encoding.UTF8.GetBytes(json).AsSpan());
        Assert.Equal("job-1", fromBytes.Id);
        Assert.Equal("SPEAKER_1", Assert.Single(fromBytes.Chunks).Speaker);
    }

    [Fact]
    public void No_generated_type_is_public()
    {
        var generated = typeof(JigsawStackClient).Assembly.GetTypes()
            .Where(t => t.Namespace is "Pyannote.Sdk.Generated.JigsawStack")
            .ToArray();
        Assert.NotEmpty(generated);
        Assert.All(generated, t => Assert.False(t.IsVisible, t.FullName));
    }
}
