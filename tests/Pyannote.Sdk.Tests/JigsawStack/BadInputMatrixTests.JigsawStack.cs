using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class BadInputMatrixTests
{
    [VendorRows]
    private static IEnumerable<Case> JigsawStackCases()
    {
        return
        [
            new("JigsawStack", "CreateTranscriptionAsync(null)", c => c.JigsawStack.CreateTranscriptionAsync((AudioInput)null!), "audio", "null"),
            new("JigsawStack", "CreateTranscriptionAsync(stored file null)", c => c.JigsawStack.CreateTranscriptionAsync((JigsawStackStoredFile)null!), "storedFile", "null"),
            new("JigsawStack", "stored file with a blank key", c => c.JigsawStack.CreateTranscriptionAsync(new JigsawStackStoredFile(" ")), "storedFile", "no key"),
            new("JigsawStack", "BatchSize 0", c => c.JigsawStack.CreateTranscriptionAsync(Url, new JigsawStackTranscriptionOptions { BatchSize = 0 }), "options", "between 1 and"),
            new("JigsawStack", "ChunkDuration 0", c => c.JigsawStack.CreateTranscriptionAsync(Url, new JigsawStackTranscriptionOptions { ChunkDuration = 0 }), "options", "more than 0"),
            new("JigsawStack", "ChunkDuration above the maximum", c => c.JigsawStack.CreateTranscriptionAsync(Url, new JigsawStackTranscriptionOptions { ChunkDuration = JigsawStackClient.MaxChunkDurationSeconds + 1 }), "options", "at most"),
            new("JigsawStack", "ftp:// URL", c => c.JigsawStack.CreateTranscriptionAsync(Ftp), "audio", "http"),
            new("JigsawStack", "relative webhook URL", c => c.JigsawStack.StartTranscriptionAsync(Url, new Uri("/hook", UriKind.Relative)), "webhookUrl", "absolute"),
            new("JigsawStack", "null webhook URL", c => c.JigsawStack.StartTranscriptionAsync(Url, null!), "webhookUrl", "null"),
            new("JigsawStack", "UploadFileAsync(URL)", c => c.JigsawStack.UploadFileAsync(Url), "file", "not a URL"),
            new("JigsawStack", "TranscribeAsync with NumSpeakers", c => c.JigsawStack.TranscribeAsync(Url, new TranscriptionOptions { NumSpeakers = 2 }), "TranscriptionOptions.NumSpeakers", "speaker-count"),
            new("JigsawStack", "TranscribeAsync with a Model", c => c.JigsawStack.TranscribeAsync(Url, new TranscriptionOptions { Model = "whisper" }), "TranscriptionOptions.Model", "single"),
            new("client", "NetworkTimeout = -1 s", x => Run(() => _ = new JigsawStackClient("k", new JigsawStackClientOptions { NetworkTimeout = S(-1) })), "options", "NetworkTimeout"),
        ];
    }
}
