using System.Text;
using Pyannote.Sdk.Transcripts;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.Tests.Reliability;

/// <summary>Fuzz targets of the transcript import and the webhook readers.</summary>
internal static partial class ExtraTargets
{
    private const string Secret = "whsec-relia-fuzz-5Jq2";

    private static string[] Files(string folder, string pattern) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", folder), pattern).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    static partial void Add(List<FuzzTests.Target> targets)
    {
        targets.Add(new FuzzTests.Target("TranscriptFormats.ParseJson (transcript import)", Files("pyannote", "*.json"), bytes =>
        {
            var t = TranscriptFormats.ParseJson(bytes);
            _ = t.ToSrt();
            _ = t.ToJson();
            return Task.CompletedTask;
        }, e => e is FormatException));

        targets.Add(new FuzzTests.Target("DiarizationFormats.ParseRttm", Files("corpora", "*.rttm"), bytes =>
        {
            _ = DiarizationFormats.ToRttm(DiarizationFormats.ParseRttm(Encoding.UTF8.GetString(bytes)));
            return Task.CompletedTask;
        }, e => e is FormatException));

        var now = DateTimeOffset.UtcNow;
        targets.Add(new FuzzTests.Target("PyannoteWebhook.ConstructEvent (signed mutated bodies)", Files("pyannote", "*.json"), bytes =>
        {
            var headers = PyannoteWebhook.CreateSignatureHeaders(bytes, Secret, now);
            var e = PyannoteWebhook.ConstructEvent(bytes, headers.Signature, headers.Timestamp, Secret, TimeSpan.FromDays(1));
            _ = e.ToString();
            _ = e.Transcript?.ToString();
            return Task.CompletedTask;
        }, e => e is WebhookVerificationException));

        targets.Add(new FuzzTests.Target("JigsawStackWebhook.ParseUnverified", Files("jigsawstack", "*.json"), bytes =>
        {
            _ = JigsawStackWebhook.ParseUnverified(bytes).ToString();
            return Task.CompletedTask;
        }, e => e is WebhookVerificationException));
    }
}
