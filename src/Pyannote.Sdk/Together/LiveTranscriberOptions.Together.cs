using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Live;

// The Together half of a LiveTranscriber session: real-time transcription settings.
public sealed partial class LiveTranscriberOptions
{
    internal TogetherRealtimeOptions TranscriptionOptions() => new()
    {
        Model = Model,
        Language = Language,
        DisableTurnDetection = true,
        Pacing = Pacing,
        ConnectTimeout = ConnectTimeout,
        FinalResultTimeout = FinalResultTimeout,
        EventBufferCapacity = EventBufferCapacity,
    };
}
