namespace Pyannote.Sdk.NanoGpt;

/// <summary>One timed token exactly as NanoGPT returned it.</summary>
/// <param name="Text">The token's text.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
/// <param name="Type">The token's kind as NanoGPT spelled it (<c>word</c>, <c>punctuation</c>), or <see langword="null"/>.</param>
/// <param name="SpeakerId">NanoGPT's zero-based speaker id (<c>speaker_0</c>), or <see langword="null"/>.</param>
public sealed record NanoGptToken(string Text, TimeSpan Start, TimeSpan End, string? Type, string? SpeakerId);
