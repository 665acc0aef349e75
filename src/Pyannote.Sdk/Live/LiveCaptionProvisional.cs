namespace Pyannote.Sdk.Live;

/// <summary>Provisional text of the segment being spoken; each one replaces the previous until a
/// <see cref="LiveCaptionFinal"/> firms the segment up.</summary>
/// <param name="Speaker">The speaker of the segment as far as known, or <see langword="null"/>.</param>
/// <param name="Start">Where the segment starts in the audio.</param>
/// <param name="Text">The segment's text so far.</param>
public sealed record LiveCaptionProvisional(string? Speaker, TimeSpan Start, string Text) : LiveCaptionEvent;
