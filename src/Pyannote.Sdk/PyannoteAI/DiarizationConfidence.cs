using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Frame-level confidence of a diarization: one score (0–100) per frame of <see cref="Resolution"/>.</summary>
public sealed class DiarizationConfidence
{
    internal DiarizationConfidence(IReadOnlyList<double> scores, TimeSpan resolution)
    {
        Scores = scores;
        Resolution = resolution;
    }

    /// <summary>One score (0–100) per frame, from the start of the audio.</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>How much audio one frame covers (for example 20 ms).</summary>
    public TimeSpan Resolution { get; }
}
