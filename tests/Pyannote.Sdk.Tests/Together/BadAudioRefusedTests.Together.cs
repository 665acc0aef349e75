using System.Text;
using Pyannote.Sdk.Together;
using RichardSzalay.MockHttp;

namespace Pyannote.Sdk.Tests.Reliability;

/// <summary>The bad-audio checks seen through one uploading client (Together AI's multipart upload).</summary>
public sealed partial class BadAudioRefusedTests
{
    [VendorRows]
    private static IEnumerable<Operation> TogetherOperations() =>
    [
        new("Together AI", "CreateTranscriptionAsync", (c, a) => c.Together.CreateTranscriptionAsync(a), "audio"),
        new("Together AI", "CreateTranslationAsync", (c, a) => c.Together.CreateTranslationAsync(a), "audio"),
    ];

    [Fact]
    public async Task A_FIFO_is_refused_before_it_is_opened_so_the_call_cannot_block()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // FIFOs are a Unix file type.
        }

        var fifo = MakeFifo("live.wav");
        var transport = new CountingTransport();
        var clients = new VendorClients(ReliabilityData.ApiKey, transport);

        // Nobody ever writes to the FIFO: opening it for reading would block this call forever.
        var ex = await CallAsync(() => clients.Together.CreateTranscriptionAsync(AudioInput.FromFile(fifo).WithoutFormatCheck()));

        var refused = Assert.IsType<ArgumentException>(ex);
        Assert.Equal("audio", refused.ParamName);
        Assert.Contains("live.wav", refused.Message, StringComparison.Ordinal);
        Assert.Contains("FIFO", refused.Message, StringComparison.Ordinal);
        Assert.Contains("regular file", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.Count);
    }

    [Fact]
    public async Task A_symbolic_link_to_an_audio_file_is_followed_and_uploaded()
    {
        var target = Write("real.wav", TestAudio.WavWith("samples"u8));
        var link = Path.Combine(_dir, "link.wav");
        File.CreateSymbolicLink(link, target);
        var (client, bodies) = RecordingTogether();

        await client.CreateTranscriptionAsync(AudioInput.FromFile(link));

        var body = Assert.Single(bodies);
        Assert.Contains(Convert.ToHexString(TestAudio.WavWith("samples"u8)), Convert.ToHexString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checking_a_non_seekable_stream_loses_no_byte_of_the_upload()
    {
        var audio = TestAudio.WavWith(Enumerable.Range(0, 200_000).Select(i => (byte)(i % 253)).ToArray());
        var (client, bodies) = RecordingTogether();

        await client.CreateTranscriptionAsync(AudioInput.FromStream(new NonSeekableStream(audio), "call.wav"));

        var body = Assert.Single(bodies);
        Assert.Equal(1, CountOccurrences(body, audio));
    }

    [Fact]
    public async Task Checking_a_seekable_stream_uploads_from_its_starting_position_and_leaves_it_there_for_retries()
    {
        var audio = TestAudio.WavWith("the samples"u8);
        var stream = new MemoryStream([.. "JUNK"u8, .. audio]) { Position = 4 };
        var (client, bodies) = RecordingTogether();

        await client.CreateTranscriptionAsync(AudioInput.FromStream(stream, "call.wav"));

        var body = Assert.Single(bodies);
        Assert.Equal(1, CountOccurrences(body, audio));
        Assert.Equal(-1, Convert.ToHexString(body).IndexOf(Convert.ToHexString("JUNK"u8), StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutFormatCheck_sends_unrecognised_bytes_and_leaves_the_original_input_checked()
    {
        var path = Write("speech.xyz.wav", "custom codec frame"u8.ToArray());
        var checkedInput = AudioInput.FromFile(path);
        var unchecked_ = checkedInput.WithoutFormatCheck();
        var (client, bodies) = RecordingTogether();

        await client.CreateTranscriptionAsync(unchecked_);
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateTranscriptionAsync(checkedInput));

        Assert.True(checkedInput.ChecksFormat);
        Assert.False(unchecked_.ChecksFormat);
        Assert.Equal(checkedInput.FilePath, unchecked_.FilePath);
        Assert.Equal(checkedInput.ContentType, unchecked_.ContentType);
        var body = Assert.Single(bodies);
        Assert.Equal(1, CountOccurrences(body, "custom codec frame"u8.ToArray()));
    }

    [Fact]
    public async Task A_URL_input_is_never_sniffed()
    {
        var (client, bodies) = RecordingTogether();

        await client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/not-really-audio.txt"));

        Assert.Single(bodies);
        Assert.True(AudioInput.FromUrl("https://example.com/a.wav").ChecksFormat);
    }

    private static (TogetherClient Client, List<byte[]> Bodies) RecordingTogether()
    {
        var bodies = new List<byte[]>();
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(async request =>
        {
            bodies.Add(await request.Content!.ReadAsByteArrayAsync());
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{\"text\":\"ok\"}", Encoding.UTF8, "application/json") };
        });
        return (new TogetherClient(ReliabilityData.ApiKey, new TogetherClientOptions { Transport = mock }), bodies);
    }
}
