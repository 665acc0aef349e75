namespace Pyannote.Sdk.Together;

/// <summary>Which timestamps to ask for (verbose JSON only). Combine with <c>|</c> for both.</summary>
[Flags]
public enum TogetherTimestampGranularities
{
    /// <summary>No preference (the field is not sent).</summary>
    None = 0,

    /// <summary>Segment-level timestamps.</summary>
    Segment = 1,

    /// <summary>Word-level timestamps.</summary>
    Word = 2,
}
