namespace Pyannote.Sdk.PyannoteAI;

/// <summary>
/// A frame-level score series from pyannoteAI: one score (0–100) per frame, frame <c>i</c> covering
/// <c>[i × Resolution, (i + 1) × Resolution)</c> from the start of the audio. Used for the speech and cross-talk
/// probabilities and for frame-level confidence; every series of one job shares the same frame axis. Immutable.
/// </summary>
public class FrameScores
{
    internal FrameScores(IReadOnlyList<double> scores, TimeSpan resolution)
    {
        Scores = scores;
        Resolution = resolution;
    }

    /// <summary>One score (0–100) per frame, from the start of the audio.</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>How much audio one frame covers (pyannoteAI uses 20 ms).</summary>
    public TimeSpan Resolution { get; }

    /// <summary>The audio the series covers: the number of frames times <see cref="Resolution"/>.</summary>
    public TimeSpan Duration => Resolution * Scores.Count;

    /// <summary>The score of the frame that contains <paramref name="time"/>.</summary>
    /// <param name="time">A time from the start of the audio.</param>
    /// <returns>The score (0–100), or <see langword="null"/> when the time is negative or past the last frame, or the
    /// series has no usable resolution.</returns>
    public double? ScoreAt(TimeSpan time) => FrameIndex.Of(Scores.Count, Resolution, time) is { } i ? Scores[i] : null;
}

/// <summary>The one rule mapping a time to a frame of a score series.</summary>
internal static class FrameIndex
{
    public static int? Of(int count, TimeSpan resolution, TimeSpan time)
    {
        if (resolution <= TimeSpan.Zero || time < TimeSpan.Zero)
        {
            return null;
        }

        var index = time.Ticks / resolution.Ticks;
        return index < count ? (int)index : null;
    }
}
