using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class SecretsTests
{
    [VendorRows]
    private static async Task JigsawStackSecretsAsync(Run run)
    {
        var sink = run.Sink;
        sink.Add(new JigsawStackClient(Secrets.ApiKey).ToString());
        sink.Add(new JigsawStackWebhookOptions { Secrets = { Secrets.WebhookSecret } }.ToString());
        sink.Add(JigsawStackWebhook.CreateCallbackUrl(new Uri("https://example.com/hook"), Secrets.WebhookSecret, "c1").ToString().Contains(Secrets.WebhookSecret, StringComparison.Ordinal) ? "callback URL holds the secret" : null);
        await Task.CompletedTask;
    }
}
