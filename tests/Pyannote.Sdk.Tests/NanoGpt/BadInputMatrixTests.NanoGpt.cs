using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class BadInputMatrixTests
{
    [VendorRows]
    private static IEnumerable<Case> NanoGptCases()
    {
        var big = ReliabilityData.TempFile("big.wav", (int)NanoGptClient.MaxUploadBytes + 1);
        return
        [
            new("NanoGPT", "StartTranscriptionAsync(null)", c => c.NanoGpt.StartTranscriptionAsync(null!), "audio", "null"),
            new("NanoGPT", "Diarize with Whisper", c => c.NanoGpt.StartTranscriptionAsync(Url, new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3, Diarize = true }), "options", "diarizes only"),
            new("NanoGPT", "TagAudioEvents with Whisper", c => c.NanoGpt.StartTranscriptionAsync(Url, new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3, TagAudioEvents = true }), "options", "audio events"),
            new("NanoGPT", "default(NanoGptModel)", c => c.NanoGpt.StartTranscriptionAsync(Url, new NanoGptTranscriptionOptions { Model = default(NanoGptModel) }), "options", "name a NanoGPT model"),
            new("NanoGPT", "Language \"\"", c => c.NanoGpt.StartTranscriptionAsync(Url, new NanoGptTranscriptionOptions { Language = "" }), "options", "Language"),
            new("NanoGPT", "ftp:// URL", c => c.NanoGpt.StartTranscriptionAsync(Ftp), "audio", "http"),
            new("NanoGPT", "file over 3 MB", c => c.NanoGpt.StartTranscriptionAsync(AudioInput.FromFile(big)), "audio", "at most"),
            new("NanoGPT", "TranscribeAsync with MinSpeakers", c => c.NanoGpt.TranscribeAsync(Url, new TranscriptionOptions { MinSpeakers = 2 }), "TranscriptionOptions.MinSpeakers", "speaker-count"),
            new("NanoGPT", "GetTranscriptionJob(\"\")", c => Run(() => c.NanoGpt.GetTranscriptionJob("")), "runId", "empty"),
            new("NanoGPT", "wait with BackoffFactor 0.5", c => c.NanoGpt.GetTranscriptionJob("run-1").WaitForCompletionAsync(new JobWaitOptions { BackoffFactor = 0.5 }), "options", "BackoffFactor"),
            new("NanoGPT", "wait with negative InitialDelay", c => c.NanoGpt.GetTranscriptionJob("run-1").WaitForCompletionAsync(new JobWaitOptions { InitialDelay = S(-1) }), "options", "InitialDelay"),
            new("client", "Retry.MaxRetries = -1", x => Run(() => _ = new NanoGptClient("k", new NanoGptClientOptions { Retry = { MaxRetries = -1 } })), "options", "MaxRetries"),
        ];
    }
}
