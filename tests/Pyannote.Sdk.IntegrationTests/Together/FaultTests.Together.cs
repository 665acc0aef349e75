using Pyannote.Sdk.Together;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class FaultTests
{
    [Fact]
    public async Task Abort_during_body_surfaces_as_a_transport_error_after_one_request()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/audio/transcriptions", "abort-during-body");

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            NewTogether(emulator).CreateTranscriptionAsync(AudioInput.FromFile(ConversationWav), new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.VerboseJson }));

        // HttpRequestException when the reset is seen while the response is being read in, IOException when it is seen
        // while the body is streamed to the JSON reader: either way a transport error, and the billed request is not repeated.
        var transport = Assert.IsType<SpeechTransportException>(error);
        Assert.True(transport.VendorMayHaveReceived);
        Assert.True(transport.InnerException is HttpRequestException or IOException, error.ToString());
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }

    [Fact]
    public async Task Status_502_does_not_retry_a_billed_transcription()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/audio/transcriptions", "502");
        var error = await Assert.ThrowsAsync<SpeechApiException>(() => NewTogether(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(502, error.StatusCode);
        Assert.Equal(SpeechVendor.Together, error.Vendor);
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }

    [Fact]
    public async Task Slow_body_stalling_past_the_network_timeout_fails_a_billed_request_after_one_request()
    {
        // The response was already handed over when the body stalls, so the retry handler is out of the picture, for
        // billed and idempotent requests alike. The idle limit's clock moves only once the stalled response's headers
        // are in, so neither the upload nor the headers can time out instead.
        var server = new StallDriver.ServerClock();
        await using var emulator = await StartAsync(o => o.TimeProvider = server);

        using var togetherStall = new StallDriver(server);
        var together = NewTogether(emulator, o => togetherStall.Apply(o));
        togetherStall.Arm("/v1/audio/transcriptions", afterHeaders: true);
        emulator.EnqueueFault("/v1/audio/transcriptions", StallDriver.SlowBody);
        var billed = await Assert.ThrowsAsync<SpeechTimeoutException>(() => together.TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal("SpeechTimeoutException", billed.GetType().Name);
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }
}
