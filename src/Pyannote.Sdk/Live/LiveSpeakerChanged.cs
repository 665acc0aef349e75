namespace Pyannote.Sdk.Live;

/// <summary>Who speaks now changed: a speaker started, or the current one stopped.</summary>
/// <param name="Speaker">The speaker now talking (the most recent of those talking when turns overlap), or
/// <see langword="null"/> when nobody is.</param>
/// <param name="Time">Where in the audio it happened.</param>
public sealed record LiveSpeakerChanged(string? Speaker, TimeSpan Time) : LiveCaptionEvent;
