using Pyannote.Sdk.JigsawStack;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class VendorOptionsSdkTests
{
    [Fact]
    public async Task JigsawStack_word_timestamps_give_the_sidecar_words_one_by_one()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var transcript = await ((ISpeechClient)client).TranscribeAsync(AudioInput.FromFile(ConversationWav), new TranscriptionOptions { WordTimestamps = true });

        AssertConversation(transcript);
        Assert.All(transcript.Words, w => Assert.DoesNotContain(' ', w.Text));
    }

    [Fact]
    public async Task JigsawStack_file_store_round_trip_upload_read_delete()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var stored = await client.UploadFileAsync(AudioInput.FromFile(ConversationWav), new JigsawStackFileUploadOptions { Key = "h17/conversation copy.wav" });
        using var copy = new MemoryStream();
        var download = await client.DownloadFileAsync(stored.Key, copy);
        var deleted = await client.DeleteFileAsync(stored.Key);
        var again = await Assert.ThrowsAsync<SpeechApiException>(() => client.DeleteFileAsync(stored.Key));

        Assert.Equal(await File.ReadAllBytesAsync(ConversationWav), copy.ToArray());
        Assert.Equal(copy.Length, download.BytesWritten);
        Assert.True(deleted);
        Assert.Equal(404, again.StatusCode);
    }

    [Fact]
    public async Task JigsawStack_per_call_headers_and_rate_limit_over_loopback()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var result = await client.CreateTranscriptionAsync(
            AudioInput.FromFile(ConversationWav),
            requestOptions: new SpeechRequestOptions { Headers = { ["x-jigsaw-skip-cache"] = "true", ["x-jigsaw-no-request-log"] = "true" }, NetworkTimeout = TimeSpan.FromSeconds(30) });

        Assert.Equal(result.RateLimit, result.Response!.RateLimit);
        Assert.NotNull(result.Response.RateLimit!.Reset);
        Assert.Contains("x-jigsaw-rate-limit-limit", result.Response.Headers.Keys, StringComparer.OrdinalIgnoreCase);
    }
}
