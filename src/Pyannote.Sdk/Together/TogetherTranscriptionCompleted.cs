namespace Pyannote.Sdk.Together;

/// <summary>Final text of one segment (<c>…input_audio_transcription.completed</c>): sent when voice activity
/// detection closes the segment, or after a commit when detection is off.</summary>
/// <param name="Text">The segment's final text (may be empty when a commit found no speech).</param>
/// <param name="ItemId">The segment's item id, when sent.</param>
/// <param name="Start">Start of the segment in the audio, when sent (undocumented).</param>
/// <param name="Duration">Length of the segment, when sent (undocumented).</param>
public sealed record TogetherTranscriptionCompleted(string Text, string? ItemId = null, TimeSpan? Start = null, TimeSpan? Duration = null) : TogetherRealtimeEvent;
