using Pyannote.Sdk.IntegrationTests.Emulator;
using Pyannote.Sdk.JigsawStack;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class VendorSdkTests
{
    [Fact]
    public async Task JigsawStack_file_upload_url_and_by_speaker()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var fromFile = await client.CreateTranscriptionAsync(AudioInput.FromFile(ConversationWav), new JigsawStackTranscriptionOptions
        {
            BySpeaker = true,
            Language = "en",
        });
        Assert.Equal(Expected.Words, NormalizedWords(fromFile.Text));
        Assert.Equal(2, fromFile.Chunks.Select(c => c.Speaker).Distinct().Count());
        Assert.NotNull(fromFile.RateLimit?.Limit);
        Assert.StartsWith("emulated-", fromFile.LogId);

        var transcript = await ((ISpeechClient)client).TranscribeAsync(AudioInput.FromFile(ConversationWav));
        Assert.Equal(2, transcript.Speakers.Count);
        Assert.Equal(Expected.Words, NormalizedWords(transcript.Text));
        Assert.Equal(8, transcript.Turns.Count);

        var fromUrl = await client.CreateTranscriptionAsync(AudioInput.FromUrl(RemoteUrl));
        Assert.False(string.IsNullOrWhiteSpace(fromUrl.Text));
        Assert.All(fromUrl.Chunks, c => Assert.Null(c.Speaker));
        Assert.Equal(3, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 3));
    }

    [Fact]
    public async Task JigsawStack_file_store_upload_then_transcribe_by_key()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var stored = await client.UploadFileAsync(AudioInput.FromFile(ConversationWav), new JigsawStackFileUploadOptions { Key = "calls/conversation.wav" });
        Assert.Equal("calls/conversation.wav", stored.Key);
        Assert.Equal(new FileInfo(ConversationWav).Length, stored.Size);

        // The same key again without overwrite is refused; with overwrite it replaces the file.
        var conflict = await Assert.ThrowsAsync<SpeechApiException>(() =>
            client.UploadFileAsync(AudioInput.FromFile(ConversationWav), new JigsawStackFileUploadOptions { Key = "calls/conversation.wav" }));
        Assert.Equal(400, conflict.StatusCode);
        await client.UploadFileAsync(AudioInput.FromFile(ConversationWav), new JigsawStackFileUploadOptions { Key = "calls/conversation.wav", Overwrite = true });

        var byKey = await client.CreateTranscriptionAsync(new JigsawStackStoredFile(stored.Key), new JigsawStackTranscriptionOptions { BySpeaker = true });
        Assert.Equal(Expected.Words, NormalizedWords(byKey.Text));
        Assert.Equal(2, byKey.ToTranscript().Speakers.Count);
        Assert.Equal(3, await CountAsync(emulator, "/v1/store/file", "POST", 3));
    }

    [Fact]
    public async Task JigsawStack_webhook_mode_acknowledges_then_delivers_the_result()
    {
        await using var emulator = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = NewJigsawStack(emulator);

        var ack = await client.StartTranscriptionAsync(
            AudioInput.FromFile(ConversationWav), new Uri(receiver.Url + "?token=abc"), new JigsawStackTranscriptionOptions { BySpeaker = true });

        Assert.True(ack.Success);
        Assert.Equal("processing", ack.Status);
        Assert.False(string.IsNullOrEmpty(ack.Id));
        await emulator.WaitForWebhooksAsync();
        var delivered = Assert.Single(receiver.Requests);
        Assert.Contains(ack.Id!, delivered.BodyText, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"success\"", delivered.BodyText, StringComparison.Ordinal);
        Assert.Contains("planning call", delivered.BodyText, StringComparison.Ordinal);
    }
}
