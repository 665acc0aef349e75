namespace Pyannote.Sdk.Transcripts;

/// <summary>How <see cref="TranscriptFormats.ToTimelineSvg"/> and <see cref="DiarizationFormats.ToTimelineSvg"/> draw a
/// speaker timeline.</summary>
public sealed class TimelineOptions
{
    /// <summary>The smallest allowed <see cref="Width"/>, in pixels.</summary>
    public const int MinWidth = 240;

    /// <summary>The largest allowed <see cref="Width"/>, in pixels.</summary>
    public const int MaxWidth = 20_000;

    internal static TimelineOptions Default { get; } = new();

    /// <summary>The picture's width in pixels, labels included (the height follows from the number of speakers).
    /// Default 960; from <see cref="MinWidth"/> to <see cref="MaxWidth"/>.</summary>
    public int Width { get; set; } = 960;

    /// <summary>The start of the time range drawn; <see langword="null"/> for the start of the audio (0).</summary>
    public TimeSpan? Start { get; set; }

    /// <summary>The end of the time range drawn; <see langword="null"/> for the audio's duration when known, else the
    /// end of the last segment. Speech outside the range is left out and speech across its edges is cut at them.</summary>
    public TimeSpan? End { get; set; }

    /// <summary>Names to show instead of speaker labels (for example <c>SPEAKER_00</c> → <c>Alice</c>); labels not in
    /// the map are shown as they are. <see langword="null"/> for none.</summary>
    public IReadOnlyDictionary<string, string>? SpeakerNames { get; set; }

    /// <summary>Whether to add a lane under the speakers marking where two or more speakers talk at once. Default
    /// <see langword="true"/>.</summary>
    public bool ShowOverlap { get; set; } = true;

    /// <summary>A title drawn above the lanes (also the picture's accessible name); <see langword="null"/> for none.</summary>
    public string? Title { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that breaks a rule.</summary>
    internal void Validate(string paramName)
    {
        if (Width is < MinWidth or > MaxWidth)
        {
            throw new ArgumentOutOfRangeException(paramName, Width, $"{nameof(Width)} must be from {MinWidth} to {MaxWidth} pixels.");
        }

        if (Start is { } s && s < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, s, $"{nameof(Start)} must not be negative.");
        }

        if (End is { } e && (e <= (Start ?? TimeSpan.Zero)))
        {
            throw new ArgumentOutOfRangeException(paramName, e, $"{nameof(End)} must be after {nameof(Start)}.");
        }
    }
}
