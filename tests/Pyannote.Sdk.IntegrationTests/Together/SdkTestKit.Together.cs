using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

internal static partial class SdkTestKit
{
    public static TogetherClient NewTogether(SpeechEmulator emulator, Action<TogetherClientOptions>? configure = null) =>
        new(emulator.ApiKey, Configure(new TogetherClientOptions(), emulator.TogetherEndpoint, configure));
}
