using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class FaultTests
{
    [Fact]
    public async Task Abort_before_headers_is_not_retried_for_billed_work_since_the_body_was_sent()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/ai/transcribe", "abort-before-headers");

        await Assert.ThrowsAsync<SpeechTransportException>(() =>
            NewJigsawStack(emulator).CreateTranscriptionAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(1, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 1));
    }

    [Fact]
    public async Task Status_503_is_retried_for_billed_work_when_the_vendor_asks()
    {
        await using var emulator = await StartAsync();
        var jigsaw = NewJigsawStack(emulator);

        // Billed work is retried on a 503 only when the vendor asks for it with Retry-After.
        emulator.EnqueueFault("/v1/ai/transcribe", "503;retry-after=0");
        var transcript = await jigsaw.TranscribeAsync(AudioInput.FromFile(ConversationWav));
        Assert.Equal(Expected.Words, NormalizedWords(transcript.Text));
        Assert.Equal(2, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 2));
    }

    [Fact]
    public async Task Wrong_shape_is_a_response_format_error()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/ai/transcribe", "wrong-shape");
        await Assert.ThrowsAsync<SpeechResponseFormatException>(() =>
            NewJigsawStack(emulator).CreateTranscriptionAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(1, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 1));
    }
}
