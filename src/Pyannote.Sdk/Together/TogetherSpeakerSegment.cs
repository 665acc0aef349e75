namespace Pyannote.Sdk.Together;

/// <summary>A run of speech by one speaker (diarization only).</summary>
/// <param name="Id">The segment's index, if sent.</param>
/// <param name="SpeakerId">The speaker label, for example <c>SPEAKER_01</c>; <see langword="null"/> when the answer names none.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
/// <param name="Text">What the speaker said.</param>
/// <param name="Words">The segment's words.</param>
public sealed record TogetherSpeakerSegment(int? Id, string? SpeakerId, TimeSpan Start, TimeSpan End, string Text, IReadOnlyList<TogetherWord> Words);
