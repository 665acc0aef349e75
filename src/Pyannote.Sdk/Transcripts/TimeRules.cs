namespace Pyannote.Sdk.Transcripts;

/// <summary>The one place that checks time values coming into the transcript model.</summary>
internal static class TimeRules
{
    public static void EnsureSpan(TimeSpan start, TimeSpan end, string startName, string endName)
    {
        if (start < TimeSpan.Zero)
        {
            throw new ArgumentException($"Start must not be negative (was {start}).", startName);
        }

        if (end < start)
        {
            throw new ArgumentException($"End ({end}) must not be before start ({start}).", endName);
        }
    }

    /// <summary>Converts vendor seconds to a <see cref="TimeSpan"/>, rejecting NaN, infinities and negatives.</summary>
    public static TimeSpan FromSeconds(double seconds, string paramName)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            throw new ArgumentException($"A time must be a finite number of seconds (was {seconds}).", paramName);
        }

        if (seconds < 0)
        {
            throw new ArgumentException($"A time must not be negative (was {seconds} s).", paramName);
        }

        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new ArgumentException($"A time of {seconds} s is out of range.", paramName);
        }

        return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }
}
