using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Live;

// The pyannoteAI half of a LiveTranscriber session: live diarization settings.
public sealed partial class LiveTranscriberOptions
{
    internal PyannoteLiveOptions DiarizationOptions() => new()
    {
        Pacing = Pacing,
        ConnectTimeout = ConnectTimeout,
        CloseTimeout = FinalResultTimeout,
        EventBufferCapacity = EventBufferCapacity,
    };
}
