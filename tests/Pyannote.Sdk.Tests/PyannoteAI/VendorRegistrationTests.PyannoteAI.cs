using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests.DependencyInjection;

public partial class VendorRegistrationTests
{
    private const string Presigned = "https://bucket.storage.test/input/a.wav?X-Amz-Credential=CRED-S3CR3T&X-Amz-Signature=SIG-S3CR3T";

    [VendorRows]
    private static IEnumerable<Vendor> PyannoteRegistration() =>
    [
        new Vendor(
            SpeechVendor.Pyannote,
            "Pyannote",
            "PYANNOTE_API_KEY",
            typeof(PyannoteClient),
            (b, t) => b.AddPyannote(o => o.Transport = t),
            t => t
                .ThenStatus(201, body: "{\"url\":\"" + Presigned + "\"}").ThenStatus(200)
                .ThenStatus(201, body: "{\"url\":\"" + Presigned + "\"}").ThenStatus(403, body: "<Error><Code>SignatureDoesNotMatch</Code></Error>"),
            (sp, _) => sp.GetRequiredService<PyannoteClient>().UploadAsync(AudioInput.FromStream(new MemoryStream(TestAudio.WavWith("AUDIO"u8)), "a.wav"))),
    ];

    [Fact]
    public void Configured_webhook_secrets_reach_the_webhook_options()
    {
        var services = new ServiceCollection();
        services.AddSpeechClients(AllVendors().GetSection("Speech")).AddPyannote().EnvironmentReader = _ => null;
        using var sp = services.BuildServiceProvider();

        Assert.Equal(["whsec-pyannote-S3CR3T"], sp.GetRequiredService<IOptionsMonitor<Pyannote.Sdk.Webhooks.PyannoteWebhookOptions>>().CurrentValue.Secrets);
    }
}
