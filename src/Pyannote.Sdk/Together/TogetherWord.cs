namespace Pyannote.Sdk.Together;

/// <summary>One timed word of a verbose Together answer.</summary>
/// <param name="Word">The word as recognised.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
/// <param name="SpeakerId">The speaker label (for example <c>SPEAKER_00</c>) when diarization was on.</param>
/// <param name="Id">The word's index, if sent.</param>
public sealed record TogetherWord(string Word, TimeSpan Start, TimeSpan End, string? SpeakerId, int? Id);
