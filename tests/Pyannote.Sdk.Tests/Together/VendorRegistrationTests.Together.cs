using Microsoft.Extensions.DependencyInjection;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.DependencyInjection;

public partial class VendorRegistrationTests
{
    [VendorRows]
    private static IEnumerable<Vendor> TogetherRegistration() =>
    [
        new Vendor(
            SpeechVendor.Together,
            "Together",
            "TOGETHER_API_KEY",
            typeof(TogetherClient),
            (b, t) => b.AddTogether(o => o.Transport = t),
            t => t
                .ThenStatus(200, body: "{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":1.5,\"text\":\"Hello\",\"segments\":[]}")
                .ThenStatus(400, body: "{\"error\":{\"message\":\"invalid file\",\"type\":\"invalid_request_error\"}}"),
            (sp, url) => sp.GetRequiredKeyedService<ISpeechClient>("together").TranscribeAsync(AudioInput.FromUrl(url), new TranscriptionOptions { Diarize = false })),
    ];
}
