using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Together;

public class TogetherReplayTests
{
    [Fact]
    public async Task A_multipart_upload_from_a_non_seekable_stream_is_re_sent_whole_on_a_second_attempt()
    {
        var audio = TestAudio.Stamped(Enumerable.Range(0, 300_000).Select(i => (byte)(i % 253)).ToArray());
        var handler = new DoubleReadHandler();
        var together = new TogetherClient("k", new TogetherClientOptions { Transport = handler });
        await together.CreateTranscriptionAsync(AudioInput.FromStream(new NonSeekableStream(audio), "a.wav"));
        Assert.Equal(handler.Bodies[0], handler.Bodies[1]);
        Assert.True(handler.Bodies[0].Length > audio.Length);
    }

    [Fact]
    public void No_generated_type_is_public()
    {
        var generated = typeof(TogetherClient).Assembly.GetTypes()
            .Where(t => t.Namespace is "Pyannote.Sdk.Generated.Together")
            .ToArray();
        Assert.NotEmpty(generated);
        Assert.All(generated, t => Assert.False(t.IsVisible, t.FullName));
    }
}
