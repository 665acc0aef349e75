using Pyannote.Sdk.Emulator;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed partial class FaultInjectionTests
{
    private static HttpRequestMessage Faulted(HttpMethod method, string path, string fault, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(SpeechEmulator.FaultHeader, fault);
        return request;
    }
}
