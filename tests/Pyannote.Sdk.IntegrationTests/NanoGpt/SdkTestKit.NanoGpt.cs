using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

internal static partial class SdkTestKit
{
    public static NanoGptClient NewNanoGpt(SpeechEmulator emulator, Action<NanoGptClientOptions>? configure = null) =>
        new(emulator.ApiKey, Configure(new NanoGptClientOptions(), emulator.NanoGptEndpoint, configure));
}
