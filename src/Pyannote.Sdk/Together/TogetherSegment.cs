namespace Pyannote.Sdk.Together;

/// <summary>One timed segment of a verbose Together answer.</summary>
/// <param name="Id">The segment's index, if sent.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
/// <param name="Text">The segment's text.</param>
public sealed record TogetherSegment(int? Id, TimeSpan Start, TimeSpan End, string Text);
