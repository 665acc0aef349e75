namespace Pyannote.Sdk.Tests.Webhooks;

public static partial class WebhookTestData
{
    public static byte[] PublishedPyannoteBody => Bytes("pyannote", "webhook-diarization-succeeded.json");

    public static string[] PyannoteBodyFiles =>
    [
        Path.Combine("pyannote", "webhook-diarization-succeeded.json"),
        Path.Combine("webhooks", "pyannote-identification-succeeded.json"),
        Path.Combine("webhooks", "pyannote-transcription-succeeded.json"),
        Path.Combine("webhooks", "pyannote-voiceprint-succeeded.json"),
        Path.Combine("webhooks", "pyannote-failed.json"),
    ];
}
