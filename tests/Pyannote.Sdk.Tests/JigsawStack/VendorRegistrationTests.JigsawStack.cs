using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.DependencyInjection;

public partial class VendorRegistrationTests
{
    [VendorRows]
    private static IEnumerable<Vendor> JigsawStackRegistration() =>
    [
        new Vendor(
            SpeechVendor.JigsawStack,
            "JigsawStack",
            "JIGSAWSTACK_API_KEY",
            typeof(JigsawStackClient),
            (b, t) => b.AddJigsawStack(o => o.Transport = t),
            t => t
                .ThenStatus(200, body: File.ReadAllText(RepoPaths.TestData("jigsawstack", "stt-response-url.json")))
                .ThenStatus(500, body: "{\"success\":false,\"message\":\"internal\"}"),
            (sp, url) => sp.GetRequiredKeyedService<ISpeechClient>("jigsawstack").TranscribeAsync(AudioInput.FromUrl(url), new TranscriptionOptions { Diarize = false })),
    ];

    [Fact]
    public void Configured_JigsawStack_webhook_secrets_reach_the_webhook_options()
    {
        var services = new ServiceCollection();
        services.AddSpeechClients(AllVendors().GetSection("Speech")).EnvironmentReader = _ => null;
        using var sp = services.BuildServiceProvider();

        Assert.Equal(["whsec-jigsawstack-S3CR3T"], sp.GetRequiredService<IOptionsMonitor<Pyannote.Sdk.Webhooks.JigsawStackWebhookOptions>>().CurrentValue.Secrets);
    }
}
