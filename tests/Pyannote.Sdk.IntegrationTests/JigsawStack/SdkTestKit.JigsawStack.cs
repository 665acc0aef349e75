using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

internal static partial class SdkTestKit
{
    public static JigsawStackClient NewJigsawStack(SpeechEmulator emulator, Action<JigsawStackClientOptions>? configure = null) =>
        new(emulator.ApiKey, Configure(new JigsawStackClientOptions(), emulator.JigsawStackEndpoint, configure));
}
