using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.Tests.DependencyInjection;

public partial class VendorRegistrationTests
{
    [VendorRows]
    private static IEnumerable<Vendor> NanoGptRegistration() =>
    [
        new Vendor(
            SpeechVendor.NanoGpt,
            "NanoGpt",
            "NANOGPT_API_KEY",
            typeof(NanoGptClient),
            (b, t) => b.AddNanoGpt(o => o.Transport = t),
            t => t
                .ThenStatus(200, body: File.ReadAllText(RepoPaths.TestData("nanogpt", "transcribe-sync-response.json")))
                .ThenStatus(429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(2)), File.ReadAllText(RepoPaths.TestData("nanogpt", "error-429-daily-limit.json"))),
            (sp, url) => sp.GetRequiredKeyedService<ISpeechClient>("nanogpt").TranscribeAsync(AudioInput.FromUrl(url), new TranscriptionOptions { Diarize = false })),
    ];
}
