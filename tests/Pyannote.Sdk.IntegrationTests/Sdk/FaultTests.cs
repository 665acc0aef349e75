using System.Diagnostics;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Every fault the emulator injects, through the real clients, with the SDK's outcome and the exact number of requests
/// the emulator received. The retry rules under test (issue 6): idempotent requests are retried on 408, 429, 5xx and
/// connection failures; requests that create billed work only on 429, 503 or a connection never made, never once the
/// body may have been processed.
/// </summary>
public sealed partial class FaultTests
{
    private const string Remote = "https://example.com/call.wav";

    // ---- 429 with the three ways of saying how long to wait ----

    [Fact]
    public async Task Status_429_with_Retry_After_seconds_is_waited_out_and_retried_even_for_billed_work()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/audio/transcriptions", "429;retry-after=1");
        var client = NewTogether(emulator);

        var clock = Stopwatch.StartNew();
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav));

        Assert.Equal(2, transcript.Speakers.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
        Assert.Equal(2, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 2));
    }

    [Fact]
    public async Task Slow_body_within_the_network_timeout_is_read_to_the_end()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/audio/transcriptions", "slow-body=300");
        var client = NewTogether(emulator, o => o.NetworkTimeout = TimeSpan.FromSeconds(5));

        var clock = Stopwatch.StartNew();
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav));

        AssertConversation(transcript);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {clock.Elapsed}");
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }

    // ---- job outcomes ----
}
