namespace Pyannote.Sdk.JigsawStack;

/// <summary>Plain text that follows a segment (<c>transcript.delta</c>). Unlike Together AI's deltas, each one is an
/// <b>increment</b>: concatenated in order they make the text (the vendor's SDK tests send "hello" then " world").</summary>
/// <param name="Delta">The text to append.</param>
public sealed record JigsawStackStreamDelta(string Delta) : JigsawStackStreamEvent;
