using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Transcripts;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class FuzzTests
{
    private const string Secret = "whsec-relia-fuzz-5Jq2";

    [VendorRows]
    private static IEnumerable<Target> PyannoteTargets()
    {
        yield return new Target("PyannoteMapper (job output → result)", SeedFiles("pyannote"), bytes =>
        {
            var parsed = PyannoteMapper.Parse(bytes);
            _ = PyannoteMapper.DetectKind(parsed) switch
            {
                PyannoteWebhookJobKind.Voiceprint => (object)PyannoteMapper.ToVoiceprint(parsed),
                PyannoteWebhookJobKind.Identification => PyannoteMapper.ToIdentificationResult(parsed),
                _ => PyannoteMapper.ToDiarizationResult(parsed, "parakeet-tdt-0.6b-v3")?.Transcript?.ToString(),
            };
            return Task.CompletedTask;
        }, Format);

        yield return new Target("TranscriptFormats.ParseJson (transcript import)", ExtraTargets.Files("pyannote", "*.json"), bytes =>
        {
            var t = TranscriptFormats.ParseJson(bytes);
            _ = t.ToSrt();
            _ = t.ToJson();
            return Task.CompletedTask;
        }, e => e is FormatException);

        var now = DateTimeOffset.UtcNow;
        yield return new Target("PyannoteWebhook.ConstructEvent (signed mutated bodies)", ExtraTargets.Files("pyannote", "*.json"), bytes =>
        {
            var headers = PyannoteWebhook.CreateSignatureHeaders(bytes, Secret, now);
            var e = PyannoteWebhook.ConstructEvent(bytes, headers.Signature, headers.Timestamp, Secret, TimeSpan.FromDays(1));
            _ = e.ToString();
            _ = e.Transcript?.ToString();
            return Task.CompletedTask;
        }, e => e is WebhookVerificationException);
    }
}
