using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class BadInputMatrixTests
{
    [VendorRows]
    private static IEnumerable<Case> TogetherCases()
    {
        var txt = ReliabilityData.TempFile("notes.txt", 16);
        return
        [
            new("Together AI", "CreateTranscriptionAsync(null)", c => c.Together.CreateTranscriptionAsync(null!), "audio", "null"),
            new("Together AI", "Temperature 1.5", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { Temperature = 1.5 }), "options.Temperature", "between 0 and 1"),
            new("Together AI", "Temperature NaN", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { Temperature = double.NaN }), "options.Temperature", "between 0 and 1"),
            new("Together AI", "MinSpeakers 0", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { Diarize = true, MinSpeakers = 0 }), "options.MinSpeakers", "at least 1"),
            new("Together AI", "MinSpeakers > MaxSpeakers", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { Diarize = true, MinSpeakers = 4, MaxSpeakers = 2 }), "options.MinSpeakers", "greater than"),
            new("Together AI", "speaker bounds without Diarize", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { MaxSpeakers = 2 }), "options.Diarize", "Diarize"),
            new("Together AI", "word timestamps with json format", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.Json, TimestampGranularities = TogetherTimestampGranularities.Word }), "options.TimestampGranularities", "VerboseJson"),
            new("Together AI", "ftp:// URL", c => c.Together.CreateTranscriptionAsync(Ftp), "audio", "http"),
            new("Together AI", ".txt file", c => c.Together.CreateTranscriptionAsync(AudioInput.FromFile(txt)), "audio", "accepted"),
            new("Together AI", "translation of null", c => c.Together.CreateTranslationAsync(null!), "audio", "null"),
            new("Together AI", "TranscribeAsync NumSpeakers + MinSpeakers", c => c.Together.TranscribeAsync(Url, new TranscriptionOptions { Diarize = true, NumSpeakers = 2, MinSpeakers = 1 }), "options.NumSpeakers", "cannot be combined"),
            new("Together AI", "TranscribeAsync NumSpeakers without Diarize", c => c.Together.TranscribeAsync(Url, new TranscriptionOptions { Diarize = false, NumSpeakers = 2 }), "options.Diarize", "diarization"),
            new("Together AI", "TranscribeAsync NumSpeakers = 0", c => c.Together.TranscribeAsync(Url, new TranscriptionOptions { NumSpeakers = 0 }), "options.NumSpeakers", "at least 1"),
            new("client", "TogetherClient(\"  \")", x => Run(() => _ = new TogetherClient("  ")), "apiKey", "TOGETHER_API_KEY"),
        ];
    }
}
