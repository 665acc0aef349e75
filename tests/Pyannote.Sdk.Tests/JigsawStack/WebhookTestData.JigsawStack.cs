namespace Pyannote.Sdk.Tests.Webhooks;

public static partial class WebhookTestData
{
    public static string[] JigsawStackBodyFiles =>
    [
        Path.Combine("webhooks", "jigsawstack-webhook-chunks.json"),
        Path.Combine("webhooks", "jigsawstack-webhook-by-speaker.json"),
        Path.Combine("webhooks", "jigsawstack-webhook-speaker-chunks.json"),
        Path.Combine("jigsawstack", "stt-webhook-example-verbatim.txt"),
    ];
}
