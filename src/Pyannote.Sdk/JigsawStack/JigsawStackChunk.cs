namespace Pyannote.Sdk.JigsawStack;

/// <summary>A timed piece of a JigsawStack transcript.</summary>
/// <param name="Start">Start time.</param>
/// <param name="End">End time; <see langword="null"/> when the service sent none (a trailing chunk).</param>
/// <param name="Text">The text as sent (it often has a leading space).</param>
/// <param name="Speaker">The speaker label as sent (for example <c>Speaker 1</c> or <c>SPEAKER_1</c>), or <see langword="null"/>.</param>
public sealed record JigsawStackChunk(TimeSpan Start, TimeSpan? End, string Text, string? Speaker);
