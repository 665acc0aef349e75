namespace Pyannote.Sdk.Transcripts;

/// <summary>How <see cref="TranscriptFormats.ToSrt"/> and <see cref="TranscriptFormats.ToWebVtt"/> cut a transcript into
/// caption cues. A cue always ends at a speaker change; within one speaker's turn a new cue starts when the next word
/// would break <see cref="MaxCharactersPerCue"/> or <see cref="MaxCueDuration"/>.</summary>
public sealed class CaptionOptions
{
    /// <summary>The longest cue text in characters, not counting the speaker name. Default 84 (two lines of 42).
    /// A single word longer than this gets a cue of its own.</summary>
    public int MaxCharactersPerCue { get; set; } = 84;

    /// <summary>The longest time one cue stays on screen. Default 7 seconds. A single word longer than this gets a cue of its own.</summary>
    public TimeSpan MaxCueDuration { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>Whether cues name their speaker: SRT text starts with <c>SPEAKER_00: </c>, WebVTT text with a
    /// <c>&lt;v SPEAKER_00&gt;</c> voice tag. Default <see langword="true"/>.</summary>
    public bool IncludeSpeakers { get; set; } = true;

    internal static readonly CaptionOptions Default = new();

    internal void Validate()
    {
        if (MaxCharactersPerCue < 1)
        {
            throw new ArgumentException($"MaxCharactersPerCue must be at least 1 (was {MaxCharactersPerCue}).", "options");
        }

        if (MaxCueDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"MaxCueDuration must be positive (was {MaxCueDuration}).", "options");
        }
    }
}
