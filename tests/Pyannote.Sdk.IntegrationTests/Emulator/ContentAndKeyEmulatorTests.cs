using Pyannote.Sdk.Emulator;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed partial class ContentAndKeyEmulatorTests
{
    [Fact]
    public async Task Start_rejects_invalid_options_before_listening()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SpeechEmulator.StartAsync(new SpeechEmulatorOptions { ApiKey = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => SpeechEmulator.StartAsync(new SpeechEmulatorOptions { JobQueuedDelay = TimeSpan.FromSeconds(-1) }));
        var badFault = new SpeechEmulatorOptions();
        badFault.Faults.Add(new EmulatorFaultRule("*", "retry-after=soon"));
        await Assert.ThrowsAsync<ArgumentException>(() => SpeechEmulator.StartAsync(badFault));
    }
}
