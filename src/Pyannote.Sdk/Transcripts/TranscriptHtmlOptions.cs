namespace Pyannote.Sdk.Transcripts;

/// <summary>How <see cref="TranscriptFormats.ToHtml"/> writes the HTML transcript viewer.</summary>
public sealed class TranscriptHtmlOptions
{
    internal static TranscriptHtmlOptions Default { get; } = new();

    /// <summary>The page's title and heading. Default <c>Transcript</c>.</summary>
    public string Title { get; set; } = "Transcript";

    /// <summary>The audio to play with the transcript: an http or https URL, a <c>file:</c> URL, or a path relative to
    /// where the page will be opened (for example <c>meeting.wav</c> beside the HTML file). <see langword="null"/> for
    /// no player. The page loads nothing but this.</summary>
    public string? AudioUrl { get; set; }

    /// <summary>Names to show instead of speaker labels (for example <c>SPEAKER_00</c> → <c>Alice</c>), in the timeline
    /// and the turns. <see langword="null"/> for none.</summary>
    public IReadOnlyDictionary<string, string>? SpeakerNames { get; set; }

    /// <summary>Whether to show the speaker timeline above the turns. Default <see langword="true"/>.</summary>
    public bool IncludeTimeline { get; set; } = true;

    /// <summary>The timeline's drawing width in pixels (it scales to the page). Default 960; from
    /// <see cref="TimelineOptions.MinWidth"/> to <see cref="TimelineOptions.MaxWidth"/>.</summary>
    public int TimelineWidth { get; set; } = 960;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that breaks a rule.</summary>
    internal void Validate(string paramName)
    {
        if (Title is null)
        {
            throw new ArgumentException($"{nameof(Title)} must not be null.", paramName);
        }

        if (TimelineWidth is < TimelineOptions.MinWidth or > TimelineOptions.MaxWidth)
        {
            throw new ArgumentOutOfRangeException(paramName, TimelineWidth, $"{nameof(TimelineWidth)} must be from {TimelineOptions.MinWidth} to {TimelineOptions.MaxWidth} pixels.");
        }

        if (AudioUrl is not null)
        {
            if (string.IsNullOrWhiteSpace(AudioUrl))
            {
                throw new ArgumentException($"{nameof(AudioUrl)} must not be empty; use null for no audio.", paramName);
            }

            // A scheme is anything before the first ':' that comes before any '/', '?' or '#' (as browsers read it);
            // a Windows drive letter (C:\...) is not a URL scheme browsers would fetch, so it is refused too.
            var colon = AudioUrl.IndexOf(':');
            var cut = AudioUrl.IndexOfAny(['/', '?', '#']);
            if (colon >= 0 && (cut < 0 || colon < cut))
            {
                var scheme = AudioUrl[..colon].Trim();
                if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
                    && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
                    && !scheme.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"{nameof(AudioUrl)} must be an http, https or file URL, or a relative path (its scheme was '{scheme}').", paramName);
                }
            }
        }
    }
}
