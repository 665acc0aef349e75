using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class FuzzTests
{
    [VendorRows]
    private static IEnumerable<Target> JigsawStackTargets()
    {
        yield return new Target("JigsawStackMapper", SeedFiles("jigsawstack"), bytes =>
        {
            _ = JigsawStackMapper.Parse(bytes).ToTranscript().ToString();
            return Task.CompletedTask;
        }, Format);

        yield return new Target("JigsawStackWebhook.ParseUnverified", ExtraTargets.Files("jigsawstack", "*.json"), bytes =>
        {
            _ = JigsawStackWebhook.ParseUnverified(bytes).ToString();
            return Task.CompletedTask;
        }, e => e is WebhookVerificationException);
    }
}
