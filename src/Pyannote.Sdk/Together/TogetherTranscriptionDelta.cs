namespace Pyannote.Sdk.Together;

/// <summary>Interim text of the segment being spoken (<c>…input_audio_transcription.delta</c>). Each delta is the
/// running text of the whole segment and <b>replaces</b> the previous one; it is not an increment.</summary>
/// <param name="Text">The segment's text so far.</param>
/// <param name="ItemId">The segment's item id, when the service sends one (seen by third parties, undocumented).</param>
/// <param name="Start">Start of the segment in the audio, when sent (undocumented; third-party observation).</param>
/// <param name="Duration">Length of the segment, when sent (undocumented).</param>
public sealed record TogetherTranscriptionDelta(string Text, string? ItemId = null, TimeSpan? Start = null, TimeSpan? Duration = null) : TogetherRealtimeEvent;
