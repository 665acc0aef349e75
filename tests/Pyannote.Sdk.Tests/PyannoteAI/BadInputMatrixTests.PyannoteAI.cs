using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class BadInputMatrixTests
{
    [VendorRows]
    private static IEnumerable<Case> PyannoteCases()
    {
        var missing = Path.Combine(Path.GetTempPath(), "pyannote-sdk-missing-" + Guid.NewGuid().ToString("N") + ".wav");
        return
        [
            new("pyannoteAI", "DiarizeAsync(null)", c => c.Pyannote.DiarizeAsync(null!), "audio", "null"),
            new("pyannoteAI", "ftp:// URL", c => c.Pyannote.DiarizeAsync(Ftp), "audio", "http"),
            new("pyannoteAI", "media:// key with a space", c => c.Pyannote.DiarizeAsync(AudioInput.FromUrl("media://bad key")), "url", "URL"),
            new("pyannoteAI", "file that does not exist", c => c.Pyannote.DiarizeAsync(AudioInput.FromFile(missing)), "audio", "does not exist"),
            new("pyannoteAI", "NumSpeakers with MinSpeakers", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { NumSpeakers = 2, MinSpeakers = 1 }), "options", "cannot be combined"),
            new("pyannoteAI", "MinSpeakers > MaxSpeakers", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { MinSpeakers = 3, MaxSpeakers = 2 }), "options", "greater than"),
            new("pyannoteAI", "NumSpeakers = 0", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { NumSpeakers = 0 }), "options", "at least 1"),
            new("pyannoteAI", "http:// webhook", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { Webhook = new Uri("http://example.com/hook") }), "options", "https"),
            new("pyannoteAI", "transcription with community-1", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { Transcription = true, Model = PyannoteModel.Community1 }), "options", "precision-2"),
            new("pyannoteAI", "identify without voiceprints", c => c.Pyannote.IdentifyAsync(Url, new IdentificationOptions()), "options", "voiceprints"),
            new("pyannoteAI", "identify label 'SPEAKER_00'", c => c.Pyannote.IdentifyAsync(Url, Identify(new PyannoteVoiceprint("SPEAKER_00", "abc"))), "options", "SPEAKER_"),
            new("pyannoteAI", "identify MatchingThreshold 101", c => c.Pyannote.IdentifyAsync(Url, Threshold(101)), "options", "between 0 and 100"),
            new("pyannoteAI", "identify options null", c => c.Pyannote.IdentifyAsync(Url, null!), "options", "null"),
            new("pyannoteAI", "GetJobAsync(\"\")", c => c.Pyannote.GetJobAsync(""), "jobId", "empty"),
            new("pyannoteAI", "GetDiarizationJobAsync(\"  \")", c => c.Pyannote.GetDiarizationJobAsync("  "), "jobId", "whitespace"),
            new("pyannoteAI", "UploadAsync(URL)", c => c.Pyannote.UploadAsync(Url), "audio", "local files"),
            new("pyannoteAI", "GetMediaDownloadUrlAsync(\"\")", c => c.Pyannote.GetMediaDownloadUrlAsync(""), "mediaUrl", "empty"),
            new("client", "PyannoteClient(\"\")", x => Run(() => _ = new PyannoteClient("")), "apiKey", "empty"),
            new("client", "Endpoint ftp://", x => Run(() => _ = new PyannoteClient("k", new PyannoteClientOptions { Endpoint = new Uri("ftp://example.com/") })), "options", "Endpoint"),
        ];
    }

    private static IdentificationOptions Identify(params PyannoteVoiceprint[] voiceprints)
    {
        var o = new IdentificationOptions();
        foreach (var v in voiceprints)
        {
            o.Voiceprints.Add(v);
        }

        return o;
    }

    private static IdentificationOptions Threshold(double t)
    {
        var o = Identify(new PyannoteVoiceprint("alice", "abc"));
        o.MatchingThreshold = t;
        return o;
    }
}
