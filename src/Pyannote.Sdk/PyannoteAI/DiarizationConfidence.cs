namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Frame-level confidence of a diarization (<c>confidence</c> in the job output).</summary>
public sealed class DiarizationConfidence : FrameScores
{
    internal DiarizationConfidence(IReadOnlyList<double> scores, TimeSpan resolution)
        : base(scores, resolution)
    {
    }
}
