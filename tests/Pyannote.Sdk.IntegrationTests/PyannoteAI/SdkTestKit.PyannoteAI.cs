using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

internal static partial class SdkTestKit
{
    public static PyannoteClient NewPyannote(SpeechEmulator emulator, Action<PyannoteClientOptions>? configure = null) =>
        new(emulator.ApiKey, Configure(new PyannoteClientOptions(), emulator.PyannoteEndpoint, configure));
}
