namespace Pyannote.Sdk.JigsawStack;

/// <summary>The full text (<c>transcript.done</c>). The order of <c>done</c> and <c>final</c> is not documented; the
/// structured result follows as <see cref="JigsawStackStreamCompleted"/> either way.</summary>
/// <param name="Text">The whole text.</param>
public sealed record JigsawStackStreamDone(string Text) : JigsawStackStreamEvent;
