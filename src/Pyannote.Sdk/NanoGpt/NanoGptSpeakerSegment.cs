namespace Pyannote.Sdk.NanoGpt;

/// <summary>One speaker segment exactly as NanoGPT returned it.</summary>
/// <param name="Speaker">NanoGPT's one-based speaker label (<c>Speaker 1</c>), or <see langword="null"/>.</param>
/// <param name="Text">What the speaker said.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
public sealed record NanoGptSpeakerSegment(string? Speaker, string Text, TimeSpan Start, TimeSpan End);
